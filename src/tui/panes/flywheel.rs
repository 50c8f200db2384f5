//! The Flywheel pane: the four phases drawn as a wheel (left), the selected
//! phase in detail (right): summary, challenges, next moves, tenets scored by
//! the latest review, links and backlinks, and a panel of its own per phase
//! (north star and inputs; challenges and maps; value streams; pillars and
//! the quality-attribute utility tree).
//!
//! Focus is on the wheel or on the detail (Tab). On the wheel every movement
//! key turns to the next or previous phase; in the detail Up/Down walk the
//! items, Left/Right turn the phase, Enter follows the selected link.

mod edit;
mod git_series;

pub use edit::FlywheelThen;

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
use crate::tui::widgets::{fit, links, markdown};
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
                fit::put_str(buf, inner, inner.x + half + 1, y, "│", theme.border);
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

/// The head, the panel and the rest one under the other, a blank line between.
fn stack(head: Vec<Block>, panel: Vec<Block>, rest: Vec<Block>) -> Vec<Block> {
    let mut all = head;
    for part in [panel, rest] {
        if !part.is_empty() {
            all.push(Block::Blank);
            all.extend(part);
        }
    }
    all
}

#[allow(clippy::too_many_arguments)]
fn draw_column(
    blocks: &[Block],
    area: Rect,
    buf: &mut Buffer,
    sel: Option<usize>,
    n: usize,
    focused: bool,
    scroll: &mut u16,
    theme: &Theme,
) -> Vec<(Rect, usize)> {
    if area.is_empty() {
        return Vec::new();
    }
    // One cell of margin on the right for the scroll marks.
    let lines = doc::layout(blocks, area.width.saturating_sub(1).max(1), theme);
    doc::scroll_to(&lines, area.height, sel, n, scroll);
    doc::draw(&lines, area, buf, *scroll, sel, focused, theme)
}

