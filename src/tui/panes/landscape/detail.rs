//! The selected component in detail: position, stage, sourcing, evolve, note,
//! and the followable items (needs, needed-by, links, backlinks), drawn as a side
//! panel on wide terminals or as a strip under the map on narrow ones.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use unicode_width::UnicodeWidthChar;

use super::{Focus, Hit, LandscapePane};
use crate::text::inert;
use crate::tui::panes::Ctx;
use crate::tui::widgets::wardley::posbar::position_bar;
use crate::tui::widgets::wardley::{
    area_name, display_name, marker_glyph, short_id, truncate, MapLayout, TextKind,
};
use crate::workspace::model::{stage_of, ComponentKind, LinkFlow, Sourcing};
use crate::workspace::{RefKind, Reference, WardleyMap, Workspace};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    /// A submap's target map.
    Opens,
    Need,
    NeededBy,
    Link,
    Backlink,
}

impl ItemKind {
    fn heading(self) -> &'static str {
        match self {
            ItemKind::Opens => "Opens",
            ItemKind::Need => "Needs",
            ItemKind::NeededBy => "Needed by",
            ItemKind::Link => "Links",
            ItemKind::Backlink => "Backlinks",
        }
    }

    fn short(self) -> &'static str {
        match self {
            ItemKind::Opens => "opens",
            ItemKind::Need => "needs",
            ItemKind::NeededBy => "needed by",
            ItemKind::Link => "links",
            ItemKind::Backlink => "backlinks",
        }
    }
}

/// One followable line of the detail panel.
#[derive(Debug, Clone, PartialEq)]
pub struct DetailItem {
    pub kind: ItemKind,
    pub target: Reference,
    /// Already inert.
    pub text: String,
}

pub fn sourcing_key(s: Sourcing) -> &'static str {
    s.as_str()
}

/// A short human description of what a reference points at, when it resolves.
pub fn describe(ws: &Workspace, r: &Reference) -> Option<String> {
    let target = ws.resolve(r)?;
    let title = display_name(target.title());
    Some(match target {
        crate::workspace::links::Target::Component { map, .. } => {
            format!("{title} in {}", display_name(&map.title))
        }
        _ => title,
    })
}

fn reference_text(ws: &Workspace, r: &Reference) -> String {
    match describe(ws, r) {
        Some(d) if !d.is_empty() => format!("{r}  {d}"),
        _ => r.to_string(),
    }
}

/// The submap's target as a reference: `url` may be a reference, or the id of a
/// map `url` line whose address is one.
fn submap_target(map: &WardleyMap, url: &str) -> Option<Reference> {
    let address = map
        .urls
        .iter()
        .find(|u| u.id == url)
        .map(|u| u.address.as_str())
        .unwrap_or(url);
    Reference::parse(address)
        .ok()
        .filter(|r| r.kind == RefKind::Map)
}

pub fn items(ctx: &Ctx, map: &WardleyMap, i: usize) -> Vec<DetailItem> {
    let Some(c) = map.components.get(i) else {
        return Vec::new();
    };
    let comp_ref = |id: &str| Reference::new(RefKind::Map, map.id.clone(), Some(id.to_string()));
    let mut out = Vec::new();
    if let Some(target) = c.url.as_deref().and_then(|u| submap_target(map, u)) {
        out.push(DetailItem {
            kind: ItemKind::Opens,
            text: reference_text(ctx.ws, &target),
            target,
        });
    }
    for n in &c.needs {
        let Some(other) = map.component(&n.to) else {
            continue;
        };
        let mut text = display_name(&other.name);
        if let Some(l) = &n.label {
            text.push_str(&format!(" [{}]", inert(l)));
        }
        if let Some(cx) = &n.context {
            text.push_str(&format!(" ({})", inert(cx.trim())));
        }
        if n.flow != LinkFlow::None {
            text.push_str(" ⇢");
        }
        out.push(DetailItem {
            kind: ItemKind::Need,
            target: comp_ref(&other.id),
            text,
        });
    }
    for other in &map.components {
        if let Some(n) = other.needs.iter().find(|n| n.to == c.id) {
            let mut text = display_name(&other.name);
            if let Some(cx) = &n.context {
                text.push_str(&format!(" ({})", inert(cx.trim())));
            }
            out.push(DetailItem {
                kind: ItemKind::NeededBy,
                target: comp_ref(&other.id),
                text,
            });
        }
    }
    for r in &c.links {
        out.push(DetailItem {
            kind: ItemKind::Link,
            text: reference_text(ctx.ws, r),
            target: r.clone(),
        });
    }
    for r in ctx.links.backlinks(&comp_ref(&c.id)) {
        // components of this map that need it are listed under "Needed by" already
        if out
            .iter()
            .any(|it: &DetailItem| it.kind == ItemKind::NeededBy && &it.target == r)
        {
            continue;
        }
        out.push(DetailItem {
            kind: ItemKind::Backlink,
            text: reference_text(ctx.ws, r),
            target: r.clone(),
        });
    }
    out
}

