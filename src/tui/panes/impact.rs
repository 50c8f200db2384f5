//! The Impact map pane: a foldable tree Goal → Actors → Impacts →
//! Deliverables with the goal's measure as a gauge above it, and beside it
//! the selected node in detail with its links and backlinks (Enter follows).
//! `[` / `]` switch between the workspace's impact maps.
//!
//! A deliverable that serves several impacts appears under each of them;
//! impacts whose actor is unknown and deliverables with no known impact are
//! gathered under their own group nodes rather than dropped.

mod edit;

pub use edit::ImpactThen;

use std::collections::HashSet;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block as Frame, Widget};

use super::{Ctx, Pane};
use crate::text::inert;
use crate::tui::action::Action;
use crate::tui::theme::Theme;
use crate::tui::widgets::doc::{self, Block};
use crate::tui::widgets::gauge::{gauge_line, Measure};
use crate::tui::widgets::{links, text};
use crate::workspace::links::Target;
use crate::workspace::{
    DeliverableStatus, Direction, ImpactDirection, ImpactMap, RefKind, Reference, Workspace,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    #[default]
    Tree,
    Detail,
}

/// View state of one impact map.
#[derive(Debug, Clone, Default)]
struct DocState {
    /// Keys of folded nodes.
    folded: HashSet<String>,
    /// Key of the selected node.
    selected: String,
    /// Selected item in the detail panel.
    item: usize,
}

#[derive(Debug, Default)]
pub struct ImpactPane {
    doc: usize,
    docs: Vec<DocState>,
    focus: Focus,
    tree_scroll: u16,
    detail_scroll: u16,
    page: u16,
    /// Where the last render drew clickable things.
    hits: Vec<(Rect, Hit)>,
}

/// A clickable place on screen.
#[derive(Debug, Clone, PartialEq)]
enum Hit {
    Node(String),
    Item(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    Goal,
    Actor(usize),
    Impact(usize),
    Deliverable(usize),
    /// Impacts whose actor is not in the map.
    LooseImpacts,
    /// Deliverables that name no impact of the map.
    LooseDeliverables,
}

/// A row of the tree.
#[derive(Debug, Clone)]
pub struct Node {
    /// Unique path key ("goal/a:members/i:come-back").
    pub key: String,
    pub kind: NodeKind,
    pub depth: usize,
    pub has_children: bool,
    /// Tree guides drawn before the node ("│  ├─ ").
    guides: String,
}

/// The tree's rows in display order; children of folded nodes are left out
/// unless `folded` is None (the whole tree).
pub fn nodes(map: &ImpactMap, folded: Option<&HashSet<String>>) -> Vec<Node> {
    struct Walk<'a> {
        map: &'a ImpactMap,
        folded: Option<&'a HashSet<String>>,
        out: Vec<Node>,
    }
    impl Walk<'_> {
        fn children(&self, kind: NodeKind) -> Vec<(String, NodeKind)> {
            let m = self.map;
            match kind {
                NodeKind::Goal => {
                    let mut c: Vec<(String, NodeKind)> = m
                        .actors
                        .iter()
                        .enumerate()
                        .map(|(i, a)| (format!("a:{}", a.id), NodeKind::Actor(i)))
                        .collect();
                    if m.impacts
                        .iter()
                        .any(|i| !m.actors.iter().any(|a| a.id == i.actor))
                    {
                        c.push(("loose-impacts".into(), NodeKind::LooseImpacts));
                    }
                    if m.deliverables.iter().any(|d| {
                        !d.impacts
                            .iter()
                            .any(|x| m.impacts.iter().any(|i| &i.id == x))
                    }) {
                        c.push(("loose-deliverables".into(), NodeKind::LooseDeliverables));
                    }
                    c
                }
                NodeKind::Actor(a) => m
                    .impacts
                    .iter()
                    .enumerate()
                    .filter(|(_, i)| i.actor == m.actors[a].id)
                    .map(|(n, i)| (format!("i:{}", i.id), NodeKind::Impact(n)))
                    .collect(),
                NodeKind::LooseImpacts => m
                    .impacts
                    .iter()
                    .enumerate()
                    .filter(|(_, i)| !m.actors.iter().any(|a| a.id == i.actor))
                    .map(|(n, i)| (format!("i:{}", i.id), NodeKind::Impact(n)))
                    .collect(),
                NodeKind::Impact(i) => m
                    .deliverables
                    .iter()
                    .enumerate()
                    .filter(|(_, d)| d.impacts.contains(&m.impacts[i].id))
                    .map(|(n, d)| (format!("d:{}", d.id), NodeKind::Deliverable(n)))
                    .collect(),
                NodeKind::LooseDeliverables => m
                    .deliverables
                    .iter()
                    .enumerate()
                    .filter(|(_, d)| {
                        !d.impacts
                            .iter()
                            .any(|x| m.impacts.iter().any(|i| &i.id == x))
                    })
                    .map(|(n, d)| (format!("d:{}", d.id), NodeKind::Deliverable(n)))
                    .collect(),
                NodeKind::Deliverable(_) => Vec::new(),
            }
        }

