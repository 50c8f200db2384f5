//! `wh export adr|map|impact|workspace`.

use std::path::Path;
use std::process::ExitCode;

use super::{AdrFormat, ExportCommand, ImpactFormat, MapFormat, ReportFormat};

pub fn run(start: &Path, cmd: &ExportCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        ExportCommand::Adr { reference, format } => export_adr(start, reference, *format),
        ExportCommand::Map { id, format } => export_map(start, id, *format),
        ExportCommand::Impact { id, format } => export_impact(start, id, *format),
        ExportCommand::Workspace { format, output } => {
            export_workspace(start, *format, output.as_deref())
        }
    }
}

fn export_adr(_start: &Path, _reference: &str, _format: AdrFormat) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`wh export adr` is not built yet")
}

fn export_map(_start: &Path, _id: &str, _format: MapFormat) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`wh export map` is not built yet")
}

fn export_impact(_start: &Path, _id: &str, _format: ImpactFormat) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`wh export impact` is not built yet")
}

fn export_workspace(
    _start: &Path,
    _format: ReportFormat,
    _output: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`wh export workspace` is not built yet")
}
