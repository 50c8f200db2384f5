//! Finding a repository's ADR folder and saying why it was chosen: the tools' own signals
//! (`.adr-dir`, `.log4brains.yml`), the conventional places, then a bounded search for folders
//! named like ADR folders (kuma keeps its records in `docs/madr/decisions`).

use std::collections::VecDeque;
use std::path::{Path, PathBuf};

use super::{front_matter, holds_numbered_records, is_record_file};

/// An ADR folder, relative to the folder it was looked for from, and why it was taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundDir {
    pub dir: PathBuf,
    pub why: String,
    /// The log4brains package the folder belongs to (`packages:` in `.log4brains.yml`).
    pub package: Option<String>,
}

/// The conventional places, looked at first and in this order.
const PROBES: [&str; 10] = [
    "doc/adr",
    "docs/adr",
    "docs/decisions",
    "docs/adrs",
    "doc/architecture/decisions",
    "docs/architecture/decisions",
    "docs/architecture-decisions",
    "architecture-decision-record",
    "adr",
    "adrs",
];

/// Folder names that say "decision records" (compared in ASCII lower case, `_` as `-`).
const ADR_FOLDER_NAMES: [&str; 14] = [
    "adr",
    "adrs",
    "decisions",
    "decision-records",
    "decision-record",
    "decision-log",
    "architecture-decisions",
    "architecture-decision-records",
    "architecture-decision-record",
    "architectural-decisions",
    "architecture-decision-log",
    "adr-log",
    "madr",
    "records",
];

/// How deep under the repository root the search looks (`docs/madr/decisions` is three).
const SEARCH_DEPTH: usize = 4;
/// At most this many folders are opened by one search: a huge tree costs a bounded time.
const SEARCH_BUDGET: usize = 4000;

/// The ADR folder of a repository with no `wheelhouse.toml`, relative to `dir`: the tools'
/// signals and the conventional places, then a search below `dir`.
pub fn find_adr_dir(dir: &Path) -> Option<PathBuf> {
    find_adr_dir_here(dir)
        .or_else(|| search_adr_dirs(dir).into_iter().next())
        .map(|f| f.dir)
}

/// [`find_adr_dir`] without the search: the signals (`.adr-dir`, `.log4brains.yml`) and the
/// conventional places only. Cheap enough to ask of every folder from here to the repository
/// root.
pub fn find_adr_dir_here(dir: &Path) -> Option<FoundDir> {
    // adr-tools: `.adr-dir` holds the folder, relative to where it sits
    if let Ok(text) = std::fs::read_to_string(dir.join(".adr-dir")) {
        let named = text.lines().next().unwrap_or("").trim();
        if !named.is_empty() && dir.join(named).is_dir() {
            return Some(FoundDir {
                dir: PathBuf::from(named),
                why: "named by `.adr-dir` (adr-tools)".into(),
                package: None,
            });
        }
    }
    // log4brains: `project.adrFolder` in `.log4brains.yml`
    if let Ok(text) = std::fs::read_to_string(dir.join(".log4brains.yml")) {
        let named = text.lines().find_map(|l| {
            let v = l.trim().strip_prefix("adrFolder:")?;
            Some(front_matter::unquote(v.trim()))
        });
        if let Some(named) = named {
            let named = named.strip_prefix("./").unwrap_or(&named).to_string();
            if !named.is_empty() && dir.join(&named).is_dir() {
                return Some(FoundDir {
                    dir: PathBuf::from(named),
                    why: "named by `adrFolder` in `.log4brains.yml`".into(),
                    package: None,
                });
            }
        }
    }
    PROBES
        .iter()
        .map(PathBuf::from)
        .find(|p| super::holds_records(&dir.join(p)))
        .map(|dir| FoundDir {
            why: format!("the conventional place `{}` holds records", dir.display()),
            dir,
            package: None,
        })
}