fn framed<'a>(title: &str, focused: bool, theme: &Theme) -> Frame<'a> {
    doc::frame(title, 60, focused, theme)
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

fn wheel(selected: usize, ctx: &Ctx) -> Wheel {
    let seg = |i: usize| {
        let id = PhaseId::ALL[i];
        let p = phase_of(ctx.ws, id);
        Segment {
            label: format!("{} {}", i + 1, inert(&p.title)),
            short: format!("{} {}", i + 1, short_title(id)),
            style: ctx.theme.phase_status[status_index(p.status)],
        }
    };
    let p = phase_of(ctx.ws, PhaseId::ALL[selected]);
    Wheel {
        segments: [seg(0), seg(1), seg(2), seg(3)],
        selected,
        center: vec![
            Line::styled(inert(&p.persona).into_owned(), ctx.theme.title),
            Line::styled(
                status_badge(p.status),
                ctx.theme.phase_status[status_index(p.status)],
            ),
        ],
        arrow_style: ctx.theme.muted,
    }
}

/// The four phases as a list: number, title and status; persona and a
/// one-line summary below each when `full`.
fn phase_list(
    selected: usize,
    ctx: &Ctx,
    area: Rect,
    buf: &mut Buffer,
    focused: bool,
    full: bool,
) -> Vec<(Rect, usize)> {
    let mut hits = Vec::new();
    let theme = ctx.theme;
    let w = area.width as usize;
    let mut y = area.y;
    for (i, id) in PhaseId::ALL.into_iter().enumerate() {
        if y >= area.bottom() {
            break;
        }
        let p = phase_of(ctx.ws, id);
        let st = theme.phase_status[status_index(p.status)];
        let badge = status_badge(p.status);
        let (badge_text, title) = if full {
            (badge.to_string(), inert(&p.title).into_owned())
        } else {
            (
                badge.chars().next().unwrap_or(' ').to_string(),
                short_title(id).to_string(),
            )
        };
        let mark = if i == selected { "▸" } else { " " };
        let left = format!("{mark}{} {}", i + 1, title);
        let room = w.saturating_sub(fit::width(&badge_text) + 1);
        let line = Line::from(vec![
            Span::styled(
                fit::pad(&left, room),
                theme.base.add_modifier(Modifier::BOLD),
            ),
            Span::raw(" "),
            Span::styled(badge_text, st),
        ]);
        fit::put_line(buf, area, area.x, y, &line, area.width);
        if i == selected {
            let style = if focused {
                theme.selection
            } else {
                Style::default().add_modifier(Modifier::BOLD)
            };
            buf.set_style(
                Rect::new(area.x, y, area.width, 1).intersection(area),
                style,
            );
        }
        let top = y;
        y += 1;
        if full && y < area.bottom() {
            let sub = format!(
                "   {} · {}",
                inert(&p.persona),
                inert(&markdown::first_line(&p.summary))
            );
            fit::put_str(buf, area, area.x, y, &fit::truncate(&sub, w), theme.muted);
            y += 1;
        }
        hits.push((
            Rect::new(area.x, top, area.width, y - top).intersection(area),
            i,
        ));
    }
    if !full {
        // the rows show only the glyphs: say what they mean in the rows left below
        let rows = area.bottom().saturating_sub(y) as usize;
        for line in status_legend(w, rows) {
            fit::put_str(buf, area, area.x, y, &line, theme.muted);
            y += 1;
        }
    }
    hits
}

/// The status glyphs explained in at most `rows` lines of `width` cells: the badges' own
/// words when they fit, else one line of short words (`○ new ◐ doing ● ok ▲ risk`).
fn status_legend(width: usize, rows: usize) -> Vec<String> {
    if rows == 0 {
        return Vec::new();
    }
    let statuses = [
        PhaseStatus::NotStarted,
        PhaseStatus::InProgress,
        PhaseStatus::Healthy,
        PhaseStatus::AtRisk,
    ];
    let mut lines: Vec<String> = Vec::new();
    for badge in statuses.map(status_badge) {
        match lines.last_mut() {
            Some(l) if fit::width(l) + 2 + fit::width(badge) <= width => {
                l.push_str("  ");
                l.push_str(badge);
            }
            _ => lines.push(badge.to_string()),
        }
    }
    if lines.len() <= rows && lines.iter().all(|l| fit::width(l) <= width) {
        return lines;
    }
    vec![fit::truncate("○ new ◐ doing ● ok ▲ risk", width)]
}

/// `1 Clarity │ 2 Challenge │ …` on one line for narrow areas.
fn strip(
    selected: usize,
    ctx: &Ctx,
    area: Rect,
    buf: &mut Buffer,
    focused: bool,
) -> Vec<(Rect, Hit)> {
    let mut hits = Vec::new();
    let mut x = area.x;
    for (i, id) in PhaseId::ALL.into_iter().enumerate() {
        let p = phase_of(ctx.ws, id);
        let label = format!(
            "{}{} {}",
            status_badge(p.status).chars().next().unwrap_or(' '),
            i + 1,
            if area.width >= 44 {
                short_title(id)
            } else {
                ""
            }
        );
        let mut style = ctx.theme.phase_status[status_index(p.status)];
        if i == selected {
            style = if focused {
                style.patch(ctx.theme.selection)
            } else {
                style.add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
            };
        }
        fit::put_str(buf, area, x, area.y, label.trim_end(), style);
        let w = fit::width(label.trim_end()) as u16;
        hits.push((Rect::new(x, area.y, w, 1).intersection(area), Hit::Phase(i)));
        x = x.saturating_add(w + 1);
    }
    hits
}

// ------------------------------------------------------------------ content

/// The detail of a phase: (head, phase-specific panel, rest). The head
/// (persona, status, summary) holds no items; items are numbered through the
/// panel first, then the rest (challenges, moves, tenets, links).
pub fn content(ctx: &Ctx, id: PhaseId) -> (Vec<Block>, Vec<Block>, Vec<Block>) {
    let ws = ctx.ws;
    let theme = ctx.theme;
    let p = phase_of(ws, id);
    let mut main = vec![Block::Line(Line::from(vec![
        Span::styled(inert(&p.persona).into_owned(), theme.title),
        Span::styled(" · ", theme.muted),
        Span::styled(
            status_badge(p.status),
            theme.phase_status[status_index(p.status)],
        ),
    ]))];
    if !p.summary.trim().is_empty() {
        main.push(Block::Blank);
        main.extend(markdown::blocks(&p.summary, theme, 0));
    }
    let head = main;
    let mut main = Vec::new();
    if id != PhaseId::Challenge && !p.challenges.is_empty() {
        main.push(Block::Heading("Challenges".into()));
        for c in &p.challenges {
            main.push(Block::bullet(inert(c), theme.base, 0, "•"));
        }
    }
    if !p.moves.is_empty() {
        if !main.is_empty() {
            main.push(Block::Blank);
        }
        main.push(Block::Heading("Next moves".into()));
        for (i, m) in p.moves.iter().enumerate() {
            main.push(Block::bullet(
                inert(m),
                theme.base,
                0,
                &format!("{}.", i + 1),
            ));
        }
    }
    main.push(Block::Blank);
    tenets(ws, theme, &p, &mut main);
    let own = Reference::new(RefKind::Phase, id.key(), None);
    link_sections(ctx, &p.links, &own, 0, true, &mut main);

    let mut panel = Vec::new();
    match id {
        PhaseId::Clarity => clarity_panel(ctx, &mut panel),
        PhaseId::Challenge => challenge_panel(ctx, &p, &mut panel),
        PhaseId::NextAction => next_action_panel(ctx, &mut panel),
        PhaseId::LongTerm => long_term_panel(ctx, &mut panel),
    }
    (head, panel, main)
}

/// "Links" and "Backlinks" item lists (with headings when `headed`).
fn link_sections(
    ctx: &Ctx,
    links: &[Reference],
    own: &Reference,
    indent: usize,
    headed: bool,
    out: &mut Vec<Block>,
) {
    let back = ctx.links.backlinks(own);
    if headed {
        out.push(Block::Blank);
        out.push(Block::Heading(format!("Links ({})", links.len())));
        if links.is_empty() {
            out.push(Block::Line(Line::styled("none", ctx.theme.muted)));
        }
    }
    for l in links {
        out.push(Block::item(
            links::indexed_link_line(ctx.ws, ctx.links, ctx.theme, indent, "→", l),
            Some(l.clone()),
            None,
        ));
    }
    if headed {
        out.push(Block::Blank);
        out.push(Block::Heading(format!("Backlinks ({})", back.len())));
        if back.is_empty() {
            out.push(Block::Line(Line::styled("none", ctx.theme.muted)));
        }
    }
    for l in back {
        out.push(Block::item(
            links::indexed_backlink_line(ctx.ws, ctx.links, ctx.theme, indent, l),
            Some(l.clone()),
            None,
        ));
    }
}

/// The latest review that scored this phase, and the one before it.
fn reviews_for(ws: &Workspace, id: PhaseId) -> (Option<&Review>, Option<&Review>) {
    let mut scored: Vec<&Review> = ws
        .reviews
        .iter()
        .filter(|r| r.scores.contains_key(&id))
        .collect();
    scored.sort_by(|a, b| b.date.cmp(&a.date));
    (scored.first().copied(), scored.get(1).copied())
}

fn score_glyphs(score: Option<u8>) -> String {
    match score {
        Some(s) => {
            let s = s.min(3) as usize;
            format!("{}{} {s}", "●".repeat(s), "○".repeat(3 - s))
        }
        None => "··· –".into(),
    }
}

fn tenets(ws: &Workspace, theme: &Theme, p: &Phase, out: &mut Vec<Block>) {
    let (latest, previous) = reviews_for(ws, p.id);
    out.push(Block::Heading("Tenets".into()));
    match latest {
        Some(r) => out.push(Block::item(
            Line::from(vec![
                Span::styled("scored in review ", theme.muted),
                Span::styled(r.id.clone(), theme.link),
                Span::styled(
                    format!(" · {} · {}", inert(&r.date), inert(&r.facilitator)),
                    theme.muted,
                ),
            ]),
            None,
            Some(Reference::new(RefKind::Review, r.id.clone(), None)),
        )),
        None => out.push(Block::Line(Line::styled(
            "not scored in any review yet (0–3 per tenet)",
            theme.muted,
        ))),
    }
    for (i, t) in p.tenets.iter().enumerate() {
        let score = latest
            .and_then(|r| r.scores.get(&p.id))
            .and_then(|s| s.get(i))
            .copied();
        let before = previous
            .and_then(|r| r.scores.get(&p.id))
            .and_then(|s| s.get(i))
            .copied();
        let trend = match (score, before) {
            (Some(a), Some(b)) if a > b => "↑",
            (Some(a), Some(b)) if a < b => "↓",
            (Some(_), Some(_)) => "=",
            _ => " ",
        };
        let style = match score {
            Some(0) => theme.error,
            Some(1) => theme.warning,
            Some(2) => theme.base,
            Some(_) => theme.ok,
            None => theme.muted,
        };
        let lead = format!("{}{trend} ", score_glyphs(score));
        let rest = " ".repeat(fit::width(&lead));
        out.push(Block::Para {
            first: vec![Span::styled(lead, style)],
            rest: vec![Span::raw(rest)],
            text: vec![Span::styled(inert(t).into_owned(), theme.base)],
        });
    }
    // What the latest review agreed, beside its scores (not only in the report).
    if let Some(r) = latest {
        if !r.actions.is_empty() {
            out.push(Block::Heading(format!(
                "Actions of review {}",
                inert(&r.id)
            )));
            for a in &r.actions {
                out.push(Block::bullet(inert(a), theme.base, 0, "→"));
            }
        }
        if !r.notes.trim().is_empty() {
            out.push(Block::Heading(format!("Notes of review {}", inert(&r.id))));
            out.extend(markdown::blocks(&r.notes, theme, 0));
        }
    }
    // Earlier reviews stay reachable.
    let mut others: Vec<&Review> = ws
        .reviews
        .iter()
        .filter(|r| Some(r.id.as_str()) != latest.map(|l| l.id.as_str()))
        .collect();
    others.sort_by(|a, b| b.date.cmp(&a.date));
    for r in others {
        out.push(Block::item(
            Line::from(vec![
                Span::styled("earlier review ", theme.muted),
                Span::styled(r.id.clone(), theme.link),
                Span::styled(
                    format!(" · {} · {}", inert(&r.date), inert(&r.facilitator)),
                    theme.muted,
                ),
            ]),
            None,
            Some(Reference::new(RefKind::Review, r.id.clone(), None)),
        ));
    }
}

// ---- Clarity: north star and inputs

fn metric_blocks(ctx: &Ctx, m: &Metric, out: &mut Vec<Block>) {
    let theme = ctx.theme;
    let mark = match m.kind {
        MetricKind::NorthStar => "★",
        MetricKind::Input => "◆",
        MetricKind::Business => "$",
        MetricKind::Guardrail => "⛨",
    };
    let kind = match m.kind {
        MetricKind::NorthStar => "north star",
        MetricKind::Input => "input",
        MetricKind::Business => "business",
        MetricKind::Guardrail => "guardrail",
    };
    let indicator = match m.indicator {
        Some(crate::workspace::Indicator::Leading) => " · leading",
        Some(crate::workspace::Indicator::Lagging) => " · lagging",
        None => "",
    };
    out.push(Block::item(
        Line::from(vec![
            Span::styled(format!("{mark} "), theme.accent),
            Span::styled(
                inert(&m.name).into_owned(),
                theme.base.add_modifier(Modifier::BOLD),
            ),
            Span::styled(format!("  {kind}{indicator}"), theme.muted),
        ]),
        None,
        Some(Reference::new(RefKind::Metric, m.id.clone(), None)),
    ));
    out.push(Block::Gauge {
        indent: 2,
        measure: Measure {
            baseline: m.baseline,
            current: m.current(),
            target: m.target,
            down: m.direction == Direction::Down,
        },
    });
    let values: Vec<f64> = {
        let mut s = m.samples.clone();
        s.sort_by(|a, b| a.date.cmp(&b.date));
        s.into_iter().map(|s| s.value).collect()
    };
    let mut spans = vec![Span::raw("  ")];
    match m.current() {
        Some(c) => spans.push(Span::styled(
            format!("now {} {}", fit::number(c), inert(&m.unit)),
            theme.base,
        )),
        None => spans.push(Span::styled("no samples yet", theme.muted)),
    }
    if let Some(d) = &m.due {
        spans.push(Span::styled(format!(" · due {}", inert(d)), theme.muted));
    }
    if values.len() > 1 {
        spans.push(Span::styled("  ", theme.muted));
        spans.push(Span::styled(sparkline(&values, 24), theme.accent));
    }
    out.push(Block::Line(Line::from(spans)));
    if !m.description.trim().is_empty() {
        out.push(Block::para(inert(&m.description), theme.muted, 2));
    }
    if let Some(d) = &m.drives {
        out.push(Block::item(
            links::indexed_link_line(ctx.ws, ctx.links, theme, 2, "drives →", d),
            Some(d.clone()),
            None,
        ));
    }
    let own = Reference::new(RefKind::Metric, m.id.clone(), None);
    link_sections(ctx, &[], &own, 2, false, out);
}

fn clarity_panel(ctx: &Ctx, out: &mut Vec<Block>) {
    let ms = &ctx.ws.metrics;
    type Keep = dyn Fn(&Metric) -> bool;
    let groups: [(&str, &Keep); 3] = [
        ("North star", &|m| m.kind == MetricKind::NorthStar),
        ("Input metrics", &|m| m.kind == MetricKind::Input),
        ("Business and guardrail metrics", &|m| {
            matches!(m.kind, MetricKind::Business | MetricKind::Guardrail)
        }),
    ];
    if ms.is_empty() {
        out.push(Block::Heading("North star".into()));
        out.push(Block::para(
            "No metrics yet: add a [metric.ID] with kind = \"north-star\" to wheelhouse.toml.",
            ctx.theme.muted,
            0,
        ));
    }
    for (title, keep) in groups {
        let list: Vec<&Metric> = ms.iter().filter(|m| keep(m)).collect();
        if list.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(Block::Blank);
        }
        out.push(Block::Heading(title.into()));
        for m in list {
            metric_blocks(ctx, m, out);
        }
    }
}

