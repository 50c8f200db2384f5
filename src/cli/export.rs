//! `wh export adr|map|impact|workspace`.

use std::path::Path;
use std::process::ExitCode;

use super::{AdrFormat, ExportCommand, ImpactFormat, MapFormat, ReportFormat};

pub fn run(start: &Path, cmd: &ExportCommand, rev: Option<&str>) -> anyhow::Result<ExitCode> {
    match cmd {
        ExportCommand::Adr { reference, format } => export_adr(start, rev, reference, *format),
        ExportCommand::Map { id, format } => export_map(start, rev, id, *format),
        ExportCommand::Impact { id, format } => export_impact(start, rev, id, *format),
        ExportCommand::Workspace { format, output } => {
            export_workspace(start, rev, *format, output.as_deref())
        }
    }
}

/// The whole workspace, from the working tree or at `--rev`.
fn open(start: &Path, rev: Option<&str>) -> anyhow::Result<crate::workspace::Workspace> {
    super::history::open(start, rev, crate::workspace::load::Scope::Full)
}

/// One record as markdown on stdout (MADR 4 or adr-tools), from TOML or from a markdown folder.
fn export_adr(
    start: &Path,
    rev: Option<&str>,
    reference: &str,
    format: AdrFormat,
) -> anyhow::Result<ExitCode> {
    use crate::interop::adr_export;
    use crate::text::inert;
    let ws = open(start, rev)?;
    let Some(number) = crate::workspace::reference::parse_adr_number(reference) else {
        anyhow::bail!(
            "`{}` is not an ADR reference (7, 0007, adr:7 or ADR-0007)",
            inert(reference)
        );
    };
    let Some(adr) = ws.decision(number) else {
        anyhow::bail!("no adr:{number} in {}", crate::text::path(&ws.root));
    };
    let title_of = |n: u32| ws.decision(n).map(|a| a.title.clone());
    // The markdown escaper inside the export makes it safe to print: no terminal filter, whose
    // visible forms would change the markdown.
    let text = match format {
        AdrFormat::Madr => adr_export::to_madr(adr),
        AdrFormat::Nygard => adr_export::to_nygard(adr, &title_of),
    };
    write_stdout(&text)
}

/// Prints one map as OWM text, Mermaid `wardley-beta` or an SVG picture. What the format
/// cannot carry is said on stderr.
fn export_map(
    start: &Path,
    rev: Option<&str>,
    id: &str,
    format: MapFormat,
) -> anyhow::Result<ExitCode> {
    use crate::interop::{mermaid, owm, svg};
    use crate::text::{inert, inert_multiline};
    let ws = open(start, rev)?;
    // Accept `serving` and `map:serving` alike.
    let wanted = id.strip_prefix("map:").unwrap_or(id);
    let Some(map) = ws.map(wanted) else {
        let known: Vec<&str> = ws.maps.iter().map(|m| m.id.as_str()).collect();
        anyhow::bail!(
            "no map `{}` in {} (maps: {})",
            inert(wanted),
            crate::text::path(&ws.root),
            if known.is_empty() {
                "none".to_string()
            } else {
                known.join(", ")
            }
        );
    };
    // SVG and Mermaid have escapers of their own that leave nothing raw for a terminal; the
    // terminal filter would break them (its `<U+202E>` is not well-formed XML). OWM text has
    // no escape syntax, so it takes the filter.
    let (text, warnings) = match format {
        MapFormat::Owm => {
            let (text, warnings) = owm::write_with_warnings(map);
            (inert_multiline(&text).into_owned(), warnings)
        }
        MapFormat::Mermaid => mermaid::render_with_warnings(map),
        MapFormat::Svg => (svg::render_map(map, &svg::SvgStyle::print()), Vec::new()),
    };
    for w in warnings {
        eprintln!("wh: map:{}: {}", map.id, inert(&w));
    }
    write_stdout(&text)
}

fn export_impact(
    start: &Path,
    rev: Option<&str>,
    id: &str,
    format: ImpactFormat,
) -> anyhow::Result<ExitCode> {
    use crate::interop::impact_export;
    let ws = open(start, rev)?;
    // Accept `grow-members` and `impact:grow-members` alike.
    let wanted = id.strip_prefix("impact:").unwrap_or(id);
    let Some(map) = ws.impact_map(wanted) else {
        let known: Vec<&str> = ws.impact_maps.iter().map(|m| m.id.as_str()).collect();
        anyhow::bail!(
            "no impact map `{}` in {} (impact maps: {})",
            crate::text::inert(wanted),
            crate::text::path(&ws.root),
            if known.is_empty() {
                "none".to_string()
            } else {
                known.join(", ")
            }
        );
    };
    let text = match format {
        ImpactFormat::Mermaid => impact_export::mermaid(&ws, map),
        ImpactFormat::Markdown => impact_export::markdown(&ws, map),
    };
    write_stdout(&text)
}

/// Prints an export (a reader that stops early is handled in `cli::run`).
fn write_stdout(text: &str) -> anyhow::Result<ExitCode> {
    super::output::print(text)?;
    Ok(ExitCode::SUCCESS)
}

fn export_workspace(
    start: &Path,
    rev: Option<&str>,
    format: ReportFormat,
    output: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    use crate::interop::report;
    use anyhow::Context;
    let ReportFormat::Markdown = format;
    let ws = open(start, rev)?;
    let Some(dir) = output else {
        return write_stdout(&report::build(&ws, false).markdown);
    };
    let built = report::build(&ws, true);
    for (rel, contents) in built.files() {
        let path = dir.join(&rel);
        crate::workspace::writer::write_output(&path, contents)
            .with_context(|| format!("writing the report into {}", crate::text::path(dir)))?;
    }
    eprintln!(
        "wrote {} and {} map picture(s) in {}",
        report::REPORT_FILE,
        built.pictures.len(),
        crate::text::path(dir)
    );
    Ok(ExitCode::SUCCESS)
}
