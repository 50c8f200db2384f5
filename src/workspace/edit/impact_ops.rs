//! The impact map operations: each edits one `impact/ID.toml` through toml_edit. The tree
//! is written child-to-parent (an impact names its actor, a deliverable its impacts), and
//! file order is display order, so adding, moving and reordering are edits of those fields
//! and of the tables' order in the file.

use std::collections::BTreeSet;
use std::path::PathBuf;

use toml_edit::{value, Array, DocumentMut, Item, Table, TableLike, Value};

use super::references;
use super::toml_util::{array_field, push, remove, retain, section, set};
use super::{id_from_name, one_line, plan_in_file, Done, NewDocument, Plan};
use crate::workspace::error::{Result, WorkspaceError};
use crate::workspace::links::LinkIndex;
use crate::workspace::model::{DeliverableStatus, ImpactDirection, ImpactMap, Workspace};
use crate::workspace::reference::{RefKind, Reference};

/// The three levels below the goal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeLevel {
    Actor,
    Impact,
    Deliverable,
}

impl NodeLevel {
    /// The table the level's items live in (`[actor.ID]` …).
    pub fn table(self) -> &'static str {
        match self {
            NodeLevel::Actor => "actor",
            NodeLevel::Impact => "impact",
            NodeLevel::Deliverable => "deliverable",
        }
    }

    pub fn parse(text: &str) -> Option<NodeLevel> {
        match text {
            "actor" => Some(NodeLevel::Actor),
            "impact" => Some(NodeLevel::Impact),
            "deliverable" => Some(NodeLevel::Deliverable),
            _ => None,
        }
    }
}

/// A field of the goal's measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GoalField {
    Baseline,
    Current,
    Target,
    Deadline,
    Unit,
    Metric,
}

impl GoalField {
    pub const ALL: [GoalField; 6] = [
        GoalField::Baseline,
        GoalField::Current,
        GoalField::Target,
        GoalField::Deadline,
        GoalField::Unit,
        GoalField::Metric,
    ];

    pub fn key(self) -> &'static str {
        match self {
            GoalField::Baseline => "baseline",
            GoalField::Current => "current",
            GoalField::Target => "target",
            GoalField::Deadline => "deadline",
            GoalField::Unit => "unit",
            GoalField::Metric => "metric",
        }
    }

    pub fn parse(text: &str) -> Option<GoalField> {
        GoalField::ALL.into_iter().find(|f| f.key() == text)
    }
}

/// An impact map edit. Items are named by their id in the map; `None` names the goal.
#[derive(Debug, Clone, PartialEq)]
pub enum ImpactOp {
    /// A new impact map `impact/ID.toml` with a goal.
    NewMap { id: String, goal: String },
    /// A child one level below `parent`: an actor under the goal (`None`), an impact under
    /// an actor, a deliverable under an impact. Its id is made from the name.
    Add {
        map: String,
        parent: Option<String>,
        name: String,
    },
    /// The goal's title, an actor's name, an impact's behaviour, a deliverable's title.
    Rename {
        map: String,
        item: Option<String>,
        name: String,
    },
    /// The item and everything below it that hangs on nothing else; references to the
    /// removed items go from every file.
    Delete { map: String, item: String },
    SetStatus {
        map: String,
        deliverable: String,
        status: DeliverableStatus,
    },
    SetDirection {
        map: String,
        impact: String,
        direction: ImpactDirection,
    },
    /// One place up (`-1`) or down (`1`) among the item's siblings (same level, same
    /// parent). A deliverable under several impacts moves among those under `under` (default:
    /// its first impact).
    Reorder {
        map: String,
        item: String,
        under: Option<String>,
        by: i32,
    },
    /// Under another parent: an impact to another actor; a deliverable from `from` (or from
    /// all its impacts when `None`) to another impact.
    Move {
        map: String,
        item: String,
        from: Option<String>,
        to: String,
    },
    /// Adds a reference to a deliverable's `links`.
    Link {
        map: String,
        deliverable: String,
        target: Reference,
    },
    Unlink {
        map: String,
        deliverable: String,
        target: Reference,
    },
    /// One field of the goal's measure; an empty value removes it.
    SetGoal {
        map: String,
        field: GoalField,
        value: String,
    },
}

