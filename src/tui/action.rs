//! Every thing the user can ask for. Keys map to these through the one keymap
//! (`keymap.rs`); the one update function (`app.rs`) applies them. Panes
//! receive the ones the app does not handle itself.
//!
//! Each action is written once, in the `actions!` table below: its variant, and for one a key
//! can be bound to, its keymap name, its help text and (optionally) the short word the status
//! bar uses. The keymap, help, the command finder and the config check all read `BINDABLE`, so
//! adding an action is one line here plus its keys in `default-keymap.toml`.

use crate::workspace::edit::Op;
use crate::workspace::Reference;

use super::keymap::Context;
use super::popups::ask::Ask;
use super::tab::Tab;

/// One action a key can be bound to, as the keymap file and help name it.
#[derive(Debug, Clone, PartialEq)]
pub struct Bindable {
    pub action: Action,
    /// The name in the keymap file (`cycle-status-filter`).
    pub name: &'static str,
    /// What help and the command finder say about it.
    pub help: &'static str,
    /// The status bar's word for it, when shorter than `help`.
    pub short: Option<&'static str>,
}

impl Bindable {
    /// The status bar's word: the short one, or the help text.
    pub fn short(&self) -> &'static str {
        self.short.unwrap_or(self.help)
    }

    /// What help says about it among `ctx`'s keys: a pane's own words where the pane does
    /// something of its own with the action, else `help`.
    pub fn help_in(&self, ctx: Context) -> &'static str {
        IN_CONTEXT
            .iter()
            .find(|(c, name, _)| *c == ctx && *name == self.name)
            .map_or(self.help, |(_, _, help)| help)
    }
}

/// Actions that each pane with a key for them does differently: one action, one key name, but
/// `n` links a component to what it needs in the Landscape and a deliverable to a decision in
/// the Impact map, so help says what the key does where it is listed. Each is at most 49
/// cells, what help has beside the keys in an 80-column terminal.
#[rustfmt::skip]
const IN_CONTEXT: &[(Context, &str, &str)] = &[
    (Context::Landscape, "link", "Link: pick what the component needs"),
    (Context::Landscape, "unlink", "Unlink one of the component's needs"),
    (Context::Impact, "link", "Link the deliverable to an ADR, metric, component"),
    (Context::Impact, "unlink", "Remove one of the deliverable's links"),
    (Context::Impact, "cycle-status", "Next status of the deliverable"),
    (Context::Impact, "new-map", "New impact map (asks for the goal)"),
    (Context::Decisions, "link", "Link the record to an item, or remove a link"),
    (Context::Flywheel, "cycle-status", "Next status of the phase"),
];

