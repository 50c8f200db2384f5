//! ctrl-k: one fuzzy finder over everything the workspace holds (decisions, maps and
//! components, impact maps and their actors, impacts and deliverables, metrics, phases,
//! value streams, pillars, scenarios, reviews) and the app's commands with their keys.
//! `:` opens it on the commands alone.

use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;

use crate::workspace::search;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::{ListCursor, Outcome};
use crate::tui::action::Action;
use crate::tui::keymap::{self, Context, Keymap};
use crate::tui::panes::Ctx;
use crate::tui::tab::Tab;
use crate::tui::widgets::text_input::{Edited, TextInput};
use crate::tui::widgets::{popup, text};
use crate::workspace::{Reference, Workspace};

#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    Item(Reference),
    Command(Action),
}

#[derive(Debug, Clone)]
pub struct Entry {
    /// What is matched and shown (already inert).
    pub label: String,
    /// decision, component, command ...
    pub kind: &'static str,
    /// Shown on the right: the reference, or a command's keys.
    pub detail: String,
    /// Matched but not shown: words people search by (a metric's kind: `north star`).
    pub keywords: String,
    /// Shown after the label, not matched: why a picker's choice is refused (`already needed`).
    pub note: String,
    /// A record's number: a query of just that number ranks it first.
    pub number: Option<u32>,
    pub target: Target,
}

pub struct Finder {
    pub input: TextInput,
    pub commands_only: bool,
    /// A picker's title (a list of choices for an edit) instead of the finder's.
    pub title: Option<String>,
    entries: Vec<Entry>,
    /// (entry index, matched char indices), best first.
    hits: Vec<(usize, Vec<usize>)>,
    pub cursor: ListCursor,
    pub area: Rect,
    list_top: u16,
    matcher: SkimMatcherV2,
}

impl Finder {
    pub fn new(ws: &Workspace, keymap: &Keymap, commands_only: bool) -> Finder {
        let mut entries = Vec::new();
        if !commands_only {
            entries = workspace_entries(ws);
        }
        entries.extend(command_entries(keymap));
        let mut f = Finder {
            input: TextInput::default(),
            commands_only,
            title: None,
            entries,
            hits: Vec::new(),
            cursor: ListCursor::default(),
            area: Rect::default(),
            list_top: 0,
            matcher: SkimMatcherV2::default(),
        };
        f.refilter();
        f
    }

    /// A picker: the finder over `choices`, running the chosen one's action.
    pub fn picker(title: String, choices: Vec<super::ask::Choice>) -> Finder {
        let entries = choices
            .into_iter()
            .map(|c| Entry {
                label: text::safe(&c.label).into_owned(),
                kind: c.kind,
                detail: text::safe(&c.detail).into_owned(),
                keywords: String::new(),
                note: text::safe(&c.note).into_owned(),
                number: c.number,
                target: Target::Command(c.action),
            })
            .collect();
        let mut f = Finder {
            input: TextInput::default(),
            commands_only: false,
            title: Some(title),
            entries,
            hits: Vec::new(),
            cursor: ListCursor::default(),
            area: Rect::default(),
            list_top: 0,
            matcher: SkimMatcherV2::default(),
        };
        f.refilter();
        f
    }

    pub fn hits(&self) -> impl Iterator<Item = &Entry> {
        self.hits.iter().map(|(i, _)| &self.entries[*i])
    }

    pub fn selected(&self) -> Option<&Entry> {
        self.hits
            .get(self.cursor.selected)
            .map(|(i, _)| &self.entries[*i])
    }

