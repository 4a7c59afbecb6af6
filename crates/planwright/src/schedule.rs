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
/// Version 2 added `custom_statuses` (version 1 files load unchanged).
pub const SCHEDULE_SCHEMA_VERSION: u32 = 2;

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
    /// Statuses of this schedule besides Open and Closed, in the order its Schedule Routers
    /// show them as exits. Periods may use them (and Open and Closed).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub custom_statuses: Vec<String>,
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
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "SchedulePeriod"))]
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

/// Where a schedule's periods are: a weekday, or a holiday (by its index in `holidays`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PeriodsOf {
    Day(DayName),
    Holiday { index: usize, name: String, date: NaiveDate },
}

impl PeriodsOf {
    /// The JSON path of the list of periods, e.g. `week.Tue` or `holidays[2].periods`.
    pub fn path(&self) -> String {
        match self {
            PeriodsOf::Day(day) => format!("week.{day:?}"),
            PeriodsOf::Holiday { index, .. } => format!("holidays[{index}].periods"),
        }
    }
}

impl std::fmt::Display for PeriodsOf {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PeriodsOf::Day(day) => f.write_str(day.full_name()),
            PeriodsOf::Holiday { name, .. } => holiday_label(f, name),
        }
    }
}

/// How the form names a holiday: `Holiday 'Christmas Day'` (or its number when it has no name).
fn holiday_label(f: &mut std::fmt::Formatter<'_>, name: &str) -> std::fmt::Result {
    if name.trim().is_empty() {
        f.write_str("Holiday (no name)")
    } else {
        write!(f, "Holiday '{name}'")
    }
}

impl DayName {
    pub const ALL: [DayName; 7] = [DayName::Mon, DayName::Tue, DayName::Wed, DayName::Thu, DayName::Fri, DayName::Sat, DayName::Sun];

    /// The day as the form shows it.
    pub fn full_name(self) -> &'static str {
        match self {
            DayName::Mon => "Monday",
            DayName::Tue => "Tuesday",
            DayName::Wed => "Wednesday",
            DayName::Thu => "Thursday",
            DayName::Fri => "Friday",
            DayName::Sat => "Saturday",
            DayName::Sun => "Sunday",
        }
    }
}

/// One period of a schedule: whose periods, and its index there (0-based; the form shows
/// "Period 1" for index 0).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodAt {
    pub of: PeriodsOf,
    pub index: usize,
}

impl PeriodAt {
    pub fn path(&self) -> String {
        format!("{}[{}]", self.of.path(), self.index)
    }
}

impl std::fmt::Display for PeriodAt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} · Period {}", self.of, self.index + 1)
    }
}

/// The start or the end of a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    Start,
    End,
}

impl Bound {
    fn field(self) -> &'static str {
        match self {
            Bound::Start => "start",
            Bound::End => "end",
        }
    }
}

/// A problem with a schedule itself (see [`Schedule::problems`]). Consumers match on the
/// variant or its [`code`](ScheduleProblem::code); the text names the field as the schedule
/// editor shows it ("Tuesday · Period 2 · overlaps Period 1"), and
/// [`path`](ScheduleProblem::path) is its JSON path in the file (`week.Tue[1]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScheduleProblem {
    /// The time zone is not an IANA name this build knows.
    UnknownTimeZone(String),
    EmptyName,
    EmptyDefaultStatus,
    /// A custom status with no name (index in `custom_statuses`).
    EmptyStatusName { index: usize },
    /// A custom status named like Open, Closed or an earlier custom status.
    DuplicateStatus { index: usize, name: String },
    /// A start or end that is not `HH:MM`.
    TimeInvalid { at: PeriodAt, bound: Bound, value: String },
    /// A start or end past `24:00` (a period of a day is at most 24 hours).
    TimeOver24Hours { at: PeriodAt, bound: Bound, value: String },
    /// A period that does not end after it starts.
    EndNotAfterStart { at: PeriodAt, start: String, end: String },
    PeriodWithoutStatus { at: PeriodAt },
    /// A period overlapping an earlier one of the same day (`other` is its index).
    PeriodsOverlap { at: PeriodAt, other: usize },
    /// A holiday with both a whole-day status and periods: only one can apply.
    HolidayStatusAndPeriods { holiday: usize, name: String },
    /// A holiday whose whole-day status is empty.
    HolidayStatusEmpty { holiday: usize, name: String },
    EmptyHolidayName { holiday: usize, date: NaiveDate },
    /// A second holiday on a date (`first` is the index of the earlier one).
    DuplicateHolidayDate { holiday: usize, name: String, date: NaiveDate, first: usize, first_name: String },
}