        fn visit(&mut self, key: String, kind: NodeKind, depth: usize, lead: &str, branch: &str) {
            let kids = self.children(kind);
            let open = self.folded.is_none_or(|f| !f.contains(&key));
            self.out.push(Node {
                key: key.clone(),
                kind,
                depth,
                has_children: !kids.is_empty(),
                guides: format!("{lead}{branch}"),
            });
            if !open {
                return;
            }
            let n = kids.len();
            let cont = match branch {
                "" => "",
                "└─ " => "   ",
                _ => "│  ",
            };
            let lead = format!("{lead}{cont}");
            for (i, (k, kind)) in kids.into_iter().enumerate() {
                let branch = if i + 1 == n { "└─ " } else { "├─ " };
                self.visit(format!("{key}/{k}"), kind, depth + 1, &lead, branch);
            }
        }
    }
    let mut w = Walk {
        map,
        folded,
        out: Vec::new(),
    };
    w.visit("goal".into(), NodeKind::Goal, 0, "", "");
    w.out
}

impl ImpactPane {
    pub fn new(ws: &Workspace) -> Self {
        ImpactPane {
            docs: vec![DocState::default(); ws.impact_maps.len()],
            ..Default::default()
        }
    }

    /// Index of the shown impact map.
    pub fn doc(&self) -> usize {
        self.doc
    }

    pub fn focus(&self) -> Focus {
        self.focus
    }

    fn map<'a>(&self, ws: &'a Workspace) -> Option<&'a ImpactMap> {
        ws.impact_maps
            .get(self.doc.min(ws.impact_maps.len().saturating_sub(1)))
    }

    fn state(&mut self) -> &mut DocState {
        if self.docs.len() <= self.doc {
            self.docs.resize(self.doc + 1, DocState::default());
        }
        &mut self.docs[self.doc]
    }

    fn state_ref(&self) -> DocState {
        self.docs.get(self.doc).cloned().unwrap_or_default()
    }

    /// Visible rows and the index of the selected one.
    fn visible(&self, map: &ImpactMap) -> (Vec<Node>, usize) {
        let st = self.state_ref();
        let rows = nodes(map, Some(&st.folded));
        let sel = rows.iter().position(|n| n.key == st.selected).unwrap_or(0);
        (rows, sel)
    }

    /// The selected node of the shown map.
    pub fn selected_node(&self, ws: &Workspace) -> Option<Node> {
        let map = self.map(ws)?;
        let (rows, sel) = self.visible(map);
        rows.into_iter().nth(sel)
    }

    fn select_row(&mut self, map: &ImpactMap, by: isize) {
        let (rows, sel) = self.visible(map);
        if rows.is_empty() {
            return;
        }
        let i = (sel as isize + by).clamp(0, rows.len() as isize - 1) as usize;
        let key = rows[i].key.clone();
        let st = self.state();
        if st.selected != key {
            st.selected = key;
            st.item = 0;
            self.detail_scroll = 0;
        }
    }

    /// A click selects the node or item it lands on; a click on the
    /// selected node folds it, on the selected link follows it.
    fn click(&mut self, col: u16, row: u16, ctx: &Ctx) -> Option<Action> {
        let at = ratatui::layout::Position::new(col, row);
        let hit = self
            .hits
            .iter()
            .find(|(r, _)| r.contains(at))
            .map(|(_, h)| h.clone())?;
        match hit {
            Hit::Node(key) => {
                let again = self.focus == Focus::Tree && self.state_ref().selected == key;
                let has_children = self.map(ctx.ws).is_some_and(|m| {
                    nodes(m, None)
                        .iter()
                        .any(|n| n.key == key && n.has_children)
                });
                let st = self.state();
                if again && has_children && !st.folded.remove(&key) {
                    st.folded.insert(key.clone());
                }
                if st.selected != key {
                    st.selected = key;
                    st.item = 0;
                    self.detail_scroll = 0;
                }
                self.focus = Focus::Tree;
            }
            Hit::Item(i) => {
                let again = self.focus == Focus::Detail && self.state_ref().item == i;
                self.state().item = i;
                self.focus = Focus::Detail;
                if again {
                    return self
                        .detail_items(ctx)
                        .into_iter()
                        .nth(i)
                        .and_then(|i| i.follow)
                        .map(Action::Follow);
                }
            }
        }
        None
    }

    fn switch_doc(&mut self, by: isize, ws: &Workspace) {
        let n = ws.impact_maps.len();
        if n == 0 {
            return;
        }
        self.doc = (self.doc as isize + by).rem_euclid(n as isize) as usize;
        self.tree_scroll = 0;
        self.detail_scroll = 0;
    }

    fn detail_items(&self, ctx: &Ctx) -> Vec<doc::Item> {
        let Some(map) = self.map(ctx.ws) else {
            return Vec::new();
        };
        let Some(node) = self.selected_node(ctx.ws) else {
            return Vec::new();
        };
        doc::items(&detail(ctx, map, &node)).cloned().collect()
    }
}

