//! Reading a spreadsheet file into rows of cells: CSV (any of the usual
//! encodings and delimiters, streamed) or XLSX/XLS/ODS (via calamine).

use std::borrow::Cow;
use std::fs::File;
use std::io::{BufReader, Read, Seek, SeekFrom};
use std::path::Path;

use chrono::NaiveDate;

use super::encoding::{Encoding, Utf16ToUtf8, decode_legacy, detect_encoding};
use super::line_counter::LineCounter;

/// A cell as the file holds it. CSV gives text; spreadsheets may give typed values.
#[derive(Clone, Debug, PartialEq)]
pub enum RawCell {
    /// Nothing.
    Empty,
    /// Text.
    Text(String),
    /// A number typed as a number in a spreadsheet.
    Number(f64),
    /// A date typed as a date in a spreadsheet.
    Date(NaiveDate),
    /// TRUE/FALSE.
    Bool(bool),
}

impl RawCell {
    /// The cell as text (numbers without a needless ".0", dates as YYYY-MM-DD).
    pub fn text(&self) -> Cow<'_, str> {
        match self {
            RawCell::Empty => Cow::Borrowed(""),
            RawCell::Text(t) => Cow::Borrowed(t.as_str()),
            RawCell::Number(n) => Cow::Owned(if n.fract() == 0.0 && n.abs() < 1e15 {
                format!("{}", *n as i64)
            } else {
                format!("{n}")
            }),
            RawCell::Date(d) => Cow::Owned(d.format("%Y-%m-%d").to_string()),
            RawCell::Bool(b) => Cow::Borrowed(if *b { "TRUE" } else { "FALSE" }),
        }
    }

    /// True for an empty cell or one holding only spaces.
    pub fn is_blank(&self) -> bool {
        match self {
            RawCell::Empty => true,
            RawCell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }
}

/// One row: its line (CSV) or row number (spreadsheet), and its cells.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SourceRow {
    /// 1-based, as a spreadsheet program would show it.
    pub line: u64,
    /// The cells, left to right.
    pub cells: Vec<RawCell>,
}

/// What kind of file it is and how it was read.
#[derive(Clone, Debug, PartialEq)]
pub enum SourceKind {
    /// Delimited text.
    Csv {
        /// Its encoding.
        encoding: Encoding,
        /// Its field delimiter.
        delimiter: u8,
    },
    /// A spreadsheet workbook.
    Sheet {
        /// The sheet read.
        sheet: String,
        /// Every sheet in the workbook.
        sheets: Vec<String>,
    },
}

impl SourceKind {
    /// "CSV, UTF-8, separated by ;" or "sheet “Data”".
    pub fn describe(&self) -> String {
        match self {
            SourceKind::Csv {
                encoding,
                delimiter,
            } => {
                let d = match delimiter {
                    b'\t' => "tabs".to_owned(),
                    b';' => "semicolons".to_owned(),
                    b',' => "commas".to_owned(),
                    other => format!("'{}'", char::from(*other)),
                };
                format!("CSV, {}, separated by {d}", encoding.label())
            }
            SourceKind::Sheet { sheet, .. } => format!("sheet \"{sheet}\""),
        }
    }
}

/// Why a file could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    /// The file could not be opened or read.
    #[error("{path} could not be read: {source}")]
    Io {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// The file is not in a form Ratchet reads.
    #[error("{0}")]
    Format(String),
    /// A CSV row could not be read.
    #[error("line {line}: {reason}")]
    Row {
        /// Where.
        line: u64,
        /// Why.
        reason: String,
    },
}

/// How to read the file; `None` means detect.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SourceOptions {
    /// The sheet of a spreadsheet (default: the first).
    pub sheet: Option<String>,
    /// The CSV delimiter (default: detected among `,` `;` tab).
    pub delimiter: Option<u8>,
}