/// Every ADR folder `dir` names by itself: [`find_adr_dir_here`]'s, then each log4brains
/// package's `adrFolder` (`packages:` in `.log4brains.yml`), each with its package name.
pub fn find_adr_dirs_here(dir: &Path) -> Vec<FoundDir> {
    let mut found: Vec<FoundDir> = find_adr_dir_here(dir).into_iter().collect();
    if let Ok(text) = std::fs::read_to_string(dir.join(".log4brains.yml")) {
        for (name, folder) in log4brains_packages(&text) {
            let folder = folder.strip_prefix("./").unwrap_or(&folder).to_string();
            let path = PathBuf::from(&folder);
            if folder.is_empty() || !dir.join(&path).is_dir() || found.iter().any(|f| f.dir == path)
            {
                continue;
            }
            found.push(FoundDir {
                why: format!("the `adrFolder` of package `{name}` in `.log4brains.yml`"),
                dir: path,
                package: Some(name),
            });
        }
    }
    found
}

/// `(name, adrFolder)` of each entry under `packages:` in a `.log4brains.yml`:
///
/// ```yaml
/// project:
///   adrFolder: ./docs/adr
///   packages:
///     - name: backend
///       path: ./packages/backend
///       adrFolder: ./packages/backend/docs/adr
/// ```
fn log4brains_packages(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut in_packages: Option<usize> = None;
    let mut current: (Option<String>, Option<String>) = (None, None);
    fn flush(c: &mut (Option<String>, Option<String>), out: &mut Vec<(String, String)>) {
        if let (Some(name), Some(folder)) = (c.0.take(), c.1.take()) {
            out.push((name, folder));
        }
        *c = (None, None);
    }
    for line in text.lines() {
        let indent = line.len() - line.trim_start().len();
        let t = line.trim();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        if t == "packages:" {
            in_packages = Some(indent);
            continue;
        }
        let Some(at) = in_packages else { continue };
        if indent <= at && !t.starts_with('-') {
            // the next key at the level of `packages:`: the list is over
            in_packages = None;
            continue;
        }
        let item = match t.strip_prefix('-') {
            Some(rest) => {
                flush(&mut current, &mut out);
                rest.trim()
            }
            None => t,
        };
        if let Some(v) = item.strip_prefix("name:") {
            current.0 = Some(front_matter::unquote(v.trim()));
        } else if let Some(v) = item.strip_prefix("adrFolder:") {
            current.1 = Some(front_matter::unquote(v.trim()));
        }
    }
    flush(&mut current, &mut out);
    out
}

/// Folders below `root` named like ADR folders (`decisions`, `adrs`, `decision-records`, …)
/// whose files look like records, best first: the most record files, then the shallowest,
/// then by path. Hidden folders, dependencies and build output are not searched.
pub fn search_adr_dirs(root: &Path) -> Vec<FoundDir> {
    let mut found: Vec<(usize, usize, PathBuf)> = Vec::new();
    let mut queue: VecDeque<(PathBuf, usize)> = VecDeque::from([(PathBuf::new(), 0)]);
    let mut opened = 0;
    while let Some((rel, depth)) = queue.pop_front() {
        if opened >= SEARCH_BUDGET {
            break;
        }
        opened += 1;
        let Ok(entries) = std::fs::read_dir(root.join(&rel)) else {
            continue;
        };
        for e in entries.filter_map(|e| e.ok()) {
            // a symbolic link to a folder is not followed: no loops, no leaving the repository
            if !e.file_type().is_ok_and(|t| t.is_dir()) {
                continue;
            }
            let name = e.file_name();
            let Some(name) = name.to_str() else { continue };
            if is_skipped_folder(name) {
                continue;
            }
            let child = rel.join(name);
            if is_adr_folder_name(name) {
                let records = count_records(&root.join(&child));
                let numbered = holds_numbered_records(&root.join(&child));
                // one numbered record, or two that are named by slug
                if numbered || records >= 2 {
                    found.push((records, depth + 1, child.clone()));
                }
            }
            if depth + 1 < SEARCH_DEPTH {
                queue.push_back((child, depth + 1));
            }
        }
    }
    // a folder inside a found one is part of it (`decisions/archived`), not another folder
    found.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.2.cmp(&b.2)));
    let mut kept: Vec<(usize, usize, PathBuf)> = Vec::new();
    for f in found {
        if !kept.iter().any(|k| f.2.starts_with(&k.2)) {
            kept.push(f);
        }
    }
    kept.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    kept.into_iter()
        .map(|(records, _, dir)| FoundDir {
            package: None,
            why: format!(
                "a folder named `{}` holding {} record file{}, found by searching below the \
                 repository root",
                dir.file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
                records,
                if records == 1 { "" } else { "s" }
            ),
            dir,
        })
        .collect()
}

