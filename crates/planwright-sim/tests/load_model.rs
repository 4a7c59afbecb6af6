//! The load model's behaviour: each ACD limit acts on the queue's real state, a run is the
//! same for the same seed (and a sweep on any number of threads, sharded or not), a load run
//! and a single run take the same steps given the same queue results, and bad input gets a
//! clear error naming its field.

use planwright::Workspace;
use planwright_sim::interp::QueueVerdict;
use planwright_sim::load::{self, file, DayOptions, DayTally, Load, SweepOptions, SweepSpec, SweepTally};
use planwright_sim::{Account, RunRecord, Scenario, Simulation};
use std::path::{Path, PathBuf};

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../plans")
}

/// A workspace with one voice plan whose only applet is an ACD with these properties.
fn acd_workspace(dir: &Path, props: serde_json::Value) -> Workspace {
    let plan = serde_json::json!({
        "schema_version": 1, "id": "p", "name": "P", "type": "Default", "channel": "voice", "start": "q",
        "applets": [{"id": "q", "kind": "Acd", "label": "Queue", "position": {"x": 0.0, "y": 0.0}, "properties": props}],
        "connections": []
    });
    std::fs::write(dir.join("p.json"), serde_json::to_string_pretty(&plan).unwrap()).unwrap();
    Workspace::load(dir).unwrap()
}

fn acd(max_tiq: u32, max_ewt: u32, max_len: u32) -> serde_json::Value {
    serde_json::json!({"queue": "Q", "max_time_in_queue_seconds": max_tiq, "max_estimated_wait_seconds": max_ewt, "max_queue_length": max_len, "breakout_key": ""})
}

fn model(v: serde_json::Value) -> Load {
    let mut base = serde_json::json!({"schema_version": 1, "id": "t", "start": "2026-01-05T00:00:00Z", "interval_minutes": 30});
    for (k, x) in v.as_object().unwrap() {
        base[k] = x.clone();
    }
    serde_json::from_value(base).unwrap()
}

fn run(ws: &Workspace, dir: &Path, l: &Load, seed: u64) -> DayTally {
    let p = load::prepare(ws, dir, dir, l, &Account::default()).unwrap();
    p.run_day(&DayOptions { seed, keep: 0 }, None, &mut |_| {})
}

fn verdicts(t: &DayTally) -> [u64; 7] {
    let mut out = [0; 7];
    for it in &t.queues[0].intervals {
        for (o, v) in out.iter_mut().zip(it.verdicts) {
            *o += v;
        }
    }
    out
}

fn v(x: QueueVerdict) -> usize {
    x as usize
}

#[test]
fn maximum_queue_length_turns_callers_away_at_a_peak() {
    let dir = tempfile::tempdir().unwrap();
    let ws = acd_workspace(dir.path(), acd(86_400, 86_400, 3));
    let l = model(serde_json::json!({
        "queues": {"Q": {"staffing": [{"from": "09:00", "to": "12:00", "agents": 2}], "handle_seconds": {"fixed": 600}}},
        "arrivals": [{"plan": "p", "volume": [{"from": "09:00", "to": "09:30", "interactions": 40}]}]
    }));
    let t = run(&ws, dir.path(), &l, 1);
    let vs = verdicts(&t);
    assert!(vs[v(QueueVerdict::MaxQueueLength)] > 20, "{vs:?}");
    let peak = t.queues[0].intervals.iter().map(|i| i.max_queue).max().unwrap();
    assert_eq!(peak, 3, "the queue never holds more than its maximum");
    assert_eq!(t.outcomes.get("Other"), Some(&vs[v(QueueVerdict::MaxQueueLength)]), "Maximum Queue Length is the Other outcome");
}