/// What deleting an item takes along: said in the confirmation before it happens.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Subtree {
    /// The ids removed, the item first.
    pub removed: Vec<String>,
    /// Deliverables that stay because they also serve an impact that stays.
    pub kept: Vec<String>,
    /// Links from elsewhere pointing at a removed item (they are removed with it).
    pub backlinks: Vec<Reference>,
}

fn refuse(msg: String) -> WorkspaceError {
    WorkspaceError::Invalid(msg)
}

fn op_map(op: &ImpactOp) -> &str {
    match op {
        ImpactOp::NewMap { id, .. } => id,
        ImpactOp::Add { map, .. }
        | ImpactOp::Rename { map, .. }
        | ImpactOp::Delete { map, .. }
        | ImpactOp::SetStatus { map, .. }
        | ImpactOp::SetDirection { map, .. }
        | ImpactOp::Reorder { map, .. }
        | ImpactOp::Move { map, .. }
        | ImpactOp::Link { map, .. }
        | ImpactOp::Unlink { map, .. }
        | ImpactOp::SetGoal { map, .. } => map,
    }
}

pub(super) fn plan(ws: &Workspace, op: &ImpactOp) -> Result<Plan> {
    if let ImpactOp::NewMap { id, goal } = op {
        return NewDocument {
            kind: "impact map",
            id,
            exists: ws.impact_map(id).is_some(),
            rel: PathBuf::from("impact").join(format!("{id}.toml")),
            header: "goal",
            title: goal,
            focus: Reference::new(RefKind::Impact, id, None),
        }
        .plan(ws);
    }
    let map_id = op_map(op);
    let map = ws
        .impact_map(map_id)
        .ok_or_else(|| refuse(format!("no impact map `{map_id}` in this workspace")))?;
    // what a delete takes along, worked out once (it builds the link index)
    let tree = match op {
        ImpactOp::Delete { item, .. } => Some(subtree(ws, map, item)?),
        _ => None,
    };
    plan_in_file(ws, map.file, |doc, others| {
        let (mut summary, focus) = edit(ws, doc, map, op, tree.as_ref())?;
        if let Some(tree) = &tree {
            // one pass per file over all the removed items
            let targets: BTreeSet<Reference> =
                tree.removed.iter().map(|id| item_ref(map, id)).collect();
            let gone = |r: &Reference| targets.contains(r);
            references::drop_matching(doc, &gone);
            let files: BTreeSet<usize> = tree
                .backlinks
                .iter()
                .filter_map(|src| ws.resolve(src).map(|t| t.origin().file))
                .filter(|f| *f != map.file)
                .collect();
            *others = references::drop_from_files(ws, &gone, &files)?;
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
fn item_ref(map: &ImpactMap, id: &str) -> Reference {
    Reference::new(RefKind::Impact, &map.id, Some(id.to_string()))
}

/// The level of the item `id` of the map, refused when there is none.
pub fn level_of(map: &ImpactMap, id: &str) -> Result<NodeLevel> {
    if map.actors.iter().any(|a| a.id == id) {
        Ok(NodeLevel::Actor)
    } else if map.impacts.iter().any(|i| i.id == id) {
        Ok(NodeLevel::Impact)
    } else if map.deliverables.iter().any(|d| d.id == id) {
        Ok(NodeLevel::Deliverable)
    } else {
        Err(refuse(format!(
            "no actor, impact or deliverable `{id}` in impact map {}",
            map.id
        )))
    }
}

/// The display name of an item (or the goal for `None`).
pub fn name_of(map: &ImpactMap, id: Option<&str>) -> String {
    let Some(id) = id else {
        return map.goal.title.clone();
    };
    if let Some(a) = map.actors.iter().find(|a| a.id == id) {
        return a.name.clone();
    }
    if let Some(i) = map.impacts.iter().find(|i| i.id == id) {
        if !i.behaviour.trim().is_empty() {
            return i.behaviour.clone();
        }
    }
    if let Some(d) = map.deliverables.iter().find(|d| d.id == id) {
        return d.title.clone();
    }
    id.to_string()
}

/// What deleting `item` removes and what points at it.
pub fn subtree(ws: &Workspace, map: &ImpactMap, item: &str) -> Result<Subtree> {
    let level = level_of(map, item)?;
    let mut impacts: BTreeSet<&str> = BTreeSet::new();
    let mut removed = vec![item.to_string()];
    match level {
        NodeLevel::Actor => {
            for i in map.impacts.iter().filter(|i| i.actor == item) {
                impacts.insert(&i.id);
                removed.push(i.id.clone());
            }
        }
        NodeLevel::Impact => {
            impacts.insert(item);
        }
        NodeLevel::Deliverable => {}
    }
    let mut kept = Vec::new();
    for d in &map.deliverables {
        if !d.impacts.iter().any(|i| impacts.contains(i.as_str())) {
            continue;
        }
        if d.impacts.iter().all(|i| impacts.contains(i.as_str())) {
            removed.push(d.id.clone());
        } else {
            kept.push(d.id.clone());
        }
    }
    let links = LinkIndex::build(ws);
    let gone: BTreeSet<Reference> = removed.iter().map(|id| item_ref(map, id)).collect();
    let mut backlinks: Vec<Reference> = Vec::new();
    let mut seen: BTreeSet<&Reference> = BTreeSet::new();
    for target in &gone {
        for src in links.backlinks(target) {
            // links between the removed items themselves go with them
            if !gone.contains(src) && seen.insert(src) {
                backlinks.push(src.clone());
            }
        }
    }
    Ok(Subtree {
        removed,
        kept,
        backlinks,
    })
}

fn items_mut(doc: &mut DocumentMut, level: NodeLevel) -> Result<&mut Table> {
    section(doc, level.table())
        .ok_or_else(|| refuse(format!("`{}` is not a table in the file", level.table())))
}

fn item_mut<'d>(
    doc: &'d mut DocumentMut,
    level: NodeLevel,
    id: &str,
) -> Result<&'d mut dyn TableLike> {
    doc.get_mut(level.table())
        .and_then(Item::as_table_like_mut)
        .and_then(|t| t.get_mut(id))
        .and_then(Item::as_table_like_mut)
        .ok_or_else(|| {
            refuse(format!(
                "[{}.{id}] is not a table in the file",
                level.table()
            ))
        })
}

fn goal_mut(doc: &mut DocumentMut) -> Result<&mut dyn TableLike> {
    doc.get_mut("goal")
        .and_then(Item::as_table_like_mut)
        .ok_or_else(|| refuse("the file has no [goal] table".into()))
}

fn focus(map: &ImpactMap, id: &str) -> Option<Reference> {
    Some(item_ref(map, id))
}

/// The word a status is written as.
pub fn status_key(s: DeliverableStatus) -> &'static str {
    s.as_str()
}

pub fn parse_status(text: &str) -> Option<DeliverableStatus> {
    DeliverableStatus::from_word(text)
}

/// The status after `s` in the order a deliverable usually goes (dropped comes back to idea).
pub fn next_status(s: DeliverableStatus) -> DeliverableStatus {
    match s {
        DeliverableStatus::Idea => DeliverableStatus::Planned,
        DeliverableStatus::Planned => DeliverableStatus::Building,
        DeliverableStatus::Building => DeliverableStatus::Shipped,
        DeliverableStatus::Shipped => DeliverableStatus::Dropped,
        DeliverableStatus::Dropped => DeliverableStatus::Idea,
    }
}

fn direction_key(d: ImpactDirection) -> &'static str {
    match d {
        ImpactDirection::Support => "support",
        ImpactDirection::Obstruct => "obstruct",
    }
}