/// An open file: how it was read, its header row, and its remaining rows.
pub struct Source {
    /// How the file was read.
    pub kind: SourceKind,
    /// The header row as text.
    pub headers: Vec<String>,
    /// The header row as cells (a header may be a typed date in a spreadsheet).
    pub header_cells: Vec<RawCell>,
    rows: Box<dyn RowReader>,
}

/// Produces a file's rows one at a time.
pub(super) trait RowReader: Send {
    /// Reads the next row into `row`, reusing its buffers where it can;
    /// `None` at the end of the file.
    fn read_into(&mut self, row: &mut SourceRow) -> Option<Result<(), SourceError>>;
}

/// Rows already made (spreadsheets are read whole by their library).
struct ReadyRows<I>(I);

impl<I: Iterator<Item = Result<SourceRow, SourceError>> + Send> RowReader for ReadyRows<I> {
    fn read_into(&mut self, row: &mut SourceRow) -> Option<Result<(), SourceError>> {
        Some(self.0.next()?.map(|next| *row = next))
    }
}

impl Source {
    /// Rows already read (a data return's, checked and rearranged before
    /// the import's planner reads them like any file's).
    pub fn from_rows(kind: SourceKind, headers: Vec<String>, rows: Vec<SourceRow>) -> Source {
        Source {
            kind,
            header_cells: headers.iter().map(|h| RawCell::Text(h.clone())).collect(),
            headers,
            rows: Box::new(ReadyRows(rows.into_iter().map(Ok))),
        }
    }

    /// Reads the rest of the file on another thread from here on (a long
    /// CSV file: its parsing then overlaps the checking of its rows).
    pub fn read_ahead(&mut self) {
        if matches!(self.kind, SourceKind::Csv { .. }) {
            let inner = std::mem::replace(&mut self.rows, Box::new(ReadyRows(std::iter::empty())));
            self.rows = Box::new(super::read_ahead::AheadRows::start(inner));
        }
    }

    /// Reads the next row into `row`, reusing its cells' text buffers: what
    /// a long import loops on, so a row costs no allocation of its own.
    pub fn read_into(&mut self, row: &mut SourceRow) -> Option<Result<(), SourceError>> {
        self.rows.read_into(row)
    }
}

impl Iterator for Source {
    type Item = Result<SourceRow, SourceError>;
    fn next(&mut self) -> Option<Self::Item> {
        let mut row = SourceRow {
            line: 0,
            cells: Vec::new(),
        };
        Some(self.rows.read_into(&mut row)?.map(|()| row))
    }
}

/// True for file names Ratchet reads as spreadsheets rather than text.
pub fn is_spreadsheet(path: &Path) -> bool {
    path.extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .is_some_and(|e| matches!(e.as_str(), "xlsx" | "xlsm" | "xls" | "xlsb" | "ods"))
}

/// Opens a CSV or spreadsheet file for reading.
pub fn open_source(path: &Path, options: &SourceOptions) -> Result<Source, SourceError> {
    if is_spreadsheet(path) {
        open_sheet(path, options)
    } else {
        open_csv(path, options)
    }
}

fn io_err(path: &Path) -> impl Fn(std::io::Error) -> SourceError + '_ {
    move |source| SourceError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// Picks the delimiter whose count per line is the most consistent (and
/// non-zero) over the first lines of text.
pub fn sniff_delimiter(sample: &str) -> u8 {
    let lines: Vec<&str> = sample
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(30)
        .collect();
    let mut best = (b',', 0usize, 0usize);
    for d in [b'\t', b';', b','] {
        let counts: Vec<usize> = lines.iter().map(|l| count_outside_quotes(l, d)).collect();
        let Some(&first) = counts.first() else {
            continue;
        };
        if first == 0 {
            continue;
        }
        let consistent = counts.iter().filter(|&&c| c == first).count();
        if consistent > best.1 || (consistent == best.1 && first > best.2) {
            best = (d, consistent, first);
        }
    }
    best.0
}