fn is_adr_folder_name(name: &str) -> bool {
    let norm = name.to_ascii_lowercase().replace('_', "-");
    ADR_FOLDER_NAMES.contains(&norm.as_str())
}

/// Hidden folders, dependencies and build output: never ADR folders, often huge.
fn is_skipped_folder(name: &str) -> bool {
    name.starts_with('.')
        || [
            "node_modules",
            "target",
            "vendor",
            "dist",
            "build",
            "third_party",
            "third-party",
            "out",
            "bin",
            "obj",
        ]
        .contains(&name)
}

/// Record files directly in `dir` (by name).
fn count_records(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .filter(|e| {
                    e.file_type().is_ok_and(|t| !t.is_dir())
                        && e.file_name().to_str().is_some_and(is_record_file)
                })
                .count()
        })
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(root: &Path, rel: &str) {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, "# x\n").unwrap();
    }

    #[test]
    fn finds_folders_under_other_names() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        assert!(search_adr_dirs(root).is_empty());
        touch(root, "docs/madr/decisions/001-use-x.md");
        touch(root, "docs/madr/decisions/archived/002-use-y.md");
        // a folder named like one but holding no records is not one
        touch(root, "src/decisions/mod.rs");
        // one slug-named page is not enough to call a folder an ADR folder
        touch(root, "website/records/about.md");
        // hidden and dependency folders are never searched
        touch(root, "node_modules/x/adr/0001-a.md");
        touch(root, ".github/adr/0001-a.md");
        let found = search_adr_dirs(root);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].dir, PathBuf::from("docs/madr/decisions"));
        assert!(found[0].why.contains("`decisions`"), "{}", found[0].why);
        assert_eq!(
            find_adr_dir(root),
            Some(PathBuf::from("docs/madr/decisions"))
        );
        // the folder with more records comes first
        touch(root, "services/a/adrs/0001-a.md");
        touch(root, "services/a/adrs/0002-b.md");
        let found = search_adr_dirs(root);
        assert_eq!(found[0].dir, PathBuf::from("services/a/adrs"));
        assert_eq!(found[1].dir, PathBuf::from("docs/madr/decisions"));
    }

    #[test]
    fn log4brains_packages_are_read() {
        let yml = "project:\n  name: shop\n  adrFolder: ./docs/adr\n  packages:\n    - name: backend\n      path: ./packages/backend\n      adrFolder: ./packages/backend/docs/adr\n    - name: \"web\"\n      adrFolder: packages/web/adr\n# end\nother: x\n";
        assert_eq!(
            log4brains_packages(yml),
            [
                (
                    "backend".to_string(),
                    "./packages/backend/docs/adr".to_string()
                ),
                ("web".to_string(), "packages/web/adr".to_string()),
            ]
        );
    }

    #[test]
    fn the_search_stops_at_its_depth() {
        let tmp = tempfile::tempdir().unwrap();
        touch(tmp.path(), "a/b/c/d/e/adr/0001-x.md");
        assert!(search_adr_dirs(tmp.path()).is_empty());
    }
}
