//! The Decisions pane: the ADR list (number, status in its colour, date, title) with a
//! `/` fuzzy filter and a status filter, and a detail view that renders the record:
//! its markdown, the options with pros and cons, the supersede chain as a path that
//! `[` / `]` walk, its links and backlinks (Enter follows one). Files that failed to
//! load stay in the list, flagged.
//!
//! Wide terminals show list and detail side by side; narrow ones show one at a time.

mod edit;

use std::collections::HashSet;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph, Widget};

use super::{Ctx, Pane};
use crate::tui::action::Action;
use crate::tui::theme::Theme;
use crate::tui::widgets::text_input::{Edited, TextInput};
use crate::tui::widgets::{markdown, text};
use crate::workspace::search::{IncrementalFilter, SearchIndex};
use crate::workspace::{Adr, AdrStatus, Reference, Workspace};

/// From this width on, list and detail are shown side by side.
const SPLIT_WIDTH: u16 = 100;

#[derive(Debug, Clone, PartialEq)]
enum Row {
    /// Index into `ws.decisions`.
    Adr(usize),
    /// Index into `ws.files`: a record that could not be read.
    Broken(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Detail,
}

/// A row that passes the filters, with the title characters the query matched
/// (computed when the row is first drawn: a keystroke only ranks).
#[derive(Debug, Clone)]
struct Visible {
    row: usize,
    matched: Option<Vec<usize>>,
}

/// The rendered detail of one row at one width, kept until either changes.
#[derive(Debug, Default)]
struct Detail {
    /// What the lines are for: the selected row and the width (None: nothing selected).
    key: Option<(usize, u16)>,
    /// Whether the lines are still those of `key` (false after the list changes, even when
    /// nothing was and is selected, so that an emptied list does not show the last record).
    fresh: bool,
    lines: Vec<Line<'static>>,
    /// (line index, reference) for every followable link, in reading order.
    links: Vec<(usize, Reference)>,
}

#[derive(Debug)]
pub struct DecisionsPane {
    rows: Vec<Row>,
    /// Per row: `NNNN title` for ADRs, the path for broken files (what `/` matches).
    haystacks: Vec<String>,
    /// Per row: the inert title shown.
    titles: Vec<String>,
    visible: Vec<Visible>,
    /// Fuzzy search over number, title and tags plus the bodies (the same as `wh adr search`).
    index: SearchIndex,
    /// Re-checks only the previous hits while the query grows (a keystroke at the end).
    incremental: IncrementalFilter,
    /// Per record (index into `ws.decisions`): its row.
    row_of_record: Vec<usize>,
    /// The rows of files that could not be read, ascending.
    broken_rows: Vec<usize>,
    /// The `/` filter being typed or kept.
    pub input: TextInput,
    typing: bool,
    pub status_filter: Option<AdrStatus>,
    selected: usize,
    offset: usize,
    pub focus: Focus,
    detail: Detail,
    detail_scroll: usize,
    link_cursor: usize,
    /// Hit-test rectangles from the last render.
    list_area: Rect,
    detail_area: Rect,
    list_rows: usize,
    detail_rows: usize,
}

impl DecisionsPane {
    pub fn new(ws: &Workspace) -> Self {
        let mut keyed: Vec<(u32, Row)> = ws
            .decisions
            .iter()
            .enumerate()
            .map(|(i, a)| (a.number, Row::Adr(i)))
            .collect();
        for (i, f) in ws.files.iter().enumerate() {
            if f.is_broken_decision() {
                keyed.push((f.leading_number().unwrap_or(u32::MAX), Row::Broken(i)));
            }
        }
        // stable: records keep the loader's order, broken files slot in by their number
        keyed.sort_by_key(|(n, _)| *n);
        let rows: Vec<Row> = keyed.into_iter().map(|(_, r)| r).collect();
        let titles: Vec<String> = rows
            .iter()
            .map(|r| match r {
                Row::Adr(i) => text::safe(&ws.decisions[*i].title).into_owned(),
                Row::Broken(i) => format!(
                    "could not be read: {}",
                    text::safe(&ws.files[*i].path.to_string_lossy())
                ),
            })
            .collect();
        let haystacks = rows
            .iter()
            .zip(&titles)
            .map(|(r, t)| match r {
                Row::Adr(i) => format!("{:04} {}", ws.decisions[*i].number, t),
                Row::Broken(_) => format!("0000 {t}"),
            })
            .collect();
        let mut row_of_record = vec![0; ws.decisions.len()];
        for (row, r) in rows.iter().enumerate() {
            if let Row::Adr(i) = r {
                row_of_record[*i] = row;
            }
        }
        let broken_rows = (0..rows.len())
            .filter(|&row| matches!(rows[row], Row::Broken(_)))
            .collect();
        let index = SearchIndex::new(&ws.decisions);
        let mut pane = DecisionsPane {
            rows,
            haystacks,
            titles,
            visible: Vec::new(),
            incremental: IncrementalFilter::for_index(&index),
            index,
            row_of_record,
            broken_rows,
            input: TextInput::default(),
            typing: false,
            status_filter: None,
            selected: 0,
            offset: 0,
            focus: Focus::List,
            detail: Detail::default(),
            detail_scroll: 0,
            link_cursor: 0,
            list_area: Rect::default(),
            detail_area: Rect::default(),
            list_rows: 0,
            detail_rows: 0,
        };
        pane.refilter(ws);
        pane
    }

    /// Numbers of the ADRs currently listed, in list order (broken rows are left out).
    pub fn listed(&self, ws: &Workspace) -> Vec<u32> {
        self.visible
            .iter()
            .filter_map(|v| match self.rows[v.row] {
                Row::Adr(i) => Some(ws.decisions[i].number),
                Row::Broken(_) => None,
            })
            .collect()
    }