fn count_outside_quotes(line: &str, d: u8) -> usize {
    let mut inside = false;
    line.bytes()
        .filter(|&b| {
            if b == b'"' {
                inside = !inside;
            }
            !inside && b == d
        })
        .count()
}

fn open_csv(path: &Path, options: &SourceOptions) -> Result<Source, SourceError> {
    let err = io_err(path);
    let file = File::open(path).map_err(&err)?;
    let mut head = Vec::new();
    (&file).take(8192).read_to_end(&mut head).map_err(&err)?;
    if head.is_empty() {
        return Err(SourceError::Format(format!("{} is empty.", path.display())));
    }
    let utf16 = head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]);
    if !utf16 && head.contains(&0) {
        return Err(SourceError::Format(format!(
            "{} is not a text file (it contains binary data). Export the spreadsheet as CSV or open the .xlsx file itself.",
            path.display()
        )));
    }
    let mut file = file;
    file.seek(SeekFrom::Start(0)).map_err(&err)?;
    let encoding = detect_encoding(BufReader::new(&file)).map_err(&err)?;
    file.seek(SeekFrom::Start(encoding.bom_len() as u64))
        .map_err(&err)?;
    let reader: Box<dyn Read + Send> = match encoding {
        Encoding::Utf16Le => Box::new(Utf16ToUtf8::new(BufReader::new(file), false)),
        Encoding::Utf16Be => Box::new(Utf16ToUtf8::new(BufReader::new(file), true)),
        _ => Box::new(BufReader::new(file)),
    };
    // Sniff the delimiter from the start of the (decoded) text.
    let mut reader = std::io::BufReader::with_capacity(1 << 16, reader);
    let sample = {
        use std::io::BufRead;
        let buf = reader.fill_buf().map_err(&err)?;
        let end = buf.len().min(1 << 16);
        match encoding {
            Encoding::Legacy(e) => e.decode_without_bom_handling(&buf[..end]).0.into_owned(),
            _ => String::from_utf8_lossy(&buf[..end]).into_owned(),
        }
    };
    let delimiter = options
        .delimiter
        .unwrap_or_else(|| sniff_delimiter(&sample));
    let mut csv = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(LineCounter::new(reader));
    let decode = move |bytes: &[u8]| -> Result<String, String> {
        match encoding {
            Encoding::Legacy(e) => {
                decode_legacy(bytes, e).ok_or_else(|| format!("the text is not valid {}", e.name()))
            }
            _ => std::str::from_utf8(bytes)
                .map(str::to_owned)
                .map_err(|_| "the text is not valid UTF-8".to_owned()),
        }
    };
    let mut record = csv::ByteRecord::new();
    let header_line = loop {
        match csv.read_byte_record(&mut record) {
            Ok(true) if record.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) => continue,
            Ok(true) => {
                break record
                    .position()
                    .map_or(1, |p| csv.get_ref().line_at(p.byte()));
            }
            Ok(false) => {
                return Err(SourceError::Format(format!(
                    "{} has no rows.",
                    path.display()
                )));
            }
            Err(e) => {
                return Err(SourceError::Format(format!(
                    "{} could not be read as CSV: {e}",
                    path.display()
                )));
            }
        }
    };
    let headers = record
        .iter()
        .map(|f| decode(f).map(|t| t.trim().to_owned()))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|reason| SourceError::Row {
            line: header_line,
            reason,
        })?;
    let header_cells = headers.iter().map(|h| RawCell::Text(h.clone())).collect();
    let rows = CsvRows {
        csv,
        record,
        encoding,
    };
    Ok(Source {
        kind: SourceKind::Csv {
            encoding,
            delimiter,
        },
        headers,
        header_cells,
        rows: Box::new(rows),
    })
}

/// A CSV file's rows, decoded to text.
struct CsvRows<R> {
    csv: csv::Reader<LineCounter<R>>,
    record: csv::ByteRecord,
    encoding: Encoding,
}

