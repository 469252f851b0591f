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
    Acceptor, CellKeys, ImportBatch, ImportScratch, ImportTarget, ImportValue, ImportValues,
    NameRef, StorageError, Workbook,
};

/// What the workbook already holds that an import must know.
#[derive(Clone, Debug, Default)]
pub struct Catalog {
    /// Teams by id and name.
    pub teams: Vec<(TeamId, String)>,
    /// Indicators.
    pub indicators: Vec<CatalogIndicator>,
    /// Periods ending on or before this date are locked.
    pub locked_through: Option<NaiveDate>,
    /// The month the fiscal year starts in.
    pub fiscal_year_start: u32,
    /// Every target of every indicator (to compare a file's targets with).
    pub targets: HashMap<IndicatorId, Vec<TargetRecord>>,
    /// The framework's target indicator, if it is set.
    pub framework_indicator: Option<IndicatorId>,
}

/// An indicator as an import sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct CatalogIndicator {
    /// Its id.
    pub id: IndicatorId,
    /// Its name.
    pub name: String,
    /// How often it is reported.
    pub frequency: Frequency,
    /// Its unit.
    pub unit: String,
    /// Which way is better.
    pub direction: Direction,
    /// Numbers or yes/no.
    pub kind: IndicatorKind,
}

impl Catalog {
    /// Reads the catalog from a workbook.
    pub fn of(wb: &Workbook) -> Result<Catalog, StorageError> {
        let indicators = wb.indicators()?;
        let mut targets = HashMap::new();
        for ind in &indicators {
            targets.insert(ind.id, wb.target_records(ind.id)?);
        }
        let mut teams: Vec<(TeamId, String)> =
            wb.teams()?.into_iter().map(|t| (t.id, t.name)).collect();
        teams.push((
            crate::storage::AGENCY_TEAM,
            crate::domain::team::AGENCY_ROW_NAME.to_owned(),
        ));
        Ok(Catalog {
            teams,
            indicators: indicators
                .into_iter()
                .map(|i| CatalogIndicator {
                    id: i.id,
                    name: i.name,
                    frequency: i.frequency,
                    unit: i.unit,
                    direction: i.direction,
                    kind: i.kind,
                })
                .collect(),
            locked_through: wb.locked_through()?,
            fiscal_year_start: wb.fiscal_year_start_month()?,
            targets,
            framework_indicator: wb.framework_indicator()?,
        })
    }
}

/// Choices the person makes about how to read the file.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportOptions {
    /// Day or month first in dates like 3/4/2024 (detected from the file when unknown).
    pub date_order: DateOrder,
    /// Decimal mark (`None`: detected from the file).
    pub decimal: Option<DecimalMark>,
    /// Update values that differ, or keep the stored ones.
    pub on_existing: OnExisting,
    /// Create teams and indicators the file names but the workbook lacks.
    pub create_missing: bool,
    /// How often new indicators are reported (`None`: from their period labels).
    pub new_indicator_frequency: Option<Frequency>,
    /// Which way is better for new indicators whose direction the file does
    /// not give (`None`: the import asks; it never guesses).
    pub new_indicator_direction: Option<Direction>,
    /// The reason recorded for changed values and values in locked periods.
    pub reason: String,
    /// How many values are checked in memory; a larger file's values wait
    /// in a scratch database on disk, so memory does not grow with the file.
    pub values_in_memory: usize,
}

/// Values checked in memory before a file's values go to disk: checking
/// in memory needs about 160 bytes a value at its peak.
pub const VALUES_IN_MEMORY: usize = 1_000_000;

/// New teams and indicators named in a report before "and N more".
const NAMES_SHOWN: usize = 20;

/// Values per record chunk kept on disk.
const SPILL_CHUNK: usize = 8192;

impl Default for ImportOptions {
    fn default() -> Self {
        Self {
            date_order: DateOrder::Unknown,
            decimal: None,
            on_existing: OnExisting::Update,
            create_missing: false,
            new_indicator_frequency: None,
            new_indicator_direction: None,
            reason: String::new(),
            values_in_memory: VALUES_IN_MEMORY,
        }
    }
}

/// One rejected row (or cell), with where and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejection {
    /// The line (CSV) or row (spreadsheet).
    pub line: u64,
    /// The column's header.
    pub column: String,
    /// What is wrong.
    pub reason: String,
}

/// Rejected rows that share a reason (the same words, whatever the value
/// quoted and the numbers in it) and a column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RejectionGroup {
    /// The column's header.
    pub column: String,
    /// The first row's reason, as an example.
    pub example: String,
    /// The reason with what varies taken out (what the group shares).
    pub kind: String,
    /// How many rows.
    pub count: usize,
    /// The first few lines.
    pub lines: Vec<u64>,
}

/// Lines listed per group of rejections.
const GROUP_LINES: usize = 8;
/// Groups kept; further kinds of rejection join the last.
const MAX_GROUPS: usize = 50;

/// A reason with what varies from row to row (quoted text, numbers) taken
/// out, so rows rejected for the same reason group together.
fn reason_kind(reason: &str) -> String {
    let mut out = String::with_capacity(reason.len());
    let mut quoted = false;
    let mut last_digit = false;
    for c in reason.chars() {
        if c == '"' {
            if !quoted {
                out.push('…');
            }
            quoted = !quoted;
            continue;
        }
        if quoted {
            continue;
        }
        if c.is_ascii_digit() {
            if !last_digit {
                out.push('#');
            }
            last_digit = true;
            continue;
        }
        last_digit = false;
        out.push(c);
    }
    out
}

/// An indicator the import will create.
#[derive(Clone, Debug, PartialEq)]
pub struct NewIndicatorPlan {
    /// Its name.
    pub name: String,
    /// Its unit (from the file, else empty).
    pub unit: String,
    /// Which way is better (from the file, else higher).
    pub direction: Direction,
    /// How often it is reported.
    pub frequency: Frequency,
}