#[test]
fn maximum_time_in_queue_ends_the_wait_at_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let ws = acd_workspace(dir.path(), acd(60, 86_400, 10_000));
    let l = model(serde_json::json!({
        "queues": {"Q": {"staffing": [{"from": "09:00", "to": "12:00", "agents": 1}], "handle_seconds": {"fixed": 3000}}},
        "arrivals": [{"plan": "p", "volume": [{"from": "09:00", "to": "09:30", "interactions": 20}]}]
    }));
    let t = run(&ws, dir.path(), &l, 2);
    let vs = verdicts(&t);
    assert!(vs[v(QueueVerdict::MaxTimeInQueue)] >= 10, "{vs:?}");
    assert_eq!(t.outcomes.get("QueueTimeout"), Some(&vs[v(QueueVerdict::MaxTimeInQueue)]));
    let longest = t.queues[0].intervals.iter().map(|i| i.longest_wait_ms).max().unwrap();
    assert_eq!(longest, 60_000, "nobody waits longer than Maximum Time In Queue");
}

#[test]
fn no_agents_logged_in_outside_the_staffed_interval() {
    let dir = tempfile::tempdir().unwrap();
    let ws = acd_workspace(dir.path(), acd(600, 300, 100));
    let l = model(serde_json::json!({
        "queues": {"Q": {"staffing": [{"from": "09:00", "to": "10:00", "agents": 5}], "handle_seconds": {"fixed": 60}}},
        "arrivals": [{"plan": "p", "volume": [{"from": "08:00", "to": "11:00", "interactions": 10}]}]
    }));
    let t = run(&ws, dir.path(), &l, 3);
    let ivs = &t.queues[0].intervals;
    for (i, it) in ivs.iter().enumerate().take(48) {
        let no_agents = it.verdicts[v(QueueVerdict::NoAgents)];
        match i {
            18 | 19 => assert_eq!(no_agents, 0, "09:00-10:00 is staffed"),
            16 | 17 | 20 | 21 => assert_eq!(no_agents, it.offered, "interval {i} has no agents: every entry leaves by No Agents Logged In"),
            _ => assert_eq!(it.offered, 0),
        }
    }
    assert!(ivs[16].offered > 0 && ivs[20].offered > 0);
    assert_eq!(t.outcomes.get("NoAgentsLoggedIn").copied().unwrap_or(0), verdicts(&t)[v(QueueVerdict::NoAgents)]);
}

#[test]
fn the_estimated_wait_breaks_out_when_the_queue_is_long() {
    let dir = tempfile::tempdir().unwrap();
    // EWT = (callers ahead + 1) × mean handle ÷ agents = (n + 1) × 100 s: over 250 s from the
    // third in line.
    let ws = acd_workspace(dir.path(), acd(86_400, 250, 10_000));
    let l = model(serde_json::json!({
        "queues": {"Q": {"staffing": [{"from": "09:00", "to": "12:00", "agents": 1}], "handle_seconds": {"fixed": 100}}},
        "arrivals": [{"plan": "p", "volume": [{"from": "09:00", "to": "09:30", "interactions": 60}]}]
    }));
    let p = load::prepare(&ws, dir.path(), dir.path(), &l, &Account::default()).unwrap();
    let mut kept: Vec<RunRecord> = Vec::new();
    let t = p.run_day(&DayOptions { seed: 4, keep: 1000 }, None, &mut |r| kept.push(r));
    let vs = verdicts(&t);
    assert!(vs[v(QueueVerdict::EstimatedWait)] > 10, "{vs:?}");
    assert!(t.queues[0].intervals.iter().map(|i| i.max_queue).max().unwrap() <= 2, "at most 2 wait: the third would be told the wait is too long");
    // The kept interaction shows the queue it met.
    let ewt = kept.iter().find(|r| r.outcome.as_deref() == Some("MaxEstimatedWaitTime")).expect("a kept EWT breakout");
    let note = &ewt.steps[0].note;
    assert!(note.contains("entered at position 3 with 1 of 1 agents busy (estimated wait 300 s)") && note.contains("estimated wait was over the maximum"), "{note}");
    assert_eq!(ewt.steps[0].exit.as_deref(), Some("Estimated Wait Time Exceeded"));
}

