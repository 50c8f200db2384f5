//! `wh adr new` as separate processes: many at once get distinct numbers; killed at random
//! moments of a two-file write, the workspace is all-old or all-new once the next write ran;
//! the numbers and statuses it refuses.

use crate::support::{wh_at as wh, wh_command};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use wheelhouse::workspace::writer;
use wheelhouse::workspace::{AdrStatus, Workspace};

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// An empty workspace made by `wh init`.
fn fresh() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_wh"))
        .arg("init")
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
    dir
}

/// The record files in decisions/ (`wh init`'s template.toml is not one).
fn decision_names(root: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(root.join("decisions"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "template.toml")
        .collect();
    v.sort();
    v
}

/// Every temp file a writer could have left, anywhere in the workspace.
fn temp_files(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.to_string_lossy().ends_with(".tmp") {
                out.push(p);
            }
        }
    }
    out
}

// ---------------------------------------------------------------- item 2

/// Waits (polling) until a paused `wh` has journaled its plan: it has read what it will change.
fn wait_until_journaled(root: &Path) {
    let waited = Instant::now();
    while writer::pending_journal(root).is_none() {
        assert!(
            waited.elapsed() < Duration::from_secs(20),
            "never journaled"
        );
        std::thread::sleep(Duration::from_millis(2));
    }
}

#[test]
fn twenty_processes_creating_records_at_once_get_twenty_numbers() {
    let dir = fresh();
    let mut expected = 0;
    for round in 0..3 {
        let children: Vec<_> = (0..20)
            .map(|i| {
                wh_command(
                    dir.path(),
                    &["adr", "new", &format!("Round {round} writer {i}")],
                )
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
            })
            .collect();
        for c in children {
            let o = c.wait_with_output().unwrap();
            assert!(o.status.success(), "{}", text(&o.stderr));
        }
        expected += 20;
        let ws = Workspace::open(dir.path()).unwrap();
        let mut numbers: Vec<u32> = ws.decisions.iter().map(|a| a.number).collect();
        numbers.sort();
        assert_eq!(
            numbers,
            (1..=expected).collect::<Vec<u32>>(),
            "round {round}: {:?}",
            decision_names(dir.path())
        );
    }
    let o = wh(dir.path(), &["check"]);
    assert!(o.status.success(), "{}", text(&o.stdout));
}

