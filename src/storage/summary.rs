//! Counts for the home screen, the status bar and `ratchet summary`.

use serde::Serialize;

use super::{StorageResult, Workbook};

/// How much the workbook holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Active and archived teams (not the whole-agency row).
    pub teams: u64,
    /// Indicators in the library.
    pub indicators: u64,
    /// Stored values.
    pub measurements: u64,
}

impl Workbook {
    /// Counts teams, indicators and measurements (the measurements as the
    /// database check counted them, while nothing has been written since).
    pub fn counts(&self) -> StorageResult<Counts> {
        let count = |sql: &str| -> StorageResult<u64> {
            let n: i64 = self.conn().query_row(sql, [], |r| r.get(0))?;
            Ok(u64::try_from(n).unwrap_or(0))
        };
        Ok(Counts {
            teams: count("SELECT COUNT(*) FROM team WHERE is_agency = 0")?,
            indicators: count("SELECT COUNT(*) FROM indicator")?,
            measurements: match self.health.counted_measurements() {
                Some(n) => n,
                None => count("SELECT COUNT(*) FROM measurement")?,
            },
        })
    }

    /// The first day of the latest period any value was reported for.
    pub fn latest_period(&self) -> StorageResult<Option<chrono::NaiveDate>> {
        let key: Option<i64> =
            self.conn()
                .query_row("SELECT MAX(period) FROM measurement", [], |r| r.get(0))?;
        key.map(super::codec::date_from_key).transpose()
    }

    /// The counts when they come without reading every stored value: None
    /// while the database check, which counts the values on its way, has not
    /// reported (the window shows the figures once it has).
    pub fn counts_at_hand(&self) -> StorageResult<Option<Counts>> {
        if self.health.is_settled() {
            self.counts().map(Some)
        } else {
            Ok(None)
        }
    }
}
