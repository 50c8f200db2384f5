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
    // The folder may be the workspace's own markdown folder (adr-dirs): its records are the ones
    // being converted, so their numbers are not "taken"; once converted, adr-dirs drops it.
    let canonical = |p: &Path| p.canonicalize().ok();
    let own = ws
        .meta
        .adr_dirs
        .iter()
        .find(|d| {
            canonical(&ws.root.join(d)).is_some() && canonical(&ws.root.join(d)) == canonical(dir)
        })
        .cloned();
    let from_own = |a: &crate::workspace::Adr| {
        own.as_ref().is_some_and(|d| {
            ws.file_path(a.origin.file)
                .and_then(Path::parent)
                .is_some_and(|p| {
                    p == d.as_path() || (p.as_os_str().is_empty() && d == Path::new("."))
                })
        })
    };
    let taken = ws
        .decisions
        .iter()
        .filter(|a| !from_own(a))
        .map(|a| a.number)
        .collect();
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
    for (was, now, source) in &report.renumbered {
        writeln!(
            out,
            "renumbered {} from {was} to adr:{now}: an earlier record of this folder has number {was}",
            inert(&source.display().to_string())
        )?;
    }
    if let (Some((first_slug, first)), Some((_, last))) =
        (report.numbered.first(), report.numbered.last())
    {
        writeln!(
            out,
            "log4brains records have no numbers: {} numbered adr:{first}..adr:{last} in date order; \
             each keeps its slug (`slug = \"{}\"`…), so adr:<slug> links still resolve",
            report.numbered.len(),
            inert(first_slug)
        )?;
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
    if let (Some(own), false) = (&own, failed) {
        drop_adr_dir(&ws, own)?;
        writeln!(
            out,
            "{} is converted: it is no longer in adr-dirs of wheelhouse.toml, so each record is \
             listed once (its files stay; delete them when you are ready)",
            inert(&own.display().to_string())
        )?;
    }
    out.flush()?;
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Takes `dir` out of `adr-dirs` in wheelhouse.toml, keeping the rest of the file.
fn drop_adr_dir(ws: &crate::workspace::Workspace, dir: &Path) -> anyhow::Result<()> {
    use crate::workspace::discover::ROOT_FILE;
    let Some(file) = ws.files.iter().find(|f| f.path == Path::new(ROOT_FILE)) else {
        return Ok(());
    };
    let name = dir.to_string_lossy().replace('\\', "/");
    crate::workspace::writer::edit(&ws.root, file, |doc| {
        if let Some(array) = doc
            .get_mut("workspace")
            .and_then(|w| w.get_mut("adr-dirs"))
            .and_then(|a| a.as_array_mut())
        {
            array.retain(|v| v.as_str().map(|s| s.trim_end_matches('/')) != Some(name.as_str()));
        }
        Ok(())
    })?;
    Ok(())
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
    let text = String::from_utf8(bytes).map_err(|e| {
        // where, as every other message says it: line and column of the first bad byte
        let bytes = e.as_bytes();
        let valid = String::from_utf8_lossy(&bytes[..e.utf8_error().valid_up_to()]);
        let (line, col) =
            crate::workspace::diagnostic::LineIndex::new(&valid).line_col(valid.len());
        anyhow::anyhow!("{}:{line}:{col}: the file is not UTF-8 text", path(file))
    })?;
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
