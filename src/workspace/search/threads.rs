//! Spreading a query over threads: contiguous ranges for one-off searches, chunks taken in
//! turn for the keystroke filter.

use super::memo::{self, Memos};
use super::rank::Ranked;

/// Below this many records a query runs on one thread: spawning costs more than it saves.
pub(super) const PARALLEL_FROM: usize = 2_000;

/// `work` over contiguous ranges of `0..n`, one per thread (one thread below
/// [`PARALLEL_FROM`]); the results concatenated in range order.
pub(super) fn in_parallel<R: Send>(
    n: usize,
    work: impl Fn(std::ops::Range<usize>) -> Vec<R> + Sync,
) -> Vec<R> {
    run_jobs(ranges_for(n), work)
        .into_iter()
        // a worker only panics on a bug: its range then gives no results
        .flat_map(Option::unwrap_or_default)
        .collect()
}

/// Contiguous ranges of `0..n`, one per thread ([`threads_for`]).
pub(super) fn ranges_for(n: usize) -> Vec<std::ops::Range<usize>> {
    let threads = threads_for(n);
    let chunk = n.div_ceil(threads).max(1);
    (0..threads)
        .map(|t| (t * chunk).min(n)..((t + 1) * chunk).min(n))
        .collect()
}

/// `work` on each job, in job order: all but the last on threads of their own, the last
/// here, on the calling thread (warm, and one spawn fewer). With several jobs, one whose work
/// panics (only ever a bug) gives None.
pub(super) fn run_jobs<J: Send, R: Send>(
    mut jobs: Vec<J>,
    work: impl Fn(J) -> R + Sync,
) -> Vec<Option<R>> {
    let Some(last) = jobs.pop() else {
        return Vec::new();
    };
    if jobs.is_empty() {
        return vec![Some(work(last))];
    }
    std::thread::scope(|scope| {
        let workers: Vec<_> = jobs
            .into_iter()
            .map(|job| {
                let work = &work;
                scope.spawn(move || work(job))
            })
            .collect();
        let mine = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(last))).ok();
        let mut all: Vec<Option<R>> = workers.into_iter().map(|w| w.join().ok()).collect();
        all.push(mine);
        all
    })
}

/// Records a thread takes at a time in [`in_parallel_chunks`]: a few dozen chunks over 10,000
/// records, each a few dozen microseconds of work.
pub(super) const CHUNK: usize = 256;

/// `work` over items `0..n` whose records (`record_of(k)`) ascend, on [`threads_for`] threads
/// (this one, and new ones) that take chunks of the items in turn. A new thread can take a few
/// hundred microseconds to be scheduled; meanwhile this one takes more chunks, so they all
/// finish together. With `memos`, each chunk comes with the memos of a contiguous range of
/// records holding its items' records. `work` runs once per thread, with the chunks it gets (ascending, so it
/// sees its items in record order) and its own run of `runs` to fill (cleared first).
pub(super) fn in_parallel_chunks(
    n: usize,
    record_of: impl Fn(usize) -> usize,
    memos: Option<&mut Memos>,
    runs: &mut Vec<Vec<Ranked>>,
    work: impl Fn(&mut Chunks, &mut Vec<Ranked>) + Sync,
) {
    let threads = threads_for(n);
    let size = if threads == 1 { n.max(1) } else { CHUNK };
    let ranges: Vec<std::ops::Range<usize>> = (0..n.div_ceil(size))
        .map(|c| c * size..((c + 1) * size).min(n))
        .collect();
    let slices: Vec<Option<memo::Slice>> = match memos {
        Some(memos) => {
            // the memos of each chunk start at its first item's record
            let starts: Vec<usize> = ranges
                .iter()
                .skip(1)
                .map(|r| record_of(r.start).min(memos.records()))
                .collect();
            memos.split(&starts).into_iter().map(Some).collect()
        }
        None => ranges.iter().map(|_| None).collect(),
    };
    let chunks: Vec<Untaken> = ranges
        .into_iter()
        .zip(slices)
        .map(|chunk| std::sync::Mutex::new(Some(chunk)))
        .collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    if runs.len() < threads {
        runs.resize_with(threads, Vec::new);
    }
    runs.truncate(threads);
    runs.iter_mut().for_each(Vec::clear);
    let jobs: Vec<&mut Vec<Ranked>> = runs.iter_mut().collect();
    let done = run_jobs(jobs, |run| {
        let mut mine = Chunks {
            next: &next,
            chunks: &chunks,
        };
        work(&mut mine, run)
    });
    // a worker only panics on a bug: its chunks then give no results
    for (run, done) in runs.iter_mut().zip(done) {
        if done.is_none() {
            run.clear();
        }
    }
}

/// The chunks of [`in_parallel_chunks`] one thread gets: each the next one no thread has taken.
pub(super) struct Chunks<'a, 'm> {
    pub(super) next: &'a std::sync::atomic::AtomicUsize,
    pub(super) chunks: &'a [Untaken<'m>],
}

/// A chunk of items and its memos, until a thread takes it.
pub(super) type Untaken<'m> =
    std::sync::Mutex<Option<(std::ops::Range<usize>, Option<memo::Slice<'m>>)>>;

impl<'m> Iterator for Chunks<'_, 'm> {
    type Item = (std::ops::Range<usize>, Option<memo::Slice<'m>>);

    fn next(&mut self) -> Option<Self::Item> {
        let k = self.next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        // each chunk is taken once, so its lock is never contended
        self.chunks.get(k)?.lock().ok()?.take()
    }
}

/// How many threads a job of `n` records takes.
pub(super) fn threads_for(n: usize) -> usize {
    if n >= PARALLEL_FROM {
        std::thread::available_parallelism().map_or(1, |p| p.get().min(4))
    } else {
        1
    }
}
