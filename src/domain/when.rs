//! Moments written for people: stored timestamps are RFC 3339 in UTC
//! (`2026-12-05T14:08:34Z`); screens and documents show them in local time
//! ("5 Dec 2026, 14:08").

/// A stored RFC 3339 timestamp in local time, or the text as stored when it
/// is not one.
pub fn readable_timestamp(text: &str) -> String {
    match chrono::DateTime::parse_from_rfc3339(text.trim()) {
        Ok(t) => t
            .with_timezone(&chrono::Local)
            .format("%-d %b %Y, %H:%M")
            .to_string(),
        Err(_) => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_read_as_dates_and_times() {
        let shown = readable_timestamp("2026-12-05T14:08:34Z");
        assert!(shown.contains("Dec 2026, "), "{shown}");
        assert!(!shown.contains('T') && !shown.contains('Z'), "{shown}");
        assert_eq!(readable_timestamp("yesterday"), "yesterday");
    }
}
