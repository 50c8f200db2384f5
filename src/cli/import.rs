//! `wh import ...`. STUB: being written.

use std::path::Path;
use std::process::ExitCode;

use super::ImportCommand;

pub fn run(_start: &Path, _cmd: &ImportCommand) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`wh import` is not built yet")
}
