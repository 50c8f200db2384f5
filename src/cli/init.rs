//! `wh init`. STUB: being written.

use std::path::Path;
use std::process::ExitCode;

pub fn run(_dir: Option<&Path>, _sample: bool) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`wh init` is not built yet")
}
