//! Spreadsheet files (XLSX, XLS, ODS) read within stated limits, so that a
//! file from anywhere cannot take the program down: a cell at the far
//! corner of a sheet, a reference no sheet can hold, a zip bomb, or a
//! million-string table is refused with the limit it passed, and a panic
//! inside the spreadsheet reader becomes a refused file.
//!
//! XLSX sheets are read cell by cell on a thread of their own and handed
//! over in batches of rows (only the cells present are kept); before
//! anything is decompressed the archive's directory is checked for sizes
//! and compression ratios no real workbook has.

use std::io::{Read, Seek};
use std::path::Path;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use calamine::{Data, DataRef, Reader};

use super::source::{RawCell, SourceError, SourceRow};

/// Most columns a sheet may use (Excel's own limit, XFD).
pub const MAX_COLUMNS: u32 = 16_384;
/// Most rows a sheet may have (Excel's own limit).
pub const MAX_ROWS: u32 = 1_048_576;
/// Most cells kept from a sheet, counting the empty ones inside each row up
/// to its last value: a 1,000,000-row sheet of 8 columns fits; more is
/// better saved as CSV, which is read as a stream without this limit.
pub const MAX_CELLS: usize = 8_000_000;
/// Most bytes any one part of a spreadsheet may unpack to (a 1,000,000-row
/// sheet is about 100 MB).
pub const MAX_PART_BYTES: u64 = 1 << 30;
/// Most bytes the shared-strings table may unpack to.
pub const MAX_SHARED_STRINGS_BYTES: u64 = 256 << 20;
/// Parts larger than [`RATIO_CHECKED_FROM`] may not unpack to more than
/// this many times their packed size (real workbooks: about 5 to 20).
pub const MAX_RATIO: u64 = 200;
/// Parts from this size are checked for their compression ratio.
pub const RATIO_CHECKED_FROM: u64 = 16 << 20;

/// A spreadsheet's rows, header first, and its sheet names.
pub struct SheetRows {
    /// The sheet read.
    pub sheet: String,
    /// Every sheet's name.
    pub sheets: Vec<String>,
    /// The rows with a value, in order, each with its row number as `line`.
    pub rows: Vec<SourceRow>,
}

/// Runs a third-party parser; a panic inside it becomes a refused file
/// naming `what`, never a dead window.
pub fn guarded<T>(
    what: &str,
    f: impl FnOnce() -> Result<T, SourceError>,
) -> Result<T, SourceError> {
    crate::guard::catch(f).unwrap_or_else(|detail| {
        Err(SourceError::Format(format!(
            "{what} could not be read: the spreadsheet reader failed on it ({detail}). Nothing was imported; save it again from its program, or as CSV."
        )))
    })
}

fn refuse(path: &Path, why: String) -> SourceError {
    SourceError::Format(format!("{} is refused: {why}.", path.display()))
}

/// Checks a zip-based spreadsheet's directory before anything is unpacked.
pub fn check_archive(path: &Path) -> Result<(), SourceError> {
    let file = std::fs::File::open(path).map_err(|source| SourceError::Io {
        path: path.display().to_string(),
        source,
    })?;
    let mut zip = zip::ZipArchive::new(std::io::BufReader::new(file))
        .map_err(|e| refuse(path, format!("it is not a readable spreadsheet ({e})")))?;
    for i in 0..zip.len() {
        let Ok((entry, size, packed)) = zip.by_index_raw(i).map(|f| {
            (
                f.name().map(|n| n.into_owned()),
                f.size(),
                f.compressed_size(),
            )
        }) else {
            continue;
        };
        let entry = entry.unwrap_or_default();
        let limit = if entry.ends_with("sharedStrings.xml") {
            MAX_SHARED_STRINGS_BYTES
        } else {
            MAX_PART_BYTES
        };
        if size > limit {
            return Err(refuse(
                path,
                format!(
                    "its part {entry} unpacks to {} MB, beyond the {} MB a spreadsheet part may hold",
                    size >> 20,
                    limit >> 20
                ),
            ));
        }
        if size >= RATIO_CHECKED_FROM && size / packed.max(1) > MAX_RATIO {
            return Err(refuse(
                path,
                format!(
                    "its part {entry} unpacks {} times larger than it is stored (a zip bomb; real workbooks unpack 5 to 20 times)",
                    size / packed.max(1)
                ),
            ));
        }
    }
    Ok(())
}

