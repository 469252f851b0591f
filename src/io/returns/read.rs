//! Reading a returned file back: its signature, who filled it in, and each
//! row's keys (canonical, as sealed) with the cells the team filled.

use std::path::Path;

use chrono::NaiveDate;

use super::sheet::{
    COLUMNS, HELD, INDICATOR, INDICATOR_ID, NOTE, PERIOD, PERIOD_STARTS, REPORTED_BY, RETURN,
    SealedLine, Signature, TEAM, VALUE_COLUMN, canonical_number,
};
use crate::io::source::{RawCell, SourceOptions, is_spreadsheet, open_source};

/// One row of a returned file.
#[derive(Clone, Debug, PartialEq)]
pub struct ReturnRow {
    /// Its line (CSV) or row (XLSX), for messages.
    pub line: u64,
    /// What the seal covers, as read.
    pub sealed: SealedLine,
    /// The Value cell as the team left it.
    pub value: RawCell,
    /// The Note cell.
    pub note: RawCell,
}

/// A returned file as read.
#[derive(Clone, Debug, PartialEq)]
pub struct ReadReturn {
    /// Its signature.
    pub signature: Signature,
    /// The team's name as written in the file.
    pub team_name: String,
    /// Who filled it in.
    pub reported_by: String,
    /// Its rows.
    pub rows: Vec<ReturnRow>,
    /// The header row (for column names in messages).
    pub headers: Vec<String>,
}

impl ReadReturn {
    /// Whether nothing outside the cells to fill changed, under the
    /// workbook's `key`.
    pub fn seal_holds(&self, key: &str) -> bool {
        let lines: Vec<SealedLine> = self.rows.iter().map(|r| r.sealed.clone()).collect();
        self.signature.holds(key, &self.team_name, &lines)
    }
}

/// Reads a return file (XLSX or CSV). The error says why it is not one.
pub fn read_return(path: &Path) -> Result<ReadReturn, String> {
    let options = SourceOptions {
        sheet: is_spreadsheet(path).then(|| "Return".to_owned()),
        delimiter: None,
    };
    let source = open_source(path, &options).map_err(|e| e.to_string())?;
    let headers: Vec<String> = source.headers.iter().map(|h| h.trim().to_owned()).collect();
    let expected = COLUMNS.iter().map(|c| c.to_string());
    if headers.len() < COLUMNS.len() || !headers.iter().cloned().zip(expected).all(|(a, b)| a == b)
    {
        return Err("it is not a Ratchet data return (its columns are not a return's)".into());
    }
    let mut rows = Vec::new();
    let mut signature = None;
    let mut team_name: Option<String> = None;
    let mut reported_by = String::new();
    for row in source {
        let row = row.map_err(|e| e.to_string())?;
        let cell = |i: usize| row.cells.get(i).cloned().unwrap_or(RawCell::Empty);
        if (0..=RETURN).all(|i| cell(i).is_blank()) {
            continue;
        }
        if signature.is_none() {
            signature = Some(Signature::parse(&cell(RETURN).text()).ok_or(
                "it is not a Ratchet data return, or its signature was removed".to_owned(),
            )?);
            reported_by = cell(REPORTED_BY).text().trim().to_owned();
        }
        let team = text(&cell(TEAM));
        match &team_name {
            None => team_name = Some(team),
            Some(t) if *t != team => {
                return Err(format!(
                    "line {}: the team was changed to \"{team}\"; a return is one team's",
                    row.line
                ));
            }
            Some(_) => {}
        }
        let edited = |what: &str| format!("line {}: the {what} was edited", row.line);
        rows.push(ReturnRow {
            line: row.line,
            sealed: SealedLine {
                indicator: whole_number(&cell(INDICATOR_ID))
                    .ok_or_else(|| edited("indicator id"))?,
                indicator_name: text(&cell(INDICATOR)),
                unit: text(&cell(2)),
                target: text(&cell(5)),
                period_label: text(&cell(PERIOD)),
                period_start: day(&cell(PERIOD_STARTS))
                    .ok_or_else(|| edited("period's first day"))?,
                held: held(&cell(HELD)),
            },
            value: cell(VALUE_COLUMN),
            note: cell(NOTE),
        });
    }
    let signature = signature.ok_or("it holds no rows".to_owned())?;
    Ok(ReadReturn {
        signature,
        team_name: team_name.unwrap_or_default(),
        reported_by,
        rows,
        headers,
    })
}

/// A text cell as written (a CSV's formula guard taken off).
fn text(cell: &RawCell) -> String {
    let t = cell.text();
    let t = t.trim();
    match t.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest.to_owned(),
        _ => t.to_owned(),
    }
}

fn whole_number(cell: &RawCell) -> Option<i64> {
    match cell {
        RawCell::Number(n) if n.fract() == 0.0 => Some(*n as i64),
        RawCell::Text(t) => t.trim().parse().ok(),
        _ => None,
    }
}

/// A day written as a date, a spreadsheet serial number or ISO text.
fn day(cell: &RawCell) -> Option<NaiveDate> {
    match cell {
        RawCell::Date(d) => Some(*d),
        RawCell::Number(n) if n.fract() == 0.0 && *n > 0.0 && *n < 2_958_466.0 => {
            NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(chrono::Days::new(*n as u64))
        }
        RawCell::Text(t) => NaiveDate::parse_from_str(t.trim(), "%Y-%m-%d").ok(),
        _ => None,
    }
}

fn held(cell: &RawCell) -> String {
    match cell {
        RawCell::Number(n) => canonical_number(*n),
        other => other.text().trim().to_owned(),
    }
}
