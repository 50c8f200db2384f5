//! Small toml_edit helpers shared by the operations: each keeps the decor (comments, spacing)
//! of what it replaces, so a file differs from before only where the edit is.

use toml_edit::{Array, DocumentMut, Item, Table, TableLike, Value};

/// The prefix of an array's first element when the array is written one element a line.
pub fn multiline_prefix(a: &Array) -> Option<String> {
    a.iter()
        .next()
        .and_then(|v| v.decor().prefix())
        .and_then(|p| p.as_str())
        .filter(|p| p.contains('\n'))
        .map(str::to_string)
}

/// Appends `v` to an array written one element a line, on its own line like the others.
pub fn push_on_own_line(a: &mut Array, mut v: Value, prefix: String) {
    v.decor_mut().set_prefix(prefix);
    let trailing = a.trailing().as_str().unwrap_or("").to_string();
    a.push_formatted(v);
    a.set_trailing(trailing);
    a.set_trailing_comma(true);
}

/// Appends a string to an array written on one line or one per line, like its elements.
pub fn push(a: &mut Array, text: &str) {
    match multiline_prefix(a) {
        Some(prefix) => push_on_own_line(a, Value::from(text), prefix),
        None => a.push(text),
    }
}

/// Sets `key` to `value`, keeping the old value's surrounding spaces and trailing comment.
pub fn set(table: &mut dyn TableLike, key: &str, value: impl Into<Value>) {
    let mut value = value.into();
    match table.get_mut(key).and_then(Item::as_value_mut) {
        Some(old) => {
            let decor = old.decor().clone();
            *value.decor_mut() = decor;
            *old = value;
        }
        None => {
            table.insert(key, Item::Value(value));
        }
    }
}

/// Removes `key`; a comment line above it goes with it (it described the key).
pub fn remove(table: &mut dyn TableLike, key: &str) -> bool {
    table.remove(key).is_some()
}

/// The `[NAME]` table of the document, made (implicit, so no empty header is written) when
/// missing; `None` when the key holds something that is not a table.
pub fn section<'d>(doc: &'d mut DocumentMut, name: &str) -> Option<&'d mut Table> {
    if !doc.contains_key(name) {
        let mut t = Table::new();
        t.set_implicit(true);
        doc.insert(name, Item::Table(t));
    }
    doc.get_mut(name).and_then(Item::as_table_mut)
}

/// A string-or-array field (`needs = "x"` or `needs = ["x", { to = "y" }]`) as an array,
/// converting a single value in place.
pub fn array_field<'t>(table: &'t mut dyn TableLike, key: &str) -> Option<&'t mut Array> {
    let is_single = matches!(table.get(key).and_then(Item::as_value), Some(v) if !v.is_array());
    if is_single {
        let old = table.get(key).and_then(Item::as_value).cloned()?;
        let decor = old.decor().clone();
        let mut single = old;
        single.decor_mut().clear();
        let mut a = Array::new();
        a.push_formatted(single);
        let mut v = Value::Array(a);
        *v.decor_mut() = decor;
        table.insert(key, Item::Value(v));
    }
    if table.get(key).is_none() {
        table.insert(key, Item::Value(Value::Array(Array::new())));
    }
    table.get_mut(key)?.as_value_mut()?.as_array_mut()
}

/// Removes the elements `keep` refuses, keeping the others' formatting; the first and last
/// kept elements take over the space the removed first and last ones had at the brackets.
pub fn retain(array: &mut Array, mut keep: impl FnMut(&Value) -> bool) -> usize {
    let before = array.len();
    let raw = |r: Option<&toml_edit::RawString>| r.and_then(|r| r.as_str()).map(str::to_string);
    let first_prefix = array.get(0).and_then(|v| raw(v.decor().prefix()));
    let last_suffix = array
        .get(before.saturating_sub(1))
        .and_then(|v| raw(v.decor().suffix()));
    array.retain(|v| keep(v));
    if array.len() == before {
        return 0;
    }
    if let (Some(prefix), Some(first)) = (first_prefix, array.get_mut(0)) {
        first.decor_mut().set_prefix(prefix);
    }
    let last = array.len().saturating_sub(1);
    if let (Some(suffix), Some(v)) = (last_suffix, array.get_mut(last)) {
        v.decor_mut().set_suffix(suffix);
    }
    before - array.len()
}