    /// How many rows pass the filters (broken files included).
    pub fn visible_len(&self) -> usize {
        self.visible.len()
    }

    /// The links of the open detail, in order (what Enter can follow).
    pub fn detail_links(&self) -> Vec<Reference> {
        self.detail.links.iter().map(|(_, r)| r.clone()).collect()
    }

    /// Re-applies the query and status filter, keeping the selected row when it stays.
    fn refilter(&mut self, ws: &Workspace) {
        let keep = self.visible.get(self.selected).map(|v| v.row);
        self.refill(ws);
        self.selected = keep
            .and_then(|k| self.visible.iter().position(|v| v.row == k))
            .unwrap_or(0);
        self.offset = 0;
        self.reset_detail();
    }

    /// Re-applies the query and status filter and selects the best hit: what a changed query
    /// does, as in fzf, so that Enter opens what is on top.
    fn refilter_to_top(&mut self, ws: &Workspace) {
        self.refill(ws);
        self.selected = 0;
        self.offset = 0;
        self.reset_detail();
    }

    /// Rebuilds the visible rows from the query and status filter.
    fn refill(&mut self, ws: &Workspace) {
        let status_ok = |row: &Row| match (row, self.status_filter) {
            (_, None) => true,
            (Row::Adr(i), Some(s)) => ws.decisions[*i].status == s,
            (Row::Broken(_), Some(_)) => false,
        };
        let query = self.input.text().trim();
        // refilled in place: a keystroke over 10,000 records then needs no fresh memory here
        let mut v = std::mem::take(&mut self.visible);
        v.clear();
        if query.is_empty() {
            v.extend(
                self.rows
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| status_ok(r))
                    .map(|(row, _)| Visible {
                        row,
                        matched: Some(Vec::new()),
                    }),
            );
        } else {
            v.extend(
                self.incremental
                    .filter(&self.index, query)
                    .iter()
                    .map(|h| self.row_of_record[h.record()])
                    .filter(|row| status_ok(&self.rows[*row]))
                    .map(|row| Visible { row, matched: None }),
            );
            // unreadable files are matched on their path, after the records
            let broken = self
                .broken_rows
                .iter()
                .filter(|&&row| status_ok(&self.rows[row]))
                .map(|&row| (row, self.haystacks[row].as_str()));
            v.extend(
                fuzzy_filter(broken, query)
                    .into_iter()
                    .map(|(row, _)| Visible { row, matched: None }),
            );
        }
        self.visible = v;
    }

    /// Made anew from `ws` with this pane's filter, focus and place: for `Pane::refresh`.
    fn remade(&mut self, selected: Option<&Reference>, ws: &Workspace) -> DecisionsPane {
        let mut fresh = DecisionsPane::new(ws);
        fresh.input = std::mem::take(&mut self.input);
        fresh.status_filter = self.status_filter;
        fresh.typing = self.typing;
        fresh.focus = self.focus;
        fresh.refill(ws);
        let same = selected.and_then(|r| {
            fresh.visible.iter().position(
                |v| matches!(fresh.rows[v.row], Row::Adr(i) if named_by(&ws.decisions[i], r)),
            )
        });
        // gone: the row that took its place
        fresh.selected = same.unwrap_or(self.selected.min(fresh.visible.len().saturating_sub(1)));
        fresh.offset = self.offset.min(fresh.selected);
        fresh.reset_detail();
        fresh
    }

    fn reset_detail(&mut self) {
        self.detail.fresh = false;
        self.detail_scroll = 0;
        self.link_cursor = 0;
    }

    fn select(&mut self, i: usize) {
        let i = i.min(self.visible.len().saturating_sub(1));
        if i != self.selected {
            self.selected = i;
            self.reset_detail();
        }
    }

    fn selected_row(&self) -> Option<&Row> {
        self.visible.get(self.selected).map(|v| &self.rows[v.row])
    }

