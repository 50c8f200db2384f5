//! `wh export ...`. STUB: being written.

use std::path::Path;
use std::process::ExitCode;

use super::ExportCommand;

pub fn run(_start: &Path, _cmd: &ExportCommand) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`wh export` is not built yet")
}
