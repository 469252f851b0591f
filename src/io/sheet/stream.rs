//! An XLSX sheet read as a stream: the spreadsheet reader runs on a thread
//! of its own and hands over batches of cells, their text packed into one
//! buffer per batch; the checking side builds the rows. The reading thread,
//! the slower side, makes no allocation per cell, and every row's buffers
//! are made, reused and freed on the checking side.

use std::borrow::Cow;
use std::io::{Read, Seek};
use std::path::Path;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use calamine::DataRef;
use chrono::NaiveDate;

use super::{check_archive, check_position, choose_sheet, convert_ref, guarded, is_blank_text};
use crate::io::source::{RawCell, SourceError, SourceRow};

/// Opens an XLSX sheet and reads it cell by cell on a thread of its own,
/// handing its cells over in batches of whole rows as they are read: the
/// checking of the rows overlaps the unpacking and parsing of the sheet,
/// and memory holds a few batches, not the sheet. Gives the sheet read and
/// every sheet's name.
pub fn stream_xlsx(
    path: &Path,
    wanted: Option<&str>,
) -> Result<(String, Vec<String>, XlsxRows), SourceError> {
    let (book, sheets, sheet) = guarded(&path.display().to_string(), || {
        check_archive(path)?;
        let book: calamine::Xlsx<_> = calamine::open_workbook(path).map_err(|e| {
            SourceError::Format(format!(
                "{} could not be opened as a spreadsheet: {e}",
                path.display()
            ))
        })?;
        let sheets = calamine::Reader::sheet_names(&book);
        let sheet = choose_sheet(path, &sheets, wanted)?;
        Ok((book, sheets, sheet))
    })?;
    let (tx, rx) = sync_channel(BATCHES_AHEAD);
    let (spare_tx, spare) = sync_channel(BATCHES_AHEAD + 1);
    let (owned_path, name) = (path.to_owned(), sheet.clone());
    std::thread::Builder::new()
        .name("sheet reader".into())
        .spawn(move || {
            let stream = CellStream::new(&owned_path, &tx, Some(spare));
            stream_cells(stream, book, &name)
        })
        .map_err(|e| SourceError::Format(format!("the sheet could not be read: {e}")))?;
    Ok((sheet, sheets, XlsxRows::new(rx, spare_tx)))
}

/// Rows per batch handed over by [`stream_xlsx`].
const BATCH_ROWS: usize = 1024;
/// Cells per batch (a batch of wide rows is cut sooner).
const BATCH_CELLS: usize = 65_536;
/// Bytes of text per batch (a batch of long texts is cut sooner).
const BATCH_TEXT: usize = 1 << 20;
/// Batches read ahead of the checking.
const BATCHES_AHEAD: usize = 2;
/// Most spare text buffers kept for reuse by the checking side.
const SPARE_STRINGS: usize = 4096;
/// Most rows given back kept for reuse.
const SPARE_ROWS: usize = 4;

/// A cell's value as the reading thread hands it over: text as a range of
/// its batch's text buffer.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Packed {
    Text(usize, usize),
    Number(f64),
    Date(NaiveDate),
    Bool(bool),
}

/// A cell with a value: its 0-based row and column, and the value.
#[derive(Clone, Copy, Debug, PartialEq)]
struct PackedCell {
    row: u32,
    col: u32,
    value: Packed,
}

/// Cells of whole rows in the order read, their text in one buffer.
#[derive(Debug, Default)]
struct CellBatch {
    cells: Vec<PackedCell>,
    text: String,
}

/// What the reading thread hands over: a batch of cells (an empty one
/// ends the sheet), or a refusal: of one row (`SourceError::Row`), or of
/// the file, which ends it.
type Packet = Result<CellBatch, SourceError>;

/// The thread's work: every cell of `sheet`, in batches. A file the reader
/// cannot read (or a panic inside it) ends with the error.
fn stream_cells<RS: Read + Seek>(
    mut stream: CellStream<'_>,
    mut book: calamine::Xlsx<RS>,
    sheet: &str,
) {
    let path = stream.path;
    let read = guarded(&path.display().to_string(), || {
        let failed = |e: calamine::XlsxError| {
            SourceError::Format(format!("sheet \"{sheet}\" could not be read: {e}"))
        };
        let mut reader = book.worksheet_cells_reader(sheet).map_err(failed)?;
        while let Some(cell) = reader.next_cell().map_err(failed)? {
            let (row, col) = cell.get_position();
            stream.push(row, col, cell.get_value())?;
            if !stream.open {
                return Ok(());
            }
        }
        Ok(())
    });
    match read {
        Ok(()) => stream.finish(),
        Err(e) => stream.send(Err(e)),
    }
}