// ---- Challenge & Landscape: challenges and maps

fn challenge_panel(ctx: &Ctx, p: &Phase, out: &mut Vec<Block>) {
    let theme = ctx.theme;
    out.push(Block::Heading(format!(
        "Challenges ({})",
        p.challenges.len()
    )));
    if p.challenges.is_empty() {
        out.push(Block::Line(Line::styled("none recorded", theme.muted)));
    }
    for (i, c) in p.challenges.iter().enumerate() {
        out.push(Block::bullet(
            inert(c),
            theme.base,
            0,
            &format!("{}.", i + 1),
        ));
    }
    out.push(Block::Blank);
    let own = Reference::new(RefKind::Phase, p.id.key(), None);
    let mut maps: Vec<Reference> = p
        .links
        .iter()
        .filter(|r| r.kind == RefKind::Map)
        .cloned()
        .collect();
    for b in ctx.links.backlinks(&own) {
        if b.kind == RefKind::Map && !maps.contains(b) {
            maps.push(b.clone());
        }
    }
    out.push(Block::Heading(format!(
        "Maps of the landscape ({})",
        maps.len()
    )));
    if maps.is_empty() {
        out.push(Block::para(
            "No maps linked: add \"map:NAME\" to links in [phase.challenge].",
            theme.muted,
            0,
        ));
    }
    for r in maps {
        let mut line = links::indexed_link_line(ctx.ws, ctx.links, theme, 0, "▦", &r);
        if let Some(m) = ctx.ws.map(&r.doc) {
            if r.item.is_none() {
                line.spans.push(Span::styled(
                    format!(" · {} components", m.components.len()),
                    theme.muted,
                ));
            }
        }
        out.push(Block::item(line, Some(r), None));
    }
}

