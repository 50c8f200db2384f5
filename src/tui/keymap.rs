//! Keys → Actions, the only place raw keys are interpreted.
//!
//! The default keymap is `default-keymap.toml` (embedded); the user's `config.toml`
//! may override any action under `[keys.CONTEXT]`. Help, hints and the command list
//! are generated from the effective keymap, so they never disagree with it.

use std::collections::BTreeMap;
use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;
use thiserror::Error;

use super::action::{Action, Bindable};
use super::tab::Tab;

pub const DEFAULT_KEYMAP: &str = include_str!("default-keymap.toml");

/// Where a key is being pressed; bindings are looked up per context.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Context {
    Global,
    Pane,
    Popup,
    Input,
    /// One pane's own keys, looked up before `Pane`: the same key may edit differently in
    /// each (`n` links a component in the Landscape, makes a record in Decisions).
    Flywheel,
    Impact,
    Decisions,
    Landscape,
}

impl Context {
    pub const ALL: [Context; 8] = [
        Context::Global,
        Context::Pane,
        Context::Flywheel,
        Context::Impact,
        Context::Decisions,
        Context::Landscape,
        Context::Popup,
        Context::Input,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Context::Global => "global",
            Context::Pane => "pane",
            Context::Popup => "popup",
            Context::Input => "input",
            Context::Flywheel => "flywheel",
            Context::Impact => "impact",
            Context::Decisions => "decisions",
            Context::Landscape => "landscape",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::Pane => "In a pane",
            Context::Popup => "In a popup (help, finder, diagnostics)",
            Context::Input => "While typing (filter, finder, prompts)",
            Context::Flywheel => "Flywheel",
            Context::Impact => "Impact map",
            Context::Decisions => "Decisions",
            Context::Landscape => "Landscape (editing the map)",
        }
    }

    fn from_key(s: &str) -> Option<Context> {
        Context::ALL.into_iter().find(|c| c.key() == s)
    }
}

/// One key with its modifiers, normalised: a character key never carries SHIFT
/// (the character says it), Shift-Tab is `BackTab`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeyCombo {
    pub code: KeyCodeOrd,
    pub mods: u8,
}

/// `KeyCode` wrapped so combos can be sorted and printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyCodeOrd {
    Char(char),
    F(u8),
    Named(&'static str),
}

const CTRL: u8 = 1;
const ALT: u8 = 2;
const SHIFT: u8 = 4;

const NAMED: [&str; 14] = [
    "enter",
    "esc",
    "tab",
    "backtab",
    "backspace",
    "delete",
    "insert",
    "up",
    "down",
    "left",
    "right",
    "home",
    "end",
    "pageup",
];

impl KeyCombo {
    pub fn from_event(ev: &KeyEvent) -> Option<KeyCombo> {
        let mut mods = 0;
        if ev.modifiers.contains(KeyModifiers::CONTROL) {
            mods |= CTRL;
        }
        if ev.modifiers.contains(KeyModifiers::ALT) {
            mods |= ALT;
        }
        if ev.modifiers.contains(KeyModifiers::SHIFT) {
            mods |= SHIFT;
        }
        let code = match ev.code {
            KeyCode::Char(' ') => KeyCodeOrd::Named("space"),
            KeyCode::Char(c) => {
                mods &= !SHIFT;
                // terminals report ctrl-letters in either case
                if mods & CTRL != 0 {
                    KeyCodeOrd::Char(c.to_ascii_lowercase())
                } else {
                    KeyCodeOrd::Char(c)
                }
            }
            KeyCode::F(n) => KeyCodeOrd::F(n),
            KeyCode::BackTab => {
                mods &= !SHIFT;
                KeyCodeOrd::Named("backtab")
            }
            KeyCode::Enter => KeyCodeOrd::Named("enter"),
            KeyCode::Esc => KeyCodeOrd::Named("esc"),
            KeyCode::Tab => KeyCodeOrd::Named("tab"),
            KeyCode::Backspace => KeyCodeOrd::Named("backspace"),
            KeyCode::Delete => KeyCodeOrd::Named("delete"),
            KeyCode::Insert => KeyCodeOrd::Named("insert"),
            KeyCode::Up => KeyCodeOrd::Named("up"),
            KeyCode::Down => KeyCodeOrd::Named("down"),
            KeyCode::Left => KeyCodeOrd::Named("left"),
            KeyCode::Right => KeyCodeOrd::Named("right"),
            KeyCode::Home => KeyCodeOrd::Named("home"),
            KeyCode::End => KeyCodeOrd::Named("end"),
            KeyCode::PageUp => KeyCodeOrd::Named("pageup"),
            KeyCode::PageDown => KeyCodeOrd::Named("pagedown"),
            _ => return None,
        };
        Some(KeyCombo { code, mods })
    }

