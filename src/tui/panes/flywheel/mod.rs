//! The Flywheel pane: the four phases drawn as a wheel (left), the selected
//! phase in detail (right): summary, challenges, next moves, tenets scored by
//! the latest review, links and backlinks, and a panel of its own per phase
//! (north star and inputs; challenges and maps; value streams; pillars and
//! the quality-attribute utility tree).
//!
//! Focus is on the wheel or on the detail (Tab). On the wheel every movement
//! key turns to the next or previous phase; in the detail Up/Down walk the
//! items, Left/Right turn the phase, Enter follows the selected link.

mod content;
mod edit;
mod git_series;
mod layout;
mod panels;

pub use content::content;
use content::*;
pub use edit::FlywheelThen;
use layout::*;
use panels::*;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block as Frame, Widget};

use super::{Ctx, Pane};
use crate::text::inert;
use crate::tui::action::Action;
use crate::tui::theme::Theme;
use crate::tui::widgets::doc::{self, Block, Table};
use crate::tui::widgets::gauge::{sparkline, Measure};
use crate::tui::widgets::wheel::{Segment, Wheel};
use crate::tui::widgets::{links, markdown, text};
use crate::workspace::{
    Direction, Hml, Metric, MetricKind, Phase, PhaseId, PhaseStatus, RefKind, Reference, Review,
    Risk, Scenario, Workspace,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    #[default]
    Wheel,
    Detail,
}

#[derive(Debug, Default)]
pub struct FlywheelPane {
    /// Index into `PhaseId::ALL`.
    phase: usize,
    focus: Focus,
    /// The selected detail item, per phase (kept while turning the wheel).
    item: [usize; 4],
    /// Detail scroll offsets: [main column, panel column].
    scroll: [u16; 2],
    /// Height of the detail at the last render, for PageUp/PageDown.
    page: u16,
    /// Where the last render drew clickable things.
    hits: Vec<(Rect, Hit)>,
    /// The metrics' samples completed from git, once read (asked for once per pane).
    git_series: Option<std::sync::Arc<Vec<crate::history::metric_series::MetricSeries>>>,
    asked_git: bool,
}

/// A clickable place on screen.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Hit {
    Phase(usize),
    /// The wheel drawn in this area, its ring centred at (x, y): the click's angle picks the phase.
    Wheel {
        cx: u16,
        cy: u16,
    },
    Item(usize),
}

/// Below this width the wheel gives way to a one-line phase strip.
const NARROW: u16 = 50;
/// From this width the detail splits into two columns.
const WIDE: u16 = 120;

impl FlywheelPane {
    /// The whole detail as one scrolling column (narrow and medium layouts).
    fn draw_single(
        &mut self,
        all: Vec<Block>,
        area: Rect,
        buf: &mut Buffer,
        sel: Option<usize>,
        theme: &Theme,
    ) {
        let n_all = doc::items(&all).count();
        let focused = self.focus == Focus::Detail;
        let hits = draw_column(
            &all,
            area,
            buf,
            sel,
            n_all,
            focused,
            &mut self.scroll[0],
            theme,
        );
        self.hits
            .extend(hits.into_iter().map(|(r, i)| (r, Hit::Item(i))));
    }

    pub fn new(_ws: &Workspace) -> Self {
        FlywheelPane::default()
    }

    pub fn phase(&self) -> PhaseId {
        PhaseId::ALL[self.phase % 4]
    }

    pub fn focus(&self) -> Focus {
        self.focus
    }

    /// The selected item of the current phase's detail.
    pub fn selected_item(&self, ctx: &Ctx) -> Option<doc::Item> {
        let (_, a, b) = content(ctx, self.phase());
        let item = doc::items(&a)
            .chain(doc::items(&b))
            .nth(self.item[self.phase])
            .cloned();
        item
    }

    fn item_count(&self, ctx: &Ctx) -> usize {
        let (_, a, b) = content(ctx, self.phase());
        doc::items(&a).count() + doc::items(&b).count()
    }

    fn turn(&mut self, by: isize) {
        self.phase = (self.phase as isize + by).rem_euclid(4) as usize;
        self.scroll = [0, 0];
    }

