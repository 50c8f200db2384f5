//! The template of new TOML records: `decisions/template.toml` when the workspace has one
//! (`wh init` writes the default), the built-in default otherwise. Number, title, status,
//! date, tags, links and supersedes are filled in; everything else is copied as it is.

use std::path::PathBuf;

use toml_edit::{Array, Item};

use super::super::parse_doc;
use super::super::toml_util::set;
use super::refuse;
use crate::workspace::error::Result;
use crate::workspace::model::{AdrStatus, Workspace};
use crate::workspace::reference::Reference;

/// Where a workspace keeps its template, relative to the root.
pub const TEMPLATE_FILE: &str = "decisions/template.toml";

/// The template `wh init` writes and `wh adr new` uses when there is none.
pub fn default_toml_template() -> &'static str {
    r#"# The template of new decision records (`wh adr new`, `n` in the cockpit): change it to
# change what a new record holds. Number, title, status, date, tags, links and supersedes
# are filled in; the rest is copied as it is here. (This comment is not copied.)

[adr]
number = 0
title = ""
status = "proposed"
date = 2000-01-01
deciders = []
tags = []
links = []
# What is the issue that motivates this decision? (markdown)
context = """
"""
# The forces and requirements that shape the decision.
drivers = """
"""
# The change we are making.
decision = """
"""
# What becomes easier or harder because of it.
consequences = """
"""

# One [[adr.option]] per option considered:
# [[adr.option]]
# name = ""
# chosen = false
# pros = []
# cons = []
"#
}

/// The workspace's template: `adr-template` of `wheelhouse.toml` (which must exist), else
/// `decisions/template.toml` when there, else the default. (path, text)
pub fn toml_template(ws: &Workspace) -> Result<(PathBuf, String)> {
    if let Some(named) = &ws.meta.adr_template {
        return std::fs::read_to_string(ws.root.join(named))
            .map(|t| (named.clone(), t))
            .map_err(|e| {
                refuse(format!(
                    "adr-template in wheelhouse.toml names {}, which cannot be read: {e}",
                    named.display()
                ))
            });
    }
    match std::fs::read_to_string(ws.root.join(TEMPLATE_FILE)) {
        Ok(t) => Ok((PathBuf::from(TEMPLATE_FILE), t)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok((
            PathBuf::from(TEMPLATE_FILE),
            default_toml_template().to_string(),
        )),
        Err(e) => Err(crate::workspace::error::WorkspaceError::io(
            TEMPLATE_FILE,
            e,
        )),
    }
}

/// A new record from `template`.
#[allow(clippy::too_many_arguments)]
pub fn fill_toml(
    (path, template): &(PathBuf, String),
    number: u32,
    title: &str,
    status: AdrStatus,
    date: &str,
    tags: &[String],
    links: &[Reference],
    supersedes: Option<u32>,
) -> Result<String> {
    let mut doc = parse_doc(path, template)?;
    let date: toml_edit::Datetime = date
        .parse()
        .map_err(|_| refuse(format!("`{date}` is not a date (YYYY-MM-DD)")))?;
    let adr = doc
        .get_mut("adr")
        .and_then(Item::as_table_mut)
        .ok_or_else(|| refuse(format!("{}: has no [adr] table", path.display())))?;
    // the template's own header comment is about the template
    adr.decor_mut().set_prefix("");
    set(adr, "number", i64::from(number));
    set(adr, "title", title);
    set(adr, "status", status.key());
    set(adr, "date", date);
    let strings = |items: Vec<String>| {
        let mut a = Array::new();
        for s in items {
            a.push(s);
        }
        a
    };
    if !tags.is_empty() || adr.contains_key("tags") {
        set(adr, "tags", strings(tags.to_vec()));
    }
    if !links.is_empty() || adr.contains_key("links") {
        set(
            adr,
            "links",
            strings(links.iter().map(ToString::to_string).collect()),
        );
    }
    if let Some(n) = supersedes {
        set(
            adr,
            "supersedes",
            strings(vec![Reference::adr(n).to_string()]),
        );
    }
    Ok(doc.to_string())
}
