//! Turning a file into an import plan: every row read, checked and resolved
//! before anything is written. The plan says how many values will be added,
//! updated or skipped and lists every rejected row with its line, column and
//! reason; [`crate::storage::Workbook::apply_import`] then writes it in one
//! transaction.

use std::collections::{HashMap, HashSet};

use rustc_hash::FxHashMap;

use chrono::NaiveDate;

use super::file_targets::{RawTarget, TargetContext, TargetPlan, plan_targets};
use super::mapping::{Layout, Mapping};
use super::number::{CellNumber, DecimalMark, guess_decimal_mark, parse_cell_number};
use super::pending::{Pending, PendingList, PeriodText};
use super::period::{
    DateOrder, Granularity, PeriodContext, PeriodLabel, day_label, frequency_for,
    frequency_from_spacing, infer_date_order, parse_period_text, place_in, year_label,
};
use super::source::{RawCell, Source, SourceRow};
use crate::domain::{
    Direction, Frequency, IndicatorId, IndicatorKind, IndicatorScope, IndicatorSpec, OnExisting,
    Period, TargetRecord, TeamId,
};
use crate::storage::{
    ImportBatch, ImportScratch, ImportTarget, ImportValue, ImportValues, NameRef, StorageError,
    Workbook,
};

mod catalog;
mod cells;
mod finish;
mod names;
mod options;
mod planner;
mod report;
mod spill;
mod taken;
mod targets;

pub use catalog::*;
use cells::*;
pub use options::*;
use planner::*;
pub use report::*;
use taken::TakenCells;

/// A checked import, ready to apply.
#[derive(Debug, Default)]
pub struct ImportPlan {
    /// What will be written.
    pub batch: ImportBatch,
    /// What the person is shown.
    pub report: ImportReport,
}