/// A run of text on a line; `item` marks a followable item (clickable, cursor-highlighted).
pub(super) struct Seg {
    pub text: String,
    pub style: Style,
    pub item: Option<usize>,
}

pub(super) fn seg(text: impl Into<String>, style: Style) -> Seg {
    Seg {
        text: text.into(),
        style,
        item: None,
    }
}

/// Writes `text` from column `x` on row `y`, never past `right` (exclusive),
/// measuring each char with unicode-width; returns the column after it.
pub(super) fn put(buf: &mut Buffer, x: u16, y: u16, right: u16, text: &str, style: Style) -> u16 {
    let mut x = x;
    for ch in text.chars() {
        let w = ch.width().unwrap_or(0) as u16;
        if w == 0 {
            continue;
        }
        if x.saturating_add(w) > right {
            break;
        }
        if let Some(cell) = buf.cell_mut((x, y)) {
            cell.set_char(ch).set_style(style);
        }
        for k in 1..w {
            if let Some(cell) = buf.cell_mut((x + k, y)) {
                cell.reset();
            }
        }
        x += w;
    }
    x
}

/// Draws segments on one row; registers item hits.
pub(super) fn put_segs(
    buf: &mut Buffer,
    area: Rect,
    y: u16,
    segs: &[Seg],
    hits: &mut Vec<(Rect, Hit)>,
) -> u16 {
    let mut x = area.x;
    for s in segs {
        let start = x;
        x = put(buf, x, y, area.right(), &s.text, s.style);
        if let Some(k) = s.item {
            if x > start {
                hits.push((Rect::new(start, y, x - start, 1), Hit::Item(k)));
            }
        }
    }
    x
}

/// Each non-blank line of `text`, its spaces folded, word-wrapped to `width` cells (a word or
/// a run of wide characters longer than a line is broken).
fn wrap(text: &str, width: usize) -> Vec<String> {
    text.lines()
        .map(|para| para.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|para| !para.is_empty())
        .flat_map(|para| crate::tui::widgets::text::wrap(&para, width))
        .collect()
}

