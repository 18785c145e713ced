//! Writing to the process's stdout and stderr from JS.
//!
//! Writes never panic: a closed pipe (`baton x.js | head -1`) silently drops output, as node does
//! for `EPIPE` on stdout, instead of aborting the process.

use std::io::Write;

/// Where a host API writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stream {
    Stdout,
    Stderr,
}

/// Writes `text` followed by a newline to `stream`.
pub(crate) fn write_line(stream: Stream, text: &str) {
    write(stream, text, true);
}

/// Writes `text` to `stream`, with a newline when `newline` is set.
pub(crate) fn write(stream: Stream, text: &str, newline: bool) {
    fn go(mut w: impl Write, text: &str, newline: bool) -> std::io::Result<()> {
        w.write_all(text.as_bytes())?;
        if newline {
            w.write_all(b"\n")?;
        }
        Ok(())
    }
    let _ = match stream {
        Stream::Stdout => go(std::io::stdout().lock(), text, newline),
        Stream::Stderr => go(std::io::stderr().lock(), text, newline),
    };
}