/// Every code a schedule problem may have, with what it means. Codes are stable.
pub const SCHEDULE_CODES: &[(&str, &str)] = &[
    ("schedule-time-zone-unknown", "the time zone is not an IANA time zone"),
    ("schedule-name-empty", "the schedule has no name"),
    ("schedule-default-status-empty", "the default status is empty"),
    ("schedule-status-name-empty", "a custom status has no name"),
    ("schedule-status-duplicate", "a custom status repeats Open, Closed or another custom status"),
    ("schedule-period-time-invalid", "a period's start or end is not HH:MM"),
    ("schedule-period-over-24h", "a period's start or end is past 24:00"),
    ("schedule-period-end-before-start", "a period does not end after it starts"),
    ("schedule-period-status-empty", "a period has no status"),
    ("schedule-periods-overlap", "two periods of a day overlap"),
    ("schedule-holiday-status-and-periods", "a holiday has both a whole-day status and periods"),
    ("schedule-holiday-status-empty", "a holiday's whole-day status is empty"),
    ("schedule-holiday-name-empty", "a holiday has no name"),
    ("schedule-holiday-date-duplicate", "two holidays are on the same date"),
];

impl ScheduleProblem {
    /// A stable code (see [`SCHEDULE_CODES`]).
    pub fn code(&self) -> &'static str {
        use ScheduleProblem as P;
        match self {
            P::UnknownTimeZone(_) => "schedule-time-zone-unknown",
            P::EmptyName => "schedule-name-empty",
            P::EmptyDefaultStatus => "schedule-default-status-empty",
            P::EmptyStatusName { .. } => "schedule-status-name-empty",
            P::DuplicateStatus { .. } => "schedule-status-duplicate",
            P::TimeInvalid { .. } => "schedule-period-time-invalid",
            P::TimeOver24Hours { .. } => "schedule-period-over-24h",
            P::EndNotAfterStart { .. } => "schedule-period-end-before-start",
            P::PeriodWithoutStatus { .. } => "schedule-period-status-empty",
            P::PeriodsOverlap { .. } => "schedule-periods-overlap",
            P::HolidayStatusAndPeriods { .. } => "schedule-holiday-status-and-periods",
            P::HolidayStatusEmpty { .. } => "schedule-holiday-status-empty",
            P::EmptyHolidayName { .. } => "schedule-holiday-name-empty",
            P::DuplicateHolidayDate { .. } => "schedule-holiday-date-duplicate",
        }
    }

    /// The JSON path of the field in the schedule file, for the form to put the finding beside
    /// it: `time_zone`, `custom_statuses[1]`, `week.Tue[1].end`, `holidays[0].periods[2]`,
    /// `holidays[3].date`.
    pub fn path(&self) -> String {
        use ScheduleProblem as P;
        match self {
            P::UnknownTimeZone(_) => "time_zone".into(),
            P::EmptyName => "name".into(),
            P::EmptyDefaultStatus => "default_status".into(),
            P::EmptyStatusName { index } | P::DuplicateStatus { index, .. } => format!("custom_statuses[{index}]"),
            P::TimeInvalid { at, bound, .. } | P::TimeOver24Hours { at, bound, .. } => format!("{}.{}", at.path(), bound.field()),
            P::EndNotAfterStart { at, .. } => format!("{}.end", at.path()),
            P::PeriodWithoutStatus { at } => format!("{}.status", at.path()),
            P::PeriodsOverlap { at, .. } => at.path(),
            P::HolidayStatusAndPeriods { holiday, .. } => format!("holidays[{holiday}]"),
            P::HolidayStatusEmpty { holiday, .. } => format!("holidays[{holiday}].status"),
            P::EmptyHolidayName { holiday, .. } => format!("holidays[{holiday}].name"),
            P::DuplicateHolidayDate { holiday, .. } => format!("holidays[{holiday}].date"),
        }
    }
}