/// The sheet to read: the one named (ignoring case), else the first.
fn choose_sheet(
    path: &Path,
    sheets: &[String],
    wanted: Option<&str>,
) -> Result<String, SourceError> {
    match wanted {
        Some(name) => sheets
            .iter()
            .find(|s| s.eq_ignore_ascii_case(name))
            .cloned()
            .ok_or_else(|| {
                SourceError::Format(format!(
                    "{} has no sheet \"{name}\" (it has: {}).",
                    path.display(),
                    sheets.join(", ")
                ))
            }),
        None => sheets
            .first()
            .cloned()
            .ok_or_else(|| SourceError::Format(format!("{} has no sheets.", path.display()))),
    }
}

/// Refuses a cell beyond a sheet's size.
fn check_position(path: &Path, row: u32, col: u32) -> Result<(), SourceError> {
    if col >= MAX_COLUMNS || row >= MAX_ROWS {
        return Err(refuse(
            path,
            format!(
                "it has a cell at row {}, column {}, beyond a sheet's {MAX_ROWS} rows and {MAX_COLUMNS} columns",
                u64::from(row) + 1,
                u64::from(col) + 1
            ),
        ));
    }
    Ok(())
}

/// The index of the row at `line` in `rows` (kept in line order), added
/// when missing: at the end as a sheet lists its rows, else (rare, a cell
/// listed after later rows) in its place.
/// `new_row` makes an empty row for a line.
fn row_at(
    rows: &mut Vec<SourceRow>,
    line: u64,
    mut new_row: impl FnMut(u64) -> SourceRow,
) -> usize {
    match rows.last() {
        Some(last) if last.line == line => rows.len() - 1,
        Some(last) if last.line > line => match rows.binary_search_by_key(&line, |r| r.line) {
            Ok(i) => i,
            Err(i) => {
                rows.insert(i, new_row(line));
                i
            }
        },
        _ => {
            rows.push(new_row(line));
            rows.len() - 1
        }
    }
}

/// Collects cells (row, column, value) into rows, within the limits.
struct RowBuilder<'p> {
    path: &'p Path,
    rows: Vec<SourceRow>,
    kept: usize,
}

impl RowBuilder<'_> {
    fn push(&mut self, row: u32, col: u32, cell: RawCell) -> Result<(), SourceError> {
        if matches!(&cell, RawCell::Empty) {
            return Ok(());
        }
        check_position(self.path, row, col)?;
        let line = u64::from(row) + 1;
        let at = row_at(&mut self.rows, line, |line| SourceRow {
            line,
            cells: Vec::new(),
        });
        let cells = &mut self.rows[at].cells;
        let col = col as usize;
        if col >= cells.len() {
            self.kept += col + 1 - cells.len();
            if self.kept > MAX_CELLS {
                return Err(refuse(
                    self.path,
                    format!(
                        "its rows hold more than {MAX_CELLS} cells (counting the empty ones before each row's last value); save it as CSV, which has no such limit"
                    ),
                ));
            }
            cells.resize(col + 1, RawCell::Empty);
        }
        cells[col] = cell;
        Ok(())
    }
}

