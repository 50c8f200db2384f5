//! `wh init [DIR] [--sample]`: a new workspace, as a commented skeleton or a copy of the
//! sample (embedded in the binary at build time by build.rs, so it works anywhere).
//! Never writes over anything: every file goes through `writer::create_new`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};

use crate::text::inert;
use crate::workspace::discover::ROOT_FILE;
use crate::workspace::{edit, writer};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/sample_files.rs"));
}

/// The sample workspace shipped in the binary: (relative path, bytes).
pub fn sample_files() -> &'static [(&'static str, &'static [u8])] {
    embedded::SAMPLE_FILES
}

pub fn run(dir: Option<&Path>, sample: bool) -> anyhow::Result<ExitCode> {
    let dir = dir
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    if dir.join(ROOT_FILE).exists() {
        bail!(
            "{} is already a workspace ({} exists); not touching it",
            inert(&dir.display().to_string()),
            ROOT_FILE
        );
    }
    // An ADR folder the repository already has (adr-tools' `.adr-dir`, `doc/adr`, ...) stays
    // where it is: the workspace names it, and records are read and written there.
    let adr_dir = crate::workspace::markdown_adr::find_adr_dir(&dir)
        .filter(|d| d.to_str().is_some_and(|s| !s.contains(['"', '\\'])));
    let files = if sample {
        let files = sample_files();
        if files.is_empty() {
            bail!("this wh was built without the sample workspace (sample-data/ was missing at build time)");
        }
        files
            .iter()
            .map(|(rel, bytes)| {
                let text = std::str::from_utf8(bytes)
                    .with_context(|| format!("sample file {rel} is not UTF-8"))?;
                Ok((PathBuf::from(rel), text.to_string()))
            })
            .collect::<anyhow::Result<Vec<_>>>()?
    } else {
        let mut files = vec![(
            PathBuf::from(ROOT_FILE),
            skeleton(&workspace_name(&dir), adr_dir.as_deref()),
        )];
        // a markdown ADR folder keeps the records; otherwise decisions/ gets the template
        if adr_dir.is_none() {
            files.push((
                PathBuf::from(edit::TEMPLATE_FILE),
                edit::default_toml_template().to_string(),
            ));
        }
        files
    };
    // Check everything first: refuse before writing anything rather than half-way through.
    let clashes: Vec<String> = files
        .iter()
        .filter(|(rel, _)| dir.join(rel).exists())
        .map(|(rel, _)| rel.display().to_string())
        .collect();
    if !clashes.is_empty() {
        bail!(
            "{} already holds {}; not writing over it",
            inert(&dir.display().to_string()),
            inert(&clashes.join(", "))
        );
    }
    std::fs::create_dir_all(&dir)
        .with_context(|| format!("cannot create {}", inert(&dir.display().to_string())))?;
    for sub in ["impact", "maps", "decisions"] {
        let p = dir.join(sub);
        std::fs::create_dir_all(&p)
            .with_context(|| format!("cannot create {}", inert(&p.display().to_string())))?;
    }
    // wheelhouse.toml last: a failure half-way does not leave something that looks finished.
    let (root_files, others): (Vec<_>, Vec<_>) = files
        .iter()
        .partition(|(rel, _)| rel == Path::new(ROOT_FILE));
    for (rel, text) in others.into_iter().chain(root_files) {
        writer::create_new(&dir, rel, text)?;
    }
    let shown = inert(&dir.display().to_string()).into_owned();
    let created = if sample {
        format!(
            "created the sample workspace in {shown} ({} files)",
            files.len()
        )
    } else {
        match &adr_dir {
            Some(d) => format!(
                "created a new workspace in {shown}: {ROOT_FILE}, impact/, maps/, decisions/\n\
                 decisions stay in {} (adr-dirs in {ROOT_FILE}): `wh adr new` writes them there, \
                 in that folder's format",
                inert(&d.display().to_string())
            ),
            None => format!(
                "created a new workspace in {shown}: {ROOT_FILE}, impact/, maps/, decisions/ \
                 (with {}, what a new record starts from)",
                edit::TEMPLATE_FILE
            ),
        }
    };
    super::output::print(&format!("{created}\nnext: `wh -C {shown}` opens the cockpit, `wh -C {shown} check` checks it, `wh -C {shown} adr new \"Title\"` records a decision\n"))?;
    Ok(ExitCode::SUCCESS)
}

/// The folder's name, for `[workspace] name`.
fn workspace_name(dir: &Path) -> String {
    let abs = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    abs.components()
        .next_back()
        .and_then(|c| match c {
            std::path::Component::Normal(n) => n.to_str().map(str::to_string),
            _ => None,
        })
        .unwrap_or_else(|| "My workspace".to_string())
}

/// A TOML basic string, escaped.
fn quoted(s: &str) -> String {
    toml_edit::Value::from(s).to_string()
}

fn skeleton(name: &str, adr_dir: Option<&Path>) -> String {
    let adr_dirs = match adr_dir {
        Some(d) => format!(
            "adr-dirs = [{}]   # the markdown ADR folder: records are read and written there\n",
            quoted(&d.to_string_lossy().replace('\\', "/"))
        ),
        None => {
            "# adr-dirs = [\"docs/adr\"]       # markdown ADR folders: new records are written \
                 to the first\n"
                .to_string()
        }
    };
    format!(
        r#"# A wheelhouse workspace. The format: docs/format.md in the wheelhouse repository.
# `wh check` reports any problem as file:line:col.
[workspace]
name = {name}
description = ""
format = 1
{adr_dirs}
# The four phases of the Value Flywheel, in order. Each may also have: title, persona,
# summary (markdown), challenges, moves, tenets (to replace the three built-in ones), links.
# status: not-started | in-progress | healthy | at-risk

# Clarity of Purpose (CEO): a data-informed north star, time to value, map the market.
[phase.clarity]
status = "not-started"
challenges = []
moves = []

# Challenge & Landscape (engineers): psychological safety, the system is the asset, map the org.
[phase.challenge]
status = "not-started"
challenges = []
moves = []

# Next Best Action (product leaders): code is a liability, frictionless DX, map the solution.
[phase.next-action]
status = "not-started"
challenges = []
moves = []

# Long-Term Value (CTO): problem prevention, sustainability, map the emerging value.
[phase.long-term]
status = "not-started"
challenges = []
moves = []

# Metrics, value streams, pillars and scenarios go here too, for example:
#
# [metric.weekly-active-members]
# name = "Weekly active members"
# kind = "north-star"           # north-star | input | business | guardrail
# unit = "members"
# baseline = 12000
# target = 30000
#
# Impact maps go in impact/NAME.toml, Wardley maps in maps/NAME.toml,
# decisions in decisions/NNNN-slug.toml (`wh adr new "Title"` writes one from
# decisions/template.toml when it is there).
"#,
        name = quoted(name),
        adr_dirs = adr_dirs,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_back_as_written() {
        for name in [
            "plain",
            "a \"b\"",
            "it's",
            "back\\slash",
            "標題",
            "a\u{1b}b",
        ] {
            let doc: toml::Table = toml::from_str(&format!("name = {}", quoted(name))).unwrap();
            assert_eq!(doc["name"].as_str(), Some(name));
        }
    }
}