    fn selected_adr<'w>(&self, ws: &'w Workspace) -> Option<&'w Adr> {
        match self.selected_row()? {
            Row::Adr(i) => ws.decisions.get(*i),
            Row::Broken(_) => None,
        }
    }

    fn cycle_status(&mut self, ws: &Workspace) {
        let present: Vec<AdrStatus> = AdrStatus::LIFECYCLE
            .into_iter()
            .chain([AdrStatus::Unknown])
            .filter(|s| ws.decisions.iter().any(|a| a.status == *s))
            .collect();
        self.status_filter = match self.status_filter {
            None => present.first().copied(),
            Some(cur) => present
                .iter()
                .position(|s| *s == cur)
                .and_then(|i| present.get(i + 1).copied()),
        };
        self.refilter(ws);
    }

    /// The record one step along the supersede chain (`older`: what this one supersedes).
    fn chain_step(&self, ws: &Workspace, older: bool) -> Option<Reference> {
        let adr = self.selected_adr(ws)?;
        let next = if older {
            &adr.supersedes
        } else {
            &adr.superseded_by
        };
        next.first().cloned()
    }

    fn is_split(&self, width: u16) -> bool {
        width >= SPLIT_WIDTH
    }

    fn move_list(&mut self, action: &Action) {
        let page = self.list_rows.max(1);
        let last = self.visible.len().saturating_sub(1);
        let to = match action {
            Action::Up | Action::ScrollUp => self.selected.saturating_sub(1),
            Action::Down | Action::ScrollDown => (self.selected + 1).min(last),
            Action::PageUp => self.selected.saturating_sub(page),
            Action::PageDown => (self.selected + page).min(last),
            Action::Top => 0,
            Action::Bottom => last,
            _ => return,
        };
        self.select(to);
    }

    /// Up/Down in the detail: to the previous/next link if it is on screen, else scroll a line.
    fn move_detail(&mut self, action: &Action) {
        let rows = self.detail_rows.max(1);
        let max_scroll = self.detail.lines.len().saturating_sub(rows);
        let on_screen = |line: usize, scroll: usize| line >= scroll && line < scroll + rows;
        match action {
            Action::Down | Action::Up => {
                let down = *action == Action::Down;
                let target = if down {
                    self.link_cursor + 1
                } else {
                    self.link_cursor.wrapping_sub(1)
                };
                let cursor_visible = self
                    .detail
                    .links
                    .get(self.link_cursor)
                    .is_some_and(|(l, _)| on_screen(*l, self.detail_scroll));
                match self.detail.links.get(target) {
                    Some((line, _)) if on_screen(*line, self.detail_scroll) && cursor_visible => {
                        self.link_cursor = target
                    }
                    _ => {
                        self.detail_scroll = if down {
                            (self.detail_scroll + 1).min(max_scroll)
                        } else {
                            self.detail_scroll.saturating_sub(1)
                        };
                        self.snap_cursor();
                    }
                }
            }
            Action::ScrollDown => {
                self.detail_scroll = (self.detail_scroll + 3).min(max_scroll);
                self.snap_cursor();
            }
            Action::ScrollUp => {
                self.detail_scroll = self.detail_scroll.saturating_sub(3);
                self.snap_cursor();
            }
            Action::PageDown => {
                self.detail_scroll = (self.detail_scroll + rows).min(max_scroll);
                self.snap_cursor();
            }
            Action::PageUp => {
                self.detail_scroll = self.detail_scroll.saturating_sub(rows);
                self.snap_cursor();
            }
            Action::Top => {
                self.detail_scroll = 0;
                self.link_cursor = 0;
            }
            Action::Bottom => {
                self.detail_scroll = max_scroll;
                self.link_cursor = self.detail.links.len().saturating_sub(1);
            }
            _ => {}
        }
    }

    /// After a scroll, puts the link cursor on the first link on screen (if any).
    fn snap_cursor(&mut self) {
        let rows = self.detail_rows.max(1);
        let s = self.detail_scroll;
        let cur_ok = self
            .detail
            .links
            .get(self.link_cursor)
            .is_some_and(|(l, _)| *l >= s && *l < s + rows);
        if !cur_ok {
            if let Some(i) = self
                .detail
                .links
                .iter()
                .position(|(l, _)| *l >= s && *l < s + rows)
            {
                self.link_cursor = i;
            }
        }
    }

    fn click(&mut self, col: u16, row: u16) -> Option<Action> {
        let p = (col, row).into();
        if self.list_area.contains(p) {
            let first = self.list_area.y + 1; // below the border
            let d = row.checked_sub(first)? as usize;
            let i = self.offset + d;
            if i < self.visible.len() && d < self.list_rows {
                if i == self.selected {
                    self.focus = Focus::Detail;
                } else {
                    self.select(i);
                    self.focus = Focus::List;
                }
            }
        } else if self.detail_area.contains(p) {
            self.focus = Focus::Detail;
            let line = self.detail_scroll + row.checked_sub(self.detail_area.y + 1)? as usize;
            if let Some(i) = self.detail.links.iter().position(|(l, _)| *l == line) {
                if i == self.link_cursor {
                    return Some(Action::Follow(self.detail.links[i].1.clone()));
                }
                self.link_cursor = i;
            }
        }
        None
    }

    // ------------------------------------------------------------ rendering

    fn render_list(&mut self, area: Rect, buf: &mut Buffer, ctx: &Ctx) {
        let theme = ctx.theme;
        let focused = self.focus == Focus::List;
        let mut title = format!(" Decisions {}/{} ", self.visible.len(), self.rows.len());
        if let Some(s) = self.status_filter {
            title.push_str(&format!("· {} ", s.key()));
        }
        let filter_line = self.typing || !self.input.is_empty();
        let block = panel(title, focused, theme);
        let inner = block.inner(area);
        block.render(area, buf);
        self.list_area = area;
        if inner.height == 0 || inner.width == 0 {
            return;
        }
        let mut body = inner;
        if filter_line {
            let mut spans = vec![Span::styled("/", theme.accent)];
            if self.typing {
                let w = (inner.width as usize).saturating_sub(1);
                spans.extend(self.input.line(w, theme.base).spans);
            } else {
                let q = text::safe(self.input.text()).into_owned();
                spans.push(Span::styled(q, theme.base));
            }
            Paragraph::new(Line::from(spans)).render(Rect { height: 1, ..inner }, buf);
            body.y += 1;
            body.height -= 1;
        }
        self.list_rows = body.height as usize;
        // keep the selection on screen
        if self.selected < self.offset {
            self.offset = self.selected;
        }
        if self.list_rows > 0 && self.selected >= self.offset + self.list_rows {
            self.offset = self.selected + 1 - self.list_rows;
        }
        if self.visible.is_empty() {
            let msg = if self.rows.is_empty() {
                "No decisions yet (wh adr new TITLE)"
            } else {
                "Nothing matches the filter (Esc clears it)"
            };
            Paragraph::new(Line::styled(msg, theme.muted)).render(body, buf);
            return;
        }
        // highlight positions, only for the rows on screen
        let end = (self.offset + self.list_rows).min(self.visible.len());
        let query = self.input.text().trim().to_string();
        for k in self.offset..end {
            if self.visible[k].matched.is_none() {
                let pos = match self.rows[self.visible[k].row] {
                    Row::Adr(i) => self.index.title_positions(i, &query),
                    Row::Broken(_) => Vec::new(),
                };
                self.visible[k].matched = Some(pos);
            }
        }
        let w = body.width as usize;
        let num_w = 4;
        let show_status = w >= 34;
        let show_date = w >= 52;
        for (k, v) in self
            .visible
            .iter()
            .enumerate()
            .skip(self.offset)
            .take(self.list_rows)
        {
            let y = body.y + (k - self.offset) as u16;
            let mut spans: Vec<Span> = Vec::with_capacity(8);
            let mut used = 0;
            match &self.rows[v.row] {
                Row::Adr(i) => {
                    let a = &ws_adr(ctx.ws, *i);
                    // a log4brains record has no number (its title and date name it)
                    let num = match a.id_slug() {
                        Some(_) => format!("{:>num_w$} ", "·"),
                        None => format!("{:>num_w$} ", a.number),
                    };
                    used += text::width(&num);
                    spans.push(Span::styled(num, theme.muted));
                    if show_status {
                        let st = format!("{:<10} ", a.status.key());
                        used += 11;
                        spans.push(Span::styled(st, theme.adr_status_style(a.status)));
                    }
                    if show_date {
                        let d = text::pad(&text::safe(a.date.as_deref().unwrap_or("")), 10);
                        used += 11;
                        spans.push(Span::styled(d + " ", theme.muted));
                    }
                    spans.extend(text::highlighted(
                        &self.titles[v.row],
                        v.matched.as_deref().unwrap_or(&[]),
                        theme.base,
                        theme.matched,
                        w.saturating_sub(used),
                    ));
                }
                Row::Broken(_) => {
                    spans.push(Span::styled(format!("{:>num_w$} ", "✗"), theme.error));
                    used += num_w + 1;
                    if show_status {
                        spans.push(Span::styled(format!("{:<10} ", "broken"), theme.error));
                        used += 11;
                    }
                    spans.push(Span::styled(
                        text::truncate(&self.titles[v.row], w.saturating_sub(used)).into_owned(),
                        theme.error,
                    ));
                }
            }
            let mut line = Line::from(spans);
            if k == self.selected {
                let sel = if focused {
                    theme.selection
                } else {
                    theme.selection.add_modifier(Modifier::DIM)
                };
                buf.set_style(
                    Rect {
                        y,
                        height: 1,
                        ..body
                    },
                    sel,
                );
                line = line.patch_style(sel);
            }
            buf.set_line(body.x, y, &line, body.width);
        }
    }

    fn render_detail(&mut self, area: Rect, buf: &mut Buffer, ctx: &Ctx) {
        let theme = ctx.theme;
        let focused = self.focus == Focus::Detail;
        let title = match self.selected_row() {
            Some(Row::Adr(i)) => match ctx.ws.decisions[*i].id_slug() {
                Some(slug) => format!(" {} ", text::safe(slug)),
                None => format!(" ADR-{:04} ", ctx.ws.decisions[*i].number),
            },
            Some(Row::Broken(_)) => " Unreadable record ".to_string(),
            None => " Detail ".to_string(),
        };
        let block = panel(title, focused, theme);
        let inner = block.inner(area);
        block.render(area, buf);
        self.detail_area = area;
        if inner.height == 0 || inner.width == 0 {
            return;
        }
        let key = self
            .visible
            .get(self.selected)
            .map(|v| (v.row, inner.width));
        if !self.detail.fresh || self.detail.key != key {
            let (lines, links) = match self.selected_row() {
                Some(Row::Adr(i)) => detail_lines(&ctx.ws.decisions[*i], ctx, inner.width as usize),
                Some(Row::Broken(f)) => (broken_lines(*f, ctx, inner.width as usize), Vec::new()),
                None => (
                    vec![Line::styled("Nothing selected", theme.muted)],
                    Vec::new(),
                ),
            };
            self.detail = Detail {
                key,
                fresh: true,
                lines,
                links,
            };
            self.link_cursor = self
                .link_cursor
                .min(self.detail.links.len().saturating_sub(1));
        }
        self.detail_rows = inner.height as usize;
        let max_scroll = self.detail.lines.len().saturating_sub(self.detail_rows);
        self.detail_scroll = self.detail_scroll.min(max_scroll);
        let cursor_line = self
            .detail
            .links
            .get(self.link_cursor)
            .map(|(l, _)| *l)
            .filter(|_| focused);
        for (k, line) in self
            .detail
            .lines
            .iter()
            .enumerate()
            .skip(self.detail_scroll)
            .take(self.detail_rows)
        {
            let y = inner.y + (k - self.detail_scroll) as u16;
            if Some(k) == cursor_line {
                let l = line.clone().patch_style(theme.selection);
                buf.set_style(
                    Rect {
                        y,
                        height: 1,
                        ..inner
                    },
                    theme.selection,
                );
                buf.set_line(inner.x, y, &l, inner.width);
            } else {
                buf.set_line(inner.x, y, line, inner.width);
            }
        }
        if self.detail.lines.len() > self.detail_rows && area.width > 12 {
            let pct = (self.detail_scroll + self.detail_rows) * 100 / self.detail.lines.len();
            let label = format!(" {pct}% ");
            let x = area.x + area.width - 2 - label.len() as u16;
            buf.set_string(x, area.y + area.height - 1, label, theme.muted);
        }
    }
}