impl<R: Read + Send> RowReader for CsvRows<R> {
    fn read_into(&mut self, row: &mut SourceRow) -> Option<Result<(), SourceError>> {
        let read = crate::guard::catch(|| self.csv.read_byte_record(&mut self.record))
            .unwrap_or_else(|detail| {
                Err(csv::Error::from(std::io::Error::other(format!(
                    "the CSV reader failed on it ({detail})"
                ))))
            });
        match read {
            Ok(false) => None,
            Ok(true) => {
                let line = self
                    .record
                    .position()
                    .map_or(0, |p| self.csv.get_ref().line_at(p.byte()));
                row.line = line;
                row.cells.truncate(self.record.len());
                for (i, field) in self.record.iter().enumerate() {
                    let text: std::borrow::Cow<'_, str> = match self.encoding {
                        Encoding::Legacy(e) => match decode_legacy(field, e) {
                            Some(t) => t.into(),
                            None => {
                                return Some(Err(SourceError::Row {
                                    line,
                                    reason: format!("the text is not valid {}", e.name()),
                                }));
                            }
                        },
                        _ => match std::str::from_utf8(field) {
                            Ok(t) => t.into(),
                            Err(_) => {
                                return Some(Err(SourceError::Row {
                                    line,
                                    reason: "the text is not valid UTF-8".to_owned(),
                                }));
                            }
                        },
                    };
                    match row.cells.get_mut(i) {
                        _ if text.is_empty() => set_cell(&mut row.cells, i, RawCell::Empty),
                        Some(RawCell::Text(buffer)) => {
                            buffer.clear();
                            buffer.push_str(&text);
                        }
                        _ => set_cell(&mut row.cells, i, RawCell::Text(text.into_owned())),
                    }
                }
                Some(Ok(()))
            }
            Err(e) => {
                let line = e
                    .position()
                    .map_or(0, |p| self.csv.get_ref().line_at(p.byte()));
                Some(Err(SourceError::Row {
                    line,
                    reason: e.to_string(),
                }))
            }
        }
    }
}

/// Puts `cell` at `i`, which is at most one past the end.
fn set_cell(cells: &mut Vec<RawCell>, i: usize, cell: RawCell) {
    match cells.get_mut(i) {
        Some(slot) => *slot = cell,
        None => cells.push(cell),
    }
}

fn open_sheet(path: &Path, options: &SourceOptions) -> Result<Source, SourceError> {
    if super::sheet::is_xlsx(path) {
        return open_xlsx(path, options);
    }
    let read = super::sheet::read_sheet(path, options.sheet.as_deref())?;
    let (sheet, sheets, mut all) = (read.sheet, read.sheets, read.rows);
    all.retain(|r| !r.cells.iter().all(RawCell::is_blank));
    if all.is_empty() {
        return Err(SourceError::Format(format!(
            "sheet \"{sheet}\" has no rows."
        )));
    }
    let header = all.remove(0);
    let headers = header
        .cells
        .iter()
        .map(|c| c.text().trim().to_owned())
        .collect();
    Ok(Source {
        kind: SourceKind::Sheet { sheet, sheets },
        headers,
        header_cells: header.cells,
        rows: Box::new(ReadyRows(all.into_iter().map(Ok))),
    })
}

/// An XLSX sheet, read as a stream: its first row with a value is the
/// header; the rest arrive while they are checked.
fn open_xlsx(path: &Path, options: &SourceOptions) -> Result<Source, SourceError> {
    let (sheet, sheets, mut rows) = super::sheet::stream_xlsx(path, options.sheet.as_deref())?;
    let header = match rows.next_row() {
        Some(Ok(header)) => header,
        Some(Err(e)) => return Err(e),
        None => {
            return Err(SourceError::Format(format!(
                "sheet \"{sheet}\" has no rows."
            )));
        }
    };
    Ok(Source {
        kind: SourceKind::Sheet { sheet, sheets },
        headers: header
            .cells
            .iter()
            .map(|c| c.text().trim().to_owned())
            .collect(),
        header_cells: header.cells,
        rows: Box::new(StreamedRows(rows)),
    })
}