    /// `q`, `G`, `ctrl-k`, `shift-tab`, `pagedown`, `f1`, `space`.
    pub fn parse(text: &str) -> Result<KeyCombo, KeymapError> {
        let bad = || KeymapError::BadKey(crate::text::inert(text).into_owned());
        let mut mods = 0;
        let mut rest = text.trim();
        if rest.is_empty() {
            return Err(bad());
        }
        // a lone "-" is the minus key, so only strip prefixes that leave something
        loop {
            let lower = rest.to_ascii_lowercase();
            let (m, len) = if lower.starts_with("ctrl-") && rest.len() > 5 {
                (CTRL, 5)
            } else if lower.starts_with("alt-") && rest.len() > 4 {
                (ALT, 4)
            } else if lower.starts_with("shift-") && rest.len() > 6 {
                (SHIFT, 6)
            } else {
                break;
            };
            mods |= m;
            rest = &rest[len..];
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => {
                if mods & SHIFT != 0 {
                    mods &= !SHIFT;
                    KeyCodeOrd::Char(c.to_ascii_uppercase())
                } else if mods & CTRL != 0 {
                    KeyCodeOrd::Char(c.to_ascii_lowercase())
                } else {
                    KeyCodeOrd::Char(c)
                }
            }
            _ => {
                let lower = rest.to_ascii_lowercase();
                if let Some(n) = lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
                    KeyCodeOrd::F(n)
                } else {
                    let name = match lower.as_str() {
                        "return" => "enter",
                        "escape" => "esc",
                        "pgup" => "pageup",
                        "pgdn" | "pagedown" => "pagedown",
                        "bs" => "backspace",
                        "del" => "delete",
                        "space" => "space",
                        "shift-tab" => "backtab",
                        other => NAMED
                            .iter()
                            .copied()
                            .find(|n| *n == other)
                            .ok_or_else(bad)?,
                    };
                    if name == "tab" && mods & SHIFT != 0 {
                        mods &= !SHIFT;
                        KeyCodeOrd::Named("backtab")
                    } else {
                        KeyCodeOrd::Named(name)
                    }
                }
            }
        };
        Ok(KeyCombo { code, mods })
    }
}

impl fmt::Display for KeyCombo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods & CTRL != 0 {
            f.write_str("ctrl-")?;
        }
        if self.mods & ALT != 0 {
            f.write_str("alt-")?;
        }
        if self.mods & SHIFT != 0 {
            f.write_str("shift-")?;
        }
        match self.code {
            KeyCodeOrd::Char(c) => write!(f, "{c}"),
            KeyCodeOrd::F(n) => write!(f, "F{n}"),
            KeyCodeOrd::Named(n) => f.write_str(match n {
                "enter" => "Enter",
                "esc" => "Esc",
                "tab" => "Tab",
                "backtab" => "Shift-Tab",
                "backspace" => "Backspace",
                "up" => "↑",
                "down" => "↓",
                "left" => "←",
                "right" => "→",
                "pageup" => "PgUp",
                "pagedown" => "PgDn",
                "home" => "Home",
                "end" => "End",
                "space" => "Space",
                "delete" => "Del",
                "insert" => "Ins",
                other => other,
            }),
        }
    }
}

