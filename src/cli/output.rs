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

/// Pretty JSON with a final newline. serde_json escapes C0 controls; C1 controls, DEL and bidi
/// overrides are escaped here too (`\u009b`), so the output is the same data yet inert in a terminal.
pub fn write_json(out: &mut impl Write, value: &impl serde::Serialize) -> anyhow::Result<()> {
    let text = serde_json::to_string_pretty(value)?;
    let mut safe = String::with_capacity(text.len() + 1);
    for c in text.chars() {
        // escaped, not shown: the value parses back exactly, zero-width characters included
        if matches!(c, '\u{7f}'..='\u{9f}')
            || crate::text::is_bidi_control(c)
            || crate::text::is_invisible(c)
        {
            safe.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            safe.push(c);
        }
    }
    safe.push('\n');
    out.write_all(safe.as_bytes())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_escapes_terminal_controls() {
        let mut out = Vec::new();
        write_json(&mut out, &["a\u{1b}[2J\u{9b}\u{202e}b"]).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(!text.contains('\u{1b}') && !text.contains('\u{9b}') && !text.contains('\u{202e}'));
        let back: Vec<String> = serde_json::from_str(&text).unwrap();
        assert_eq!(back[0], "a\u{1b}[2J\u{9b}\u{202e}b");
    }
    use anyhow::Context;

    #[test]
    fn broken_pipe_is_found_through_context() {
        let err: anyhow::Result<()> = Err(io::Error::from(io::ErrorKind::BrokenPipe).into());
        assert!(is_broken_pipe(&err.context("printing").unwrap_err()));
        let other: anyhow::Error = io::Error::from(io::ErrorKind::NotFound).into();
        assert!(!is_broken_pipe(&other));
    }
}
