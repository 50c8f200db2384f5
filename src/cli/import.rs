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
    let mut out = super::output::stdout();
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
    out.flush()?;
    // A record that could not be written (not one the workspace already had) is a failure.
    let failed = report.skipped.iter().any(|(n, _, _)| !taken.contains(n));
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Reads an OWM file, writes `maps/ID.toml` (never over an existing file), prints its path on
/// stdout and the importer's diagnostics on stderr.
fn import_owm(start: &Path, file: &Path, id: Option<&str>) -> anyhow::Result<ExitCode> {
    use crate::interop::owm;
    use crate::text::{inert, path};
    use crate::workspace::{discover, reference::is_valid_id, writer, Mode};
    use anyhow::Context;

    let located = discover::discover(start)?;
    if located.mode != Mode::Full {
        anyhow::bail!(
            "{} is an ADR folder without wheelhouse.toml; maps need a workspace (`wh init`)",
            path(&located.root)
        );
    }
    let bytes = std::fs::read(file).with_context(|| format!("reading {}", path(file)))?;
    let text = String::from_utf8(bytes)
        .map_err(|e| anyhow::anyhow!("{}: not UTF-8 text ({e})", path(file)))?;
    let id = match id {
        Some(id) => {
            let id = id.strip_prefix("map:").unwrap_or(id);
            if !is_valid_id(id) {
                anyhow::bail!(
                    "`{}` is not a valid map id: ids are kebab-case ([a-z0-9][a-z0-9-]*)",
                    inert(id)
                );
            }
            id.to_string()
        }
        None => {
            let stem = file
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            owm::slug(&stem)
        }
    };
    let parsed = owm::parse(&text, &id, file);
    let rel = std::path::PathBuf::from(format!("maps/{id}.toml"));
    writer::create_new(&located.root, &rel, &owm::to_toml(&parsed.map))
        .with_context(|| format!("importing {} as map:{id}", path(file)))?;
    for d in &parsed.diagnostics {
        eprintln!("{}", inert(&d.to_string()));
    }
    let m = &parsed.map;
    let links: usize = m.components.iter().map(|c| c.needs.len()).sum();
    eprintln!(
        "map:{id}: {} components, {links} links, {} pipelines, {} notes, {} annotations; {} diagnostic(s)",
        m.components.len(),
        m.pipelines.len(),
        m.notes.len(),
        m.annotations.len(),
        parsed.diagnostics.len()
    );
    super::output::print(&format!("{}\n", path(&located.root.join(&rel))))?;
    Ok(ExitCode::SUCCESS)
}