/// The reference a node stands for: `impact:MAP` for the goal, `impact:MAP/ID` for the rest.
pub fn node_reference(map: &ImpactMap, kind: NodeKind) -> Option<Reference> {
    let item = match kind {
        NodeKind::Goal => None,
        NodeKind::Actor(i) => Some(map.actors.get(i)?.id.clone()),
        NodeKind::Impact(i) => Some(map.impacts.get(i)?.id.clone()),
        NodeKind::Deliverable(i) => Some(map.deliverables.get(i)?.id.clone()),
        NodeKind::LooseImpacts | NodeKind::LooseDeliverables => return None,
    };
    Some(Reference::new(RefKind::Impact, map.id.clone(), item))
}

impl Pane for ImpactPane {
    fn title(&self) -> &'static str {
        "Impact map"
    }

    fn update(&mut self, action: &Action, ctx: &Ctx) -> Option<Action> {
        let ws = ctx.ws;
        match action {
            Action::Click { col, row } => return self.click(*col, *row, ctx),
            _ if self.focus == Focus::Tree => {
                if let Some(answer) = self.edit_update(action, ctx) {
                    return answer;
                }
            }
            _ => {}
        }
        match action {
            Action::NextDoc => {
                self.switch_doc(1, ws);
                return None;
            }
            Action::PrevDoc => {
                self.switch_doc(-1, ws);
                return None;
            }
            Action::FocusNext => {
                self.focus = match self.focus {
                    Focus::Tree => Focus::Detail,
                    Focus::Detail => Focus::Tree,
                };
                return None;
            }
            _ => {}
        }
        let map = self.map(ws)?;
        let page = self.page.max(2) as isize / 2;
        match self.focus {
            Focus::Tree => match action {
                Action::Up | Action::ScrollUp => self.select_row(map, -1),
                Action::Down | Action::ScrollDown => self.select_row(map, 1),
                Action::PageUp => self.select_row(map, -page),
                Action::PageDown => self.select_row(map, page),
                Action::Top => self.select_row(map, isize::MIN / 2),
                Action::Bottom => self.select_row(map, isize::MAX / 2),
                Action::ToggleFold => {
                    let node = self.selected_node(ws)?;
                    if node.has_children {
                        let st = self.state();
                        if !st.folded.remove(&node.key) {
                            st.folded.insert(node.key);
                        }
                    }
                }
                Action::Left => {
                    let node = self.selected_node(ws)?;
                    let st = self.state();
                    if node.has_children && !st.folded.contains(&node.key) {
                        st.folded.insert(node.key);
                    } else if let Some((parent, _)) = node.key.rsplit_once('/') {
                        st.selected = parent.to_string();
                        st.item = 0;
                    }
                }
                Action::Right => {
                    let node = self.selected_node(ws)?;
                    if node.has_children && !self.state().folded.remove(&node.key) {
                        self.select_row(map, 1);
                    }
                }
                Action::Select if !self.detail_items(ctx).is_empty() => self.focus = Focus::Detail,
                _ => {}
            },
            Focus::Detail => {
                let n = self.detail_items(ctx).len();
                let st = self.state();
                let cur = st.item.min(n.saturating_sub(1)) as isize;
                let to = |by: isize| (cur + by).clamp(0, n.saturating_sub(1) as isize) as usize;
                match action {
                    Action::Up | Action::ScrollUp => st.item = to(-1),
                    Action::Down | Action::ScrollDown => st.item = to(1),
                    Action::PageUp => st.item = to(-page),
                    Action::PageDown => st.item = to(page),
                    Action::Top => st.item = 0,
                    Action::Bottom => st.item = to(isize::MAX / 2),
                    Action::Left => self.focus = Focus::Tree,
                    Action::Select => {
                        let i = st.item;
                        return self
                            .detail_items(ctx)
                            .into_iter()
                            .nth(i)
                            .and_then(|i| i.follow)
                            .map(Action::Follow);
                    }
                    _ => {}
                }
            }
        }
        None
    }

    fn render(&mut self, area: Rect, buf: &mut Buffer, ctx: &Ctx) {
        self.hits.clear();
        let area = area.intersection(buf.area);
        if area.is_empty() {
            return;
        }
        let theme = ctx.theme;
        let ws = ctx.ws;
        let Some(map) = self.map(ws) else {
            let lines = [
                Line::styled("No impact maps in this workspace.", theme.title),
                Line::styled(
                    "Add one as impact/NAME.toml with a [goal], [actor.ID],",
                    theme.muted,
                ),
                Line::styled(
                    "[impact.ID] and [deliverable.ID] tables (see docs/format.md).",
                    theme.muted,
                ),
            ];
            for (i, l) in lines.iter().enumerate() {
                text::put_line(buf, area, area.x, area.y + i as u16, l, area.width);
            }
            return;
        };
        self.doc = self.doc.min(ws.impact_maps.len() - 1);
        let (rows, sel) = self.visible(map);
        let node = rows.get(sel).cloned();
        let detail_blocks = node
            .as_ref()
            .map(|n| detail(ctx, map, n))
            .unwrap_or_default();
        let n_items = doc::items(&detail_blocks).count();
        let item = self.state_ref().item.min(n_items.saturating_sub(1));

        // Narrow: no frames, header line, tree above and detail below.
        let narrow = area.width < 60 || area.height < 10;
        let side = area.width >= 100;
        let title = format!(
            " Impact map · {} {}/{} ",
            inert(&map.id),
            self.doc + 1,
            ws.impact_maps.len()
        );
        let (tree_area, detail_area) = if narrow {
            text::put_str(
                buf,
                area,
                area.x,
                area.y,
                &text::truncate(title.trim(), area.width as usize),
                theme.title,
            );
            let body = Rect {
                y: area.y + 1,
                height: area.height.saturating_sub(1),
                ..area
            };
            let tree_h = body.height / 2 + body.height % 2;
            (
                Rect {
                    height: tree_h,
                    ..body
                },
                Rect {
                    y: body.y + tree_h,
                    height: body.height - tree_h,
                    ..body
                },
            )
        } else {
            let tree_w = if side {
                area.width * 55 / 100
            } else {
                area.width * 58 / 100
            };
            let left = Rect {
                width: tree_w,
                ..area
            };
            let right = Rect {
                x: area.x + tree_w,
                width: area.width - tree_w,
                ..area
            };
            let f = framed(&title, self.focus == Focus::Tree, theme)
                .title_bottom(Line::styled(" [ ] switch map · space folds ", theme.muted));
            let inner = f.inner(left);
            f.render(left, buf);
            let name = node.as_ref().map(|n| kind_name(n.kind)).unwrap_or("Detail");
            let f = framed(&format!(" {name} "), self.focus == Focus::Detail, theme);
            let dinner = f.inner(right);
            f.render(right, buf);
            // Goal header with the gauge.
            let head = goal_header(ctx, map, inner.width as usize);
            let head_h = (head.len() as u16).min(inner.height / 3);
            for (i, l) in head.iter().take(head_h as usize).enumerate() {
                text::put_line(buf, inner, inner.x, inner.y + i as u16, l, inner.width);
            }
            (
                Rect {
                    y: inner.y + head_h,
                    height: inner.height - head_h,
                    ..inner
                },
                dinner,
            )
        };

        // ---- tree
        let h = tree_area.height as usize;
        if h > 0 {
            let mut scroll = self.tree_scroll as usize;
            if sel < scroll {
                scroll = sel;
            } else if sel >= scroll + h {
                scroll = sel + 1 - h;
            }
            scroll = scroll.min(rows.len().saturating_sub(h));
            self.tree_scroll = scroll as u16;
            let st = self.state_ref();
            for (i, n) in rows.iter().enumerate().skip(scroll).take(h) {
                let y = tree_area.y + (i - scroll) as u16;
                self.hits.push((
                    Rect::new(tree_area.x, y, tree_area.width, 1),
                    Hit::Node(n.key.clone()),
                ));
                let line = node_line(ctx, map, n, st.folded.contains(&n.key));
                let line = text::truncate_line(line, tree_area.width as usize);
                text::put_line(buf, tree_area, tree_area.x, y, &line, tree_area.width);
                if i == sel {
                    let style = if self.focus == Focus::Tree {
                        theme.selection
                    } else {
                        Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
                    };
                    buf.set_style(Rect::new(tree_area.x, y, tree_area.width, 1), style);
                }
            }
            if scroll > 0 {
                text::put_str(
                    buf,
                    tree_area,
                    tree_area.right() - 1,
                    tree_area.y,
                    "▲",
                    theme.title,
                );
            }
            if rows.len() > scroll + h {
                text::put_str(
                    buf,
                    tree_area,
                    tree_area.right() - 1,
                    tree_area.bottom() - 1,
                    "▼",
                    theme.title,
                );
            }
        }

        // ---- detail
        self.page = detail_area.height;
        if !detail_area.is_empty() {
            let lines = doc::layout(
                &detail_blocks,
                detail_area.width.saturating_sub(1).max(1),
                theme,
            );
            let sel_item = (n_items > 0).then_some(item);
            doc::scroll_to(
                &lines,
                detail_area.height,
                sel_item,
                n_items,
                &mut self.detail_scroll,
            );
            let hits = doc::draw(
                &lines,
                detail_area,
                buf,
                self.detail_scroll,
                sel_item,
                self.focus == Focus::Detail,
                theme,
            );
            self.hits
                .extend(hits.into_iter().map(|(r, i)| (r, Hit::Item(i))));
        }
    }

    fn reveal(&mut self, target: &Reference, ctx: &Ctx) -> bool {
        if target.kind != RefKind::Impact {
            return false;
        }
        let Some(doc) = ctx.ws.impact_maps.iter().position(|m| m.id == target.doc) else {
            return false;
        };
        let map = &ctx.ws.impact_maps[doc];
        let all = nodes(map, None);
        // The kind of item the reference names decides which node answers
        // (an actor and an impact may share an id).
        let wanted = match ctx.ws.resolve(target) {
            Some(Target::ImpactMap(_)) => Some(NodeKind::Goal),
            Some(Target::Actor { actor, .. }) => map
                .actors
                .iter()
                .position(|a| a.id == actor.id)
                .map(NodeKind::Actor),
            Some(Target::Impact { impact, .. }) => map
                .impacts
                .iter()
                .position(|a| a.id == impact.id)
                .map(NodeKind::Impact),
            Some(Target::Deliverable { deliverable, .. }) => map
                .deliverables
                .iter()
                .position(|a| a.id == deliverable.id)
                .map(NodeKind::Deliverable),
            _ => None,
        };
        let found = all.iter().find(|n| Some(n.kind) == wanted);
        let Some(node) = found else {
            return false;
        };
        let key = node.key.clone();
        self.doc = doc;
        let st = self.state();
        // Unfold every ancestor so the node shows.
        let mut prefix = String::new();
        for part in key.split('/') {
            if !prefix.is_empty() {
                st.folded.remove(&prefix);
                prefix.push('/');
            }
            prefix.push_str(part);
        }
        st.selected = key;
        st.item = 0;
        self.focus = Focus::Tree;
        self.detail_scroll = 0;
        true
    }

    fn selected(&self, ctx: &Ctx) -> Option<Reference> {
        let map = self.map(ctx.ws)?;
        let node = self.selected_node(ctx.ws)?;
        node_reference(map, node.kind).or_else(|| node_reference(map, NodeKind::Goal))
    }
}

