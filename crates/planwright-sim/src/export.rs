//! A batch's results as files, JSON and CSV. The CLI (`planwright batch --export`,
//! `planwright runs batch ID --export`) and the desktop's Batch tab write them with these
//! functions, so the same batch gives the same bytes wherever it ran. Only what the batch
//! computed goes in (plan, plan version, seed, counts, the report), never the run store's ids,
//! the wall clock or the thread count.

use crate::stats::Report;
use serde::Serialize;

/// What an export holds.
#[derive(Debug, Clone, Serialize)]
pub struct BatchResults<'a> {
    pub plan: &'a str,
    pub plan_hash: &'a str,
    pub seed: u64,
    pub requested: u64,
    pub completed: u64,
    pub cancelled: bool,
    pub report: &'a Report,
}

/// The export formats, by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Json,
    Csv,
}

impl ExportFormat {
    /// The format a file name asks for (`.json` or `.csv`).
    pub fn of_path(path: &std::path::Path) -> Option<ExportFormat> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "json" => Some(ExportFormat::Json),
            "csv" => Some(ExportFormat::Csv),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Json => "json",
            ExportFormat::Csv => "csv",
        }
    }
}

impl BatchResults<'_> {
    pub fn render(&self, format: ExportFormat) -> String {
        match format {
            ExportFormat::Json => self.to_json(),
            ExportFormat::Csv => self.to_csv(),
        }
    }

    /// Pretty JSON with a final newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("batch results serialize");
        s.push('\n');
        s
    }

    /// One table, `section,plan,applet,exit,name,value`, a row per figure ([`csv_text`]).
    pub fn to_csv(&self) -> String {
        let r = self.report;
        let mut rows: Vec<[String; 6]> = vec![["section", "plan", "applet", "exit", "name", "value"].map(String::from)];
        let mut row = |section: &str, plan: &str, applet: &str, exit: &str, name: &str, value: &str| {
            rows.push([section, plan, applet, exit, name, value].map(String::from));
        };
        let opt = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
        row("batch", "", "", "", "plan", self.plan);
        row("batch", "", "", "", "plan_hash", self.plan_hash);
        row("batch", "", "", "", "seed", &self.seed.to_string());
        row("batch", "", "", "", "requested", &self.requested.to_string());
        row("batch", "", "", "", "completed", &self.completed.to_string());
        row("batch", "", "", "", "cancelled", &self.cancelled.to_string());
        for (name, v) in [
            ("interactions", r.interactions),
            ("steps", r.steps),
            ("emails_rendered", r.emails_rendered),
            ("sms_rendered", r.sms_rendered),
            ("connector_calls", r.connector_calls),
        ] {
            row("total", "", "", "", name, &v.to_string());
        }
        row("duration", "", "", "", "p50_s", &opt(r.duration_p50_s));
        row("duration", "", "", "", "p95_s", &opt(r.duration_p95_s));
        row("duration", "", "", "", "p99_s", &opt(r.duration_p99_s));
        for b in &r.duration_histogram {
            row("duration_histogram", "", "", "", &format!("{}..{}", b.from_s, b.to_s), &b.count.to_string());
        }
        for (section, list) in [
            ("outcome", &r.outcomes),
            ("end_reason", &r.end_reasons),
            ("interaction_end", &r.interaction_ends),
            ("connector_result", &r.connector_results),
        ] {
            for c in list {
                row(section, "", "", "", &c.name, &c.count.to_string());
            }
        }
        for a in &r.applets {
            row("visits", &a.plan, &a.applet, "", &a.kind, &a.visits.to_string());
        }
        for e in &r.exits {
            row("exit", &e.plan, &e.applet, &e.exit, "", &e.count.to_string());
        }
        let c = &r.coverage;
        for (name, v) in [
            ("applets_total", c.applets_total.to_string()),
            ("applets_visited", c.applets_visited.to_string()),
            ("exits_total", c.exits_total.to_string()),
            ("exits_taken", c.exits_taken.to_string()),
            ("exit_percent", c.exit_percent.to_string()),
        ] {
            row("coverage", "", "", "", name, &v);
        }
        for p in &c.plans {
            row("coverage_plan", p, "", "", "", "");
        }
        for e in &c.exits_never_taken {
            row("exit_never_taken", &e.plan, &e.applet, &e.exit, "", "0");
        }
        for a in &c.applets_never_visited {
            let (plan, applet) = a.split_once('/').unwrap_or(("", a));
            row("applet_never_visited", plan, applet, "", "", "0");
        }
        // Traffic per destination: the `name` column holds the address.
        for (address, d) in &r.destinations {
            row("destination", "", "", "", address, &d.interactions.to_string());
            row("destination_testing", "", "", "", address, &d.testing.to_string());
            for (plan, n) in &d.plans {
                row("destination_plan", plan, "", "", address, &n.to_string());
            }
            for (outcome, n) in &d.outcomes {
                row("destination_outcome", "", "", outcome, address, &n.to_string());
            }
        }
        csv_text(rows)
    }
}