#[test]
fn a_queue_that_never_drains_is_reported_not_a_hang() {
    let dir = tempfile::tempdir().unwrap();
    // No time limit (0: none), no patience: callers would wait for ever.
    let ws = acd_workspace(dir.path(), acd(0, 0, 0));
    let l = model(serde_json::json!({
        "queues": {"Q": {"staffing": [{"from": "00:00", "to": "24:00", "agents": 1}], "handle_seconds": {"fixed": 600}}},
        "arrivals": [{"plan": "p", "volume": [{"from": "12:00", "to": "24:00", "interactions": 2000}]}]
    }));
    let t = run(&ws, dir.path(), &l, 5);
    assert!(t.interactions > 40_000);
    assert!(t.stranded > 40_000, "the agent answers a few dozen; the rest are still waiting: {}", t.stranded);
    assert_eq!(t.completed + t.stranded, t.interactions);
}

#[test]
fn patience_hangs_up_or_breaks_out_by_the_share() {
    let dir = tempfile::tempdir().unwrap();
    let mut props = acd(86_400, 86_400, 10_000);
    props["breakout_key"] = "1".into();
    let ws = acd_workspace(dir.path(), props);
    let l = model(serde_json::json!({
        "queues": {"Q": {"staffing": [{"from": "09:00", "to": "12:00", "agents": 1}], "handle_seconds": {"fixed": 900},
            "patience_seconds": {"fixed": 30}, "breakout_share": 0.25}},
        "arrivals": [{"plan": "p", "volume": [{"from": "09:00", "to": "11:00", "interactions": 200}]}]
    }));
    let t = run(&ws, dir.path(), &l, 6);
    let vs = verdicts(&t);
    let gone = vs[v(QueueVerdict::HangUp)] + vs[v(QueueVerdict::Breakout)];
    let share = vs[v(QueueVerdict::Breakout)] as f64 / gone as f64;
    // Binomial: n ≈ 790, SE ≈ 0.015.
    assert!((share - 0.25).abs() < 0.06, "{share} of {gone}");
    assert_eq!(t.outcomes.get("Breakout"), Some(&vs[v(QueueVerdict::Breakout)]));
    assert_eq!(t.outcomes.get("HangUpInQueue"), Some(&vs[v(QueueVerdict::HangUp)]));
}

fn sample_load() -> (Workspace, Load) {
    let root = samples();
    (Workspace::load(&root).unwrap(), file::read(&root.join("load/monday.json")).unwrap())
}

#[test]
fn the_same_seed_gives_the_same_day() {
    let (ws, l) = sample_load();
    let root = samples();
    let p = load::prepare(&ws, &root, &root.join("load"), &l, &Account::default()).unwrap();
    let day = |seed| serde_json::to_string(&p.run_day(&DayOptions { seed, keep: 0 }, None, &mut |_| {})).unwrap();
    assert_eq!(day(7), day(7));
    assert_ne!(day(7), day(8));
}

