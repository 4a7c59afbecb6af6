//! The load model against queueing theory: a plan whose only live applet is an ACD, Poisson
//! arrivals at a constant rate, exponential handle times and c agents must give what Erlang C
//! (M/M/c) says; with exponential patience, what Erlang A (M/M/c+M) says, its birth-death
//! chain solved numerically here. Both are independent of the simulator.
//!
//! Each run is many days long with every interval staffed, so the queue runs without a break
//! at midnight. The first and last two intervals are cut (warm-up, and the end, where the
//! agents log off). The estimate of each measure is the mean of its daily values and its
//! standard error their standard deviation over √days (batch means: one day is hundreds of
//! handle times long, so daily values are close to independent). A measure passes when it is
//! within 4 standard errors of the formula; the standard error itself must be small (below
//! the stated bound), so that the check can fail.

use planwright::Workspace;
use planwright_sim::load::{self, DayOptions, DayTally, Load};
use planwright_sim::Account;

const INTERVAL_MIN: u32 = 30;

fn workspace(dir: &std::path::Path) -> Workspace {
    let plan = serde_json::json!({
        "schema_version": 1, "id": "erlang", "name": "Erlang", "type": "Default", "channel": "voice", "start": "q",
        "applets": [{"id": "q", "kind": "Acd", "label": "Queue", "position": {"x": 0.0, "y": 0.0},
            "properties": {"queue": "Q", "max_time_in_queue_seconds": 86400, "max_estimated_wait_seconds": 86400,
                "max_queue_length": 10000, "breakout_key": ""}}],
        "connections": []
    });
    std::fs::write(dir.join("erlang.json"), serde_json::to_string_pretty(&plan).unwrap()).unwrap();
    Workspace::load(dir).unwrap()
}

fn model(days: u32, per_hour: f64, agents: i64, handle_s: f64, patience_s: Option<f64>) -> Load {
    let mut v = serde_json::json!({
        "schema_version": 1, "id": "erlang", "start": "2026-01-05T00:00:00Z", "days": days, "interval_minutes": INTERVAL_MIN,
        "queues": {"Q": {"staffing": [{"from": "00:00", "to": "24:00", "agents": agents}],
            "handle_seconds": {"exponential": {"mean": handle_s}}}},
        "arrivals": [{"plan": "erlang", "volume": [{"from": "00:00", "to": "24:00", "interactions": per_hour * INTERVAL_MIN as f64 / 60.0}]}]
    });
    if let Some(p) = patience_s {
        v["queues"]["Q"]["patience_seconds"] = serde_json::json!({"exponential": {"mean": p}});
    }
    serde_json::from_value(v).unwrap()
}

fn run(days: u32, per_hour: f64, agents: i64, handle_s: f64, patience_s: Option<f64>, seed: u64) -> DayTally {
    let dir = tempfile::tempdir().unwrap();
    let ws = workspace(dir.path());
    let l = model(days, per_hour, agents, handle_s, patience_s);
    assert!(l.problems().is_empty(), "{:?}", l.problems());
    let p = load::prepare(&ws, dir.path(), dir.path(), &l, &Account::default()).unwrap();
    p.run_day(&DayOptions { seed, keep: 0 }, None, &mut |_| {})
}

/// Daily values of a measure, over the intervals kept.
struct Daily {
    p_wait: Vec<f64>,
    mean_wait_s: Vec<f64>,
    sl20: Vec<f64>,
    abandon: Vec<f64>,
    offered: u64,
}

fn daily(t: &DayTally) -> Daily {
    let q = &t.queues[0];
    let per_day = (24 * 60 / INTERVAL_MIN) as usize;
    let n = q.intervals.len() - 1; // the last is "after the run"
    let days = n / per_day;
    let mut d = Daily { p_wait: vec![], mean_wait_s: vec![], sl20: vec![], abandon: vec![], offered: 0 };
    for day in 0..days {
        let (mut offered, mut waited, mut answered, mut wait_ms, mut within, mut hung) = (0u64, 0u64, 0u64, 0u64, 0u64, 0u64);
        for i in day * per_day..(day + 1) * per_day {
            if i < 2 || i >= n - 2 {
                continue; // warm-up and the end
            }
            let it = &q.intervals[i];
            offered += it.offered;
            waited += it.waited;
            answered += it.verdicts[0];
            wait_ms += it.answered_wait_ms;
            within += it.within_sl;
            hung += it.verdicts[1];
        }
        d.offered += offered;
        d.p_wait.push(waited as f64 / offered as f64);
        d.mean_wait_s.push(wait_ms as f64 / 1000.0 / answered as f64);
        d.sl20.push(within as f64 / offered as f64);
        d.abandon.push(hung as f64 / offered as f64);
    }
    d
}

/// Mean and standard error of daily values.
fn estimate(xs: &[f64]) -> (f64, f64) {
    let n = xs.len() as f64;
    let m = xs.iter().sum::<f64>() / n;
    let var = xs.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (n - 1.0);
    (m, (var / n).sqrt())
}

fn check(name: &str, xs: &[f64], theory: f64, max_se: f64) {
    let (m, se) = estimate(xs);
    eprintln!("{name}: simulated {m:.4} ± {se:.4} (1 SE), theory {theory:.4}");
    assert!(se <= max_se, "{name}: standard error {se:.4} is over {max_se}: too few days to check anything");
    assert!((m - theory).abs() <= 4.0 * se, "{name}: simulated {m:.4} (SE {se:.4}) is {:.1} SE from theory {theory:.4}", (m - theory).abs() / se);
}

