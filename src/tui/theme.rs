//! Semantic colour slots. Panes ask for meanings ("muted", "status accepted"),
//! never for colours; themes/*.toml fill the slots.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone)]
pub struct Theme {
    pub name: String,
    pub base: Style,
    pub muted: Style,
    pub title: Style,
    pub border: Style,
    pub border_focus: Style,
    pub selection: Style,
    /// Matched characters in fuzzy results.
    pub matched: Style,
    pub link: Style,
    pub accent: Style,
    pub error: Style,
    pub warning: Style,
    pub ok: Style,
    pub tab_active: Style,
    pub tab_inactive: Style,
    pub status_bar: Style,
    /// Phase status: not-started, in-progress, healthy, at-risk.
    pub phase_status: [Style; 4],
    /// ADR status: proposed, accepted, rejected, deprecated, superseded, unknown.
    pub adr_status: [Style; 6],
    /// Deliverable status: idea, planned, building, shipped, dropped.
    pub deliverable_status: [Style; 5],
    /// Well-Architected risk: none, medium, high, unanswered.
    pub risk: [Style; 4],
    /// Evolution stages: genesis, custom, product, commodity.
    pub stage: [Style; 4],
}

impl Default for Theme {
    /// The built-in dark theme in the 16 named ANSI colours.
    fn default() -> Self {
        let fg = |c: Color| Style::default().fg(c);
        Theme {
            name: "default".into(),
            base: Style::default(),
            muted: fg(Color::DarkGray),
            title: Style::default().add_modifier(Modifier::BOLD),
            border: fg(Color::DarkGray),
            border_focus: fg(Color::Cyan),
            selection: Style::default().add_modifier(Modifier::REVERSED),
            matched: fg(Color::Yellow).add_modifier(Modifier::BOLD),
            link: fg(Color::Cyan).add_modifier(Modifier::UNDERLINED),
            accent: fg(Color::Magenta),
            error: fg(Color::Red),
            warning: fg(Color::Yellow),
            ok: fg(Color::Green),
            tab_active: Style::default().add_modifier(Modifier::BOLD | Modifier::REVERSED),
            tab_inactive: Style::default(),
            status_bar: Style::default().add_modifier(Modifier::REVERSED),
            phase_status: [
                fg(Color::DarkGray),
                fg(Color::Blue),
                fg(Color::Green),
                fg(Color::Red),
            ],
            adr_status: [
                fg(Color::Yellow),
                fg(Color::Green),
                fg(Color::Red),
                fg(Color::DarkGray),
                fg(Color::Magenta),
                fg(Color::Gray),
            ],
            deliverable_status: [
                fg(Color::DarkGray),
                fg(Color::Blue),
                fg(Color::Yellow),
                fg(Color::Green),
                fg(Color::Red),
            ],
            risk: [
                fg(Color::Green),
                fg(Color::Yellow),
                fg(Color::Red),
                fg(Color::DarkGray),
            ],
            stage: [
                fg(Color::Magenta),
                fg(Color::Blue),
                fg(Color::Cyan),
                fg(Color::Green),
            ],
        }
    }
}
