//! `--rev` for the read commands, `wh history map`, `wh diff`: the strategy over time, read
//! from the workspace's git history (`crate::history`).

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;

use crate::history::{self, diff, momentum, History, HistoryError};
use crate::text::{inert, inert_multiline};
use crate::workspace::load::{self, Scope};
use crate::workspace::source::FileSource;
use crate::workspace::{discover, Workspace};

/// The workspace found from `start`, from the working tree or as it was at `rev`.
pub fn open(start: &Path, rev: Option<&str>, scope: Scope) -> anyhow::Result<Workspace> {
    Ok(open_with_source(start, rev, scope)?.0)
}

/// [`open`], and where its files were read from.
pub fn open_with_source(
    start: &Path,
    rev: Option<&str>,
    scope: Scope,
) -> anyhow::Result<(Workspace, FileSource)> {
    let located = discover::discover(start)?;
    match rev {
        None => Ok((load::load_scoped(&located, scope), FileSource::Disk)),
        Some(rev) => {
            let at = history::load_at(&located, rev, scope)?;
            Ok((at.workspace, at.source))
        }
    }
}

/// Refuses `--rev` on a command that writes.
pub fn refuse_rev(rev: Option<&str>, what: &str) -> anyhow::Result<()> {
    match rev {
        Some(rev) => anyhow::bail!(
            "{what} changes the working tree; a past revision (--rev {}) is read-only",
            inert(rev)
        ),
        None => Ok(()),
    }
}

/// The repository's history, or `None` (said in one line) where there is none: outside git,
/// or a shallow clone, is not an error.
fn open_history(root: &Path) -> anyhow::Result<Option<History>> {
    match History::open(root) {
        Ok(h) => Ok(Some(h)),
        Err(HistoryError::NoHistory(why)) => {
            println!("no history: {}", inert(&why));
            Ok(None)
        }
        Err(e) => Err(e.into()),
    }
}

/// `wh history map ID [--since DATE|REV] [--json]`
pub fn history_map(
    start: &Path,
    id: &str,
    since: Option<&str>,
    rev: Option<&str>,
    json: bool,
) -> anyhow::Result<ExitCode> {
    let located = discover::discover(start)?;
    let Some(hist) = open_history(&located.root)? else {
        return Ok(ExitCode::SUCCESS);
    };
    let since = match since {
        None => momentum::Since::Beginning,
        Some(s) if crate::workspace::load::valid_date(s) => momentum::Since::Date(s.to_string()),
        Some(s) => momentum::Since::Commit(hist.resolve(s)?.id),
    };
    // `--rev`: the history up to that revision, nothing after it
    let h = momentum::map_history(&hist, id, &since, rev.unwrap_or("HEAD"))
        .with_context(|| format!("history of map `{}`", inert(id)))?;
    let mut out = super::output::stdout();
    if json {
        super::output::write_json(&mut out, &h)?;
        return Ok(ExitCode::SUCCESS);
    }
    write!(out, "{}", render_history(&h))?;
    Ok(ExitCode::SUCCESS)
}

