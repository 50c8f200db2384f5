//! Semantic colour slots. Panes ask for meanings ("muted", "status accepted"),
//! never for colours; themes/*.toml fill the slots.
//!
//! Built-in themes are the repo's `themes/*.toml`, embedded at build time so the
//! binary works anywhere; a user theme of the same name in the config folder
//! (`<config>/themes/NAME.toml`) wins. A theme may name a `parent` and set only
//! the slots it changes.

use std::collections::HashMap;
use std::path::Path;

use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;
use thiserror::Error;

#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub name: String,
    /// No colour at all (NO_COLOR, --no-color): meaning carried by modifiers only.
    pub monochrome: bool,
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
    /// Markdown headings in rendered bodies.
    pub heading: Style,
    /// Inline code and code blocks in rendered bodies.
    pub code: Style,
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
    /// The built-in dark theme in the 16 named ANSI colours (the same as themes/default.toml).
    fn default() -> Self {
        let fg = |c: Color| Style::default().fg(c);
        Theme {
            name: "default".into(),
            monochrome: false,
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
            heading: fg(Color::Blue).add_modifier(Modifier::BOLD),
            code: fg(Color::Green),
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

/// The themes shipped in the repo's `themes/` folder.
pub const BUILTIN: [(&str, &str); 5] = [
    ("default", include_str!("../../themes/default.toml")),
    ("light", include_str!("../../themes/light.toml")),
    (
        "high-contrast",
        include_str!("../../themes/high-contrast.toml"),
    ),
    (
        "high-contrast-light",
        include_str!("../../themes/high-contrast-light.toml"),
    ),
    ("mono", include_str!("../../themes/mono.toml")),
];

#[derive(Debug, Error)]
pub enum ThemeError {
    #[error("unknown theme `{name}` (built in: default, light, high-contrast, high-contrast-light, mono; user themes go in {dir})")]
    Unknown { name: String, dir: String },
    #[error("theme `{name}`: {message}")]
    Invalid { name: String, message: String },
    #[error("theme `{0}`: parent chain loops")]
    Loop(String),
}

impl Theme {
    /// Whether colour is turned off: `--no-color`, or `NO_COLOR` set and non-empty (no-color.org).
    pub fn colour_disabled(no_color_flag: bool) -> bool {
        no_color_flag || std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
    }

    /// The built-in monochrome theme.
    pub fn mono() -> Theme {
        Theme::builtin("mono").unwrap_or_else(|_| Theme::default().without_colour())
    }

    /// A built-in theme by name.
    pub fn builtin(name: &str) -> Result<Theme, ThemeError> {
        Theme::load(name, None)
    }

    /// A theme by name: `<user_dir>/NAME.toml` first, then the built-in ones.
    pub fn load(name: &str, user_dir: Option<&Path>) -> Result<Theme, ThemeError> {
        load_chain(name, user_dir, 0)
    }

    /// Names of every theme available (built-in and user), sorted, without duplicates.
    pub fn available(user_dir: Option<&Path>) -> Vec<String> {
        let mut names: Vec<String> = BUILTIN.iter().map(|(n, _)| n.to_string()).collect();
        if let Some(dir) = user_dir {
            if let Ok(entries) = std::fs::read_dir(dir) {
                for e in entries.flatten() {
                    let p = e.path();
                    if p.extension().is_some_and(|x| x == "toml") {
                        if let Some(stem) = p.file_stem().and_then(|s| s.to_str()) {
                            names.push(stem.to_string());
                        }
                    }
                }
            }
        }
        names.sort();
        names.dedup();
        names
    }

    /// The same theme with every colour removed (modifiers kept).
    pub fn without_colour(mut self) -> Theme {
        self.monochrome = true;
        for s in self.slots_mut() {
            *s = strip(*s);
        }
        self
    }

    fn slots_mut(&mut self) -> impl Iterator<Item = &mut Style> {
        [
            &mut self.base,
            &mut self.muted,
            &mut self.title,
            &mut self.border,
            &mut self.border_focus,
            &mut self.selection,
            &mut self.matched,
            &mut self.link,
            &mut self.accent,
            &mut self.error,
            &mut self.warning,
            &mut self.ok,
            &mut self.tab_active,
            &mut self.tab_inactive,
            &mut self.status_bar,
            &mut self.heading,
            &mut self.code,
        ]
        .into_iter()
        .chain(self.phase_status.iter_mut())
        .chain(self.adr_status.iter_mut())
        .chain(self.deliverable_status.iter_mut())
        .chain(self.risk.iter_mut())
        .chain(self.stage.iter_mut())
    }

    /// After a frame is drawn with a monochrome theme, removes any colour a widget set
    /// on its own, so NO_COLOR holds for every pane and nothing asks crossterm for a colour.
    pub fn enforce(&self, buf: &mut Buffer) {
        if self.monochrome {
            for cell in buf.content.iter_mut() {
                cell.fg = Color::Reset;
                cell.bg = Color::Reset;
                cell.underline_color = Color::Reset;
            }
        }
    }

    pub fn adr_status_style(&self, status: crate::workspace::AdrStatus) -> Style {
        use crate::workspace::AdrStatus::*;
        let i = match status {
            Proposed => 0,
            Accepted => 1,
            Rejected => 2,
            Deprecated => 3,
            Superseded => 4,
            Unknown => 5,
        };
        self.adr_status[i]
    }
}

fn strip(s: Style) -> Style {
    Style {
        fg: None,
        bg: None,
        underline_color: None,
        ..s
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ThemeFile {
    name: Option<String>,
    parent: Option<String>,
    #[serde(default)]
    monochrome: bool,
    #[serde(default)]
    palette: HashMap<String, String>,
    #[serde(default)]
    slots: HashMap<String, StyleSpec>,
    #[serde(default)]
    phase_status: HashMap<String, StyleSpec>,
    #[serde(default)]
    adr_status: HashMap<String, StyleSpec>,
    #[serde(default)]
    deliverable_status: HashMap<String, StyleSpec>,
    #[serde(default)]
    risk: HashMap<String, StyleSpec>,
    #[serde(default)]
    stage: HashMap<String, StyleSpec>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct StyleSpec {
    fg: Option<ColorSpec>,
    bg: Option<ColorSpec>,
    bold: Option<bool>,
    dim: Option<bool>,
    italic: Option<bool>,
    underlined: Option<bool>,
    reversed: Option<bool>,
    crossed_out: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum ColorSpec {
    Index(u8),
    Name(String),
}

fn load_chain(name: &str, user_dir: Option<&Path>, depth: usize) -> Result<Theme, ThemeError> {
    if depth > 8 {
        return Err(ThemeError::Loop(name.to_string()));
    }
    let user_text = user_dir
        .map(|d| d.join(format!("{name}.toml")))
        .filter(|p| p.is_file())
        .and_then(|p| std::fs::read_to_string(p).ok());
    let text = match user_text {
        Some(t) => t,
        None => match BUILTIN.iter().find(|(n, _)| *n == name) {
            Some((_, t)) => t.to_string(),
            None => {
                return Err(ThemeError::Unknown {
                    name: crate::text::inert(name).into_owned(),
                    dir: user_dir
                        .map(|d| d.display().to_string())
                        .unwrap_or_else(|| "the config folder's themes/".into()),
                })
            }
        },
    };
    let invalid = |message: String| ThemeError::Invalid {
        name: crate::text::inert(name).into_owned(),
        message: crate::text::inert(&message).into_owned(),
    };
    let file: ThemeFile = toml::from_str(&text).map_err(|e| invalid(e.to_string()))?;
    let mut theme = match &file.parent {
        Some(p) if p != name => load_chain(p, user_dir, depth + 1)?,
        Some(_) => return Err(ThemeError::Loop(name.to_string())),
        None => Theme::default(),
    };
    theme.name = file.name.clone().unwrap_or_else(|| name.to_string());
    theme.monochrome = file.monochrome;
    apply(&mut theme, &file).map_err(invalid)?;
    if theme.monochrome {
        theme = theme.without_colour();
    }
    Ok(theme)
}

fn apply(theme: &mut Theme, file: &ThemeFile) -> Result<(), String> {
    let pal = &file.palette;
    for (key, spec) in &file.slots {
        let slot = match key.as_str() {
            "base" => &mut theme.base,
            "muted" => &mut theme.muted,
            "title" => &mut theme.title,
            "border" => &mut theme.border,
            "border-focus" => &mut theme.border_focus,
            "selection" => &mut theme.selection,
            "matched" => &mut theme.matched,
            "link" => &mut theme.link,
            "accent" => &mut theme.accent,
            "error" => &mut theme.error,
            "warning" => &mut theme.warning,
            "ok" => &mut theme.ok,
            "tab-active" => &mut theme.tab_active,
            "tab-inactive" => &mut theme.tab_inactive,
            "status-bar" => &mut theme.status_bar,
            "heading" => &mut theme.heading,
            "code" => &mut theme.code,
            other => return Err(format!("unknown slot `{other}` in [slots]")),
        };
        *slot = spec.to_style(pal)?;
    }
    fill(
        &mut theme.phase_status,
        &["not-started", "in-progress", "healthy", "at-risk"],
        &file.phase_status,
        "phase-status",
        pal,
    )?;
    fill(
        &mut theme.adr_status,
        &[
            "proposed",
            "accepted",
            "rejected",
            "deprecated",
            "superseded",
            "unknown",
        ],
        &file.adr_status,
        "adr-status",
        pal,
    )?;
    fill(
        &mut theme.deliverable_status,
        &["idea", "planned", "building", "shipped", "dropped"],
        &file.deliverable_status,
        "deliverable-status",
        pal,
    )?;
    fill(
        &mut theme.risk,
        &["none", "medium", "high", "unanswered"],
        &file.risk,
        "risk",
        pal,
    )?;
    fill(
        &mut theme.stage,
        &["genesis", "custom", "product", "commodity"],
        &file.stage,
        "stage",
        pal,
    )?;
    Ok(())
}

fn fill(
    slots: &mut [Style],
    names: &[&str],
    specs: &HashMap<String, StyleSpec>,
    table: &str,
    pal: &HashMap<String, String>,
) -> Result<(), String> {
    for (key, spec) in specs {
        let i = names.iter().position(|n| n == key).ok_or_else(|| {
            format!(
                "unknown key `{key}` in [{table}] (known: {})",
                names.join(", ")
            )
        })?;
        slots[i] = spec.to_style(pal)?;
    }
    Ok(())
}

impl StyleSpec {
    fn to_style(&self, pal: &HashMap<String, String>) -> Result<Style, String> {
        let mut s = Style::default();
        if let Some(c) = &self.fg {
            s = s.fg(c.resolve(pal)?);
        }
        if let Some(c) = &self.bg {
            s = s.bg(c.resolve(pal)?);
        }
        for (flag, m) in [
            (self.bold, Modifier::BOLD),
            (self.dim, Modifier::DIM),
            (self.italic, Modifier::ITALIC),
            (self.underlined, Modifier::UNDERLINED),
            (self.reversed, Modifier::REVERSED),
            (self.crossed_out, Modifier::CROSSED_OUT),
        ] {
            if flag == Some(true) {
                s = s.add_modifier(m);
            }
        }
        Ok(s)
    }
}

impl ColorSpec {
    fn resolve(&self, pal: &HashMap<String, String>) -> Result<Color, String> {
        match self {
            ColorSpec::Index(i) => Ok(Color::Indexed(*i)),
            ColorSpec::Name(n) => match pal.get(n) {
                Some(v) => parse_color(v),
                None => parse_color(n),
            },
        }
    }
}

/// A colour name (the 16 ANSI names, kebab or not), `reset`, `#rrggbb`, or `0`–`255`.
pub fn parse_color(text: &str) -> Result<Color, String> {
    let t = text
        .trim()
        .to_ascii_lowercase()
        .replace(['-', '_', ' '], "");
    let c = match t.as_str() {
        "reset" | "default" => Color::Reset,
        "black" => Color::Black,
        "red" => Color::Red,
        "green" => Color::Green,
        "yellow" => Color::Yellow,
        "blue" => Color::Blue,
        "magenta" => Color::Magenta,
        "cyan" => Color::Cyan,
        "gray" | "grey" => Color::Gray,
        "darkgray" | "darkgrey" | "brightblack" => Color::DarkGray,
        "lightred" | "brightred" => Color::LightRed,
        "lightgreen" | "brightgreen" => Color::LightGreen,
        "lightyellow" | "brightyellow" => Color::LightYellow,
        "lightblue" | "brightblue" => Color::LightBlue,
        "lightmagenta" | "brightmagenta" => Color::LightMagenta,
        "lightcyan" | "brightcyan" => Color::LightCyan,
        "white" | "brightwhite" => Color::White,
        hex if hex.starts_with('#') && hex.len() == 7 => {
            let v = u32::from_str_radix(&hex[1..], 16)
                .map_err(|_| format!("`{text}` is not a #rrggbb colour"))?;
            Color::Rgb((v >> 16) as u8, (v >> 8) as u8, v as u8)
        }
        num if !num.is_empty() && num.bytes().all(|b| b.is_ascii_digit()) => Color::Indexed(
            num.parse()
                .map_err(|_| format!("colour index `{text}` is not 0-255"))?,
        ),
        _ => return Err(format!("unknown colour `{text}`")),
    };
    Ok(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_toml_is_the_builtin_default() {
        assert_eq!(Theme::builtin("default").unwrap(), Theme::default());
    }

    #[test]
    fn every_builtin_loads_and_mono_has_no_colour() {
        for (name, _) in BUILTIN {
            let t = Theme::builtin(name).unwrap();
            assert_eq!(t.name, name);
        }
        let mono = Theme::mono();
        assert!(mono.monochrome);
        let mut m = mono.clone();
        assert!(m.slots_mut().all(|s| s.fg.is_none() && s.bg.is_none()));
        assert!(mono.selection.add_modifier.contains(Modifier::REVERSED));
    }

    /// Light terminals draw on white: no slot of high-contrast-light may be white or a bright
    /// colour on the default background (high-contrast's bright white vanishes there).
    #[test]
    fn high_contrast_light_has_no_pale_text_on_the_default_background() {
        let pale = [
            Color::White,
            Color::Gray,
            Color::LightYellow,
            Color::LightCyan,
            Color::LightGreen,
            Color::Yellow,
        ];
        let mut t = Theme::builtin("high-contrast-light").unwrap();
        let mut n = 0;
        for s in t.slots_mut() {
            n += 1;
            if s.bg.is_none() {
                assert!(!s.fg.is_some_and(|c| pale.contains(&c)), "{s:?}");
            }
        }
        assert!(n >= 40, "every slot checked ({n})");
        // and the dark one is what the light one fixes
        let mut dark = Theme::builtin("high-contrast").unwrap();
        assert!(dark
            .slots_mut()
            .any(|s| s.bg.is_none() && s.fg.is_some_and(|c| pale.contains(&c))));
    }

    #[test]
    fn light_inherits_and_overrides() {
        let light = Theme::builtin("light").unwrap();
        assert_eq!(light.link.fg, Some(Color::Blue));
        assert_eq!(light.error, Theme::default().error);
    }

    #[test]
    fn user_theme_with_palette_and_errors() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("mine.toml"),
            "parent = \"light\"\n[palette]\norange = \"#ff8800\"\n[slots]\naccent = { fg = \"orange\", bold = true }\n[stage]\ngenesis = { fg = 208 }\n",
        )
        .unwrap();
        let t = Theme::load("mine", Some(dir.path())).unwrap();
        assert_eq!(t.accent.fg, Some(Color::Rgb(0xff, 0x88, 0)));
        assert_eq!(t.stage[0].fg, Some(Color::Indexed(208)));
        assert_eq!(t.link.fg, Some(Color::Blue), "inherited from light");

        std::fs::write(dir.path().join("bad.toml"), "[slots]\nfoo = {}\n").unwrap();
        let err = Theme::load("bad", Some(dir.path()))
            .unwrap_err()
            .to_string();
        assert!(err.contains("unknown slot `foo`"), "{err}");
        std::fs::write(dir.path().join("loop.toml"), "parent = \"loop\"\n").unwrap();
        assert!(Theme::load("loop", Some(dir.path())).is_err());
        assert!(matches!(
            Theme::load("nope", None),
            Err(ThemeError::Unknown { .. })
        ));
        assert!(Theme::available(Some(dir.path())).contains(&"mine".to_string()));
    }

    #[test]
    fn enforce_strips_colours_in_mono() {
        let mut buf = Buffer::empty(ratatui::layout::Rect::new(0, 0, 3, 1));
        buf[(0, 0)].set_fg(Color::Red).set_bg(Color::Blue);
        Theme::mono().enforce(&mut buf);
        assert_eq!(buf[(0, 0)].fg, Color::Reset);
        assert_eq!(buf[(0, 0)].bg, Color::Reset);
    }
}