fn ws_adr(ws: &Workspace, i: usize) -> &Adr {
    &ws.decisions[i]
}

/// Whether `r` names `a`: by number (the first of a shared number wins) or by slug.
fn named_by(a: &Adr, r: &Reference) -> bool {
    match r.adr_number() {
        Some(n) => a.number == n,
        None => {
            r.kind == crate::workspace::RefKind::Adr && a.slug.as_deref() == Some(r.doc.as_str())
        }
    }
}

/// Fuzzy-matches `query` against each candidate (unreadable files, by path); best first,
/// ties in list order. Returns (row, matched char indices in the haystack).
fn fuzzy_filter<'a>(
    candidates: impl Iterator<Item = (usize, &'a str)>,
    query: &str,
) -> Vec<(usize, Vec<usize>)> {
    use fuzzy_matcher::skim::SkimMatcherV2;
    use fuzzy_matcher::FuzzyMatcher;
    let matcher = SkimMatcherV2::default().smart_case();
    let mut hits: Vec<(i64, usize, Vec<usize>)> = candidates
        .filter_map(|(row, hay)| {
            matcher
                .fuzzy_indices(hay, query)
                .map(|(score, idx)| (score, row, idx))
        })
        .collect();
    hits.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    hits.into_iter().map(|(_, r, i)| (r, i)).collect()
}