    /// A click selects what it lands on; a click on the selected link follows it.
    fn click(&mut self, col: u16, row: u16, ctx: &Ctx) -> Option<Action> {
        let at = ratatui::layout::Position::new(col, row);
        let hit = self
            .hits
            .iter()
            .find(|(r, _)| r.contains(at))
            .map(|(_, h)| *h)?;
        match hit {
            Hit::Phase(i) => {
                if i != self.phase {
                    self.turn(i as isize - self.phase as isize);
                }
                self.focus = Focus::Wheel;
            }
            Hit::Wheel { cx, cy } => {
                // Cells are about twice as tall as wide.
                let dx = col as f64 - cx as f64;
                let dy = (cy as f64 - row as f64) * 2.0;
                if dx != 0.0 || dy != 0.0 {
                    let deg = dx.atan2(dy).to_degrees().rem_euclid(360.0);
                    let i = (((deg + 45.0) % 360.0) / 90.0) as usize % 4;
                    if i != self.phase {
                        self.turn(i as isize - self.phase as isize);
                    }
                }
                self.focus = Focus::Wheel;
            }
            Hit::Item(i) => {
                let again = self.focus == Focus::Detail && self.item[self.phase] == i;
                self.item[self.phase] = i;
                self.focus = Focus::Detail;
                if again {
                    return self
                        .selected_item(ctx)
                        .and_then(|i| i.follow)
                        .map(Action::Follow);
                }
            }
        }
        None
    }

    fn move_item(&mut self, by: isize, ctx: &Ctx) {
        let n = self.item_count(ctx);
        if n == 0 {
            return;
        }
        let cur = self.item[self.phase].min(n - 1) as isize;
        self.item[self.phase] = (cur + by).clamp(0, n as isize - 1) as usize;
    }
}