/// What an import will do, shown before anything is written.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportReport {
    /// How the file was read.
    pub source: String,
    /// The decimal mark used.
    pub decimal: DecimalMark,
    /// The date order used, if dates needed one.
    pub date_order: DateOrder,
    /// Data rows read.
    pub rows_read: u64,
    /// Values found (not counting empty cells).
    pub values: usize,
    /// Cells saying "not reported" (blank, NA, -).
    pub not_reported: usize,
    /// New values.
    pub added: usize,
    /// Values that differ from what is stored and will be changed.
    pub updated: usize,
    /// Values equal to what is stored.
    pub unchanged: usize,
    /// Values that differ and will be left as stored.
    pub skipped: usize,
    /// Values falling in locked periods (they need a reason).
    pub in_locked_periods: usize,
    /// Rejected rows (the first 1,000).
    pub rejected: Vec<Rejection>,
    /// How many rows were rejected in all.
    pub rejected_total: usize,
    /// The rejections grouped by reason and column, largest first once
    /// planning ends.
    pub rejection_groups: Vec<RejectionGroup>,
    /// Things worth knowing that do not stop the import.
    pub notices: Vec<String>,
    /// Teams the import will create.
    pub new_teams: Vec<String>,
    /// Indicators the import will create.
    pub new_indicators: Vec<NewIndicatorPlan>,
    /// New indicators whose direction neither the file nor the options give.
    pub directions_needed: Vec<String>,
    /// Targets the file sets where none was in force.
    pub targets_new: usize,
    /// Targets the file sets that replace a different one in force.
    pub targets_replacing: usize,
    /// The file's targets already in force.
    pub targets_unchanged: usize,
    /// The replacements, in words (the first 20).
    pub target_lines: Vec<String>,
}

/// How many rejections are kept for display.
pub const MAX_REJECTIONS_SHOWN: usize = 1_000;
/// How many rejected rows the text report lists one by one (after the groups).
const REJECTIONS_PRINTED: usize = 100;

impl ImportReport {
    /// Counts a rejected row, keeps it among the first shown, and adds it
    /// to its group.
    fn record_rejection(&mut self, line: u64, column: &str, reason: String) {
        self.rejected_total += 1;
        let kind = reason_kind(&reason);
        let at = self
            .rejection_groups
            .iter()
            .position(|g| g.column == column && g.kind == kind)
            .or_else(|| (self.rejection_groups.len() >= MAX_GROUPS).then_some(MAX_GROUPS - 1));
        match at {
            Some(i) => {
                let g = &mut self.rejection_groups[i];
                g.count += 1;
                if g.lines.len() < GROUP_LINES {
                    g.lines.push(line);
                }
            }
            None => self.rejection_groups.push(RejectionGroup {
                column: column.to_owned(),
                example: reason.clone(),
                kind,
                count: 1,
                lines: vec![line],
            }),
        }
        if self.rejected.len() < MAX_REJECTIONS_SHOWN {
            self.rejected.push(Rejection {
                line,
                column: column.to_owned(),
                reason,
            });
        }
    }

    /// One line per group of rejections: how many, the column, an example
    /// and the first lines.
    pub fn rejection_group_lines(&self) -> Vec<String> {
        let mut groups: Vec<&RejectionGroup> = self.rejection_groups.iter().collect();
        groups.sort_by_key(|g| std::cmp::Reverse(g.count));
        groups
            .iter()
            .map(|g| {
                let lines: Vec<String> = g.lines.iter().map(u64::to_string).collect();
                format!(
                    "{}, column \"{}\", e.g. {} (line{} {}{})",
                    crate::domain::number::count(g.count as u64, "row", "rows"),
                    g.column,
                    g.example,
                    if g.lines.len() == 1 { "" } else { "s" },
                    lines.join(", "),
                    if g.count > g.lines.len() { ", …" } else { "" }
                )
            })
            .collect()
    }

    /// Why the import cannot go ahead yet, if it cannot.
    pub fn blocker(&self, skip_bad_rows: bool, reason_given: bool) -> Option<String> {
        if self.rejected_total > 0 && !skip_bad_rows {
            return Some(format!(
                "{} rejected: fix the file or the choices above, or choose to skip bad rows.",
                crate::domain::number::count(self.rejected_total as u64, "row is", "rows are")
            ));
        }
        if !self.directions_needed.is_empty() {
            return Some(format!(
                "The file does not say which way is better for {}: {}. Choose higher or lower is better for new indicators.",
                crate::domain::number::count(
                    self.directions_needed.len() as u64,
                    "new indicator",
                    "new indicators"
                ),
                names_with_more(&self.directions_needed)
            ));
        }
        if self.in_locked_periods > 0 && !reason_given {
            return Some(format!(
                "{} fall in locked periods: give a reason for the import.",
                crate::domain::number::count(self.in_locked_periods as u64, "value", "values")
            ));
        }
        if self.added + self.updated + self.targets_new + self.targets_replacing == 0 {
            return Some("Nothing to import: the file adds and changes no values.".into());
        }
        None
    }

    /// The teams the import creates, the first few by name and how many
    /// more (a file can name thousands).
    pub fn new_teams_line(&self) -> Option<String> {
        let n = self.new_teams.len();
        if n == 0 {
            return None;
        }
        let shown = self.new_teams[..n.min(NAMES_SHOWN)].join(", ");
        Some(if n > NAMES_SHOWN {
            format!("New teams: {shown} and {} more", n - NAMES_SHOWN)
        } else {
            format!("New teams: {shown}")
        })
    }

    /// One line per indicator the import creates (the first few, then how
    /// many more).
    pub fn new_indicator_lines(&self) -> Vec<String> {
        let mut lines: Vec<String> = self
            .new_indicators
            .iter()
            .take(NAMES_SHOWN)
            .map(|i| {
                format!(
                    "New indicator: {} ({}, {}, reported {})",
                    i.name,
                    if i.unit.is_empty() {
                        "no unit"
                    } else {
                        &i.unit
                    },
                    i.direction.label().to_lowercase(),
                    i.frequency.label().to_lowercase()
                )
            })
            .collect();
        if self.new_indicators.len() > NAMES_SHOWN {
            lines.push(format!(
                "… and {} more new indicators",
                self.new_indicators.len() - NAMES_SHOWN
            ));
        }
        lines
    }

    /// The targets line: how many the file sets, replaces and already has.
    pub fn targets_line(&self) -> Option<String> {
        use crate::domain::number::thousands;
        let total = self.targets_new + self.targets_replacing + self.targets_unchanged;
        (total > 0).then(|| {
            format!(
                "Targets: {} to set, {} replacing a different target, {} already in force",
                thousands(self.targets_new as u64),
                thousands(self.targets_replacing as u64),
                thousands(self.targets_unchanged as u64)
            )
        })
    }