/// A short title for any reference, for link lists (raw file text: make it inert).
pub fn describe(ws: &Workspace, r: &Reference) -> Option<String> {
    use crate::workspace::links::Target;
    Some(match ws.resolve(r)? {
        Target::Component { map, component } => format!("{} (in {})", component.name, map.title),
        Target::Review(rv) => format!("Review {} ({})", rv.id, rv.date),
        t => t.title().to_string(),
    })
}

/// The supersede chain through `adr`, oldest first (cycles and missing records stop it); each
/// record named as references name it (`adr:7`, or a log4brains slug).
pub fn supersede_chain(ws: &Workspace, adr: &Adr) -> Vec<Reference> {
    supersede_walk(ws, adr).records
}

/// The supersede chain through a record, and where it goes round in a circle.
#[derive(Debug, Clone, PartialEq)]
pub struct Chain {
    /// Oldest first, the record itself among them.
    pub records: Vec<Reference>,
    /// The newest of `records` is superseded by this one, already in the chain: a circle.
    pub loops_back_to: Option<Reference>,
    /// The oldest of `records` supersedes this one, already in the chain: a circle.
    pub loops_from: Option<Reference>,
}

/// Walks the chain from `adr`: back along what each record supersedes, on along what
/// supersedes it (the first of each), stopping where a record comes again (a circle, said in
/// [`Chain`]) or is missing.
pub fn supersede_walk(ws: &Workspace, adr: &Adr) -> Chain {
    let me = adr.reference();
    let mut seen = HashSet::from([me.clone()]);
    let mut older = Vec::new();
    let mut loops_from = None;
    let mut cur = adr;
    while let Some(r) = cur.supersedes.first() {
        if !seen.insert(r.clone()) {
            loops_from = Some(r.clone());
            break;
        }
        older.push(r.clone());
        match ws.decision_by(r) {
            Some(a) => cur = a,
            None => break,
        }
    }
    older.reverse();
    older.push(me);
    let mut loops_back_to = None;
    let mut cur = adr;
    while let Some(r) = cur.superseded_by.first() {
        if !seen.insert(r.clone()) {
            loops_back_to = Some(r.clone());
            break;
        }
        older.push(r.clone());
        match ws.decision_by(r) {
            Some(a) => cur = a,
            None => break,
        }
    }
    Chain {
        records: older,
        loops_back_to,
        loops_from,
    }
}

/// A status as the file wrote it with each markdown link as words: `Superseded by [7. Use
/// X](0007-use-x.md)` → `Superseded by ADR-7 Use X`. A link to a record (its file, next to
/// `adr`'s) names it as the cockpit does, with its title now; any other link gives its text,
/// adr-tools' `7. Title` read as ADR-7.
pub fn status_words(ws: &Workspace, adr: &Adr, status: &str) -> String {
    let mut out = String::new();
    let mut rest = status;
    while let Some(open) = rest.find('[') {
        let Some((text, target, after)) = link_at(&rest[open..]) else {
            out.push_str(&rest[..=open]);
            rest = &rest[open + 1..];
            continue;
        };
        out.push_str(&rest[..open]);
        match linked_record(ws, adr, target) {
            Some(a) => match a.id_slug() {
                Some(_) => out.push_str(&a.title),
                None => out.push_str(&format!("ADR-{} {}", a.number, a.title)),
            },
            None => out.push_str(&adr_tools_words(text)),
        }
        rest = &rest[open + after..];
    }
    out.push_str(rest);
    out
}

/// `[text](target)` at the start of `s`: the text, the target and the length of the whole.
fn link_at(s: &str) -> Option<(&str, &str, usize)> {
    let close = s.find("](")?;
    let end = close + 2 + s[close + 2..].find(')')?;
    Some((&s[1..close], &s[close + 2..end], end + 1))
}

/// The record whose file a link from `adr`'s file names (relative to its folder).
fn linked_record<'w>(ws: &'w Workspace, adr: &Adr, target: &str) -> Option<&'w Adr> {
    let target = target.split(['#', '?']).next()?.trim();
    if target.is_empty() || target.contains("://") {
        return None;
    }
    let from = ws.file_path(adr.origin.file)?.parent()?;
    let mut path = std::path::PathBuf::new();
    for c in from.join(target).components() {
        match c {
            std::path::Component::ParentDir => {
                path.pop();
            }
            std::path::Component::Normal(n) => path.push(n),
            _ => {}
        }
    }
    ws.decisions
        .iter()
        .find(|a| ws.file_path(a.origin.file) == Some(path.as_path()))
}

