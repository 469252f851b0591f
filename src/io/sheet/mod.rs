//! Spreadsheet files (XLSX, XLS, ODS) read within stated limits, so that a
//! file from anywhere cannot take the program down: a cell at the far
//! corner of a sheet, a reference no sheet can hold, a zip bomb, or a
//! million-string table is refused with the limit it passed, and a panic
//! inside the spreadsheet reader becomes a refused file.
//!
//! XLSX sheets are read cell by cell on a thread of their own and handed
//! over in batches of cells (only the cells present are kept; `stream.rs`);
//! before anything is decompressed the archive's directory is checked for
//! sizes and compression ratios no real workbook has.

mod stream;

use std::io::{Read, Seek};
use std::path::Path;

use calamine::{Data, DataRef, Reader};

use super::source::{RawCell, SourceError, SourceRow};

pub use stream::{XlsxRows, stream_xlsx};

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

/// True for text with nothing but white space: quick for the usual text,
/// which cannot be blank unless it starts with a space, a control
/// character or a character beyond ASCII.
fn is_blank_text(s: &str) -> bool {
    match s.as_bytes().first() {
        None => true,
        Some(&b) if b <= b' ' || b >= 0x80 => s.trim().is_empty(),
        Some(_) => false,
    }
}

fn text_cell(s: &str) -> RawCell {
    if is_blank_text(s) {
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
