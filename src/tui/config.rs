//! The user's settings: `config.toml` and `themes/` in the platform config folder
//! (found with `directories`; `WHEELHOUSE_CONFIG_DIR` overrides it, for tests and
//! for people who keep dotfiles elsewhere).
//!
//! ```toml
//! theme = "light"          # a built-in theme or <config>/themes/NAME.toml
//! mouse = true
//! [keys.pane]              # any context of the default keymap: global, pane, popup, input
//! filter = ["/", "f"]
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use thiserror::Error;

use super::config_keys::merge_leniently;
use super::keymap::{Keymap, KeymapError};
use crate::workspace::{Diagnostic, Severity};

pub const CONFIG_DIR_ENV: &str = "WHEELHOUSE_CONFIG_DIR";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub theme: Option<String>,
    pub mouse: Option<bool>,
    #[serde(default)]
    pub keys: BTreeMap<String, toml::Value>,
    /// Where it was read from (None: no file, defaults).
    #[serde(skip)]
    pub path: Option<PathBuf>,
    #[serde(skip)]
    dir: Option<PathBuf>,
    /// The file's text, to point problems at their line.
    #[serde(skip)]
    text: String,
}

#[derive(Debug, Error)]
pub enum ConfigError {
    #[error("{path}: {message}")]
    Parse { path: PathBuf, message: String },
    // fields not named `source`: the message carries the cause, and a chained source
    // would print it twice under `{:#}` at the CLI edge
    #[error("{path}: {error}")]
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error("{path}: [keys]: {error}")]
    Keys { path: PathBuf, error: KeymapError },
}

/// The config folder: `$WHEELHOUSE_CONFIG_DIR`, else the platform's (`~/.config/wheelhouse` on Linux).
pub fn config_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os(CONFIG_DIR_ENV).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(d));
    }
    directories::ProjectDirs::from("", "", "wheelhouse").map(|p| p.config_dir().to_path_buf())
}

impl Config {
    /// Reads `config.toml` from the config folder; no file means defaults.
    pub fn load() -> Result<Config, ConfigError> {
        match config_dir() {
            Some(dir) => Config::load_from(&dir),
            None => Ok(Config::default()),
        }
    }

    pub fn load_from(dir: &Path) -> Result<Config, ConfigError> {
        let path = dir.join("config.toml");
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Config {
                    dir: Some(dir.to_path_buf()),
                    ..Config::default()
                })
            }
            Err(error) => return Err(ConfigError::Io { path, error }),
        };
        let mut config: Config = toml::from_str(&text).map_err(|e| ConfigError::Parse {
            path: path.clone(),
            message: crate::text::inert_multiline(&e.to_string())
                .trim()
                .to_string(),
        })?;
        config.path = Some(path);
        config.text = text;
        config.dir = Some(dir.to_path_buf());
        Ok(config)
    }

    /// `<config>/themes`, where user themes live.
    pub fn themes_dir(&self) -> Option<PathBuf> {
        self.dir.as_ref().map(|d| d.join("themes"))
    }

    /// The default keymap with this config's `[keys]` merged on top.
    pub fn keymap(&self) -> Result<Keymap, ConfigError> {
        let mut k = Keymap::default_keymap();
        k.merge_tables(&self.keys)
            .map_err(|error| ConfigError::Keys {
                path: self.path.clone().unwrap_or_default(),
                error,
            })?;
        Ok(k)
    }
}

impl Config {
    /// The default keymap with every `[keys]` entry that makes sense merged on top; the
    /// others are left out (their keys keep the defaults) and come back as diagnostics
    /// pointing at their line in config.toml, for `!` and the status bar.
    pub fn keymap_forgiving(&self) -> (Keymap, Vec<Diagnostic>) {
        let mut k = Keymap::default_keymap();
        let problems = merge_leniently(&mut k, &self.keys);
        let file = self
            .path
            .clone()
            .unwrap_or_else(|| PathBuf::from("config.toml"));
        let diags = problems
            .into_iter()
            .map(|p| {
                let (line, col) = locate(&self.text, &p.context, p.entry.as_deref());
                Diagnostic {
                    file: file.clone(),
                    line,
                    col,
                    severity: Severity::Warning,
                    code: "config-keys",
                    message: p.message,
                    target: None,
                }
            })
            .collect();
        (k, diags)
    }
}

/// Line and column (1-based; 0, 0 when not found) of `entry` in the `[keys.CONTEXT]` table,
/// or of the table's header.
fn locate(text: &str, context: &str, entry: Option<&str>) -> (u32, u32) {
    let header = format!("[keys.{context}]");
    let mut in_table = false;
    let mut header_at = (0, 0);
    for (i, line) in text.lines().enumerate() {
        let t = line.trim_start();
        let col = (line.chars().count() - t.chars().count() + 1) as u32;
        let n = (i + 1) as u32;
        if t.starts_with('[') {
            in_table = t.replace(' ', "").starts_with(&header);
            if in_table {
                header_at = (n, col);
                if entry.is_none() {
                    return header_at;
                }
            }
            continue;
        }
        if let (true, Some(e)) = (in_table, entry) {
            let key = t.split('=').next().unwrap_or("").trim().trim_matches('"');
            if key == e {
                return (n, col);
            }
        }
    }
    header_at
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::action::Action;
    use crate::tui::keymap::{Context, KeyCombo};

    #[test]
    fn reads_theme_mouse_and_key_overrides() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("config.toml"),
            "theme = \"light\"\nmouse = false\n[keys.pane]\nfilter = [\"f\"]\n",
        )
        .unwrap();
        let c = Config::load_from(dir.path()).unwrap();
        assert_eq!(c.theme.as_deref(), Some("light"));
        assert_eq!(c.mouse, Some(false));
        let k = c.keymap().unwrap();
        assert_eq!(
            k.lookup(Context::Pane, &KeyCombo::parse("f").unwrap()),
            Some(Action::Filter)
        );
        assert_eq!(c.themes_dir().unwrap(), dir.path().join("themes"));
    }

    #[test]
    fn missing_file_is_defaults_and_bad_file_says_where() {
        let dir = tempfile::tempdir().unwrap();
        assert!(Config::load_from(dir.path()).unwrap().theme.is_none());
        std::fs::write(dir.path().join("config.toml"), "theme = 3\n").unwrap();
        let err = Config::load_from(dir.path()).unwrap_err().to_string();
        assert!(
            err.contains("config.toml") && err.contains("line 1"),
            "{err}"
        );
        std::fs::write(
            dir.path().join("config.toml"),
            "[keys.pane]\nfly = [\"x\"]\n",
        )
        .unwrap();
        let err = Config::load_from(dir.path())
            .unwrap()
            .keymap()
            .unwrap_err()
            .to_string();
        assert!(err.contains("fly"), "{err}");
    }

    #[test]
    fn a_keymap_typo_is_a_diagnostic_at_its_line_not_a_failure() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("config.toml"),
            "theme = \"light\"\n\n[keys.pane]\n  filtr = [\"f\"]\n",
        )
        .unwrap();
        let c = Config::load_from(dir.path()).unwrap();
        let (k, diags) = c.keymap_forgiving();
        assert_eq!(diags.len(), 1, "{diags:?}");
        let d = &diags[0];
        assert_eq!((d.line, d.col), (4, 3));
        assert!(d.file.ends_with("config.toml"));
        assert!(
            d.message.contains("[keys.pane]") && d.message.contains("`filter`"),
            "{}",
            d.message
        );
        assert_eq!(
            k.lookup(Context::Pane, &KeyCombo::parse("/").unwrap()),
            Some(Action::Filter),
            "the default stays"
        );
    }
}
