//! Exporting values to CSV and XLSX in the long layout, so that exporting
//! and importing the same file changes nothing.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use chrono::NaiveDate;

use crate::domain::target::TargetIndex;
use crate::domain::{Indicator, IndicatorId, Period, TeamId};
use crate::storage::{AGENCY_TEAM, StorageError, Workbook};

/// The columns, in order.
pub const EXPORT_HEADERS: [&str; 11] = [
    "team",
    "indicator",
    "period",
    "period label",
    "value",
    "unit",
    "direction",
    "frequency",
    "target",
    "target met",
    "note",
];

/// What to export.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ExportOptions {
    /// Indicators to include (empty: all).
    pub indicators: Vec<IndicatorId>,
    /// Teams to include (empty: all).
    pub teams: Vec<TeamId>,
    /// First period start to include.
    pub from: Option<NaiveDate>,
    /// Last period start to include.
    pub to: Option<NaiveDate>,
    /// Start CSV files with a byte-order mark, so Excel reads them as UTF-8.
    pub bom: bool,
    /// The decimal mark of CSV numbers; with a comma the fields are
    /// separated by semicolons, as spreadsheets in those locales expect.
    pub decimal: crate::domain::number::DecimalMark,
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The workbook could not be read.
    #[error("{0}")]
    Storage(#[from] StorageError),
    /// The file could not be written.
    #[error("{path} could not be written: {reason}")]
    Write {
        /// The file.
        path: String,
        /// Why.
        reason: String,
    },
    /// The export does not fit the format.
    #[error("{0}")]
    TooLarge(String),
}