/// adr-tools' link text `7. Use X` → `ADR-7 Use X`; anything else as it is.
fn adr_tools_words(text: &str) -> String {
    match text
        .split_once(". ")
        .and_then(|(n, title)| Some((n.parse::<u32>().ok()?, title)))
    {
        Some((n, title)) => format!("ADR-{n} {title}"),
        None => text.to_string(),
    }
}

struct DetailBuilder<'t> {
    lines: Vec<Line<'static>>,
    links: Vec<(usize, Reference)>,
    width: usize,
    theme: &'t Theme,
}

impl DetailBuilder<'_> {
    fn blank(&mut self) {
        if self.lines.last().is_some_and(|l| l.width() > 0) {
            self.lines.push(Line::default());
        }
    }

    fn heading(&mut self, t: &str) {
        self.blank();
        self.lines.push(Line::styled(
            text::truncate(t, self.width).into_owned(),
            self.theme.heading.add_modifier(Modifier::UNDERLINED),
        ));
    }

    fn markdown(&mut self, body: &str) {
        self.lines
            .extend(markdown::render(body, self.width as u16, self.theme));
    }

    fn field(&mut self, label: &str, value: Vec<Span<'static>>) {
        let segs: Vec<(String, Style)> = value
            .into_iter()
            .map(|s| (s.content.into_owned(), s.style))
            .collect();
        let first = format!("{label:<11}");
        let mut lines = markdown::wrap_segments(&segs, self.width, &first, "           ");
        if let Some(s) = lines.first_mut().and_then(|l| l.spans.first_mut()) {
            s.style = self.theme.muted;
        }
        self.lines.extend(lines);
    }

    fn link(&mut self, arrow: &str, r: &Reference, ws: &Workspace) {
        let title = describe(ws, r);
        let missing = title.is_none();
        let label = r.to_string();
        let desc = title
            .map(|t| text::safe(&t).into_owned())
            .unwrap_or_else(|| "(not found)".into());
        let used = text::width(arrow) + text::width(&label) + 3;
        self.links.push((self.lines.len(), r.clone()));
        self.lines.push(Line::from(vec![
            Span::styled(format!("{arrow} "), self.theme.muted),
            Span::styled(
                label,
                if missing {
                    self.theme.error
                } else {
                    self.theme.link
                },
            ),
            Span::raw("  "),
            Span::styled(
                text::truncate(&desc, self.width.saturating_sub(used)).into_owned(),
                if missing {
                    self.theme.muted
                } else {
                    self.theme.base
                },
            ),
        ]));
    }
}