#[test]
fn a_sweep_is_the_same_on_1_and_2_threads_and_sharded_then_merged() {
    let (ws, l) = sample_load();
    let root = samples();
    let spec = SweepSpec::parse("agents:Orders=10,12,+1").unwrap();
    let sweep = |threads, shard| {
        load::run_sweep(&ws, &root, &root.join("load"), &l, &Account::default(), &spec, &SweepOptions { seed: 3, replications: 2, threads, shard }).unwrap()
    };
    let one = sweep(1, None);
    let two = sweep(2, None);
    assert_eq!(serde_json::to_string(&one).unwrap(), serde_json::to_string(&two).unwrap());
    let shards: Vec<SweepTally> = (1..=4).map(|k| sweep(2, Some((k, 4)))).collect();
    let merged = SweepTally::merge(&shards).unwrap();
    assert_eq!(serde_json::to_string(&merged).unwrap(), serde_json::to_string(&one).unwrap(), "merged shards are the unsharded sweep");
    // Merged in another order: the same.
    let reversed: Vec<SweepTally> = shards.iter().rev().cloned().collect();
    assert_eq!(SweepTally::merge(&reversed).unwrap(), merged);
    // A missing shard is refused.
    let e = SweepTally::merge(&shards[..3]).unwrap_err();
    assert!(e.contains("a shard is missing or given twice"), "{e}");
    // More agents, fewer who hang up.
    let ab = |i: usize| one.points[i].tally.as_ref().unwrap().outcomes.get("HangUpInQueue").copied().unwrap_or(0);
    assert!(ab(0) > ab(1), "10 agents lose more callers than 12: {} vs {}", ab(0), ab(1));
}

/// The scenario that scripts the queue's answer a load run gave, for a single run.
fn scripted(r: &RunRecord, queue_applet: &str) -> Scenario {
    let step = r.steps.iter().find(|s| s.applet == queue_applet).unwrap();
    let wait = |note: &str| -> u64 {
        let at = note.find(" after ").unwrap() + 7;
        note[at..].split(' ').next().unwrap().parse::<f64>().unwrap().round() as u64
    };
    let script = match step.exit.as_deref() {
        None => serde_json::json!({"hang_up": true, "seconds": wait(&step.note)}),
        Some(e) => serde_json::json!({"exit": e, "seconds": wait(&step.note), "agent": r.data.get("First Agent ID")}),
    };
    let mut s: Scenario = serde_json::from_value(serde_json::json!({
        "clid": r.data["CLID"], "language": r.data["Language"], "start": r.start.to_rfc3339(),
        "live": {queue_applet: script},
        "connectors": {"send_sms": {"status": 202, "latency_ms": 180, "body": {"data": {"message_id": "SM-1"}}}},
        "config": {"SmsApiKey": "sk-test-123"}
    }))
    .unwrap();
    s.seed = 0;
    s
}

#[test]
fn a_load_run_and_a_single_run_take_the_same_steps_given_the_same_queue_results() {
    let (ws, l) = sample_load();
    let root = samples();
    let p = load::prepare(&ws, &root, &root.join("load"), &l, &Account::default()).unwrap();
    let mut kept = Vec::new();
    p.run_day(&DayOptions { seed: 11, keep: 400 }, None, &mut |r| kept.push(r));
    let voice: Vec<&RunRecord> = kept.iter().filter(|r| r.plan == "voice-orders").collect();
    let mut seen = std::collections::BTreeSet::new();
    for r in voice {
        let exit = r.steps.iter().find(|s| s.applet == "orders_queue").and_then(|s| s.exit.clone()).unwrap_or_else(|| "hang up".into());
        if !seen.insert(exit) {
            continue;
        }
        let sim = Simulation::new(&ws, "voice-orders", scripted(r, "orders_queue")).unwrap();
        let (single, _) = sim.simulate();
        let path = |x: &RunRecord| x.steps.iter().map(|s| (s.plan.clone(), s.applet.clone(), s.exit.clone())).collect::<Vec<_>>();
        assert_eq!(path(&single), path(r), "the same steps for the queue result of {:?}", r.outcome);
        assert_eq!(single.outcome, r.outcome);
    }
    assert!(seen.len() >= 3, "delivered, breakout and a hang-up at least: {seen:?}");
}

