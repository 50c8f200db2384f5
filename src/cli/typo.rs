//! A mistyped command is not a folder: `Cli` takes an optional workspace `PATH` as its first
//! positional, so without this `wh adrr` reads as "open the folder adrr" and fails with
//! "No such file or directory". A first argument that names no existing path but is close
//! to a subcommand gets clap's "unrecognized subcommand … a similar subcommand exists".

use std::ffi::OsString;
use std::path::Path;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::CommandFactory;

use super::Cli;

/// Top-level options that take a value in the next argument.
const VALUED: &[&str] = &["-C", "--workspace", "--theme"];

/// The clap error for a first positional that looks like a mistyped subcommand, if any.
/// `cwd` resolves relative paths (a folder named like a typo still opens).
pub fn check(args: &[OsString], cwd: &Path) -> Option<clap::Error> {
    let word = first_positional(args)?;
    let mut cmd = Cli::command();
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .chain(std::iter::once("help".to_string()))
        .collect();
    if names.contains(&word) || cwd.join(&word).exists() {
        return None;
    }
    let best = closest(&word, &names)?;
    cmd.build();
    let mut err = clap::Error::new(ErrorKind::InvalidSubcommand).with_cmd(&cmd);
    err.insert(ContextKind::InvalidSubcommand, ContextValue::String(word));
    err.insert(
        ContextKind::SuggestedSubcommand,
        ContextValue::Strings(vec![best]),
    );
    err.insert(
        ContextKind::Usage,
        ContextValue::StyledStr(cmd.render_usage()),
    );
    Some(err)
}

/// The first argument that is neither an option nor an option's value.
fn first_positional(args: &[OsString]) -> Option<String> {
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let s = arg.to_str()?;
        if s == "--" {
            return None;
        }
        if VALUED.contains(&s) {
            iter.next();
            continue;
        }
        if s.starts_with('-') {
            continue;
        }
        return Some(s.to_string());
    }
    None
}

/// The subcommand most like `word`, when it is alike enough to be a typo: clap's own
/// threshold (Jaro similarity above 0.7), or one or two edits with swaps counted as one
/// (`ard` → `adr`, which Jaro scores low on short words).
fn closest(word: &str, names: &[String]) -> Option<String> {
    names
        .iter()
        .map(|n| (strsim::osa_distance(word, n), strsim::jaro(word, n), n))
        .filter(|(edits, jaro, _)| *jaro > 0.7 || (*edits <= 2 && *edits < word.chars().count()))
        .min_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)))
        .map(|(_, _, n)| n.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(v: &[&str]) -> Vec<OsString> {
        v.iter().map(OsString::from).collect()
    }

    #[test]
    fn option_values_are_not_positionals() {
        assert_eq!(
            first_positional(&args(&["-C", "adrr", "--theme", "x", "ard"])),
            Some("ard".into())
        );
        assert_eq!(first_positional(&args(&["--no-color"])), None);
    }

    #[test]
    fn typos_get_the_nearest_subcommand() {
        let dir = tempfile::tempdir().unwrap();
        for (typo, want) in [("adrr", "adr"), ("ard", "adr"), ("exprot", "export")] {
            let err = check(&args(&[typo]), dir.path()).expect(typo).to_string();
            assert!(err.contains(&format!("'{want}'")), "{typo}: {err}");
        }
        assert!(check(&args(&["zzzzzz"]), dir.path()).is_none());
        assert!(check(&args(&["adr", "list"]), dir.path()).is_none());
    }

    #[test]
    fn an_existing_folder_named_like_a_typo_still_opens() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("adrr")).unwrap();
        assert!(check(&args(&["adrr"]), dir.path()).is_none());
    }
}