fn convert(d: &Data) -> RawCell {
    match d {
        Data::Empty => RawCell::Empty,
        Data::String(s) => text_cell(s),
        Data::Float(f) => RawCell::Number(*f),
        Data::Int(i) => RawCell::Number(*i as f64),
        Data::Bool(b) => RawCell::Bool(*b),
        Data::DateTime(dt) => dt
            .as_datetime()
            .map(|t| RawCell::Date(t.date()))
            .unwrap_or_else(|| RawCell::Number(dt.as_f64())),
        Data::DateTimeIso(s) | Data::DurationIso(s) => RawCell::Text(s.clone()),
        Data::Error(e) => RawCell::Text(format!("#{e:?}")),
    }
}

/// A cell from the XLSX cell reader: text is copied once, straight from
/// the shared-strings table or the cell (no intermediate `Data`).
fn convert_ref(d: &DataRef<'_>) -> RawCell {
    match d {
        DataRef::SharedString(s) => text_cell(s),
        DataRef::String(s) => text_cell(s),
        other => convert(&Data::from(other.clone())),
    }
}

fn text_cell(s: &str) -> RawCell {
    if s.trim().is_empty() {
        RawCell::Empty
    } else {
        RawCell::Text(s.to_owned())
    }
}

/// Reads an XLS or ODS sheet (whole, through the reader's range).
fn read_range<R: Reader<RS>, RS: Read + Seek>(
    path: &Path,
    book: &mut R,
    sheet: &str,
) -> Result<Vec<SourceRow>, SourceError>
where
    R::Error: std::fmt::Display,
{
    let range = book
        .worksheet_range(sheet)
        .map_err(|e| SourceError::Format(format!("sheet \"{sheet}\" could not be read: {e}")))?;
    let mut builder = RowBuilder {
        path,
        rows: Vec::new(),
        kept: 0,
    };
    for (row, col, value) in range.used_cells() {
        let (Ok(row), Ok(col)) = (u32::try_from(row), u32::try_from(col)) else {
            return Err(refuse(path, "it has a cell beyond any sheet's size".into()));
        };
        let (r0, c0) = range.start().unwrap_or((0, 0));
        builder.push(row + r0, col + c0, convert(value))?;
    }
    Ok(builder.rows)
}

/// Reads one sheet of a spreadsheet file within the limits.
pub fn read_sheet(path: &Path, wanted: Option<&str>) -> Result<SheetRows, SourceError> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    guarded(&path.display().to_string(), || {
        if matches!(ext.as_str(), "xlsx" | "xlsm" | "xlsb" | "ods") {
            check_archive(path)?;
        }
        let opened = |e: &dyn std::fmt::Display| {
            SourceError::Format(format!(
                "{} could not be opened as a spreadsheet: {e}",
                path.display()
            ))
        };
        let mut book = calamine::open_workbook_auto(path).map_err(|e| opened(&e))?;
        let sheets = book.sheet_names();
        let sheet = choose_sheet(path, &sheets, wanted)?;
        let rows = read_range(path, &mut book, &sheet)?;
        Ok(SheetRows {
            sheet,
            sheets,
            rows,
        })
    })
}

/// True for the files [`stream_xlsx`] reads (the rest are read whole).
pub fn is_xlsx(path: &Path) -> bool {
    path.extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .is_some_and(|e| matches!(e.as_str(), "xlsx" | "xlsm"))
}

/// Opens an XLSX sheet and reads it cell by cell on a thread of its own,
/// handing its rows over in batches as they are read: the checking of the
/// rows overlaps the unpacking and parsing of the sheet, and memory holds a
/// few batches, not the sheet. Gives the sheet read and every sheet's name.
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
        let sheets = book.sheet_names();
        let sheet = choose_sheet(path, &sheets, wanted)?;
        Ok((book, sheets, sheet))
    })?;
    let (tx, rx) = sync_channel(BATCHES_AHEAD);
    let (spare_tx, spare) = sync_channel(BATCHES_AHEAD + 1);
    let (owned_path, name) = (path.to_owned(), sheet.clone());
    std::thread::Builder::new()
        .name("sheet reader".into())
        .spawn(move || {
            let stream = RowStream::new(&owned_path, &tx, Some(spare));
            stream_cells(stream, book, &name)
        })
        .map_err(|e| SourceError::Format(format!("the sheet could not be read: {e}")))?;
    let rows = XlsxRows {
        rx,
        current: Vec::new().into_iter(),
        finished: false,
        spare: spare_tx,
        used: Vec::new(),
    };
    Ok((sheet, sheets, rows))
}