/// Declares `Action` and `BINDABLE` from one list. An entry is a variant (with its fields, if
/// any), then, for a bindable one, `= "name", "help"` (and `, short "word"`), or for a
/// data-carrying variant bound once per value, `for [value => "name", "help"; …]`.
macro_rules! actions {
    ($(
        $(#[$meta:meta])*
        $variant:ident
        $( ( $($field_ty:ty),+ ) )?
        $( { $($field:ident : $struct_ty:ty),+ $(,)? } )?
        $( = $name:literal, $help:literal $(, short $short:literal)? )?
        $( for [ $( $value:expr => $value_name:literal, $value_help:literal ; )+ ] )?
        ;
    )*) => {
        #[derive(Debug, Clone, PartialEq)]
        pub enum Action {
            $(
                $(#[$meta])*
                $variant $( ( $($field_ty),+ ) )? $( { $($field : $struct_ty),+ } )?,
            )*
        }

        /// Every action that can be bound to a key, in the order help lists them.
        pub const BINDABLE: &[Bindable] = &[
            $(
                $( Bindable {
                    action: Action::$variant,
                    name: $name,
                    help: $help,
                    short: actions!(@short $($short)?),
                }, )?
                $( $( Bindable {
                    action: Action::$variant($value),
                    name: $value_name,
                    help: $value_help,
                    short: None,
                }, )+ )?
            )*
        ];
    };
    (@short $short:literal) => { Some($short) };
    (@short) => { None };
}

actions! {
    // ---- app
    Quit = "quit", "Quit", short "quit";
    /// ctrl-z: give the terminal back to the shell until `fg`, as every terminal program does.
    Suspend = "suspend", "Suspend to the shell (fg returns)";
    NextTab = "next-tab", "Next tab";
    PrevTab = "prev-tab", "Previous tab";
    GoTab(Tab) for [
        Tab::Flywheel => "tab-1", "Flywheel tab";
        Tab::Impact => "tab-2", "Impact map tab";
        Tab::Decisions => "tab-3", "Decisions tab";
        Tab::Landscape => "tab-4", "Landscape tab";
    ];
    Help = "help", "Help (this list)", short "help";
    /// ctrl-k: fuzzy finder over everything.
    Finder = "finder", "Find anything", short "find";
    /// `:`: the finder restricted to commands.
    Commands = "commands", "Run a command", short "commands";
    /// `!`: the diagnostics list.
    Diagnostics = "diagnostics", "Diagnostics list", short "problems";
    /// Esc: close the top popup, clear a filter.
    Cancel = "cancel", "Close popup / clear filter";
    /// Backspace / ctrl-o: back along the link history.
    Back = "back", "Back along followed links", short "back";
    /// Jump to an item (following a link, a finder hit or a diagnostic).
    Follow(Reference);
    /// A command from the finder that only some panes' keys carry (the Landscape's time
    /// slider): run where it is, else in the first of those panes, switched to.
    InTab(Vec<Tab>, Box<Action>);
    Resize(u16, u16);

    // ---- movement, shared by every pane and list
    Up = "up", "Up";
    Down = "down", "Down";
    Left = "left", "Left", short "prev";
    Right = "right", "Right", short "next";
    PageUp = "page-up", "Page up";
    PageDown = "page-down", "Page down";
    Top = "top", "Top";
    Bottom = "bottom", "Bottom";
    /// Enter: open / follow the selected link.
    Select = "select", "Open / follow link", short "open";
    /// Tab inside a pane: move focus between its list and its detail panel.
    FocusNext = "focus-next", "Switch list / detail";

    // ---- pane commands
    /// `/`: start filtering the current list.
    Filter = "filter", "Filter the list", short "filter";
    /// `s`: cycle the status filter (Decisions).
    CycleStatusFilter = "cycle-status-filter", "Cycle status filter", short "status";
    /// `]` / `[`: next / previous document (map, impact map).
    NextDoc = "next-doc", "Next map / newer in chain", short "next";
    PrevDoc = "prev-doc", "Previous map / older in chain", short "prev";
    /// Space / `z`: fold or unfold a tree node.
    ToggleFold = "toggle-fold", "Fold / unfold", short "fold";
    /// `t`: switch a pane between its two views (Landscape grid/table).
    ToggleView = "toggle-view", "Switch view (grid / table)", short "view";
    /// Landscape `s`: the table's order: value chain, evolution, name (shows the table).
    CycleSort = "cycle-sort", "Sort the table: value chain / evolution / name";
    ZoomIn = "zoom-in", "Zoom in", short "zoom+";
    ZoomOut = "zoom-out", "Zoom out", short "zoom-";
    /// H J K L (shift): pan the viewport.
    PanLeft = "pan-left", "Pan left";
    PanRight = "pan-right", "Pan right";
    PanUp = "pan-up", "Pan up";
    PanDown = "pan-down", "Pan down";
    /// `0`: reset zoom and pan.
    ResetView = "reset-view", "Reset zoom and pan";

    // ---- text input (filter, finder)
    Input(char);
    DeleteChar = "delete-char", "Delete a character";

    // ---- mouse wheel (bindable, so a terminal sending them as keys works too)
    ScrollUp = "scroll-up", "Scroll up";
    ScrollDown = "scroll-down", "Scroll down";

    // ---- editing (the Landscape first; every edit goes through the core's edit engine)
    /// `u`: undo the last edit (on disk at once).
    Undo = "undo", "Undo the last edit", short "undo";
    /// ctrl-r: redo the last undone edit.
    Redo = "redo", "Redo the last undone edit";
    /// `e`: open the selected item's file in $VISUAL / $EDITOR at its line.
    OpenEditor = "open-editor", "Open the item in $EDITOR";
    /// `:` new map: asks for a title.
    NewMap = "new-map", "New map";
    /// `m`: move mode (h/l along evolution, j/k along visibility, Shift for bigger steps).
    MoveMode = "move-mode", "Move the component (h/l j/k, Enter)", short "move";
    /// `a` / `A`: add a component / an anchor next to the selection.
    AddComponent = "add-component", "Add a component", short "add";
    AddAnchor = "add-anchor", "Add an anchor";
    /// `r`: rename the selected item.
    Rename = "rename", "Rename";
    /// `d`: delete the selected item (asks first).
    Delete = "delete", "Delete (asks first)";
    /// `n` (`L` in Decisions): link the selected item to another; each pane says how in
    /// `IN_CONTEXT`.
    Link = "link", "Link to another item", short "link";
    /// `N`: remove one of the selected item's links.
    Unlink = "unlink", "Remove a link";
    /// `i`: inertia on / off.
    ToggleInertia = "toggle-inertia", "Inertia on / off";
    /// `>`: set or move the evolve target (h/l, Enter).
    Evolve = "evolve", "Set the evolve target (h/l, Enter)";
    /// `<`: clear the evolve target.
    ClearEvolve = "clear-evolve", "Clear the evolve target";
    /// `b`: cycle sourcing build → buy → outsource → market → ecosystem → none.
    CycleSourcing = "cycle-sourcing", "Cycle sourcing";
    /// `p`: make the selected component a pipeline, or stop it being one.
    TogglePipeline = "toggle-pipeline", "Make / unmake a pipeline";
    /// `P`: put the selected component into a pipeline, or take it out.
    PipelineMember = "pipeline-member", "Put into / take out of a pipeline";
    /// `o`: add a note next to the selection.
    AddNote = "add-note", "Add a note";
    /// `@`: add a numbered annotation next to the selection.
    Annotate = "annotate", "Add an annotation";
    /// `O`: the map's notes and annotations: edit, move, delete.
    Notes = "notes", "Notes and annotations";

    // ---- strategy over time (the Landscape, from git history)
    /// `T`: each component's trail of past positions on / off.
    ToggleTrails = "toggle-trails", "Trails: past positions from git";
    /// `,` / `.`: the whole map one commit back / forward (the time slider).
    TimeBack = "time-back", "Map one commit back (time slider)";
    TimeForward = "time-forward", "Map one commit forward";
    /// `;`: back to the working tree (from the time slider or the diff view).
    TimePresent = "time-present", "Back to the working tree";
    /// `D`: the map against a revision (asks which).
    DiffView = "diff-view", "Diff the map against a revision";
    /// The diff view against this revision (the prompt's answer).
    DiffAgainst(String);
    /// A line for the status bar saying what could not be done (a revision that names no
    /// commit), from a pane that learns it only when an answer arrives.
    Complain(String);
    /// A past version of a map shown in place of the working tree's, read-only (None: the
    /// working tree's again).
    ShowPast(Option<crate::tui::git_history::PastMap>);

    /// Decisions `n`: a new record (asks for the title).
    NewRecord = "new-record", "New decision record";
    /// Decisions `S`: the status picker (superseded asks for the successor).
    SetStatus = "set-status", "Set the status (superseded: pick the successor)";
    /// Decisions `t`: the tags, comma separated.
    EditTags = "tags", "Edit the tags";
    /// Decisions `c`: mark the chosen option.
    ChooseOption = "choose-option", "Mark the chosen option";
    /// Impact map `a`: add a child one level down (actor, impact, deliverable).
    AddChild = "add-child", "Add a child";
    /// Impact map `o`: add a sibling of the selected node.
    AddSibling = "add-sibling", "Add a sibling";
    /// Impact map `s`: the next status of a deliverable.
    CycleStatus = "cycle-status", "Next status";
    /// Impact map `x`: an impact supports or obstructs the goal.
    ToggleDirection = "toggle-direction", "Supports / obstructs the goal";
    /// `K` / `J`: one place up / down among its siblings (file order).
    MoveUp = "move-up", "Move up among its siblings";
    MoveDown = "move-down", "Move down among its siblings";
    /// Impact map `m`: move the node under another parent (a picker).
    Reparent = "reparent", "Move under another parent";
    /// Impact map `v`: the goal's measure (baseline, current, target, deadline…).
    EditMeasure = "edit-measure", "Edit the goal's measure";
    /// Flywheel `r`: record a metric sample (today).
    RecordSample = "record-sample", "Record a metric sample";
    /// Flywheel `c` / `m`: the phase's challenges / next moves: add, edit, reorder, remove.
    EditChallenges = "edit-challenges", "Edit the challenges";
    EditMoves = "edit-moves", "Edit the next moves";
    /// Flywheel `W`: score the tenets, then actions and notes: a new review.
    NewReview = "new-review", "New review (score the tenets)";
    /// Flywheel `E`: edit the selected metric, pillar, value stream or review.
    EditSelected = "edit-selected", "Edit the selected item";
    /// Commit one edit (what the panes and popups answer with).
    Edit(Op);
    /// Show an edit in the model without writing it (a gesture under way).
    Preview(Op);
    /// Put back what the previews changed (Esc during a gesture).
    CancelPreview;
    /// Open a prompt, a confirmation or a picker.
    Ask(Box<Ask>);
    /// A pane asks for a note to be moved with the keys (from the notes list).
    MoveNote(usize);

    // ---- text input cursor (every prompt, the filter, the finder)
    CursorLeft = "cursor-left", "Cursor left";
    CursorRight = "cursor-right", "Cursor right";
    CursorHome = "cursor-home", "Cursor to the start";
    CursorEnd = "cursor-end", "Cursor to the end";
    WordLeft = "word-left", "Word left";
    WordRight = "word-right", "Word right";
    DeleteWord = "delete-word", "Delete the word before";
    DeleteToStart = "delete-to-start", "Delete to the start";
    DeleteForward = "delete-forward", "Delete the character under";
    /// Text pasted (bracketed paste).
    Paste(String);

    // ---- mouse
    Click { col: u16, row: u16 };
    /// The left button moved while held (a drag).
    Drag { col: u16, row: u16 };
    /// The left button let go.
    Release { col: u16, row: u16 };

    // ---- live reload
    /// `R`: read the workspace again from disk.
    Reload = "reload", "Read the workspace again from disk";
}

impl Action {
    /// Whether this changes files or starts a gesture that will: refused up front where the
    /// cockpit is read-only (`--rev`, the time slider), not after the user has done the work.
    pub fn edits(&self) -> bool {
        use Action::*;
        matches!(
            self,
            Edit(_)
                | Preview(_)
                | Undo
                | Redo
                | OpenEditor
                | NewMap
                | MoveMode
                | AddComponent
                | AddAnchor
                | Rename
                | Delete
                | Link
                | Unlink
                | ToggleInertia
                | Evolve
                | ClearEvolve
                | CycleSourcing
                | TogglePipeline
                | PipelineMember
                | AddNote
                | Annotate
                | MoveNote(_)
                | NewRecord
                | SetStatus
                | EditTags
                | ChooseOption
                | AddChild
                | AddSibling
                | CycleStatus
                | ToggleDirection
                | MoveUp
                | MoveDown
                | Reparent
                | EditMeasure
                | RecordSample
                | EditChallenges
                | EditMoves
                | NewReview
                | EditSelected
        )
    }

    /// The bindable action the keymap file calls `name`.
    pub fn by_name(name: &str) -> Option<Action> {
        BINDABLE
            .iter()
            .find(|b| b.name == name)
            .map(|b| b.action.clone())
    }

    /// Its keymap name (None for the ones that carry data from events).
    pub fn name(&self) -> Option<&'static str> {
        BINDABLE.iter().find(|b| b.action == *self).map(|b| b.name)
    }
}