    /// Ranks the entries for the query: a record whose number is the query first (`3`,
    /// `adr:3` and `ADR-3` are ADR 3), then what holds the words as typed, then fuzzy
    /// matches; among equals workspace items before commands, then by fuzzy score. A query
    /// starting with `:` asks for commands and lists only them.
    fn refilter(&mut self) {
        self.cursor.selected = 0;
        self.cursor.offset = 0;
        let raw = self.input.text().trim();
        let (q, commands_only) = match raw.strip_prefix(':') {
            Some(rest) => (rest.trim(), true),
            None => (raw, false),
        };
        let wanted = |e: &Entry| !commands_only || matches!(e.target, Target::Command(_));
        if q.is_empty() {
            self.hits = (0..self.entries.len())
                .filter(|i| wanted(&self.entries[*i]))
                .map(|i| (i, Vec::new()))
                .collect();
            return;
        }
        let number = crate::workspace::reference::parse_adr_number(q);
        // as `wh adr search` ranks: entries holding every word as typed before fuzzy matches,
        // and scattered fuzzy matches last (left out when some entry holds the words)
        let words: Vec<String> = q.split_whitespace().map(str::to_lowercase).collect();
        let q_chars = q.chars().count();
        let picker = self.title.is_some();
        let matcher = &self.matcher;
        // (score, label char indices to highlight, the matched text lowercased)
        let matched = |hay: &str, label_chars: usize| {
            matcher.fuzzy_indices(hay, q).map(|(score, idx)| {
                let idx = idx.into_iter().filter(|c| *c < label_chars).collect();
                (score, idx, hay.to_lowercase())
            })
        };
        let mut scored: Vec<(u8, u8, i64, usize, Vec<usize>)> = self
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| wanted(e))
            .filter_map(|(i, e)| {
                let tier = match (&e.target, number) {
                    // a record, in the finder or in a picker of records
                    (_, Some(n)) if e.number == Some(n) => 0,
                    (Target::Item(_), _) => 1,
                    (Target::Command(_), _) => 2,
                };
                let n = e.label.chars().count();
                let best = if picker {
                    // a choice's name and id are matched apart: `pay` must not take its p from
                    // "Loyalty points" and its a and y from `loyalty-points`
                    let on_label = matched(&e.label, n);
                    let on_detail = matched(&e.detail, 0);
                    match (on_label, on_detail) {
                        (Some(l), Some(d)) if d.0 > l.0 => Some(d),
                        (Some(l), _) => Some(l),
                        (None, d) => d,
                    }
                } else if e.keywords.is_empty() {
                    matched(&format!("{} {}", e.label, e.detail), n)
                } else {
                    matched(&format!("{} {} {}", e.label, e.detail, e.keywords), n)
                };
                match best {
                    Some((score, idx, lower)) => {
                        let how = if words.iter().all(|w| lower.contains(w.as_str())) {
                            0
                        } else if search::is_scattered(score, q_chars) {
                            2
                        } else {
                            1
                        };
                        Some((tier, how, score, i, idx))
                    }
                    None if tier == 0 => Some((tier, 0, 0, i, Vec::new())),
                    None => None,
                }
            })
            .collect();
        // an entry holding the words as typed, item or command (a picker's choices are all
        // commands), leaves out the scattered matches: `trail` finds Trails, not letters
        // scattered over item names; and it ranks above entries that only match fuzzily
        if scored.iter().any(|h| h.1 == 0) {
            scored.retain(|h| h.1 < 2);
        }
        let rank = |h: &(u8, u8, i64, usize, Vec<usize>)| (h.0 != 0, h.1, h.0);
        scored.sort_by(|a, b| {
            rank(a)
                .cmp(&rank(b))
                .then(b.2.cmp(&a.2))
                .then(a.3.cmp(&b.3))
        });
        self.hits = scored
            .into_iter()
            .map(|(_, _, _, i, idx)| (i, idx))
            .collect();
    }

    pub fn update(&mut self, action: &Action) -> Outcome {
        if self.cursor.apply(action, self.hits.len()) {
            return Outcome::Stay;
        }
        match action {
            Action::DeleteChar if self.input.is_empty() => return Outcome::Close,
            Action::Cancel => return Outcome::Close,
            Action::Select => return self.activate(),
            Action::Click { row, .. } => {
                match self.cursor.hit(self.list_top, *row, self.hits.len()) {
                    Some(i) if i == self.cursor.selected => return self.activate(),
                    Some(i) => self.cursor.selected = i,
                    None => {}
                }
            }
            other => {
                if self.input.apply(other) == Edited::Text {
                    self.refilter();
                }
            }
        }
        Outcome::Stay
    }

    fn activate(&self) -> Outcome {
        match self.selected().map(|e| &e.target) {
            Some(Target::Item(r)) => Outcome::Run(Action::Follow(r.clone())),
            Some(Target::Command(a)) => Outcome::Run(a.clone()),
            None => Outcome::Stay,
        }
    }

    pub fn render(&mut self, area: Rect, buf: &mut Buffer, ctx: &Ctx) {
        let theme = ctx.theme;
        let r = popup::centered(area, 90, area.height.saturating_sub(4).max(5));
        self.area = r;
        let title = match &self.title {
            Some(t) => t.as_str(),
            None if self.commands_only => "Commands",
            None => "Find anything",
        };
        let footer = format!(
            "{} of {}  Enter {}  Esc close",
            self.hits.len(),
            self.entries.len(),
            if self.title.is_some() { "choose" } else { "go" }
        );
        let inner = popup::frame(r, buf, title, &footer, theme);
        if inner.height == 0 {
            return;
        }
        let w = inner.width as usize;
        let prompt = if self.commands_only { ": " } else { "› " };
        let mut first = vec![Span::styled(prompt, theme.accent)];
        first.extend(self.input.line(w.saturating_sub(2), theme.base).spans);
        let mut lines = vec![Line::from(first)];
        let height = (inner.height as usize).saturating_sub(1);
        self.list_top = inner.y + 1;
        self.cursor.settle(self.hits.len(), height);
        // a picker shows a kind column only when its choices have kinds
        let kind_w = match &self.title {
            Some(_) => self
                .entries
                .iter()
                .map(|e| text::width(e.kind))
                .max()
                .filter(|k| *k > 0)
                .map_or(0, |k| (k + 1).min(13)),
            None => 13,
        };
        for (row, (i, idx)) in self
            .hits
            .iter()
            .enumerate()
            .skip(self.cursor.offset)
            .take(height)
        {
            let e = &self.entries[*i];
            let detail_w = text::width(&e.detail).min(w / 3);
            let note = if e.note.is_empty() {
                String::new()
            } else {
                format!(" · {}", e.note)
            };
            let room = w.saturating_sub(kind_w + detail_w + 2);
            // the note keeps its room before the label does: it says why Enter will refuse
            let note = text::truncate(&note, room / 2).into_owned();
            let label_w = room.saturating_sub(text::width(&note));
            let mut spans = vec![Span::styled(text::pad(e.kind, kind_w), theme.muted)];
            let label = text::highlighted(&e.label, idx, theme.base, theme.matched, label_w);
            let used: usize = label.iter().map(|s| s.width()).sum::<usize>() + text::width(&note);
            spans.extend(label);
            spans.push(Span::styled(note, theme.muted));
            spans.push(Span::raw(" ".repeat(room.saturating_sub(used) + 1)));
            spans.push(Span::styled(
                text::truncate(&e.detail, detail_w).into_owned(),
                if matches!(e.target, Target::Command(_)) {
                    theme.accent
                } else {
                    theme.link
                },
            ));
            let mut line = Line::from(spans);
            if row == self.cursor.selected {
                line = line.patch_style(theme.selection);
            }
            lines.push(line);
        }
        if self.hits.is_empty() {
            lines.push(Line::styled("nothing matches", theme.muted));
        }
        Paragraph::new(lines).render(inner, buf);
    }
}