pub use super::action::BINDABLE;

/// The bindable action the keymap file calls `name`.
pub fn action_by_name(name: &str) -> Option<Action> {
    Action::by_name(name)
}

/// The keymap name of a bindable action (None for data-carrying ones).
pub fn action_name(action: &Action) -> Option<&'static str> {
    action.name()
}

/// What help says about the action named `name`.
pub fn describe(name: &str) -> &'static str {
    bindable(name).map(|b| b.help).unwrap_or("")
}

fn bindable(name: &str) -> Option<&'static Bindable> {
    BINDABLE.iter().find(|b| b.name == name)
}

#[derive(Debug, Error)]
pub enum KeymapError {
    #[error("`{0}` is not a key (examples: q, G, ctrl-k, shift-tab, pagedown, f1, space)")]
    BadKey(String),
    #[error("unknown action `{0}` in the keymap")]
    UnknownAction(String),
    #[error("unknown keymap context `{0}` (known: global, pane, popup, input)")]
    UnknownContext(String),
    #[error("keymap: {0}")]
    Toml(String),
}

#[derive(Debug, Deserialize)]
struct KeymapFile {
    #[serde(flatten)]
    contexts: BTreeMap<String, toml::Value>,
}

/// The effective keymap: per context, action name → keys, plus the status-bar hints.
#[derive(Debug, Clone, Default)]
pub struct Keymap {
    /// (context, action name) → keys, in the order written.
    bindings: BTreeMap<(Context, String), Vec<KeyCombo>>,
    /// pane key (`decisions`, or `all`) → action names.
    hints: BTreeMap<String, Vec<String>>,
}

impl Keymap {
    /// The embedded default keymap (it is part of the build; a broken one fails the tests).
    pub fn default_keymap() -> Keymap {
        let mut k = Keymap::default();
        if let Err(e) = k.merge_str(DEFAULT_KEYMAP) {
            // The embedded file is covered by tests; never leave the user without keys.
            eprintln!("wh: built-in keymap: {e}");
        }
        k
    }

    /// Merges a keymap text (the default file's shape) on top of this one.
    pub fn merge_str(&mut self, text: &str) -> Result<(), KeymapError> {
        let file: KeymapFile =
            toml::from_str(text).map_err(|e| KeymapError::Toml(e.to_string()))?;
        self.merge_tables(&file.contexts)
    }

    /// Merges `context → { action → [keys] }` tables (the `[keys]` table of config.toml).
    pub fn merge_tables(
        &mut self,
        tables: &BTreeMap<String, toml::Value>,
    ) -> Result<(), KeymapError> {
        for (ctx_name, value) in tables {
            let table = value
                .as_table()
                .ok_or_else(|| KeymapError::Toml(format!("[{ctx_name}] must be a table")))?;
            if ctx_name == "hints" {
                for (pane, names) in table {
                    let names = string_list(names)?;
                    for n in &names {
                        if action_by_name(n).is_none() {
                            return Err(KeymapError::UnknownAction(n.clone()));
                        }
                    }
                    self.hints.insert(pane.clone(), names);
                }
                continue;
            }
            let ctx = Context::from_key(ctx_name)
                .ok_or_else(|| KeymapError::UnknownContext(ctx_name.clone()))?;
            for (action, keys) in table {
                if action_by_name(action).is_none() {
                    return Err(KeymapError::UnknownAction(
                        crate::text::inert(action).into_owned(),
                    ));
                }
                let combos = string_list(keys)?
                    .iter()
                    .map(|k| KeyCombo::parse(k))
                    .collect::<Result<Vec<_>, _>>()?;
                // a key moved to this action leaves whatever action had it in this context
                for ((c, _), existing) in self.bindings.iter_mut() {
                    if *c == ctx {
                        existing.retain(|k| !combos.contains(k));
                    }
                }
                self.bindings.insert((ctx, action.clone()), combos);
            }
        }
        Ok(())
    }