/// Facts about the selected component, one per line, for the side panel.
fn facts(ctx: &Ctx, map: &WardleyMap, i: usize, width: usize) -> Vec<Vec<Seg>> {
    let t = ctx.theme;
    let c = &map.components[i];
    let mut out: Vec<Vec<Seg>> = Vec::new();
    let stage = stage_of(c.evolution).min(3);
    let kv =
        |k: &str, v: String, style: Style| vec![seg(format!("{k:<11}"), t.muted), seg(v, style)];
    out.push(vec![
        seg(format!("{} ", marker_glyph(c.kind)), t.title),
        seg(display_name(&c.name), t.title.add_modifier(Modifier::BOLD)),
    ]);
    out.push(vec![seg(format!("map:{}/{}", map.id, c.id), t.muted)]);
    if c.kind != ComponentKind::Component {
        let kind = if c.kind == ComponentKind::Anchor {
            "anchor"
        } else {
            "submap"
        };
        out.push(kv("kind", kind.into(), t.base));
    }
    out.push(kv(
        "position",
        format!(
            "visibility {:.2} · evolution {:.2}",
            c.visibility, c.evolution
        ),
        t.base,
    ));
    out.push(kv(
        "stage",
        display_name(&map.stages[stage]),
        t.stage[stage],
    ));
    if !c.sourcing.is_empty() {
        let s: Vec<&str> = c.sourcing.iter().map(|s| sourcing_key(*s)).collect();
        out.push(kv("sourcing", s.join(", "), t.base));
    }
    if c.inertia {
        out.push(kv(
            "inertia",
            "yes".into(),
            t.warning.add_modifier(Modifier::BOLD),
        ));
    }
    if let Some(e) = c.evolve {
        let es = stage_of(e).min(3);
        let mut v = format!("→ {e:.2} {}", display_name(&map.stages[es]));
        if let Some(n) = &c.evolve_name {
            v.push_str(&format!(" as {}", display_name(n)));
        }
        out.push(kv("evolve", v, t.accent));
    }
    if let Some(p) = c.pipeline.as_deref().and_then(|p| map.component(p)) {
        out.push(kv("pipeline", display_name(&p.name), t.base));
    }
    if let Some(u) = &c.url {
        out.push(kv("url", inert(u).into_owned(), t.muted));
    }
    let bar_w = width.saturating_sub(11).min(45);
    let bar = position_bar(c.evolution, c.evolve, bar_w);
    if !bar.is_empty() {
        out.push(kv("", bar, t.base));
    }
    if !c.note.trim().is_empty() {
        for line in wrap(&crate::text::inert_multiline(&c.note), width) {
            out.push(vec![seg(line, t.muted.add_modifier(Modifier::ITALIC))]);
        }
    }
    out
}

fn item_style(pane: &LandscapePane, ctx: &Ctx, k: usize) -> Style {
    if pane.focus == Focus::Detail && pane.cursor == k {
        ctx.theme.selection.add_modifier(Modifier::BOLD)
    } else {
        ctx.theme.link
    }
}

/// Legend and annotation lines (texts already inert).
fn legend_lines(ctx: &Ctx, map: &WardleyMap, l: &MapLayout) -> Vec<Vec<Seg>> {
    let t = ctx.theme;
    let mut out = Vec::new();
    for e in &l.legend {
        let Some(c) = map.components.get(e.component) else {
            continue;
        };
        let mut line = vec![
            seg(format!("{:>3} ", short_id(e.component)), t.accent),
            seg(display_name(&c.name), t.base),
        ];
        if !e.placed {
            line.push(seg(" (no room)", t.muted));
        }
        out.push(line);
    }
    out
}

/// What the flow and area marks mean, for the maps that have them.
fn key_lines(ctx: &Ctx, map: &WardleyMap, l: &MapLayout) -> Vec<Vec<Seg>> {
    let t = ctx.theme;
    let mut out = Vec::new();
    if l.links.iter().any(|k| k.flow != LinkFlow::None) {
        out.push(vec![seg("⣤⣤→ ", t.base), seg("flow", t.base)]);
    }
    let mut kinds: Vec<_> = map.areas.iter().map(|a| a.kind).collect();
    kinds.sort_by_key(|k| *k as u8);
    kinds.dedup();
    for kind in kinds {
        let (full, initial) = area_name(kind);
        // the initial is explained only where the map shows it
        let abbreviated = l.texts.iter().any(|txt| {
            txt.kind == TextKind::AreaName
                && txt.text == initial
                && l.areas.get(txt.owner).is_some_and(|a| a.kind == kind)
        });
        let mut line = vec![seg("╭─╮ ", t.muted), seg(full, t.base)];
        if abbreviated {
            line.push(seg(format!(" ({initial})"), t.muted));
        }
        out.push(line);
    }
    out
}

fn annotation_lines(ctx: &Ctx, map: &WardleyMap, l: &MapLayout) -> Vec<Vec<Seg>> {
    let t = ctx.theme;
    let mut out: Vec<Vec<Seg>> = map
        .annotations
        .iter()
        .map(|a| {
            vec![
                seg(format!("({}) ", a.number), t.warning),
                seg(display_name(&a.text), t.base),
            ]
        })
        .collect();
    if l.hidden_notes > 0 {
        out.push(vec![seg(
            format!(
                "{} note{} hidden: zoom in or see the table",
                l.hidden_notes,
                if l.hidden_notes == 1 { "" } else { "s" }
            ),
            t.muted,
        )]);
    }
    out
}

