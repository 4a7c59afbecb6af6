//! Schedules: account-level objects shared by Schedule Routers.
//!
//! A schedule has one IANA time zone, a default status, periods per weekday, and holidays.
//! Holidays are Planwright's model of the older "Special day" option: a dated override (a
//! whole-day status, or periods) that takes precedence over the weekday's periods.
//! Schedules live in the workspace beside the plans, in `schedules/*.json`.

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Utc, Weekday};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The schedule file format version this build writes.
pub const SCHEDULE_SCHEMA_VERSION: u32 = 1;

/// The statuses every schedule has.
pub const BUILTIN_STATUSES: [&str; 2] = ["Open", "Closed"];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Schedule {
    /// The JSON Schema an editor should use for this file.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub json_schema: Option<String>,
    pub schema_version: u32,
    /// Stable id; Schedule Routers refer to it. It names the schedule's file.
    #[schemars(length(min = 1, max = crate::properties::limits::ID_MAX_CHARS), regex(pattern = crate::model::ID_PATTERN))]
    pub id: String,
    pub name: String,
    /// An IANA time zone such as `Europe/London`.
    pub time_zone: String,
    /// The status outside every period, and on weekdays with no periods.
    pub default_status: String,
    /// Periods per weekday, keyed `Mon` … `Sun`.
    #[serde(default)]
    pub week: BTreeMap<DayName, Vec<Period>>,
    #[serde(default)]
    pub holidays: Vec<Holiday>,
}

/// A weekday key in a schedule file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
pub enum DayName {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl DayName {
    pub fn of(weekday: Weekday) -> DayName {
        match weekday {
            Weekday::Mon => DayName::Mon,
            Weekday::Tue => DayName::Tue,
            Weekday::Wed => DayName::Wed,
            Weekday::Thu => DayName::Thu,
            Weekday::Fri => DayName::Fri,
            Weekday::Sat => DayName::Sat,
            Weekday::Sun => DayName::Sun,
        }
    }
}

/// A period of a day, `start` inclusive and `end` exclusive, local time `HH:MM`.
/// `end` may be `24:00`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Period {
    pub start: String,
    pub end: String,
    pub status: String,
}

/// A dated override. With `status` set, the whole day has that status; otherwise its
/// `periods` apply, and the default status outside them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Holiday {
    pub date: NaiveDate,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub periods: Vec<Period>,
}

/// Where a schedule's periods are: a weekday, or a holiday.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PeriodsOf {
    Day(DayName),
    Holiday { name: String, date: NaiveDate },
}

impl std::fmt::Display for PeriodsOf {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PeriodsOf::Day(day) => write!(f, "{day:?}"),
            PeriodsOf::Holiday { name, date } => write!(f, "holiday {name} ({date})"),
        }
    }
}

/// A problem with a schedule itself (see [`Schedule::problems`]). Consumers match on the
/// variant; the text is for people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScheduleProblem {
    /// The time zone is not an IANA name this build knows.
    UnknownTimeZone(String),
    EmptyDefaultStatus,
    /// A period whose start or end is not `HH:MM`, or that does not end after it starts.
    InvalidPeriod { of: PeriodsOf, start: String, end: String },
    PeriodWithoutStatus { of: PeriodsOf, start: String, end: String },
    PeriodsOverlap { of: PeriodsOf },
}

impl std::fmt::Display for ScheduleProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ScheduleProblem::UnknownTimeZone(tz) => write!(f, "unknown IANA time zone '{tz}'"),
            ScheduleProblem::EmptyDefaultStatus => f.write_str("the default status is empty"),
            ScheduleProblem::InvalidPeriod { of, start, end } => write!(f, "{of}: period {start}–{end} is not a valid HH:MM range"),
            ScheduleProblem::PeriodWithoutStatus { of, start, end } => write!(f, "{of}: period {start}–{end} has no status"),
            ScheduleProblem::PeriodsOverlap { of } => write!(f, "{of}: periods overlap"),
        }
    }
}

/// Minutes since local midnight of an `HH:MM` time (`24:00` is 1440).
pub fn minutes_of(hhmm: &str) -> Option<u32> {
    if hhmm == "24:00" {
        return Some(1440);
    }
    NaiveTime::parse_from_str(hhmm, "%H:%M").ok().map(|t| t.hour_minute())
}

trait HourMinute {
    fn hour_minute(&self) -> u32;
}

impl HourMinute for NaiveTime {
    fn hour_minute(&self) -> u32 {
        use chrono::Timelike;
        self.hour() * 60 + self.minute()
    }
}

impl Schedule {
    /// Every status this schedule can return: Open and Closed, then custom statuses in order
    /// of first appearance. Each becomes an exit of a Schedule Router using the schedule.
    pub fn statuses(&self) -> Vec<String> {
        let mut out: Vec<String> = BUILTIN_STATUSES.iter().map(|s| s.to_string()).collect();
        let mut add = |s: &str| {
            if !s.is_empty() && !out.iter().any(|o| o == s) {
                out.push(s.to_string());
            }
        };
        add(&self.default_status);
        for periods in self.week.values() {
            for p in periods {
                add(&p.status);
            }
        }
        for h in &self.holidays {
            if let Some(s) = &h.status {
                add(s);
            }
            for p in &h.periods {
                add(&p.status);
            }
        }
        out
    }

    pub fn tz(&self) -> Option<chrono_tz::Tz> {
        self.time_zone.parse().ok()
    }