/// Rows per batch handed over by [`stream_xlsx`].
const BATCH_ROWS: usize = 1024;
/// Cells per batch (a batch of very wide rows is cut sooner).
const BATCH_CELLS: usize = 65_536;
/// Batches read ahead of the checking.
const BATCHES_AHEAD: usize = 2;

/// A batch of rows, each read or refused; an empty batch ends the sheet.
type RowBatch = Vec<Result<SourceRow, SourceError>>;

/// The thread's work: every cell of `sheet`, in batches of rows. A file
/// the reader cannot read (or a panic inside it) ends with the error.
fn stream_cells<RS: Read + Seek>(
    mut stream: RowStream<'_>,
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
            let value = match cell.get_value() {
                DataRef::SharedString(s) => stream.text(s),
                DataRef::String(s) => stream.text(s),
                other => convert_ref(other),
            };
            stream.push(row, col, value)?;
            if !stream.open {
                return Ok(());
            }
        }
        stream.flush();
        Ok(())
    });
    let _ = match read {
        Ok(()) => stream.tx.send(Vec::new()),
        Err(e) => stream.tx.send(vec![Err(e)]),
    };
}

/// Collects a streamed sheet's cells into rows and hands them over.
struct RowStream<'a> {
    path: &'a Path,
    tx: &'a SyncSender<RowBatch>,
    batch: Vec<SourceRow>,
    /// Cells held in `batch`, counting the empty ones inside each row.
    cells: usize,
    /// The last line handed over.
    sent_through: u64,
    /// False once the reading side has gone (it stopped early).
    open: bool,
    /// Rows the checking side is done with, sent back for their buffers:
    /// rows and their text are made and freed on this thread, and
    /// reused, instead of freed across threads.
    spare: Option<Receiver<Vec<SourceRow>>>,
    pool: Vec<SourceRow>,
    strings: Vec<String>,
}

/// Most spare text buffers kept for reuse.
const SPARE_STRINGS: usize = 1 << 16;

impl<'a> RowStream<'a> {
    fn new(
        path: &'a Path,
        tx: &'a SyncSender<RowBatch>,
        spare: Option<Receiver<Vec<SourceRow>>>,
    ) -> Self {
        RowStream {
            path,
            tx,
            batch: Vec::new(),
            cells: 0,
            sent_through: 0,
            open: true,
            spare,
            pool: Vec::new(),
            strings: Vec::new(),
        }
    }

    /// A text cell, in a reused buffer when there is one.
    fn text(&mut self, s: &str) -> RawCell {
        if s.trim().is_empty() {
            return RawCell::Empty;
        }
        let mut buffer = self.strings.pop().unwrap_or_default();
        buffer.clear();
        buffer.push_str(s);
        RawCell::Text(buffer)
    }

    /// An empty row for `line`, from the rows sent back when there are.
    fn fresh_row(
        pool: &mut Vec<SourceRow>,
        strings: &mut Vec<String>,
        spare: Option<&Receiver<Vec<SourceRow>>>,
        line: u64,
    ) -> SourceRow {
        if pool.is_empty()
            && let Some(back) = spare.and_then(|s| s.try_recv().ok())
        {
            *pool = back;
        }
        let mut row = pool.pop().unwrap_or_default();
        for cell in row.cells.drain(..) {
            if let RawCell::Text(text) = cell
                && strings.len() < SPARE_STRINGS
            {
                strings.push(text);
            }
        }
        row.line = line;
        row
    }

