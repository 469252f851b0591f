//! Applying a checked import: new teams and indicators, new values and
//! updates through the audit trail, all in one transaction.

use crate::domain::OnExisting;
use chrono::NaiveDate;
use rusqlite::params;

use super::codec::{date_key, now, timestamp_text};
use super::import_scratch::ImportScratch;
use super::indicators;
use super::measurements::{IndicatorCache, audit_at, check_cell};
use super::{StorageError, StorageResult, Workbook, teams};
use crate::domain::IndicatorSpec;
use crate::domain::{Cell, IndicatorId, TeamId};

/// A team or indicator that exists, or the n-th one the import creates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NameRef<Id> {
    /// Already in the workbook.
    Existing(Id),
    /// Created by this import (index into the batch's new names).
    New(usize),
}

/// A row id type that [`NameRef`] can carry.
pub trait RowId: Copy {
    /// The id as stored.
    fn raw(self) -> i64;
    /// The id from its stored form.
    fn from_raw(raw: i64) -> Self;
}

impl RowId for TeamId {
    fn raw(self) -> i64 {
        self.0
    }
    fn from_raw(raw: i64) -> Self {
        TeamId(raw)
    }
}

impl RowId for IndicatorId {
    fn raw(self) -> i64 {
        self.0
    }
    fn from_raw(raw: i64) -> Self {
        IndicatorId(raw)
    }
}

impl<Id: RowId> NameRef<Id> {
    /// One number for either kind (ids are never negative; the n-th new
    /// name is `-1 - n`), for keeping a reference outside memory.
    pub fn to_key(self) -> i64 {
        match self {
            NameRef::Existing(id) => id.raw(),
            NameRef::New(k) => -1 - k as i64,
        }
    }

    /// The reference [`Self::to_key`] gave.
    pub fn from_key(key: i64) -> Self {
        if key >= 0 {
            NameRef::Existing(Id::from_raw(key))
        } else {
            NameRef::New((-1 - key) as usize)
        }
    }
}

/// One value from the file, resolved to where it goes.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportValue {
    /// The line (CSV) or row (XLSX) it came from, for messages.
    pub line: u64,
    /// The team.
    pub team: NameRef<TeamId>,
    /// The indicator.
    pub indicator: NameRef<IndicatorId>,
    /// The period, by its first day.
    pub period_start: NaiveDate,
    /// The value.
    pub value: f64,
    /// A note kept from the file (e.g. a footnote mark), if any.
    pub note: Option<String>,
}

/// A batch's values: in memory, or (for a very large file) in a scratch
/// database on disk, so that memory does not grow with the file.
#[derive(Debug)]
pub enum ImportValues {
    /// Held in memory, in the file's order.
    Memory(Vec<ImportValue>),
    /// Held on disk, in the order accepted.
    Scratch(ImportScratch),
}

impl Default for ImportValues {
    fn default() -> Self {
        ImportValues::Memory(Vec::new())
    }
}

impl From<Vec<ImportValue>> for ImportValues {
    fn from(values: Vec<ImportValue>) -> Self {
        ImportValues::Memory(values)
    }
}

impl ImportValues {
    /// How many values.
    pub fn len(&self) -> usize {
        match self {
            ImportValues::Memory(v) => v.len(),
            ImportValues::Scratch(s) => s.accepted(),
        }
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Hands the values to `f` in chunks of up to `chunk`.
    pub fn for_each_chunk(
        &self,
        chunk: usize,
        f: &mut dyn FnMut(&[ImportValue]) -> StorageResult<()>,
    ) -> StorageResult<()> {
        match self {
            ImportValues::Memory(values) => values.chunks(chunk.max(1)).try_for_each(f),
            ImportValues::Scratch(s) => s.for_each_accepted(chunk, f),
        }
    }

    /// Every value, in memory (for small batches and tests).
    pub fn to_vec(&self) -> StorageResult<Vec<ImportValue>> {
        let mut all = Vec::with_capacity(self.len());
        self.for_each_chunk(4096, &mut |c| {
            all.extend_from_slice(c);
            Ok(())
        })?;
        Ok(all)
    }
}

/// One step of a team's target from the file: in force from the period
/// starting `from` to the end of the period ending `until`. A constant
/// target column gives one step per team and indicator; targets published
/// per period give one step per run of equal targets.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportTarget {
    /// The team.
    pub team: NameRef<TeamId>,
    /// The indicator.
    pub indicator: NameRef<IndicatorId>,
    /// The first period's start (the target's baseline date).
    pub from: NaiveDate,
    /// The last period's end (the target's deadline).
    pub until: NaiveDate,
    /// The target value.
    pub target: f64,
    /// The team's first value in the file (the target's baseline value).
    pub baseline: f64,
    /// True for the step that becomes the team's target in force (it
    /// supersedes the team's own current target); false for a step kept
    /// as history (an earlier period's target).
    pub current: bool,
}

