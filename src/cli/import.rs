//! `wh import adr|owm`.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use super::ImportCommand;

pub fn run(start: &Path, cmd: &ImportCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        ImportCommand::Adr { dir } => import_adr(start, dir),
        ImportCommand::Owm { file, id } => import_owm(start, file, id.as_deref()),
    }
}

/// Markdown ADR folder → `decisions/NNNN-slug.toml`; existing records are never overwritten.
fn import_adr(start: &Path, dir: &Path) -> anyhow::Result<ExitCode> {
    use crate::interop::adr_import;
    use crate::text::inert;
    use crate::workspace::{Mode, Workspace};

    if !dir.is_dir() {
        anyhow::bail!("{}: not a folder", inert(&dir.display().to_string()));
    }
    let ws = Workspace::open(start)?;
    if ws.mode != Mode::Full {
        anyhow::bail!(
            "{} is a markdown ADR folder, not a wheelhouse workspace: run `wh init` first \
             (records go to decisions/ beside wheelhouse.toml)",
            inert(&ws.root.display().to_string())
        );
    }
    let taken = ws.decisions.iter().map(|a| a.number).collect();
    let report = adr_import::import_dir(&ws.root, dir, &taken);

    let mut err = std::io::stderr().lock();
    for d in report
        .diagnostics
        .iter()
        .filter(|d| d.code != "missing-status")
    {
        let _ = writeln!(err, "{}", inert(&d.to_string()));
    }
    let mut out = std::io::stdout().lock();
    for (n, path) in &report.written {
        writeln!(
            out,
            "wrote {} (adr:{n})",
            inert(&path.display().to_string())
        )?;
    }
    for (n, source, why) in &report.skipped {
        let _ = writeln!(
            err,
            "skipped {} (adr:{n}): {}",
            inert(&source.display().to_string()),
            inert(why)
        );
    }
    writeln!(
        out,
        "{} markdown records read from {}: {} written, {} skipped",
        report.read,
        inert(&dir.display().to_string()),
        report.written.len(),
        report.skipped.len()
    )?;
    if !report.without_status.is_empty() {
        let list: Vec<String> = report
            .without_status
            .iter()
            .map(|n| format!("adr:{n}"))
            .collect();
        writeln!(
            out,
            "{} written without a status (the markdown gave none): set `status` in each ({}); `wh check` lists them",
            list.len(),
            list.join(", ")
        )?;
    }
    // A record that could not be written (not one the workspace already had) is a failure.
    let failed = report.skipped.iter().any(|(n, _, _)| !taken.contains(n));
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn import_owm(_start: &Path, _file: &Path, _id: Option<&str>) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`wh import owm` is not built yet")
}
