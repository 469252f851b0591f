//! Reading a file's rows on a second core while the first checks them: a
//! thread fills batches of rows and hands them over; the rows' buffers go
//! back and forth, so no row costs an allocation on either side.

use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use super::source::{RowReader, SourceError, SourceRow};

/// Rows per batch handed over.
const BATCH: usize = 1024;

/// Batches in flight (read ahead, waiting to be checked).
const IN_FLIGHT: usize = 3;

/// A batch of rows read, each with how its reading went.
struct Batch {
    rows: Vec<SourceRow>,
    results: Vec<Result<(), SourceError>>,
    /// Rows filled (the rest are spare buffers).
    len: usize,
    /// The file ends after these rows.
    last: bool,
}

/// The rows of `inner`, read on another thread.
pub(super) struct AheadRows {
    full: Receiver<Batch>,
    spare: SyncSender<Batch>,
    current: Option<Batch>,
    at: usize,
}

impl AheadRows {
    /// Starts reading `inner` on a thread of its own.
    pub(super) fn start(mut inner: Box<dyn RowReader>) -> AheadRows {
        let (full_tx, full) = sync_channel::<Batch>(IN_FLIGHT);
        let (spare, spare_rx) = sync_channel::<Batch>(IN_FLIGHT + 1);
        for _ in 0..IN_FLIGHT {
            let _ = spare.send(Batch {
                rows: Vec::new(),
                results: Vec::new(),
                len: 0,
                last: false,
            });
        }
        std::thread::spawn(move || {
            while let Ok(mut batch) = spare_rx.recv() {
                batch.len = 0;
                batch.results.clear();
                batch.last = false;
                while batch.len < BATCH {
                    if batch.rows.len() == batch.len {
                        batch.rows.push(SourceRow {
                            line: 0,
                            cells: Vec::new(),
                        });
                    }
                    match inner.read_into(&mut batch.rows[batch.len]) {
                        Some(result) => {
                            batch.results.push(result);
                            batch.len += 1;
                        }
                        None => {
                            batch.last = true;
                            break;
                        }
                    }
                }
                let last = batch.last;
                if full_tx.send(batch).is_err() || last {
                    return;
                }
            }
        });
        AheadRows {
            full,
            spare,
            current: None,
            at: 0,
        }
    }
}

impl RowReader for AheadRows {
    fn read_into(&mut self, row: &mut SourceRow) -> Option<Result<(), SourceError>> {
        loop {
            if let Some(batch) = &mut self.current {
                if self.at < batch.len {
                    // The caller's buffer goes back into the batch, to be refilled.
                    std::mem::swap(row, &mut batch.rows[self.at]);
                    let result = std::mem::replace(&mut batch.results[self.at], Ok(()));
                    self.at += 1;
                    return Some(result);
                }
                if batch.last {
                    return None;
                }
            }
            if let Some(done) = self.current.take() {
                let _ = self.spare.send(done);
            }
            match self.full.recv() {
                Ok(batch) => {
                    self.current = Some(batch);
                    self.at = 0;
                }
                // The reading thread stopped without saying the file ended.
                Err(_) => {
                    return Some(Err(SourceError::Format(
                        "the file could not be read to its end".into(),
                    )));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::source::RawCell;

    struct Counting {
        n: u64,
        upto: u64,
    }

    impl RowReader for Counting {
        fn read_into(&mut self, row: &mut SourceRow) -> Option<Result<(), SourceError>> {
            if self.n >= self.upto {
                return None;
            }
            self.n += 1;
            row.line = self.n;
            row.cells.clear();
            row.cells.push(RawCell::Number(self.n as f64));
            if self.n % 1000 == 7 {
                return Some(Err(SourceError::Row {
                    line: self.n,
                    reason: "odd".into(),
                }));
            }
            Some(Ok(()))
        }
    }

    #[test]
    fn every_row_and_every_row_error_arrives_in_order() {
        let mut rows = AheadRows::start(Box::new(Counting { n: 0, upto: 5000 }));
        let mut row = SourceRow {
            line: 0,
            cells: Vec::new(),
        };
        let mut lines = Vec::new();
        let mut errors = Vec::new();
        while let Some(r) = rows.read_into(&mut row) {
            match r {
                Ok(()) => {
                    assert_eq!(row.cells, vec![RawCell::Number(row.line as f64)]);
                    lines.push(row.line);
                }
                Err(SourceError::Row { line, .. }) => errors.push(line),
                Err(e) => panic!("{e}"),
            }
        }
        assert_eq!(errors, vec![7, 1007, 2007, 3007, 4007]);
        assert_eq!(lines.len(), 4995);
        assert!(lines.windows(2).all(|w| w[0] < w[1]));
        assert!(rows.read_into(&mut row).is_none(), "the end stays the end");
    }
}