    /// The action bound to `key` in `ctx`.
    pub fn lookup(&self, ctx: Context, key: &KeyCombo) -> Option<Action> {
        self.bindings
            .iter()
            .filter(|((c, _), _)| *c == ctx)
            .find(|(_, keys)| keys.contains(key))
            .and_then(|((_, name), _)| action_by_name(name))
    }

    /// The keys for an action in a context, in the order written.
    pub fn keys(&self, ctx: Context, action: &str) -> &[KeyCombo] {
        self.bindings
            .get(&(ctx, action.to_string()))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// Keys for an action, looked up in the contexts where a pane-level user would press it.
    pub fn keys_anywhere(&self, action: &str) -> Vec<KeyCombo> {
        Tab::ALL
            .into_iter()
            .map(Tab::context)
            .chain([Context::Pane, Context::Global])
            .flat_map(|c| self.keys(c, action).iter().copied())
            .collect()
    }

    /// Keys for an action in one pane (its own context, then the shared pane and global ones).
    pub fn keys_in_pane(&self, pane: Context, action: &str) -> Vec<KeyCombo> {
        [pane, Context::Pane, Context::Global]
            .into_iter()
            .flat_map(|c| self.keys(c, action).iter().copied())
            .collect()
    }

    /// `"j/↓"`: the keys of an action joined for display.
    pub fn key_label(&self, ctx: Context, action: &str) -> String {
        join(self.keys(ctx, action))
    }

    /// Every binding of a context, in the order of `BINDABLE` (help is generated from this).
    pub fn context_bindings(&self, ctx: Context) -> Vec<(&'static str, &'static str, String)> {
        BINDABLE
            .iter()
            .filter_map(|b| {
                let keys = self.keys(ctx, b.name);
                (!keys.is_empty()).then(|| (b.name, b.help_in(ctx), join(keys)))
            })
            .collect()
    }

    /// Status-bar hints for a pane: (first key, short description).
    /// `skip`: actions not to offer now (edits at a past revision, `back` with nowhere to go).
    pub fn hints(&self, pane: &str, skip: &dyn Fn(&Action) -> bool) -> Vec<(String, &'static str)> {
        let ctx = Context::from_key(pane);
        let names = self
            .hints
            .get(pane)
            .into_iter()
            .chain(self.hints.get("all"))
            .flatten();
        let hints: Vec<(&str, String, &'static str)> = names
            .filter_map(|n| {
                if bindable(n).is_some_and(|b| skip(&b.action)) {
                    return None;
                }
                let keys = match ctx {
                    Some(c) => self.keys_in_pane(c, n),
                    None => self.keys_anywhere(n),
                };
                let first = keys.first()?;
                Some((n.as_str(), first.to_string(), short(n)))
            })
            .collect();
        // a pair of opposite moves is one hint: `h/l prev/next`, `j/k move`
        let mut out: Vec<(String, &'static str)> = Vec::new();
        let mut i = 0;
        while i < hints.len() {
            let pair = hints
                .get(i + 1)
                .and_then(|next| match (hints[i].0, next.0) {
                    ("left", "right") => Some("prev/next"),
                    ("down", "up") => Some("move"),
                    _ => None,
                });
            match pair {
                Some(what) => {
                    out.push((format!("{}/{}", hints[i].1, hints[i + 1].1), what));
                    i += 2;
                }
                None => {
                    out.push((hints[i].1.clone(), hints[i].2));
                    i += 1;
                }
            }
        }
        out
    }

    /// Is every bindable action bound in at least one context?
    pub fn unbound(&self) -> Vec<&'static str> {
        BINDABLE
            .iter()
            .map(|b| b.name)
            .filter(|n| Context::ALL.iter().all(|c| self.keys(*c, n).is_empty()))
            .collect()
    }
}

/// The status bar's word for the action named `name`.
fn short(name: &str) -> &'static str {
    bindable(name).map(Bindable::short).unwrap_or("")
}

fn join(keys: &[KeyCombo]) -> String {
    keys.iter()
        .map(|k| k.to_string())
        .collect::<Vec<_>>()
        .join("/")
}

fn string_list(v: &toml::Value) -> Result<Vec<String>, KeymapError> {
    match v {
        toml::Value::String(s) => Ok(vec![s.clone()]),
        toml::Value::Array(items) => items
            .iter()
            .map(|i| {
                i.as_str()
                    .map(str::to_string)
                    .ok_or_else(|| KeymapError::Toml(format!("expected key names, got {i}")))
            })
            .collect(),
        other => Err(KeymapError::Toml(format!(
            "expected key names, got {other}"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyEventKind;

    fn ev(code: KeyCode, mods: KeyModifiers) -> KeyCombo {
        let mut e = KeyEvent::new(code, mods);
        e.kind = KeyEventKind::Press;
        KeyCombo::from_event(&e).unwrap()
    }

    #[test]
    fn default_keymap_parses_and_binds_every_action() {
        let mut k = Keymap::default();
        k.merge_str(DEFAULT_KEYMAP).unwrap();
        assert!(k.unbound().is_empty(), "unbound: {:?}", k.unbound());
        for b in BINDABLE {
            assert_eq!(action_by_name(b.name), Some(b.action.clone()));
            assert_eq!(action_name(&b.action), Some(b.name));
        }
    }

    #[test]
    fn keys_parse_like_the_terminal_reports_them() {
        assert_eq!(
            KeyCombo::parse("G").unwrap(),
            ev(KeyCode::Char('G'), KeyModifiers::SHIFT)
        );
        assert_eq!(
            KeyCombo::parse("shift-g").unwrap(),
            ev(KeyCode::Char('G'), KeyModifiers::SHIFT)
        );
        assert_eq!(
            KeyCombo::parse("ctrl-k").unwrap(),
            ev(KeyCode::Char('k'), KeyModifiers::CONTROL)
        );
        assert_eq!(
            KeyCombo::parse("shift-tab").unwrap(),
            ev(KeyCode::BackTab, KeyModifiers::SHIFT)
        );
        assert_eq!(
            KeyCombo::parse("f1").unwrap(),
            ev(KeyCode::F(1), KeyModifiers::NONE)
        );
        assert_eq!(
            KeyCombo::parse("-").unwrap(),
            ev(KeyCode::Char('-'), KeyModifiers::NONE)
        );
        assert_eq!(
            KeyCombo::parse("space").unwrap(),
            ev(KeyCode::Char(' '), KeyModifiers::NONE)
        );
        assert_eq!(
            KeyCombo::parse("ctrl--").unwrap(),
            ev(KeyCode::Char('-'), KeyModifiers::CONTROL)
        );
        assert!(KeyCombo::parse("hyper-x").is_err());
        assert!(KeyCombo::parse("").is_err());
    }

    #[test]
    fn user_override_replaces_and_steals_keys() {
        let mut k = Keymap::default_keymap();
        k.merge_str("[pane]\nfilter = [\"f\", \"s\"]\n").unwrap();
        let s = KeyCombo::parse("s").unwrap();
        assert_eq!(k.lookup(Context::Pane, &s), Some(Action::Filter));
        assert!(k.keys(Context::Pane, "cycle-status-filter").is_empty());
        assert!(k
            .lookup(Context::Pane, &KeyCombo::parse("/").unwrap())
            .is_none());
        assert!(matches!(
            k.merge_str("[pane]\nfly = [\"x\"]\n"),
            Err(KeymapError::UnknownAction(_))
        ));
        assert!(matches!(
            k.merge_str("[nowhere]\nquit = [\"x\"]\n"),
            Err(KeymapError::UnknownContext(_))
        ));
    }

    #[test]
    fn hints_come_from_the_keymap() {
        let mut k = Keymap::default_keymap();
        let h = k.hints("decisions", &|_| false);
        assert_eq!(h[0], ("/".to_string(), "filter"));
        k.merge_str("[pane]\nfilter = [\"f\"]\n").unwrap();
        assert_eq!(
            k.hints("decisions", &|_| false)[0],
            ("f".to_string(), "filter")
        );
    }
}
