//! Scratch space for checking a very large import: the values read but not
//! yet placed, and the values accepted so far (which also finds duplicates),
//! kept in a private temporary database on disk so that the memory an
//! import needs does not grow with the file.

use std::cell::Cell as Counter;

use rusqlite::{Connection, params};

use super::codec::{date_from_key, date_key};
use super::import::{ImportValue, NameRef};
use super::{StorageError, StorageResult};
use crate::domain::{IndicatorId, TeamId};

/// A temporary database (deleted when dropped) holding an import's values.
pub struct ImportScratch {
    conn: Connection,
    pending_chunks: i64,
    accepted: Counter<usize>,
    team_remap: Vec<Option<usize>>,
    indicator_remap: Vec<Option<usize>>,
}

impl std::fmt::Debug for ImportScratch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ImportScratch")
            .field("pending_chunks", &self.pending_chunks)
            .field("accepted", &self.accepted.get())
            .finish()
    }
}

/// What a scratch failure says: the disk, not the file, is the problem.
fn scratch_error(e: rusqlite::Error) -> StorageError {
    StorageError::Rule(format!(
        "Checking a file this large needs temporary space on disk, and writing it failed ({e}). \
         Free some disk space (or set TMPDIR to a disk with room) and try again; nothing was imported."
    ))
}

impl ImportScratch {
    /// A fresh scratch database in the system's temporary folder.
    pub fn new() -> StorageResult<Self> {
        // An empty name: SQLite's private temporary database on disk,
        // removed when the connection closes.
        let conn = Connection::open("").map_err(scratch_error)?;
        conn.execute_batch(
            "PRAGMA journal_mode = OFF;
             PRAGMA synchronous = OFF;
             PRAGMA cache_size = -16384;
             CREATE TABLE pending (seq INTEGER PRIMARY KEY, records BLOB NOT NULL);
             CREATE TABLE accepted (
                 indicator INTEGER NOT NULL, team INTEGER NOT NULL, period INTEGER NOT NULL,
                 line INTEGER NOT NULL, value REAL NOT NULL, note TEXT,
                 PRIMARY KEY (indicator, team, period)) WITHOUT ROWID;
             BEGIN;",
        )
        .map_err(scratch_error)?;
        Ok(Self {
            conn,
            pending_chunks: 0,
            accepted: Counter::new(0),
            team_remap: Vec::new(),
            indicator_remap: Vec::new(),
        })
    }

    /// Keeps a chunk of encoded records (the reader's own format), in order.
    pub fn push_pending(&mut self, records: &[u8]) -> StorageResult<()> {
        self.pending_chunks += 1;
        self.conn
            .prepare_cached("INSERT INTO pending (seq, records) VALUES (?1, ?2)")
            .and_then(|mut s| s.execute(params![self.pending_chunks, records]))
            .map_err(scratch_error)?;
        Ok(())
    }

    /// How many chunks [`Self::push_pending`] kept.
    pub fn pending_chunks(&self) -> usize {
        self.pending_chunks as usize
    }

    /// The `n`-th chunk kept (from 0), in the order kept.
    pub fn pending_chunk(&self, n: usize) -> StorageResult<Vec<u8>> {
        self.conn
            .prepare_cached("SELECT records FROM pending WHERE seq = ?1")
            .and_then(|mut s| s.query_row([n as i64 + 1], |r| r.get(0)))
            .map_err(scratch_error)
    }

    /// Drops the pending chunks once they are all placed.
    pub fn clear_pending(&mut self) -> StorageResult<()> {
        self.pending_chunks = 0;
        self.conn
            .execute("DELETE FROM pending", [])
            .map_err(scratch_error)?;
        Ok(())
    }

    /// Accepts a placed value, unless a value for the same team, indicator
    /// and period was accepted before: then the line of that first one.
    pub fn accept(&self, v: &ImportValue) -> StorageResult<Option<u64>> {
        let key = (
            v.indicator.to_key(),
            v.team.to_key(),
            date_key(v.period_start),
        );
        let inserted = self
            .conn
            .prepare_cached(
                "INSERT INTO accepted (indicator, team, period, line, value, note)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING",
            )
            .and_then(|mut s| {
                s.execute(params![key.0, key.1, key.2, v.line as i64, v.value, v.note])
            })
            .map_err(scratch_error)?;
        if inserted == 1 {
            self.accepted.set(self.accepted.get() + 1);
            return Ok(None);
        }
        let first: i64 = self
            .conn
            .prepare_cached(
                "SELECT line FROM accepted WHERE indicator = ?1 AND team = ?2 AND period = ?3",
            )
            .and_then(|mut s| s.query_row(params![key.0, key.1, key.2], |r| r.get(0)))
            .map_err(scratch_error)?;
        Ok(Some(first as u64))
    }

