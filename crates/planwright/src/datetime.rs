//! ISO-8601 dates and date-times, as compared by the Data Router's Before and After operators.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

/// Parses `2026-11-24`, `2026-11-24T10:00:00` (taken as UTC) or an RFC 3339 date-time with an
/// offset, into an instant.
pub fn parse(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&Utc));
    }
    if let Ok(t) = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S") {
        return Some(t.and_utc());
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok().map(|d| d.and_hms_opt(0, 0, 0).expect("midnight exists").and_utc())
}

#[cfg(test)]
mod tests {
    #[test]
    fn accepts_dates_and_date_times() {
        assert!(super::parse("2026-11-24").is_some());
        assert!(super::parse("2026-11-24T10:00:00").is_some());
        assert!(super::parse("2026-11-24T10:00:00+01:00").is_some());
        assert!(super::parse("24/11/2026").is_none());
    }
}