/// The id a `needs` element points at: `"x"` or `{ to = "x" }`.
pub fn need_target(v: &Value) -> Option<&str> {
    match v {
        Value::String(s) => Some(s.value().as_str()),
        Value::InlineTable(t) => t.get("to").and_then(Value::as_str),
        _ => None,
    }
}

/// The largest position among `t` and the tables under it: where the file's last header is.
fn last_position(t: &Table) -> Option<isize> {
    t.iter()
        .map(|(_, item)| match item {
            Item::Table(sub) => last_position(sub),
            Item::ArrayOfTables(a) => a.iter().filter_map(last_position).max(),
            _ => None,
        })
        .fold(t.position(), Option::max)
}

/// Inserts the new table `[section.key]` beside its kin, as a new component goes after the
/// other components: after the last table of `section`, or, when there is none yet, after the
/// last table of `after` (pipelines follow the components, as the OWM import writes them).
/// When that is the end of the file, the table goes below the file's trailing comments: they
/// stay with what they follow instead of reading as the new table's. `None` when `section`
/// holds something that is not a table.
pub fn insert_with_kin(
    doc: &mut DocumentMut,
    section_name: &str,
    after: &str,
    key: &str,
    mut table: Table,
) -> Option<()> {
    if doc.get(section_name).is_some_and(|s| !s.is_table()) {
        return None;
    }
    let kin = |name: &str| {
        doc.get(name)
            .and_then(Item::as_table)
            .and_then(last_position)
    };
    let end = last_position(doc.as_table());
    let at = kin(section_name).or_else(|| kin(after)).or(end);
    table.set_position(at);
    if at >= end {
        let trailing = doc.trailing().as_str().unwrap_or("").to_string();
        if trailing.contains('#') {
            // below the comments, a blank line from them
            let sep = if trailing.ends_with('\n') {
                "\n"
            } else {
                "\n\n"
            };
            table.decor_mut().set_prefix(format!("{trailing}{sep}"));
            doc.set_trailing("");
        }
    }
    section(doc, section_name)?.insert(key, Item::Table(table));
    Some(())
}

/// Removes the table `[section.key]`. When it is the file's last table, the comments above it
/// that a blank line keeps apart from its header were the file's trailing comments (see
/// [`insert_with_kin`]): they stay, at the end of the file, rather than going with the table.
pub fn remove_table(doc: &mut DocumentMut, section_name: &str, key: &str) -> bool {
    let end = last_position(doc.as_table());
    let Some(s) = doc.get_mut(section_name).and_then(Item::as_table_like_mut) else {
        return false;
    };
    let Some(gone) = s.remove(key) else {
        return false;
    };
    let Some(t) = gone.as_table().filter(|t| t.position() >= end) else {
        return true;
    };
    let prefix = t.decor().prefix().and_then(|p| p.as_str()).unwrap_or("");
    if let Some(kept) = detached_comments(prefix) {
        let trailing = doc.trailing().as_str().unwrap_or("").to_string();
        doc.set_trailing(format!("{kept}{trailing}"));
    }
    true
}

/// The part of a table header's prefix above its last blank line, when it holds comments:
/// those describe what comes before, not the table (whose own comments sit right above it).
fn detached_comments(prefix: &str) -> Option<&str> {
    let mut cut = None;
    let mut at = 0;
    for line in prefix.split_inclusive('\n') {
        if line.trim().is_empty() {
            cut = Some(at);
        }
        at += line.len();
    }
    let kept = &prefix[..cut?];
    kept.contains('#').then_some(kept)
}
