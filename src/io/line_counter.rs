//! The line a CSV record starts on, counted from the bytes themselves.
//!
//! The CSV reader's own line numbers drift from the file's: a record after
//! a `\r\n` ending or after blank lines was named one or more lines too
//! early. Its byte offsets say where the reader began looking for the
//! record (before any blank lines), so the lines are counted here: each
//! line's first byte that is not a line ending is noted with its line
//! number, and a record's line is that of the first such byte at or after
//! its offset. Only the marks not yet passed are kept (about a buffer's
//! worth).

use std::cell::RefCell;
use std::collections::VecDeque;
use std::io::Read;

/// Wraps the text the CSV reader reads and notes where each line's text starts.
pub struct LineCounter<R> {
    inner: R,
    consumed: u64,
    /// The current line (1-based) of the next byte read.
    line: u64,
    /// Whether no text has been seen yet on the current line.
    at_start: bool,
    /// (offset, line) of each line's first text byte, not yet passed.
    starts: RefCell<VecDeque<(u64, u64)>>,
}

impl<R> LineCounter<R> {
    /// Counts the lines of `inner`.
    pub fn new(inner: R) -> Self {
        LineCounter {
            inner,
            consumed: 0,
            line: 1,
            at_start: true,
            starts: RefCell::new(VecDeque::new()),
        }
    }

    /// The 1-based line of the first text at or after byte `offset`.
    /// Offsets must be asked for in increasing order (records are read in
    /// order).
    pub fn line_at(&self, offset: u64) -> u64 {
        let mut starts = self.starts.borrow_mut();
        while starts.len() > 1 && starts.front().is_some_and(|&(o, _)| o < offset) {
            starts.pop_front();
        }
        match starts.front() {
            Some(&(o, line)) if o >= offset => line,
            _ => self.line,
        }
    }

    /// Notes the first text byte of the current line at `i` or after, if
    /// it is in `buf`.
    fn mark_start(&mut self, buf: &[u8], mut i: usize) {
        while i < buf.len() {
            match buf[i] {
                b'\r' => i += 1,
                b'\n' => return,
                _ => {
                    self.starts
                        .get_mut()
                        .push_back((self.consumed + i as u64, self.line));
                    self.at_start = false;
                    return;
                }
            }
        }
    }
}

impl<R: Read> Read for LineCounter<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let bytes = &buf[..n];
        if self.at_start {
            self.mark_start(bytes, 0);
        }
        for p in memchr::memchr_iter(b'\n', bytes) {
            self.line += 1;
            self.at_start = true;
            self.mark_start(bytes, p + 1);
        }
        self.consumed += n as u64;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counted(text: &[u8], chunk: usize) -> LineCounter<std::io::Cursor<Vec<u8>>> {
        let mut r = LineCounter::new(std::io::Cursor::new(text.to_vec()));
        let mut buf = vec![0; chunk];
        while r.read(&mut buf).unwrap() > 0 {}
        r
    }

    #[test]
    fn lines_are_counted_as_an_editor_counts_them() {
        let text = b"h;v\r\n\r\n\r\n\"a\nb\";1\r\nc;2\n";
        for chunk in [1, 2, 3, 64] {
            let r = counted(text, chunk);
            assert_eq!(r.line_at(0), 1);
            // The reader looks for the next record from the header's end
            // (byte 4); it starts on line 4, after two blank lines.
            assert_eq!(r.line_at(4), 4, "chunk {chunk}");
            // The next follows the quoted newline: line 6.
            assert_eq!(r.line_at(17), 6, "chunk {chunk}");
        }
    }
}
