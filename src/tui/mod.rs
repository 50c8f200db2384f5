//! The cockpit. STUB being written (issue 3): app state, one Action enum, one update
//! function, a keymap that generates the help, panes that render themselves.

pub mod action;
pub mod panes;
pub mod theme;
pub mod widgets;

use std::path::Path;

#[derive(Debug, Clone, Default)]
pub struct TuiOptions {
    pub theme: Option<String>,
    pub no_color: bool,
    pub no_mouse: bool,
}

pub fn run(_start: &Path, _opts: TuiOptions) -> anyhow::Result<()> {
    anyhow::bail!("the cockpit is not built yet; use `wh check` and `wh adr ...` meanwhile")
}