fn framed<'a>(title: &str, focused: bool, theme: &Theme) -> Frame<'a> {
    doc::frame(title, 70, focused, theme)
}

fn kind_name(k: NodeKind) -> &'static str {
    match k {
        NodeKind::Goal => "Goal",
        NodeKind::Actor(_) => "Actor",
        NodeKind::Impact(_) => "Impact",
        NodeKind::Deliverable(_) => "Deliverable",
        NodeKind::LooseImpacts => "Impacts without an actor",
        NodeKind::LooseDeliverables => "Deliverables without an impact",
    }
}

fn status_index(s: DeliverableStatus) -> usize {
    match s {
        DeliverableStatus::Idea => 0,
        DeliverableStatus::Planned => 1,
        DeliverableStatus::Building => 2,
        DeliverableStatus::Shipped => 3,
        DeliverableStatus::Dropped => 4,
    }
}

/// The goal's measure: the goal's own figures first, the linked metric's where the goal is silent.
pub fn goal_measure(ws: &Workspace, map: &ImpactMap) -> (Measure, String) {
    let g = &map.goal;
    let metric = g.metric.as_ref().and_then(|r| ws.metric(&r.doc));
    let baseline = g.baseline.or(metric.and_then(|m| m.baseline));
    let target = g.target.or(metric.and_then(|m| m.target));
    let current = g.current.or(metric.and_then(|m| m.current()));
    let down = match metric {
        Some(m) => m.direction == Direction::Down,
        None => matches!((baseline, target), (Some(b), Some(t)) if t < b),
    };
    let unit = if g.unit.is_empty() {
        metric.map(|m| m.unit.clone()).unwrap_or_default()
    } else {
        g.unit.clone()
    };
    (
        Measure {
            baseline,
            current,
            target,
            down,
        },
        unit,
    )
}

