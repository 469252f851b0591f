//! Writing a team's return file: XLSX (cells to fill unlocked, the rest
//! protected, the keys hidden, instructions beside the table) or CSV.

use std::path::Path;

use rust_xlsxwriter::{Color, ExcelDateTime, Format, Workbook as Xlsx, Worksheet};

use super::sheet::{
    COLUMNS, HELD, INDICATOR, INDICATOR_ID, NOTE, PERIOD, PERIOD_STARTS, REPORTED_BY, RETURN,
    ReturnSheet, TEAM, VALUE_COLUMN, canonical_number,
};
use crate::io::export::{ExportError, guard_formula, write_atomically};

/// What the team is told, beside the table and in the folder's note.
pub fn instructions(sheet: &ReturnSheet) -> Vec<String> {
    let due = sheet
        .due
        .map(|d| format!(" by {}", d.format("%-d %B %Y")))
        .unwrap_or_default();
    vec![
        format!("Data return for {} ({})", sheet.team_name, sheet.agency),
        format!(
            "1. Type each value in the Value column{due}; leave a cell empty if you have no figure."
        ),
        "2. Add a note where a figure needs explaining (an estimate, a late count).".into(),
        "3. Write your name under \"Reported by\".".into(),
        "4. Save the file under its own name and send it back. Do not add, remove or reorder rows."
            .into(),
        "Values already held are filled in: change one only to correct it.".into(),
    ]
}

/// Writes the return as XLSX.
pub fn write_return_xlsx(sheet: &ReturnSheet, path: &Path) -> Result<(), ExportError> {
    let err = |e: rust_xlsxwriter::XlsxError| ExportError::Write {
        path: path.display().to_string(),
        reason: e.to_string(),
    };
    let mut book = Xlsx::new();
    let ws = book.add_worksheet();
    ws.set_name("Return").map_err(err)?;
    fill_xlsx(ws, sheet).map_err(err)?;
    write_atomically(path, |temp| book.save(temp).map_err(err))
}

fn fill_xlsx(ws: &mut Worksheet, sheet: &ReturnSheet) -> Result<(), rust_xlsxwriter::XlsxError> {
    let bold = Format::new().set_bold();
    let to_fill = Format::new()
        .set_unlocked()
        .set_background_color(Color::RGB(0xFFF7D6));
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (c, h) in COLUMNS.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    for (i, line) in sheet.lines.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string(r, TEAM as u16, &sheet.team_name)?;
        ws.write_string(r, INDICATOR as u16, &line.indicator_name)?;
        ws.write_string(r, 2, &line.unit)?;
        ws.write_string(r, PERIOD as u16, line.period.label())?;
        let s = line.period.start;
        let day = ExcelDateTime::from_ymd(s.year_u16(), s.month_u8(), s.day_u8())?;
        ws.write_datetime_with_format(r, PERIOD_STARTS as u16, &day, &date)?;
        ws.write_string(r, 5, &line.target)?;
        match line.held {
            Some(v) => ws.write_number_with_format(r, VALUE_COLUMN as u16, v, &to_fill)?,
            None => ws.write_blank(r, VALUE_COLUMN as u16, &to_fill)?,
        };
        ws.write_blank(r, NOTE as u16, &to_fill)?;
        ws.write_number(r, INDICATOR_ID as u16, line.indicator.0 as f64)?;
        ws.write_string(
            r,
            HELD as u16,
            line.held.map(canonical_number).unwrap_or_default(),
        )?;
    }
    ws.write_string(1, RETURN as u16, sheet.signature.text())?;
    ws.write_blank(1, REPORTED_BY as u16, &to_fill)?;
    for (i, text) in instructions(sheet).iter().enumerate() {
        let f = if i == 0 { &bold } else { &Format::new() };
        ws.write_string_with_format(i as u32, REPORTED_BY as u16 + 2, text, f)?;
    }
    for c in [INDICATOR_ID, HELD, RETURN] {
        ws.set_column_hidden(c as u16)?;
    }
    for (c, width) in [
        (0, 18.0),
        (1, 30.0),
        (2, 8.0),
        (3, 11.0),
        (4, 12.0),
        (5, 24.0),
        (6, 12.0),
        (7, 30.0),
        (11, 22.0),
        (13, 60.0),
    ] {
        ws.set_column_width(c, width)?;
    }
    ws.set_freeze_panes(1, 0)?;
    ws.protect();
    Ok(())
}

/// Writes the return as CSV (UTF-8 with a byte-order mark, so spreadsheet
/// programs read names correctly).
pub fn write_return_csv(sheet: &ReturnSheet, path: &Path) -> Result<(), ExportError> {
    let err = |e: &dyn std::fmt::Display| ExportError::Write {
        path: path.display().to_string(),
        reason: e.to_string(),
    };
    write_atomically(path, |temp| {
        let file = std::fs::File::create(temp).map_err(|e| err(&e))?;
        let mut out = std::io::BufWriter::new(file);
        std::io::Write::write_all(&mut out, b"\xEF\xBB\xBF").map_err(|e| err(&e))?;
        let mut w = csv::Writer::from_writer(out);
        w.write_record(COLUMNS).map_err(|e| err(&e))?;
        for (i, line) in sheet.lines.iter().enumerate() {
            let held = line.held.map(canonical_number).unwrap_or_default();
            let (signature, by) = if i == 0 {
                (sheet.signature.text(), String::new())
            } else {
                (String::new(), String::new())
            };
            w.write_record([
                guard_formula(&sheet.team_name),
                guard_formula(&line.indicator_name),
                guard_formula(&line.unit),
                line.period.label(),
                line.period.start.to_string(),
                guard_formula(&line.target),
                held.clone(),
                String::new(),
                line.indicator.0.to_string(),
                held,
                signature,
                by,
            ])
            .map_err(|e| err(&e))?;
        }
        w.flush().map_err(|e| err(&e))
    })
}

/// Small conversions chrono leaves to the caller.
trait DayParts {
    fn year_u16(&self) -> u16;
    fn month_u8(&self) -> u8;
    fn day_u8(&self) -> u8;
}

impl DayParts for chrono::NaiveDate {
    fn year_u16(&self) -> u16 {
        u16::try_from(chrono::Datelike::year(self)).unwrap_or(1900)
    }
    fn month_u8(&self) -> u8 {
        chrono::Datelike::month(self) as u8
    }
    fn day_u8(&self) -> u8 {
        chrono::Datelike::day(self) as u8
    }
}