/// The detail of one record, and the links in it.
fn detail_lines(
    adr: &Adr,
    ctx: &Ctx,
    width: usize,
) -> (Vec<Line<'static>>, Vec<(usize, Reference)>) {
    let ws = ctx.ws;
    let theme = ctx.theme;
    let mut b = DetailBuilder {
        lines: Vec::new(),
        links: Vec::new(),
        width: width.max(10),
        theme,
    };
    let title = text::safe(&adr.title).into_owned();
    b.lines.extend(markdown::wrap_segments(
        &[(title, theme.title.add_modifier(Modifier::BOLD))],
        b.width,
        "",
        "",
    ));
    let mut status = vec![Span::styled(
        adr.status.key().to_string(),
        theme
            .adr_status_style(adr.status)
            .add_modifier(Modifier::BOLD),
    )];
    if let Some(st) = &adr.status_text {
        // as the file wrote it, but its links as words: `Superseded by ADR-7 Use X`
        let words = text::safe(&status_words(ws, adr, st)).into_owned();
        status.push(Span::styled("  (", theme.muted));
        status.extend(
            markdown::inline(&words, theme.muted, theme)
                .into_iter()
                .map(|(t, st)| Span::styled(t, st)),
        );
        status.push(Span::styled(")", theme.muted));
    }
    b.field("Status", status);
    if let Some(d) = &adr.date {
        b.field("Date", vec![Span::raw(text::safe(d).into_owned())]);
    }
    if !adr.deciders.is_empty() {
        b.field("Deciders", vec![Span::raw(safe_join(&adr.deciders))]);
    }
    if !adr.tags.is_empty() {
        b.field(
            "Tags",
            vec![Span::styled(safe_join(&adr.tags), theme.accent)],
        );
    }
    if !adr.quality_attributes.is_empty() {
        b.field(
            "Qualities",
            vec![Span::raw(safe_join(&adr.quality_attributes))],
        );
    }
    if let Some(path) = ws.file_path(adr.origin.file) {
        b.field(
            "File",
            vec![Span::styled(
                text::safe(&path.to_string_lossy()).into_owned(),
                theme.muted,
            )],
        );
    }
    if let Some((_, Some(package))) = ws.adr_folder_of(adr) {
        b.field("Package", vec![Span::raw(text::safe(package).into_owned())]);
    }

    // the chain as a path: older → this → newer; `[` and `]` walk it. A circle is drawn as
    // one: `↻ ADR-3` where the chain comes back to a record it already passed
    let walk = supersede_walk(ws, adr);
    let chain = &walk.records;
    let me = adr.reference();
    if chain.len() > 1 {
        let label = |r: &Reference| match r.adr_number() {
            Some(n) => format!("ADR-{n}"),
            None => text::safe(&r.doc).into_owned(),
        };
        let mut spans = Vec::new();
        // a record on the circle meets itself going back too: the end shows that circle
        let from = walk
            .loops_from
            .as_ref()
            .filter(|r| !(**r == me && walk.loops_back_to.is_some()));
        if let Some(r) = from {
            spans.push(Span::styled(format!("↻ {}", label(r)), theme.error));
            spans.push(Span::styled(" → ", theme.muted));
        }
        for (k, r) in chain.iter().enumerate() {
            if k > 0 {
                spans.push(Span::styled(" → ", theme.muted));
            }
            let style = if *r == me {
                theme.selection.add_modifier(Modifier::BOLD)
            } else if ws.decision_by(r).is_some() {
                theme.link
            } else {
                theme.error
            };
            spans.push(Span::styled(label(r), style));
        }
        if let Some(r) = &walk.loops_back_to {
            spans.push(Span::styled(" → ", theme.muted));
            spans.push(Span::styled(format!("↻ {}", label(r)), theme.error));
        }
        b.field("Chain", spans);
        if let Some(r) = walk.loops_back_to.as_ref().or(walk.loops_from.as_ref()) {
            b.field(
                "",
                vec![Span::styled(
                    format!(
                        "a circle: the chain comes back to {}, so no record of it is current",
                        label(r)
                    ),
                    theme.error,
                )],
            );
        }
        let pos = chain.iter().position(|r| *r == me).unwrap_or(0);
        for (k, r) in chain.iter().enumerate() {
            if *r == me {
                continue;
            }
            let arrow = if k < pos {
                "  ◀ older"
            } else {
                "  ▶ newer"
            };
            b.link(arrow, r, ws);
        }
    }

    for (heading, body) in [
        ("Context", &adr.context),
        ("Decision drivers", &adr.drivers),
    ] {
        if !body.trim().is_empty() {
            b.heading(heading);
            b.markdown(body);
        }
    }
    if !adr.options.is_empty() {
        b.heading("Considered options");
        for o in &adr.options {
            let (mark, style) = if o.chosen {
                ("✔ ", theme.ok.add_modifier(Modifier::BOLD))
            } else {
                ("• ", theme.base.add_modifier(Modifier::BOLD))
            };
            let mut name = text::safe(&o.name).into_owned();
            if o.chosen {
                name.push_str(" (chosen)");
            }
            b.lines.extend(markdown::wrap_segments(
                &[(name, style)],
                b.width,
                mark,
                "  ",
            ));
            if !o.description.trim().is_empty() {
                for l in markdown::render(&o.description, b.width.saturating_sub(2) as u16, theme) {
                    let mut spans = vec![Span::raw("  ")];
                    spans.extend(l.spans);
                    b.lines.push(Line::from(spans));
                }
            }
            for (sign, items, st) in [("+ ", &o.pros, theme.ok), ("− ", &o.cons, theme.error)] {
                for it in items {
                    let mut segs = vec![];
                    segs.extend(markdown::inline(&text::safe(it), theme.base, theme));
                    let first = format!("  {sign}");
                    let mut lines = markdown::wrap_segments(&segs, b.width, &first, "    ");
                    for l in &mut lines {
                        if let Some(s) = l.spans.first_mut() {
                            if s.content.trim() == sign.trim() {
                                s.style = st;
                            }
                        }
                    }
                    b.lines.extend(lines);
                }
            }
        }
    }
    for (heading, body) in [
        ("Decision", &adr.decision),
        ("Consequences", &adr.consequences),
    ] {
        if !body.trim().is_empty() {
            b.heading(heading);
            b.markdown(body);
        }
    }
    for (heading, body) in &adr.extra_sections {
        b.heading(&text::safe(heading));
        b.markdown(body);
    }

    let chain_refs: HashSet<Reference> = chain.iter().cloned().collect();
    let outgoing: Vec<Reference> = ws
        .outgoing(&me)
        .into_iter()
        .filter(|r| !chain_refs.contains(r))
        .collect();
    // links with a verb ("Amended by"), this record's and the inverse of others' ("Amends")
    let named = ws.named_links(adr);
    let outgoing: Vec<Reference> = outgoing
        .into_iter()
        .filter(|r| !named.iter().any(|(_, x)| x == r))
        .collect();
    if !outgoing.is_empty() || !named.is_empty() {
        b.heading("Links");
        for (verb, r) in &named {
            b.link(&format!("{} →", text::safe(verb)), r, ws);
        }
        for r in &outgoing {
            b.link("→", r, ws);
        }
    }
    let back: Vec<&Reference> = ctx
        .links
        .backlinks(&me)
        .iter()
        .filter(|r| !chain_refs.contains(r))
        .collect();
    b.heading("Backlinks");
    if back.is_empty() {
        b.lines
            .push(Line::styled("nothing links here", theme.muted));
    }
    for r in back {
        b.links.push((b.lines.len(), r.clone()));
        let line = crate::tui::widgets::links::backlink_line(ws, theme, 0, r);
        b.lines
            .push(crate::tui::widgets::text::truncate_line(line, b.width));
    }
    (b.lines, b.links)
}

fn broken_lines(file: usize, ctx: &Ctx, width: usize) -> Vec<Line<'static>> {
    let theme = ctx.theme;
    let path = ctx.ws.files[file].path.clone();
    let mut lines = vec![
        Line::styled(
            text::truncate(
                &format!("{} could not be read", text::safe(&path.to_string_lossy())),
                width,
            )
            .into_owned(),
            theme.error.add_modifier(Modifier::BOLD),
        ),
        Line::default(),
    ];
    for d in ctx.ws.diagnostics.iter().filter(|d| d.file == path) {
        let t = text::safe(&d.to_string()).into_owned();
        for l in text::wrap(&t, width) {
            lines.push(Line::styled(
                l,
                if d.is_error() {
                    theme.error
                } else {
                    theme.warning
                },
            ));
        }
    }
    lines.push(Line::default());
    lines.push(Line::styled(
        "Fix the file and reopen; `wh check` shows the same problems.",
        theme.muted,
    ));
    lines
}

