//! What the integration tests share: running the `wh` binary, the sample workspace and copies
//! of it, and (in submodules) the harnesses of one kind of test each.

pub mod adr_tools;
pub mod edit;
pub mod git;
pub mod model_fixture;
pub mod owm;
pub mod panes;
/// The generated scale inputs, shared with `benches/scale.rs`.
#[path = "../../../benches/support/scale_inputs.rs"]
pub mod scale_inputs;
pub mod tmux;
pub mod tui;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The `wh` binary, nothing set.
pub fn wh_bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_wh"))
}

/// `wh` run in `dir` (as the current folder) with `args`, `NO_COLOR` set.
pub fn wh(dir: &Path, args: &[&str]) -> Output {
    wh_bin()
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .expect("run wh")
}

/// `wh -C dir args`, `NO_COLOR` set, to be run by the caller.
pub fn wh_command(dir: &Path, args: &[&str]) -> Command {
    let mut c = wh_bin();
    c.arg("-C").arg(dir).args(args).env("NO_COLOR", "1");
    c
}

/// `wh -C dir args` run, `NO_COLOR` set.
pub fn wh_at(dir: &Path, args: &[&str]) -> Output {
    wh_command(dir, args).output().expect("run wh")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Copies a folder tree (files and folders only).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read_dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// A reference the test spells out (`phase:clarity`, `impact:grow-members/…`).
pub fn r(s: &str) -> wheelhouse::workspace::Reference {
    wheelhouse::workspace::Reference::parse(s).expect("a valid reference")
}

/// A folder of real inputs, `../shared/corpora/NAME` beside the repository (see
/// ARCHITECTURE.md); `None`, with a note, when it is absent: the test then skips that part.
pub fn corpus(name: &str) -> Option<PathBuf> {
    let dir = repo_path("../shared/corpora").join(name);
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("note: {} is absent; skipping what reads it", dir.display());
        None
    }
}

/// The folders in a corpus (`corpus("adr")`: one ADR folder each), sorted.
pub fn corpus_folders(name: &str) -> Vec<PathBuf> {
    let Some(dir) = corpus(name) else {
        return Vec::new();
    };
    let mut folders: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("read the corpus")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    folders.sort();
    folders
}

pub fn repo_path(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// The repository's `sample-data` workspace (read only: copy it to edit).
pub fn sample_dir() -> PathBuf {
    repo_path("sample-data")
}

/// A copy of `sample-data` in a fresh temp folder.
pub fn sample_copy() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path().join("ws");
    copy_dir(&sample_dir(), &root);
    (tmp, root)
}

/// A copy of the sample whose supersede chain goes round: 2 superseded by 3, 3 by 5 (as the
/// sample has them) and, edited by hand, 5 by 2.
pub fn sample_with_supersede_circle() -> (tempfile::TempDir, PathBuf) {
    let (tmp, root) = sample_copy();
    let edit = |rel: &str, from: &str, to: &str| {
        let p = root.join(rel);
        let text = std::fs::read_to_string(&p).expect("read");
        assert!(text.contains(from), "{rel}: {from}");
        std::fs::write(&p, text.replacen(from, to, 1)).expect("write");
    };
    let adr5 = "decisions/0005-serverless-presentation-layer.toml";
    edit(adr5, "status = \"accepted\"", "status = \"superseded\"");
    edit(
        adr5,
        "supersedes = [\"adr:3\"]\n",
        "supersedes = [\"adr:3\"]\nsuperseded-by = [\"adr:2\"]\n",
    );
    edit(
        "decisions/0002-host-rendering-on-ec2.toml",
        "superseded-by = [\"adr:3\"]\n",
        "superseded-by = [\"adr:3\"]\nsupersedes = [\"adr:5\"]\n",
    );
    (tmp, root)
}

/// xorshift: reproducible random inputs without a dependency, so failures reproduce.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}