/// Rows as CSV text, written by the `csv` crate (RFC 4180 quoting: a field with a comma, a
/// quote or a line break is quoted; rows end with `\n`). Every CSV Planwright writes (batch
/// results, load reports, a run's steps) goes through here.
pub fn csv_text<R, F>(rows: impl IntoIterator<Item = R>) -> String
where
    R: IntoIterator<Item = F>,
    F: AsRef<[u8]>,
{
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).flexible(true).from_writer(Vec::new());
    for row in rows {
        w.write_record(row).expect("writing CSV into memory cannot fail");
    }
    String::from_utf8(w.into_inner().expect("flushing into memory cannot fail")).expect("the fields were UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::{Count, Coverage, DurationBucket, ExitCount};

    fn report() -> Report {
        Report {
            interactions: 3,
            steps: 9,
            duration_p50_s: Some(12.5),
            duration_p95_s: Some(30.0),
            duration_p99_s: None,
            duration_histogram: vec![DurationBucket { from_s: 1.0, to_s: 2.5, count: 3 }],
            end_reasons: vec![Count { name: "route-ended".into(), count: 3 }],
            interaction_ends: vec![],
            outcomes: vec![Count { name: "Delivered".into(), count: 2 }, Count { name: "HangUpIVR".into(), count: 1 }],
            emails_rendered: 1,
            sms_rendered: 0,
            connector_calls: 0,
            connector_results: vec![],
            applets: vec![],
            exits: vec![ExitCount { plan: "p".into(), applet: "q".into(), exit: "Interface Failure, \"late\"".into(), count: 2 }],
            coverage: Coverage {
                plans: vec!["p".into()],
                applets_total: 2,
                applets_visited: 1,
                exits_total: 4,
                exits_taken: 1,
                exit_percent: 25.0,
                applets_never_visited: vec!["p/r".into()],
                exits_never_taken: vec![ExitCount { plan: "p".into(), applet: "r".into(), exit: "Next".into(), count: 0 }],
            },
            destinations: Default::default(),
        }
    }

    #[test]
    fn csv_has_a_row_per_figure_and_quotes_what_needs_it() {
        let r = report();
        let b = BatchResults { plan: "p", plan_hash: "abc", seed: 7, requested: 3, completed: 3, cancelled: false, report: &r };
        let csv = b.to_csv();
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines[0], "section,plan,applet,exit,name,value");
        assert!(lines.contains(&"batch,,,,seed,7"), "{csv}");
        assert!(lines.contains(&"duration,,,,p50_s,12.5"));
        assert!(lines.contains(&"duration,,,,p99_s,"));
        assert!(lines.contains(&"duration_histogram,,,,1..2.5,3"));
        assert!(lines.contains(&"outcome,,,,Delivered,2"));
        assert!(lines.contains(&"exit,p,q,\"Interface Failure, \"\"late\"\"\",,2"), "{csv}");
        assert!(lines.contains(&"coverage,,,,exit_percent,25"));
        assert!(lines.contains(&"exit_never_taken,p,r,Next,,0"));
        assert!(lines.contains(&"applet_never_visited,p,r,,,0"));
        assert!(csv.ends_with('\n'));
        // Every row has six cells (the quoted one holds a comma).
        assert_eq!(lines.iter().filter(|l| !l.contains('"')).map(|l| l.split(',').count()).max(), Some(6));
        assert_eq!(lines.iter().filter(|l| !l.contains('"')).map(|l| l.split(',').count()).min(), Some(6));
    }

    #[test]
    fn json_round_trips_the_report() {
        let r = report();
        let b = BatchResults { plan: "p", plan_hash: "abc", seed: 7, requested: 3, completed: 3, cancelled: true, report: &r };
        let v: serde_json::Value = serde_json::from_str(&b.to_json()).unwrap();
        assert_eq!(v["cancelled"], true);
        let back: Report = serde_json::from_value(v["report"].clone()).unwrap();
        assert_eq!(back, r);
        assert_eq!(ExportFormat::of_path(std::path::Path::new("x/out.CSV")), Some(ExportFormat::Csv));
        assert_eq!(ExportFormat::of_path(std::path::Path::new("out.txt")), None);
    }
}
