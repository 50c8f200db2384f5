//! `wh import adr|owm`.

use std::path::Path;
use std::process::ExitCode;

use super::ImportCommand;

pub fn run(start: &Path, cmd: &ImportCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        ImportCommand::Adr { dir } => import_adr(start, dir),
        ImportCommand::Owm { file, id } => import_owm(start, file, id.as_deref()),
    }
}

fn import_adr(_start: &Path, _dir: &Path) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`wh import adr` is not built yet")
}

fn import_owm(_start: &Path, _file: &Path, _id: Option<&str>) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`wh import owm` is not built yet")
}
