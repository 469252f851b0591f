//! Scratch space for checking a very large import: the values read but not
//! yet placed, and the values accepted so far, kept in a private temporary
//! database on disk so that the memory an import needs does not grow with
//! the file. (Duplicates are found in memory, by the planner's taken cells.)
//!
//! Values are kept as chunks of compact records (one row per few thousand
//! values), which SQLite writes and reads back far faster than a row each.

use rusqlite::{Connection, params};

use super::import::{ImportValue, NameRef};
use super::records::{
    put_date, put_f64, put_i64, put_text, put_u64, take_date, take_f64, take_i64, take_text,
    take_u64,
};
use super::{StorageError, StorageResult};
use crate::domain::{IndicatorId, TeamId};

/// Values per chunk of accepted records.
const ACCEPTED_CHUNK: usize = 8192;

/// A temporary database (deleted when dropped) holding an import's values.
pub struct ImportScratch {
    conn: Connection,
    pending_chunks: i64,
    accepted: usize,
    accepted_chunks: i64,
    /// Accepted values encoded but not yet stored (up to a chunk's worth).
    accept_buffer: Vec<u8>,
    accept_buffered: usize,
    team_remap: Vec<Option<usize>>,
    indicator_remap: Vec<Option<usize>>,
}

impl std::fmt::Debug for ImportScratch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ImportScratch")
            .field("pending_chunks", &self.pending_chunks)
            .field("accepted", &self.accepted)
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

fn damaged() -> StorageError {
    StorageError::Rule(
        "The import's scratch space on disk was damaged; nothing was imported.".into(),
    )
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
             PRAGMA cache_size = -2048;
             CREATE TABLE pending (seq INTEGER PRIMARY KEY, records BLOB NOT NULL);
             CREATE TABLE accepted (seq INTEGER PRIMARY KEY, records BLOB NOT NULL);
             BEGIN;",
        )
        .map_err(scratch_error)?;
        Ok(Self {
            conn,
            pending_chunks: 0,
            accepted: 0,
            accepted_chunks: 0,
            accept_buffer: Vec::new(),
            accept_buffered: 0,
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

    /// Keeps a placed value (duplicates were found before); stored with
    /// the chunk it fills, or by [`Self::finish_accepted`].
    pub fn keep(&mut self, v: &ImportValue) -> StorageResult<()> {
        encode_value(v, &mut self.accept_buffer);
        self.accept_buffered += 1;
        self.accepted += 1;
        if self.accept_buffered >= ACCEPTED_CHUNK {
            self.store_accepted()?;
        }
        Ok(())
    }

    /// Stores the last values kept: call once every value is placed.
    pub fn finish_accepted(&mut self) -> StorageResult<()> {
        self.store_accepted()
    }

    fn store_accepted(&mut self) -> StorageResult<()> {
        if self.accept_buffered == 0 {
            return Ok(());
        }
        self.accepted_chunks += 1;
        self.conn
            .prepare_cached("INSERT INTO accepted (seq, records) VALUES (?1, ?2)")
            .and_then(|mut s| s.execute(params![self.accepted_chunks, self.accept_buffer]))
            .map_err(scratch_error)?;
        self.accept_buffer.clear();
        self.accept_buffered = 0;
        Ok(())
    }

    /// How many values were accepted.
    pub fn accepted(&self) -> usize {
        self.accepted
    }

    /// Renumbers the new teams and indicators the values name (only those
    /// carrying a value are created): applied as the values are read.
    pub fn set_remap(&mut self, teams: Vec<Option<usize>>, indicators: Vec<Option<usize>>) {
        self.team_remap = teams;
        self.indicator_remap = indicators;
    }

    /// Hands the accepted values to `f` in chunks of up to `chunk`, in the
    /// order they were accepted.
    pub fn for_each_accepted(
        &self,
        chunk: usize,
        f: &mut dyn FnMut(&[ImportValue]) -> StorageResult<()>,
    ) -> StorageResult<()> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT records FROM accepted ORDER BY seq")
            .map_err(scratch_error)?;
        let mut rows = stmt.query([]).map_err(scratch_error)?;
        let mut buffer: Vec<ImportValue> = Vec::with_capacity(chunk.max(1));
        while let Some(row) = rows.next().map_err(scratch_error)? {
            let records = row.get_ref(0).map_err(scratch_error)?;
            let mut input = records
                .as_blob()
                .map_err(|e| scratch_error(rusqlite::Error::from(e)))?;
            while !input.is_empty() {
                let mut v = decode_value(&mut input).ok_or_else(damaged)?;
                v.team = remapped(v.team, &self.team_remap);
                v.indicator = remapped(v.indicator, &self.indicator_remap);
                buffer.push(v);
                if buffer.len() >= chunk.max(1) {
                    f(&buffer)?;
                    buffer.clear();
                }
            }
        }
        if !buffer.is_empty() {
            f(&buffer)?;
        }
        Ok(())
    }
}

fn encode_value(v: &ImportValue, out: &mut Vec<u8>) {
    put_u64(out, v.line);
    put_i64(out, v.team.to_key());
    put_i64(out, v.indicator.to_key());
    put_date(out, v.period_start);
    put_f64(out, v.value);
    put_text(out, v.note.as_deref());
}

fn decode_value(input: &mut &[u8]) -> Option<ImportValue> {
    Some(ImportValue {
        line: take_u64(input)?,
        team: NameRef::<TeamId>::from_key(take_i64(input)?),
        indicator: NameRef::<IndicatorId>::from_key(take_i64(input)?),
        period_start: take_date(input)?,
        value: take_f64(input)?,
        note: take_text(input)?,
    })
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
            note: (line == 2).then(|| "footnote é".to_owned()),
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
    fn kept_values_come_back_remapped_in_order() {
        let mut s = ImportScratch::new().unwrap();
        s.keep(&value(1, NameRef::New(2), 6, 1.5)).unwrap();
        let agency = value(2, NameRef::Existing(TeamId(0)), 6, 2.0);
        s.keep(&agency).unwrap();
        s.finish_accepted().unwrap();
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
        assert_eq!(seen[0].line, 1);
        assert_eq!(seen[0].team, NameRef::New(0));
        assert_eq!(seen[0].value, 1.5);
        assert_eq!(seen[1], agency);
    }

    #[test]
    fn many_values_span_several_chunks_and_all_come_back() {
        let mut s = ImportScratch::new().unwrap();
        let n = ACCEPTED_CHUNK * 2 + 5;
        for i in 0..n {
            let v = ImportValue {
                line: i as u64 + 2,
                team: NameRef::Existing(TeamId(i as i64 % 7)),
                indicator: NameRef::New(1),
                period_start: NaiveDate::from_ymd_opt(2000, 1, 1).unwrap()
                    + chrono::Days::new(i as u64),
                value: i as f64,
                note: None,
            };
            s.keep(&v).unwrap();
        }
        s.finish_accepted().unwrap();
        let mut lines = Vec::new();
        s.for_each_accepted(1000, &mut |chunk| {
            lines.extend(chunk.iter().map(|v| v.line));
            Ok(())
        })
        .unwrap();
        assert_eq!(lines, (2..n as u64 + 2).collect::<Vec<_>>());
    }
}
