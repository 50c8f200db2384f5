//! The one app state and the one update function. Keys and mouse events become
//! Actions (through the keymap); `update` applies them: app-level ones here, the rest
//! to the open popup or the current pane. `render` is a pure function of this state.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{
    KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::action::Action;
use super::keymap::{Context, KeyCombo, Keymap};
use super::panes::Ctx;
use super::popups::{self, Outcome, Popup};
use super::tab::{Panes, Tab};
use super::theme::Theme;
use super::widgets::text;
use crate::workspace::edit::{self, AdrOp, History, Op};
use crate::workspace::links::LinkIndex;
use crate::workspace::reload::ReloadReport;
use crate::workspace::writer::Patch;
use crate::workspace::{Adr, AdrStatus, Reference, Workspace, WorkspaceError};
use std::path::PathBuf;

mod time;

/// Below this the app shows one line asking for a larger terminal.
pub const MIN_WIDTH: u16 = 30;
pub const MIN_HEIGHT: u16 = 6;
/// How far back Backspace can go.
const HISTORY_LIMIT: usize = 200;

/// Where the user was: a tab and the item selected there.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    pub tab: Tab,
    pub item: Option<Reference>,
}

/// A line for the status bar, until the next key.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

pub struct App {
    pub ws: Workspace,
    pub links: LinkIndex,
    pub theme: Theme,
    pub keymap: Keymap,
    pub panes: Panes,
    pub tab: Tab,
    pub popup: Option<Popup>,
    pub history: Vec<Place>,
    pub message: Option<Message>,
    pub quit: bool,
    /// Set by ctrl-z; the event loop, which owns the terminal, suspends and clears it.
    pub suspend: bool,
    /// Tab rectangles at the last render, for mouse clicks.
    tab_hits: Vec<(Rect, Tab)>,
    /// The session's committed edits, for undo and redo.
    pub edits: History,
    /// While a gesture is previewed: the op that puts the model back as the file has it.
    pub preview: Option<Op>,
    /// The last previewed op of the gesture: what is committed when the gesture ends early.
    pending: Option<Op>,
    /// The last frame was too small to draw the panes: keys other than quitting are ignored.
    too_small: bool,
    /// The prompt whose answer is being acted on: an edit refused for what was typed (not a
    /// number, a name taken) asks again with the text kept, so nothing typed is lost.
    answered: Option<popups::ask::Prompt>,
    /// Set by `e`: the file and line to open in the editor; the event loop, which owns the
    /// terminal, runs the editor and reloads.
    pub editor: Option<(std::path::PathBuf, u32)>,
    /// Set by `R` (and after `fg`): the event loop reads the workspace again in the background
    /// and hands it to `replace_workspace`.
    pub reload_requested: bool,
    /// Set when the cockpit shows a past revision (`wh --rev`): shown in the status bar, and
    /// every edit is refused.
    pub revision: Option<String>,
    /// The time slider's past version of a map, shown in place of the working tree's.
    past: Option<time::Past>,
    /// Git history the panes asked for, for the event loop to read off the UI thread.
    history_requests: Vec<super::git_history::HistoryRequest>,
}

impl App {
    pub fn new(ws: Workspace, theme: Theme, keymap: Keymap) -> App {
        let links = LinkIndex::build(&ws);
        let panes = Panes::new(&ws);
        // a decisions-only workspace opens where its content is
        let tab = Tab::shown(&ws)[0];
        App {
            ws,
            links,
            theme,
            keymap,
            panes,
            tab,
            popup: None,
            history: Vec::new(),
            message: None,
            quit: false,
            suspend: false,
            tab_hits: Vec::new(),
            edits: History::default(),
            preview: None,
            pending: None,
            answered: None,
            too_small: false,
            editor: None,
            reload_requested: false,
            revision: None,
            past: None,
            history_requests: Vec::new(),
        }
    }

    // ------------------------------------------------------------ events → actions

