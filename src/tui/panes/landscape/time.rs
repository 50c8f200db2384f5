//! The Landscape through time: trails of past positions (`T`), the time slider stepping the
//! whole map through the commits that changed it (`,` / `.`, `;` back to the working tree), and
//! the diff view against a chosen commit (`D`). The history arrives from the app (read off the
//! UI thread, see `tui::git_history`), is kept per map until the files are read again, and is
//! only drawn here: nothing in this file reads git.

use std::collections::HashMap;
use std::sync::Arc;

use super::LandscapePane;
use crate::history::timeline::MapTimeline;
use crate::tui::action::Action;
use crate::tui::git_history::{HistoryAnswer, HistoryRequest, MapAtRev, PastMap};
use crate::tui::panes::Ctx;
use crate::tui::popups::ask::{Ask, Choice, Then};
use crate::tui::widgets::wardley::display_name;

/// Past positions drawn behind each component.
pub const TRAIL_LENGTH: usize = 5;

/// History asked for, and what came back.
#[derive(Debug, Clone)]
pub enum Loaded<T> {
    Loading,
    Ready(Arc<T>),
    /// The one line saying why there is none ("no history: not in a git repository").
    Unavailable(String),
}

/// What the user asked for before the history was there, done when it arrives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Waiting {
    Back,
    Diff,
}

/// The diff view: the map shown against the map at `rev`.
#[derive(Debug, Clone)]
pub struct DiffState {
    pub map: String,
    pub rev: String,
    pub old: Loaded<MapAtRev>,
}

#[derive(Debug, Default)]
pub struct TimeState {
    pub trails: bool,
    timelines: HashMap<String, Loaded<MapTimeline>>,
    /// Requests not yet handed to the app.
    wanted: Vec<HistoryRequest>,
    /// The time slider: the map and the version of it shown (None: the working tree).
    pub at: Option<(String, usize)>,
    waiting: Option<(String, Waiting)>,
    pub diff: Option<DiffState>,
}

impl TimeState {
    /// The timeline of map `id`, if it has arrived.
    pub fn timeline(&self, id: &str) -> Option<&Arc<MapTimeline>> {
        match self.timelines.get(id) {
            Some(Loaded::Ready(t)) => Some(t),
            _ => None,
        }
    }

    pub fn timeline_state(&self, id: &str) -> Option<&Loaded<MapTimeline>> {
        self.timelines.get(id)
    }

    /// The version shown of map `id` (None: the working tree).
    pub fn version_of(&self, id: &str) -> Option<usize> {
        self.at.as_ref().filter(|(m, _)| m == id).map(|(_, k)| *k)
    }

    fn ask_timeline(&mut self, id: &str) {
        if !self.timelines.contains_key(id) {
            self.timelines.insert(id.to_string(), Loaded::Loading);
            self.wanted.push(HistoryRequest::Timeline {
                map: id.to_string(),
            });
        }
    }
}

/// The label of version `k` of `tl`: "3/27 a1b2c3d 2024-03-14 subject".
pub fn version_label(tl: &MapTimeline, k: usize) -> String {
    match tl.versions.get(k) {
        Some(v) => format!(
            "{}/{} {} {} {}",
            k + 1,
            tl.versions.len(),
            v.commit.commit,
            v.commit.date,
            display_name(&v.subject)
        ),
        None => String::new(),
    }
}

impl LandscapePane {
    pub fn time(&self) -> &TimeState {
        &self.time
    }

    /// The keys of strategy over time; `None` when the action is not one of them.
    pub(super) fn time_update(&mut self, action: &Action, ctx: &Ctx) -> Option<Option<Action>> {
        let id = self.current_map(ctx.ws)?.id.clone();
        let answer = match action {
            Action::ToggleTrails => {
                self.time.trails = !self.time.trails;
                None
            }
            Action::TimeBack => self.step_back(&id, ctx),
            Action::TimeForward => {
                let (tl, k) = (self.time.timeline(&id)?.clone(), self.time.version_of(&id)?);
                Some(match tl.step_forward(k) {
                    Some(j) => self.show_version(&tl, j),
                    None => self.leave_past(),
                })
            }
            Action::TimePresent => {
                self.time.diff = None;
                self.time.waiting = None;
                self.time.at.is_some().then(|| self.leave_past())
            }
            Action::Cancel if self.time.at.is_some() || self.time.diff.is_some() => {
                self.time.diff = None;
                self.time.at.is_some().then(|| self.leave_past())
            }
            Action::DiffView => match self.time.timeline(&id).cloned() {
                Some(tl) => self.pick_revision(&tl),
                None => {
                    self.time.waiting = Some((id.clone(), Waiting::Diff));
                    None
                }
            },
            Action::DiffAgainst(rev) => {
                self.diff_against(&id, rev);
                None
            }
            Action::NextDoc | Action::PrevDoc if self.time.at.is_some() => {
                self.switch_map(ctx.ws, *action == Action::NextDoc);
                Some(self.leave_past())
            }
            _ => return None,
        };
        Some(answer)
    }