    /// The report as plain text (the command line prints this).
    pub fn render_text(&self) -> String {
        use crate::domain::number::count;
        let mut out = String::new();
        out.push_str(&format!(
            "Read {} ({}).\n",
            count(self.rows_read, "row", "rows"),
            self.source
        ));
        out.push_str(&format!(
            "Values: {} to add, {} to update, {} unchanged, {} to skip; {} not reported.\n",
            self.added, self.updated, self.unchanged, self.skipped, self.not_reported
        ));
        if let Some(line) = self.new_teams_line() {
            out.push_str(&format!("{line}.\n"));
        }
        for line in self.new_indicator_lines() {
            out.push_str(&format!("{line}.\n"));
        }
        if let Some(line) = self.targets_line() {
            out.push_str(&format!("{line}.\n"));
        }
        for line in &self.target_lines {
            out.push_str(&format!("  {line}\n"));
        }
        if self.in_locked_periods > 0 {
            out.push_str(&format!(
                "{} fall in locked periods.\n",
                count(self.in_locked_periods as u64, "value", "values")
            ));
        }
        for n in &self.notices {
            out.push_str(&format!("Note: {n}\n"));
        }
        if self.rejected_total > 0 {
            out.push_str(&format!(
                "Rejected: {}, by reason:\n",
                count(self.rejected_total as u64, "row", "rows")
            ));
            for line in self.rejection_group_lines() {
                out.push_str(&format!("  {line}\n"));
            }
            out.push_str("Rejected rows:\n");
            for r in self.rejected.iter().take(REJECTIONS_PRINTED) {
                out.push_str(&format!(
                    "  line {}, column \"{}\": {}\n",
                    r.line, r.column, r.reason
                ));
            }
            let printed = self.rejected.len().min(REJECTIONS_PRINTED);
            if self.rejected_total > printed {
                out.push_str(&format!(
                    "  … and {} more.\n",
                    crate::domain::number::thousands((self.rejected_total - printed) as u64)
                ));
            }
        }
        out
    }
}

/// The first names of a list and how many more.
fn names_with_more(names: &[String]) -> String {
    let shown: Vec<String> = names
        .iter()
        .take(NAMES_SHOWN)
        .map(|n| format!("\"{n}\""))
        .collect();
    if names.len() > NAMES_SHOWN {
        format!(
            "{} and {} more",
            shown.join(", "),
            names.len() - NAMES_SHOWN
        )
    } else {
        shown.join(", ")
    }
}

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

/// Removes the apostrophe that spreadsheet exports (ours included) put
/// before text starting with = + - @ to stop it running as a formula.
fn unguard(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
        _ => text,
    }
}

fn parse_direction(text: &str) -> Result<Option<Direction>, String> {
    let t = text.trim().to_lowercase();
    Ok(match t.as_str() {
        "" => None,
        "up" | "u" | "higher" | "higher is better" | "increase" | "increasing" | "high" | "+"
        | "↑" | "higher_is_better" | "up is better" => Some(Direction::Higher),
        "down" | "d" | "lower" | "lower is better" | "decrease" | "decreasing" | "low" | "-"
        | "−" | "↓" | "lower_is_better" | "down is better" => Some(Direction::Lower),
        "neutral" | "none" | "neither" | "n/a" | "na" => Some(Direction::Neutral),
        _ => {
            return Err(format!(
                "\"{}\" is not a direction (use higher or lower, up or down, U or D, increase or decrease, + or −, ↑ or ↓, or neither)",
                text.trim()
            ));
        }
    })
}

fn parse_frequency(text: &str) -> Result<Option<Frequency>, String> {
    let t = text.trim().to_lowercase();
    Ok(match t.as_str() {
        "" => None,
        "week" | "weekly" | "w" => Some(Frequency::Week),
        "month" | "monthly" | "m" => Some(Frequency::Month),
        "quarter" | "quarterly" | "q" => Some(Frequency::Quarter),
        "year" | "yearly" | "annual" | "annually" | "y" => Some(Frequency::Year),
        _ => {
            return Err(format!(
                "\"{}\" is not a reporting frequency (use week, month, quarter or year)",
                text.trim()
            ));
        }
    })
}

fn parse_yes_no(text: &str) -> Option<f64> {
    match text.trim().to_lowercase().as_str() {
        "yes" | "y" | "true" | "ja" | "oui" | "sí" | "si" => Some(1.0),
        "no" | "n" | "false" | "nein" | "non" => Some(0.0),
        _ => None,
    }
}

/// Where a value's period comes from in this row.
enum PeriodSource<'a> {
    Cell(&'a RawCell),
    Header(usize),
    YearMonth(&'a RawCell, &'a RawCell),
}

/// A name the file uses that the workbook lacks, with what the file says of it.
struct PendingIndicator {
    name: String,
    unit: Option<String>,
    direction: Option<Direction>,
    frequency: Option<Frequency>,
    granularity: Option<Granularity>,
    /// The distinct dates of rows that give single days (to infer how
    /// often the indicator is reported from their spacing).
    days: std::collections::BTreeSet<NaiveDate>,
}

/// Distinct dates kept per new indicator for inferring its frequency.
const DAYS_KEPT: usize = 20_000;

/// For new names, their index among those used, keeping their order;
/// `None` for names no value uses.
fn remap_new(used: &[bool]) -> Vec<Option<usize>> {
    let mut next = 0;
    used.iter()
        .map(|&u| {
            u.then(|| {
                next += 1;
                next - 1
            })
        })
        .collect()
}

struct Planner<'a> {
    mapping: &'a Mapping,
    options: &'a ImportOptions,
    catalog: &'a Catalog,
    headers: Vec<String>,
    ctx: PeriodContext,
    decimal: DecimalMark,
    header_labels: HashMap<usize, Result<PeriodLabel, String>>,
    report: ImportReport,
    new_teams: Vec<String>,
    new_indicators: Vec<PendingIndicator>,
    pending: PendingList,
    notices: HashSet<String>,
    /// Names as spelled in the file, resolved once.
    team_spellings: FxHashMap<String, NameRef<TeamId>>,
    indicator_spellings: FxHashMap<String, Result<NameRef<IndicatorId>, String>>,
    /// Reused to build the key of `indicator_spellings` without allocating.
    spelling_key: String,
    /// Existing names by lowercase, for the first time a spelling is seen.
    team_names: HashMap<String, TeamId>,
    indicator_names: HashMap<String, IndicatorId>,
    kinds: HashMap<IndicatorId, (IndicatorKind, Frequency)>,
    /// Period texts parsed once each.
    period_cache: FxHashMap<String, (u32, Result<PeriodLabel, String>)>,
    period_texts: Vec<String>,
    /// Where pending values go once there are more than the options allow
    /// in memory.
    scratch: Option<ImportScratch>,
    /// The scratch database could not be written: planning stops.
    failure: Option<StorageError>,
    /// The existing indicators accepted values name.
    involved: std::collections::BTreeSet<IndicatorId>,
    /// The targets the file gives beside accepted values.
    raw_targets: Vec<RawTarget>,
}