/// A cell's value as the reader gives it, its text not yet copied.
enum CellValue<'v> {
    Text(Cow<'v, str>),
    Other(Packed),
}

/// The value of a cell the reader gives, `None` for an empty cell or
/// blank text: only cells with a value are kept.
fn cell_value<'v>(value: &'v DataRef<'_>) -> Option<CellValue<'v>> {
    let text = |s: Cow<'v, str>| (!is_blank_text(&s)).then_some(CellValue::Text(s));
    match value {
        DataRef::Empty => None,
        DataRef::SharedString(s) => text(Cow::Borrowed(s)),
        DataRef::String(s) => text(Cow::Borrowed(s)),
        DataRef::Float(f) => Some(CellValue::Other(Packed::Number(*f))),
        DataRef::Int(i) => Some(CellValue::Other(Packed::Number(*i as f64))),
        DataRef::Bool(b) => Some(CellValue::Other(Packed::Bool(*b))),
        // Dates, durations, errors (rare): as the whole-sheet reader reads them.
        other => match convert_ref(other) {
            RawCell::Empty => None,
            RawCell::Number(n) => Some(CellValue::Other(Packed::Number(n))),
            RawCell::Date(d) => Some(CellValue::Other(Packed::Date(d))),
            RawCell::Bool(b) => Some(CellValue::Other(Packed::Bool(b))),
            RawCell::Text(t) => text(Cow::Owned(t)),
        },
    }
}

/// Packs a streamed sheet's cells into batches and hands them over.
struct CellStream<'a> {
    path: &'a Path,
    tx: &'a SyncSender<Packet>,
    batch: CellBatch,
    /// Rows begun in `batch`.
    rows: usize,
    /// The last line (1-based) in `batch`, 0 when it is empty.
    last_line: u64,
    /// The last line handed over.
    sent_through: u64,
    /// False once the checking side has gone (it stopped early).
    open: bool,
    /// Batches the checking side is done with, sent back for their buffers.
    spare: Option<Receiver<CellBatch>>,
}

impl<'a> CellStream<'a> {
    fn new(path: &'a Path, tx: &'a SyncSender<Packet>, spare: Option<Receiver<CellBatch>>) -> Self {
        CellStream {
            path,
            tx,
            batch: CellBatch::default(),
            rows: 0,
            last_line: 0,
            sent_through: 0,
            open: true,
            spare,
        }
    }

    /// Adds a cell (nothing for an empty or blank one).
    fn push(&mut self, row: u32, col: u32, value: &DataRef<'_>) -> Result<(), SourceError> {
        let Some(value) = cell_value(value) else {
            return Ok(());
        };
        check_position(self.path, row, col)?;
        let line = u64::from(row) + 1;
        if line <= self.sent_through {
            // A cell listed after later rows, whose row was handed over:
            // its row is refused naming it, never merged silently.
            self.send(Err(SourceError::Row {
                line,
                reason: format!(
                    "a cell of this row (column {}) comes after later rows in the file; save it again from its spreadsheet program",
                    u64::from(col) + 1
                ),
            }));
            return Ok(());
        }
        if line > self.last_line {
            let full = self.rows >= BATCH_ROWS
                || self.batch.cells.len() >= BATCH_CELLS
                || self.batch.text.len() >= BATCH_TEXT;
            if full {
                self.flush();
            }
            self.rows += 1;
            self.last_line = line;
        }
        let value = match value {
            CellValue::Text(s) => {
                // Copied into the batch's buffer once the batch is settled.
                let start = self.batch.text.len();
                self.batch.text.push_str(&s);
                Packed::Text(start, self.batch.text.len())
            }
            CellValue::Other(packed) => packed,
        };
        self.batch.cells.push(PackedCell { row, col, value });
        Ok(())
    }

    /// Hands over the cells collected so far.
    fn flush(&mut self) {
        if self.batch.cells.is_empty() {
            return;
        }
        self.sent_through = self.last_line;
        self.rows = 0;
        let mut next = self
            .spare
            .as_ref()
            .and_then(|s| s.try_recv().ok())
            .unwrap_or_default();
        next.cells.clear();
        next.text.clear();
        let full = std::mem::replace(&mut self.batch, next);
        self.send(Ok(full));
    }

