//! The Landscape pane: the workspace's Wardley maps, drawn as a grid
//! (visibility up, evolution across) or listed as a table, with a detail panel
//! for the selected component whose links Enter follows.
//!
//! The geometry lives in `tui::widgets::wardley` (pure, unit-tested); this file
//! holds the view state and turns Actions into changes of it; `grid.rs`,
//! `table.rs` and `detail.rs` draw.

mod detail;
mod edit;
mod grid;
mod table;
mod time;
mod trails;

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::rc::Rc;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{Ctx, Pane};
use crate::tui::action::Action;
use crate::tui::widgets::wardley::nav::{self, Dir};
use crate::tui::widgets::wardley::{layout, MapLayout, MAX_GRID_HEIGHT, MAX_GRID_WIDTH};
use crate::workspace::{RefKind, Reference, WardleyMap, Workspace};

pub use detail::{DetailItem, ItemKind};
pub use edit::Gesture;
pub use time::{Loaded, TimeState, TRAIL_LENGTH};
pub use trails::arrows_for;

/// Zoom factors: the virtual grid is the plot area times this.
pub const ZOOM_LEVELS: [f64; 7] = [1.0, 1.5, 2.0, 3.0, 4.0, 6.0, 8.0];

/// Plot size assumed before the first frame (an 80×24 terminal less the app's chrome).
const DEFAULT_PLOT: (u16, u16) = (78, 14);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    #[default]
    Grid,
    Table,
}

/// The table's row order (`s` cycles it).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum TableSort {
    /// Top of the value chain first (visibility, then evolution): the map read top-down.
    #[default]
    ValueChain,
    /// Least evolved first: genesis at the top, commodity at the bottom.
    Evolution,
    /// By name, A to Z.
    Name,
}

impl TableSort {
    fn next(self) -> TableSort {
        match self {
            TableSort::ValueChain => TableSort::Evolution,
            TableSort::Evolution => TableSort::Name,
            TableSort::Name => TableSort::ValueChain,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    /// Arrow keys move the selection on the map (or table).
    #[default]
    Map,
    /// Arrow keys move through the detail panel's links; Enter follows.
    Detail,
}

/// What a screen cell of the last frame showed, for mouse clicks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit {
    Component(usize),
    Item(usize),
}

struct CachedLayout {
    key: (usize, u64, u16, u16),
    layout: Rc<MapLayout>,
}

#[derive(Default)]
pub struct LandscapePane {
    /// Index into `ws.maps`.
    map: usize,
    /// Selected component index per map id, so switching maps keeps each one's place.
    selection: HashMap<String, usize>,
    view: View,
    focus: Focus,
    /// Cursor in the detail panel's items.
    cursor: usize,
    zoom: usize,
    /// Viewport origin in virtual-grid cells.
    offset: (u32, u32),
    /// Scroll the selection into view at the next frame.
    follow: bool,
    /// First table row shown.
    table_top: usize,
    table_sort: TableSort,
    /// Size of the grid viewport in the last frame.
    plot: (u16, u16),
    /// Rows of the table in the last frame.
    table_rows: u16,
    cache: Option<CachedLayout>,
    /// Hit rectangles of the last frame.
    hits: Vec<(Rect, Hit)>,
    /// A move or evolve gesture under way.
    gesture: Option<Gesture>,
    /// A component being dragged with the mouse.
    drag: Option<edit::Drag>,
    /// Trails, the time slider and the diff view, with the history they draw from.
    time: time::TimeState,
}

impl std::fmt::Debug for LandscapePane {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LandscapePane")
            .field("map", &self.map)
            .field("view", &self.view)
            .field("focus", &self.focus)
            .field("zoom", &self.zoom)
            .field("offset", &self.offset)
            .finish_non_exhaustive()
    }
}

