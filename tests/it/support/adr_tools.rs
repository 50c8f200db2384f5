//! adr-tools (`adr`), which the markdown ADR tests compare `wh adr` with. Tests skip, with a
//! note, when it is not installed (`.ci/run` installs the Debian package `adr-tools`).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The date both `adr` and `wh` write into new records, so that their files compare.
pub const DATE: &str = "2024-01-02";

/// Whether `adr` is installed; says so on stderr when it is not.
pub fn have_adr() -> bool {
    let found = Command::new("adr")
        .arg("help")
        .output()
        .map(|o| !o.stdout.is_empty() || !o.stderr.is_empty())
        .unwrap_or(false);
    if !found {
        eprintln!("note: adr-tools (`adr`) is not installed; skipping the test against it");
    }
    found
}

/// `adr args` run in `dir` at [`DATE`], no editor opened; it must succeed.
pub fn adr(dir: &Path, args: &[&str]) -> Output {
    let o = Command::new("adr")
        .args(args)
        .current_dir(dir)
        .env("ADR_DATE", DATE)
        .env("EDITOR", "true")
        .env("VISUAL", "true")
        .output()
        .expect("run adr");
    assert!(
        o.status.success(),
        "adr {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

/// A fresh git repository `tmp/name` with `adr init` done.
pub fn repo(tmp: &Path, name: &str) -> PathBuf {
    let root = tmp.join(name);
    std::fs::create_dir_all(root.join(".git")).expect("mkdir .git");
    adr(&root, &["init"]);
    root
}