    /// Hands over the last cells and the end of the sheet.
    fn finish(mut self) {
        self.flush();
        self.send(Ok(CellBatch::default()));
    }

    fn send(&mut self, packet: Packet) {
        if self.open && self.tx.send(packet).is_err() {
            self.open = false;
        }
    }
}

/// The rows of an XLSX sheet as [`stream_xlsx`] reads them, built from
/// its batches of cells one row at a time.
pub struct XlsxRows {
    rx: Receiver<Packet>,
    batch: CellBatch,
    /// The next cell of `batch` to place.
    at: usize,
    finished: bool,
    /// Batches done with, returned to the reading thread to be reused.
    spare: SyncSender<CellBatch>,
    /// Rows given back, and text buffers, reused for the next rows.
    rows: Vec<SourceRow>,
    strings: Vec<String>,
}

impl XlsxRows {
    fn new(rx: Receiver<Packet>, spare: SyncSender<CellBatch>) -> Self {
        XlsxRows {
            rx,
            batch: CellBatch::default(),
            at: 0,
            finished: false,
            spare,
            rows: Vec::new(),
            strings: Vec::new(),
        }
    }

    /// Gives a row that was read back for its buffers to be reused.
    pub fn give_back(&mut self, mut row: SourceRow) {
        if self.rows.len() < SPARE_ROWS {
            for cell in row.cells.drain(..) {
                if let RawCell::Text(text) = cell
                    && self.strings.len() < SPARE_STRINGS
                {
                    self.strings.push(text);
                }
            }
            self.rows.push(row);
        }
    }

    /// The next row with a value, its refusal, or `None` at the end.
    pub fn next_row(&mut self) -> Option<Result<SourceRow, SourceError>> {
        loop {
            if self.at < self.batch.cells.len() {
                return Some(Ok(self.build_row()));
            }
            if self.finished {
                return None;
            }
            match self.rx.recv() {
                Ok(Ok(batch)) if batch.cells.is_empty() => self.finished = true,
                Ok(Ok(mut batch)) => {
                    // Rare: a cell listed after later rows of its batch.
                    if !batch.cells.is_sorted_by_key(|c| c.row) {
                        batch.cells.sort_by_key(|c| c.row);
                    }
                    let done = std::mem::replace(&mut self.batch, batch);
                    self.at = 0;
                    let _ = self.spare.try_send(done);
                }
                Ok(Err(e)) => {
                    self.finished = !matches!(e, SourceError::Row { .. });
                    return Some(Err(e));
                }
                Err(_) => {
                    self.finished = true;
                    return Some(Err(SourceError::Format(
                        "the sheet could not be read to its end".into(),
                    )));
                }
            }
        }
    }

    /// The row of the next cell in the batch, from its cells (a cell named
    /// twice: the later one).
    fn build_row(&mut self) -> SourceRow {
        let mut row = self.rows.pop().unwrap_or_default();
        let first = self.batch.cells[self.at].row;
        row.line = u64::from(first) + 1;
        row.cells.clear();
        while let Some(cell) = self.batch.cells.get(self.at).filter(|c| c.row == first) {
            let col = cell.col as usize;
            if col >= row.cells.len() {
                row.cells.resize(col + 1, RawCell::Empty);
            }
            row.cells[col] = match cell.value {
                Packed::Text(start, end) => {
                    let mut text = self.strings.pop().unwrap_or_default();
                    text.clear();
                    text.push_str(&self.batch.text[start..end]);
                    RawCell::Text(text)
                }
                Packed::Number(n) => RawCell::Number(n),
                Packed::Date(d) => RawCell::Date(d),
                Packed::Bool(b) => RawCell::Bool(b),
            };
            self.at += 1;
        }
        row
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::sheet::{MAX_COLUMNS, MAX_ROWS};

    /// Every row handed over, as (line, cells), and the lines refused.
    fn drain(rx: Receiver<Packet>) -> (Vec<(u64, Vec<RawCell>)>, Vec<u64>) {
        let (spare, _unused) = sync_channel(100);
        let mut rows = XlsxRows::new(rx, spare);
        let (mut read, mut refused) = (Vec::new(), Vec::new());
        while let Some(next) = rows.next_row() {
            match next {
                Ok(row) => read.push((row.line, row.cells)),
                Err(SourceError::Row { line, .. }) => refused.push(line),
                Err(e) => panic!("{e}"),
            }
        }
        (read, refused)
    }

    fn number(n: f64) -> DataRef<'static> {
        DataRef::Float(n)
    }

