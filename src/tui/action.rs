//! Every thing the user can ask for. Keys map to these through the one keymap
//! (`keymap.rs`); the one update function (`app.rs`) applies them. Panes
//! receive the ones the app does not handle itself.

use crate::workspace::Reference;

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

    // ---- mouse
    Click {
        col: u16,
        row: u16,
    },
    ScrollUp,
    ScrollDown,

    // ---- live reload
    /// `R`: read the workspace again from disk.
    Reload,
}