    /// Asks for what the state needs: the shown map's timeline while trails, the slider or a
    /// waiting step want it.
    pub(super) fn want_history(&mut self, ctx: &Ctx) {
        let Some(id) = self.current_map(ctx.ws).map(|m| m.id.clone()) else {
            return;
        };
        let needs = self.time.trails
            || self.time.at.is_some()
            || self.time.waiting.is_some()
            || self.time.diff.is_some();
        if needs {
            self.time.ask_timeline(&id);
        }
    }

    fn step_back(&mut self, id: &str, ctx: &Ctx) -> Option<Action> {
        let Some(tl) = self.time.timeline(id).cloned() else {
            self.time.waiting = Some((id.to_string(), Waiting::Back));
            return None;
        };
        let now = self.current_map(ctx.ws);
        let k = tl.step_back(self.time.version_of(id), now)?;
        Some(self.show_version(&tl, k))
    }

    fn show_version(&mut self, tl: &MapTimeline, k: usize) -> Action {
        self.time.at = Some((tl.map.clone(), k));
        self.cache = None;
        let Some(v) = tl.versions.get(k) else {
            return self.leave_past();
        };
        Action::ShowPast(Some(PastMap {
            map: Arc::new(v.map.clone()),
            label: version_label(tl, k),
        }))
    }

    fn leave_past(&mut self) -> Action {
        self.time.at = None;
        self.cache = None;
        Action::ShowPast(None)
    }

    /// What to diff against: any revision typed in, the repository's tags (newest first),
    /// then the commits that changed the map, newest first.
    fn pick_revision(&mut self, tl: &MapTimeline) -> Option<Action> {
        let typed = Choice {
            number: None,
            label: "type a revision…".into(),
            detail: "HEAD~20, a tag, a commit id".into(),
            kind: "",
            note: String::new(),
            action: Action::Ask(Box::new(Ask::Prompt {
                title: "Diff the map against the revision (HEAD~20, a tag, an id)".into(),
                initial: String::new(),
                then: Then::DiffRevision,
            })),
        };
        let tags = tl.tags.iter().map(|(name, commit)| Choice {
            number: None,
            label: format!("tag {name}"),
            detail: format!("{} {}", commit.commit, commit.date),
            kind: "",
            note: String::new(),
            action: Action::DiffAgainst(name.clone()),
        });
        let versions = tl.versions.iter().enumerate().rev().map(|(k, v)| Choice {
            number: None,
            label: format!("{} {}", v.commit.commit, v.commit.date),
            detail: format!("{}/{} {}", k + 1, tl.versions.len(), v.subject),
            kind: "",
            note: String::new(),
            action: Action::DiffAgainst(v.commit.commit.clone()),
        });
        let choices: Vec<Choice> = std::iter::once(typed).chain(tags).chain(versions).collect();
        Some(Action::Ask(Box::new(Ask::Pick {
            title: "Diff the map against the revision".into(),
            choices,
        })))
    }

    /// The diff view against `rev`: a commit of the map's timeline at once, anything else
    /// read from git.
    fn diff_against(&mut self, id: &str, rev: &str) {
        let known = self.time.timeline(id).and_then(|tl| {
            tl.versions
                .iter()
                // a short or full hash of one of its commits
                .find(|v| {
                    rev.len() >= 7
                        && rev.bytes().all(|b| b.is_ascii_hexdigit())
                        && rev.starts_with(&v.commit.commit)
                })
                .map(|v| MapAtRev {
                    rev: rev.to_string(),
                    commit: v.commit.clone(),
                    map: Some(v.map.clone()),
                })
        });
        let old = match known {
            Some(m) => Loaded::Ready(Arc::new(m)),
            None => {
                self.time.wanted.push(HistoryRequest::MapAt {
                    map: id.to_string(),
                    rev: rev.to_string(),
                });
                Loaded::Loading
            }
        };
        self.time.diff = Some(DiffState {
            map: id.to_string(),
            rev: rev.to_string(),
            old,
        });
    }

