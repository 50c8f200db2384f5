//! The one way the CLI prints to stdout. A reader that stops early (`wh adr show 5 | head -1`)
//! closes the pipe; every write returns that as an error like any other, and `cli::run` alone
//! turns it into a quiet, successful exit (no panic, no "failed printing to stdout").

use std::io::{self, Write};

/// Writes `text` to stdout and flushes it.
pub fn print(text: &str) -> io::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()
}

/// A buffered stdout for commands that print line by line. Call `flush` at the end:
/// dropping it would swallow a write error.
pub fn stdout() -> io::BufWriter<io::StdoutLock<'static>> {
    io::BufWriter::with_capacity(64 * 1024, io::stdout().lock())
}

/// Whether `err` (or anything in its chain) is a closed stdout.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::Context;

    #[test]
    fn broken_pipe_is_found_through_context() {
        let err: anyhow::Result<()> = Err(io::Error::from(io::ErrorKind::BrokenPipe).into());
        assert!(is_broken_pipe(&err.context("printing").unwrap_err()));
        let other: anyhow::Error = io::Error::from(io::ErrorKind::NotFound).into();
        assert!(!is_broken_pipe(&other));
    }
}