fn goal_header(ctx: &Ctx, map: &ImpactMap, width: usize) -> Vec<Line<'static>> {
    let theme = ctx.theme;
    let (m, unit) = goal_measure(ctx.ws, map);
    if m.baseline.is_none() && m.target.is_none() && m.current.is_none() {
        return vec![
            Line::styled(
                "Goal not measured yet: give it a metric or baseline/target.",
                theme.warning,
            ),
            Line::default(),
        ];
    }
    let mut facts = vec![Span::styled("now ", theme.muted)];
    facts.push(Span::styled(
        m.current.map(text::number).unwrap_or_else(|| "?".into()),
        theme.base.add_modifier(Modifier::BOLD),
    ));
    facts.push(Span::styled(format!(" {}", inert(&unit)), theme.muted));
    if let Some(d) = &map.goal.deadline {
        facts.push(Span::styled(format!(" · by {}", inert(d)), theme.muted));
    }
    if let Some(r) = &map.goal.metric {
        facts.push(Span::styled(" · ", theme.muted));
        facts.push(Span::styled(r.to_string(), theme.link));
    }
    vec![
        text::truncate_line(Line::from(facts), width),
        gauge_line(&m, width, theme.ok, theme.muted, theme.muted),
        Line::default(),
    ]
}

fn node_line(ctx: &Ctx, map: &ImpactMap, n: &Node, folded: bool) -> Line<'static> {
    let theme = ctx.theme;
    let fold = match (n.has_children, folded) {
        (false, _) => "",
        (true, true) => "▸ ",
        (true, false) => "▾ ",
    };
    let mut spans = vec![Span::styled(format!("{}{fold}", n.guides), theme.muted)];
    match n.kind {
        NodeKind::Goal => {
            spans.push(Span::styled("◎ ", theme.accent));
            spans.push(Span::styled(
                inert(&map.goal.title).into_owned(),
                theme.title,
            ));
        }
        NodeKind::Actor(i) => {
            let a = &map.actors[i];
            spans.push(Span::styled(
                inert(&a.name).into_owned(),
                theme.base.add_modifier(Modifier::BOLD),
            ));
            if !a.kind.is_empty() {
                spans.push(Span::styled(format!(" ({})", inert(&a.kind)), theme.muted));
            }
        }
        NodeKind::Impact(i) => {
            let x = &map.impacts[i];
            match x.direction {
                ImpactDirection::Support => {
                    spans.push(Span::styled("+ ", theme.ok));
                    spans.push(Span::styled(inert(&x.behaviour).into_owned(), theme.base));
                }
                ImpactDirection::Obstruct => {
                    spans.push(Span::styled("⊘ ", theme.error));
                    spans.push(Span::styled(inert(&x.behaviour).into_owned(), theme.base));
                    spans.push(Span::styled(
                        " obstructs",
                        theme.error.add_modifier(Modifier::ITALIC),
                    ));
                }
            }
        }
        NodeKind::Deliverable(i) => {
            let d = &map.deliverables[i];
            let st = theme.deliverable_status[status_index(d.status)];
            spans.push(Span::styled(format!("[{}]", d.status.as_str()), st));
            spans.push(Span::raw(" "));
            let mut title = theme.base;
            if d.status == DeliverableStatus::Dropped {
                title = theme.muted.add_modifier(Modifier::CROSSED_OUT);
            }
            spans.push(Span::styled(inert(&d.title).into_owned(), title));
        }
        NodeKind::LooseImpacts | NodeKind::LooseDeliverables => {
            spans.push(Span::styled(
                format!("({})", kind_name(n.kind).to_lowercase()),
                theme.warning,
            ));
        }
    }
    Line::from(spans)
}

