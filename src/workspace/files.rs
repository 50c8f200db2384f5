//! Reading many files fast, for the TOML loader and the markdown ADR reader alike: one reused
//! buffer per thread, work taken in batches by every core, and the content hash the writer checks.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// Reads the whole file at `path` into `buf`, reused from file to file (no allocation and no
/// size query per file), and returns how many bytes it holds.
pub fn read(path: &Path, buf: &mut Vec<u8>) -> io::Result<usize> {
    let mut f = File::open(path)?;
    let mut n = 0;
    loop {
        if n == buf.len() {
            buf.resize(buf.len() * 2 + 16 * 1024, 0);
        }
        match f.read(&mut buf[n..]) {
            Ok(0) => return Ok(n),
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

/// `read(i, scratch)` for every `i` in `0..count`, on all cores, results in index order. Work is
/// taken in small batches (files differ in size, cores in load: the machine is shared) and each
/// result is written in its place, never moved. Each thread has its own scratch state (a read
/// buffer, say), made with `Default`. A slot left `None` means its thread panicked. Small
/// folders stay on this thread.
pub fn parallel_read<S: Default, R: Send>(
    count: usize,
    read: impl Fn(usize, &mut S) -> R + Sync,
) -> Vec<Option<R>> {
    const BATCH: usize = 32;
    let mut slots: Vec<Option<R>> = (0..count).map(|_| None).collect();
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8)
        .min(count / (2 * BATCH) + 1);
    let work = std::sync::Mutex::new(slots.chunks_mut(BATCH).enumerate());
    let worker = || {
        let mut buf = S::default();
        loop {
            let next = work.lock().unwrap_or_else(|e| e.into_inner()).next();
            let Some((b, batch)) = next else { break };
            for (k, slot) in batch.iter_mut().enumerate() {
                *slot = Some(read(b * BATCH + k, &mut buf));
            }
        }
    };
    std::thread::scope(|s| {
        let helpers: Vec<_> = (1..threads).map(|_| s.spawn(worker)).collect();
        // this thread works too instead of waiting; a panic anywhere only leaves slots empty
        let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(worker));
        for h in helpers {
            let _ = h.join();
        }
    });
    slots
}

/// Whether a folder entry is a file to read: a regular file, or a link to one. A named pipe,
/// a socket or a device is not (opening a pipe nobody writes would wait for ever).
pub fn is_regular(entry: &std::fs::DirEntry) -> bool {
    match entry.file_type() {
        Ok(t) if t.is_file() => true,
        // a link that points nowhere is listed (and reported unreadable); one to a pipe is not
        Ok(t) if t.is_symlink() => std::fs::metadata(entry.path()).map_or(true, |m| m.is_file()),
        _ => false,
    }
}

/// FNV-1a 64: the content hash `SourceFile::hash` holds and the writer compares before saving.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a64_known_values() {
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn parallel_read_keeps_index_order_and_gives_each_thread_its_state() {
        let out = parallel_read(1000, |i, seen: &mut Vec<usize>| {
            seen.push(i);
            (i, seen.len())
        });
        assert_eq!(out.len(), 1000);
        for (k, slot) in out.iter().enumerate() {
            let (i, n) = slot.expect("every slot filled");
            assert_eq!(i, k);
            assert!(n >= 1);
        }
        // state is per thread and reused: some thread saw more than one index
        assert!(out.iter().flatten().any(|&(_, n)| n > 1));
    }
}
