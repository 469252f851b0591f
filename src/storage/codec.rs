//! How domain values are written into columns and read back.

use chrono::{DateTime, Datelike, NaiveDate, SecondsFormat, Utc};

use super::StorageError;

/// A date as the integer yyyymmdd (compact on disk, readable in SQL).
pub fn date_key(date: NaiveDate) -> i64 {
    i64::from(date.year()) * 10_000 + i64::from(date.month()) * 100 + i64::from(date.day())
}

/// The date stored as yyyymmdd.
pub fn date_from_key(key: i64) -> Result<NaiveDate, StorageError> {
    let year = i32::try_from(key / 10_000).ok();
    let month = u32::try_from((key / 100) % 100).ok();
    let day = u32::try_from(key % 100).ok();
    match (year, month, day) {
        (Some(y), Some(m), Some(d)) => NaiveDate::from_ymd_opt(y, m, d),
        _ => None,
    }
    .ok_or_else(|| StorageError::Corrupt(format!("stored date {key} is not a date")))
}

/// A timestamp as RFC 3339 text in UTC, to the second.
pub fn timestamp_text(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Reads a stored timestamp.
pub fn timestamp_from_text(text: &str) -> Result<DateTime<Utc>, StorageError> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| StorageError::Corrupt(format!("stored time \"{text}\" is not a time")))
}

/// Reads a stored enum code with `parse`, naming the column when it is unknown.
pub fn code<T>(
    text: &str,
    column: &str,
    parse: impl Fn(&str) -> Option<T>,
) -> Result<T, StorageError> {
    parse(text).ok_or_else(|| StorageError::Corrupt(format!("unknown {column} \"{text}\"")))
}

/// The current time, to the second.
pub fn now() -> DateTime<Utc> {
    Utc::now()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip() {
        let d = NaiveDate::from_ymd_opt(2025, 3, 31).unwrap();
        assert_eq!(date_key(d), 20250331);
        assert_eq!(date_from_key(20250331).unwrap(), d);
        assert!(date_from_key(20251331).is_err());
        assert!(date_from_key(-5).is_err());
    }

    #[test]
    fn timestamps_round_trip() {
        let t = DateTime::parse_from_rfc3339("2026-11-28T23:42:24Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(timestamp_from_text(&timestamp_text(t)).unwrap(), t);
        assert!(timestamp_from_text("yesterday").is_err());
    }
}
