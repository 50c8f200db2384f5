//! The Wardley map operations: each edits one `maps/ID.toml` through toml_edit.

use std::path::PathBuf;

use toml_edit::{value, Array, ArrayOfTables, DocumentMut, Item, Table, TableLike, Value};

use super::references;
use super::toml_util::{
    array_field, insert_with_kin, need_target, push, remove, remove_table, retain, section, set,
};
use super::{coordinate, id_from_name, one_line, plan_in_file, Done, MapOp, NewDocument, Plan};
use crate::workspace::error::{Result, WorkspaceError};
use crate::workspace::model::{WardleyMap, Workspace};
use crate::workspace::reference::{RefKind, Reference};

pub(super) fn plan(ws: &Workspace, op: &MapOp) -> Result<Plan> {
    if let MapOp::NewMap { id, title } = op {
        return NewDocument {
            kind: "map",
            id,
            exists: ws.map(id).is_some(),
            rel: PathBuf::from("maps").join(format!("{id}.toml")),
            header: "map",
            title,
            focus: Reference::new(RefKind::Map, id, None),
        }
        .plan(ws);
    }
    let map_id = op_map(op);
    let map = ws
        .map(map_id)
        .ok_or_else(|| refuse(format!("no map `{map_id}` in this workspace")))?;
    plan_in_file(ws, map.file, |doc, others| {
        let (mut summary, focus) = edit(doc, map, op)?;
        // A deleted component takes the references to it along, here and in other files.
        if let MapOp::DeleteComponent { component, .. } = op {
            let target = Reference::new(RefKind::Map, &map.id, Some(component.clone()));
            references::drop_in_doc(doc, &target);
            let files = references::referring_files(ws, &target, map.file);
            *others = references::drop_from_files(ws, &|r| *r == target, &files)?;
            if !others.is_empty() {
                summary.push_str(&format!(
                    " (links to it removed from {})",
                    crate::text::count(others.len(), "other file")
                ));
            }
        }
        Ok((summary, focus))
    })
}
fn refuse(msg: String) -> WorkspaceError {
    WorkspaceError::Invalid(msg)
}

fn op_map(op: &MapOp) -> &str {
    match op {
        MapOp::NewMap { id, .. } => id,
        MapOp::AddComponent { map, .. }
        | MapOp::MoveComponent { map, .. }
        | MapOp::RenameComponent { map, .. }
        | MapOp::DeleteComponent { map, .. }
        | MapOp::Link { map, .. }
        | MapOp::Unlink { map, .. }
        | MapOp::SetInertia { map, .. }
        | MapOp::SetEvolve { map, .. }
        | MapOp::SetSourcing { map, .. }
        | MapOp::SetPipeline { map, .. }
        | MapOp::SetPipelineMember { map, .. }
        | MapOp::AddNote { map, .. }
        | MapOp::EditNote { map, .. }
        | MapOp::MoveNote { map, .. }
        | MapOp::DeleteNote { map, .. }
        | MapOp::AddAnnotation { map, .. }
        | MapOp::EditAnnotation { map, .. }
        | MapOp::DeleteAnnotation { map, .. } => map,
    }
}

fn name_of<'m>(map: &'m WardleyMap, id: &str) -> Result<&'m str> {
    map.component(id)
        .map(|c| c.name.as_str())
        .ok_or_else(|| refuse(format!("no component `{id}` in map {}", map.id)))
}

fn component_table<'d>(doc: &'d mut DocumentMut, id: &str) -> Result<&'d mut dyn TableLike> {
    doc.get_mut("component")
        .and_then(Item::as_table_like_mut)
        .and_then(|t| t.get_mut(id))
        .and_then(Item::as_table_like_mut)
        .ok_or_else(|| refuse(format!("[component.{id}] is not a table in the file")))
}

fn components_mut(doc: &mut DocumentMut) -> Result<&mut Table> {
    section(doc, "component").ok_or_else(|| refuse("`component` is not a table".into()))
}