fn safe_join(items: &[String]) -> String {
    items
        .iter()
        .map(|s| text::safe(s).into_owned())
        .collect::<Vec<_>>()
        .join(", ")
}

impl Pane for DecisionsPane {
    fn title(&self) -> &'static str {
        "Decisions"
    }

    fn update(&mut self, action: &Action, ctx: &Ctx) -> Option<Action> {
        let ws = ctx.ws;
        if self.typing {
            match action {
                Action::DeleteChar if self.input.is_empty() => {
                    self.typing = false;
                    self.refilter_to_top(ws);
                }
                // Enter accepts the filter and opens the selected record in one key
                Action::Select => {
                    self.typing = false;
                    return self.update(action, ctx);
                }
                Action::Cancel => {
                    self.typing = false;
                    self.input.clear();
                    self.refilter(ws);
                }
                Action::Up | Action::Down | Action::PageUp | Action::PageDown => {
                    self.move_list(action)
                }
                other => {
                    if self.input.apply(other) == Edited::Text {
                        self.refilter_to_top(ws);
                    }
                }
            }
            return None;
        }
        // the editing keys (n S t L c r): asked about, then one edit of the core
        if let Some(answer) = edit::on_key(action, self.selected_adr(ws), ws) {
            return answer;
        }
        match action {
            Action::Filter => {
                self.typing = true;
                self.focus = Focus::List;
            }
            Action::CycleStatusFilter => self.cycle_status(ws),
            Action::Cancel => {
                if self.focus == Focus::Detail {
                    self.focus = Focus::List;
                } else if !self.input.is_empty() || self.status_filter.is_some() {
                    self.input.clear();
                    self.status_filter = None;
                    self.refilter(ws);
                }
            }
            Action::Left => self.focus = Focus::List,
            Action::Right if !self.visible.is_empty() => self.focus = Focus::Detail,
            Action::FocusNext => {
                self.focus = match self.focus {
                    Focus::List if !self.visible.is_empty() => Focus::Detail,
                    _ => Focus::List,
                }
            }
            Action::Select => match self.focus {
                Focus::List if !self.visible.is_empty() => self.focus = Focus::Detail,
                Focus::List => {}
                Focus::Detail => {
                    return self
                        .detail
                        .links
                        .get(self.link_cursor)
                        .map(|(_, r)| Action::Follow(r.clone()))
                }
            },
            Action::NextDoc => return self.chain_step(ws, false).map(Action::Follow),
            Action::PrevDoc => return self.chain_step(ws, true).map(Action::Follow),
            Action::Click { col, row } => return self.click(*col, *row),
            Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::Top
            | Action::Bottom
            | Action::ScrollUp
            | Action::ScrollDown => match self.focus {
                Focus::List => self.move_list(action),
                Focus::Detail => self.move_detail(action),
            },
            _ => {}
        }
        None
    }

    fn render(&mut self, area: Rect, buf: &mut Buffer, ctx: &Ctx) {
        if area.width == 0 || area.height == 0 {
            return;
        }
        if self.is_split(area.width) {
            let list_w = (area.width * 2 / 5).clamp(40, 70);
            let list = Rect {
                width: list_w,
                ..area
            };
            let detail = Rect {
                x: area.x + list_w,
                width: area.width - list_w,
                ..area
            };
            self.render_list(list, buf, ctx);
            self.render_detail(detail, buf, ctx);
        } else if self.focus == Focus::Detail {
            self.list_area = Rect::default();
            self.render_detail(area, buf, ctx);
        } else {
            self.detail_area = Rect::default();
            self.render_list(area, buf, ctx);
        }
    }

    fn refresh(&mut self, selected: Option<&Reference>, ctx: &Ctx) -> bool {
        *self = self.remade(selected, ctx.ws);
        true
    }

    fn reveal(&mut self, target: &Reference, ctx: &Ctx) -> bool {
        let ws = ctx.ws;
        let Some(row) = self
            .rows
            .iter()
            .position(|r| matches!(r, Row::Adr(i) if named_by(&ws.decisions[*i], target)))
        else {
            return false;
        };
        if !self.visible.iter().any(|v| v.row == row) {
            // the filters hide it: clear them rather than refuse
            self.input.clear();
            self.status_filter = None;
            self.typing = false;
            self.refilter(ws);
        }
        if let Some(i) = self.visible.iter().position(|v| v.row == row) {
            self.selected = i;
            self.reset_detail();
        }
        self.focus = Focus::Detail;
        true
    }

    /// After `n`, `S` and the other edits the list keeps the keys when it had them: `j` moves
    /// on from the new record, and the next edit is not made to the record shown before.
    fn select_edited(&mut self, target: &Reference, ctx: &Ctx) -> bool {
        let focus = self.focus;
        let found = self.reveal(target, ctx);
        self.focus = focus;
        found
    }

    fn selected(&self, ctx: &Ctx) -> Option<Reference> {
        self.selected_adr(ctx.ws).map(Adr::reference)
    }

    fn is_typing(&self) -> bool {
        self.typing
    }
}

/// The rounded panel around the list and the detail, its border marked when focused.
fn panel(title: String, focused: bool, theme: &Theme) -> Block<'static> {
    Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(if focused {
            theme.border_focus
        } else {
            theme.border
        })
        .title(Line::styled(title, theme.title))
}
