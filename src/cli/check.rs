//! `wh check`. STUB: being written.

use std::path::Path;
use std::process::ExitCode;

use super::CheckFormat;

pub fn run(_dir: &Path, _format: CheckFormat) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`wh check` is not built yet")
}
