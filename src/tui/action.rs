//! Every thing the user can ask for. Keys map to these through the one keymap
//! (`keymap.rs`); the one update function (`app.rs`) applies them. Panes
//! receive the ones the app does not handle itself.

use crate::workspace::edit::Op;
use crate::workspace::Reference;

use super::popups::ask::Ask;

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    // ---- app
    Quit,
    /// ctrl-z: give the terminal back to the shell until `fg`, as every terminal program does.
    Suspend,
    NextTab,
    PrevTab,
    GoTab(usize),
    Help,
    /// ctrl-k: fuzzy finder over everything.
    Finder,
    /// `:`: the finder restricted to commands.
    Commands,
    /// `!`: the diagnostics list.
    Diagnostics,
    /// Esc: close the top popup, clear a filter.
    Cancel,
    /// Backspace / ctrl-o: back along the link history.
    Back,
    /// Jump to an item (following a link, a finder hit or a diagnostic).
    Follow(Reference),
    Resize(u16, u16),

    // ---- movement, shared by every pane and list
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Top,
    Bottom,
    /// Enter: open / follow the selected link.
    Select,
    /// Tab inside a pane: move focus between its list and its detail panel.
    FocusNext,

    // ---- pane commands
    /// `/`: start filtering the current list.
    Filter,
    /// `s`: cycle the status filter (Decisions) .
    CycleStatusFilter,
    /// `]` / `[`: next / previous document (map, impact map).
    NextDoc,
    PrevDoc,
    /// Space / `z`: fold or unfold a tree node.
    ToggleFold,
    /// `t`: switch a pane between its two views (Landscape grid/table).
    ToggleView,
    ZoomIn,
    ZoomOut,
    /// H J K L (shift): pan the viewport.
    PanLeft,
    PanRight,
    PanUp,
    PanDown,
    /// `0`: reset zoom and pan.
    ResetView,

    // ---- text input (filter, finder)
    Input(char),
    DeleteChar,

    // ---- editing (the Landscape first; every edit goes through the core's edit engine)
    /// `u`: undo the last edit (on disk at once).
    Undo,
    /// ctrl-r: redo the last undone edit.
    Redo,
    /// `e`: open the selected item's file in $VISUAL / $EDITOR at its line.
    OpenEditor,
    /// `:` new map: asks for a title.
    NewMap,
    /// `m`: move mode (h/l along evolution, j/k along visibility, Shift for bigger steps).
    MoveMode,
    /// `a` / `A`: add a component / an anchor next to the selection.
    AddComponent,
    AddAnchor,
    /// `r`: rename the selected item.
    Rename,
    /// `d`: delete the selected item (asks first).
    Delete,
    /// `n`: link: pick what the selected component needs.
    Link,
    /// `N`: unlink: pick one of its needs to drop.
    Unlink,
    /// `i`: inertia on / off.
    ToggleInertia,
    /// `>`: set or move the evolve target (h/l, Enter).
    Evolve,
    /// `<`: clear the evolve target.
    ClearEvolve,
    /// `b`: cycle sourcing build → buy → outsource → market → ecosystem → none.
    CycleSourcing,
    /// `p`: make the selected component a pipeline, or stop it being one.
    TogglePipeline,
    /// `P`: put the selected component into a pipeline, or take it out.
    PipelineMember,
    /// `o`: add a note next to the selection.
    AddNote,
    /// `@`: add a numbered annotation next to the selection.
    Annotate,
    /// `O`: the map's notes and annotations: edit, move, delete.
    Notes,
    /// Decisions `n`: a new record (asks for the title).
    NewRecord,
    /// Decisions `S`: the status picker (superseded asks for the successor).
    SetStatus,
    /// Decisions `t`: the tags, comma separated.
    EditTags,
    /// Decisions `c`: mark the chosen option.
    ChooseOption,
    /// Impact map `a`: add a child one level down (actor, impact, deliverable).
    AddChild,
    /// Impact map `o`: add a sibling of the selected node.
    AddSibling,
    /// Impact map `s`: the next status of a deliverable.
    CycleStatus,
    /// Impact map `x`: an impact supports or obstructs the goal.
    ToggleDirection,
    /// `K` / `J`: one place up / down among its siblings (file order).
    MoveUp,
    MoveDown,
    /// Impact map `m`: move the node under another parent (a picker).
    Reparent,
    /// Impact map `v`: the goal's measure (baseline, current, target, deadline…).
    EditMeasure,
    /// Flywheel `r`: record a metric sample (today).
    RecordSample,
    /// Flywheel `c` / `m`: the phase's challenges / next moves: add, edit, reorder, remove.
    EditChallenges,
    EditMoves,
    /// Flywheel `W`: score the tenets, then actions and notes: a new review.
    NewReview,
    /// Flywheel `E`: edit the selected metric, pillar, value stream or review.
    EditSelected,
    /// Commit one edit (what the panes and popups answer with).
    Edit(Op),
    /// Show an edit in the model without writing it (a gesture under way).
    Preview(Op),
    /// Put back what the previews changed (Esc during a gesture).
    CancelPreview,
    /// Open a prompt, a confirmation or a picker.
    Ask(Box<Ask>),
    /// A pane asks for a note to be moved with the keys (from the notes list).
    MoveNote(usize),

    // ---- text input cursor (every prompt, the filter, the finder)
    CursorLeft,
    CursorRight,
    CursorHome,
    CursorEnd,
    WordLeft,
    WordRight,
    DeleteWord,
    DeleteToStart,
    DeleteForward,
    /// Text pasted (bracketed paste).
    Paste(String),

    // ---- mouse
    Click {
        col: u16,
        row: u16,
    },
    ScrollUp,
    ScrollDown,
    /// The left button moved while held (a drag).
    Drag {
        col: u16,
        row: u16,
    },
    /// The left button let go.
    Release {
        col: u16,
        row: u16,
    },

    // ---- strategy over time (the Landscape, from git history)
    /// `T`: each component's trail of past positions on / off.
    ToggleTrails,
    /// `,` / `.`: the whole map one commit back / forward (the time slider).
    TimeBack,
    TimeForward,
    /// `;`: back to the working tree (from the time slider or the diff view).
    TimePresent,
    /// `D`: the map against a revision (asks which).
    DiffView,
    /// The diff view against this revision (the prompt's answer).
    DiffAgainst(String),
    /// A past version of a map shown in place of the working tree's, read-only (None: the
    /// working tree's again).
    ShowPast(Option<crate::tui::git_history::PastMap>),

    // ---- live reload
    /// `R`: read the workspace again from disk.
    Reload,
}