/// Why planning stopped.
#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    /// The mapping is incomplete.
    #[error("{0}")]
    Mapping(String),
    /// The file could not be read at all.
    #[error("{0}")]
    Source(#[from] super::source::SourceError),
    /// The workbook could not be read.
    #[error("{0}")]
    Storage(#[from] StorageError),
    /// The person cancelled.
    #[error("Cancelled; nothing was imported.")]
    Cancelled,
}

/// Which of the new teams and indicators carry an accepted value.
#[derive(Default)]
struct Used {
    teams: Vec<bool>,
    indicators: Vec<bool>,
}

/// Reads a whole file against the workbook's catalog: every row checked and
/// resolved, nothing written. `progress(rows)` may return `false` to cancel.
pub fn plan_rows(
    mut source: Source,
    mapping: &Mapping,
    options: &ImportOptions,
    catalog: &Catalog,
    progress: &mut dyn FnMut(u64) -> bool,
) -> Result<(ImportBatch, ImportReport), PlanError> {
    if let Some(p) = mapping.problems().into_iter().next() {
        return Err(PlanError::Mapping(p));
    }
    // Read the first rows to settle the decimal mark and date order.
    let mut head: Vec<SourceRow> = Vec::new();
    let mut source_error = None;
    for row in source.by_ref().take(500) {
        match row {
            Ok(r) => head.push(r),
            Err(e) => {
                source_error = Some(e);
                break;
            }
        }
    }
    let (decimal, date_order) = settle_conventions(&head, &source, mapping, options);
    let ctx = PeriodContext {
        date_order,
        fiscal_year_start: catalog.fiscal_year_start,
    };
    let headers = source.headers.clone();
    let header_labels = header_labels(&source, mapping, &ctx);
    let mut planner = Planner {
        mapping,
        options,
        catalog,
        headers,
        ctx,
        decimal,
        header_labels,
        report: ImportReport {
            source: source.kind.describe(),
            decimal,
            date_order,
            ..ImportReport::default()
        },
        new_teams: Vec::new(),
        new_indicators: Vec::new(),
        pending: PendingList::default(),
        notices: HashSet::new(),
        team_spellings: FxHashMap::default(),
        indicator_spellings: FxHashMap::default(),
        spelling_key: String::new(),
        team_names: catalog
            .teams
            .iter()
            .map(|(id, n)| (n.to_lowercase(), *id))
            .collect(),
        indicator_names: catalog
            .indicators
            .iter()
            .map(|i| (i.name.to_lowercase(), i.id))
            .collect(),
        kinds: catalog
            .indicators
            .iter()
            .map(|i| (i.id, (i.kind, i.frequency)))
            .collect(),
        period_cache: FxHashMap::default(),
        period_texts: Vec::new(),
        scratch: None,
        placed: Placed::default(),
        used: Used::default(),
        failure: None,
        involved: rustc_hash::FxHashSet::default(),
        raw_targets: Vec::new(),
    };
    if let Some(e) = source_error {
        record_source_error(&mut planner, e)?;
    }
    for row in &head {
        planner.row(row);
    }
    let mut n = head.len() as u64;
    source.read_ahead();
    // One row buffer for the whole file: its cells' text is overwritten in place.
    let mut row = head.pop().unwrap_or(SourceRow {
        line: 0,
        cells: Vec::new(),
    });
    while let Some(read) = source.read_into(&mut row) {
        n += 1;
        if n.is_multiple_of(50_000) {
            if let Some(e) = planner.failure.take() {
                return Err(e.into());
            }
            if !progress(n) {
                return Err(PlanError::Cancelled);
            }
        }
        match read {
            Ok(()) => planner.row(&row),
            Err(e) => record_source_error(&mut planner, e)?,
        }
    }
    planner.finish(progress)
}

/// The decimal mark and date order of the file: the person's choice, else
/// what its first rows show (a semicolon-separated CSV defaults to a
/// decimal comma).
fn settle_conventions(
    head: &[SourceRow],
    source: &Source,
    mapping: &Mapping,
    options: &ImportOptions,
) -> (DecimalMark, DateOrder) {
    let value_columns: Vec<usize> = match mapping.layout {
        Layout::Long => mapping.value.into_iter().collect(),
        Layout::Wide => mapping.period_columns.clone(),
    };
    let sample_texts: Vec<String> = head
        .iter()
        .flat_map(|r| value_columns.iter().filter_map(|&c| r.cells.get(c)))
        .filter_map(|c| match c {
            RawCell::Text(t) => Some(t.clone()),
            _ => None,
        })
        .collect();
    let decimal = options.decimal.unwrap_or_else(|| {
        guess_decimal_mark(sample_texts.iter().map(String::as_str)).unwrap_or(match &source.kind {
            super::source::SourceKind::Csv {
                delimiter: b';', ..
            } => DecimalMark::Comma,
            _ => DecimalMark::Dot,
        })
    });
    let date_order = match options.date_order {
        DateOrder::Unknown => {
            let period_texts: Vec<String> = match mapping.layout {
                Layout::Long => head
                    .iter()
                    .filter_map(|r| mapping.period.and_then(|p| r.cells.get(p)))
                    .map(|c| c.text().into_owned())
                    .collect(),
                Layout::Wide => mapping
                    .period_columns
                    .iter()
                    .filter_map(|&c| source.headers.get(c).cloned())
                    .collect(),
            };
            infer_date_order(period_texts.iter().map(String::as_str)).unwrap_or(DateOrder::Unknown)
        }
        known => known,
    };
    (decimal, date_order)
}

/// The period each period column's header names (a wide file's header
/// may be a typed date, a year, or a period's text).
fn header_labels(
    source: &Source,
    mapping: &Mapping,
    ctx: &PeriodContext,
) -> HashMap<usize, Result<PeriodLabel, String>> {
    mapping
        .period_columns
        .iter()
        .map(|&c| {
            let cell = source
                .header_cells
                .get(c)
                .cloned()
                .unwrap_or(RawCell::Empty);
            let label = match &cell {
                RawCell::Date(d) => Ok(day_label(*d)),
                RawCell::Number(n) if n.fract() == 0.0 && (1900.0..=2200.0).contains(n) => {
                    year_label(*n as i32).ok_or_else(|| "not a year".to_owned())
                }
                other => parse_period_text(&other.text(), ctx),
            };
            (c, label)
        })
        .collect()
}

/// A row the file could not give is a rejected row; a file that cannot be
/// read to its end (a damaged sheet, a read error) stops the plan: no part
/// of it is imported.
fn record_source_error(
    planner: &mut Planner<'_>,
    e: super::source::SourceError,
) -> Result<(), PlanError> {
    match e {
        super::source::SourceError::Row { line, reason } => {
            planner.report_rejection(line, "—", reason);
            Ok(())
        }
        other => Err(other.into()),
    }
}

/// Compares the batch with what the workbook holds, filling in how many
/// values will be added, updated, left unchanged or skipped.
pub fn count_against(
    wb: &Workbook,
    batch: &ImportBatch,
    report: &mut ImportReport,
) -> Result<(), StorageError> {
    let counts = wb.count_import(batch)?;
    report.added = counts.added;
    report.updated = counts.updated;
    report.unchanged = counts.unchanged;
    report.skipped = counts.skipped;
    Ok(())
}

/// Plans an import of the file at `path` into `wb`: reads and checks every
/// row and compares the values with those stored. Writes nothing.
pub fn plan_import(
    wb: &Workbook,
    path: &std::path::Path,
    source_options: &super::source::SourceOptions,
    mapping: &Mapping,
    options: &ImportOptions,
    progress: &mut dyn FnMut(u64) -> bool,
) -> Result<ImportPlan, PlanError> {
    let catalog = Catalog::of(wb)?;
    let source = super::source::open_source(path, source_options)?;
    let (mut batch, mut report) = plan_rows(source, mapping, options, &catalog, progress)?;
    batch.file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    count_against(wb, &batch, &mut report)?;
    Ok(ImportPlan { batch, report })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_names_the_first_new_teams_and_indicators_and_counts_the_rest() {
        let mut r = ImportReport::default();
        assert_eq!(r.new_teams_line(), None);
        assert!(r.new_indicator_lines().is_empty());
        r.new_teams = (0..3).map(|i| format!("T{i}")).collect();
        assert_eq!(r.new_teams_line().as_deref(), Some("New teams: T0, T1, T2"));
        r.new_teams = (0..2000).map(|i| format!("T{i}")).collect();
        let line = r.new_teams_line().unwrap();
        assert!(line.ends_with("T19 and 1980 more"), "{line}");
        assert!(!line.contains("T20,"));
        r.new_indicators = (0..25)
            .map(|i| NewIndicatorPlan {
                name: format!("I{i}"),
                unit: String::new(),
                direction: Direction::Lower,
                frequency: Frequency::Week,
            })
            .collect();
        let lines = r.new_indicator_lines();
        assert_eq!(lines.len(), 21);
        assert_eq!(
            lines[0],
            "New indicator: I0 (no unit, lower is better, reported weekly)"
        );
        assert_eq!(lines[20], "… and 5 more new indicators");
        let text = r.render_text();
        assert!(
            text.contains("T19 and 1980 more.\n") && text.contains("I19 ("),
            "{text}"
        );
    }
}