    #[test]
    fn a_streamed_sheet_keeps_its_rows_in_order_and_refuses_a_cell_it_can_no_longer_place() {
        let (tx, rx) = sync_channel(100);
        let mut stream = CellStream::new(Path::new("x.xlsx"), &tx, None);
        // Row 3 before row 2 (inside one batch): merged into its place.
        stream.push(0, 0, &number(1.0)).unwrap();
        stream.push(2, 0, &number(3.0)).unwrap();
        stream.push(1, 1, &DataRef::SharedString("two")).unwrap();
        stream.push(2, 1, &number(3.5)).unwrap();
        // Blank text is no cell, whatever kind of cell holds it.
        stream.push(2, 2, &DataRef::String(" \t".into())).unwrap();
        stream
            .push(2, 3, &DataRef::DateTimeIso("  ".into()))
            .unwrap();
        // Enough rows for two batches more.
        for r in 3..(3 + 2 * BATCH_ROWS as u32) {
            stream.push(r, 0, &number(f64::from(r))).unwrap();
        }
        // A cell for row 2, whose batch was handed over long ago.
        stream.push(1, 3, &number(9.0)).unwrap();
        stream.finish();
        drop(tx);
        let (rows, refused) = drain(rx);
        assert_eq!(rows.len(), 3 + 2 * BATCH_ROWS);
        assert_eq!(rows[0], (1, vec![RawCell::Number(1.0)]));
        assert_eq!(
            rows[1],
            (2, vec![RawCell::Empty, RawCell::Text("two".into())])
        );
        assert_eq!(
            rows[2],
            (3, vec![RawCell::Number(3.0), RawCell::Number(3.5)])
        );
        assert!(rows.windows(2).all(|w| w[0].0 < w[1].0), "in order");
        assert_eq!(refused, [2]);
    }

    #[test]
    fn a_batch_of_many_cells_or_long_texts_is_handed_over_sooner() {
        let (tx, rx) = sync_channel(100);
        let mut stream = CellStream::new(Path::new("x.xlsx"), &tx, None);
        for r in 0..100 {
            for c in 0..1000 {
                stream.push(r, c, &number(1.0)).unwrap();
            }
        }
        // 1,000 cells a row: a batch holds at most 65 rows, plus the one
        // started when the batch was full.
        let first = rx.try_recv().unwrap().unwrap();
        assert!(
            first.cells.len() <= BATCH_CELLS + 1000,
            "{}",
            first.cells.len()
        );
        assert!(first.cells.len() < 100_000);
        let long = "x".repeat(BATCH_TEXT / 4);
        for r in 100..110 {
            stream.push(r, 0, &DataRef::SharedString(&long)).unwrap();
        }
        let rest = rx.try_recv().unwrap().unwrap();
        assert!(
            rest.text.len() <= BATCH_TEXT + long.len(),
            "{}",
            rest.text.len()
        );
        let refused = stream.push(MAX_ROWS, 0, &number(1.0)).unwrap_err();
        assert!(
            refused.to_string().contains("beyond a sheet's"),
            "{refused}"
        );
        let refused = stream.push(0, MAX_COLUMNS, &number(1.0)).unwrap_err();
        assert!(
            refused.to_string().contains("beyond a sheet's"),
            "{refused}"
        );
    }

    #[test]
    fn rows_given_back_lend_their_buffers_and_hold_nothing_of_the_old_row() {
        let (tx, rx) = sync_channel(100);
        let mut stream = CellStream::new(Path::new("x.xlsx"), &tx, None);
        stream.push(0, 0, &DataRef::SharedString("first")).unwrap();
        stream.push(0, 4, &number(5.0)).unwrap();
        stream.push(1, 1, &DataRef::SharedString("second")).unwrap();
        stream.finish();
        let (spare, _unused) = sync_channel(100);
        let mut rows = XlsxRows::new(rx, spare);
        let one = rows.next_row().unwrap().unwrap();
        assert_eq!(one.cells.len(), 5);
        rows.give_back(one);
        let two = rows.next_row().unwrap().unwrap();
        assert_eq!(two.line, 2);
        assert_eq!(
            two.cells,
            vec![RawCell::Empty, RawCell::Text("second".into())]
        );
        assert!(rows.next_row().is_none());
    }
}