/// Where placed values are kept and duplicates found.
enum Placed<'s, 'c> {
    Memory {
        /// The line of the value that took each cell (by its packed key).
        seen: FxHashMap<i64, u64>,
        cells: CellKeys,
        values: Vec<ImportValue>,
    },
    Scratch(&'s mut Acceptor<'c>),
}

impl Placed<'_, '_> {
    /// Keeps `v`, or gives the line of the value already kept for its cell.
    fn accept(&mut self, v: ImportValue) -> Result<Option<u64>, StorageError> {
        match self {
            Placed::Memory {
                seen,
                cells,
                values,
            } => {
                let key = cells.key(&v);
                if let Some(first) = seen.get(&key) {
                    return Ok(Some(*first));
                }
                seen.insert(key, v.line);
                values.push(v);
                Ok(None)
            }
            Placed::Scratch(a) => a.accept(&v),
        }
    }
}

impl Planner<'_> {
    fn column_name(&self, i: Option<usize>) -> String {
        i.and_then(|i| self.headers.get(i).cloned())
            .filter(|h| !h.is_empty())
            .unwrap_or_else(|| match i {
                Some(i) => format!("column {}", i + 1),
                None => "—".into(),
            })
    }

    fn reject(&mut self, line: u64, column: Option<usize>, reason: impl Into<String>) {
        let column = self.column_name(column);
        self.report.record_rejection(line, &column, reason.into());
    }

    fn notice(&mut self, text: String) {
        if self.notices.len() < 200 && self.notices.insert(text.clone()) {
            self.report.notices.push(text);
        }
    }

    fn cell(row: &SourceRow, i: Option<usize>) -> Option<&RawCell> {
        i.and_then(|i| row.cells.get(i))
    }

    fn text_of(row: &SourceRow, i: Option<usize>) -> std::borrow::Cow<'_, str> {
        use std::borrow::Cow;
        match Self::cell(row, i).map(RawCell::text) {
            Some(Cow::Borrowed(s)) => Cow::Borrowed(unguard(s.trim())),
            Some(Cow::Owned(s)) => Cow::Owned(unguard(s.trim()).to_owned()),
            None => Cow::Borrowed(""),
        }
    }

    fn period_text(&self, t: PeriodText, label: PeriodLabel) -> String {
        match t {
            PeriodText::Seen(i) => self
                .period_texts
                .get(i as usize)
                .cloned()
                .unwrap_or_default(),
            PeriodText::Header(c) => self.headers.get(c).cloned().unwrap_or_default(),
            PeriodText::YearMonth => label.date.format("%Y-%m").to_string(),
        }
    }

    fn team_ref(&mut self, name: &str) -> Result<NameRef<TeamId>, String> {
        if let Some(r) = self.team_spellings.get(name) {
            return Ok(*r);
        }
        let r = self.resolve_team(name)?;
        self.team_spellings.insert(name.to_owned(), r);
        Ok(r)
    }

    fn resolve_team(&mut self, name: &str) -> Result<NameRef<TeamId>, String> {
        if let Some(id) = self.team_names.get(&name.to_lowercase()) {
            return Ok(NameRef::Existing(*id));
        }
        if let Some(k) = self
            .new_teams
            .iter()
            .position(|t| t.eq_ignore_ascii_case(name))
        {
            return Ok(NameRef::New(k));
        }
        if !self.options.create_missing {
            return Err(format!(
                "the team \"{name}\" is not in the workbook (choose to create missing teams and indicators to add it)"
            ));
        }
        if name.chars().count() > 200 {
            return Err("the team's name is longer than 200 characters".into());
        }
        self.new_teams.push(name.to_owned());
        Ok(NameRef::New(self.new_teams.len() - 1))
    }

    fn indicator_ref(
        &mut self,
        name: &str,
        row: &SourceRow,
    ) -> Result<NameRef<IndicatorId>, String> {
        // The key is the name as spelled, with the unit, direction and
        // frequency the row gives (when the file has those columns): the same
        // spelling always resolves the same way, so it is resolved once.
        let mut key = std::mem::take(&mut self.spelling_key);
        key.clear();
        key.push_str(name);
        for column in [
            self.mapping.unit,
            self.mapping.direction,
            self.mapping.frequency,
        ]
        .into_iter()
        .flatten()
        {
            key.push('\u{1f}');
            key.push_str(&Self::text_of(row, Some(column)));
        }
        let known = self.indicator_spellings.get(key.as_str()).cloned();
        let r = match known {
            Some(r) => r,
            None => {
                let r = self.resolve_indicator(name, row);
                self.indicator_spellings.insert(key.clone(), r.clone());
                r
            }
        };
        self.spelling_key = key;
        r
    }

    fn resolve_indicator(
        &mut self,
        name: &str,
        row: &SourceRow,
    ) -> Result<NameRef<IndicatorId>, String> {
        let unit = Self::text_of(row, self.mapping.unit).into_owned();
        let direction = parse_direction(&Self::text_of(row, self.mapping.direction))?;
        let frequency = parse_frequency(&Self::text_of(row, self.mapping.frequency))?;
        let existing = self
            .indicator_names
            .get(&name.to_lowercase())
            .and_then(|id| self.catalog.indicators.iter().find(|i| i.id == *id));
        if let Some(ind) = existing {
            if let Some(f) = frequency.filter(|f| *f != ind.frequency) {
                let (n, own) = (ind.name.clone(), ind.frequency);
                self.notice(format!(
                    "\"{n}\": the file says it is reported {}, the workbook says {}; the workbook's setting is kept.",
                    f.label().to_lowercase(),
                    own.label().to_lowercase()
                ));
            }
            let (ind_name, ind_unit, ind_direction) =
                (ind.name.clone(), ind.unit.clone(), ind.direction);
            if !unit.is_empty() && !unit.eq_ignore_ascii_case(&ind_unit) {
                self.notice(format!(
                    "\"{ind_name}\": the file's unit \"{unit}\" differs from the workbook's \"{ind_unit}\"; the workbook's is kept."
                ));
            }
            if let Some(d) = direction.filter(|d| *d != ind_direction) {
                self.notice(format!(
                    "\"{ind_name}\": the file says {}, the workbook says {}; the workbook's setting is kept.",
                    d.label().to_lowercase(),
                    ind_direction.label().to_lowercase()
                ));
            }
            return Ok(NameRef::Existing(ind.id));
        }
        if let Some(k) = self
            .new_indicators
            .iter()
            .position(|p| p.name.eq_ignore_ascii_case(name))
        {
            let entry = &mut self.new_indicators[k];
            if entry.unit.is_none() && !unit.is_empty() {
                entry.unit = Some(unit);
            }
            if entry.direction.is_none() {
                entry.direction = direction;
            }
            if entry.frequency.is_none() {
                entry.frequency = frequency;
            }
            return Ok(NameRef::New(k));
        }
        if !self.options.create_missing {
            return Err(format!(
                "the indicator \"{name}\" is not in the workbook (choose to create missing teams and indicators to add it)"
            ));
        }
        if name.chars().count() > 200 {
            return Err("the indicator's name is longer than 200 characters".into());
        }
        self.new_indicators.push(PendingIndicator {
            name: name.to_owned(),
            unit: (!unit.is_empty()).then_some(unit),
            direction,
            frequency,
            granularity: None,
            days: std::collections::BTreeSet::new(),
        });
        Ok(NameRef::New(self.new_indicators.len() - 1))
    }

    fn kind_of(&self, r: NameRef<IndicatorId>) -> IndicatorKind {
        match r {
            NameRef::Existing(id) => self
                .kinds
                .get(&id)
                .map_or(IndicatorKind::Quantitative, |k| k.0),
            NameRef::New(_) => IndicatorKind::Quantitative,
        }
    }

    fn number(&self, cell: &RawCell, kind: IndicatorKind) -> Result<CellNumber, String> {
        match cell {
            RawCell::Empty => Ok(CellNumber::NotReported),
            RawCell::Number(n) => Ok(CellNumber::Value {
                value: crate::domain::number::check_magnitude(*n, &cell.text())?,
                footnote: None,
            }),
            RawCell::Bool(b) if kind == IndicatorKind::YesNo => Ok(CellNumber::Value {
                value: if *b { 1.0 } else { 0.0 },
                footnote: None,
            }),
            RawCell::Bool(b) => Err(format!(
                "\"{}\" is not a number",
                if *b { "TRUE" } else { "FALSE" }
            )),
            RawCell::Date(d) => Err(format!("{d} is a date, not a number")),
            RawCell::Text(t) => {
                if kind == IndicatorKind::YesNo
                    && let Some(v) = parse_yes_no(t)
                {
                    return Ok(CellNumber::Value {
                        value: v,
                        footnote: None,
                    });
                }
                parse_cell_number(unguard(t), self.decimal)
            }
        }
    }

    fn label(&mut self, source: PeriodSource<'_>) -> Result<(PeriodLabel, PeriodText), String> {
        match source {
            PeriodSource::Cell(cell) => {
                let text = cell.text();
                let text = text.trim();
                if let Some((i, parsed)) = self.period_cache.get(text) {
                    return parsed.clone().map(|l| (l, PeriodText::Seen(*i)));
                }
                let parsed = match cell {
                    RawCell::Date(d) => Ok(day_label(*d)),
                    RawCell::Number(n) if n.fract() == 0.0 && (1900.0..=2200.0).contains(n) => {
                        year_label(*n as i32).ok_or_else(|| format!("{n} is not a year"))
                    }
                    RawCell::Empty => Err("the period is empty".into()),
                    _ => parse_period_text(text, &self.ctx),
                };
                let i = self.period_texts.len() as u32;
                if self.period_cache.len() < 200_000 {
                    self.period_texts.push(text.to_owned());
                    self.period_cache
                        .insert(text.to_owned(), (i, parsed.clone()));
                    parsed.map(|l| (l, PeriodText::Seen(i)))
                } else {
                    parsed.map(|l| (l, PeriodText::YearMonth))
                }
            }
            PeriodSource::Header(i) => match self.header_labels.get(&i) {
                Some(Ok(l)) => Ok((*l, PeriodText::Header(i))),
                Some(Err(e)) => Err(e.clone()),
                None => Err("this column is not a period".into()),
            },
            PeriodSource::YearMonth(y, m) => {
                let year: i32 = match y {
                    RawCell::Number(n) if n.fract() == 0.0 => *n as i32,
                    other => other
                        .text()
                        .trim()
                        .parse()
                        .map_err(|_| format!("\"{}\" is not a year", other.text().trim()))?,
                };
                let month_text = m.text().trim().to_owned();
                let month = month_text
                    .parse::<u32>()
                    .ok()
                    .or_else(|| {
                        parse_period_text(&format!("{month_text} {year}"), &self.ctx)
                            .ok()
                            .map(|l| chrono::Datelike::month(&l.date))
                    })
                    .filter(|m| (1..=12).contains(m))
                    .ok_or_else(|| format!("\"{month_text}\" is not a month"))?;
                let date = NaiveDate::from_ymd_opt(year, month, 1)
                    .ok_or_else(|| format!("{year}-{month} is not a month"))?;
                Ok((
                    PeriodLabel {
                        date,
                        granularity: Granularity::Month,
                    },
                    PeriodText::YearMonth,
                ))
            }
        }
    }

    /// Reads one value of a row; `period_column` is the column the period came from.
    #[allow(clippy::too_many_arguments)]
    fn value(
        &mut self,
        row: &SourceRow,
        team: NameRef<TeamId>,
        indicator: NameRef<IndicatorId>,
        value_cell: Option<&RawCell>,
        value_column: Option<usize>,
        period: PeriodSource<'_>,
        period_column: Option<usize>,
    ) {
        let kind = self.kind_of(indicator);
        let (value, footnote) = match self.number(value_cell.unwrap_or(&RawCell::Empty), kind) {
            Ok(CellNumber::NotReported) => {
                self.report.not_reported += 1;
                return;
            }
            Ok(CellNumber::Value { value, footnote }) => (value, footnote),
            Err(why) => return self.reject(row.line, value_column, why),
        };
        let (label, period_text) = match self.label(period) {
            Ok(l) => l,
            Err(why) => return self.reject(row.line, period_column, why),
        };
        let target = match Self::cell(row, self.mapping.target).filter(|c| !c.is_blank()) {
            None => None,
            Some(c) => match self.number(c, IndicatorKind::Quantitative) {
                Ok(CellNumber::Value { value, .. }) => Some(value),
                Ok(CellNumber::NotReported) => None,
                Err(why) => return self.reject(row.line, self.mapping.target, why),
            },
        };
        let note_text = Self::text_of(row, self.mapping.note);
        let note = match (note_text.is_empty(), footnote) {
            (true, None) => None,
            (false, None) => Some(note_text.into_owned()),
            (true, Some(f)) => Some(format!("footnote {f}")),
            (false, Some(f)) => Some(format!("{note_text} (footnote {f})")),
        };
        if let NameRef::New(k) = indicator {
            let p = &mut self.new_indicators[k];
            p.granularity = Some(
                p.granularity
                    .map_or(label.granularity, |old| old.min(label.granularity)),
            );
            if label.granularity == Granularity::Day && p.days.len() < DAYS_KEPT {
                p.days.insert(label.date);
            }
        }
        self.report.values += 1;
        self.pending.push(Pending {
            line: row.line,
            column: period_column,
            period_text,
            team,
            indicator,
            label,
            value,
            target,
            note,
        });
        // Once values go to disk, they go in chunks.
        let limit = if self.scratch.is_some() {
            SPILL_CHUNK
        } else {
            self.options.values_in_memory.max(1)
        };
        if self.pending.len() > limit {
            self.spill();
        }
    }

    /// Moves the pending values to the scratch database on disk.
    fn spill(&mut self) {
        if self.failure.is_some() {
            self.pending.clear();
            return;
        }
        if let Err(e) = self.try_spill() {
            self.failure = Some(e);
        }
        self.pending.clear();
    }

    fn try_spill(&mut self) -> Result<(), StorageError> {
        if self.scratch.is_none() {
            self.scratch = Some(ImportScratch::new()?);
        }
        let Some(scratch) = self.scratch.as_mut() else {
            return Ok(());
        };
        let mut bytes = Vec::new();
        let mut in_bytes = 0;
        for p in self.pending.iter() {
            p.encode(&mut bytes);
            in_bytes += 1;
            if in_bytes == SPILL_CHUNK {
                scratch.push_pending(&bytes)?;
                bytes.clear();
                in_bytes = 0;
            }
        }
        if in_bytes > 0 {
            scratch.push_pending(&bytes)?;
        }
        Ok(())
    }

    fn row(&mut self, row: &SourceRow) {
        if row.cells.iter().all(RawCell::is_blank) {
            return;
        }
        self.report.rows_read += 1;
        if let Some(extra) = row
            .cells
            .iter()
            .enumerate()
            .skip(self.headers.len())
            .find(|(_, c)| !c.is_blank())
            .map(|(i, _)| i)
        {
            let fields = row.cells.len();
            let header = self.headers.len();
            return self.reject(
                row.line,
                Some(extra),
                format!(
                    "the row has {fields} fields but the header names {header}: a value holding the separator (such as 1,234 in a comma-separated file) must be in quotes"
                ),
            );
        }
        let team_name = Self::text_of(row, self.mapping.team);
        if team_name.is_empty() {
            return self.reject(row.line, self.mapping.team, "no team is named");
        }
        let indicator_name = match self.mapping.indicator {
            Some(_) => Self::text_of(row, self.mapping.indicator),
            None => std::borrow::Cow::Owned(
                self.mapping
                    .fixed_indicator
                    .clone()
                    .unwrap_or_default()
                    .trim()
                    .to_owned(),
            ),
        };
        if indicator_name.is_empty() {
            return self.reject(row.line, self.mapping.indicator, "no indicator is named");
        }
        let team = match self.team_ref(&team_name) {
            Ok(t) => t,
            Err(why) => return self.reject(row.line, self.mapping.team, why),
        };
        let indicator = match self.indicator_ref(&indicator_name, row) {
            Ok(i) => i,
            Err(why) => {
                let column = if why.contains("reporting frequency") {
                    self.mapping.frequency
                } else if why.contains("direction") {
                    self.mapping.direction
                } else {
                    self.mapping.indicator
                };
                return self.reject(row.line, column, why);
            }
        };
        match self.mapping.layout {
            Layout::Long => {
                let period = match (self.mapping.period, self.mapping.year, self.mapping.month) {
                    (Some(p), _, _) => {
                        PeriodSource::Cell(Self::cell(row, Some(p)).unwrap_or(&RawCell::Empty))
                    }
                    (None, Some(y), Some(m)) => PeriodSource::YearMonth(
                        Self::cell(row, Some(y)).unwrap_or(&RawCell::Empty),
                        Self::cell(row, Some(m)).unwrap_or(&RawCell::Empty),
                    ),
                    _ => return self.reject(row.line, None, "no period column is mapped"),
                };
                let period_column = self.mapping.period.or(self.mapping.year);
                let value_cell = Self::cell(row, self.mapping.value);
                self.value(
                    row,
                    team,
                    indicator,
                    value_cell,
                    self.mapping.value,
                    period,
                    period_column,
                );
            }
            Layout::Wide => {
                for &col in &self.mapping.period_columns.clone() {
                    let cell = Self::cell(row, Some(col));
                    if cell.is_none_or(RawCell::is_blank) {
                        self.report.not_reported += 1;
                        continue;
                    }
                    self.value(
                        row,
                        team,
                        indicator,
                        cell,
                        Some(col),
                        PeriodSource::Header(col),
                        Some(col),
                    );
                }
            }
        }
    }

    /// Places every value in its indicator's period, finds duplicates, and
    /// builds the batch.
    /// `progress(rows)` is asked before each chunk of values is placed and
    /// may return `false` to cancel (placing a very large file takes a while).
    fn finish(
        mut self,
        progress: &mut dyn FnMut(u64) -> bool,
    ) -> Result<(ImportBatch, ImportReport), PlanError> {
        if let Some(e) = self.failure.take() {
            return Err(e.into());
        }
        // New indicators: frequency from the option, else the file's
        // frequency column, else their labels, else the spacing of their dates.
        let mut inferred = Vec::new();
        let new_freqs: Vec<Option<Frequency>> = self
            .new_indicators
            .iter()
            .map(|p| {
                self.options
                    .new_indicator_frequency
                    .or(p.frequency)
                    .or_else(|| p.granularity.and_then(frequency_for))
                    .or_else(|| {
                        let days: Vec<NaiveDate> = p.days.iter().copied().collect();
                        let f = frequency_from_spacing(&days)?;
                        inferred.push(format!(
                            "\"{}\": reported {}, from the spacing of its {} dates.",
                            p.name,
                            f.label().to_lowercase(),
                            days.len()
                        ));
                        Some(f)
                    })
            })
            .collect();
        for n in inferred {
            self.notice(n);
        }
        let mut used = Used {
            teams: vec![false; self.new_teams.len()],
            indicators: vec![false; self.new_indicators.len()],
        };
        // Values already on disk: the last ones join them, then all are placed.
        if self.scratch.is_some() {
            self.try_spill()?;
            self.pending.clear();
        }
        let placed = match self.scratch.take() {
            Some(mut scratch) => {
                self.place_from_scratch(&scratch, &new_freqs, &mut used, progress)?;
                scratch.clear_pending()?;
                ImportValues::Scratch(scratch)
            }
            None => {
                let pending = std::mem::take(&mut self.pending);
                let mut placed = Placed::Memory {
                    seen: FxHashMap::with_capacity_and_hasher(pending.len(), Default::default()),
                    cells: CellKeys::default(),
                    values: Vec::with_capacity(pending.len()),
                };
                for chunk in pending.into_chunks() {
                    if !progress(self.report.rows_read) {
                        return Err(PlanError::Cancelled);
                    }
                    for p in chunk {
                        self.place(p, &new_freqs, &mut placed, &mut used)?;
                    }
                }
                match placed {
                    Placed::Memory { values, .. } => ImportValues::Memory(values),
                    Placed::Scratch(_) => ImportValues::default(),
                }
            }
        };

        let targets = self.plan_file_targets(&new_freqs);
        // Only names that carry at least one accepted value are created.
        let team_remap = remap_new(&used.teams);
        let indicator_remap = remap_new(&used.indicators);
        let remapped = |k: usize, map: &[Option<usize>]| map.get(k).copied().flatten().unwrap_or(k);
        let target_steps: Vec<ImportTarget> = targets
            .targets
            .into_iter()
            .map(|mut t| {
                if let NameRef::New(k) = t.team {
                    t.team = NameRef::New(remapped(k, &team_remap));
                }
                if let NameRef::New(k) = t.indicator {
                    t.indicator = NameRef::New(remapped(k, &indicator_remap));
                }
                t
            })
            .collect();
        let values = match placed {
            ImportValues::Memory(mut values) => {
                for v in &mut values {
                    if let NameRef::New(k) = v.team {
                        v.team = NameRef::New(team_remap[k].unwrap_or(k));
                    }
                    if let NameRef::New(k) = v.indicator {
                        v.indicator = NameRef::New(indicator_remap[k].unwrap_or(k));
                    }
                }
                ImportValues::Memory(values)
            }
            ImportValues::Scratch(mut s) => {
                s.set_remap(team_remap.clone(), indicator_remap.clone());
                ImportValues::Scratch(s)
            }
        };
        let new_teams: Vec<String> = self
            .new_teams
            .iter()
            .zip(&team_remap)
            .filter(|(_, r)| r.is_some())
            .map(|(t, _)| t.clone())
            .collect();
        self.report.new_indicators = self
            .new_indicators
            .iter()
            .zip(&new_freqs)
            .zip(&indicator_remap)
            .filter_map(|((p, f), r)| {
                r.and(*f).map(|frequency| NewIndicatorPlan {
                    name: p.name.clone(),
                    unit: p.unit.clone().unwrap_or_default(),
                    direction: p
                        .direction
                        .or(self.options.new_indicator_direction)
                        .unwrap_or(Direction::Higher),
                    frequency,
                })
            })
            .collect();
        // Which way is better is never guessed: a new indicator without it
        // blocks the import until the person chooses.
        self.report.directions_needed = self
            .new_indicators
            .iter()
            .zip(&new_freqs)
            .zip(&indicator_remap)
            .filter(|((p, f), r)| r.is_some() && f.is_some() && p.direction.is_none())
            .filter(|_| self.options.new_indicator_direction.is_none())
            .map(|((p, _), _)| p.name.clone())
            .collect();
        self.report.targets_new = targets.new;
        self.report.targets_replacing = targets.replacing;
        self.report.targets_unchanged = targets.unchanged;
        self.report.target_lines = targets.replacement_lines;
        for n in targets.notices {
            self.notice(n);
        }
        let batch = ImportBatch {
            file_name: String::new(),
            new_teams: new_teams.clone(),
            new_indicators: self
                .report
                .new_indicators
                .iter()
                .map(|n| IndicatorSpec {
                    name: n.name.clone(),
                    unit: n.unit.clone(),
                    direction: n.direction,
                    frequency: n.frequency,
                    decimals: 1,
                    kind: IndicatorKind::Quantitative,
                    scope: IndicatorScope::PerTeam,
                    is_amount: false,
                    description: "Created by import.".into(),
                })
                .collect(),
            values,
            existing_indicators: std::mem::take(&mut self.involved).into_iter().collect(),
            on_existing: self.options.on_existing,
            reason: self.options.reason.clone(),
            targets: target_steps,
        };
        self.report.new_teams = new_teams;
        Ok((batch, self.report))
    }

    /// Places the values waiting in the scratch database, in the file's order.
    fn place_from_scratch(
        &mut self,
        scratch: &ImportScratch,
        new_freqs: &[Option<Frequency>],
        used: &mut Used,
        progress: &mut dyn FnMut(u64) -> bool,
    ) -> Result<(), PlanError> {
        let mut acceptor = scratch.acceptor()?;
        let mut placed = Placed::Scratch(&mut acceptor);
        for n in 0..scratch.pending_chunks() {
            if !progress(self.report.rows_read) {
                return Err(PlanError::Cancelled);
            }
            let bytes = scratch.pending_chunk(n)?;
            let mut input = bytes.as_slice();
            while !input.is_empty() {
                let p = Pending::decode(&mut input).ok_or_else(|| {
                    StorageError::Rule(
                        "The import's scratch space on disk was damaged; nothing was imported."
                            .into(),
                    )
                })?;
                self.place(p, new_freqs, &mut placed, used)?;
            }
        }
        Ok(acceptor.finish()?)
    }

    /// Places one value in its period and keeps it, or rejects it naming
    /// its line.
    fn place(
        &mut self,
        p: Pending,
        new_freqs: &[Option<Frequency>],
        placed: &mut Placed,
        used: &mut Used,
    ) -> Result<(), StorageError> {
        let frequency = match p.indicator {
            NameRef::Existing(id) => self.kinds.get(&id).map(|k| k.1),
            NameRef::New(k) => new_freqs.get(k).copied().flatten(),
        };
        let name_of = |planner: &Self| match p.indicator {
            NameRef::Existing(id) => planner
                .catalog
                .indicators
                .iter()
                .find(|i| i.id == id)
                .map(|i| i.name.clone())
                .unwrap_or_default(),
            NameRef::New(k) => planner
                .new_indicators
                .get(k)
                .map(|i| i.name.clone())
                .unwrap_or_default(),
        };
        let Some(frequency) = frequency else {
            let name = name_of(self);
            self.reject(p.line, p.column, format!(
                "the dates of the new indicator \"{name}\" are not evenly weekly, monthly, quarterly or yearly: choose how often it is reported"
            ));
            return Ok(());
        };
        let start = match place_in(p.label, frequency) {
            Ok(s) => s,
            Err(why) => {
                let (name, text) = (name_of(self), self.period_text(p.period_text, p.label));
                self.reject(p.line, p.column, format!("\"{text}\": {why} (\"{name}\")"));
                return Ok(());
            }
        };
        let value = ImportValue {
            line: p.line,
            team: p.team,
            indicator: p.indicator,
            period_start: start,
            value: p.value,
            note: p.note,
        };
        let (team, indicator) = (value.team, value.indicator);
        if let Some(first) = placed.accept(value)? {
            let label = Period { start, frequency }.label();
            self.reject(
                p.line,
                p.column,
                format!("the same team, indicator and period ({label}) as line {first}"),
            );
            return Ok(());
        }
        if let NameRef::New(k) = team
            && let Some(u) = used.teams.get_mut(k)
        {
            *u = true;
        }
        match indicator {
            NameRef::New(k) => {
                if let Some(u) = used.indicators.get_mut(k) {
                    *u = true;
                }
            }
            NameRef::Existing(id) => {
                self.involved.insert(id);
            }
        }
        if self
            .catalog
            .locked_through
            .is_some_and(|l| Period { start, frequency }.end() <= l)
        {
            self.report.in_locked_periods += 1;
        }
        if let Some(target) = p.target {
            self.raw_targets.push(RawTarget {
                team,
                indicator,
                start,
                target,
                value: p.value,
            });
        }
        Ok(())
    }

    /// The file's targets as steps, compared with the workbook's.
    fn plan_file_targets(&mut self, new_freqs: &[Option<Frequency>]) -> TargetPlan {
        let raw = std::mem::take(&mut self.raw_targets);
        if raw.is_empty() {
            return TargetPlan::default();
        }
        let catalog = self.catalog;
        let frequency = |i: NameRef<IndicatorId>| match i {
            NameRef::Existing(id) => self.kinds.get(&id).map(|k| k.1),
            NameRef::New(k) => new_freqs.get(k).copied().flatten(),
        };
        let records = |i: IndicatorId| {
            catalog
                .targets
                .get(&i)
                .map(Vec::as_slice)
                .unwrap_or_default()
        };
        let names = |t: NameRef<TeamId>, i: NameRef<IndicatorId>| {
            let team = match t {
                NameRef::Existing(id) => catalog
                    .teams
                    .iter()
                    .find(|(x, _)| *x == id)
                    .map(|(_, n)| n.clone()),
                NameRef::New(k) => self.new_teams.get(k).cloned(),
            };
            let ind = match i {
                NameRef::Existing(id) => catalog
                    .indicators
                    .iter()
                    .find(|x| x.id == id)
                    .map(|x| x.name.clone()),
                NameRef::New(k) => self.new_indicators.get(k).map(|x| x.name.clone()),
            };
            (team.unwrap_or_default(), ind.unwrap_or_default())
        };
        plan_targets(
            raw,
            &TargetContext {
                frequency: &frequency,
                records: &records,
                names: &names,
                framework_indicator: catalog.framework_indicator,
            },
        )
    }

    fn report_rejection(&mut self, line: u64, column: &str, reason: String) {
        self.report.record_rejection(line, column, reason);
    }
}