fn field(theme: &Theme, name: &str, value: String) -> Block {
    Block::Para {
        first: vec![Span::styled(format!("{name}: "), theme.muted)],
        rest: vec![Span::raw("  ")],
        text: vec![Span::styled(value, theme.base)],
    }
}

fn section(out: &mut Vec<Block>, title: String) {
    out.push(Block::Blank);
    out.push(Block::Heading(title));
}

/// The detail panel of a node.
pub fn detail(ctx: &Ctx, map: &ImpactMap, n: &Node) -> Vec<Block> {
    let theme = ctx.theme;
    let ws = ctx.ws;
    let mut out = Vec::new();
    let iref = |id: &str| Reference::new(RefKind::Impact, map.id.clone(), Some(id.to_string()));
    let follow_line = |arrow: &str, r: &Reference| links::link_line(ws, theme, 0, arrow, r);
    match n.kind {
        NodeKind::Goal => {
            let g = &map.goal;
            out.push(Block::para(inert(&g.title), theme.title, 0));
            let (m, unit) = goal_measure(ws, map);
            out.push(Block::Gauge {
                indent: 0,
                measure: m,
            });
            let num = |v: Option<f64>| v.map(text::number).unwrap_or_else(|| "?".into());
            out.push(field(
                theme,
                "measure",
                format!(
                    "{} → {} → {} {}",
                    num(m.baseline),
                    num(m.current),
                    num(m.target),
                    inert(&unit)
                ),
            ));
            if let Some(d) = &g.deadline {
                out.push(field(theme, "deadline", inert(d).into_owned()));
            }
            if let Some(r) = &g.metric {
                out.push(Block::item(
                    follow_line("metric →", r),
                    Some(r.clone()),
                    None,
                ));
            }
            let obstruct = map
                .impacts
                .iter()
                .filter(|i| i.direction == ImpactDirection::Obstruct)
                .count();
            let shipped = map
                .deliverables
                .iter()
                .filter(|d| d.status == DeliverableStatus::Shipped)
                .count();
            out.push(Block::para(
                format!(
                    "{} actors · {} impacts ({} obstructing) · {} deliverables ({} shipped)",
                    map.actors.len(),
                    map.impacts.len(),
                    obstruct,
                    map.deliverables.len(),
                    shipped
                ),
                theme.muted,
                0,
            ));
            backlinks(
                ctx,
                &Reference::new(RefKind::Impact, map.id.clone(), None),
                &mut out,
            );
        }
        NodeKind::Actor(i) => {
            let a = &map.actors[i];
            out.push(Block::para(inert(&a.name), theme.title, 0));
            if !a.kind.is_empty() {
                out.push(field(theme, "kind", inert(&a.kind).into_owned()));
            }
            if !a.description.trim().is_empty() {
                out.push(Block::para(inert(&a.description), theme.base, 0));
            }
            let mine: Vec<_> = map.impacts.iter().filter(|x| x.actor == a.id).collect();
            section(&mut out, format!("Impacts ({})", mine.len()));
            for x in mine {
                let r = iref(&x.id);
                out.push(Block::item(
                    follow_line(direction_arrow(x.direction), &r),
                    Some(r),
                    None,
                ));
            }
            backlinks(ctx, &iref(&a.id), &mut out);
        }
        NodeKind::Impact(i) => {
            let x = &map.impacts[i];
            out.push(Block::para(inert(&x.behaviour), theme.title, 0));
            let dir = match x.direction {
                ImpactDirection::Support => Span::styled("+ supports the goal", theme.ok),
                ImpactDirection::Obstruct => Span::styled(
                    "⊘ obstructs the goal",
                    theme.error.add_modifier(Modifier::BOLD),
                ),
            };
            out.push(Block::Line(Line::from(dir)));
            let actor = iref(&x.actor);
            out.push(Block::item(
                follow_line("actor →", &actor),
                Some(actor),
                None,
            ));
            if let Some(r) = &x.metric {
                out.push(Block::item(
                    follow_line("metric →", r),
                    Some(r.clone()),
                    None,
                ));
                if let Some(m) = ws.metric(&r.doc) {
                    out.push(Block::Gauge {
                        indent: 2,
                        measure: Measure {
                            baseline: m.baseline,
                            current: m.current(),
                            target: m.target,
                            down: m.direction == Direction::Down,
                        },
                    });
                }
            }
            let ds: Vec<_> = map
                .deliverables
                .iter()
                .filter(|d| d.impacts.contains(&x.id))
                .collect();
            section(&mut out, format!("Deliverables ({})", ds.len()));
            for d in ds {
                let r = iref(&d.id);
                let mut line = follow_line("→", &r);
                line.spans.push(Span::styled(
                    format!("  [{}]", d.status.as_str()),
                    theme.deliverable_status[status_index(d.status)],
                ));
                out.push(Block::item(line, Some(r), None));
            }
            backlinks(ctx, &iref(&x.id), &mut out);
        }
        NodeKind::Deliverable(i) => {
            let d = &map.deliverables[i];
            out.push(Block::para(inert(&d.title), theme.title, 0));
            out.push(Block::Line(Line::from(vec![
                Span::styled("status: ", theme.muted),
                Span::styled(
                    format!("[{}]", d.status.as_str()),
                    theme.deliverable_status[status_index(d.status)].add_modifier(Modifier::BOLD),
                ),
            ])));
            section(&mut out, format!("Serves impacts ({})", d.impacts.len()));
            for id in &d.impacts {
                let r = iref(id);
                out.push(Block::item(follow_line("→", &r), Some(r), None));
            }
            section(&mut out, format!("Links ({})", d.links.len()));
            if d.links.is_empty() {
                out.push(Block::Line(Line::styled("none", theme.muted)));
            }
            for r in &d.links {
                out.push(Block::item(follow_line("→", r), Some(r.clone()), None));
            }
            backlinks(ctx, &iref(&d.id), &mut out);
        }
        NodeKind::LooseImpacts => {
            out.push(Block::para(
                "These impacts name an actor that is not in this map; fix their `actor` key.",
                theme.warning,
                0,
            ));
        }
        NodeKind::LooseDeliverables => {
            out.push(Block::para(
                "These deliverables name no impact of this map; fix their `impacts` list.",
                theme.warning,
                0,
            ));
        }
    }
    out
}

fn direction_arrow(d: ImpactDirection) -> &'static str {
    match d {
        ImpactDirection::Support => "+",
        ImpactDirection::Obstruct => "⊘",
    }
}

fn backlinks(ctx: &Ctx, own: &Reference, out: &mut Vec<Block>) {
    let back = ctx.links.backlinks(own);
    section(out, format!("Backlinks ({})", back.len()));
    if back.is_empty() {
        out.push(Block::Line(Line::styled("none", ctx.theme.muted)));
    }
    for b in back {
        out.push(Block::item(
            links::backlink_line(ctx.ws, ctx.theme, 0, b),
            Some(b.clone()),
            None,
        ));
    }
}