#[test]
fn bad_load_models_are_refused_with_their_fields() {
    let dir = tempfile::tempdir().unwrap();
    let ws = acd_workspace(dir.path(), acd(600, 300, 50));
    let l = model(serde_json::json!({
        "interval_minutes": 7,
        "queues": {"Q": {"staffing": [{"from": "08:00", "to": "12:00", "agents": -3}, {"from": "11:00", "to": "13:00", "agents": 2}],
            "handle_seconds": {"log_normal": {"median": 0, "sigma": 1}}}},
        "arrivals": [{"plan": "nope", "volume": [{"from": "9am", "to": "10:00", "interactions": 5}]}]
    }));
    let e = load::prepare(&ws, dir.path(), dir.path(), &l, &Account::default()).err().expect("refused");
    let text = e.to_string();
    for want in [
        "interval_minutes: 7 minutes does not divide the day",
        "queues.Q.staffing[0].agents: -3 agents",
        "queues.Q.handle_seconds: log-normal median 0",
        "arrivals[0].volume[0].from: '9am' is not a time of day",
        "arrivals[0].plan: no plan 'nope' in the workspace",
    ] {
        assert!(text.contains(want), "missing '{want}' in:\n{text}");
    }
    let l = model(serde_json::json!({
        "queues": {"Q": {"staffing": [{"from": "08:00", "to": "12:00", "agents": 3}, {"from": "11:00", "to": "13:00", "agents": 2}], "handle_seconds": {"fixed": 60}}},
        "arrivals": [{"plan": "p", "volume": [{"from": "09:00", "to": "10:00", "interactions": 5}]}]
    }));
    let probs = l.problems();
    assert_eq!(probs.len(), 1, "{probs:?}");
    assert_eq!((probs[0].code, probs[0].path.as_str()), ("periods-overlap", "queues.Q.staffing[1]"));
}

#[test]
fn a_queue_the_model_does_not_name_is_a_warning_with_the_documented_default() {
    let dir = tempfile::tempdir().unwrap();
    let ws = acd_workspace(dir.path(), acd(600, 300, 50));
    let l = model(serde_json::json!({
        "queues": {"Other": {"staffing": [{"from": "08:00", "to": "12:00", "agents": 3}], "handle_seconds": {"fixed": 60}}},
        "arrivals": [{"plan": "p", "volume": [{"from": "09:00", "to": "10:00", "interactions": 50}]}]
    }));
    let p = load::prepare(&ws, dir.path(), dir.path(), &l, &Account::default()).unwrap();
    let codes: Vec<&str> = p.warnings.iter().map(|w| w.code).collect();
    assert_eq!(codes, ["queue-not-in-load", "queue-unused"]);
    assert!(p.warnings[0].message.contains("queue 'Q' (p/q) is not in the load model: its interactions are answered at once by an unlimited pool"), "{}", p.warnings[0].message);
    let t = p.run_day(&DayOptions { seed: 1, keep: 0 }, None, &mut |_| {});
    assert_eq!(t.outcomes.get("Delivered").copied(), Some(t.interactions));
}

#[test]
fn an_unattended_plan_takes_no_arrivals_and_a_bad_csv_row_is_named() {
    let root = samples();
    let ws = Workspace::load(&root).unwrap();
    let l = model(serde_json::json!({
        "queues": {},
        "arrivals": [{"plan": "order-follow-up", "volume": [{"from": "09:00", "to": "10:00", "interactions": 5}]}]
    }));
    let e = load::prepare(&ws, &root, &root, &l, &Account::default()).err().unwrap();
    assert_eq!(e.code(), "plan-unattended");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.csv"), "time,clid\n09:00:01,+441\n09:00:02,+442\n25:00:00,+443\n").unwrap();
    let l = model(serde_json::json!({"queues": {}, "arrivals": [{"plan": "chat-support", "csv": "a.csv"}]}));
    let e = load::prepare(&ws, &root, dir.path(), &l, &Account::default()).err().unwrap();
    assert_eq!(e.code(), "arrivals-csv-invalid");
    assert!(e.to_string().ends_with("a.csv: line 4, column 1: '25:00:00' is not a time (RFC 3339 with an offset, or HH:MM:SS)"), "{e}");
}