/// Everything an import will write, decided before anything is written.
#[derive(Debug, Default)]
pub struct ImportBatch {
    /// The file's name, for the import log.
    pub file_name: String,
    /// Teams to create.
    pub new_teams: Vec<String>,
    /// Indicators to create.
    pub new_indicators: Vec<IndicatorSpec>,
    /// The values.
    pub values: ImportValues,
    /// The existing indicators the values name (the ones an import's dry
    /// run compares with what is stored), without duplicates.
    pub existing_indicators: Vec<IndicatorId>,
    /// Existing values that differ: update or skip.
    pub on_existing: OnExisting,
    /// The reason recorded in the audit trail for changed and locked values.
    pub reason: String,
    /// Targets to set (only those that differ from the workbook's).
    pub targets: Vec<ImportTarget>,
    /// Set when the batch is a team's data return.
    pub data_return: Option<ReturnMark>,
}

/// A batch that is a team's data return: every value it writes gets an
/// audit row naming who sent it, and the request is marked collected in the
/// same transaction (so a return is collected once, with its values, or not at all).
#[derive(Clone, Debug, PartialEq)]
pub struct ReturnMark {
    /// The request it answers.
    pub request: crate::domain::data_return::RequestId,
    /// The team it is from.
    pub team: TeamId,
    /// Who filled it in (the return's "reported by").
    pub by: String,
    /// How many of the values asked for it holds.
    pub filled: usize,
}

impl ImportBatch {
    /// What the audit trail names as the source of the batch's values.
    fn source(&self) -> String {
        match &self.data_return {
            Some(r) => format!("return from {}", r.by),
            None => "import".into(),
        }
    }
}

/// What an import did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ImportOutcome {
    /// New values stored.
    pub added: usize,
    /// Existing values changed (each with an audit row).
    pub updated: usize,
    /// Values equal to what was stored.
    pub unchanged: usize,
    /// Existing, different values left as they were.
    pub skipped: usize,
    /// Teams created.
    pub teams_created: usize,
    /// Indicators created.
    pub indicators_created: usize,
    /// Targets set (each a row of the target history).
    pub targets_set: usize,
}

/// How often (in rows) progress is reported and cancellation checked.
const PROGRESS_EVERY: usize = 20_000;

/// Values checked together against what is stored; on the fast path a
/// whole chunk of new values is written by [`ROWS_PER_INSERT`]-row
/// statements.
const CHUNK: usize = 512;

/// Rows per `INSERT` statement on the fast path: large enough that each
/// statement's overhead is shared, small enough that the statement is
/// quick to prepare (512 rows, 2,560 parameters, took 3 ms to parse on
/// every import).
const ROWS_PER_INSERT: usize = 64;
const _: () = assert!(
    CHUNK.is_multiple_of(ROWS_PER_INSERT),
    "a chunk is whole statements"
);

/// One value resolved to its cell, ready to write.
struct Resolved<'a> {
    cell: Cell,
    key: (i64, i64, i64),
    value: f64,
    note: Option<&'a str>,
    locked: bool,
}

