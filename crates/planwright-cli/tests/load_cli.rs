//! `planwright load` and `planwright merge` on the sample workspace, as an analyst runs them:
//! the three questions of the load issue answered from the sample load, JSON and CSV, the
//! kept interactions in a real run store, shards merged into exactly the unsharded sweep, and
//! bad input refused with its field.

mod common;
use common::planwright;

fn json(out: &str) -> serde_json::Value {
    serde_json::from_str(out).unwrap_or_else(|e| panic!("{e}: {out}"))
}

#[test]
fn a_day_of_the_sample_load_answers_the_analysts_questions() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("runs.sqlite3");
    let csv = dir.path().join("csv");
    let rows = dir.path().join("interactions.csv");
    let (code, out) = planwright(&[
        "load", "run", "monday", "--seed", "1", "--format", "json", "--keep", "50", "--db", db.to_str().unwrap(),
        "--csv", csv.to_str().unwrap(), "--interactions", rows.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{out}");
    let v = json(&out);
    let r = &v["report"];
    // 1. With 12 agents and Monday's 1,400 calls: what share times out, how many reach voicemail.
    let orders = r["queues"].as_array().unwrap().iter().find(|q| q["queue"] == "Orders").unwrap();
    let day = &orders["day"];
    let offered = day["offered"].as_u64().unwrap();
    assert!((1250..1550).contains(&offered), "about 1,400 calls: {offered}");
    assert!(day["service_level"].as_f64().unwrap() > 0.3, "{day}");
    assert_eq!(day["agents"].as_f64().unwrap(), 6.0, "12 agents for 12 of 24 hours: 6 on average over the day");
    let voicemail = r["visits"]["voice-orders/voicemail"].as_u64().unwrap_or(0);
    assert_eq!(voicemail, r["queue_exits"]["voice-orders/orders_queue"]["Key Pressed"].as_u64().unwrap(), "the breakout key leads to voicemail");
    assert!(voicemail > 0);
    // 3. The follow-up SMS per minute, and the connector's busiest second.
    let sms = r["route_load"].as_array().unwrap().iter().find(|x| x["applet"] == "order-follow-up/send_sms").unwrap();
    assert_eq!(sms["total"], day["answered"], "every delivered call's route sends the SMS once");
    assert!(sms["peak_per_second"].as_u64().unwrap() >= 1 && sms["peak_per_minute"].as_f64().unwrap() > 0.5);
    // The intervals: one per half hour and one for after the day.
    assert_eq!(r["intervals"].as_array().unwrap().len(), 49);
    assert!(v["events_per_s"].as_f64().unwrap() > 0.0);
    // CSV exports.
    let intervals = std::fs::read_to_string(csv.join("intervals.csv")).unwrap();
    assert!(intervals.starts_with("queue,interval,agents,offered,answered,"));
    assert_eq!(intervals.lines().filter(|l| l.starts_with("Orders,")).count(), 50, "48 intervals, after, day");
    let route = std::fs::read_to_string(csv.join("route_load.csv")).unwrap();
    assert!(route.lines().any(|l| l.starts_with("order-follow-up/send_sms,DataConnector,12:00,")), "{route}");
    let rows = std::fs::read_to_string(&rows).unwrap();
    assert_eq!(rows.lines().count() as u64, r["completed"].as_u64().unwrap() + 1, "one row per interaction and the header");
    assert!(rows.lines().nth(1).unwrap().contains(",voice-orders,") || rows.lines().nth(1).unwrap().contains(",chat-support,"));
    // The kept interactions are in the store, one batch per plan, each with its queue on entry.
    let (code, out) = planwright(&["runs", "list", "--db", db.to_str().unwrap(), "--limit", "200", "--format", "json"]);
    assert_eq!(code, 0, "{out}");
    let runs = json(&out);
    let runs = runs.as_array().unwrap();
    assert!(runs.len() >= 40, "{} runs kept", runs.len());
    let id = runs.iter().find(|x| x["plan"] == "voice-orders").unwrap()["id"].as_i64().unwrap();
    let (code, out) = planwright(&["runs", "show", &id.to_string(), "--db", db.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("entered at position"), "the queue as the interaction met it: {out}");
}

#[test]
fn cutting_maximum_time_in_queue_shows_in_a_sweep() {
    // 2. If we cut Maximum Time In Queue from 600 to 120 s (with fewer agents, so people wait).
    let (code, out) = planwright(&[
        "load", "sweep", "monday", "--vary", "property:voice-orders/orders_queue/max_time_in_queue_seconds=600,120", "--seed", "2", "--format", "json",
    ]);
    assert_eq!(code, 0, "{out}");
    let v = json(&out);
    let timeouts = |i: usize| {
        let q = v["points"][i]["report"]["queues"].as_array().unwrap().iter().find(|q| q["queue"] == "Orders").unwrap().clone();
        (q["day"]["max_time_in_queue"].as_u64().unwrap(), q["day"]["longest_wait_s"].as_f64().unwrap())
    };
    let (t600, w600) = timeouts(0);
    let (t120, w120) = timeouts(1);
    assert_eq!(t600, 0, "nobody waits 600 s at 12 agents");
    assert!(w120 <= 120.0 && w600 > 120.0, "{w600} {w120}");
    assert!(t120 > 0, "some callers reach 120 s");
    let (code, out) = planwright(&["load", "sweep", "monday", "--vary", "agents:Orders=10,12"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("queue Orders") && out.contains("10 ") && out.contains("12 "), "{out}");
}

#[test]
fn shards_merge_into_exactly_the_unsharded_sweep() {
    let dir = tempfile::tempdir().unwrap();
    let vary = "volume=0.8,1,1.2";
    let (code, whole) = planwright(&["load", "sweep", "monday", "--vary", vary, "--seed", "5", "--replications", "2", "--format", "json"]);
    assert_eq!(code, 0, "{whole}");
    let mut files = Vec::new();
    for k in 1..=4 {
        let f = dir.path().join(format!("shard-{k}.json"));
        let (code, out) = planwright(&["load", "sweep", "monday", "--vary", vary, "--seed", "5", "--replications", "2", "--shard", &format!("{k}/4"), "--out", f.to_str().unwrap()]);
        assert_eq!(code, 0, "{out}");
        files.push(f.to_str().unwrap().to_string());
    }
    let mut args = vec!["merge", "--format", "json"];
    args.extend(files.iter().map(String::as_str));
    let (code, merged) = planwright(&args);
    assert_eq!(code, 0, "{merged}");
    assert_eq!(merged, whole, "merge of 4 shards = the unsharded sweep");
    let (code, out) = planwright(&["merge", &files[0], &files[1]]);
    assert_eq!(code, 2);
    assert!(out.contains("a shard is missing or given twice"), "{out}");
}

#[test]
fn bad_load_files_are_refused_with_their_field_and_check_reports_them() {
    let dir = tempfile::tempdir().unwrap();
    let load = dir.path().join("load");
    std::fs::create_dir_all(&load).unwrap();
    let plans = common::repo().join("plans");
    let text = std::fs::read_to_string(plans.join("load/monday.json")).unwrap().replace("\"agents\": 12", "\"agents\": -1").replace("\"interval_minutes\": 30", "\"interval_minutes\": 25");
    let bad = load.join("bad.json");
    std::fs::write(&bad, text).unwrap();
    let (code, out) = planwright(&["load", "check", bad.to_str().unwrap(), "--plans", plans.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("error [agents-negative] queues.Orders.staffing[0].agents: -1 agents"), "{out}");
    assert!(out.contains("error [interval-invalid] interval_minutes: 25 minutes does not divide the day"), "{out}");
    let (code, out) = planwright(&["load", "run", bad.to_str().unwrap(), "--plans", plans.to_str().unwrap(), "--keep", "0"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("error agents-negative") || out.contains("error interval-invalid"), "{out}");
    std::fs::write(&bad, "{\"schema_version\": 9}").unwrap();
    let (code, out) = planwright(&["load", "run", bad.to_str().unwrap(), "--plans", plans.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(out.contains("schema_version 9 is newer than this Planwright reads (1)"), "{out}");
    std::fs::write(&bad, "{\"schema_version\": 1, \"id\": \"bad\",\n \"start\": 3}").unwrap();
    let (code, out) = planwright(&["load", "check", bad.to_str().unwrap(), "--plans", plans.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(out.contains("line 2"), "{out}");
    let (code, out) = planwright(&["load", "fmt", "--check", "monday"]);
    assert_eq!(code, 0, "the sample is canonical: {out}");
}

#[test]
fn per_interaction_results_export_as_parquet() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("day.parquet");
    let (code, out) = planwright(&["load", "run", "monday", "--seed", "4", "--keep", "0", "--format", "json", "--interactions", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"), "a Parquet file, head and footer magic");
    let names: Vec<String> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(names, ["day.parquet"], "written through a temp file renamed into place");
    // DuckDB reads it back against the report in scripts/check-parquet.py (test-all.sh).
}
