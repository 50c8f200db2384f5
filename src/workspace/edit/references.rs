//! Taking the references to a removed item out of every file that holds them, so a delete
//! leaves no dangling link behind (and is one undo step with them).

use std::collections::BTreeSet;

use toml_edit::{DocumentMut, Item, Value};

use super::toml_util::retain;
use super::{current_text, parse_doc};
use crate::workspace::error::Result;
use crate::workspace::links::LinkIndex;
use crate::workspace::model::{FileKind, Workspace};
use crate::workspace::reference::Reference;
use crate::workspace::writer::FileChange;

/// The files (other than `skip`) whose items refer to `target`, by index into `ws.files`.
pub fn referring_files(ws: &Workspace, target: &Reference, skip: usize) -> BTreeSet<usize> {
    let links = LinkIndex::build(ws);
    links
        .backlinks(target)
        .iter()
        .filter_map(|src| ws.resolve(src).map(|t| t.origin().file))
        .filter(|f| *f != skip)
        .collect()
}

/// One change per file in `files` that names a reference `gone` accepts, each without them.
pub fn drop_from_files(
    ws: &Workspace,
    gone: Gone,
    files: &BTreeSet<usize>,
) -> Result<Vec<FileChange>> {
    let mut changes = Vec::new();
    for &file in files {
        let (rel, before) = current_text(ws, file)?;
        let mut doc = parse_doc(&rel, &before)?;
        // a decision record keeps its emptied `links = []`: the template writes one to fill in
        let lists = if ws.files.get(file).map(|f| f.kind) == Some(FileKind::Decision) {
            Emptied::Keep
        } else {
            Emptied::Remove
        };
        if drop_in_table(doc.as_table_mut(), gone, lists) > 0 {
            changes.push(FileChange {
                rel,
                before: Some(before),
                after: Some(doc.to_string()),
            });
        }
    }
    Ok(changes)
}

/// Removes every string value naming `target` (array elements, or whole keys holding one) from
/// a map or an impact map; returns how many went.
pub fn drop_in_doc(doc: &mut DocumentMut, target: &Reference) -> usize {
    drop_matching(doc, &|r| r == target)
}

/// Removes, in one pass, every string value naming a reference `gone` accepts from a map or an
/// impact map, and a list that they emptied (as a component's last need takes `needs` along).
pub fn drop_matching(doc: &mut DocumentMut, gone: &dyn Fn(&Reference) -> bool) -> usize {
    drop_in_table(doc.as_table_mut(), gone, Emptied::Remove)
}

type Gone<'a> = &'a dyn Fn(&Reference) -> bool;

/// What becomes of a key whose list the dropped references emptied.
#[derive(Clone, Copy, PartialEq)]
enum Emptied {
    Remove,
    Keep,
}

fn names(v: &Value, gone: Gone) -> bool {
    v.as_str()
        .and_then(|s| Reference::parse(s).ok())
        .is_some_and(|r| gone(&r))
}

fn drop_in_table(t: &mut dyn toml_edit::TableLike, gone: Gone, lists: Emptied) -> usize {
    let mut n = 0;
    let keys: Vec<String> = t
        .iter()
        .filter(|(_, v)| v.as_value().is_some_and(|v| names(v, gone)))
        .map(|(k, _)| k.to_string())
        .collect();
    for k in keys {
        t.remove(&k);
        n += 1;
    }
    let mut emptied = Vec::new();
    for (k, item) in t.iter_mut() {
        let dropped = drop_in_item(item, gone, lists);
        if dropped > 0 && lists == Emptied::Remove && item.as_array().is_some_and(|a| a.is_empty())
        {
            emptied.push(k.get().to_string());
        }
        n += dropped;
    }
    for k in emptied {
        t.remove(&k);
    }
    n
}

fn drop_in_item(item: &mut Item, gone: Gone, lists: Emptied) -> usize {
    match item {
        Item::Table(t) => drop_in_table(t, gone, lists),
        Item::ArrayOfTables(a) => a.iter_mut().map(|t| drop_in_table(t, gone, lists)).sum(),
        Item::Value(v) => drop_in_value(v, gone, lists),
        Item::None => 0,
    }
}

fn drop_in_value(v: &mut Value, gone: Gone, lists: Emptied) -> usize {
    match v {
        Value::Array(a) => {
            let mut n = retain(a, |v| !names(v, gone));
            for v in a.iter_mut() {
                n += drop_in_value(v, gone, lists);
            }
            n
        }
        Value::InlineTable(t) => drop_in_table(t, gone, lists),
        _ => 0,
    }
}