impl std::fmt::Display for ScheduleProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use ScheduleProblem as P;
        match self {
            P::UnknownTimeZone(tz) => write!(f, "Time zone · '{tz}' is not an IANA time zone"),
            P::EmptyName => f.write_str("Name · is empty"),
            P::EmptyDefaultStatus => f.write_str("Default status · is empty"),
            P::EmptyStatusName { index } => write!(f, "Custom status {} · has no name", index + 1),
            P::DuplicateStatus { name, .. } => write!(f, "Custom status '{name}' · is already a status"),
            P::TimeInvalid { at, bound, value } => write!(f, "{at} · {} '{value}' is not HH:MM", bound.field()),
            P::TimeOver24Hours { at, bound, value } => write!(f, "{at} · {} {value} is past 24:00: a period lasts at most 24 h", bound.field()),
            P::EndNotAfterStart { at, start, end } => write!(f, "{at} · ends at {end}, not after it starts ({start})"),
            P::PeriodWithoutStatus { at } => write!(f, "{at} · has no status"),
            P::PeriodsOverlap { at, other } => write!(f, "{at} · overlaps Period {}", other + 1),
            P::HolidayStatusAndPeriods { name, .. } => {
                holiday_label(f, name)?;
                f.write_str(" · has both a status and periods")
            }
            P::HolidayStatusEmpty { name, .. } => {
                holiday_label(f, name)?;
                f.write_str(" · whole-day status is empty")
            }
            P::EmptyHolidayName { date, .. } => write!(f, "Holiday on {date} · has no name"),
            P::DuplicateHolidayDate { name, date, first_name, .. } => {
                holiday_label(f, name)?;
                write!(f, " · {date} is already the date of ")?;
                holiday_label(f, first_name)
            }
        }
    }
}

/// Every IANA time zone name this build knows (chrono-tz's database), as the editor offers
/// them.
pub fn time_zone_names() -> Vec<&'static str> {
    chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name()).collect()
}

/// Minutes since local midnight of an `HH:MM` time (`24:00` is 1440).
pub fn minutes_of(hhmm: &str) -> Option<u32> {
    if hhmm == "24:00" {
        return Some(1440);
    }
    NaiveTime::parse_from_str(hhmm, "%H:%M").ok().map(|t| t.hour_minute())
}

/// What is wrong with a period's time, if anything: not `HH:MM` at all, or a well-formed time
/// past `24:00` (such as `25:00` or `24:30`).
fn time_problem(value: &str) -> Option<bool> {
    if minutes_of(value).is_some() {
        return None;
    }
    let past_midnight = value.split_once(':').is_some_and(|(h, m)| {
        h.len() == 2 && m.len() == 2 && h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) && m < "60" && h >= "24"
    });
    Some(past_midnight)
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
    /// An empty schedule: no periods, no holidays; the default status all week.
    pub fn new(id: impl Into<String>, name: impl Into<String>, time_zone: impl Into<String>, default_status: impl Into<String>) -> Schedule {
        Schedule {
            json_schema: None,
            schema_version: SCHEDULE_SCHEMA_VERSION,
            id: id.into(),
            name: name.into(),
            time_zone: time_zone.into(),
            default_status: default_status.into(),
            custom_statuses: Vec::new(),
            week: BTreeMap::new(),
            holidays: Vec::new(),
        }
    }

    /// Every status this schedule can return: Open and Closed, the custom statuses in their
    /// order, then any other status its periods use, in order of first appearance. Each
    /// becomes an exit of a Schedule Router using the schedule.
    pub fn statuses(&self) -> Vec<String> {
        let mut out: Vec<String> = BUILTIN_STATUSES.iter().map(|s| s.to_string()).collect();
        let mut add = |s: &str| {
            if !s.is_empty() && !out.iter().any(|o| o == s) {
                out.push(s.to_string());
            }
        };
        for s in &self.custom_statuses {
            add(s);
        }
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

    /// Problems with the schedule itself, in the order of the editor's form: name, time zone,
    /// default status, custom statuses, the weekdays Monday to Sunday, then the holidays.
    /// Never fails, whatever the schedule holds.
    pub fn problems(&self) -> Vec<ScheduleProblem> {
        use ScheduleProblem as P;
        let mut out = Vec::new();
        if self.name.trim().is_empty() {
            out.push(P::EmptyName);
        }
        if self.tz().is_none() {
            out.push(P::UnknownTimeZone(self.time_zone.clone()));
        }
        if self.default_status.trim().is_empty() {
            out.push(P::EmptyDefaultStatus);
        }
        let mut seen: Vec<&str> = BUILTIN_STATUSES.to_vec();
        for (index, name) in self.custom_statuses.iter().enumerate() {
            if name.trim().is_empty() {
                out.push(P::EmptyStatusName { index });
            } else if seen.contains(&name.as_str()) {
                out.push(P::DuplicateStatus { index, name: name.clone() });
            } else {
                seen.push(name);
            }
        }
        for day in DayName::ALL {
            if let Some(periods) = self.week.get(&day) {
                check_periods(&mut out, PeriodsOf::Day(day), periods);
            }
        }
        for (holiday, h) in self.holidays.iter().enumerate() {
            if h.name.trim().is_empty() {
                out.push(P::EmptyHolidayName { holiday, date: h.date });
            }
            if let Some(first) = self.holidays[..holiday].iter().position(|o| o.date == h.date) {
                let first_name = self.holidays[first].name.clone();
                out.push(P::DuplicateHolidayDate { holiday, name: h.name.clone(), date: h.date, first, first_name });
            }
            match &h.status {
                Some(_) if !h.periods.is_empty() => out.push(P::HolidayStatusAndPeriods { holiday, name: h.name.clone() }),
                Some(s) if s.trim().is_empty() => out.push(P::HolidayStatusEmpty { holiday, name: h.name.clone() }),
                _ => {}
            }
            check_periods(&mut out, PeriodsOf::Holiday { index: holiday, name: h.name.clone(), date: h.date }, &h.periods);
        }
        out
    }
}