#[test]
fn the_sample_load_is_canonical_and_the_schema_is_committed() {
    let root = samples();
    let path = root.join("load/monday.json");
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(file::to_text(&file::read(&path).unwrap()), text, "plans/load/monday.json is in canonical form");
    let schema = std::fs::read_to_string(root.join("load/load.schema.json")).unwrap();
    assert_eq!(schema, file::json_schema(), "plans/load/load.schema.json is stale: planwright load schema > plans/load/load.schema.json");
    let (ws, l) = sample_load();
    let mut problems = l.problems();
    problems.extend(load::plan_problems(&l, &ws));
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn a_save_is_atomic_and_canonical() {
    let dir = tempfile::tempdir().unwrap();
    let (_, l) = sample_load();
    let path = dir.path().join("monday.json");
    file::save(&path, &l).unwrap();
    assert_eq!(file::read(&path).unwrap(), l);
    let names: Vec<String> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(names, ["monday.json"], "no temp file left");
}

#[test]
fn arrivals_at_destinations_reach_their_mapped_plans_with_the_destinations_data() {
    let root = samples();
    let ws = Workspace::load(&root).unwrap();
    let l = model(serde_json::json!({
        "queues": {"Orders": {"staffing": [{"from": "09:00", "to": "12:00", "agents": 4}], "handle_seconds": {"fixed": 120}}},
        "arrivals": [
            {"destination": "+44 800 123 4567", "volume": [{"from": "09:00", "to": "10:00", "interactions": 30}]},
            {"destination": "+448007654321", "volume": [{"from": "09:00", "to": "10:00", "interactions": 10}]}
        ]
    }));
    let p = load::prepare(&ws, &root, &root, &l, &Account::default()).unwrap();
    let mut kept: Vec<RunRecord> = Vec::new();
    let t = p.run_day(&DayOptions { seed: 9, keep: 1000 }, None, &mut |r| kept.push(r));
    let by: Vec<(&str, &str)> = t.arrivals.iter().map(|a| (a.label.as_str(), a.plan.as_str())).collect();
    assert_eq!(by, [("+44 800 123 4567", "voice-orders"), ("+448007654321", "voice-orders")]);
    assert_eq!(t.arrivals.iter().map(|a| a.interactions).sum::<u64>(), t.interactions);
    assert!(t.arrivals.iter().all(|a| a.interactions > 0 && a.completed == a.interactions));
    let returns = kept.iter().find(|r| r.data.get("Dialed Number").map(String::as_str) == Some("+448007654321")).expect("a kept call to the returns line");
    assert_eq!(returns.data.get("Hotline").map(String::as_str), Some("returns"));
    assert_eq!(returns.data.get("Campaign").map(String::as_str), Some("none"), "the all-numbers mapping's");
    let hotline = kept.iter().find(|r| r.data.get("Dialed Number").map(String::as_str) == Some("+448001234567")).unwrap();
    assert!(hotline.route.as_ref().is_some_and(|r| r.mapping.as_deref() == Some("uk-orders") && !r.testing), "a kept run keeps its route");
    assert_eq!((hotline.data.get("Hotline").map(String::as_str), hotline.data.get("Campaign").map(String::as_str)), (Some("orders"), Some("spring")));

    let bad = model(serde_json::json!({
        "queues": {},
        "arrivals": [
            {"destination": "+441632960999", "volume": [{"from": "09:00", "to": "10:00", "interactions": 1}]},
            {"plan": "voice-orders", "destination": "+448001234567", "volume": [{"from": "09:00", "to": "10:00", "interactions": 1}]}
        ]
    }));
    let codes: Vec<(&str, String)> = bad.problems().into_iter().map(|p| (p.code, p.path)).chain(load::plan_problems(&bad, &ws).into_iter().map(|p| (p.code, p.path))).collect();
    assert!(codes.contains(&("arrivals-target", "arrivals[1]".into())), "{codes:?}");
    assert!(codes.contains(&("destination-unmapped", "arrivals[0].destination".into())), "{codes:?}");
}