    pub(super) fn take_history_wanted(&mut self) -> Vec<HistoryRequest> {
        std::mem::take(&mut self.time.wanted)
    }

    pub(super) fn history_answer(
        &mut self,
        request: &HistoryRequest,
        answer: &HistoryAnswer,
        ctx: &Ctx,
    ) -> Option<Action> {
        match (request, answer) {
            (HistoryRequest::Timeline { map }, HistoryAnswer::Timeline(result)) => {
                let state = match result {
                    Ok(tl) => Loaded::Ready(tl.clone()),
                    Err(e) => Loaded::Unavailable(e.clone()),
                };
                self.time.timelines.insert(map.clone(), state);
                let shown = self.current_map(ctx.ws).map(|m| m.id.clone());
                match self.time.waiting.take() {
                    Some((m, what)) if Some(&m) == shown.as_ref() => {
                        let tl = self.time.timeline(&m)?.clone();
                        match what {
                            Waiting::Back => self.step_back(&m, ctx),
                            Waiting::Diff => self.pick_revision(&tl),
                        }
                    }
                    _ => None,
                }
            }
            (HistoryRequest::MapAt { map, rev }, HistoryAnswer::MapAt(result)) => {
                let d = self.time.diff.as_mut()?;
                if &d.map != map || &d.rev != rev {
                    return None;
                }
                match result {
                    Ok(m) => {
                        d.old = Loaded::Ready(m.clone());
                        None
                    }
                    // a revision that names nothing: the map as it was, and why in the status line
                    Err(e) => {
                        self.time.diff = None;
                        Some(Action::Complain(format!("diff: {e}")))
                    }
                }
            }
            _ => None,
        }
    }

    /// The files were read again: the working tree is shown (the app put it back), and the
    /// history of the shown map is read again (a checkout changes it) while the old one stays
    /// on screen until then.
    pub(super) fn time_refresh(&mut self, ctx: &Ctx) {
        self.time.at = None;
        self.time.waiting = None;
        let shown = self.current_map(ctx.ws).map(|m| m.id.clone());
        self.time
            .timelines
            .retain(|id, _| Some(id) == shown.as_ref());
        if let Some(id) = shown {
            if self.time.trails && self.time.timelines.contains_key(&id) {
                self.time.wanted.push(HistoryRequest::Timeline { map: id });
            }
        }
    }

    /// The header's right-hand text while time is in play: the version shown, the diff's
    /// legend, the trails' legend, or why there is no history.
    pub(super) fn time_summary(&self, ctx: &Ctx) -> Option<String> {
        let id = &self.current_map(ctx.ws)?.id;
        let state = self.time.timeline_state(id);
        if let Some(Loaded::Unavailable(why)) = state {
            if self.time.trails || self.time.waiting.is_some() || self.time.diff.is_some() {
                return Some(why.clone());
            }
        }
        if let Some(d) = self.time.diff.as_ref().filter(|d| &d.map == id) {
            return Some(match &d.old {
                Loading => "diff: reading history…".to_string(),
                Loaded::Unavailable(why) => why.clone(),
                Loaded::Ready(m) => format!(
                    "vs {} {}: ○ was · + new · ✕ gone",
                    m.commit.commit, m.commit.date
                ),
            });
        }
        if let (Some(k), Some(tl)) = (self.time.version_of(id), self.time.timeline(id)) {
            return Some(format!("◂ {}", version_label(tl, k)));
        }
        if matches!(state, Some(Loaded::Loading))
            && (self.time.trails || self.time.waiting.is_some())
        {
            return Some("reading history…".into());
        }
        if self.time.trails {
            let sel = self.selected_index(ctx.ws).and_then(|i| {
                let c = self.current_map(ctx.ws)?.components.get(i)?;
                let tl = self.time.timeline(id)?;
                let t = tl.trail(&c.id, None, (c.evolution, c.visibility), TRAIL_LENGTH);
                Some(format!(" · {:+.2}/90d", t.speed_per_90_days))
            });
            return Some(format!("trails: ∘ was × stage{}", sel.unwrap_or_default()));
        }
        None
    }
}

use Loaded::Loading;