/// Which of the new teams and indicators carry an accepted value.
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
    let ctx = PeriodContext {
        date_order,
        fiscal_year_start: catalog.fiscal_year_start,
    };
    let headers = source.headers.clone();
    let header_labels = mapping
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
                other => parse_period_text(&other.text(), &ctx),
            };
            (c, label)
        })
        .collect();
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
        failure: None,
        involved: std::collections::BTreeSet::new(),
        raw_targets: Vec::new(),
    };
    if let Some(e) = source_error {
        record_source_error(&mut planner, e);
    }
    for row in &head {
        planner.row(row);
    }
    let mut n = head.len() as u64;
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
            Err(e) => record_source_error(&mut planner, e),
        }
    }
    planner.finish(progress)
}

fn record_source_error(planner: &mut Planner<'_>, e: super::source::SourceError) {
    match e {
        super::source::SourceError::Row { line, reason } => {
            planner.report_rejection(line, "—", reason)
        }
        other => planner.report_rejection(0, "—", other.to_string()),
    }
}

/// Compares the batch with what the workbook holds, filling in how many
/// values will be added, updated, left unchanged or skipped.
pub fn count_against(
    batch: &ImportBatch,
    report: &mut ImportReport,
    existing: &HashMap<(IndicatorId, TeamId, NaiveDate), f64>,
) -> Result<(), StorageError> {
    report.added = 0;
    report.updated = 0;
    report.unchanged = 0;
    report.skipped = 0;
    if existing.is_empty() {
        report.added = batch.values.len();
        return Ok(());
    }
    batch.values.for_each_chunk(4096, &mut |chunk| {
        for v in chunk {
            let stored = match (v.indicator, v.team) {
                (NameRef::Existing(i), NameRef::Existing(t)) => {
                    existing.get(&(i, t, v.period_start)).copied()
                }
                _ => None,
            };
            match stored {
                None => report.added += 1,
                Some(s) if s == v.value => report.unchanged += 1,
                Some(_) if batch.on_existing == OnExisting::Skip => report.skipped += 1,
                Some(_) => report.updated += 1,
            }
        }
        Ok(())
    })
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
    let existing = wb.existing_values(&batch.existing_indicators)?;
    count_against(&batch, &mut report, &existing)?;
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
