//! `wh check [PATH] [--format text|json]`: every diagnostic of the workspace, a summary line,
//! exit 1 when there is any error. The JSON shape is documented in docs/cli-json.md.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;

use crate::text::count;
use serde::Serialize;

use super::CheckFormat;
use crate::text::inert;
use crate::workspace::{Diagnostic, Severity, Workspace};

#[derive(Serialize)]
struct Report<'a> {
    workspace: String,
    files: usize,
    errors: usize,
    warnings: usize,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    file: String,
    line: u32,
    col: u32,
    severity: Severity,
    code: &'a str,
    message: &'a str,
    target: Option<String>,
}

pub fn run(
    dir: &Path,
    format: CheckFormat,
    rev: Option<&str>,
    strategy: bool,
) -> anyhow::Result<ExitCode> {
    let (mut ws, source) =
        super::history::open_with_source(dir, rev, crate::workspace::load::Scope::Full)
            .context("cannot check")?;
    if strategy {
        strategy_lint(&mut ws, &source);
    }
    let errors = ws.error_count();
    let warnings = ws.diagnostics.len() - errors;
    let mut out = super::output::stdout();
    match format {
        CheckFormat::Text => {
            for d in &ws.diagnostics {
                writeln!(out, "{}", line(d))?;
            }
            writeln!(out, "{}", summary(errors, warnings, ws.files.len()))?;
        }
        CheckFormat::Json => {
            let report = Report {
                workspace: ws.root.display().to_string(),
                files: ws.files.len(),
                errors,
                warnings,
                diagnostics: ws
                    .diagnostics
                    .iter()
                    .map(|d| JsonDiagnostic {
                        file: slash_path(&d.file),
                        line: d.line,
                        col: d.col,
                        severity: d.severity,
                        code: d.code,
                        message: &d.message,
                        target: d.target.as_ref().map(ToString::to_string),
                    })
                    .collect(),
            };
            // the same terminal-safe JSON writer as every other --json output
            super::output::write_json(&mut out, &report)?;
        }
    }
    out.flush()?;
    // The process ends here: freeing 10,000 records one by one would only cost time.
    std::mem::forget(ws);
    Ok(if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `path:line:col: error|warning: message`, safe for a terminal.
fn line(d: &Diagnostic) -> String {
    let sev = if d.is_error() { "error" } else { "warning" };
    format!(
        "{}:{}:{}: {}: {}",
        inert(&slash_path(&d.file)),
        d.line,
        d.col,
        sev,
        inert(&d.message)
    )
}

/// Adds the strategy lint's warnings (and any problem in `[lint]`) to the diagnostics.
fn strategy_lint(ws: &mut Workspace, source: &crate::workspace::source::FileSource) {
    use crate::workspace::strategy_lint::{lint, LintConfig};
    let mut buf = Vec::new();
    let (cfg, mut diags) = match source.read(&ws.root, Path::new("wheelhouse.toml"), &mut buf) {
        Ok(n) => LintConfig::from_root_text(&String::from_utf8_lossy(&buf[..n])),
        Err(_) => (LintConfig::default(), Vec::new()),
    };
    diags.extend(lint(ws, &cfg, &crate::workspace::edit::today()));
    // the history half reads HEAD's history: at a past revision it would not be that one's
    if matches!(source, crate::workspace::source::FileSource::Disk) {
        diags.extend(crate::history::lint::lint(ws, &cfg));
    }
    ws.diagnostics.extend(diags);
    ws.diagnostics
        .sort_by(|a, b| (&a.file, a.line, a.col).cmp(&(&b.file, b.line, b.col)));
}

fn slash_path(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

/// `N errors, M warnings in K files` (K: files checked).
pub fn summary(errors: usize, warnings: usize, files: usize) -> String {
    format!(
        "{}, {} in {}",
        count(errors, "error"),
        count(warnings, "warning"),
        count(files, "file")
    )
}
