//! The four panes. Each owns its view state, turns the Actions it gets into
//! state changes, and renders itself from that state (no I/O while rendering).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::action::Action;
use super::git_history::{HistoryAnswer, HistoryRequest};
use super::theme::Theme;
use crate::workspace::links::LinkIndex;
use crate::workspace::{Reference, Workspace};

/// What a pane can see while it updates or renders.
pub struct Ctx<'a> {
    pub ws: &'a Workspace,
    pub links: &'a LinkIndex,
    pub theme: &'a Theme,
}

pub trait Pane {
    /// Tab title.
    fn title(&self) -> &'static str;

    /// Applies an action the app did not handle. May answer with a follow-up action
    /// for the app (typically `Action::Follow(reference)` when Enter is pressed on a link).
    fn update(&mut self, action: &Action, ctx: &Ctx) -> Option<Action>;

    /// Draws the pane into `area`. `&mut self` only for render-time view bookkeeping
    /// (scroll offsets, hit-test rectangles); never I/O.
    fn render(&mut self, area: Rect, buf: &mut Buffer, ctx: &Ctx);

    /// Moves the selection to `target` if this pane shows it; false when it does not.
    fn reveal(&mut self, target: &Reference, ctx: &Ctx) -> bool;

    /// Selects what an edit made or changed (`target`) after the model was read again, where
    /// the keys were: a pane whose `reveal` opens the item (moves the focus to its detail)
    /// keeps its focus here. Defaults to `reveal`.
    fn select_edited(&mut self, target: &Reference, ctx: &Ctx) -> bool {
        self.reveal(target, ctx)
    }

    /// The reference of the selected item, for history and backlinks.
    fn selected(&self, ctx: &Ctx) -> Option<Reference>;

    /// A gesture under way ended outside the pane (committed or put back by the app).
    fn end_gesture(&mut self) {}

    /// Is the pane capturing text (a `/` filter being typed)? Then keys go to it as `Input`.
    fn is_typing(&self) -> bool {
        false
    }

    /// The workspace was read again (live reload): the pane makes itself anew from `ctx.ws`,
    /// keeping what the user set up (a filter, the focus) and selecting `selected` where it
    /// still exists. False (the default) when it cannot: the app then makes a new pane and
    /// reveals `selected` in it.
    fn refresh(&mut self, _selected: Option<&Reference>, _ctx: &Ctx) -> bool {
        false
    }

    /// Git history the pane needs and has not asked for yet (the app polls this after each
    /// update and has it read off the UI thread).
    fn history_wanted(&mut self) -> Vec<HistoryRequest> {
        Vec::new()
    }

    /// The answer to one of those requests; may answer with an action (a step of the time
    /// slider that waited for it).
    fn history_arrived(
        &mut self,
        _request: &HistoryRequest,
        _answer: &HistoryAnswer,
        _ctx: &Ctx,
    ) -> Option<Action> {
        None
    }
}

pub mod decisions;
pub mod flywheel;
pub mod impact;
pub mod landscape;