/// The side panel (wide layouts).
pub(super) fn render_panel(
    pane: &mut LandscapePane,
    area: Rect,
    buf: &mut Buffer,
    ctx: &Ctx,
    l: &MapLayout,
) {
    let t = ctx.theme;
    for y in area.top()..area.bottom() {
        put(buf, area.x, y, area.right(), "│", t.border);
    }
    let inner = Rect::new(
        area.x.saturating_add(2),
        area.y,
        area.width.saturating_sub(3),
        area.height,
    );
    let Some(map) = pane.current_map(ctx.ws) else {
        return;
    };
    let mut lines: Vec<Vec<Seg>> = Vec::new();
    let mut cursor_line = 0;
    if let Some(i) = pane.selected_index(ctx.ws) {
        lines.extend(facts(ctx, map, i, usize::from(inner.width)));
        let items = items(ctx, map, i);
        let mut last = None;
        for (k, it) in items.iter().enumerate() {
            if last != Some(it.kind) {
                lines.push(Vec::new());
                lines.push(vec![seg(it.kind.heading(), t.title)]);
                last = Some(it.kind);
            }
            if k == pane.cursor {
                cursor_line = lines.len();
            }
            lines.push(vec![
                seg("▸ ", t.muted),
                Seg {
                    text: it.text.clone(),
                    style: item_style(pane, ctx, k),
                    item: Some(k),
                },
            ]);
        }
        if items.is_empty() {
            lines.push(Vec::new());
            lines.push(vec![seg("no links", t.muted)]);
        }
    }
    let legend = legend_lines(ctx, map, l);
    if !legend.is_empty() {
        lines.push(Vec::new());
        lines.push(vec![seg("Legend", t.title)]);
        lines.extend(legend);
    }
    let key = key_lines(ctx, map, l);
    if !key.is_empty() {
        lines.push(Vec::new());
        lines.push(vec![seg("Key", t.title)]);
        lines.extend(key);
    }
    let notes = annotation_lines(ctx, map, l);
    if !notes.is_empty() {
        lines.push(Vec::new());
        lines.push(vec![seg("Annotations", t.title)]);
        lines.extend(notes);
    }
    let h = usize::from(inner.height);
    let top = if pane.focus == Focus::Detail && cursor_line >= h {
        cursor_line + 1 - h
    } else {
        0
    };
    for (row, line) in lines.iter().skip(top).take(h).enumerate() {
        put_segs(buf, inner, inner.y + row as u16, line, &mut pane.hits);
    }
}