    /// How many values were accepted.
    pub fn accepted(&self) -> usize {
        self.accepted.get()
    }

    /// Renumbers the new teams and indicators the values name (only those
    /// carrying a value are created): applied as the values are read.
    pub fn set_remap(&mut self, teams: Vec<Option<usize>>, indicators: Vec<Option<usize>>) {
        self.team_remap = teams;
        self.indicator_remap = indicators;
    }

    /// Hands the accepted values to `f` in chunks of up to `chunk`, ordered
    /// by indicator, team and period.
    pub fn for_each_accepted(
        &self,
        chunk: usize,
        f: &mut dyn FnMut(&[ImportValue]) -> StorageResult<()>,
    ) -> StorageResult<()> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT indicator, team, period, line, value, note FROM accepted
                 ORDER BY indicator, team, period",
            )
            .map_err(scratch_error)?;
        let mut rows = stmt.query([]).map_err(scratch_error)?;
        let mut buffer: Vec<ImportValue> = Vec::with_capacity(chunk.max(1));
        while let Some(row) = rows.next().map_err(scratch_error)? {
            let read = || -> rusqlite::Result<(i64, i64, i64, i64, f64, Option<String>)> {
                Ok((
                    row.get(0)?,
                    row.get(1)?,
                    row.get(2)?,
                    row.get(3)?,
                    row.get(4)?,
                    row.get(5)?,
                ))
            };
            let (indicator, team, period, line, value, note) = read().map_err(scratch_error)?;
            buffer.push(ImportValue {
                line: line as u64,
                team: remapped(NameRef::<TeamId>::from_key(team), &self.team_remap),
                indicator: remapped(
                    NameRef::<IndicatorId>::from_key(indicator),
                    &self.indicator_remap,
                ),
                period_start: date_from_key(period)?,
                value,
                note,
            });
            if buffer.len() >= chunk.max(1) {
                f(&buffer)?;
                buffer.clear();
            }
        }
        if !buffer.is_empty() {
            f(&buffer)?;
        }
        Ok(())
    }
}

fn remapped<Id>(r: NameRef<Id>, remap: &[Option<usize>]) -> NameRef<Id> {
    match r {
        NameRef::New(k) => NameRef::New(remap.get(k).copied().flatten().unwrap_or(k)),
        existing => existing,
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    fn value(line: u64, team: NameRef<TeamId>, day: u32, value: f64) -> ImportValue {
        ImportValue {
            line,
            team,
            indicator: NameRef::Existing(IndicatorId(3)),
            period_start: NaiveDate::from_ymd_opt(2025, 1, day).unwrap(),
            value,
            note: (line == 2).then(|| "footnote a".to_owned()),
        }
    }

    #[test]
    fn pending_chunks_come_back_in_order() {
        let mut s = ImportScratch::new().unwrap();
        s.push_pending(b"first").unwrap();
        s.push_pending(&[0, 1, 2, 255]).unwrap();
        assert_eq!(s.pending_chunks(), 2);
        assert_eq!(s.pending_chunk(0).unwrap(), b"first");
        assert_eq!(s.pending_chunk(1).unwrap(), vec![0, 1, 2, 255]);
        s.clear_pending().unwrap();
        assert_eq!(s.pending_chunks(), 0);
    }

    #[test]
    fn accepted_values_find_duplicates_and_come_back_remapped() {
        let mut s = ImportScratch::new().unwrap();
        assert_eq!(s.accept(&value(1, NameRef::New(2), 6, 1.5)).unwrap(), None);
        assert_eq!(
            s.accept(&value(2, NameRef::Existing(TeamId(0)), 6, 2.0))
                .unwrap(),
            None
        );
        // Same cell as line 1: refused, naming line 1.
        assert_eq!(
            s.accept(&value(3, NameRef::New(2), 6, 9.0)).unwrap(),
            Some(1)
        );
        assert_eq!(s.accepted(), 2);
        s.set_remap(vec![None, None, Some(0)], vec![]);
        let mut seen = Vec::new();
        s.for_each_accepted(1, &mut |chunk| {
            assert_eq!(chunk.len(), 1);
            seen.extend_from_slice(chunk);
            Ok(())
        })
        .unwrap();
        assert_eq!(seen.len(), 2);
        let agency = seen.iter().find(|v| v.line == 2).unwrap();
        assert_eq!(agency.team, NameRef::Existing(TeamId(0)));
        assert_eq!(agency.note.as_deref(), Some("footnote a"));
        let new = seen.iter().find(|v| v.line == 1).unwrap();
        assert_eq!(new.team, NameRef::New(0));
        assert_eq!(new.value, 1.5);
    }
}
