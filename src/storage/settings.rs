//! Workbook-wide settings.

use rusqlite::{OptionalExtension, params};

use super::{StorageError, StorageResult, Workbook};

const FISCAL_YEAR_START: &str = "fiscal_year_start_month";

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
