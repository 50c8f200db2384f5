//! `[keys]` of config.toml read forgivingly: a typo (`filtr`, `[keys.pnae]`, a key that is not
//! one) must not keep the cockpit from starting. Each entry is merged on its own; one that
//! fails is left out, so its keys keep their defaults, and becomes a problem that names its
//! table and the closest known name, shown in `!` and the status bar.

use std::collections::BTreeMap;

use super::keymap::{Context, Keymap, KeymapError, BINDABLE};

#[derive(Debug, Clone, PartialEq)]
pub struct KeyProblem {
    /// The table, as written under `[keys]` (`pane`).
    pub context: String,
    /// The entry in it, when the problem is one entry and not the whole table.
    pub entry: Option<String>,
    pub message: String,
}

/// Merges `tables` into `keymap` entry by entry; returns what was left out and why.
pub fn merge_leniently(
    keymap: &mut Keymap,
    tables: &BTreeMap<String, toml::Value>,
) -> Vec<KeyProblem> {
    let mut problems = Vec::new();
    for (ctx_name, value) in tables {
        let shown = crate::text::inert(ctx_name).into_owned();
        let problem = |entry: Option<&str>, message: String| KeyProblem {
            context: ctx_name.clone(),
            entry: entry.map(str::to_string),
            message: format!("[keys.{shown}] {message}"),
        };
        let Some(table) = value.as_table() else {
            problems.push(problem(None, "must be a table of action = [keys]".into()));
            continue;
        };
        let known_context = ctx_name == "hints" || Context::ALL.iter().any(|c| c.key() == ctx_name);
        if !known_context {
            let names = Context::ALL.iter().map(|c| c.key());
            problems.push(problem(
                None,
                format!(
                    "unknown table{}: left out (known: global, pane, popup, input, flywheel, impact, decisions, landscape)",
                    did_you_mean(ctx_name, names)
                ),
            ));
            continue;
        }
        for (entry, keys) in table {
            let one = BTreeMap::from([(
                ctx_name.clone(),
                toml::Value::Table(toml::Table::from_iter([(entry.clone(), keys.clone())])),
            )]);
            // a failed merge leaves the keymap as it was: the defaults stay
            let mut trial = keymap.clone();
            match trial.merge_tables(&one) {
                Ok(()) => *keymap = trial,
                Err(KeymapError::UnknownAction(name)) => problems.push(problem(
                    Some(entry),
                    format!(
                        "unknown action `{name}`{}: default keys kept",
                        did_you_mean(&name, BINDABLE.iter().map(|b| b.name))
                    ),
                )),
                Err(e) => problems.push(problem(
                    Some(entry),
                    format!("{}: {e}: default keys kept", crate::text::inert(entry)),
                )),
            }
        }
    }
    problems
}

/// ` (did you mean `x`?)` for the known name closest to `word`, or nothing.
fn did_you_mean<'a>(word: &str, known: impl Iterator<Item = &'a str>) -> String {
    known
        .map(|k| (strsim::jaro_winkler(word, k), k))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| format!(" (did you mean `{k}`?)"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::action::Action;
    use crate::tui::keymap::KeyCombo;

    fn tables(text: &str) -> BTreeMap<String, toml::Value> {
        toml::from_str(text).unwrap()
    }

    #[test]
    fn a_typo_names_its_table_suggests_and_keeps_the_rest() {
        let mut k = Keymap::default_keymap();
        let problems = merge_leniently(
            &mut k,
            &tables("[pane]\nfiltr = [\"x\"]\nbottom = [\"e\"]\n"),
        );
        assert_eq!(problems.len(), 1, "{problems:?}");
        let m = &problems[0].message;
        assert!(m.contains("[keys.pane]") && m.contains("`filtr`"), "{m}");
        assert!(m.contains("did you mean `filter`"), "{m}");
        assert_eq!(problems[0].entry.as_deref(), Some("filtr"));
        // the good entry still applies, the default for the typo's action stays
        let key = |s| KeyCombo::parse(s).unwrap();
        assert_eq!(k.lookup(Context::Pane, &key("e")), Some(Action::Bottom));
        assert_eq!(k.lookup(Context::Pane, &key("/")), Some(Action::Filter));
        assert_eq!(k.lookup(Context::Pane, &key("x")), None);
    }

    #[test]
    fn unknown_contexts_and_bad_keys_are_problems_not_failures() {
        let mut k = Keymap::default_keymap();
        let problems = merge_leniently(
            &mut k,
            &tables("[pnae]\nfilter = [\"f\"]\n[global]\nquit = [\"ctrl-nope\"]\n"),
        );
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems
            .iter()
            .any(|p| p.message.contains("did you mean `pane`")));
        assert!(problems.iter().any(|p| p.message.contains("ctrl-nope")));
        assert_eq!(
            k.lookup(Context::Global, &KeyCombo::parse("q").unwrap()),
            Some(Action::Quit),
            "quit keeps its default"
        );
    }
}