/// A fast non-cryptographic hasher (the rustc "Fx" mix, a word at a time): the
/// fingerprint runs twice a frame, SipHash showed in the profile.
#[derive(Default)]
struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let word = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            self.add(word);
        }
        for b in chunks.remainder() {
            self.add(u64::from(*b));
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.add(v);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// A cheap summary of everything the layout depends on, so a reloaded workspace
/// never draws a stale layout.
fn fingerprint(map: &WardleyMap) -> u64 {
    let mut h = FxHasher::default();
    map.id.hash(&mut h);
    for c in &map.components {
        c.id.hash(&mut h);
        c.name.hash(&mut h);
        (c.kind as u8).hash(&mut h);
        c.visibility.to_bits().hash(&mut h);
        c.evolution.to_bits().hash(&mut h);
        c.inertia.hash(&mut h);
        c.evolve.map(f64::to_bits).hash(&mut h);
        c.evolve_name.hash(&mut h);
        c.pipeline.hash(&mut h);
        c.label.map(|l| l.map(f64::to_bits)).hash(&mut h);
        for n in &c.needs {
            n.to.hash(&mut h);
            (n.flow as u8).hash(&mut h);
            n.label.hash(&mut h);
        }
    }
    for p in &map.pipelines {
        p.component.hash(&mut h);
        p.range.map(|r| r.map(f64::to_bits)).hash(&mut h);
    }
    for n in &map.notes {
        n.text.hash(&mut h);
        n.visibility.to_bits().hash(&mut h);
        n.evolution.to_bits().hash(&mut h);
    }
    for a in &map.annotations {
        a.number.hash(&mut h);
        for p in &a.points {
            p.map(f64::to_bits).hash(&mut h);
        }
    }
    for a in &map.areas {
        (a.kind as u8).hash(&mut h);
        for v in a.rect {
            v.to_bits().hash(&mut h);
        }
    }
    for a in &map.accelerators {
        a.name.hash(&mut h);
        a.visibility.to_bits().hash(&mut h);
        a.evolution.to_bits().hash(&mut h);
    }
    h.finish()
}

impl LandscapePane {
    pub fn new(_ws: &Workspace) -> Self {
        LandscapePane {
            plot: DEFAULT_PLOT,
            ..LandscapePane::default()
        }
    }

    pub fn view(&self) -> View {
        self.view
    }

    pub fn focus(&self) -> Focus {
        self.focus
    }

    pub fn zoom_factor(&self) -> f64 {
        ZOOM_LEVELS[self.zoom.min(ZOOM_LEVELS.len() - 1)]
    }

    /// Viewport origin in virtual-grid cells.
    pub fn offset(&self) -> (u32, u32) {
        self.offset
    }

    /// The map shown (None when the workspace has none).
    pub fn current_map<'w>(&self, ws: &'w Workspace) -> Option<&'w WardleyMap> {
        ws.maps.get(self.map)
    }

    /// The selected component's index in the current map.
    pub fn selected_index(&self, ws: &Workspace) -> Option<usize> {
        let map = self.current_map(ws)?;
        match self.selection.get(&map.id) {
            Some(&i) if i < map.components.len() => Some(i),
            _ => default_selection(map),
        }
    }

    fn select(&mut self, ws: &Workspace, index: usize) {
        if let Some(map) = self.current_map(ws) {
            if index < map.components.len() {
                self.selection.insert(map.id.clone(), index);
                self.cursor = 0;
                self.follow = true;
            }
        }
    }

    /// Virtual grid size for the current plot and zoom.
    fn virtual_size(&self) -> (u16, u16) {
        let z = self.zoom_factor();
        let (w, h) = self.plot;
        (
            ((f64::from(w.max(1)) * z).round() as u16).clamp(1, MAX_GRID_WIDTH),
            ((f64::from(h.max(1)) * z).round() as u16).clamp(1, MAX_GRID_HEIGHT),
        )
    }

    /// The layout of the current map at the current size (cached).
    fn layout(&mut self, ws: &Workspace) -> Option<Rc<MapLayout>> {
        let map = ws.maps.get(self.map)?;
        let (w, h) = self.virtual_size();
        let key = (self.map, fingerprint(map), w, h);
        match &self.cache {
            Some(c) if c.key == key => Some(c.layout.clone()),
            _ => {
                let l = Rc::new(layout(map, w, h));
                self.cache = Some(CachedLayout {
                    key,
                    layout: l.clone(),
                });
                Some(l)
            }
        }
    }

    fn clamp_offset(&mut self, l: &MapLayout) {
        let (pw, ph) = self.plot;
        let max_x = u32::from(l.width.saturating_sub(pw));
        let max_y = u32::from(l.height.saturating_sub(ph));
        self.offset = (self.offset.0.min(max_x), self.offset.1.min(max_y));
    }

    /// Scrolls so the selected marker (and its label, when it fits) is in view.
    fn scroll_to_selection(&mut self, ws: &Workspace, l: &MapLayout) {
        let Some(i) = self.selected_index(ws) else {
            self.clamp_offset(l);
            return;
        };
        let Some(m) = l.markers.get(i) else { return };
        let (pw, ph) = (u32::from(self.plot.0.max(1)), u32::from(self.plot.1.max(1)));
        let (mut x0, mut x1) = (u32::from(m.x), u32::from(m.x));
        let (mut y0, mut y1) = (u32::from(m.y), u32::from(m.y));
        if let Some(t) = l
            .label_of
            .get(i)
            .copied()
            .flatten()
            .and_then(|t| l.texts.get(t))
        {
            let (tx0, tx1) = (u32::from(t.x), u32::from(t.x) + u32::from(t.width));
            if tx1.max(x1) - tx0.min(x0) < pw && u32::from(t.y).abs_diff(y0) < ph {
                x0 = x0.min(tx0);
                x1 = x1.max(tx1.saturating_sub(1));
                y0 = y0.min(u32::from(t.y));
                y1 = y1.max(u32::from(t.y));
            }
        }
        let margin_x = (pw / 4).min(4).min(pw.saturating_sub(x1 - x0 + 1) / 2);
        let margin_y = (ph / 4).min(2).min(ph.saturating_sub(y1 - y0 + 1) / 2);
        let (ox, oy) = &mut self.offset;
        if x0 < *ox + margin_x {
            *ox = x0.saturating_sub(margin_x);
        } else if x1 + margin_x >= *ox + pw {
            *ox = x1 + margin_x + 1 - pw;
        }
        if y0 < *oy + margin_y {
            *oy = y0.saturating_sub(margin_y);
        } else if y1 + margin_y >= *oy + ph {
            *oy = y1 + margin_y + 1 - ph;
        }
        self.clamp_offset(l);
    }

    fn center_on_selection(&mut self, ws: &Workspace, l: &MapLayout) {
        if let Some(m) = self.selected_index(ws).and_then(|i| l.markers.get(i)) {
            self.offset = (
                u32::from(m.x).saturating_sub(u32::from(self.plot.0) / 2),
                u32::from(m.y).saturating_sub(u32::from(self.plot.1) / 2),
            );
        }
        self.clamp_offset(l);
    }

    /// Is the marker of component `i` inside the viewport?
    fn visible(&self, l: &MapLayout, i: usize) -> bool {
        l.markers.get(i).is_some_and(|m| {
            let (x, y) = (u32::from(m.x), u32::from(m.y));
            x >= self.offset.0
                && x < self.offset.0 + u32::from(self.plot.0)
                && y >= self.offset.1
                && y < self.offset.1 + u32::from(self.plot.1)
        })
    }

    /// After a pan, a selection left outside the viewport moves to the nearest
    /// visible component (as a cursor stays on screen when scrolling).
    fn keep_selection_in_view(&mut self, ws: &Workspace, l: &MapLayout) {
        let Some(sel) = self.selected_index(ws) else {
            return;
        };
        if self.visible(l, sel) {
            return;
        }
        let Some(from) = l.markers.get(sel).copied() else {
            return;
        };
        let best = (0..l.markers.len())
            .filter(|&j| self.visible(l, j))
            .min_by_key(|&j| {
                let m = l.markers[j];
                let dx = i64::from(m.x) - i64::from(from.x);
                let dy = (i64::from(m.y) - i64::from(from.y)) * 2;
                (dx * dx + dy * dy, j)
            });
        if let Some(j) = best {
            self.select(ws, j);
            self.follow = false;
        }
    }

    fn pan(&mut self, ws: &Workspace, dx: i64, dy: i64) {
        let Some(l) = self.layout(ws) else { return };
        let (ox, oy) = self.offset;
        self.offset = (
            (i64::from(ox) + dx).max(0) as u32,
            (i64::from(oy) + dy).max(0) as u32,
        );
        self.clamp_offset(&l);
        self.follow = false;
        self.keep_selection_in_view(ws, &l);
    }

    fn set_zoom(&mut self, ws: &Workspace, level: usize) {
        self.zoom = level.min(ZOOM_LEVELS.len() - 1);
        if let Some(l) = self.layout(ws) {
            self.center_on_selection(ws, &l);
        }
    }

    /// Table rows in `sort` order; ties keep value-chain order (top of the map first).
    pub fn table_order(map: &WardleyMap, sort: TableSort) -> Vec<usize> {
        let mut order: Vec<usize> = (0..map.components.len()).collect();
        let key = |v: f64| if v.is_nan() { 0.0 } else { v };
        let chain = |a: usize, b: usize| {
            let (ca, cb) = (&map.components[a], &map.components[b]);
            key(cb.visibility)
                .total_cmp(&key(ca.visibility))
                .then(key(ca.evolution).total_cmp(&key(cb.evolution)))
                .then(a.cmp(&b))
        };
        order.sort_by(|&a, &b| {
            let (ca, cb) = (&map.components[a], &map.components[b]);
            match sort {
                TableSort::ValueChain => std::cmp::Ordering::Equal,
                TableSort::Evolution => key(ca.evolution).total_cmp(&key(cb.evolution)),
                TableSort::Name => ca.name.to_lowercase().cmp(&cb.name.to_lowercase()),
            }
            .then_with(|| chain(a, b))
        });
        order
    }

    /// The table's row order now.
    pub fn table_sort(&self) -> TableSort {
        self.table_sort
    }

    fn move_in_table(&mut self, ws: &Workspace, delta: i64) {
        let Some(map) = self.current_map(ws) else {
            return;
        };
        let order = Self::table_order(map, self.table_sort);
        if order.is_empty() {
            return;
        }
        let sel = self.selected_index(ws).unwrap_or(order[0]);
        let row = order.iter().position(|&i| i == sel).unwrap_or(0) as i64;
        let to = (row + delta).clamp(0, order.len() as i64 - 1) as usize;
        self.select(ws, order[to]);
    }

    fn move_on_map(&mut self, ws: &Workspace, dir: Dir) {
        let Some(l) = self.layout(ws) else { return };
        let Some(sel) = self.selected_index(ws) else {
            return;
        };
        let points: Vec<(f64, f64)> = l
            .markers
            .iter()
            .map(|m| (f64::from(m.x), f64::from(m.y) * 2.0))
            .collect();
        if let Some(j) = nav::nearest(&points, sel, dir) {
            self.select(ws, j);
            self.scroll_to_selection(ws, &l);
        }
    }

    fn select_extreme(&mut self, ws: &Workspace, top: bool) {
        if self.view == View::Table {
            self.move_in_table(ws, if top { i64::MIN / 2 } else { i64::MAX / 2 });
            return;
        }
        let Some(l) = self.layout(ws) else { return };
        let best = (0..l.markers.len()).min_by_key(|&j| {
            let m = l.markers[j];
            let y = if top { i32::from(m.y) } else { -i32::from(m.y) };
            (y, m.x, j)
        });
        if let Some(j) = best {
            self.select(ws, j);
            self.scroll_to_selection(ws, &l);
        }
    }

    fn switch_map(&mut self, ws: &Workspace, forward: bool) {
        let n = ws.maps.len();
        if n == 0 {
            return;
        }
        self.map = if forward {
            (self.map + 1) % n
        } else {
            (self.map + n - 1) % n
        };
        self.reset_view();
        self.focus = Focus::Map;
        self.cursor = 0;
        self.table_top = 0;
        self.follow = true;
    }

    fn reset_view(&mut self) {
        self.zoom = 0;
        self.offset = (0, 0);
        self.follow = true;
    }

    /// The detail panel's followable items for the selection.
    pub fn items(&self, ctx: &Ctx) -> Vec<DetailItem> {
        match (self.current_map(ctx.ws), self.selected_index(ctx.ws)) {
            (Some(map), Some(i)) => detail::items(ctx, map, i),
            _ => Vec::new(),
        }
    }

    fn click(&mut self, ctx: &Ctx, col: u16, row: u16) {
        let hit = self
            .hits
            .iter()
            .rev()
            .find(|(r, _)| r.contains(ratatui::layout::Position::new(col, row)))
            .map(|(_, h)| *h);
        match hit {
            Some(Hit::Component(i)) => {
                self.select(ctx.ws, i);
                self.focus = Focus::Map;
                self.follow = false;
                self.start_drag(ctx, i, col, row);
            }
            Some(Hit::Item(k)) => {
                self.focus = Focus::Detail;
                self.cursor = k;
            }
            None => {}
        }
    }
}