/// `wh history metric [ID] [--json]`
pub fn history_metric(
    start: &Path,
    id: Option<&str>,
    rev: Option<&str>,
    json: bool,
) -> anyhow::Result<ExitCode> {
    let located = discover::discover(start)?;
    // the metrics as they were at `--rev`, their series up to it
    let ws = match rev {
        Some(r) => history::load_at(&located, r, Scope::Full)?.workspace,
        None => load::load_scoped(&located, Scope::Full),
    };
    let metrics: Vec<_> = match id {
        Some(id) => match ws.metrics.iter().find(|m| m.id == id) {
            Some(m) => vec![m.clone()],
            None => anyhow::bail!("no metric `{}` in wheelhouse.toml", inert(id)),
        },
        None => ws.metrics.clone(),
    };
    let Some(hist) = open_history(&located.root)? else {
        return Ok(ExitCode::SUCCESS);
    };
    let series =
        crate::history::metric_series::metric_series(&hist, &metrics, rev.unwrap_or("HEAD"))
            .context("reading the metrics' history")?;
    let mut out = super::output::stdout();
    if json {
        super::output::write_json(&mut out, &series)?;
        return Ok(ExitCode::SUCCESS);
    }
    for s in &series {
        writeln!(
            out,
            "metric {}: {} samples, {} from git",
            inert(&s.metric),
            s.samples.len(),
            s.from_git()
        )?;
        for x in &s.samples {
            let from = x
                .from_git
                .as_ref()
                .map_or(String::new(), |c| format!("  (git {c})"));
            writeln!(out, "  {}  {:>12}{from}", inert(&x.date), x.value)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The table `wh history map` prints.
pub fn render_history(h: &momentum::MapHistory) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "map {}: {}, {} changed the map",
        inert(&h.map),
        crate::text::count(h.commits, "commit"),
        h.changes
    );
    let _ = writeln!(
        s,
        "{:<20} {:<19} {:<19} {:>6} {:>6} {:>9}  crossings",
        "component", "first seen", "last moved", "evo", "Δevo", "per 90d"
    );
    for c in &h.components {
        let seen = format!("{} {}", c.first_seen.date, c.first_seen.commit);
        let moved = c
            .last_moved
            .as_ref()
            .map_or("-".to_string(), |m| format!("{} {}", m.date, m.commit));
        let crossings: Vec<String> = c
            .crossings
            .iter()
            .map(|x| {
                format!(
                    "{} → {}, {}, {}",
                    inert(&x.from),
                    inert(&x.to),
                    x.date,
                    x.commit
                )
            })
            .collect();
        let mut tail = crossings.join("; ");
        if c.removed {
            tail = format!("(removed) {tail}");
        }
        if let Some(d) = c.stuck_days {
            tail = format!("{tail} (not moved for {d} days with inertia or evolve pending)");
        }
        let id = inert(&c.id);
        let _ = writeln!(
            s,
            "{:<20} {:<19} {:<19} {:>6.2} {:>+6.2} {:>+9.3}  {}",
            id,
            seen,
            moved,
            c.evolution,
            c.delta_evolution,
            c.speed_per_90_days,
            tail.trim()
        );
    }
    s
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum DiffFormat {
    Text,
    Markdown,
}

/// `wh diff [REV_A] [REV_B]`: REV_A defaults to the last tag, else the previous commit; REV_B
/// to the working tree. `--rev R` (`rev`) is REV_B, and REV_A then defaults to the commit
/// before it: what changed up to R.
pub fn diff(
    start: &Path,
    rev_a: Option<&str>,
    rev_b: Option<&str>,
    rev: Option<&str>,
    json: bool,
    format: DiffFormat,
) -> anyhow::Result<ExitCode> {
    if rev.is_some() && rev_b.is_some() {
        anyhow::bail!(
            "wh diff takes both revisions as arguments (wh diff A B); --rev is one of them"
        );
    }
    let rev_b = rev_b.or(rev);
    let located = discover::discover(start)?;
    let Some(hist) = open_history(&located.root)? else {
        return Ok(ExitCode::SUCCESS);
    };
    let rev_a = match (rev_a, rev) {
        (Some(r), _) => r.to_string(),
        (None, Some(r)) => {
            let before = format!("{r}~1");
            if hist.resolve(&before).is_err() {
                // said in the user's terms, not as the `R~1` they never typed
                anyhow::bail!(
                    "{} is the first commit: there is nothing before it to compare it with",
                    inert(r)
                );
            }
            before
        }
        (None, None) => default_base(&hist)?,
    };
    let old = history::load_at(&located, &rev_a, Scope::Full)?;
    let (new, to) = match rev_b {
        Some(r) => {
            let at = history::load_at(&located, r, Scope::Full)?;
            let label = at.source.revision().unwrap_or(r).to_string();
            (at.workspace, label)
        }
        None => (load::load(&located), "working tree".to_string()),
    };
    let from = old.source.revision().unwrap_or(&rev_a).to_string();
    let d = diff::diff(&old.workspace, &new, &from, &to);
    let mut out = super::output::stdout();
    if json {
        super::output::write_json(&mut out, &d)?;
    } else {
        let text = diff::render(&d, matches!(format, DiffFormat::Markdown));
        write!(out, "{}", inert_multiline(&text))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The last tag reachable from HEAD, else the previous commit (HEAD itself in a repository
/// of one commit).
fn default_base(hist: &History) -> anyhow::Result<String> {
    if let Some(tag) = hist.last_tag()? {
        return Ok(tag);
    }
    Ok(match hist.resolve("HEAD~1") {
        Ok(_) => "HEAD~1".into(),
        Err(_) => "HEAD".into(),
    })
}