/// The values stored in the cells `rows` name.
fn stored_in(conn: &rusqlite::Connection, rows: &[Resolved<'_>]) -> StorageResult<Stored> {
    let keys: Vec<(i64, i64, i64)> = rows.iter().map(|r| r.key).collect();
    stored_at(conn, &keys)
}

/// The values stored in a chunk's cells: per series the chunk touches,
/// the stored (period, value) pairs in period order. A chunk of a file is
/// usually one or two series, so finding a cell is a short scan and a
/// binary search, with no hashing.
#[derive(Default)]
struct Stored {
    series: Vec<(SeriesKey, Vec<(i64, f64)>)>,
}

/// A series as stored: (indicator, team).
type SeriesKey = (i64, i64);

impl Stored {
    /// The value stored at `key` (indicator, team, period key).
    fn get(&self, key: &(i64, i64, i64)) -> Option<f64> {
        let (_, periods) = self.series.iter().find(|s| s.0 == (key.0, key.1))?;
        let i = periods.binary_search_by_key(&key.2, |p| p.0).ok()?;
        Some(periods[i].1)
    }

    /// Records `value` as now stored at `key` (a value written, so that a
    /// second value for the cell in the same chunk compares with it).
    fn set(&mut self, key: (i64, i64, i64), value: f64) {
        let series = (key.0, key.1);
        let at = match self.series.iter().position(|s| s.0 == series) {
            Some(at) => at,
            None => {
                self.series.push((series, Vec::new()));
                self.series.len() - 1
            }
        };
        let periods = &mut self.series[at].1;
        match periods.binary_search_by_key(&key.2, |p| p.0) {
            Ok(i) => periods[i].1 = value,
            Err(i) => periods.insert(i, (key.2, value)),
        }
    }

    /// True when none of the cells holds a value.
    fn is_empty(&self) -> bool {
        self.series.iter().all(|s| s.1.is_empty())
    }
}

/// The values stored in the cells `keys` name (indicator, team, period
/// key): one range read per series the keys touch, instead of a query per
/// cell.
fn stored_at(conn: &rusqlite::Connection, keys: &[(i64, i64, i64)]) -> StorageResult<Stored> {
    let mut spans: Vec<((i64, i64), i64, i64)> = Vec::new();
    for key in keys {
        let series = (key.0, key.1);
        match spans.iter_mut().find(|s| s.0 == series) {
            Some(s) => {
                s.1 = s.1.min(key.2);
                s.2 = s.2.max(key.2);
            }
            None => spans.push((series, key.2, key.2)),
        }
    }
    let mut read = conn.prepare_cached(
        "SELECT period, value FROM measurement WHERE indicator_id = ?1 AND team_id = ?2 AND period BETWEEN ?3 AND ?4 ORDER BY period",
    )?;
    let mut stored = Stored::default();
    for ((indicator, team), from, to) in spans {
        let periods = read
            .query_map(params![indicator, team, from, to], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, f64>(1)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        stored.series.push(((indicator, team), periods));
    }
    Ok(stored)
}

/// True when no two rows name the same cell.
fn all_distinct(rows: &[Resolved<'_>]) -> bool {
    let mut keys: Vec<(i64, i64, i64)> = rows.iter().map(|r| r.key).collect();
    keys.sort_unstable();
    keys.windows(2).all(|w| w[0] != w[1])
}

/// `INSERT ... VALUES (?,?,?,?,?), ... ON CONFLICT DO NOTHING` for
/// [`ROWS_PER_INSERT`] rows.
fn rows_insert_sql() -> String {
    let mut sql = String::from(
        "INSERT INTO measurement (indicator_id, team_id, period, value, note) VALUES ",
    );
    for i in 0..ROWS_PER_INSERT {
        if i > 0 {
            sql.push(',');
        }
        sql.push_str("(?,?,?,?,?)");
    }
    sql.push_str(" ON CONFLICT (indicator_id, team_id, period) DO NOTHING");
    sql
}

/// Writes new values with `insert` (from [`rows_insert_sql`]),
/// [`ROWS_PER_INSERT`] at a time, each bound by its own type; how many
/// were written. Rows past the last whole statement are not written.
fn insert_rows(
    insert: &mut rusqlite::Statement<'_>,
    rows: &[Resolved<'_>],
) -> StorageResult<usize> {
    let mut written = 0;
    for group in rows.chunks_exact(ROWS_PER_INSERT) {
        for (i, r) in group.iter().enumerate() {
            let at = i * 5;
            insert.raw_bind_parameter(at + 1, r.key.0)?;
            insert.raw_bind_parameter(at + 2, r.key.1)?;
            insert.raw_bind_parameter(at + 3, r.key.2)?;
            insert.raw_bind_parameter(at + 4, r.value)?;
            insert.raw_bind_parameter(at + 5, r.note)?;
        }
        written += insert.raw_execute()?;
    }
    Ok(written)
}

/// Writes the batch's targets into the target history, the import named as
/// their reason; a step that becomes current supersedes the team's own
/// current target (kept, with its dates, in the history).
fn write_targets(
    tx: &rusqlite::Transaction<'_>,
    batch: &ImportBatch,
    team_ids: &[TeamId],
    indicator_ids: &[IndicatorId],
) -> StorageResult<usize> {
    if batch.targets.is_empty() {
        return Ok(0);
    }
    let stamp = timestamp_text(now());
    let reason = format!("Imported from {}", batch.file_name);
    let mut supersede = tx.prepare_cached(
        "UPDATE target SET superseded_at = ?3 WHERE indicator_id = ?1 AND team_id IS ?2 AND superseded_at IS NULL",
    )?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO target (indicator_id, team_id, baseline_value, baseline_date, target_value, deadline, set_at, superseded_at, reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    for t in &batch.targets {
        let team = match t.team {
            NameRef::Existing(id) => id,
            NameRef::New(k) => *team_ids.get(k).ok_or_else(|| bad_ref(0))?,
        };
        let indicator = match t.indicator {
            NameRef::Existing(id) => id,
            NameRef::New(k) => *indicator_ids.get(k).ok_or_else(|| bad_ref(0))?,
        };
        if t.until <= t.from || !t.target.is_finite() || !t.baseline.is_finite() {
            return Err(StorageError::Rule(format!(
                "A target from {} to {} could not be set.",
                t.from, t.until
            )));
        }
        if t.current {
            supersede.execute(params![indicator.0, team.0, stamp])?;
        }
        insert.execute(params![
            indicator.0,
            team.0,
            t.baseline,
            date_key(t.from),
            t.target,
            date_key(t.until),
            stamp,
            (!t.current).then_some(&stamp),
            reason
        ])?;
    }
    Ok(batch.targets.len())
}

impl Workbook {
    /// Writes a checked import in one transaction: everything, or (on any
    /// error, or when `progress` returns `false` to cancel) nothing.
    /// `progress(done, total)` is called every few thousand rows.
    pub fn apply_import(
        &mut self,
        batch: &ImportBatch,
        progress: &mut dyn FnMut(usize, usize) -> bool,
    ) -> StorageResult<ImportOutcome> {
        super::with_small_cache(self, |wb| wb.write_import(batch, progress))
    }

    fn write_import(
        &mut self,
        batch: &ImportBatch,
        progress: &mut dyn FnMut(usize, usize) -> bool,
    ) -> StorageResult<ImportOutcome> {
        self.transact_with_references_verified(|tx| {
            let mut references = References::default();
            let mut out = ImportOutcome::default();
            let team_ids = batch
                .new_teams
                .iter()
                .map(|name| teams::insert(tx, name, ""))
                .collect::<StorageResult<Vec<_>>>()?;
            out.teams_created = team_ids.len();
            let indicator_ids = batch
                .new_indicators
                .iter()
                .map(|new| indicators::insert(tx, new))
                .collect::<StorageResult<Vec<_>>>()?;
            out.indicators_created = indicator_ids.len();
            let lock = super::locks::locked_through(tx)?;
            let mut cache = IndicatorCache::default();
            let mut insert = tx.prepare_cached(
                "INSERT INTO measurement (indicator_id, team_id, period, value, note) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            let stamp = timestamp_text(now());
            let source = batch.source();
            // A return's every value is audited with its sender.
            let audit_all = batch.data_return.is_some();
            let mut update = tx.prepare_cached(
                "UPDATE measurement SET value = ?4, note = COALESCE(?5, note) WHERE indicator_id = ?1 AND team_id = ?2 AND period = ?3",
            )?;
            let total = batch.values.len();
            let mut rows_insert = tx.prepare_cached(&rows_insert_sql())?;
            let mut done = 0;
            batch.values.for_each_chunk(CHUNK, &mut |chunk| {
                if done % PROGRESS_EVERY < CHUNK && !progress(done, total) {
                    return Err(StorageError::Cancelled);
                }
                done += chunk.len();
                let mut rows: Vec<Resolved<'_>> = Vec::with_capacity(CHUNK);
                for v in chunk {
                    references.verify(tx, v)?;
                    let team = match v.team {
                        NameRef::Existing(id) => id,
                        NameRef::New(k) => *team_ids.get(k).ok_or_else(|| bad_ref(v.line))?,
                    };
                    let indicator = match v.indicator {
                        NameRef::Existing(id) => id,
                        NameRef::New(k) => *indicator_ids.get(k).ok_or_else(|| bad_ref(v.line))?,
                    };
                    let cell = Cell { indicator, team, period_start: v.period_start };
                    let facts = cache.get(tx, indicator)?;
                    check_cell(cell, Some(v.value), &batch.reason, lock, facts)
                        .map_err(|e| StorageError::Rule(format!("Line {}: {e}", v.line)))?;
                    let locked = lock.is_some_and(|l| crate::domain::Period { start: v.period_start, frequency: facts.0 }.end() <= l);
                    rows.push(Resolved { cell, key: (indicator.0, team.0, date_key(v.period_start)), value: v.value, note: v.note.as_deref(), locked });
                }
                // What the chunk's cells hold now, one range read per series.
                let mut stored = stored_in(tx, &rows)?;
                // Fast path: a whole chunk of new values, none named twice, in
                // one statement.
                if stored.is_empty()
                    && rows.len() == CHUNK
                    && !audit_all
                    && !rows.iter().any(|r| r.locked)
                    && all_distinct(&rows)
                {
                    if insert_rows(&mut rows_insert, &rows)? != CHUNK {
                        return Err(StorageError::Rule(
                            "The workbook changed while the import was written; nothing was imported.".into(),
                        ));
                    }
                    out.added += CHUNK;
                    return Ok(());
                }
                for r in &rows {
                    let Some(old) = stored.get(&r.key) else {
                        insert.execute(params![r.key.0, r.key.1, r.key.2, r.value, r.note])?;
                        stored.set(r.key, r.value);
                        out.added += 1;
                        if r.locked || audit_all {
                            audit_at(tx, r.cell, None, Some(r.value), &batch.reason, &source, &stamp)?;
                        }
                        continue;
                    };
                    if old == r.value {
                        out.unchanged += 1;
                    } else if batch.on_existing == OnExisting::Skip {
                        out.skipped += 1;
                    } else {
                        update.execute(params![r.key.0, r.key.1, r.key.2, r.value, r.note])?;
                        audit_at(tx, r.cell, Some(old), Some(r.value), &batch.reason, &source, &stamp)?;
                        stored.set(r.key, r.value);
                        out.updated += 1;
                    }
                }
                Ok(())
            })?;
            out.targets_set = write_targets(tx, batch, &team_ids, &indicator_ids)?;
            if let Some(r) = &batch.data_return {
                super::returns::mark_collected(tx, r.request, r.team, &r.by, r.filled)?;
            }
            super::settings::mark_data_changed(tx)?;
            progress(total, total);
            tx.execute(
                "INSERT INTO import_log (file_name, imported_at, added, updated, skipped) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    batch.file_name,
                    timestamp_text(now()),
                    out.added as i64,
                    out.updated as i64,
                    out.skipped as i64
                ],
            )?;
            Ok(out)
        })
    }

    /// What writing `batch` would do to the values now stored: how many it
    /// adds, updates, leaves unchanged and skips — what an import's report
    /// says before anything is written. Read chunk by chunk, a range read
    /// per series, so memory does not grow with the workbook or the file.
    pub fn count_import(&self, batch: &ImportBatch) -> StorageResult<ImportCounts> {
        super::with_small_cache(self, |wb| wb.count_import_values(batch))
    }

    fn count_import_values(&self, batch: &ImportBatch) -> StorageResult<ImportCounts> {
        let mut counts = ImportCounts::default();
        batch.values.for_each_chunk(CHUNK, &mut |chunk| {
            let keys: Vec<(i64, i64, i64)> = chunk
                .iter()
                .filter_map(|v| match (v.indicator, v.team) {
                    (NameRef::Existing(i), NameRef::Existing(t)) => {
                        Some((i.0, t.0, date_key(v.period_start)))
                    }
                    _ => None,
                })
                .collect();
            let stored = stored_at(self.conn(), &keys)?;
            for v in chunk {
                let key = match (v.indicator, v.team) {
                    (NameRef::Existing(i), NameRef::Existing(t)) => {
                        Some((i.0, t.0, date_key(v.period_start)))
                    }
                    _ => None,
                };
                match key.and_then(|k| stored.get(&k)) {
                    None => counts.added += 1,
                    Some(s) if s == v.value => counts.unchanged += 1,
                    Some(_) if batch.on_existing == OnExisting::Skip => counts.skipped += 1,
                    Some(_) => counts.updated += 1,
                }
            }
            Ok(())
        })?;
        Ok(counts)
    }
}

/// What an import would do to the stored values.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ImportCounts {
    /// Values for cells with none.
    pub added: usize,
    /// Values that differ from the stored one and will replace it.
    pub updated: usize,
    /// Values equal to the stored one.
    pub unchanged: usize,
    /// Values that differ but are left as stored (`OnExisting::Skip`).
    pub skipped: usize,
}

/// Checks that every existing team and indicator the batch names is in the
/// workbook: what the foreign keys would check row by row, done once per
/// name, as the values are written.
#[derive(Default)]
struct References {
    teams: rustc_hash::FxHashSet<i64>,
    indicators: rustc_hash::FxHashSet<i64>,
}

impl References {
    fn verify(&mut self, tx: &rusqlite::Transaction<'_>, v: &ImportValue) -> StorageResult<()> {
        if let NameRef::Existing(t) = v.team {
            exists_once(
                tx,
                &mut self.teams,
                "SELECT 1 FROM team WHERE id = ?1",
                t.0,
                v.line,
            )?;
        }
        if let NameRef::Existing(i) = v.indicator {
            let sql = "SELECT 1 FROM indicator WHERE id = ?1";
            exists_once(tx, &mut self.indicators, sql, i.0, v.line)?;
        }
        Ok(())
    }
}

/// Checks (once per id, remembered in `known`) that the row `sql` looks up
/// exists; else the error names `line`.
fn exists_once(
    tx: &rusqlite::Transaction<'_>,
    known: &mut rustc_hash::FxHashSet<i64>,
    sql: &str,
    id: i64,
    line: u64,
) -> StorageResult<()> {
    if known.contains(&id) {
        return Ok(());
    }
    if !tx.prepare_cached(sql)?.exists([id])? {
        return Err(bad_ref(line));
    }
    known.insert(id);
    Ok(())
}

fn bad_ref(line: u64) -> StorageError {
    StorageError::Corrupt(format!(
        "line {line} refers to a team or indicator the import did not create"
    ))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::domain::{Direction, Frequency};

    fn foreign_keys_on(wb: &Workbook) -> bool {
        wb.conn()
            .pragma_query_value(None, "foreign_keys", |r| r.get::<_, i64>(0))
            .unwrap()
            == 1
    }

    fn value(line: u64, team: TeamId, indicator: IndicatorId) -> ImportValue {
        ImportValue {
            line,
            team: NameRef::Existing(team),
            indicator: NameRef::Existing(indicator),
            period_start: NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
            value: 4.0,
            note: None,
        }
    }

    #[test]
    fn an_import_naming_a_team_not_in_the_workbook_writes_nothing_and_keys_stay_enforced() {
        let dir = tempfile::tempdir().unwrap();
        let mut wb = Workbook::create(&dir.path().join("w.ratchet")).unwrap();
        let team = wb.add_team("North", "").unwrap();
        let indicator = wb
            .add_indicator(&IndicatorSpec::simple(
                "Repairs",
                "jobs",
                Direction::Higher,
                Frequency::Week,
            ))
            .unwrap();
        let batch = ImportBatch {
            new_teams: vec!["South".into()],
            values: vec![value(2, team, indicator), value(3, TeamId(999), indicator)].into(),
            ..ImportBatch::default()
        };
        let err = wb.apply_import(&batch, &mut |_, _| true).unwrap_err();
        assert!(err.to_string().contains("line 3"), "{err}");
        assert_eq!(wb.counts().unwrap().measurements, 0, "nothing written");
        assert!(
            wb.team_by_name("South").unwrap().is_none(),
            "no team created"
        );
        assert!(foreign_keys_on(&wb), "checked again after a failed import");

        let batch = ImportBatch {
            values: vec![value(2, team, indicator)].into(),
            ..ImportBatch::default()
        };
        assert_eq!(wb.apply_import(&batch, &mut |_, _| true).unwrap().added, 1);
        assert!(foreign_keys_on(&wb), "checked again after an import");
    }
}