fn focus(map: &WardleyMap, id: &str) -> Option<Reference> {
    Some(Reference::new(RefKind::Map, &map.id, Some(id.to_string())))
}

fn pos(v: f64, e: f64) -> String {
    format!(
        "visibility {:.2}, evolution {:.2}",
        coordinate(v),
        coordinate(e)
    )
}

fn edit(doc: &mut DocumentMut, map: &WardleyMap, op: &MapOp) -> Result<Done> {
    match op {
        MapOp::NewMap { .. } => Err(refuse("a new map is not an edit of a map".into())),
        MapOp::AddComponent {
            name,
            visibility,
            evolution,
            anchor,
            ..
        } => {
            let name = one_line(name, "the name")?;
            let base = id_from_name(name, if *anchor { "anchor" } else { "component" });
            let taken = |id: &str| map.component(id).is_some();
            let mut id = base.clone();
            let mut n = 2;
            while taken(&id) {
                id = format!("{base}-{n}");
                n += 1;
            }
            let mut t = Table::new();
            t.insert("name", value(name));
            if *anchor {
                t.insert("kind", value("anchor"));
            }
            t.insert("visibility", value(coordinate(*visibility)));
            t.insert("evolution", value(coordinate(*evolution)));
            components_mut(doc)?.insert(&id, Item::Table(t));
            let what = if *anchor { "anchor" } else { "component" };
            Ok((
                format!(
                    "added {what} {name} ({id}) at {}",
                    pos(*visibility, *evolution)
                ),
                focus(map, &id),
            ))
        }
        MapOp::MoveComponent {
            component,
            visibility,
            evolution,
            ..
        } => {
            let name = name_of(map, component)?;
            let t = component_table(doc, component)?;
            set(t, "visibility", coordinate(*visibility));
            set(t, "evolution", coordinate(*evolution));
            Ok((
                format!("moved {name} to {}", pos(*visibility, *evolution)),
                focus(map, component),
            ))
        }
        MapOp::RenameComponent {
            component, name, ..
        } => {
            let old = name_of(map, component)?;
            let name = one_line(name, "the name")?;
            set(component_table(doc, component)?, "name", name);
            Ok((format!("renamed {old} to {name}"), focus(map, component)))
        }
        MapOp::DeleteComponent { component, .. } => {
            let name = name_of(map, component)?;
            let comps = components_mut(doc)?;
            comps.remove(component);
            let mut dropped = 0;
            for (_, item) in comps.iter_mut() {
                let Some(t) = item.as_table_like_mut() else {
                    continue;
                };
                dropped += drop_needs(t, component);
                if t.get("pipeline").and_then(Item::as_str) == Some(component.as_str()) {
                    remove(t, "pipeline");
                }
            }
            remove_table(doc, "pipeline", component);
            let links = match dropped {
                0 => String::new(),
                1 => " and the link to it".into(),
                n => format!(" and the {n} links to it"),
            };
            Ok((format!("deleted {name}{links}"), None))
        }
        MapOp::Link { from, to, .. } => {
            let a = name_of(map, from)?;
            let b = name_of(map, to)?;
            if from == to {
                return Err(refuse(format!("{a} cannot need itself")));
            }
            let has = map
                .component(from)
                .is_some_and(|c| c.needs.iter().any(|n| &n.to == to));
            if has {
                return Err(refuse(format!("{a} already needs {b}")));
            }
            let t = component_table(doc, from)?;
            let needs = array_field(t, "needs")
                .ok_or_else(|| refuse(format!("`needs` of {from} is not a list")))?;
            push(needs, to);
            Ok((format!("linked {a} → {b}"), focus(map, from)))
        }
        MapOp::Unlink { from, to, .. } => {
            let a = name_of(map, from)?;
            let b = name_of(map, to).unwrap_or(to);
            let t = component_table(doc, from)?;
            if drop_needs(t, to) == 0 {
                return Err(refuse(format!("{a} does not need {b}")));
            }
            Ok((format!("unlinked {a} → {b}"), focus(map, from)))
        }
        MapOp::SetInertia { component, on, .. } => {
            let name = name_of(map, component)?;
            let t = component_table(doc, component)?;
            if *on {
                set(t, "inertia", true);
            } else {
                remove(t, "inertia");
            }
            let state = if *on { "has inertia" } else { "no inertia" };
            Ok((format!("{name}: {state}"), focus(map, component)))
        }
        MapOp::SetEvolve {
            component, target, ..
        } => {
            let name = name_of(map, component)?;
            let t = component_table(doc, component)?;
            let said = match target {
                Some(e) => {
                    set(t, "evolve", coordinate(*e));
                    format!("{name} evolves to {:.2}", coordinate(*e))
                }
                None => {
                    remove(t, "evolve");
                    remove(t, "evolve-name");
                    format!("{name}: evolve target cleared")
                }
            };
            Ok((said, focus(map, component)))
        }
        MapOp::SetSourcing {
            component,
            sourcing,
            ..
        } => {
            let name = name_of(map, component)?;
            let t = component_table(doc, component)?;
            let said = match sourcing {
                Some(s) => {
                    set(t, "sourcing", s.as_str());
                    format!("{name}: sourcing {s}")
                }
                None => {
                    remove(t, "sourcing");
                    format!("{name}: no sourcing")
                }
            };
            Ok((said, focus(map, component)))
        }
        MapOp::SetPipeline { component, on, .. } => {
            let name = name_of(map, component)?;
            let is = map.pipelines.iter().any(|p| &p.component == component);
            if *on {
                if is {
                    return Err(refuse(format!("{name} is already a pipeline")));
                }
                if map.component(component).and_then(|c| c.pipeline.as_ref()) == Some(component) {
                    return Err(refuse(format!("{name} cannot sit in its own pipeline")));
                }
                insert_with_kin(doc, "pipeline", "component", component, Table::new())
                    .ok_or_else(|| refuse("`pipeline` is not a table".into()))?;
                Ok((format!("{name} is now a pipeline"), focus(map, component)))
            } else {
                if !is {
                    return Err(refuse(format!("{name} is not a pipeline")));
                }
                remove_table(doc, "pipeline", component);
                let comps = components_mut(doc)?;
                for (_, item) in comps.iter_mut() {
                    if let Some(t) = item.as_table_like_mut() {
                        if t.get("pipeline").and_then(Item::as_str) == Some(component.as_str()) {
                            remove(t, "pipeline");
                        }
                    }
                }
                Ok((
                    format!("{name} is no longer a pipeline"),
                    focus(map, component),
                ))
            }
        }
        MapOp::SetPipelineMember {
            component,
            pipeline,
            ..
        } => {
            let name = name_of(map, component)?;
            let t = component_table(doc, component)?;
            match pipeline {
                Some(p) => {
                    if p == component {
                        return Err(refuse(format!("{name} cannot sit in its own pipeline")));
                    }
                    if !map.pipelines.iter().any(|x| &x.component == p) {
                        return Err(refuse(format!("`{p}` is not a pipeline of this map")));
                    }
                    let pname = name_of(map, p).unwrap_or(p);
                    set(t, "pipeline", p.as_str());
                    Ok((
                        format!("{name} is in pipeline {pname}"),
                        focus(map, component),
                    ))
                }
                None => {
                    if !remove(t, "pipeline") {
                        return Err(refuse(format!("{name} is in no pipeline")));
                    }
                    Ok((format!("{name} left its pipeline"), focus(map, component)))
                }
            }
        }
        MapOp::AddNote {
            text,
            visibility,
            evolution,
            ..
        } => {
            let text = one_line(text, "the note")?;
            let mut t = Table::new();
            t.insert("text", value(text));
            t.insert("visibility", value(coordinate(*visibility)));
            t.insert("evolution", value(coordinate(*evolution)));
            tables(doc, "note")?.push(t);
            Ok((format!("added note “{text}”"), None))
        }
        MapOp::EditNote { index, text, .. } => {
            let text = one_line(text, "the note")?;
            set(nth(doc, "note", *index)?, "text", text);
            Ok((format!("note {}: “{text}”", index + 1), None))
        }
        MapOp::MoveNote {
            index,
            visibility,
            evolution,
            ..
        } => {
            let t = nth(doc, "note", *index)?;
            set(t, "visibility", coordinate(*visibility));
            set(t, "evolution", coordinate(*evolution));
            Ok((
                format!(
                    "moved note {} to {}",
                    index + 1,
                    pos(*visibility, *evolution)
                ),
                None,
            ))
        }
        MapOp::DeleteNote { index, .. } => {
            let aot = tables(doc, "note")?;
            if *index >= aot.len() {
                return Err(refuse(format!("no note {}", index + 1)));
            }
            aot.remove(*index);
            Ok((format!("deleted note {}", index + 1), None))
        }
        MapOp::AddAnnotation {
            text,
            visibility,
            evolution,
            ..
        } => {
            let text = one_line(text, "the annotation")?;
            let number = map
                .annotations
                .iter()
                .map(|a| a.number)
                .max()
                .unwrap_or(0)
                .checked_add(1)
                .ok_or_else(|| refuse("no annotation number left".into()))?;
            let mut t = Table::new();
            t.insert("number", value(i64::from(number)));
            let mut point = Array::new();
            point.push(coordinate(*visibility));
            point.push(coordinate(*evolution));
            let mut points = Array::new();
            points.push(Value::Array(point));
            t.insert("points", value(points));
            t.insert("text", value(text));
            tables(doc, "annotation")?.push(t);
            Ok((format!("added annotation {number}: “{text}”"), None))
        }
        MapOp::EditAnnotation { number, text, .. } => {
            let text = one_line(text, "the annotation")?;
            let t = annotation(doc, *number)?;
            set(t, "text", text);
            Ok((format!("annotation {number}: “{text}”"), None))
        }
        MapOp::DeleteAnnotation { number, .. } => {
            let aot = tables(doc, "annotation")?;
            let at = aot
                .iter()
                .position(|t| {
                    t.get("number").and_then(Item::as_integer) == Some(i64::from(*number))
                })
                .ok_or_else(|| refuse(format!("no annotation {number}")))?;
            aot.remove(at);
            Ok((format!("deleted annotation {number}"), None))
        }
    }
}