    fn push(&mut self, row: u32, col: u32, cell: RawCell) -> Result<(), SourceError> {
        if matches!(&cell, RawCell::Empty) {
            return Ok(());
        }
        check_position(self.path, row, col)?;
        let line = u64::from(row) + 1;
        if line <= self.sent_through {
            // A cell listed after later rows, whose row was handed over:
            // its row is refused naming it, never merged silently.
            self.send(vec![Err(SourceError::Row {
                line,
                reason: format!(
                    "a cell of this row (column {}) comes after later rows in the file; save it again from its spreadsheet program",
                    u64::from(col) + 1
                ),
            })]);
            return Ok(());
        }
        if self.batch.last().is_none_or(|last| last.line < line)
            && (self.batch.len() >= BATCH_ROWS || self.cells >= BATCH_CELLS)
        {
            self.flush();
        }
        let (pool, strings, spare) = (&mut self.pool, &mut self.strings, self.spare.as_ref());
        let at = row_at(&mut self.batch, line, |line| {
            Self::fresh_row(pool, strings, spare, line)
        });
        let cells = &mut self.batch[at].cells;
        let col = col as usize;
        if col >= cells.len() {
            self.cells += col + 1 - cells.len();
            cells.resize(col + 1, RawCell::Empty);
        }
        cells[col] = cell;
        Ok(())
    }

    /// Hands over the rows collected so far.
    fn flush(&mut self) {
        let Some(last) = self.batch.last() else {
            return;
        };
        self.sent_through = last.line;
        self.cells = 0;
        let rows = std::mem::take(&mut self.batch);
        self.send(rows.into_iter().map(Ok).collect());
    }

    fn send(&mut self, batch: RowBatch) {
        if self.open && self.tx.send(batch).is_err() {
            self.open = false;
        }
    }
}

/// The rows of an XLSX sheet as [`stream_xlsx`] reads them; rows without
/// a value are passed over.
pub struct XlsxRows {
    rx: Receiver<RowBatch>,
    current: std::vec::IntoIter<Result<SourceRow, SourceError>>,
    finished: bool,
    /// Rows given back, returned to the reading thread a batch at a time.
    spare: SyncSender<Vec<SourceRow>>,
    used: Vec<SourceRow>,
}

impl XlsxRows {
    /// Gives a row that was read back for its buffers to be reused.
    pub fn give_back(&mut self, row: SourceRow) {
        self.used.push(row);
        if self.used.len() >= BATCH_ROWS {
            // The reader may have enough already: then they are freed here.
            let _ = self.spare.try_send(std::mem::take(&mut self.used));
        }
    }