fn edit(
    ws: &Workspace,
    doc: &mut DocumentMut,
    map: &ImpactMap,
    op: &ImpactOp,
    tree: Option<&Subtree>,
) -> Result<Done> {
    match op {
        ImpactOp::NewMap { .. } => Err(refuse("a new impact map is not an edit of one".into())),
        ImpactOp::Add { parent, name, .. } => add(doc, map, parent.as_deref(), name),
        ImpactOp::Rename { item, name, .. } => {
            let name = one_line(name, "the name")?;
            let old = name_of(map, item.as_deref());
            match item {
                None => set(goal_mut(doc)?, "title", name),
                Some(id) => {
                    let level = level_of(map, id)?;
                    let key = match level {
                        NodeLevel::Actor => "name",
                        NodeLevel::Impact => {
                            // `behavior` is read too: rename the one the file has
                            let t = item_mut(doc, level, id)?;
                            if t.contains_key("behavior") && !t.contains_key("behaviour") {
                                "behavior"
                            } else {
                                "behaviour"
                            }
                        }
                        NodeLevel::Deliverable => "title",
                    };
                    set(item_mut(doc, level, id)?, key, name);
                }
            }
            let focus = match item {
                Some(id) => focus(map, id),
                None => Some(Reference::new(RefKind::Impact, &map.id, None)),
            };
            Ok((format!("renamed {old} to {name}"), focus))
        }
        ImpactOp::Delete { item, .. } => {
            let tree = tree.ok_or_else(|| refuse("a delete without its subtree".into()))?;
            let name = name_of(map, Some(item));
            let removed: BTreeSet<&str> = tree.removed.iter().map(String::as_str).collect();
            for level in [NodeLevel::Actor, NodeLevel::Impact, NodeLevel::Deliverable] {
                if let Some(t) = doc.get_mut(level.table()).and_then(Item::as_table_like_mut) {
                    let gone: Vec<String> = t
                        .iter()
                        .map(|(k, _)| k.to_string())
                        .filter(|k| removed.contains(k.as_str()))
                        .collect();
                    for k in gone {
                        t.remove(&k);
                    }
                }
            }
            // deliverables that stay no longer name the removed impacts
            for id in &tree.kept {
                let t = item_mut(doc, NodeLevel::Deliverable, id)?;
                if let Some(a) = array_field(t, "impacts") {
                    retain(a, |v| !v.as_str().is_some_and(|s| removed.contains(s)));
                }
            }
            drop_empty(doc);
            let more = tree.removed.len() - 1;
            let said = if more == 0 {
                format!("deleted {name}")
            } else {
                format!(
                    "deleted {name} and {} below it",
                    crate::text::count(more, "item")
                )
            };
            Ok((said, None))
        }
        ImpactOp::SetStatus {
            deliverable,
            status,
            ..
        } => {
            if level_of(map, deliverable)? != NodeLevel::Deliverable {
                return Err(refuse(format!(
                    "`{deliverable}` is not a deliverable: only deliverables have a status"
                )));
            }
            let t = item_mut(doc, NodeLevel::Deliverable, deliverable)?;
            set(t, "status", status_key(*status));
            Ok((
                format!(
                    "{}: {}",
                    name_of(map, Some(deliverable)),
                    status_key(*status)
                ),
                focus(map, deliverable),
            ))
        }
        ImpactOp::SetDirection {
            impact, direction, ..
        } => {
            if level_of(map, impact)? != NodeLevel::Impact {
                return Err(refuse(format!(
                    "`{impact}` is not an impact: only impacts support or obstruct"
                )));
            }
            let t = item_mut(doc, NodeLevel::Impact, impact)?;
            set(t, "direction", direction_key(*direction));
            Ok((
                format!(
                    "{}: {}",
                    name_of(map, Some(impact)),
                    match direction {
                        ImpactDirection::Support => "supports the goal",
                        ImpactDirection::Obstruct => "obstructs the goal",
                    }
                ),
                focus(map, impact),
            ))
        }
        ImpactOp::Reorder {
            item, under, by, ..
        } => reorder(doc, map, item, under.as_deref(), *by),
        ImpactOp::Move { item, from, to, .. } => move_item(doc, map, item, from.as_deref(), to),
        ImpactOp::Link {
            deliverable,
            target,
            ..
        } => {
            deliverable_only(map, deliverable, "links")?;
            if ws.resolve(target).is_none() {
                return Err(refuse(format!("nothing in the workspace is `{target}`")));
            }
            let d = map.deliverables.iter().find(|d| &d.id == deliverable);
            if d.is_some_and(|d| d.links.contains(target)) {
                return Ok((
                    format!(
                        "{} already links to {target}",
                        name_of(map, Some(deliverable))
                    ),
                    focus(map, deliverable),
                ));
            }
            let t = item_mut(doc, NodeLevel::Deliverable, deliverable)?;
            let a = array_field(t, "links")
                .ok_or_else(|| refuse(format!("`links` of {deliverable} is not a list")))?;
            push(a, &target.to_string());
            Ok((
                format!("{} links to {target}", name_of(map, Some(deliverable))),
                focus(map, deliverable),
            ))
        }
        ImpactOp::Unlink {
            deliverable,
            target,
            ..
        } => {
            deliverable_only(map, deliverable, "links")?;
            let t = item_mut(doc, NodeLevel::Deliverable, deliverable)?;
            let n = match t.get("links").and_then(Item::as_value) {
                Some(v) if !v.is_array() => {
                    let names = v
                        .as_str()
                        .and_then(|s| Reference::parse(s).ok())
                        .is_some_and(|r| &r == target);
                    if names {
                        remove(t, "links");
                        1
                    } else {
                        0
                    }
                }
                _ => match array_field(t, "links") {
                    Some(a) => {
                        let n = retain(a, |v| {
                            v.as_str()
                                .and_then(|s| Reference::parse(s).ok())
                                .is_none_or(|r| &r != target)
                        });
                        // the last link takes the key along, as a component's last need does
                        if n > 0 && a.is_empty() {
                            remove(t, "links");
                        }
                        n
                    }
                    None => 0,
                },
            };
            if n == 0 {
                return Err(refuse(format!(
                    "{} has no link to {target}",
                    name_of(map, Some(deliverable))
                )));
            }
            Ok((
                format!(
                    "{} no longer links to {target}",
                    name_of(map, Some(deliverable))
                ),
                focus(map, deliverable),
            ))
        }
        ImpactOp::SetGoal { field, value, .. } => set_goal(ws, doc, map, *field, value),
    }
}