// ---- Next Best Action: value streams

fn percent(f: f64) -> String {
    format!("{:.1}%", f * 100.0)
}

fn next_action_panel(ctx: &Ctx, out: &mut Vec<Block>) {
    let theme = ctx.theme;
    out.push(Block::Heading(format!(
        "Value streams ({})",
        ctx.ws.value_streams.len()
    )));
    if ctx.ws.value_streams.is_empty() {
        out.push(Block::para(
            "No value streams yet: add a [value-stream.ID] with its steps (PT, LT, %C/A, waste).",
            theme.muted,
            0,
        ));
    }
    for v in &ctx.ws.value_streams {
        out.push(Block::item(
            Line::from(vec![
                Span::styled("⇢ ", theme.accent),
                Span::styled(
                    inert(&v.name).into_owned(),
                    theme.base.add_modifier(Modifier::BOLD),
                ),
                Span::styled(format!("  in {}", inert(&v.unit)), theme.muted),
            ]),
            None,
            Some(Reference::new(RefKind::ValueStream, v.id.clone(), None)),
        ));
        if !v.description.trim().is_empty() {
            out.extend(
                markdown::blocks(&v.description, theme, 2)
                    .into_iter()
                    .map(|b| match b {
                        Block::Para { first, rest, text } => Block::Para {
                            first,
                            rest,
                            text: text
                                .into_iter()
                                .map(|s| s.patch_style(theme.muted))
                                .collect(),
                        },
                        other => other,
                    }),
            );
        }
        let mut rows: Vec<Vec<String>> = v
            .steps
            .iter()
            .map(|s| {
                vec![
                    inert(&s.name).into_owned(),
                    fit::number(s.pt),
                    fit::number(s.lt),
                    format!("{:.0}%", s.ca * 100.0),
                    s.waste
                        .iter()
                        .map(|w| w.letter().to_string())
                        .collect::<Vec<_>>()
                        .join(" "),
                ]
            })
            .collect();
        rows.push(vec![
            "Total".into(),
            fit::number(v.total_pt()),
            fit::number(v.total_lt()),
            String::new(),
            String::new(),
        ]);
        let total_row = rows.len() - 1;
        out.push(Block::Table(Table {
            indent: 2,
            header: ["Step", "PT", "LT", "%C/A", "Waste"]
                .map(String::from)
                .to_vec(),
            rows,
            right: vec![false, true, true, true, false],
            strong_rows: vec![total_row],
        }));
        let ratio = v.activity_ratio();
        let rolled = v.rolled_ca();
        out.push(Block::Para {
            first: vec![Span::raw("  ")],
            rest: vec![Span::raw("  ")],
            text: vec![
                Span::styled("Activity ratio ", theme.muted),
                Span::styled(
                    ratio.map(percent).unwrap_or_else(|| "n/a".into()),
                    theme.accent.add_modifier(Modifier::BOLD),
                ),
                Span::styled(
                    ratio
                        .map(|r| format!(" (idle {})", percent(1.0 - r)))
                        .unwrap_or_default(),
                    theme.muted,
                ),
                Span::styled(" · Rolled %C/A ", theme.muted),
                Span::styled(
                    rolled.map(percent).unwrap_or_else(|| "n/a".into()),
                    theme.accent.add_modifier(Modifier::BOLD),
                ),
            ],
        });
        let own = Reference::new(RefKind::ValueStream, v.id.clone(), None);
        link_sections(ctx, &v.links, &own, 2, false, out);
        out.push(Block::Blank);
    }
    if !ctx.ws.value_streams.is_empty() {
        out.push(Block::para(
            "Wastes (DOWNTIME): D defects · O overproduction · W waiting · N non-utilised talent · \
             T transportation · I inventory · M motion · E extra-processing",
            theme.muted,
            0,
        ));
    }
}