/// Erlang C: P(wait), mean wait (s) and service level at `t` seconds for `c` agents, arrival
/// rate `lambda` per second and mean handle `h` seconds.
fn erlang_c(c: u32, lambda: f64, h: f64, t: f64) -> (f64, f64, f64) {
    let a = lambda * h;
    let mut term = 1.0; // a^k / k!
    let mut sum = 0.0;
    for k in 0..c {
        sum += term;
        term *= a / (k + 1) as f64;
    }
    // term is now a^c / c!
    let top = term * c as f64 / (c as f64 - a);
    let p_wait = top / (sum + top);
    let mean_wait = p_wait * h / (c as f64 - a);
    let sl = 1.0 - p_wait * (-(c as f64 - a) * t / h).exp();
    (p_wait, mean_wait, sl)
}

/// Erlang A from its birth-death chain (truncated where the probabilities vanish):
/// P(wait) and the share who abandon.
fn erlang_a(c: u32, lambda: f64, h: f64, patience: f64) -> (f64, f64) {
    let (mu, theta) = (1.0 / h, 1.0 / patience);
    let n_max = 2000;
    let mut p = vec![1.0f64; n_max + 1];
    for n in 1..=n_max {
        let death = mu * (n.min(c as usize)) as f64 + theta * n.saturating_sub(c as usize) as f64;
        p[n] = p[n - 1] * lambda / death;
    }
    let total: f64 = p.iter().sum();
    let p_wait: f64 = p[c as usize..].iter().sum::<f64>() / total;
    let queue: f64 = p.iter().enumerate().map(|(n, x)| n.saturating_sub(c as usize) as f64 * x).sum::<f64>() / total;
    (p_wait, theta * queue / lambda)
}

#[test]
fn the_formulas_match_the_issues_figures() {
    // c = 5, 100 calls/hour, 150 s: P(wait) 0.620, mean wait 112 s, SL(20 s) 0.445.
    let (pw, w, sl) = erlang_c(5, 100.0 / 3600.0, 150.0, 20.0);
    assert!((pw - 0.620).abs() < 0.0006 && (w - 112.0).abs() < 0.5 && (sl - 0.445).abs() < 0.0006, "{pw} {w} {sl}");
    // With exponential patience of mean 90 s: abandonment 0.133, P(wait) 0.367.
    let (pw, ab) = erlang_a(5, 100.0 / 3600.0, 150.0, 90.0);
    assert!((pw - 0.367).abs() < 0.0006 && (ab - 0.133).abs() < 0.0006, "{pw} {ab}");
}

fn erlang_c_case(per_hour: f64, agents: u32, days: u32, seed: u64) {
    let h = 150.0;
    let t = run(days, per_hour, agents as i64, h, None, seed);
    assert_eq!(t.stranded, 0, "no one is left waiting when the queue keeps up");
    let d = daily(&t);
    let (pw, w, sl) = erlang_c(agents, per_hour / 3600.0, h, 20.0);
    eprintln!("Erlang C, c = {agents}, {per_hour}/h, occupancy {:.2}, {} offered", per_hour / 3600.0 * h / agents as f64, d.offered);
    check("P(wait)", &d.p_wait, pw, 0.02);
    check("mean wait (s)", &d.mean_wait_s, w, w * 0.08);
    check("service level (20 s)", &d.sl20, sl, 0.02);
    // The check has power: one agent more is far outside the tolerance.
    let (pw_more, _, _) = erlang_c(agents + 1, per_hour / 3600.0, h, 20.0);
    let (m, se) = estimate(&d.p_wait);
    assert!((m - pw_more).abs() > 4.0 * se, "P(wait) {m:.4} cannot tell {agents} agents from {}", agents + 1);
}

#[test]
fn erlang_c_at_occupancy_0_50() {
    erlang_c_case(60.0, 5, 40, 1);
}

#[test]
fn erlang_c_at_occupancy_0_83() {
    erlang_c_case(100.0, 5, 60, 2);
}

#[test]
fn erlang_c_at_occupancy_0_95() {
    erlang_c_case(228.0, 10, 80, 3);
}

fn erlang_a_case(per_hour: f64, agents: u32, patience: f64, days: u32, seed: u64) {
    let h = 150.0;
    let t = run(days, per_hour, agents as i64, h, Some(patience), seed);
    let d = daily(&t);
    let (pw, ab) = erlang_a(agents, per_hour / 3600.0, h, patience);
    eprintln!("Erlang A, c = {agents}, {per_hour}/h, patience {patience} s, {} offered", d.offered);
    check("P(wait)", &d.p_wait, pw, 0.02);
    check("abandonment", &d.abandon, ab, 0.01);
    let (_, ab_more) = erlang_a(agents + 1, per_hour / 3600.0, h, patience);
    let (m, se) = estimate(&d.abandon);
    assert!((m - ab_more).abs() > 4.0 * se, "abandonment {m:.4} cannot tell {agents} agents from {}", agents + 1);
}

#[test]
fn erlang_a_at_the_issues_example() {
    erlang_a_case(100.0, 5, 90.0, 30, 4);
}

#[test]
fn erlang_a_at_low_load() {
    erlang_a_case(60.0, 5, 60.0, 20, 5);
}

#[test]
fn erlang_a_overloaded() {
    // Offered load above the agents (a = 11.25 Erlang on 10 agents): patience keeps it stable.
    erlang_a_case(270.0, 10, 120.0, 20, 6);
}