impl Pane for FlywheelPane {
    fn title(&self) -> &'static str {
        "Flywheel"
    }

    fn history_wanted(&mut self) -> Vec<crate::tui::git_history::HistoryRequest> {
        if std::mem::replace(&mut self.asked_git, true) {
            return Vec::new();
        }
        vec![crate::tui::git_history::HistoryRequest::MetricSeries]
    }

    fn history_arrived(
        &mut self,
        _request: &crate::tui::git_history::HistoryRequest,
        answer: &crate::tui::git_history::HistoryAnswer,
        _ctx: &Ctx,
    ) -> Option<Action> {
        if let crate::tui::git_history::HistoryAnswer::MetricSeries(Ok(s)) = answer {
            self.git_series = Some(s.clone());
        }
        None
    }

    fn update(&mut self, action: &Action, ctx: &Ctx) -> Option<Action> {
        let page = self.page.max(2) as isize / 2;
        if let Action::Click { col, row } = *action {
            return self.click(col, row, ctx);
        }
        if let Some(answer) = self.edit_update(action, ctx) {
            return answer;
        }
        match (self.focus, action) {
            (_, Action::FocusNext) => {
                self.focus = match self.focus {
                    Focus::Wheel => Focus::Detail,
                    Focus::Detail => Focus::Wheel,
                };
            }
            (Focus::Wheel, Action::Up | Action::Left | Action::ScrollUp) => self.turn(-1),
            (Focus::Wheel, Action::Down | Action::Right | Action::ScrollDown) => self.turn(1),
            (Focus::Wheel, Action::Top) => self.turn(-(self.phase as isize)),
            (Focus::Wheel, Action::Bottom) => self.turn(3 - self.phase as isize),
            (Focus::Wheel, Action::Select) => self.focus = Focus::Detail,
            (Focus::Detail, Action::Up | Action::ScrollUp) => self.move_item(-1, ctx),
            (Focus::Detail, Action::Down | Action::ScrollDown) => self.move_item(1, ctx),
            (Focus::Detail, Action::PageUp) => self.move_item(-page, ctx),
            (Focus::Detail, Action::PageDown) => self.move_item(page, ctx),
            (Focus::Detail, Action::Top) => self.move_item(isize::MIN / 2, ctx),
            (Focus::Detail, Action::Bottom) => self.move_item(isize::MAX / 2, ctx),
            (Focus::Detail, Action::Left) => self.turn(-1),
            (Focus::Detail, Action::Right) => self.turn(1),
            (Focus::Detail, Action::Select) => {
                return self
                    .selected_item(ctx)
                    .and_then(|i| i.follow)
                    .map(Action::Follow);
            }
            _ => {}
        }
        None
    }

    fn render(&mut self, area: Rect, buf: &mut Buffer, ctx: &Ctx) {
        let area = area.intersection(buf.area);
        if area.is_empty() {
            return;
        }
        self.hits.clear();
        let theme = ctx.theme;
        let (head, mut panel, mut rest) = content(ctx, self.phase());
        if let Some(series) = &self.git_series {
            git_series::add_git_series(&mut panel, series, theme);
            git_series::add_git_series(&mut rest, series, theme);
        }
        let n_panel = doc::items(&panel).count();
        let n_all = n_panel + doc::items(&rest).count();
        let focused = self.focus == Focus::Detail;
        // Follow the selection only while the detail has focus; on the wheel
        // the detail shows from its top.
        let sel = (n_all > 0 && focused).then(|| self.item[self.phase].min(n_all - 1));

        if area.width < NARROW || area.height < 10 {
            // A strip of phase numbers, then the detail without frames.
            self.hits = strip(self.phase, ctx, area, buf, self.focus == Focus::Wheel);
            let body = Rect {
                y: area.y + 1,
                height: area.height.saturating_sub(1),
                ..area
            };
            self.page = body.height;
            self.draw_single(stack(head, panel, rest), body, buf, sel, theme);
            return;
        }

        let wide = area.width >= WIDE;
        let left_w = if wide {
            (area.width * 31 / 100).clamp(44, 52)
        } else {
            (area.width * 34 / 100).clamp(24, 30)
        };
        let left = Rect {
            width: left_w,
            ..area
        };
        let right = Rect {
            x: area.x + left_w,
            width: area.width - left_w,
            ..area
        };

        // ---- the wheel and the phase list, as one group centred vertically
        let frame = framed(" Flywheel ", self.focus == Focus::Wheel, theme);
        let inner = frame.inner(left);
        frame.render(left, buf);
        let list_h = if wide { 8 } else { 4 };
        let w = wheel(self.phase, ctx);
        let room = Rect {
            height: inner.height.saturating_sub(list_h + 1),
            ..inner
        };
        let list_area = match w.geometry(room).filter(|_| room.height >= 8) {
            Some(g) => {
                let wheel_h = g.ring.height + 2;
                let top = inner.y + (inner.height.saturating_sub(wheel_h + 1 + list_h)) / 2;
                let at = Rect {
                    y: top,
                    height: wheel_h,
                    ..inner
                };
                (&w).render(at, buf);
                if let Some(g) = w.geometry(at) {
                    self.hits.push((
                        at,
                        Hit::Wheel {
                            cx: g.ring.x + g.ring.width / 2,
                            cy: g.ring.y + g.ring.height / 2,
                        },
                    ));
                }
                let y = top + wheel_h + 1;
                Rect {
                    y,
                    height: inner.bottom().saturating_sub(y),
                    ..inner
                }
            }
            None => inner,
        };
        let rows = phase_list(
            self.phase,
            ctx,
            list_area,
            buf,
            self.focus == Focus::Wheel,
            wide,
        );
        self.hits
            .extend(rows.into_iter().map(|(r, i)| (r, Hit::Phase(i))));

        // ---- the detail
        let p = phase_of(ctx.ws, self.phase());
        let title = format!(" {} {} ", self.phase + 1, inert(&p.title));
        let frame = framed(&title, focused, theme);
        let inner = frame.inner(right);
        frame.render(right, buf);
        self.page = inner.height;
        if inner.width >= 90 && wide {
            // Head and rest on the left, the phase's own panel on the right.
            let half = (inner.width - 3) / 2;
            let a = Rect {
                width: half,
                ..inner
            };
            let b = Rect {
                x: inner.x + half + 3,
                width: inner.width - half - 3,
                ..inner
            };
            for y in inner.y..inner.bottom() {
                text::put_str(buf, inner, inner.x + half + 1, y, "│", theme.border);
            }
            let mut left_doc = head;
            left_doc.push(Block::Blank);
            left_doc.extend(rest);
            let sel_panel = sel.filter(|s| *s < n_panel);
            let sel_rest = sel.filter(|s| *s >= n_panel).map(|s| s - n_panel);
            let left_hits = draw_column(
                &left_doc,
                a,
                buf,
                sel_rest,
                n_all - n_panel,
                focused,
                &mut self.scroll[0],
                theme,
            );
            let panel_hits = draw_column(
                &panel,
                b,
                buf,
                sel_panel,
                n_panel,
                focused,
                &mut self.scroll[1],
                theme,
            );
            let items = left_hits
                .into_iter()
                .map(|(r, i)| (r, Hit::Item(i + n_panel)))
                .chain(panel_hits.into_iter().map(|(r, i)| (r, Hit::Item(i))));
            self.hits.extend(items);
        } else {
            self.draw_single(stack(head, panel, rest), inner, buf, sel, theme);
        }
    }

    fn reveal(&mut self, target: &Reference, ctx: &Ctx) -> bool {
        let phase = match target.kind {
            RefKind::Phase => {
                let Some(p) = PhaseId::from_key(&target.doc) else {
                    return false;
                };
                self.phase = p as usize;
                self.focus = Focus::Wheel;
                self.scroll = [0, 0];
                return true;
            }
            RefKind::Metric => PhaseId::Clarity,
            RefKind::ValueStream => PhaseId::NextAction,
            RefKind::Pillar | RefKind::Scenario => PhaseId::LongTerm,
            RefKind::Review => self.phase(),
            _ => return false,
        };
        let (_, a, b) = content(ctx, phase);
        let Some(i) = doc::items(&a)
            .chain(doc::items(&b))
            .position(|i| i.own.as_ref() == Some(target))
        else {
            return false;
        };
        self.phase = phase as usize;
        self.item[self.phase] = i;
        self.focus = Focus::Detail;
        self.scroll = [0, 0];
        true
    }

    fn selected(&self, ctx: &Ctx) -> Option<Reference> {
        let phase = Reference::new(RefKind::Phase, self.phase().key(), None);
        if self.focus == Focus::Wheel {
            return Some(phase);
        }
        Some(self.selected_item(ctx).and_then(|i| i.own).unwrap_or(phase))
    }
}