/// The rows of a streamed XLSX sheet.
struct StreamedRows(super::sheet::XlsxRows);

impl RowReader for StreamedRows {
    fn read_into(&mut self, row: &mut SourceRow) -> Option<Result<(), SourceError>> {
        Some(self.0.next_row()?.map(|next| {
            let done = std::mem::replace(row, next);
            self.0.give_back(done);
        }))
    }
}

/// The start of a file, for the import assistant's preview.
#[derive(Clone, Debug, PartialEq)]
pub struct Preview {
    /// How the file was read.
    pub kind: SourceKind,
    /// The header row as text.
    pub headers: Vec<String>,
    /// The header row as cells.
    pub header_cells: Vec<RawCell>,
    /// The first rows.
    pub rows: Vec<SourceRow>,
}

/// The header and the first `n` rows.
pub fn preview(path: &Path, options: &SourceOptions, n: usize) -> Result<Preview, SourceError> {
    let mut source = open_source(path, options)?;
    let mut rows = Vec::new();
    for row in source.by_ref().take(n) {
        rows.push(row?);
    }
    Ok(Preview {
        kind: source.kind.clone(),
        headers: source.headers.clone(),
        header_cells: source.header_cells.clone(),
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_delimiters() {
        assert_eq!(sniff_delimiter("a;b;c\n1;2,5;3\n"), b';');
        assert_eq!(sniff_delimiter("a,b,c\n1,2,3\n"), b',');
        assert_eq!(sniff_delimiter("a\tb\n1\t2\n"), b'\t');
        assert_eq!(sniff_delimiter("team,\"x;y\"\nN,\"1;2\"\n"), b',');
    }

    #[test]
    fn one_reused_row_reads_rows_of_any_width_exactly() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ragged.csv");
        std::fs::write(
            &path,
            "a,b,c,d\nlong text here,2,,4\nx\n,,,\n1,2,3,4,5\n\"quoted, with comma\",\n9,8\n",
        )
        .unwrap();
        let mut source = open_source(&path, &SourceOptions::default()).unwrap();
        let mut row = SourceRow {
            line: 0,
            cells: Vec::new(),
        };
        let text = |t: &str| RawCell::Text(t.to_owned());
        let mut read = Vec::new();
        while let Some(r) = source.read_into(&mut row) {
            read.push(r.map(|()| row.clone()).map_err(|e| e.to_string()));
        }
        let ok = |line: u64, cells: Vec<RawCell>| Ok(SourceRow { line, cells });
        assert_eq!(read.len(), 6);
        assert_eq!(
            read[0],
            ok(
                2,
                vec![text("long text here"), text("2"), RawCell::Empty, text("4")]
            )
        );
        assert_eq!(read[1], ok(3, vec![text("x")]));
        assert_eq!(read[2], ok(4, vec![RawCell::Empty; 4]));
        assert_eq!(
            read[3],
            ok(
                5,
                vec![text("1"), text("2"), text("3"), text("4"), text("5")]
            )
        );
        assert_eq!(
            read[4],
            ok(6, vec![text("quoted, with comma"), RawCell::Empty])
        );
        assert_eq!(read[5], ok(7, vec![text("9"), text("8")]));
    }

    #[test]
    fn raw_cell_text() {
        assert_eq!(RawCell::Number(2019.0).text(), "2019");
        assert_eq!(RawCell::Number(2.5).text(), "2.5");
        assert_eq!(
            RawCell::Date(NaiveDate::from_ymd_opt(2024, 3, 1).unwrap()).text(),
            "2024-03-01"
        );
        assert!(RawCell::Text("  ".into()).is_blank());
    }
}