fn deliverable_only(map: &ImpactMap, id: &str, what: &str) -> Result<()> {
    if level_of(map, id)? != NodeLevel::Deliverable {
        return Err(refuse(format!(
            "`{id}` is not a deliverable: only deliverables have {what}"
        )));
    }
    Ok(())
}

/// Removes the section tables left empty by a delete (`[impact]` with no impact), when they
/// were only implicit parents of the items.
fn drop_empty(doc: &mut DocumentMut) {
    for name in ["actor", "impact", "deliverable"] {
        let empty = doc
            .get(name)
            .and_then(Item::as_table)
            .is_some_and(|t| t.is_empty() && t.is_implicit());
        if empty {
            doc.remove(name);
        }
    }
}

fn add(doc: &mut DocumentMut, map: &ImpactMap, parent: Option<&str>, name: &str) -> Result<Done> {
    let name = one_line(name, "the name")?;
    let level = match parent {
        None => NodeLevel::Actor,
        Some(p) => match level_of(map, p)? {
            NodeLevel::Actor => NodeLevel::Impact,
            NodeLevel::Impact => NodeLevel::Deliverable,
            NodeLevel::Deliverable => {
                return Err(refuse(format!(
                    "`{p}` is a deliverable: deliverables are the last level of an impact map"
                )))
            }
        },
    };
    let base = id_from_name(name, level.table());
    let taken = |id: &str| level_of(map, id).is_ok();
    let mut id = base.clone();
    let mut n = 2;
    while taken(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    let mut t = Table::new();
    match (level, parent) {
        (NodeLevel::Actor, _) => {
            t.insert("name", value(name));
        }
        (NodeLevel::Impact, Some(actor)) => {
            t.insert("actor", value(actor));
            t.insert("behaviour", value(name));
        }
        (NodeLevel::Deliverable, Some(impact)) => {
            t.insert("title", value(name));
            let mut a = Array::new();
            a.push(impact);
            t.insert("impacts", value(a));
            t.insert("status", value("idea"));
        }
        _ => return Err(refuse("an impact or deliverable needs a parent".into())),
    }
    let items = items_mut(doc, level)?;
    items.insert(&id, Item::Table(t));
    let under = match parent {
        None => "the goal".to_string(),
        Some(p) => name_of(map, Some(p)),
    };
    Ok((
        format!("added {} {name} under {under}", level.table()),
        focus(map, &id),
    ))
}

/// The ids of the item's siblings in file order, the item among them.
fn siblings(map: &ImpactMap, item: &str, under: Option<&str>) -> Result<Vec<String>> {
    Ok(match level_of(map, item)? {
        NodeLevel::Actor => map.actors.iter().map(|a| a.id.clone()).collect(),
        NodeLevel::Impact => {
            let actor = map
                .impacts
                .iter()
                .find(|i| i.id == item)
                .map(|i| i.actor.clone())
                .unwrap_or_default();
            map.impacts
                .iter()
                .filter(|i| i.actor == actor)
                .map(|i| i.id.clone())
                .collect()
        }
        NodeLevel::Deliverable => {
            let parent = match under {
                Some(u) => Some(u.to_string()),
                None => map
                    .deliverables
                    .iter()
                    .find(|d| d.id == item)
                    .and_then(|d| d.impacts.first().cloned()),
            };
            map.deliverables
                .iter()
                .filter(|d| match &parent {
                    Some(p) => d.impacts.contains(p),
                    None => d.impacts.is_empty(),
                })
                .map(|d| d.id.clone())
                .collect()
        }
    })
}

fn reorder(
    doc: &mut DocumentMut,
    map: &ImpactMap,
    item: &str,
    under: Option<&str>,
    by: i32,
) -> Result<Done> {
    let level = level_of(map, item)?;
    let sibs = siblings(map, item, under)?;
    let Some(at) = sibs.iter().position(|s| s == item) else {
        return Err(refuse(format!(
            "{} is not under `{}`",
            name_of(map, Some(item)),
            under.unwrap_or("-")
        )));
    };
    let to = at as i64 + i64::from(by.signum());
    let name = name_of(map, Some(item));
    if by == 0 || to < 0 || to as usize >= sibs.len() {
        let edge = if by < 0 { "first" } else { "last" };
        return Ok((format!("{name} is already the {edge}"), focus(map, item)));
    }
    let other = sibs[to as usize].clone();
    swap(items_mut(doc, level)?, item, &other);
    Ok((
        format!("moved {name} {}", if by < 0 { "up" } else { "down" }),
        focus(map, item),
    ))
}

/// Swaps two entries of a table: their order among its keys and, for `[x.ID]` tables, their
/// places in the file. Each keeps its own comments and layout.
fn swap(parent: &mut Table, a: &str, b: &str) {
    let keys: Vec<String> = parent.iter().map(|(k, _)| k.to_string()).collect();
    let pos = |t: &Table, k: &str| t.get(k).and_then(Item::as_table).and_then(Table::position);
    let (pa, pb) = (pos(parent, a), pos(parent, b));
    let mut entries: Vec<(toml_edit::Key, Item)> =
        keys.iter().filter_map(|k| parent.remove_entry(k)).collect();
    let ia = entries.iter().position(|(k, _)| k.get() == a);
    let ib = entries.iter().position(|(k, _)| k.get() == b);
    if let (Some(ia), Some(ib)) = (ia, ib) {
        entries.swap(ia, ib);
    }
    for (k, mut item) in entries {
        if let Some(t) = item.as_table_mut() {
            if k.get() == a && pb.is_some() {
                t.set_position(pb);
            } else if k.get() == b && pa.is_some() {
                t.set_position(pa);
            }
        }
        parent.insert_formatted(&k, item);
    }
}

fn move_item(
    doc: &mut DocumentMut,
    map: &ImpactMap,
    item: &str,
    from: Option<&str>,
    to: &str,
) -> Result<Done> {
    let name = name_of(map, Some(item));
    let to_name = name_of(map, Some(to));
    match level_of(map, item)? {
        NodeLevel::Actor => Err(refuse(format!(
            "{name} is an actor: actors hang under the goal, there is no other parent"
        ))),
        NodeLevel::Impact => {
            if level_of(map, to)? != NodeLevel::Actor {
                return Err(refuse(format!(
                    "`{to}` is not an actor: an impact moves under an actor"
                )));
            }
            set(item_mut(doc, NodeLevel::Impact, item)?, "actor", to);
            Ok((format!("moved {name} under {to_name}"), focus(map, item)))
        }
        NodeLevel::Deliverable => {
            if level_of(map, to)? != NodeLevel::Impact {
                return Err(refuse(format!(
                    "`{to}` is not an impact: a deliverable moves under an impact"
                )));
            }
            let d = map
                .deliverables
                .iter()
                .find(|d| d.id == item)
                .ok_or_else(|| refuse(format!("no deliverable `{item}`")))?;
            if let Some(f) = from {
                if !d.impacts.iter().any(|i| i == f) {
                    return Err(refuse(format!("{name} is not under `{f}`")));
                }
            }
            let t = item_mut(doc, NodeLevel::Deliverable, item)?;
            let a = array_field(t, "impacts")
                .ok_or_else(|| refuse(format!("`impacts` of {item} is not a list")))?;
            let already = a.iter().any(|v| v.as_str() == Some(to));
            match from {
                // one parent swapped for another, in its place
                Some(f) => {
                    if already {
                        retain(a, |v| v.as_str() != Some(f));
                    } else if let Some(v) = a.iter_mut().find(|v| v.as_str() == Some(f)) {
                        let decor = v.decor().clone();
                        *v = Value::from(to);
                        *v.decor_mut() = decor;
                    }
                }
                // the first parent becomes the new one, in its place; the others go
                None => {
                    if already {
                        retain(a, |v| v.as_str() == Some(to));
                    } else if let Some(first) = a.get_mut(0) {
                        let decor = first.decor().clone();
                        *first = Value::from(to);
                        *first.decor_mut() = decor;
                        let mut seen = 0;
                        retain(a, |_| {
                            seen += 1;
                            seen == 1
                        });
                    } else {
                        push(a, to);
                    }
                }
            }
            Ok((format!("moved {name} under {to_name}"), focus(map, item)))
        }
    }
}

/// A number as the user types it, grouped as the screen shows it too (`15,000`, `15_000`).
pub(super) fn number(text: &str) -> Option<Value> {
    let ungrouped = super::ungroup(text)?;
    let text = ungrouped.as_str();
    if let Ok(i) = text.parse::<i64>() {
        return Some(Value::from(i));
    }
    // a whole number past i64 would be written rounded, as a float
    if super::is_whole(text) {
        return None;
    }
    text.parse::<f64>()
        .ok()
        .filter(|f| f.is_finite())
        .map(Value::from)
}

fn set_goal(
    ws: &Workspace,
    doc: &mut DocumentMut,
    map: &ImpactMap,
    field: GoalField,
    text: &str,
) -> Result<Done> {
    let text = text.trim();
    let key = field.key();
    let goal_ref = Some(Reference::new(RefKind::Impact, &map.id, None));
    let t = goal_mut(doc)?;
    if text.is_empty() {
        remove(t, key);
        return Ok((format!("goal: {key} removed"), goal_ref));
    }
    let v: Value = match field {
        GoalField::Baseline | GoalField::Current | GoalField::Target => {
            number(text).ok_or_else(|| {
                refuse(format!(
                    "the {key} must be a number, not `{text}`{}",
                    super::not_a_number_why(text)
                ))
            })?
        }
        GoalField::Deadline => {
            if !crate::workspace::load::valid_date(text) {
                return Err(refuse(format!(
                    "the deadline must be a date YYYY-MM-DD, not `{text}`"
                )));
            }
            let d: toml_edit::Datetime = text
                .parse()
                .map_err(|_| refuse(format!("`{text}` is not a date")))?;
            Value::from(d)
        }
        GoalField::Unit => Value::from(one_line(text, "the unit")?),
        GoalField::Metric => {
            let with_kind = if text.contains(':') {
                text.to_string()
            } else {
                format!("metric:{text}")
            };
            let r = Reference::parse(&with_kind)
                .map_err(|e| refuse(format!("`{text}` is not a metric reference: {e}")))?;
            if r.kind != RefKind::Metric || ws.metric(&r.doc).is_none() {
                return Err(refuse(format!("no metric `{text}` in this workspace")));
            }
            Value::from(r.to_string())
        }
    };
    let shown = v.to_string();
    set(t, key, v);
    Ok((format!("goal: {key} = {}", shown.trim()), goal_ref))
}