    /// The next row with a value, its refusal, or `None` at the end.
    pub fn next_row(&mut self) -> Option<Result<SourceRow, SourceError>> {
        loop {
            match self.current.next() {
                Some(Ok(row)) if row.cells.iter().all(RawCell::is_blank) => continue,
                Some(next) => return Some(next),
                None => {}
            }
            if self.finished {
                return None;
            }
            match self.rx.recv() {
                Ok(batch) if batch.is_empty() => self.finished = true,
                Ok(batch) => self.current = batch.into_iter(),
                Err(_) => {
                    self.finished = true;
                    return Some(Err(SourceError::Format(
                        "the sheet could not be read to its end".into(),
                    )));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_inside_a_parser_is_a_refused_file() {
        let r: Result<(), SourceError> = guarded("odd.xlsx", || panic!("capacity overflow"));
        let why = r.unwrap_err().to_string();
        assert!(why.contains("odd.xlsx could not be read"), "{why}");
        assert!(why.contains("capacity overflow"), "{why}");
        let ok: Result<u8, SourceError> = guarded("fine.xlsx", || Ok(7));
        assert_eq!(ok.unwrap(), 7);
    }

    /// Every row a stream handed over, in order, and the lines refused.
    fn drain(rx: &Receiver<RowBatch>) -> (Vec<(u64, usize)>, Vec<u64>) {
        let (mut rows, mut refused) = (Vec::new(), Vec::new());
        while let Ok(batch) = rx.try_recv() {
            for r in batch {
                match r {
                    Ok(row) => rows.push((row.line, row.cells.len())),
                    Err(SourceError::Row { line, .. }) => refused.push(line),
                    Err(e) => panic!("{e}"),
                }
            }
        }
        (rows, refused)
    }

    #[test]
    fn a_streamed_sheet_keeps_its_rows_in_order_and_refuses_a_cell_it_can_no_longer_place() {
        let (tx, rx) = sync_channel(100);
        let mut stream = RowStream::new(Path::new("x.xlsx"), &tx, None);
        // Row 3 before row 2 (inside one batch): merged into its place.
        stream.push(0, 0, RawCell::Number(1.0)).unwrap();
        stream.push(2, 0, RawCell::Number(3.0)).unwrap();
        stream.push(1, 1, RawCell::Number(2.0)).unwrap();
        stream.push(2, 1, RawCell::Number(3.5)).unwrap();
        // Enough rows for two batches more.
        for r in 3..(3 + 2 * BATCH_ROWS as u32) {
            stream.push(r, 0, RawCell::Number(f64::from(r))).unwrap();
        }
        // A cell for row 2, whose batch was handed over long ago.
        stream.push(1, 3, RawCell::Number(9.0)).unwrap();
        stream.flush();
        let (rows, refused) = drain(&rx);
        assert_eq!(rows.len(), 3 + 2 * BATCH_ROWS);
        assert_eq!(&rows[..3], &[(1, 1), (2, 2), (3, 2)]);
        assert!(rows.windows(2).all(|w| w[0].0 < w[1].0), "in order");
        assert_eq!(refused, [2]);
    }

    #[test]
    fn a_batch_of_very_wide_rows_is_handed_over_sooner() {
        let (tx, rx) = sync_channel(100);
        let mut stream = RowStream::new(Path::new("x.xlsx"), &tx, None);
        for r in 0..10 {
            stream
                .push(r, MAX_COLUMNS - 1, RawCell::Number(1.0))
                .unwrap();
        }
        // 16,384 cells a row: a batch holds at most four, plus the one
        // started when the batch was full.
        let first = rx.try_recv().unwrap();
        assert!(
            first.len() <= BATCH_CELLS / MAX_COLUMNS as usize + 1,
            "{}",
            first.len()
        );
        let refused = stream.push(MAX_ROWS, 0, RawCell::Number(1.0)).unwrap_err();
        assert!(
            refused.to_string().contains("beyond a sheet's"),
            "{refused}"
        );
    }

    #[test]
    fn cells_past_a_sheets_size_or_the_cell_limit_are_refused() {
        let path = Path::new("x.xlsx");
        let mut b = RowBuilder {
            path,
            rows: Vec::new(),
            kept: 0,
        };
        assert!(b.push(0, 0, RawCell::Number(1.0)).is_ok());
        // The last legal cell, XFD1048576, is fine and costs one short row.
        assert!(
            b.push(MAX_ROWS - 1, MAX_COLUMNS - 1, RawCell::Number(2.0))
                .is_ok()
        );
        assert_eq!(b.rows.len(), 2);
        let why = b
            .push(MAX_ROWS, 0, RawCell::Number(3.0))
            .unwrap_err()
            .to_string();
        assert!(why.contains("beyond a sheet's"), "{why}");
        // Rows that together pass the cell limit.
        let mut b = RowBuilder {
            path,
            rows: Vec::new(),
            kept: 0,
        };
        let mut refused = None;
        for r in 0..MAX_ROWS {
            if let Err(e) = b.push(r, MAX_COLUMNS - 1, RawCell::Number(1.0)) {
                refused = Some((r, e.to_string()));
                break;
            }
        }
        let (at, why) = refused.expect("refused");
        assert_eq!(at as usize, MAX_CELLS / MAX_COLUMNS as usize);
        assert!(why.contains("save it as CSV"), "{why}");
    }
}