/// The component selected when a map is first shown: the top of the value chain.
fn default_selection(map: &WardleyMap) -> Option<usize> {
    LandscapePane::table_order(map, TableSort::ValueChain)
        .first()
        .copied()
}

impl LandscapePane {
    /// The pane's own reaction to an action (its view, the edit keys, time).
    fn update_view(&mut self, action: &Action, ctx: &Ctx) -> Option<Action> {
        let ws = ctx.ws;
        if ws.maps.is_empty() {
            return None;
        }
        if self.map >= ws.maps.len() {
            self.map = 0;
        }
        let (pw, ph) = (i64::from(self.plot.0.max(1)), i64::from(self.plot.1.max(1)));
        if let Some(answer) = self.edit_update(action, ctx) {
            return answer;
        }
        if let Some(answer) = self.time_update(action, ctx) {
            return answer;
        }
        if self.focus == Focus::Detail {
            let n = self.items(ctx).len();
            match action {
                Action::Up | Action::Left => {
                    self.cursor = self.cursor.saturating_sub(1);
                    return None;
                }
                Action::Down | Action::Right => {
                    self.cursor = (self.cursor + 1).min(n.saturating_sub(1));
                    return None;
                }
                Action::Top => {
                    self.cursor = 0;
                    return None;
                }
                Action::Bottom => {
                    self.cursor = n.saturating_sub(1);
                    return None;
                }
                Action::Select => {
                    return self
                        .items(ctx)
                        .get(self.cursor)
                        .map(|it| Action::Follow(it.target.clone()));
                }
                Action::FocusNext | Action::Cancel => {
                    self.focus = Focus::Map;
                    return None;
                }
                _ => {}
            }
        }
        match action {
            Action::Up | Action::Down | Action::Left | Action::Right
                if self.view == View::Table =>
            {
                match action {
                    Action::Up => self.move_in_table(ws, -1),
                    Action::Down => self.move_in_table(ws, 1),
                    _ => {}
                }
            }
            Action::Up => self.move_on_map(ws, Dir::Up),
            Action::Down => self.move_on_map(ws, Dir::Down),
            Action::Left => self.move_on_map(ws, Dir::Left),
            Action::Right => self.move_on_map(ws, Dir::Right),
            Action::PageUp | Action::PageDown if self.view == View::Table => {
                let page = i64::from(self.table_rows.max(2)) - 1;
                let sign = if *action == Action::PageUp { -1 } else { 1 };
                self.move_in_table(ws, sign * page);
            }
            Action::PageUp => self.pan(ws, 0, -ph),
            Action::PageDown => self.pan(ws, 0, ph),
            Action::ScrollUp if self.view == View::Table => self.move_in_table(ws, -1),
            Action::ScrollDown if self.view == View::Table => self.move_in_table(ws, 1),
            Action::ScrollUp => self.pan(ws, 0, -(ph / 3).max(1)),
            Action::ScrollDown => self.pan(ws, 0, (ph / 3).max(1)),
            Action::Top => self.select_extreme(ws, true),
            Action::Bottom => self.select_extreme(ws, false),
            Action::NextDoc => self.switch_map(ws, true),
            Action::PrevDoc => self.switch_map(ws, false),
            Action::CycleSort => {
                self.table_sort = self.table_sort.next();
                self.view = View::Table;
                self.follow = true;
            }
            Action::ToggleView => {
                self.view = match self.view {
                    View::Grid => View::Table,
                    View::Table => View::Grid,
                };
                self.follow = true;
            }
            Action::ZoomIn => self.set_zoom(ws, self.zoom + 1),
            Action::ZoomOut => self.set_zoom(ws, self.zoom.saturating_sub(1)),
            Action::ResetView => {
                self.reset_view();
                if let Some(l) = self.layout(ws) {
                    self.scroll_to_selection(ws, &l);
                }
            }
            Action::PanLeft => self.pan(ws, -(pw / 4).max(1), 0),
            Action::PanRight => self.pan(ws, (pw / 4).max(1), 0),
            Action::PanUp => self.pan(ws, 0, -(ph / 3).max(1)),
            Action::PanDown => self.pan(ws, 0, (ph / 3).max(1)),
            Action::Select | Action::FocusNext if !self.items(ctx).is_empty() => {
                self.focus = Focus::Detail;
                self.cursor = 0;
            }
            Action::Click { col, row } => self.click(ctx, *col, *row),
            _ => {}
        }
        None
    }
}