/// Drops the `needs` entries of `t` that point at `target`; the key goes when it empties.
fn drop_needs(t: &mut dyn TableLike, target: &str) -> usize {
    let single = t
        .get("needs")
        .and_then(Item::as_value)
        .filter(|v| !v.is_array())
        .and_then(|v| need_target(v).map(|s| s == target));
    if single == Some(true) {
        remove(t, "needs");
        return 1;
    }
    let Some(a) = t
        .get_mut("needs")
        .and_then(Item::as_value_mut)
        .and_then(Value::as_array_mut)
    else {
        return 0;
    };
    let n = retain(a, |v| need_target(v) != Some(target));
    if a.is_empty() && n > 0 {
        remove(t, "needs");
    }
    n
}

/// The `[[NAME]]` array of tables, made when missing.
fn tables<'d>(doc: &'d mut DocumentMut, name: &str) -> Result<&'d mut ArrayOfTables> {
    if !doc.contains_key(name) {
        doc.insert(name, Item::ArrayOfTables(ArrayOfTables::new()));
    }
    doc.get_mut(name)
        .and_then(Item::as_array_of_tables_mut)
        .ok_or_else(|| refuse(format!("`{name}` is not written as [[{name}]] tables")))
}

fn nth<'d>(doc: &'d mut DocumentMut, name: &str, index: usize) -> Result<&'d mut Table> {
    tables(doc, name)?
        .get_mut(index)
        .ok_or_else(|| refuse(format!("no {name} {}", index + 1)))
}

fn annotation(doc: &mut DocumentMut, number: u32) -> Result<&mut Table> {
    tables(doc, "annotation")?
        .iter_mut()
        .find(|t| t.get("number").and_then(Item::as_integer) == Some(i64::from(number)))
        .ok_or_else(|| refuse(format!("no annotation {number}")))
}
