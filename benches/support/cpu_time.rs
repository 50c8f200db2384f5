//! Criterion measurements of CPU time instead of wall-clock time. On a shared 2-core machine
//! wall-clock time mostly measures waiting for a core; CPU time does not. `ProcessCpu` counts
//! every thread of the process (user + system, `CLOCK_PROCESS_CPUTIME_ID`: for work spread over
//! threads, such as search); `ThreadCpu` only the benchmark's own thread
//! (`CLOCK_THREAD_CPUTIME_ID`: for single-threaded work, such as drawing a frame).
//! On an idle machine, wall ≈ CPU / threads used.

#![allow(dead_code)] // each bench uses one of the two

use criterion::measurement::{Measurement, ValueFormatter};
use criterion::Throughput;

fn cpu_ns(clock: libc::clockid_t) -> u64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes into the timespec we own; both clock ids are valid on Linux.
    unsafe { libc::clock_gettime(clock, &mut ts) };
    ts.tv_sec as u64 * 1_000_000_000 + ts.tv_nsec as u64
}

/// The calling thread's CPU time so far, in nanoseconds.
pub fn thread_ns() -> u64 {
    cpu_ns(libc::CLOCK_THREAD_CPUTIME_ID)
}

/// CPU time of every thread of the process.
pub struct ProcessCpu;

/// CPU time of the calling thread.
pub struct ThreadCpu;

struct CpuFormatter;

impl ValueFormatter for CpuFormatter {
    fn scale_values(&self, ns: f64, values: &mut [f64]) -> &'static str {
        let (factor, unit) = if ns < 1e3 {
            (1.0, "ns cpu")
        } else if ns < 1e6 {
            (1e-3, "µs cpu")
        } else {
            (1e-6, "ms cpu")
        };
        values.iter_mut().for_each(|v| *v *= factor);
        unit
    }
    fn scale_throughputs(&self, _: f64, _: &Throughput, _: &mut [f64]) -> &'static str {
        "unused"
    }
    fn scale_for_machines(&self, _: &mut [f64]) -> &'static str {
        "ns"
    }
}

macro_rules! cpu_measurement {
    ($name:ident, $clock:expr) => {
        impl Measurement for $name {
            type Intermediate = u64;
            type Value = u64;
            fn start(&self) -> u64 {
                cpu_ns($clock)
            }
            fn end(&self, start: u64) -> u64 {
                cpu_ns($clock).saturating_sub(start)
            }
            fn add(&self, a: &u64, b: &u64) -> u64 {
                a + b
            }
            fn zero(&self) -> u64 {
                0
            }
            fn to_f64(&self, v: &u64) -> f64 {
                *v as f64
            }
            fn formatter(&self) -> &dyn ValueFormatter {
                &CpuFormatter
            }
        }
    };
}

cpu_measurement!(ProcessCpu, libc::CLOCK_PROCESS_CPUTIME_ID);
cpu_measurement!(ThreadCpu, libc::CLOCK_THREAD_CPUTIME_ID);