    /// The action a key press means here, through the keymap. ctrl-c always quits.
    pub fn on_key(&self, key: &KeyEvent) -> Option<Action> {
        if key.kind == KeyEventKind::Release {
            return None;
        }
        let combo = KeyCombo::from_event(key)?;
        if combo == KeyCombo::parse("ctrl-c").ok()? {
            return Some(Action::Quit);
        }
        let typed = match key.code {
            ratatui::crossterm::event::KeyCode::Char(c)
                if !key
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                Some(c)
            }
            _ => None,
        };
        let typing = match &self.popup {
            Some(p) => p.is_typing(),
            None => self.panes[self.tab].is_typing(),
        };
        if typing {
            return self
                .keymap
                .lookup(Context::Input, &combo)
                .or(typed.map(Action::Input));
        }
        if self.popup.is_some() {
            return self
                .keymap
                .lookup(Context::Popup, &combo)
                .or_else(|| self.keymap.lookup(Context::Global, &combo));
        }
        let own = self.tab.context();
        self.keymap
            .lookup(own, &combo)
            .or_else(|| self.keymap.lookup(Context::Pane, &combo))
            .or_else(|| self.keymap.lookup(Context::Global, &combo))
    }

    /// Handles one key press: through the keymap, then `update`. Over SSH an Esc followed
    /// quickly by a key arrives as Alt+key; when nothing is bound to that, it is taken as
    /// the two keys it was typed as.
    pub fn handle_key(&mut self, key: &KeyEvent) {
        // a screen too small to draw on shows nothing to act on: `d` then Enter would delete
        // through a confirmation never seen; only leaving works until it is enlarged
        if self.too_small {
            if let Some(a @ (Action::Quit | Action::Suspend)) = self.on_key(key) {
                self.update(a);
            }
            return;
        }
        if let Some(a) = self.on_key(key) {
            self.update(a);
            return;
        }
        if key.modifiers == KeyModifiers::ALT {
            if let ratatui::crossterm::event::KeyCode::Char(_) = key.code {
                let esc =
                    KeyEvent::new(ratatui::crossterm::event::KeyCode::Esc, KeyModifiers::NONE);
                let plain = KeyEvent::new(key.code, KeyModifiers::NONE);
                for k in [esc, plain] {
                    if let Some(a) = self.on_key(&k) {
                        self.update(a);
                    }
                }
            }
        }
    }

    pub fn on_mouse(&self, ev: &MouseEvent) -> Option<Action> {
        if self.too_small {
            return None;
        }
        match ev.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                col: ev.column,
                row: ev.row,
            }),
            MouseEventKind::Drag(MouseButton::Left) => Some(Action::Drag {
                col: ev.column,
                row: ev.row,
            }),
            MouseEventKind::Up(MouseButton::Left) => Some(Action::Release {
                col: ev.column,
                row: ev.row,
            }),
            MouseEventKind::ScrollUp => Some(Action::ScrollUp),
            MouseEventKind::ScrollDown => Some(Action::ScrollDown),
            _ => None,
        }
    }

    // ------------------------------------------------------------ update

    /// Applies one action (and the follow-up actions it produces).
    pub fn update(&mut self, action: Action) {
        let mut next = Some(action);
        // follow-ups are bounded: a pane answering with an action that answers again is a bug
        for _ in 0..8 {
            match next.take() {
                Some(a) => next = self.apply(a),
                None => break,
            }
        }
        // a prompt's answer has been acted on (or refused, and the prompt asked again)
        self.answered = None;
        self.collect_history_requests();
    }

    fn apply(&mut self, action: Action) -> Option<Action> {
        if !matches!(action, Action::Resize(..)) {
            self.message = None;
        }
        if action.edits() {
            if let Some(text) = self.read_only_reason() {
                self.say(text, true);
                return None;
            }
        }
        match action {
            Action::Quit => {
                self.finish_gesture();
                self.quit = true;
                return None;
            }
            Action::Undo => {
                self.undo(false);
                return None;
            }
            Action::Redo => {
                self.undo(true);
                return None;
            }
            Action::Edit(op) => {
                self.commit(op);
                return None;
            }
            Action::Preview(op) => {
                self.show_preview(op);
                return None;
            }
            Action::CancelPreview => {
                self.cancel_preview();
                return None;
            }
            Action::Ask(ask) => {
                self.popup = Some(Popup::ask(*ask));
                return None;
            }
            // the Impact map pane makes an impact map with it (it asks for the goal)
            Action::NewMap if self.tab != Tab::Impact => {
                self.popup = Some(Popup::ask(popups::ask::Ask::Prompt {
                    title: "New map: title".into(),
                    initial: String::new(),
                    then: popups::ask::Then::NewMap,
                }));
                return None;
            }
            Action::OpenEditor => {
                self.open_editor();
                return None;
            }
            Action::NextTab | Action::PrevTab | Action::GoTab(_) | Action::Follow(_)
                if self.preview.is_some() =>
            {
                // leaving the pane ends the gesture: what was shown is committed
                self.finish_gesture();
            }
            Action::Suspend => {
                self.suspend = true;
                return None;
            }
            Action::Reload => {
                self.reload_requested = true;
                self.message = Some(Message {
                    text: "reading the workspace again…".into(),
                    error: false,
                });
                return None;
            }
            Action::Resize(w, h) => {
                self.too_small = w < MIN_WIDTH || h < MIN_HEIGHT;
                return None;
            }
            Action::Complain(text) => {
                self.say(text, true);
                return None;
            }
            Action::ShowPast(past) => {
                self.show_past(past);
                return None;
            }
            Action::Follow(r) => {
                self.follow(&r);
                return None;
            }
            Action::Back => {
                self.back();
                return None;
            }
            Action::Click { col, row } => {
                if let Some(p) = &self.popup {
                    if !p.area().contains((col, row).into()) {
                        self.popup = None;
                        return None;
                    }
                } else if let Some((_, t)) = self
                    .tab_hits
                    .iter()
                    .find(|(r, _)| r.contains((col, row).into()))
                {
                    self.tab = *t;
                    return None;
                }
            }
            _ => {}
        }
        if let Some(popup) = self.popup.as_mut() {
            let ctx = Ctx {
                ws: &self.ws,
                links: &self.links,
                theme: &self.theme,
            };
            // the same key that opened a popup closes it
            let outcome = match (&action, &*popup) {
                (Action::Help, Popup::Help(_)) => Outcome::Close,
                (Action::Finder, Popup::Finder(f)) if !f.commands_only => Outcome::Close,
                (Action::Commands, Popup::Finder(f)) if f.commands_only => Outcome::Close,
                (Action::Diagnostics, Popup::Diagnostics(_)) => Outcome::Close,
                (Action::Help | Action::Finder | Action::Commands | Action::Diagnostics, _) => {
                    self.popup = None;
                    return Some(action);
                }
                (Action::NextTab | Action::PrevTab | Action::GoTab(_), _) => {
                    self.popup = None;
                    return Some(action);
                }
                _ => popup.update(&action, &ctx),
            };
            return match outcome {
                Outcome::Stay => None,
                Outcome::Close => {
                    self.popup = None;
                    None
                }
                Outcome::Run(a) => {
                    // kept until the edit it makes is done: a refusal asks again with the text
                    if let Some(Popup::Prompt(p)) = self.popup.take() {
                        self.answered = Some(p);
                    }
                    Some(a)
                }
            };
        }
        match action {
            Action::NextTab => self.tab = self.next_tab(true),
            Action::PrevTab => self.tab = self.next_tab(false),
            Action::GoTab(t) if Tab::shown(&self.ws).contains(&t) => self.tab = t,
            Action::InTab(tabs, inner) => {
                if !tabs.contains(&self.tab) {
                    match tabs.iter().find(|t| Tab::shown(&self.ws).contains(t)) {
                        Some(t) => self.tab = *t,
                        None => {
                            self.say("not in this workspace's panes".into(), true);
                            return None;
                        }
                    }
                }
                return Some(*inner);
            }
            Action::GoTab(t) => self.say(needs_workspace(t), true),
            Action::Help => self.popup = Some(Popup::Help(popups::help::Help::default())),
            Action::Finder | Action::Commands => {
                self.popup = Some(Popup::Finder(Box::new(popups::finder::Finder::new(
                    &self.ws,
                    &self.keymap,
                    action == Action::Commands,
                ))))
            }
            Action::Diagnostics => {
                self.popup = Some(Popup::Diagnostics(
                    popups::diagnostics::DiagnosticsList::default(),
                ))
            }
            other => {
                let ctx = Ctx {
                    ws: &self.ws,
                    links: &self.links,
                    theme: &self.theme,
                };
                return self.panes[self.tab].update(&other, &ctx);
            }
        }
        None
    }

    // ------------------------------------------------------------ edits

    /// Commits one edit through the core; the model is reloaded from what was written and
    /// the selection moves to what the edit made. A refusal leaves everything as it was.
    pub fn commit(&mut self, op: Op) {
        self.pending = None;
        let restore = self.preview.take();
        // superseding from the cockpit moves on to the successor (the record that stands now)
        let successor = match &op {
            Op::Adr(AdrOp::SetStatus {
                status: AdrStatus::Superseded,
                by: Some(by),
                ..
            }) => crate::workspace::adr_ref::target(&self.ws, by)
                .ok()
                .map(Adr::reference),
            _ => None,
        };
        match edit::apply(&self.ws, &op) {
            Ok(plan) => {
                let summary = plan.summary.clone();
                let focus = successor.or_else(|| plan.focus.clone());
                let written = plan.patch.clone();
                self.edits.record(plan);
                self.reread(&written, focus);
                self.say(summary, false);
            }
            Err(e) => {
                if let Some(back) = restore {
                    edit::preview(&mut self.ws, &back);
                }
                self.refused(e);
            }
        }
    }

    /// Says why an edit was refused; a file changed on disk is reloaded so the user sees it.
    fn refused(&mut self, e: WorkspaceError) {
        if let WorkspaceError::ChangedOnDisk { path } = &e {
            self.reread_paths(std::slice::from_ref(path));
        }
        let text = match &e {
            WorkspaceError::ChangedOnDisk { path } => format!(
                // what happened and what to do first: a narrow status bar cuts the end
                "not written, changed on disk: reloaded, repeat the edit ({})",
                path.display()
            ),
            other => other.to_string(),
        };
        if let (Some(prompt), WorkspaceError::Invalid(_)) = (self.answered.take(), &e) {
            self.popup = Some(Popup::Prompt(prompt));
        }
        self.say(text, true);
    }

    /// `u` / ctrl-r.
    fn undo(&mut self, redo: bool) {
        self.finish_gesture();
        let root = self.ws.root.clone();
        let result = if redo {
            self.edits.redo(&root)
        } else {
            self.edits.undo(&root)
        };
        match result {
            Ok(Some(entry)) => {
                // the edit's own words in quotes: `undone: adr:5 is now rejected` read as the
                // state the undo left
                let text = format!(
                    "{} \"{}\"",
                    if redo { "redid" } else { "undid" },
                    entry.summary
                );
                let focus = entry.focus.clone();
                // what was just committed: the step itself, or its inverse
                let written = if redo {
                    entry.patch.clone()
                } else {
                    entry.patch.inverse()
                };
                self.reread(&written, focus);
                self.say(text, false);
            }
            Ok(None) => {
                let what = if redo { "redo" } else { "undo" };
                self.say(format!("nothing to {what}"), false);
            }
            Err(WorkspaceError::ChangedOnDisk { path }) => {
                self.reread_paths(std::slice::from_ref(&path));
                self.say(
                    format!(
                        "cannot {}: {} changed on disk since that edit; not writing over it",
                        if redo { "redo" } else { "undo" },
                        path.display()
                    ),
                    true,
                );
            }
            Err(e) => self.say(e.to_string(), true),
        }
    }

    /// Shows a gesture's next step in the model (nothing written yet).
    fn show_preview(&mut self, op: Op) {
        if let Some(back) = edit::preview(&mut self.ws, &op) {
            if self.preview.is_none() {
                self.preview = Some(back);
            }
            self.pending = Some(op);
        }
    }

    /// Esc during a gesture: the model goes back to what the file holds.
    fn cancel_preview(&mut self) {
        self.pending = None;
        self.panes.iter_mut().for_each(|p| p.end_gesture());
        if let Some(back) = self.preview.take() {
            edit::preview(&mut self.ws, &back);
        }
    }

    /// Commits a gesture under way (quitting, leaving the pane, a signal): what the user saw
    /// is what is written.
    pub fn finish_gesture(&mut self) {
        self.panes.iter_mut().for_each(|p| p.end_gesture());
        if let Some(op) = self.pending.take() {
            self.commit(op);
        }
        self.preview = None;
    }

    /// Re-reads what an edit or an undo wrote (`written`, as committed: those files alone, a
    /// file it removed leaving quietly); every pane keeps its selection where the item still
    /// exists, and `focus` (what the edit made) is selected in the current pane.
    fn reread(&mut self, written: &Patch, focus: Option<Reference>) {
        let _ = self.restore_present();
        let selected = self.selections();
        if written.paths().is_empty() {
            self.ws = self.ws.reload();
        } else {
            self.ws.reload_written(written);
        }
        self.rebuild(selected);
        if let Some(f) = &focus {
            let ctx = Ctx {
                ws: &self.ws,
                links: &self.links,
                theme: &self.theme,
            };
            self.panes[self.tab].select_edited(f, &ctx);
        }
    }

    /// A file found changed when an edit was about to write it: read again, alone.
    fn reread_paths(&mut self, paths: &[PathBuf]) {
        let _ = self.restore_present();
        let selected = self.selections();
        self.ws.reload_paths(paths);
        self.rebuild(selected);
    }

    // ------------------------------------------------------------ reload

    /// Files changed on disk (the watcher): those are read again, alone; the panes are rebuilt
    /// with their selections kept, and the status bar says what was read. Files with the bytes
    /// the model already has (our own writes) change nothing.
    pub fn files_changed(&mut self, paths: &[PathBuf]) -> ReloadReport {
        let was_past = self.restore_present();
        let selected = self.selections();
        let report = self.ws.reload_paths(paths);
        if !report.is_empty() || was_past {
            let dropped = self.drop_gesture();
            self.rebuild(selected);
            self.message = Some(Message {
                text: format!("{}{dropped}", report.summary()),
                error: false,
            });
        }
        report
    }

    /// The workspace read again whole (`R`, after `fg`), in place of the one shown.
    pub fn replace_workspace(&mut self, ws: Workspace) {
        let _ = self.restore_present();
        let selected = self.selections();
        let dropped = self.drop_gesture();
        self.ws = ws;
        self.rebuild(selected);
        self.message = Some(Message {
            text: format!("reloaded the workspace{dropped}"),
            error: false,
        });
    }

    /// A gesture under way when the files are read again is put back: its preview lived in the
    /// model being replaced, and a move mode left on would move a position nobody sees. Returns
    /// what to add to the message.
    fn drop_gesture(&mut self) -> &'static str {
        if self.pending.is_none() && self.preview.is_none() {
            return "";
        }
        self.cancel_preview();
        "; the move under way was put back (m to start again)"
    }

    /// What each pane has selected, by reference: asked before the model changes, since panes
    /// answer through indices into the model they were made from.
    fn selections(&self) -> Vec<Option<Reference>> {
        let ctx = Ctx {
            ws: &self.ws,
            links: &self.links,
            theme: &self.theme,
        };
        self.panes.iter().map(|(_, p)| p.selected(&ctx)).collect()
    }

    /// Links and panes made again from the model (the panes hold indices into the old one),
    /// each pane's selection put back where the item still exists.
    fn rebuild(&mut self, selected: Vec<Option<Reference>>) {
        self.links = LinkIndex::build(&self.ws);
        let ctx = Ctx {
            ws: &self.ws,
            links: &self.links,
            theme: &self.theme,
        };
        for (t, item) in Tab::ALL.into_iter().zip(selected) {
            if self.panes[t].refresh(item.as_ref(), &ctx) {
                continue;
            }
            let mut fresh = Panes::make(t, &self.ws);
            if let Some(item) = &item {
                fresh.reveal(item, &ctx);
            }
            self.panes[t] = fresh;
        }
        self.collect_history_requests();
    }

    /// SIGTERM, SIGHUP, SIGINT or SIGQUIT: the process is about to leave. Whatever is pending is
    /// finished here before the terminal is given back (the edit engine commits a pending preview
    /// here); the loop calls it before it exits with 128 + n.
    pub fn on_terminate(&mut self) {
        self.finish_gesture();
        self.quit = true;
    }

    fn say(&mut self, text: String, error: bool) {
        self.message = Some(Message { text, error });
    }

    /// Back from the editor: the file is read again and its problems counted.
    pub fn editor_done(&mut self, path: &std::path::Path, result: std::io::Result<String>) {
        let shown = crate::text::inert(&path.display().to_string()).into_owned();
        self.files_changed(&[path.to_path_buf()]);
        let text = match result {
            Err(e) => return self.say(e.to_string(), true),
            Ok(_) => {
                let rel = path.strip_prefix(&self.ws.root).unwrap_or(path);
                let n = self.ws.diagnostics.iter().filter(|d| d.file == rel).count();
                match n {
                    0 => (format!("{shown}: reloaded, no problems"), false),
                    n => (
                        format!(
                            "{shown}: {} (! lists them)",
                            crate::text::count(n, "problem")
                        ),
                        true,
                    ),
                }
            }
        };
        self.say(text.0, text.1);
    }

    /// `e`: the selected item's file and line for the editor.
    fn open_editor(&mut self) {
        self.finish_gesture();
        let Some(item) = self.selected_item() else {
            self.say("nothing selected to edit".into(), true);
            return;
        };
        let origin = self.ws.resolve(&item).map(|t| t.origin());
        match origin.and_then(|o| Some((self.ws.file_path(o.file)?.to_path_buf(), o.line))) {
            Some((rel, line)) => self.editor = Some((self.ws.root.join(rel), line)),
            None => self.say(format!("{item}: no file to open"), true),
        }
    }

    /// The item selected in the current pane.
    pub fn selected_item(&self) -> Option<Reference> {
        let ctx = Ctx {
            ws: &self.ws,
            links: &self.links,
            theme: &self.theme,
        };
        self.panes[self.tab].selected(&ctx)
    }

    /// Shows `target` in the pane that accepts it, remembering where we were.
    pub fn follow(&mut self, target: &Reference) {
        let ctx = Ctx {
            ws: &self.ws,
            links: &self.links,
            theme: &self.theme,
        };
        let here = Place {
            tab: self.tab,
            item: self.panes[self.tab].selected(&ctx),
        };
        let shown = Tab::shown(&self.ws);
        let preferred = Tab::showing(target.kind);
        if !shown.contains(&preferred) {
            let text = format!("{target}: {}", needs_workspace(preferred));
            self.say(text, true);
            return;
        }
        let order =
            std::iter::once(preferred).chain(shown.iter().copied().filter(|t| *t != preferred));
        for t in order {
            if self.panes[t].reveal(target, &ctx) {
                self.history.push(here);
                if self.history.len() > HISTORY_LIMIT {
                    self.history.remove(0);
                }
                self.tab = t;
                self.popup = None;
                return;
            }
        }
        self.message = Some(Message {
            text: format!("{target}: not found in this workspace"),
            error: true,
        });
    }

    /// Goes back to where the last followed link was taken from.
    pub fn back(&mut self) {
        let Some(place) = self.history.pop() else {
            self.message = Some(Message {
                text: "nothing to go back to".into(),
                error: false,
            });
            return;
        };
        if Tab::shown(&self.ws).contains(&place.tab) {
            self.tab = place.tab;
        }
        if let Some(item) = &place.item {
            let ctx = Ctx {
                ws: &self.ws,
                links: &self.links,
                theme: &self.theme,
            };
            self.panes[self.tab].reveal(item, &ctx);
        }
    }

    // ------------------------------------------------------------ render

    pub fn render(&mut self, area: Rect, buf: &mut Buffer) {
        buf.set_style(area, self.theme.base);
        self.too_small = area.width < MIN_WIDTH || area.height < MIN_HEIGHT;
        if self.too_small {
            let msg = format!("enlarge the terminal (need {MIN_WIDTH}×{MIN_HEIGHT})");
            Paragraph::new(msg)
                .wrap(ratatui::widgets::Wrap { trim: true })
                .render(area, buf);
            self.tab_hits.clear();
            self.theme.enforce(buf);
            return;
        }
        let tabs = Rect { height: 1, ..area };
        let status = Rect {
            y: area.y + area.height - 1,
            height: 1,
            ..area
        };
        let body = Rect {
            y: area.y + 1,
            height: area.height - 2,
            ..area
        };
        self.render_tabs(tabs, buf);
        let ctx = Ctx {
            ws: &self.ws,
            links: &self.links,
            theme: &self.theme,
        };
        self.panes[self.tab].render(body, buf, &ctx);
        if let Some(p) = self.popup.as_mut() {
            p.render(body, buf, &ctx, &self.keymap);
        }
        self.render_status(status, buf);
        self.theme.enforce(buf);
    }

    fn render_tabs(&mut self, area: Rect, buf: &mut Buffer) {
        let theme = &self.theme;
        buf.set_style(area, theme.tab_inactive);
        let shown = Tab::shown(&self.ws);
        let long: Vec<String> = shown
            .iter()
            .map(|t| format!(" {} {} ", t.number(), self.panes[*t].title()))
            .collect();
        let full: usize = long.iter().map(|s| text::width(s)).sum::<usize>() + 12;
        let labels: Vec<String> = if full <= area.width as usize {
            long
        } else {
            // compact: the number and the first word cut short
            shown
                .iter()
                .map(|t| {
                    let title: String = self.panes[*t].title().chars().take(4).collect();
                    format!(" {} {} ", t.number(), title)
                })
                .collect()
        };
        let mut spans = Vec::new();
        let brand = if full <= area.width as usize {
            " wheelhouse "
        } else {
            ""
        };
        spans.push(Span::styled(brand, theme.accent));
        let mut x = area.x + text::width(brand) as u16;
        self.tab_hits.clear();
        for (t, l) in shown.iter().zip(&labels) {
            let w = text::width(l) as u16;
            let style = if *t == self.tab {
                theme.tab_active
            } else {
                theme.tab_inactive
            };
            self.tab_hits.push((
                Rect {
                    x,
                    y: area.y,
                    width: w.min((area.x + area.width).saturating_sub(x)),
                    height: 1,
                },
                *t,
            ));
            spans.push(Span::styled(l.clone(), style));
            spans.push(Span::styled("│", theme.border));
            x += w + 1;
        }
        if shown.len() < Tab::ALL.len() {
            // the hidden tabs, said once where the user looks for them
            let room = (area.x + area.width).saturating_sub(x) as usize;
            let note = [
                " decisions only: `wh init` adds a flywheel, impact maps and maps",
                " decisions only: `wh init` adds the other tabs",
                " decisions only",
            ]
            .into_iter()
            .find(|n| text::width(n) <= room)
            .unwrap_or("");
            spans.push(Span::styled(note, theme.muted));
        }
        Paragraph::new(Line::from(spans)).render(area, buf);
    }

    /// The next (or previous) of the shown tabs, round.
    fn next_tab(&self, forward: bool) -> Tab {
        let shown = Tab::shown(&self.ws);
        let n = shown.len();
        let here = shown.iter().position(|t| *t == self.tab).unwrap_or(0);
        shown[(here + if forward { 1 } else { n - 1 }) % n]
    }

    fn render_status(&self, area: Rect, buf: &mut Buffer) {
        let theme = &self.theme;
        buf.set_style(area, theme.status_bar);
        let name = if self.ws.meta.name.is_empty() {
            self.ws
                .root
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        } else {
            self.ws.meta.name.clone()
        };
        // a wide screen shows more of the name
        let cells = if area.width >= 140 { 48 } else { 24 };
        let name = match self.revision.as_deref().or(self.past_label()) {
            // a message gets the room: the name and revision shrink to what identifies them
            Some(rev) => {
                let cells = if self.message.is_some() { 12 } else { cells };
                format!(
                    " {} @ {} ",
                    text::truncate(&text::safe(&name), cells),
                    text::truncate(&text::safe(rev), cells)
                )
            }
            None => format!(" {} ", text::truncate(&text::safe(&name), cells)),
        };
        let diags = &self.ws.diagnostics;
        let errors = diags.iter().filter(|d| d.is_error()).count();
        let warnings = diags.len() - errors;
        let (right, right_style) = match &self.message {
            Some(m) => (
                format!(" {} ", text::safe(&m.text)),
                if m.error { theme.error } else { theme.base },
            ),
            None if diags.is_empty() => (" ✓ no problems ".to_string(), theme.status_bar),
            None => {
                let key = self
                    .keymap
                    .keys(Context::Global, "diagnostics")
                    .first()
                    .map(|k| format!("{k} "))
                    .unwrap_or_default();
                (
                    format!(
                        " {key}{} {} ",
                        crate::text::count(errors, "error"),
                        crate::text::count(warnings, "warning")
                    ),
                    if errors > 0 {
                        theme.status_bar.patch(theme.error)
                    } else {
                        theme.status_bar.patch(theme.warning)
                    },
                )
            }
        };
        // `? help` is always in sight: its room is kept before the message and the other hints
        let help = self
            .keymap
            .keys_anywhere("help")
            .first()
            .map(|k| format!(" {k} help "))
            .unwrap_or_default();
        let width = area.width as usize;
        let keep = text::width(&name) + text::width(&help);
        let right = text::truncate(&right, width.saturating_sub(8.max(keep))).into_owned();
        let room = width.saturating_sub(text::width(&name) + text::width(&right));
        let mut hints = String::new();
        let mut help_shown = help.is_empty();
        // what cannot be done now is not offered: edits at a past revision, `back` before a
        // link was followed
        let read_only = self.read_only_reason().is_some();
        let skip = |a: &Action| {
            (read_only && a.edits()) || (*a == Action::Back && self.history.is_empty())
        };
        for (key, what) in self.keymap.hints(self.tab.key(), &skip) {
            let h = format!(" {key} {what} ");
            let is_help = h == help;
            let reserved = if help_shown || is_help {
                0
            } else {
                text::width(&help)
            };
            if text::width(&hints) + text::width(&h) + reserved > room {
                break;
            }
            help_shown |= is_help;
            hints.push_str(&h);
        }
        if !help_shown && text::width(&hints) + text::width(&help) <= room {
            hints.push_str(&help);
        }
        let pad = room.saturating_sub(text::width(&hints));
        let line = Line::from(vec![
            Span::styled(name, theme.status_bar.patch(theme.title)),
            Span::styled(hints, theme.status_bar),
            Span::styled(" ".repeat(pad), theme.status_bar),
            Span::styled(right, right_style),
        ]);
        Paragraph::new(line)
            .style(Style::default())
            .render(area, buf);
    }
}

/// What a tab hidden in decisions-only mode says when asked for.
fn needs_workspace(tab: Tab) -> String {
    format!("{} needs a workspace: `wh init` makes one", tab.title())
}
