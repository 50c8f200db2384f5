//! Reading the files of one folder fast: one read buffer per thread, work taken in batches by
//! every core.

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

/// `read(i, buffer)` for every `i` in `0..count`, on all cores, results in index order. Work is
/// taken in small batches (files differ in size, cores in load: the machine is shared) and each
/// result is written in its place, never moved. Each thread has one read buffer. A slot left
/// `None` means its thread panicked. Small folders stay on this thread.
pub fn parallel_read<R: Send>(
    count: usize,
    read: impl Fn(usize, &mut Vec<u8>) -> R + Sync,
) -> Vec<Option<R>> {
    const BATCH: usize = 32;
    let mut slots: Vec<Option<R>> = (0..count).map(|_| None).collect();
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8)
        .min(count / (2 * BATCH) + 1);
    let work = std::sync::Mutex::new(slots.chunks_mut(BATCH).enumerate());
    let worker = || {
        let mut buf = Vec::new();
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