// ---- Long-Term Value: pillars and the utility tree

fn risk_badge(r: Risk) -> (&'static str, usize) {
    match r {
        Risk::None => ("✓ no risk", 0),
        Risk::Medium => ("◆ medium risk", 1),
        Risk::High => ("▲ high risk", 2),
        Risk::Unanswered => ("? unanswered", 3),
    }
}

fn hml(h: Option<Hml>) -> &'static str {
    match h {
        Some(Hml::H) => "H",
        Some(Hml::M) => "M",
        Some(Hml::L) => "L",
        None => "?",
    }
}

/// Sort key: (H,H) first, unrated last.
fn priority(s: &Scenario) -> (u8, u8) {
    let k = |h: Option<Hml>| h.map(|h| h as u8).unwrap_or(3);
    (k(s.importance), k(s.difficulty))
}

fn long_term_panel(ctx: &Ctx, out: &mut Vec<Block>) {
    let theme = ctx.theme;
    let ws = ctx.ws;
    out.push(Block::Heading("Well-Architected pillars".into()));
    if ws.pillars.is_empty() {
        out.push(Block::para(
            "No pillars reviewed yet: add [pillar.ID] tables (six pillars).",
            theme.muted,
            0,
        ));
    }
    let name_w = ws
        .pillars
        .iter()
        .map(|p| fit::width(&inert(&p.name)))
        .max()
        .unwrap_or(0)
        .min(26);
    for p in &ws.pillars {
        let (badge, i) = risk_badge(p.risk);
        out.push(Block::item(
            Line::from(vec![
                Span::styled(
                    fit::pad(&inert(&p.name), name_w),
                    theme.base.add_modifier(Modifier::BOLD),
                ),
                Span::raw("  "),
                Span::styled(badge, theme.risk[i]),
            ]),
            None,
            Some(Reference::new(RefKind::Pillar, p.id.clone(), None)),
        ));
        if !p.notes.trim().is_empty() {
            out.push(Block::para(inert(&p.notes), theme.muted, 2));
        }
        for a in &p.actions {
            out.push(Block::bullet(inert(a), theme.base, 2, "→"));
        }
        let own = Reference::new(RefKind::Pillar, p.id.clone(), None);
        link_sections(ctx, &p.links, &own, 2, false, out);
    }

    out.push(Block::Blank);
    out.push(Block::Heading(
        "Quality scenarios: utility tree, (H,H) first".into(),
    ));
    if ws.scenarios.is_empty() {
        out.push(Block::para(
            "No quality scenarios yet: add [scenario.ID] tables.",
            theme.muted,
            0,
        ));
        return;
    }
    let mut sorted: Vec<&Scenario> = ws.scenarios.iter().collect();
    sorted.sort_by_key(|s| priority(s));
    // Attributes and refinements in the order of their most urgent scenario.
    let mut attrs: Vec<&str> = Vec::new();
    for s in &sorted {
        if !attrs.contains(&s.attribute.as_str()) {
            attrs.push(&s.attribute);
        }
    }
    out.push(Block::Line(Line::styled("Utility", theme.title)));
    for (ai, attr) in attrs.iter().enumerate() {
        let last_attr = ai + 1 == attrs.len();
        let (a_mark, a_cont) = tree_marks(last_attr);
        let label = if attr.is_empty() {
            "(no attribute)".to_string()
        } else {
            inert(attr).into_owned()
        };
        out.push(Block::Line(Line::from(vec![
            Span::styled(a_mark, theme.muted),
            Span::styled(label, theme.base.add_modifier(Modifier::BOLD)),
        ])));
        let in_attr: Vec<&&Scenario> = sorted.iter().filter(|s| s.attribute == *attr).collect();
        let mut refs: Vec<&str> = Vec::new();
        for s in &in_attr {
            if !refs.contains(&s.refinement.as_str()) {
                refs.push(&s.refinement);
            }
        }
        for (ri, rf) in refs.iter().enumerate() {
            let last_ref = ri + 1 == refs.len();
            let (r_mark, r_cont) = tree_marks(last_ref);
            let label = if rf.is_empty() {
                "(no refinement)".to_string()
            } else {
                inert(rf).into_owned()
            };
            out.push(Block::Line(Line::from(vec![
                Span::styled(format!("{a_cont}{r_mark}"), theme.muted),
                Span::styled(label, theme.base),
            ])));
            let leaves: Vec<&&&Scenario> = in_attr.iter().filter(|s| s.refinement == *rf).collect();
            for (si, s) in leaves.iter().enumerate() {
                let last = si + 1 == leaves.len();
                let (s_mark, s_cont) = tree_marks(last);
                let prefix = format!("{a_cont}{r_cont}");
                let rating = format!("({},{})", hml(s.importance), hml(s.difficulty));
                let rating_style = if priority(s) == (0, 0) {
                    theme.error.add_modifier(Modifier::BOLD)
                } else {
                    theme.warning
                };
                out.push(Block::item(
                    Line::from(vec![
                        Span::styled(format!("{prefix}{s_mark}"), theme.muted),
                        Span::styled(rating, rating_style),
                        Span::raw(" "),
                        Span::styled(
                            inert(&s.name).into_owned(),
                            theme.base.add_modifier(Modifier::BOLD),
                        ),
                    ]),
                    None,
                    Some(Reference::new(RefKind::Scenario, s.id.clone(), None)),
                ));
                let hang = format!("{prefix}{s_cont}  ");
                let six = format!(
                    "{}: {} ({}) → {}: {} · {}",
                    inert(&s.source),
                    inert(&s.stimulus),
                    inert(&s.environment),
                    inert(&s.artifact),
                    inert(&s.response),
                    inert(&s.measure)
                );
                out.push(Block::Para {
                    first: vec![Span::styled(hang.clone(), theme.muted)],
                    rest: vec![Span::styled(hang.clone(), theme.muted)],
                    text: vec![Span::styled(six, theme.muted)],
                });
                for l in &s.links {
                    let mut line = links::indexed_link_line(ws, ctx.links, theme, 0, "→", l);
                    line.spans
                        .insert(0, Span::styled(hang.clone(), theme.muted));
                    out.push(Block::item(line, Some(l.clone()), None));
                }
                for l in ctx
                    .links
                    .backlinks(&Reference::new(RefKind::Scenario, s.id.clone(), None))
                {
                    let mut line = links::indexed_backlink_line(ws, ctx.links, theme, 0, l);
                    line.spans
                        .insert(0, Span::styled(hang.clone(), theme.muted));
                    out.push(Block::item(line, Some(l.clone()), None));
                }
            }
        }
    }
}

/// The branch mark for a tree row and the continuation under it: the last child closes the branch.
fn tree_marks(last: bool) -> (&'static str, &'static str) {
    if last {
        ("└─ ", "   ")
    } else {
        ("├─ ", "│  ")
    }
}