/// Guards text that a spreadsheet would run as a formula (starting with
/// `=`, `+`, `-` or `@`, or a tab or carriage return) with a leading apostrophe.
pub fn guard_formula(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// One exported row, as text cells plus the value as a number.
struct Row {
    team: String,
    indicator: String,
    period: String,
    label: String,
    value: f64,
    unit: String,
    direction: &'static str,
    frequency: &'static str,
    target: Option<f64>,
    met: Option<bool>,
    note: String,
}

fn collect_rows(
    wb: &Workbook,
    options: &ExportOptions,
    mut each: impl FnMut(Row) -> Result<(), ExportError>,
) -> Result<usize, ExportError> {
    let indicators: HashMap<IndicatorId, Indicator> =
        wb.indicators()?.into_iter().map(|i| (i.id, i)).collect();
    let mut teams: HashMap<TeamId, String> =
        wb.teams()?.into_iter().map(|t| (t.id, t.name)).collect();
    teams.insert(AGENCY_TEAM, crate::domain::team::AGENCY_ROW_NAME.to_owned());
    let mut targets = HashMap::new();
    for id in indicators.keys() {
        targets.insert(*id, TargetIndex::new(&wb.target_records(*id)?));
    }
    let mut n = 0;
    let mut failure: Option<ExportError> = None;
    wb.for_each_value(&options.indicators, |v| {
        if failure.is_some() {
            return Ok(());
        }
        let c = v.cell;
        if !options.teams.is_empty() && !options.teams.contains(&c.team) {
            return Ok(());
        }
        if options.from.is_some_and(|f| c.period_start < f)
            || options.to.is_some_and(|t| c.period_start > t)
        {
            return Ok(());
        }
        let Some(ind) = indicators.get(&c.indicator) else {
            return Ok(());
        };
        let period = Period {
            start: c.period_start,
            frequency: ind.frequency,
        };
        let target = targets
            .get(&c.indicator)
            .and_then(|t| t.for_period(c.team, period.end()));
        let row = Row {
            team: teams
                .get(&c.team)
                .cloned()
                .unwrap_or_else(|| format!("team {}", c.team)),
            indicator: ind.name.clone(),
            period: c.period_start.format("%Y-%m-%d").to_string(),
            label: period.label(),
            value: v.value,
            unit: ind.unit.clone(),
            direction: ind.direction.code(),
            frequency: ind.frequency.code(),
            target: target.map(|t| t.target_value),
            met: target.map(|t| t.is_met(v.value, ind.direction)),
            note: v.note.unwrap_or_default(),
        };
        n += 1;
        if let Err(e) = each(row) {
            failure = Some(e);
        }
        Ok(())
    })?;
    match failure {
        Some(e) => Err(e),
        None => Ok(n),
    }
}

/// Writes `contents` to a temporary file beside `path`, then renames it, so a
/// failed export never leaves a half-written file under the chosen name.
pub(crate) fn write_atomically(
    path: &Path,
    contents: impl FnOnce(&Path) -> Result<(), ExportError>,
) -> Result<(), ExportError> {
    let temp = crate::export::files::hidden_sibling(path, "part");
    let result = contents(&temp).and_then(|()| {
        std::fs::rename(&temp, path).map_err(|e| ExportError::Write {
            path: path.display().to_string(),
            reason: e.to_string(),
        })
    });
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

fn number_text(v: f64) -> String {
    format!("{v}")
}

/// Exports to CSV (UTF-8, long layout; comma-separated, or semicolons with
/// decimal commas when the options say so). Returns the number of values written.
pub fn export_csv(
    wb: &Workbook,
    path: &Path,
    options: &ExportOptions,
) -> Result<usize, ExportError> {
    let mut count = 0;
    write_atomically(path, |temp| {
        let write_err = |e: &dyn std::fmt::Display| ExportError::Write {
            path: path.display().to_string(),
            reason: e.to_string(),
        };
        let file = std::fs::File::create(temp).map_err(|e| write_err(&e))?;
        let mut buffered = std::io::BufWriter::new(file);
        if options.bom {
            buffered
                .write_all(b"\xEF\xBB\xBF")
                .map_err(|e| write_err(&e))?;
        }
        let comma = options.decimal == crate::domain::number::DecimalMark::Comma;
        let number_text = |v: f64| options.decimal.write(&number_text(v));
        let mut w = csv::WriterBuilder::new()
            .delimiter(if comma { b';' } else { b',' })
            .from_writer(buffered);
        w.write_record(EXPORT_HEADERS).map_err(|e| write_err(&e))?;
        count = collect_rows(wb, options, |r| {
            w.write_record([
                guard_formula(&r.team),
                guard_formula(&r.indicator),
                r.period,
                r.label,
                number_text(r.value),
                guard_formula(&r.unit),
                r.direction.to_owned(),
                r.frequency.to_owned(),
                r.target.map(&number_text).unwrap_or_default(),
                r.met
                    .map(|m| if m { "yes" } else { "no" }.to_owned())
                    .unwrap_or_default(),
                guard_formula(&r.note),
            ])
            .map_err(|e| write_err(&e))
        })?;
        let mut inner = w.into_inner().map_err(|e| write_err(&e))?;
        inner.flush().map_err(|e| write_err(&e))?;
        inner.get_ref().sync_all().map_err(|e| write_err(&e))
    })?;
    Ok(count)
}

/// Most data rows an XLSX sheet holds (one row is the header).
const XLSX_MAX_ROWS: usize = 1_048_575;

/// Exports to XLSX with the same columns (numbers stay numbers). Returns the number of values written.
pub fn export_xlsx(
    wb: &Workbook,
    path: &Path,
    options: &ExportOptions,
) -> Result<usize, ExportError> {
    use rust_xlsxwriter::{Format, Workbook as Xlsx};
    let write_err = |e: &dyn std::fmt::Display| ExportError::Write {
        path: path.display().to_string(),
        reason: e.to_string(),
    };
    let mut book = Xlsx::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Values").map_err(|e| write_err(&e))?;
    let bold = Format::new().set_bold();
    for (c, h) in EXPORT_HEADERS.iter().enumerate() {
        sheet
            .write_string_with_format(0, c as u16, *h, &bold)
            .map_err(|e| write_err(&e))?;
    }
    let mut row_no: u32 = 0;
    let count = collect_rows(wb, options, |r| {
        if row_no as usize >= XLSX_MAX_ROWS {
            return Err(ExportError::TooLarge(format!(
                "An XLSX sheet holds at most {XLSX_MAX_ROWS} rows; export fewer indicators or periods, or use CSV."
            )));
        }
        row_no += 1;
        let texts = [
            (0u16, &r.team),
            (1, &r.indicator),
            (2, &r.period),
            (3, &r.label),
            (5, &r.unit),
            (10, &r.note),
        ];
        for (c, t) in texts {
            if !t.is_empty() {
                sheet
                    .write_string(row_no, c, t.as_str())
                    .map_err(|e| write_err(&e))?;
            }
        }
        sheet
            .write_number(row_no, 4, r.value)
            .map_err(|e| write_err(&e))?;
        sheet
            .write_string(row_no, 6, r.direction)
            .map_err(|e| write_err(&e))?;
        sheet
            .write_string(row_no, 7, r.frequency)
            .map_err(|e| write_err(&e))?;
        if let Some(t) = r.target {
            sheet
                .write_number(row_no, 8, t)
                .map_err(|e| write_err(&e))?;
        }
        if let Some(m) = r.met {
            sheet
                .write_string(row_no, 9, if m { "yes" } else { "no" })
                .map_err(|e| write_err(&e))?;
        }
        Ok(())
    })?;
    sheet.autofit();
    write_atomically(path, |temp| book.save(temp).map_err(|e| write_err(&e)))?;
    Ok(count)
}

/// Exports to CSV or XLSX by the file's extension.
pub fn export_file(
    wb: &Workbook,
    path: &Path,
    options: &ExportOptions,
) -> Result<usize, ExportError> {
    if super::source::is_spreadsheet(path) {
        export_xlsx(wb, path, options)
    } else {
        export_csv(wb, path, options)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_guarded() {
        assert_eq!(guard_formula("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(guard_formula("+1"), "'+1");
        assert_eq!(guard_formula("-x"), "'-x");
        assert_eq!(guard_formula("@cmd"), "'@cmd");
        assert_eq!(guard_formula("North"), "North");
    }
}