/// Everything in the workspace that can be jumped to, in pane order.
pub fn workspace_entries(ws: &Workspace) -> Vec<Entry> {
    use crate::workspace::links::Target as Item;
    use crate::workspace::MetricKind;
    ws.targets()
        .into_iter()
        .map(|t| {
            let mut keywords = String::new();
            let mut number = None;
            let (kind, label) = match &t {
                Item::Adr(a) => {
                    number = Some(a.number);
                    ("decision", format!("ADR-{:04} {}", a.number, a.title))
                }
                Item::Phase(p) => ("phase", format!("{} ({})", p.title, p.persona)),
                Item::Metric(m) => {
                    let (kind, words) = match m.kind {
                        MetricKind::NorthStar => ("north star", "north star metric"),
                        MetricKind::Input => ("input metric", "input metric"),
                        MetricKind::Business => ("metric", "business metric"),
                        MetricKind::Guardrail => ("guardrail", "guardrail metric"),
                    };
                    keywords = words.to_string();
                    (kind, m.name.clone())
                }
                Item::Review(r) => ("review", format!("Review {} ({})", r.id, r.date)),
                Item::ValueStream(v) => ("value stream", v.name.clone()),
                Item::Pillar(p) => ("pillar", p.name.clone()),
                Item::Scenario(s) => ("scenario", s.name.clone()),
                Item::Map(m) => ("map", m.title.clone()),
                Item::Component { map, component } => {
                    ("component", format!("{} ({})", component.name, map.title))
                }
                Item::ImpactMap(m) => ("goal", m.goal.title.clone()),
                Item::Actor { actor, .. } => ("actor", actor.name.clone()),
                Item::Impact { impact, .. } => ("impact", impact.behaviour.clone()),
                Item::Deliverable { deliverable, .. } => ("deliverable", deliverable.title.clone()),
            };
            let r = t.reference();
            Entry {
                label: text::safe(&label).into_owned(),
                kind,
                detail: r.to_string(),
                keywords,
                note: String::new(),
                number,
                target: Target::Item(r),
            }
        })
        .collect()
}

/// Every bindable command with its keys, as the keymap has them now.
pub fn command_entries(keymap: &Keymap) -> Vec<Entry> {
    keymap::BINDABLE
        .iter()
        .filter(|b| !matches!(b.name, "delete-char" | "commands"))
        .map(|b| {
            let (name, desc, action) = (b.name, b.help, b.action.clone());
            let keys: Vec<String> = [Context::Global, Context::Pane]
                .into_iter()
                .chain(Tab::ALL.map(Tab::context))
                .chain([Context::Popup])
                .flat_map(|c| keymap.keys(c, name).iter().map(|k| k.to_string()))
                .collect::<Vec<_>>();
            let mut uniq: Vec<String> = Vec::new();
            for k in keys {
                if !uniq.contains(&k) {
                    uniq.push(k);
                }
            }
            // a command only some panes' keys carry runs in one of them: chosen elsewhere it
            // did nothing
            let anywhere = [Context::Global, Context::Pane, Context::Popup]
                .into_iter()
                .any(|c| !keymap.keys(c, name).is_empty());
            let tabs: Vec<Tab> = Tab::ALL
                .into_iter()
                .filter(|t| !keymap.keys(t.context(), name).is_empty())
                .collect();
            let action = if anywhere || tabs.is_empty() {
                action
            } else {
                Action::InTab(tabs, Box::new(action))
            };
            Entry {
                label: desc.to_string(),
                kind: "command",
                detail: uniq.join(" "),
                keywords: String::new(),
                note: String::new(),
                number: None,
                target: Target::Command(action),
            }
        })
        .collect()
}
