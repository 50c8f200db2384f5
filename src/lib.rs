//! wheelhouse: a terminal strategy cockpit.
//!
//! Layers, from the bottom up:
//! - [`workspace`]: the model, loading with diagnostics, links, search and the one writer. No TUI.
//! - [`interop`]: other people's formats (markdown ADRs, OnlineWardleyMaps, Mermaid, SVG, markdown reports).
//! - [`cli`]: the `wh` command line, one face on the core.
//! - [`tui`]: the ratatui cockpit, the other face.

pub mod cli;
pub mod history;
pub mod interop;
pub mod text;
pub mod tui;
pub mod workspace;
