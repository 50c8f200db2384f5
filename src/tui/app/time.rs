//! The app's side of strategy over time: a past version of a map shown in the working tree's
//! place (the time slider), edits refused meanwhile, and the git history the panes ask for
//! handed to the event loop (which reads it off the UI thread) and back to them.

use super::App;
use crate::tui::action::Action;
use crate::tui::git_history::{HistoryAnswer, HistoryRequest, PastMap};
use crate::tui::panes::Ctx;
use crate::workspace::model::WardleyMap;

/// The working tree's map put aside while a past version is shown in its place.
pub struct Past {
    /// Index into `ws.maps`.
    index: usize,
    original: WardleyMap,
    label: String,
}

impl App {
    /// Why edits are refused here, if they are: a `--rev` cockpit or the time slider.
    pub(super) fn read_only_reason(&self) -> Option<String> {
        // the status bar already names the revision: at 80 columns the whole message must fit
        if self.revision.is_some() {
            return Some("read-only revision: edits are refused".to_string());
        }
        // the status bar already names the past version: the message says what to do
        self.past.as_ref()?;
        let back = self
            .keymap
            .keys(crate::tui::keymap::Context::Landscape, "time-present")
            .first()
            .map(|k| format!(": {k} returns to the present"))
            .unwrap_or_default();
        Some(format!("read-only{back}"))
    }

    /// The past version shown, if the time slider is on one.
    pub fn past_label(&self) -> Option<&str> {
        self.past.as_ref().map(|p| p.label.as_str())
    }

    /// Shows `past` in place of its map (`None`: the working tree's map again).
    pub(super) fn show_past(&mut self, past: Option<PastMap>) {
        let Some(past) = past else {
            self.restore_present();
            return;
        };
        if self
            .past
            .as_ref()
            .is_some_and(|p| self.ws.maps.get(p.index).map(|m| &m.id) != Some(&past.map.id))
        {
            self.restore_present();
        }
        let Some(index) = self.ws.maps.iter().position(|m| m.id == past.map.id) else {
            return;
        };
        let mut shown = (*past.map).clone();
        // the file it was read from is the working tree's: diagnostics and links point there
        shown.file = self.ws.maps[index].file;
        let original = std::mem::replace(&mut self.ws.maps[index], shown);
        match self.past.as_mut() {
            Some(p) => p.label = past.label,
            None => {
                self.past = Some(Past {
                    index,
                    original,
                    label: past.label,
                })
            }
        }
    }

    /// Puts the working tree's map back (before anything reads the files again).
    /// True when a past version was shown.
    pub(super) fn restore_present(&mut self) -> bool {
        let Some(p) = self.past.take() else {
            return false;
        };
        if let Some(slot) = self.ws.maps.get_mut(p.index) {
            *slot = p.original;
        }
        true
    }

    /// Collects what the panes want read from git, for the event loop.
    pub(super) fn collect_history_requests(&mut self) {
        for p in self.panes.iter_mut() {
            for r in p.history_wanted() {
                // at a past revision the working tree's metrics are not the ones shown
                if self.revision.is_some() && r == HistoryRequest::MetricSeries {
                    continue;
                }
                if !self.history_requests.contains(&r) {
                    self.history_requests.push(r);
                }
            }
        }
    }

    /// The requests the event loop is to answer (taken: each is asked once).
    pub fn take_history_requests(&mut self) -> Vec<HistoryRequest> {
        std::mem::take(&mut self.history_requests)
    }

    /// An answer from the history reader, for the panes.
    pub fn history_arrived(&mut self, request: &HistoryRequest, answer: &HistoryAnswer) {
        let mut follow_ups: Vec<Action> = Vec::new();
        {
            let ctx = Ctx {
                ws: &self.ws,
                links: &self.links,
                theme: &self.theme,
            };
            for p in self.panes.iter_mut() {
                if let Some(a) = p.history_arrived(request, answer, &ctx) {
                    follow_ups.push(a);
                }
            }
        }
        for a in follow_ups {
            self.update(a);
        }
        self.collect_history_requests();
    }
}