    /// The service status at an instant, in the schedule's time zone (daylight saving
    /// included). `None` when the schedule cannot answer (unknown time zone, or an empty
    /// status), which a Schedule Router takes as its Failure exit.
    pub fn status_at(&self, at: DateTime<Utc>) -> Option<String> {
        let tz = self.tz()?;
        let local = at.with_timezone(&tz);
        let date = local.date_naive();
        let minute = {
            use chrono::Timelike;
            local.hour() * 60 + local.minute()
        };
        let in_periods = |periods: &[Period]| {
            periods.iter().find_map(|p| {
                let (s, e) = (minutes_of(&p.start)?, minutes_of(&p.end)?);
                (s <= minute && minute < e).then(|| p.status.clone())
            })
        };
        let status = if let Some(h) = self.holidays.iter().find(|h| h.date == date) {
            match &h.status {
                Some(s) => Some(s.clone()),
                None => in_periods(&h.periods),
            }
        } else {
            self.week.get(&DayName::of(date.weekday())).and_then(|p| in_periods(p))
        };
        let status = status.unwrap_or_else(|| self.default_status.clone());
        (!status.is_empty()).then_some(status)
    }

    /// Problems with the schedule itself: unknown time zone, malformed or overlapping periods.
    pub fn problems(&self) -> Vec<ScheduleProblem> {
        let mut out = Vec::new();
        if self.tz().is_none() {
            out.push(ScheduleProblem::UnknownTimeZone(self.time_zone.clone()));
        }
        if self.default_status.is_empty() {
            out.push(ScheduleProblem::EmptyDefaultStatus);
        }
        let mut check = |of: PeriodsOf, periods: &[Period]| {
            let mut spans = Vec::new();
            for p in periods {
                let (start, end) = (p.start.clone(), p.end.clone());
                match (minutes_of(&p.start), minutes_of(&p.end)) {
                    (Some(s), Some(e)) if s < e => spans.push((s, e)),
                    _ => out.push(ScheduleProblem::InvalidPeriod { of: of.clone(), start: start.clone(), end: end.clone() }),
                }
                if p.status.is_empty() {
                    out.push(ScheduleProblem::PeriodWithoutStatus { of: of.clone(), start, end });
                }
            }
            spans.sort();
            for w in spans.windows(2) {
                if w[1].0 < w[0].1 {
                    out.push(ScheduleProblem::PeriodsOverlap { of: of.clone() });
                }
            }
        };
        for (day, periods) in &self.week {
            check(PeriodsOf::Day(*day), periods);
        }
        for h in &self.holidays {
            check(PeriodsOf::Holiday { name: h.name.clone(), date: h.date }, &h.periods);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn london() -> Schedule {
        serde_json::from_value(serde_json::json!({
            "schema_version": 1, "id": "hours", "name": "Hours", "time_zone": "Europe/London",
            "default_status": "Closed",
            "week": {"Mon": [{"start": "09:00", "end": "17:00", "status": "Open"}],
                     "Sat": [{"start": "10:00", "end": "12:00", "status": "Weekend"}]},
            "holidays": [{"date": "2026-12-28", "name": "Bank holiday", "status": "Closed"}]
        }))
        .unwrap()
    }

    #[test]
    fn status_follows_local_time_with_daylight_saving() {
        let s = london();
        // Monday 2026-07-06 08:30 UTC is 09:30 BST: open.
        assert_eq!(s.status_at(Utc.with_ymd_and_hms(2026, 7, 6, 8, 30, 0).unwrap()).as_deref(), Some("Open"));
        // Monday 2026-01-05 08:30 UTC is 08:30 GMT: closed.
        assert_eq!(s.status_at(Utc.with_ymd_and_hms(2026, 1, 5, 8, 30, 0).unwrap()).as_deref(), Some("Closed"));
    }

    #[test]
    fn holiday_overrides_the_weekday() {
        let s = london();
        // 2026-12-28 is a Monday.
        assert_eq!(s.status_at(Utc.with_ymd_and_hms(2026, 12, 28, 11, 0, 0).unwrap()).as_deref(), Some("Closed"));
    }

    #[test]
    fn custom_statuses_become_exits_after_open_and_closed() {
        assert_eq!(london().statuses(), vec!["Open", "Closed", "Weekend"]);
    }

    #[test]
    fn unknown_time_zone_gives_no_status() {
        let mut s = london();
        s.time_zone = "Mars/Olympus".into();
        assert_eq!(s.status_at(Utc::now()), None);
        assert_eq!(s.problems(), [ScheduleProblem::UnknownTimeZone("Mars/Olympus".into())]);
        assert_eq!(s.problems()[0].to_string(), "unknown IANA time zone 'Mars/Olympus'");
    }

    #[test]
    fn period_problems_name_where_they_are() {
        let mut s = london();
        s.week.insert(DayName::Tue, vec![
            Period { start: "09:00".into(), end: "12:00".into(), status: "Open".into() },
            Period { start: "11:00".into(), end: "25:00".into(), status: String::new() },
            Period { start: "10:00".into(), end: "13:00".into(), status: "Open".into() },
        ]);
        let texts: Vec<String> = s.problems().iter().map(|p| p.to_string()).collect();
        assert_eq!(texts, ["Tue: period 11:00–25:00 is not a valid HH:MM range", "Tue: period 11:00–25:00 has no status", "Tue: periods overlap"]);
    }
}