/// The strip under the map (narrow layouts): one line of facts, then the items
/// flowing over the next lines, then the legend.
pub(super) fn render_strip(
    pane: &mut LandscapePane,
    area: Rect,
    buf: &mut Buffer,
    ctx: &Ctx,
    l: &MapLayout,
) {
    let t = ctx.theme;
    let Some(map) = pane.current_map(ctx.ws) else {
        return;
    };
    if area.height == 0 {
        return;
    }
    let Some(i) = pane.selected_index(ctx.ws) else {
        put(
            buf,
            area.x,
            area.y,
            area.right(),
            "(this map has no components)",
            t.muted,
        );
        return;
    };
    let c = &map.components[i];
    let stage = stage_of(c.evolution).min(3);
    let mut head = vec![
        seg(format!("{} ", marker_glyph(c.kind)), t.title),
        seg(display_name(&c.name), t.title.add_modifier(Modifier::BOLD)),
        seg(
            format!("  v {:.2} e {:.2} ", c.visibility, c.evolution),
            t.muted,
        ),
        seg(display_name(&map.stages[stage]), t.stage[stage]),
    ];
    if !c.sourcing.is_empty() {
        let s: Vec<&str> = c.sourcing.iter().map(|s| sourcing_key(*s)).collect();
        head.push(seg(format!(" · {}", s.join(", ")), t.base));
    }
    if c.inertia {
        head.push(seg(" · inertia", t.warning.add_modifier(Modifier::BOLD)));
    }
    if let Some(e) = c.evolve {
        let mut v = format!(" · evolve → {e:.2}");
        if let Some(n) = &c.evolve_name {
            v.push_str(&format!(" {}", display_name(n)));
        }
        head.push(seg(v, t.accent));
    }
    if !c.note.trim().is_empty() {
        head.push(seg(
            format!(" · {}", display_name(&c.note)),
            t.muted.add_modifier(Modifier::ITALIC),
        ));
    }
    head.push(seg(" ", t.base));
    let end = put_segs(buf, area, area.y, &head, &mut pane.hits);
    // the rest of the first row is a rule, so the strip reads apart from the map
    for x in end..area.right() {
        put(buf, x, area.y, area.right(), "─", t.border);
    }

    // items flow over the rows left (all but the legend row when there are 4)
    let items = items(ctx, map, i);
    let legend_rows: u16 = if area.height >= 4 { 1 } else { 0 };
    let item_rows = area.height.saturating_sub(1 + legend_rows);
    let mut segs: Vec<Seg> = Vec::new();
    let mut last = None;
    // start late enough that the cursor's item is shown
    let first = if pane.focus == Focus::Detail {
        pane.cursor.saturating_sub(3)
    } else {
        0
    };
    if first > 0 {
        segs.push(seg("… ", t.muted));
    }
    for (k, it) in items.iter().enumerate().skip(first) {
        if last != Some(it.kind) {
            segs.push(seg(format!("{}: ", it.kind.short()), t.muted));
            last = Some(it.kind);
        }
        segs.push(Seg {
            text: it.text.clone(),
            style: item_style(pane, ctx, k),
            item: Some(k),
        });
        segs.push(seg("  ", t.base));
    }
    if items.is_empty() {
        segs.push(seg("no links", t.muted));
    }
    flow(buf, area, area.y + 1, item_rows, &segs, &mut pane.hits);

    if legend_rows == 1 {
        let mut segs: Vec<Seg> = Vec::new();
        for line in legend_lines(ctx, map, l)
            .into_iter()
            .chain(key_lines(ctx, map, l))
            .chain(annotation_lines(ctx, map, l))
        {
            segs.extend(line);
            segs.push(seg("  ", t.base));
        }
        if !segs.is_empty() {
            segs.insert(0, seg("legend: ", t.muted));
            flow(buf, area, area.bottom() - 1, 1, &segs, &mut pane.hits);
        }
    }
}

/// Lays segments out over `rows` rows from `y`, breaking between segments;
/// a segment too wide for a row is cut with `…`.
fn flow(
    buf: &mut Buffer,
    area: Rect,
    y: u16,
    rows: u16,
    segs: &[Seg],
    hits: &mut Vec<(Rect, Hit)>,
) {
    let mut row = 0;
    let mut x = area.x;
    for s in segs {
        let w = crate::tui::widgets::wardley::text_width(&s.text) as u16;
        let room = area.right().saturating_sub(x);
        let last_row = row + 1 >= rows;
        // on the last row a long segment is cut to the room left rather than lost
        if x > area.x && w > room && !(last_row && room >= 8) {
            row += 1;
            x = area.x;
            if s.text.trim().is_empty() {
                continue;
            }
        }
        if row >= rows {
            return;
        }
        let room = area.right().saturating_sub(x);
        let text = if w > room {
            truncate(&s.text, usize::from(room))
        } else {
            s.text.clone()
        };
        let start = x;
        x = put(buf, x, y + row, area.right(), &text, s.style);
        if let Some(k) = s.item {
            if x > start {
                hits.push((Rect::new(start, y + row, x - start, 1), Hit::Item(k)));
            }
        }
    }
}

#[cfg(test)]
mod wrap_tests {
    use super::wrap;
    use crate::tui::widgets::text::width;

    #[test]
    fn notes_wrap_within_the_panel_even_without_spaces() {
        let lines = wrap("first  line\n\n   \n雲端服務供應商的選擇與成本", 6);
        assert_eq!(lines[0], "first");
        assert_eq!(lines[1], "line");
        assert!(lines.iter().all(|l| width(l) <= 6), "{lines:?}");
        assert_eq!(lines[2..].concat(), "雲端服務供應商的選擇與成本");
    }
}
