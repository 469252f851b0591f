//! Collecting a returned file: recognised by its signature, refused when it
//! is another workbook's, edited outside its cells or already collected;
//! checked like any import; values changed since the request shown as
//! conflicts to decide; written through the audit trail with the sender
//! as the source.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::domain::data_return::RequestId;
use crate::domain::{Cell, OnExisting, Period, TeamId};
use crate::io::mapping::{Layout, Mapping};
use crate::io::plan::{Catalog, ImportOptions, ImportPlan, count_against, plan_rows};
use crate::io::returns::{ReadReturn, canonical_number, read_return, workbook_fingerprint};
use crate::io::source::{RawCell, Source, SourceKind, SourceRow};
use crate::storage::{ImportValue, NameRef, ReturnMark, Workbook};

/// A value the team returned that differs from one entered since the request.
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    /// The row in the returned file.
    pub line: u64,
    /// Where the value goes.
    pub cell: Cell,
    /// "Repairs, 2026-W10".
    pub what: String,
    /// The value when the request was made.
    pub held: Option<f64>,
    /// The value now.
    pub current: Option<f64>,
    /// The value returned.
    pub returned: f64,
}

/// What to do with a conflict.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConflictChoice {
    /// Write the returned value.
    TakeReturned,
    /// Keep the value entered since the request.
    KeepCurrent,
}

/// A returned file, checked: what collecting it would write.
#[derive(Debug)]
pub struct ReturnCheck {
    /// The file.
    pub path: PathBuf,
    /// The request it answers.
    pub request: RequestId,
    /// The team it is from.
    pub team: TeamId,
    /// Its name now.
    pub team_name: String,
    /// Who filled it in.
    pub reported_by: String,
    /// Values asked for.
    pub asked: usize,
    /// Values the team filled in.
    pub filled: usize,
    /// Values the team left as they were held.
    pub left_as_held: usize,
    /// Values that differ from ones entered since the request.
    pub conflicts: Vec<Conflict>,
    /// What will be written (conflicts per their choices; undecided ones left out).
    pub plan: ImportPlan,
}

impl ReturnCheck {
    /// Why it cannot be collected yet, if anything stops it.
    pub fn blocker(
        &self,
        choices: &HashMap<u64, ConflictChoice>,
        reason_given: bool,
    ) -> Option<String> {
        let undecided = self
            .conflicts
            .iter()
            .filter(|c| !choices.contains_key(&c.line))
            .count();
        if undecided > 0 {
            return Some(format!(
                "{} entered since the request: choose for each whether to keep it or take the returned one.",
                crate::domain::number::count(
                    undecided as u64,
                    "value differs from one",
                    "values differ from ones"
                )
            ));
        }
        // Unlike an import, a return that changes nothing is still
        // collected: the team has answered.
        let report = &self.plan.report;
        if report.rejected_total > 0 {
            return Some(format!(
                "{} rejected: ask the team to correct the file.",
                crate::domain::number::count(report.rejected_total as u64, "row is", "rows are")
            ));
        }
        if report.in_locked_periods > 0 && !reason_given {
            return Some(format!(
                "{} fall in locked periods: give a reason.",
                crate::domain::number::count(report.in_locked_periods as u64, "value", "values")
            ));
        }
        None
    }
}

/// Reads and checks a returned file against the workbook. Writes nothing.
/// `choices` settles conflicts by the file's line; `reason` is recorded
/// for values in locked periods and changed values.
pub fn check_return(
    wb: &Workbook,
    path: &Path,
    choices: &HashMap<u64, ConflictChoice>,
    reason: &str,
) -> Result<ReturnCheck, String> {
    let read = read_return(path).map_err(|why| format!("{}: {why}.", file_name(path)))?;
    let team_name = recognise(wb, path, &read)?;
    let catalog = Catalog::of(wb).map_err(|e| e.to_string())?;
    let rows = planner_rows(&read, &catalog, &team_name);
    let filled = rows.len();
    let source = Source::from_rows(
        SourceKind::Sheet {
            sheet: "Return".into(),
            sheets: vec!["Return".into()],
        },
        ["Team", "Indicator", "Period starts", "Value", "Note"]
            .map(String::from)
            .to_vec(),
        rows,
    );
    let mapping = Mapping {
        layout: Layout::Long,
        team: Some(0),
        indicator: Some(1),
        period: Some(2),
        value: Some(3),
        note: Some(4),
        ..Mapping::default()
    };
    let options = ImportOptions {
        on_existing: OnExisting::Update,
        reason: reason.to_owned(),
        ..ImportOptions::default()
    };
    let (mut batch, mut report) = plan_rows(source, &mapping, &options, &catalog, &mut |_| true)
        .map_err(|e| e.to_string())?;
    let held: HashMap<u64, Option<f64>> = read
        .rows
        .iter()
        .map(|r| (r.line, r.sealed.held.parse().ok()))
        .collect();
    let mut kept = Vec::new();
    let mut conflicts = Vec::new();
    let mut left_as_held = 0;
    for v in batch.values.to_vec().map_err(|e| e.to_string())? {
        let Some(cell) = cell_of(&v) else { continue };
        let was = held.get(&v.line).copied().flatten();
        if was == Some(v.value) {
            left_as_held += 1;
            continue;
        }
        let current = wb.value(cell).map_err(|e| e.to_string())?;
        if current == was || current == Some(v.value) {
            kept.push(v);
            continue;
        }
        let what = conflict_label(&catalog, &v);
        conflicts.push(Conflict {
            line: v.line,
            cell,
            what,
            held: was,
            current,
            returned: v.value,
        });
        if choices.get(&v.line) == Some(&ConflictChoice::TakeReturned) {
            kept.push(v);
        }
    }
    report.in_locked_periods = kept
        .iter()
        .filter(|v| in_locked_period(&catalog, v))
        .count();
    batch.values = kept.into();
    batch.file_name = file_name(path);
    let untouched = kept_nothing(&batch) && conflicts.is_empty() && report.rejected_total == 0;
    if untouched && read.reported_by.is_empty() {
        return Err(format!(
            "{} is as it was sent: nothing new is filled in and no name is given under \"Reported by\"; it was not collected.",
            file_name(path)
        ));
    }
    let (request, team) = (read.signature.request, read.signature.team);
    let by = if read.reported_by.is_empty() {
        format!("{team_name} (no name given)")
    } else {
        read.reported_by.clone()
    };
    batch.data_return = Some(ReturnMark {
        request,
        team,
        by: by.clone(),
        filled,
    });
    count_against(wb, &batch, &mut report).map_err(|e| e.to_string())?;
    Ok(ReturnCheck {
        path: path.to_owned(),
        request,
        team,
        team_name,
        reported_by: by,
        asked: read.rows.len(),
        filled,
        left_as_held,
        conflicts,
        plan: ImportPlan { batch, report },
    })
}