/// Edits of one file by many `wh` processes at once: each reads the file under the write lock,
/// so every one lands (none is refused as "changed on disk since it was read").
#[test]
fn processes_editing_one_file_at_once_all_land() {
    let (_tmp, root) = crate::support::sample_copy();
    let root = root.as_path();
    let owned = |v: &[&str], last: String| -> Vec<String> {
        v.iter().map(|s| s.to_string()).chain([last]).collect()
    };
    let mut args: Vec<Vec<String>> = (0..12)
        .map(|i| {
            let name = format!("Part {i}");
            owned(
                &["map", "add", "serving", &name, "--at"],
                format!("0.5,0.{}", i + 10),
            )
        })
        .collect();
    args.extend((1..=8).map(|d| {
        let value = format!("{d}00");
        owned(
            &[
                "metric",
                "record",
                "weekly-active-members",
                &value,
                "--date",
            ],
            format!("2031-07-0{d}"),
        )
    }));
    let children: Vec<_> = args
        .iter()
        .map(|a| {
            let a: Vec<&str> = a.iter().map(String::as_str).collect();
            wh_command(root, &a)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for (c, a) in children.into_iter().zip(&args) {
        let o = c.wait_with_output().unwrap();
        assert!(o.status.success(), "{a:?}: {}", text(&o.stderr));
    }
    let ws = Workspace::open(root).unwrap();
    let map = ws.map("serving").unwrap();
    for i in 0..12 {
        assert!(
            map.components.iter().any(|c| c.name == format!("Part {i}")),
            "Part {i} lost"
        );
    }
    let flywheel = std::fs::read_to_string(root.join("wheelhouse.toml")).unwrap();
    for d in 1..=8 {
        assert!(
            flywheel.contains(&format!("2031-07-0{d}")),
            "sample {d} lost"
        );
    }
    let o = wh(root, &["check"]);
    assert!(o.status.success(), "{}", text(&o.stdout));
}

// ---------------------------------------------------------------- item 4

/// A small xorshift: the kill moments vary from run to run, and a failure prints its seed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

/// The supersede chain as the files say: (head number, whether record `head` is superseded by
/// `head + 1` and `head + 1` supersedes it, numbers present).
fn chain_state(root: &Path) -> Vec<(u32, AdrStatus, Vec<String>, Vec<String>)> {
    let ws = Workspace::open(root).unwrap();
    let mut v: Vec<_> = ws
        .decisions
        .iter()
        .map(|a| {
            (
                a.number,
                a.status,
                a.supersedes.iter().map(|r| r.to_string()).collect(),
                a.superseded_by.iter().map(|r| r.to_string()).collect(),
            )
        })
        .collect();
    v.sort_by_key(|r| r.0);
    v
}

#[test]
fn a_supersede_killed_at_any_moment_lands_whole_or_not_at_all() {
    const KILLS: usize = 200;
    let dir = fresh();
    let root = dir.path();
    let o = wh(root, &["adr", "new", "Start", "--status", "accepted"]);
    assert!(o.status.success(), "{}", text(&o.stderr));

    // How long an unkilled supersede takes, pauses included: kills land across all of it.
    let pause_ms = "4";
    let started = Instant::now();
    let o = wh_command(root, &["adr", "new", "Step 0", "--supersedes", "1"])
        .env("WH_TEST_WRITE_PAUSE_MS", pause_ms)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
    let span = started.elapsed().as_micros() as u64 + 2_000;

    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    eprintln!("kill seed {seed}, span {span} µs");
    let mut rng = Rng(seed);
    let mut head = 2u32;
    let (mut old, mut new, mut interrupted) = (0, 0, 0);
    let deadline = Instant::now() + Duration::from_secs(50);
    for i in 0..KILLS {
        if Instant::now() > deadline {
            eprintln!("stopped after {i} kills (time)");
            break;
        }
        let before = chain_state(root);
        let mut child = wh_command(
            root,
            &["adr", "new", "Step", "--supersedes", &head.to_string()],
        )
        .env("WH_TEST_WRITE_PAUSE_MS", pause_ms)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
        std::thread::sleep(Duration::from_micros(rng.below(span)));
        let _ = child.kill();
        let status = child.wait().unwrap();

        if writer::pending_journal(root).is_some() {
            interrupted += 1;
            // reading reports it, writes nothing, and is not an error
            let o = wh(root, &["check"]);
            assert!(o.status.success(), "seed {seed}: {}", text(&o.stdout));
            assert!(
                text(&o.stdout).contains("interrupted"),
                "{}",
                text(&o.stdout)
            );
            assert!(writer::pending_journal(root).is_some());
        }
        // The next write (here only its first step: taking the lock) settles the workspace.
        drop(writer::lock(root).unwrap());
        assert!(writer::pending_journal(root).is_none());
        assert_eq!(
            temp_files(root),
            Vec::<PathBuf>::new(),
            "seed {seed}, kill {i}"
        );

        let after = chain_state(root);
        if after == before {
            old += 1;
        } else {
            // All new: exactly one record more, the head superseded by it, it superseding the head.
            new += 1;
            let next = head + 1;
            assert_eq!(
                after.len(),
                before.len() + 1,
                "seed {seed}, kill {i}: {after:?}"
            );
            let h = after.iter().find(|r| r.0 == head).unwrap();
            let n = after
                .iter()
                .find(|r| r.0 == next)
                .unwrap_or_else(|| panic!("seed {seed}, kill {i}: no adr:{next} in {after:?}"));
            assert_eq!(h.1, AdrStatus::Superseded, "seed {seed}, kill {i}: {h:?}");
            assert_eq!(h.3, [format!("adr:{next}")], "seed {seed}, kill {i}");
            assert_eq!(n.2, [format!("adr:{head}")], "seed {seed}, kill {i}");
            assert_eq!(
                &after[..after.len() - 1],
                &{
                    let mut b = before.clone();
                    let at = b.iter().position(|r| r.0 == head).unwrap();
                    b[at] = h.clone();
                    b
                }[..]
            );
            head = next;
        }
        if status.success() {
            assert!(after != before, "seed {seed}: exited 0 but wrote nothing");
        }
        let o = wh(root, &["check"]);
        assert!(
            o.status.success() && text(&o.stdout).contains("0 errors, 0 warnings"),
            "seed {seed}, kill {i}: {}",
            text(&o.stdout)
        );
    }
    eprintln!("all-old {old}, all-new {new}, interrupted mid-write {interrupted}");
    // The kills must have hit every phase, or this test proves little.
    assert!(old > 0 && new > 0, "all-old {old}, all-new {new}");
    assert!(interrupted > 0, "no kill landed inside a write");
}

// ---------------------------------------------------------------- item 3

#[test]
fn an_edit_made_while_a_supersede_is_writing_is_never_lost() {
    let dir = fresh();
    let root = dir.path();
    let o = wh(root, &["adr", "new", "Old", "--status", "accepted"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let old = root.join("decisions/0001-old.toml");
    for round in 0..3 {
        let child = wh_command(root, &["adr", "new", "New", "--supersedes", "1"])
            .env("WH_TEST_WRITE_PAUSE_MS", "300")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Wait until it has read the old record and journaled its plan, then edit the old
        // record as an editor would (round 0, 1: in place; round 2: a new file renamed over it).
        wait_until_journaled(root);
        let theirs = format!(
            "{}# their note {round}\n",
            fs::read_to_string(&old).unwrap()
        );
        if round < 2 {
            fs::write(&old, &theirs).unwrap();
        } else {
            fs::write(root.join("decisions/.editor-save"), &theirs).unwrap();
            fs::rename(root.join("decisions/.editor-save"), &old).unwrap();
        }
        let o = child.wait_with_output().unwrap();
        assert!(
            !o.status.success(),
            "round {round}: it wrote over their edit"
        );
        assert!(
            text(&o.stderr).contains("changed on disk"),
            "{}",
            text(&o.stderr)
        );
        assert_eq!(fs::read_to_string(&old).unwrap(), theirs, "round {round}");
        assert_eq!(decision_names(root), ["0001-old.toml"], "round {round}");
        assert!(writer::pending_journal(root).is_none());
        assert!(temp_files(root).is_empty());
    }
}

#[test]
fn a_name_taken_by_another_program_meanwhile_moves_the_record_to_the_next_number() {
    let dir = fresh();
    let root = dir.path();
    let o = wh(root, &["adr", "new", "Old", "--status", "accepted"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let child = wh_command(root, &["adr", "new", "New", "--supersedes", "1"])
        .env("WH_TEST_WRITE_PAUSE_MS", "300")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_until_journaled(root);
    // Something that does not take the lock creates the very file it is about to write.
    let theirs = "[adr]\nnumber = 2\ntitle = \"Theirs\"\nstatus = \"proposed\"\n";
    fs::write(root.join("decisions/0002-new.toml"), theirs).unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert_eq!(text(&o.stdout).trim(), "decisions/0003-new.toml");
    assert_eq!(
        fs::read_to_string(root.join("decisions/0002-new.toml")).unwrap(),
        theirs
    );
    let state = chain_state(root);
    assert_eq!(state[0].3, ["adr:3"], "{state:?}");
    assert_eq!(state[2].2, ["adr:1"], "{state:?}");
    assert!(wh(root, &["check"]).status.success());
}

// ---------------------------------------------------------------- item 15

#[test]
fn the_highest_possible_number_is_refused_not_reused() {
    let dir = fresh();
    fs::write(
        dir.path().join("decisions/4294967295-last.toml"),
        "[adr]\nnumber = 4294967295\ntitle = \"Last\"\nstatus = \"accepted\"\n",
    )
    .unwrap();
    let before = decision_names(dir.path());
    let o = wh(dir.path(), &["adr", "new", "After the last"]);
    assert!(!o.status.success());
    assert!(
        text(&o.stderr).contains("4294967295") && text(&o.stderr).contains("no next"),
        "{}",
        text(&o.stderr)
    );
    assert_eq!(decision_names(dir.path()), before);
}

#[test]
fn a_new_record_cannot_start_superseded() {
    let dir = fresh();
    let o = wh(
        dir.path(),
        &["adr", "new", "Born old", "--status", "superseded"],
    );
    assert!(!o.status.success());
    assert!(
        text(&o.stderr).contains("cannot start as superseded"),
        "{}",
        text(&o.stderr)
    );
    assert!(decision_names(dir.path()).is_empty());
    // the other statuses still work, and what they write passes the check
    let o = wh(
        dir.path(),
        &["adr", "new", "Fine", "--status", "deprecated"],
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(wh(dir.path(), &["check"]).status.success());
}

// ---------------------------------------------------------------- item 16, end to end

#[cfg(unix)]
#[test]
fn adr_new_refuses_a_decisions_folder_linked_out_of_the_workspace() {
    let dir = fresh();
    let outside = tempfile::tempdir().unwrap();
    fs::write(
        outside.path().join("0001-shared.toml"),
        "[adr]\nnumber = 1\ntitle = \"Shared\"\nstatus = \"accepted\"\n",
    )
    .unwrap();
    fs::remove_dir_all(dir.path().join("decisions")).unwrap();
    std::os::unix::fs::symlink(outside.path(), dir.path().join("decisions")).unwrap();
    let o = wh(dir.path(), &["adr", "list"]);
    assert!(o.status.success() && text(&o.stdout).contains("Shared"));
    for args in [
        &["adr", "new", "Elsewhere"][..],
        &["adr", "new", "Elsewhere", "--supersedes", "1"][..],
    ] {
        let o = wh(dir.path(), args);
        assert!(!o.status.success());
        assert!(
            text(&o.stderr).contains("outside the workspace"),
            "{}",
            text(&o.stderr)
        );
    }
    assert_eq!(fs::read_dir(outside.path()).unwrap().count(), 1);
}
