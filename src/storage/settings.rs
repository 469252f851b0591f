//! Workbook-wide settings.

use rusqlite::{OptionalExtension, params};

use super::{StorageError, StorageResult, Workbook};

const FISCAL_YEAR_START: &str = "fiscal_year_start_month";
/// The decimal mark the leader types and reads ("dot" or "comma").
const DECIMAL_MARK: &str = "decimal_mark";
/// Counts changes of what the integrity checks read (values, targets,
/// indicators' settings): bumped by every such change.
const DATA_VERSION: &str = "data_version";
/// The data version and the day the checks last ran over everything.
const CHECKS_RAN: &str = "checks_ran";

impl Workbook {
    /// The month (1–12) the agency's fiscal year starts in; 1 when never set.
    pub fn fiscal_year_start_month(&self) -> StorageResult<u32> {
        let text: Option<String> = self
            .conn()
            .query_row(
                "SELECT value FROM setting WHERE key = ?1",
                [FISCAL_YEAR_START],
                |r| r.get(0),
            )
            .optional()?;
        Ok(text
            .and_then(|t| t.parse().ok())
            .filter(|m| (1..=12).contains(m))
            .unwrap_or(1))
    }

    /// How many changes of values, targets and indicators' settings the
    /// workbook has seen (0 for a workbook that never counted them).
    pub fn data_version(&self) -> StorageResult<u64> {
        Ok(get_setting(self.conn(), DATA_VERSION)?
            .and_then(|t| t.parse().ok())
            .unwrap_or(0))
    }

    /// When the integrity checks last ran over everything: the data version
    /// they saw and the day they ran as of.
    pub fn checks_ran(&self) -> StorageResult<Option<(u64, chrono::NaiveDate)>> {
        Ok(get_setting(self.conn(), CHECKS_RAN)?.and_then(|t| {
            let (v, d) = t.split_once(' ')?;
            Some((v.parse().ok()?, d.parse().ok()?))
        }))
    }

    /// The decimal mark chosen for this workbook, if one was.
    pub fn decimal_mark(&self) -> StorageResult<Option<crate::domain::number::DecimalMark>> {
        Ok(get_setting(self.conn(), DECIMAL_MARK)?
            .and_then(|c| crate::domain::number::DecimalMark::from_code(&c)))
    }

    /// Sets the decimal mark the grid, forms and exports use.
    pub fn set_decimal_mark(
        &mut self,
        mark: crate::domain::number::DecimalMark,
    ) -> StorageResult<()> {
        self.transact(|tx| {
            tx.execute(
                "INSERT INTO setting (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![DECIMAL_MARK, mark.code()],
            )?;
            Ok(())
        })
    }

    /// Sets the month the fiscal year starts in.
    pub fn set_fiscal_year_start_month(&mut self, month: u32) -> StorageResult<()> {
        if !(1..=12).contains(&month) {
            return Err(StorageError::Rule(
                "The fiscal year must start in a month from 1 to 12.".into(),
            ));
        }
        self.transact(|tx| {
            tx.execute(
                "INSERT INTO setting (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![FISCAL_YEAR_START, month.to_string()],
            )?;
            Ok(())
        })
    }
}

/// Reads one setting's text.
pub(crate) fn get_setting(conn: &rusqlite::Connection, key: &str) -> StorageResult<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM setting WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?)
}

/// Writes one setting inside a transaction.
pub(crate) fn put_setting(
    tx: &rusqlite::Transaction<'_>,
    key: &str,
    value: &str,
) -> StorageResult<()> {
    tx.execute(
        "INSERT INTO setting (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

/// Notes, inside a change's transaction, that what the checks read changed.
pub(crate) fn mark_data_changed(tx: &rusqlite::Connection) -> StorageResult<()> {
    tx.execute(
        "INSERT INTO setting (key, value) VALUES (?1, '1')
         ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1",
        [DATA_VERSION],
    )?;
    Ok(())
}

/// Notes, inside the transaction that records the flags of a run over
/// everything, the data version it saw and its day.
pub(crate) fn mark_checks_ran(
    tx: &rusqlite::Transaction<'_>,
    day: chrono::NaiveDate,
) -> StorageResult<()> {
    let version: u64 = get_setting(tx, DATA_VERSION)?
        .and_then(|t| t.parse().ok())
        .unwrap_or(0);
    put_setting(tx, CHECKS_RAN, &format!("{version} {day}"))
}
