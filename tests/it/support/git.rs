//! Scripted git histories for tests, written with gix (no `git` binary on PATH): each commit
//! sets or removes files at a fixed date and author, so hashes are the same on every machine,
//! and the working tree mirrors the last commit.
#![allow(dead_code)]

use std::path::Path;

use gix::objs::tree::EntryKind;
use gix::ObjectId;

/// Builds commits on HEAD and mirrors the last one into the working tree.
pub struct Repo {
    repo: gix::Repository,
    tree: ObjectId,
    head: Option<ObjectId>,
}

impl Repo {
    pub fn new(dir: &Path) -> Repo {
        let repo = gix::init(dir).expect("init");
        let tree = ObjectId::empty_tree(repo.object_hash());
        Repo {
            repo,
            tree,
            head: None,
        }
    }

    pub fn commit(&mut self, date: &str, files: &[(&str, String)], removed: &[&str]) -> ObjectId {
        let mut editor = self.repo.edit_tree(self.tree).expect("editor");
        for (path, text) in files {
            let blob = self
                .repo
                .write_blob(text.as_bytes())
                .expect("blob")
                .detach();
            editor.upsert(*path, EntryKind::Blob, blob).expect("upsert");
        }
        for path in removed {
            editor.remove(*path).expect("remove");
        }
        self.tree = editor.write().expect("tree").detach();
        let secs = days_from_civil(date) * 86_400 + 12 * 3600;
        let time = format!("{secs} +0000");
        let sig = gix::actor::SignatureRef {
            name: "Ann".into(),
            email: "ann@example.com".into(),
            time: &time,
        };
        let id = self
            .repo
            .commit_as(
                sig,
                sig,
                "HEAD",
                format!("change {date}"),
                self.tree,
                self.head,
            )
            .expect("commit")
            .detach();
        self.head = Some(id);
        let wt = self.repo.workdir().expect("work tree").to_path_buf();
        for (path, text) in files {
            let p = wt.join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        for path in removed {
            let _ = std::fs::remove_file(wt.join(path));
        }
        id
    }

    pub fn tag(&self, name: &str, id: ObjectId) {
        self.repo
            .tag_reference(name, id, gix::refs::transaction::PreviousValue::Any)
            .expect("tag");
    }
}

pub fn days_from_civil(date: &str) -> i64 {
    let p: Vec<i64> = date.split('-').map(|x| x.parse().unwrap()).collect();
    let (y, m, d) = (p[0], p[1], p[2]);
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}
