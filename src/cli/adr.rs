//! `wh adr ...`. STUB: being written.

use std::path::Path;
use std::process::ExitCode;

use super::AdrCommand;

pub fn run(_start: &Path, _cmd: &AdrCommand) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`wh adr` is not built yet")
}