/// Checks that the file is this workbook's, for a request and team it
/// made, not yet collected and not edited outside its cells. Returns the
/// team's name now.
fn recognise(wb: &Workbook, path: &Path, read: &ReadReturn) -> Result<String, String> {
    let name = file_name(path);
    let key = wb.return_key().map_err(|e| e.to_string())?;
    let sig = &read.signature;
    if sig.workbook != workbook_fingerprint(&key) {
        return Err(format!(
            "{name} is a data return from another workbook; it cannot be collected here."
        ));
    }
    let asked = wb
        .return_team(sig.request, sig.team)
        .map_err(|e| e.to_string())?
        .ok_or_else(|| {
            format!(
                "{name} answers a request this workbook has no record of (request {}).",
                sig.request.0
            )
        })?;
    if let Some(c) = &asked.collected {
        return Err(format!(
            "{name} was already collected on {} (reported by {}); nothing was written. To correct it, make a new request.",
            c.at.format("%-d %b %Y"),
            c.by
        ));
    }
    if !read.seal_holds(&key) {
        return Err(format!(
            "{name} was edited outside the cells to fill (rows added, removed or reordered, or a name, period or held value changed); nothing was written. Ask the team to fill in the file as it was sent."
        ));
    }
    let teams = wb.teams().map_err(|e| e.to_string())?;
    teams
        .into_iter()
        .find(|t| t.id == sig.team)
        .map(|t| t.name)
        .ok_or_else(|| format!("{name} is for a team that is no longer in the workbook."))
}

/// The rows the team filled, as the import's planner reads them: the team
/// and indicator by their names now (they may have been renamed since),
/// the period by its first day, the value and note as the team left them.
fn planner_rows(read: &ReadReturn, catalog: &Catalog, team_name: &str) -> Vec<SourceRow> {
    read.rows
        .iter()
        .filter(|r| !r.value.is_blank())
        .map(|r| {
            let indicator = catalog
                .indicators
                .iter()
                .find(|i| i.id.0 == r.sealed.indicator)
                .map_or_else(
                    || format!("(indicator {}, removed)", r.sealed.indicator),
                    |i| i.name.clone(),
                );
            SourceRow {
                line: r.line,
                cells: vec![
                    RawCell::Text(team_name.to_owned()),
                    RawCell::Text(indicator),
                    RawCell::Date(r.sealed.period_start),
                    r.value.clone(),
                    r.note.clone(),
                ],
            }
        })
        .collect()
}

fn kept_nothing(batch: &crate::storage::ImportBatch) -> bool {
    batch.values.is_empty()
}

fn cell_of(v: &ImportValue) -> Option<Cell> {
    match (v.indicator, v.team) {
        (NameRef::Existing(indicator), NameRef::Existing(team)) => Some(Cell {
            indicator,
            team,
            period_start: v.period_start,
        }),
        _ => None,
    }
}

fn conflict_label(catalog: &Catalog, v: &ImportValue) -> String {
    let found = match v.indicator {
        NameRef::Existing(id) => catalog.indicators.iter().find(|i| i.id == id),
        NameRef::New(_) => None,
    };
    match found {
        Some(i) => format!(
            "{}, {}",
            i.name,
            Period::containing(i.frequency, v.period_start).label()
        ),
        None => format!("line {}", v.line),
    }
}

fn in_locked_period(catalog: &Catalog, v: &ImportValue) -> bool {
    let (Some(lock), NameRef::Existing(id)) = (catalog.locked_through, v.indicator) else {
        return false;
    };
    catalog
        .indicators
        .iter()
        .find(|i| i.id == id)
        .is_some_and(|i| Period::containing(i.frequency, v.period_start).end() <= lock)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Every return file (XLSX or CSV) in a folder and the folders inside
/// it (a request's own folder), by path; hidden files, office lock files
/// and the instructions are left out.
pub fn return_files_in(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    collect_files(dir, 0, &mut files)?;
    files.sort();
    Ok(files)
}

fn collect_files(dir: &Path, depth: u32, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let p = entry?.path();
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.starts_with('.') || name.starts_with("~$") {
            continue;
        }
        if p.is_dir() {
            if depth < 2 {
                collect_files(&p, depth + 1, files)?;
            }
        } else if p
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("xlsx") || e.eq_ignore_ascii_case("csv"))
        {
            files.push(p);
        }
    }
    Ok(())
}

/// A number as a return file shows it, for messages.
pub fn shown(v: Option<f64>) -> String {
    v.map_or_else(|| "empty".to_owned(), canonical_number)
}