/// The phase from the workspace, or the book's defaults when it is missing.
fn phase_of(ws: &Workspace, id: PhaseId) -> Phase {
    ws.phase(id).cloned().unwrap_or_else(|| Phase {
        id,
        title: id.default_title().into(),
        persona: id.default_persona().into(),
        status: PhaseStatus::NotStarted,
        summary: String::new(),
        challenges: vec![],
        moves: vec![],
        tenets: id.default_tenets().iter().map(|t| t.to_string()).collect(),
        links: vec![],
        origin: Default::default(),
    })
}

fn status_index(s: PhaseStatus) -> usize {
    match s {
        PhaseStatus::NotStarted => 0,
        PhaseStatus::InProgress => 1,
        PhaseStatus::Healthy => 2,
        PhaseStatus::AtRisk => 3,
    }
}

/// Glyph and words, so the status reads without colour.
pub fn status_badge(s: PhaseStatus) -> &'static str {
    match s {
        PhaseStatus::NotStarted => "○ not started",
        PhaseStatus::InProgress => "◐ in progress",
        PhaseStatus::Healthy => "● healthy",
        PhaseStatus::AtRisk => "▲ at risk",
    }
}

/// Titles carry a translation after the English ("Clarity of Purpose 目標清晰"):
/// the short label keeps the first word or two.
fn short_title(id: PhaseId) -> &'static str {
    match id {
        PhaseId::Clarity => "Clarity",
        PhaseId::Challenge => "Challenge",
        PhaseId::NextAction => "Next action",
        PhaseId::LongTerm => "Long-term",
    }
}
