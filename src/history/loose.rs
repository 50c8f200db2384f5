//! Reads loose objects with one `read` each instead of gix's `mmap` each. A past revision of a
//! workspace is thousands of small blobs, and most of a fresh repository's are loose (git packs
//! them only at its next `gc`): mapping and unmapping each one costs a TLB shoot-down on every
//! core, which made `--rev` three times the working-tree load. A packed object, an alternate
//! or anything this reader does not know is left to gix.

use std::io::Read;
use std::path::PathBuf;

use gix::objs::Kind;
use gix::ObjectId;

/// After this many lookups in a row that found no loose file, the objects are packed: stop
/// looking (a failed `open` costs a path walk each).
const MISSES_BEFORE_GIVING_UP: u32 = 64;

/// One thread's loose-object reader: the objects folder, and a read buffer and inflate state
/// kept from one object to the next.
pub struct LooseObjects {
    dir: PathBuf,
    compressed: Vec<u8>,
    inflate: gix::zlib::Inflate,
    misses: u32,
}

impl LooseObjects {
    pub fn new(repo: &gix::Repository) -> LooseObjects {
        LooseObjects {
            dir: repo.common_dir().join("objects"),
            compressed: Vec::new(),
            inflate: gix::zlib::Inflate::default(),
            misses: 0,
        }
    }

    /// The bytes of blob `id` when it is a loose object; `None` when it is not (or this reader
    /// has given up looking), and gix is to find it.
    pub fn blob(&mut self, id: ObjectId) -> Option<Result<Vec<u8>, String>> {
        if self.misses >= MISSES_BEFORE_GIVING_UP {
            return None;
        }
        let hex = id.to_hex().to_string();
        let path = self.dir.join(&hex[..2]).join(&hex[2..]);
        let Ok(mut file) = std::fs::File::open(&path) else {
            self.misses += 1;
            return None;
        };
        self.misses = 0;
        self.compressed.clear();
        if let Err(e) = file.read_to_end(&mut self.compressed) {
            return Some(Err(format!("reading {}: {e}", path.display())));
        }
        Some(
            self.inflate_blob()
                .map_err(|e| format!("loose object {hex}: {e}")),
        )
    }

    fn inflate_blob(&mut self) -> Result<Vec<u8>, String> {
        // "blob 1234567890\0": the header is short; what does not fit is the body's start
        let mut header = [0u8; 64];
        self.inflate.reset();
        let (status, used_in, written) = self
            .inflate
            .prefix(&self.compressed, &mut header)
            .map_err(|e| e.to_string())?;
        let (kind, size, header_len) =
            gix::objs::decode::loose_header(&header[..written]).map_err(|e| e.to_string())?;
        if kind != Kind::Blob {
            return Err(format!("a {kind}, not a blob"));
        }
        // zlib cannot inflate more than ~1,032 bytes per byte: a larger size is a lie, and
        // allocating it would let one corrupt object take the memory
        let size = usize::try_from(size).map_err(|_| "too large".to_string())?;
        if size > self.compressed.len().saturating_mul(1_100) + 64 {
            return Err(format!("claims {size} bytes in {}", self.compressed.len()));
        }
        let mut out = Vec::new();
        let body_so_far = written.saturating_sub(header_len);
        if status == gix::zlib::Status::StreamEnd {
            out.extend_from_slice(&header[header_len..written]);
        } else {
            self.inflate
                .rest(
                    &self.compressed[used_in..],
                    &header[..written],
                    header_len,
                    &mut out,
                    size.max(body_so_far),
                )
                .map_err(|e| e.to_string())?;
        }
        if out.len() != size {
            return Err(format!("{} bytes where the header says {size}", out.len()));
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repo_with(blob: &[u8]) -> (tempfile::TempDir, gix::Repository, ObjectId) {
        let dir = tempfile::tempdir().unwrap();
        let repo = gix::init(dir.path()).unwrap();
        let id = repo.write_blob(blob).unwrap().detach();
        (dir, repo, id)
    }

    #[test]
    fn reads_a_loose_blob_as_gix_does() {
        for text in [&b""[..], b"short", &b"x".repeat(100_000)] {
            let (_dir, repo, id) = repo_with(text);
            let mut loose = LooseObjects::new(&repo);
            let bytes = loose.blob(id).expect("loose").expect("readable");
            assert_eq!(bytes, repo.find_blob(id).unwrap().take_data());
        }
    }

    #[test]
    fn leaves_a_missing_object_to_gix_and_gives_up_after_many() {
        let (_dir, repo, _) = repo_with(b"x");
        let mut loose = LooseObjects::new(&repo);
        let absent = ObjectId::empty_tree(repo.object_hash());
        for _ in 0..MISSES_BEFORE_GIVING_UP {
            assert!(loose.blob(absent).is_none());
        }
        assert_eq!(loose.misses, MISSES_BEFORE_GIVING_UP);
    }

    #[test]
    fn a_corrupt_or_lying_object_is_an_error_not_an_allocation() {
        let (_dir, repo, id) = repo_with(b"hello");
        let hex = id.to_hex().to_string();
        let path = repo
            .common_dir()
            .join("objects")
            .join(&hex[..2])
            .join(&hex[2..]);
        let mut perms = std::fs::metadata(&path).unwrap().permissions();
        #[allow(clippy::permissions_set_readonly_false)]
        perms.set_readonly(false);
        std::fs::set_permissions(&path, perms).unwrap();
        // a header claiming a terabyte
        let mut enc =
            gix::zlib::stream::deflate::Write::new(Vec::new(), gix::zlib::Compression::default());
        std::io::Write::write_all(&mut enc, b"blob 1000000000000\0abc").unwrap();
        std::io::Write::flush(&mut enc).unwrap();
        std::fs::write(&path, enc.into_inner()).unwrap();
        let mut loose = LooseObjects::new(&repo);
        assert!(loose.blob(id).expect("loose").is_err());
        std::fs::write(&path, b"not zlib at all").unwrap();
        assert!(loose.blob(id).expect("loose").is_err());
    }
}
