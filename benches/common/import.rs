//! Helpers shared by the import benchmarks: a fresh workbook, the mapping
//! the import assistant would guess, and the 100,000-value spreadsheet.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use ratchet::io::mapping::{Mapping, guess_mapping};
use ratchet::io::period::PeriodContext;
use ratchet::io::{
    ExportOptions, ImportOptions, SourceOptions, export_file, open_source, plan_import,
};
use ratchet::storage::Workbook;

/// Removes a workbook and its journal files.
pub fn fresh(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}

/// The column mapping the import assistant would guess for `file`.
pub fn guessed_mapping(file: &Path) -> Mapping {
    let source = open_source(file, &SourceOptions::default()).unwrap();
    guess_mapping(
        &source.headers,
        &source.header_cells,
        &PeriodContext::default(),
    )
}

/// Checks and writes `file` into a new, empty workbook at `target`; how
/// many values it added.
pub fn import_fresh(
    target: &Path,
    file: &Path,
    mapping: &Mapping,
    options: &ImportOptions,
) -> usize {
    fresh(target);
    let mut wb = Workbook::create(target).unwrap();
    let plan = plan_import(
        &wb,
        file,
        &SourceOptions::default(),
        mapping,
        options,
        &mut |_| true,
    )
    .unwrap();
    wb.apply_import(&plan.batch, &mut |_, _| true)
        .unwrap()
        .added
}

/// A spreadsheet of 100,000 values (5 indicators × 200 teams × 100 weeks)
/// written by Ratchet's own export from the large workbook at `large`.
pub fn hundred_thousand_xlsx(large: &Path, dir: &Path) -> PathBuf {
    let wb = Workbook::open(large).unwrap();
    let xlsx = dir.join("hundred-thousand.xlsx");
    let first_five: Vec<_> = wb
        .indicators()
        .unwrap()
        .iter()
        .take(5)
        .map(|i| i.id)
        .collect();
    let from = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
    let mut starts: Vec<NaiveDate> = wb
        .values_for_indicator(first_five[0])
        .unwrap()
        .into_iter()
        .map(|(_, d, _)| d)
        .filter(|d| *d >= from)
        .collect();
    starts.sort();
    starts.dedup();
    export_file(
        &wb,
        &xlsx,
        &ExportOptions {
            indicators: first_five,
            from: starts.first().copied(),
            to: starts.get(99).copied(),
            ..ExportOptions::default()
        },
    )
    .unwrap();
    xlsx
}

/// Reads every cell of `xlsx`'s first sheet with calamine alone (no
/// checks, no writing): the yardstick of the spreadsheet import.
pub fn read_with_calamine(xlsx: &Path) -> usize {
    use calamine::Reader;
    let mut book = calamine::open_workbook_auto(xlsx).unwrap();
    let sheet = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&sheet).unwrap();
    range
        .used_cells()
        .filter(|(_, _, c)| **c != calamine::Data::Empty)
        .count()
}