impl Pane for LandscapePane {
    fn title(&self) -> &'static str {
        "Landscape"
    }

    fn update(&mut self, action: &Action, ctx: &Ctx) -> Option<Action> {
        let answer = self.update_view(action, ctx);
        self.want_history(ctx);
        answer
    }

    fn history_wanted(&mut self) -> Vec<crate::tui::git_history::HistoryRequest> {
        self.take_history_wanted()
    }

    fn history_arrived(
        &mut self,
        request: &crate::tui::git_history::HistoryRequest,
        answer: &crate::tui::git_history::HistoryAnswer,
        ctx: &Ctx,
    ) -> Option<Action> {
        self.history_answer(request, answer, ctx)
    }

    fn render(&mut self, area: Rect, buf: &mut Buffer, ctx: &Ctx) {
        self.hits.clear();
        let area = area.intersection(buf.area);
        if area.is_empty() {
            return;
        }
        if ctx.ws.maps.is_empty() {
            grid::empty_workspace(area, buf, ctx);
            return;
        }
        if self.map >= ctx.ws.maps.len() {
            self.map = 0;
        }
        grid::render(self, area, buf, ctx);
        self.render_gesture(area, buf, ctx);
    }

    fn end_gesture(&mut self) {
        self.gesture = None;
    }

    /// After a reload or an edit the pane keeps its view (map, zoom, pan, grid or table) and
    /// finds its selection again by id; the layout is made anew from the new model.
    fn refresh(&mut self, selected: Option<&Reference>, ctx: &Ctx) -> bool {
        self.cache = None;
        self.time_refresh(ctx);
        self.drag = None;
        self.hits.clear();
        if let Some(r) = selected {
            if let Some(i) = ctx.ws.maps.iter().position(|m| m.id == r.doc) {
                self.map = i;
            }
            self.reveal(r, ctx);
        }
        if self.map >= ctx.ws.maps.len() {
            self.map = 0;
        }
        true
    }

    fn reveal(&mut self, target: &Reference, ctx: &Ctx) -> bool {
        if target.kind != RefKind::Map {
            return false;
        }
        let Some(index) = ctx.ws.maps.iter().position(|m| m.id == target.doc) else {
            return false;
        };
        if index != self.map {
            self.map = index;
            self.reset_view();
            self.table_top = 0;
        }
        self.focus = Focus::Map;
        self.cursor = 0;
        self.follow = true;
        match &target.item {
            None => true,
            Some(item) => {
                let map = &ctx.ws.maps[index];
                match map.components.iter().position(|c| &c.id == item) {
                    Some(i) => {
                        self.select(ctx.ws, i);
                        if let Some(l) = self.layout(ctx.ws) {
                            self.scroll_to_selection(ctx.ws, &l);
                        }
                        true
                    }
                    None => false,
                }
            }
        }
    }

    fn selected(&self, ctx: &Ctx) -> Option<Reference> {
        let map = self.current_map(ctx.ws)?;
        let item = self
            .selected_index(ctx.ws)
            .and_then(|i| map.components.get(i))
            .map(|c| c.id.clone());
        Some(Reference::new(RefKind::Map, map.id.clone(), item))
    }
}

#[cfg(test)]
mod tests;