/// The problems of one list of periods (a weekday's or a holiday's): times, order, status,
/// overlaps with an earlier period of the list.
fn check_periods(out: &mut Vec<ScheduleProblem>, of: PeriodsOf, periods: &[Period]) {
    use ScheduleProblem as P;
    let mut spans: Vec<Option<(u32, u32)>> = Vec::new();
    for (index, p) in periods.iter().enumerate() {
        let at = PeriodAt { of: of.clone(), index };
        let mut time = |bound: Bound, value: &str| match time_problem(value) {
            None => minutes_of(value),
            Some(true) => {
                out.push(P::TimeOver24Hours { at: at.clone(), bound, value: value.to_string() });
                None
            }
            Some(false) => {
                out.push(P::TimeInvalid { at: at.clone(), bound, value: value.to_string() });
                None
            }
        };
        let (start, end) = (time(Bound::Start, &p.start), time(Bound::End, &p.end));
        let span = match (start, end) {
            (Some(s), Some(e)) if s < e => Some((s, e)),
            (Some(_), Some(_)) => {
                out.push(P::EndNotAfterStart { at: at.clone(), start: p.start.clone(), end: p.end.clone() });
                None
            }
            _ => None,
        };
        if p.status.trim().is_empty() {
            out.push(P::PeriodWithoutStatus { at: at.clone() });
        }
        if let Some((s, e)) = span {
            let other = spans.iter().position(|o| o.is_some_and(|(os, oe)| s < oe && os < e));
            if let Some(other) = other {
                out.push(P::PeriodsOverlap { at, other });
            }
        }
        spans.push(span);
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
        assert_eq!(s.problems()[0].to_string(), "Time zone · 'Mars/Olympus' is not an IANA time zone");
    }

    fn period(start: &str, end: &str, status: &str) -> Period {
        Period { start: start.into(), end: end.into(), status: status.into() }
    }

    /// Applies `change` to a clean schedule and checks its problems: `(code, path, text)`.
    fn check(change: impl FnOnce(&mut Schedule), want: &[(&str, &str, &str)]) {
        let mut s = london();
        assert_eq!(s.problems(), [], "the base schedule is clean");
        change(&mut s);
        let got: Vec<(String, String, String)> = s.problems().iter().map(|p| (p.code().to_string(), p.path(), p.to_string())).collect();
        let want: Vec<(String, String, String)> = want.iter().map(|(c, p, t)| (c.to_string(), p.to_string(), t.to_string())).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn overlapping_periods_name_the_day_and_both_periods() {
        check(
            |s| {
                s.week.insert(DayName::Tue, vec![period("09:00", "12:00", "Open"), period("11:30", "13:00", "Open"), period("12:00", "13:00", "Open")]);
            },
            &[
                ("schedule-periods-overlap", "week.Tue[1]", "Tuesday · Period 2 · overlaps Period 1"),
                ("schedule-periods-overlap", "week.Tue[2]", "Tuesday · Period 3 · overlaps Period 2"),
            ],
        );
        check(|s| drop(s.week.insert(DayName::Tue, vec![period("09:00", "12:00", "Open"), period("12:00", "13:00", "Lunch")])), &[]);
    }

    #[test]
    fn periods_over_24_hours_and_ending_before_they_start() {
        check(
            |s| {
                s.week.insert(DayName::Wed, vec![period("22:00", "25:00", "Open"), period("17:00", "09:00", "Open"), period("10:00", "10:00", "Open")]);
            },
            &[
                ("schedule-period-over-24h", "week.Wed[0].end", "Wednesday · Period 1 · end 25:00 is past 24:00: a period lasts at most 24 h"),
                ("schedule-period-end-before-start", "week.Wed[1].end", "Wednesday · Period 2 · ends at 09:00, not after it starts (17:00)"),
                ("schedule-period-end-before-start", "week.Wed[2].end", "Wednesday · Period 3 · ends at 10:00, not after it starts (10:00)"),
            ],
        );
        check(|s| drop(s.week.insert(DayName::Sun, vec![period("00:00", "24:00", "Open")])), &[]);
    }

    #[test]
    fn malformed_times_and_missing_statuses() {
        check(
            |s| drop(s.week.insert(DayName::Thu, vec![period("9am", "17:00", ""), period("24:30", "24:45", "Open")])),
            &[
                ("schedule-period-time-invalid", "week.Thu[0].start", "Thursday · Period 1 · start '9am' is not HH:MM"),
                ("schedule-period-status-empty", "week.Thu[0].status", "Thursday · Period 1 · has no status"),
                ("schedule-period-over-24h", "week.Thu[1].start", "Thursday · Period 2 · start 24:30 is past 24:00: a period lasts at most 24 h"),
                ("schedule-period-over-24h", "week.Thu[1].end", "Thursday · Period 2 · end 24:45 is past 24:00: a period lasts at most 24 h"),
            ],
        );
    }

    #[test]
    fn a_holiday_with_both_a_status_and_periods() {
        check(
            |s| s.holidays.push(Holiday { date: "2026-12-25".parse().unwrap(), name: "Christmas Day".into(), status: Some("Closed".into()), periods: vec![period("09:00", "12:00", "Open")] }),
            &[("schedule-holiday-status-and-periods", "holidays[1]", "Holiday 'Christmas Day' · has both a status and periods")],
        );
    }

    #[test]
    fn holiday_periods_are_checked_like_a_day() {
        check(
            |s| {
                s.holidays.push(Holiday {
                    date: "2026-12-24".parse().unwrap(),
                    name: "Christmas Eve".into(),
                    status: None,
                    periods: vec![period("09:00", "12:00", "Open"), period("10:00", "11:00", "Open")],
                })
            },
            &[("schedule-periods-overlap", "holidays[1].periods[1]", "Holiday 'Christmas Eve' · Period 2 · overlaps Period 1")],
        );
    }

    #[test]
    fn duplicate_holiday_dates_and_unnamed_or_statusless_holidays() {
        check(
            |s| {
                s.holidays.push(Holiday { date: "2026-12-28".parse().unwrap(), name: "Substitute day".into(), status: None, periods: vec![] });
                s.holidays.push(Holiday { date: "2026-05-04".parse().unwrap(), name: " ".into(), status: Some(String::new()), periods: vec![] });
            },
            &[
                ("schedule-holiday-date-duplicate", "holidays[1].date", "Holiday 'Substitute day' · 2026-12-28 is already the date of Holiday 'Bank holiday'"),
                ("schedule-holiday-name-empty", "holidays[2].name", "Holiday on 2026-05-04 · has no name"),
                ("schedule-holiday-status-empty", "holidays[2].status", "Holiday (no name) · whole-day status is empty"),
            ],
        );
    }

    #[test]
    fn empty_and_duplicate_status_names() {
        check(
            |s| {
                s.name = "  ".into();
                s.default_status = String::new();
                s.custom_statuses = vec!["Lunch".into(), String::new(), "Open".into(), "Lunch".into()];
            },
            &[
                ("schedule-name-empty", "name", "Name · is empty"),
                ("schedule-default-status-empty", "default_status", "Default status · is empty"),
                ("schedule-status-name-empty", "custom_statuses[1]", "Custom status 2 · has no name"),
                ("schedule-status-duplicate", "custom_statuses[2]", "Custom status 'Open' · is already a status"),
                ("schedule-status-duplicate", "custom_statuses[3]", "Custom status 'Lunch' · is already a status"),
            ],
        );
    }

    #[test]
    fn every_code_is_listed_once() {
        let codes: Vec<&str> = SCHEDULE_CODES.iter().map(|(c, _)| *c).collect();
        let unique: std::collections::BTreeSet<&&str> = codes.iter().collect();
        assert_eq!(unique.len(), codes.len(), "no code is listed twice");
        assert_eq!(codes.len(), 14, "each variant of ScheduleProblem has its code here");
    }

    #[test]
    fn custom_statuses_come_before_the_statuses_periods_use() {
        let mut s = london();
        s.custom_statuses = vec!["Lunch".into(), "Training".into()];
        assert_eq!(s.statuses(), ["Open", "Closed", "Lunch", "Training", "Weekend"], "declared ones even when no period uses them yet");
    }
}
