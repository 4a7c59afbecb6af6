//! Timing: distributions of queue waits, conversations and connector latency (seeded, the same
//! on any thread count, their sample statistics close to the distribution's), and the time
//! limits acting on simulated time in single runs and batches alike.

use planwright::Workspace;
use planwright_sim::rng::Rng;
use planwright_sim::scenario::Distribution;
use planwright_sim::{run_batch, BatchConfig, Control, KeepRuns, Scenario, Simulation};
use std::path::Path;

fn samples() -> Workspace {
    Workspace::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../plans")).unwrap()
}

fn scenario(v: serde_json::Value) -> Scenario {
    serde_json::from_value(v).unwrap()
}

fn draws(d: &Distribution, n: usize) -> Vec<f64> {
    let mut rng = Rng::new(42);
    let mut v: Vec<f64> = (0..n).map(|_| d.sample(&mut rng)).collect();
    v.sort_by(f64::total_cmp);
    v
}

fn mean(v: &[f64]) -> f64 {
    v.iter().sum::<f64>() / v.len() as f64
}

fn quantile(sorted: &[f64], q: f64) -> f64 {
    sorted[((sorted.len() as f64 * q) as usize).min(sorted.len() - 1)]
}

#[test]
fn sample_statistics_are_close_to_the_distributions() {
    let n = 200_000;
    let u = draws(&Distribution::Uniform { min: 10.0, max: 50.0 }, n);
    assert!((mean(&u) - 30.0).abs() < 0.3, "uniform mean {}", mean(&u));
    assert!(u[0] >= 10.0 && u[n - 1] < 50.0);
    assert!((quantile(&u, 0.25) - 20.0).abs() < 0.5);

    let (median, sigma) = (45.0f64, 0.8f64);
    let l = draws(&Distribution::LogNormal { median, sigma }, n);
    assert!((quantile(&l, 0.5) / median - 1.0).abs() < 0.02, "log-normal median {}", quantile(&l, 0.5));
    let want_mean = median * (sigma * sigma / 2.0).exp();
    assert!((mean(&l) / want_mean - 1.0).abs() < 0.02, "log-normal mean {} vs {want_mean}", mean(&l));
    // The 95th percentile of a log-normal: median · e^(1.645σ).
    let want_p95 = median * (1.6449 * sigma).exp();
    assert!((quantile(&l, 0.95) / want_p95 - 1.0).abs() < 0.03, "p95 {} vs {want_p95}", quantile(&l, 0.95));

    let h: Distribution = serde_json::from_value(serde_json::json!({"histogram": [{"value": 20.0, "weight": 3.0}, {"value": 90.0, "weight": 1.0}]})).unwrap();
    let d = draws(&h, n);
    let short = d.iter().filter(|x| **x == 20.0).count() as f64 / n as f64;
    assert!((short - 0.75).abs() < 0.01, "{short}");
    assert!(d.iter().all(|x| *x == 20.0 || *x == 90.0));
    assert_eq!(draws(&Distribution::Fixed(7.0), 3), [7.0, 7.0, 7.0]);
}

#[test]
fn timed_batches_spread_their_durations_and_do_not_depend_on_threads() {
    let ws = samples();
    let s = scenario(serde_json::json!({
        "name": "timed",
        "vary": {
            "outcomes": [{"value": "Delivered", "weight": 8}, {"value": "HangUpInQueue", "weight": 2}],
            "timing": {
                "queue_wait_seconds": {"log_normal": {"median": 40, "sigma": 0.7}},
                "queue_wait_by_outcome": {"HangUpInQueue": {"uniform": {"min": 5, "max": 60}}},
                "talk_seconds": {"log_normal": {"median": 200, "sigma": 0.5}},
                "connector_latency_ms": {"uniform": {"min": 50, "max": 400}}
            }
        }
    }));
    let sim = Simulation::new(&ws, "voice-orders", s.clone()).unwrap();
    let batch = |threads| run_batch(&sim, &BatchConfig { n: 20_000, seed: 5, threads, keep: KeepRuns::None }, &Control::default(), &|_| {});
    let (one, two) = (batch(1), batch(2));
    assert_eq!(one.stats, two.stats, "identical on any thread count");
    let (p50, p95, p99) = (one.stats.percentile_ms(0.5).unwrap(), one.stats.percentile_ms(0.95).unwrap(), one.stats.percentile_ms(0.99).unwrap());
    assert!(p50 < p95 && p95 < p99, "durations spread: p50 {p50}, p95 {p95}, p99 {p99}");
    // The same seed again: the same numbers.
    assert_eq!(batch(2).stats, one.stats);
    // Without timing, every delivered call takes the same time (the old p50 = p95).
    let flat = Simulation::new(&ws, "voice-orders", scenario(serde_json::json!({"vary": {"outcomes": [{"value": "Delivered", "weight": 1}]}}))).unwrap();
    let f = run_batch(&flat, &BatchConfig { n: 1000, seed: 5, threads: 1, keep: KeepRuns::None }, &Control::default(), &|_| {});
    assert_eq!(f.stats.percentile_ms(0.5), f.stats.percentile_ms(0.95));
}

#[test]
fn a_queue_never_waits_past_its_limits() {
    let ws = samples();
    // voice-orders' queue: maximum time in queue 600 s, estimated wait threshold 300 s.
    let run = |live: serde_json::Value| {
        let sim = Simulation::new(&ws, "voice-orders", scenario(serde_json::json!({"live": {"orders_queue": live}}))).unwrap();
        sim.simulate().0
    };
    let r = run(serde_json::json!({"exit": "Delivered", "seconds": 250}));
    assert_eq!((r.steps[1].exit.as_deref(), r.outcome.as_deref()), (Some("Delivered"), Some("Delivered")), "under both limits");
    let r = run(serde_json::json!({"exit": "Delivered", "seconds": 400}));
    assert_eq!(r.steps[1].exit.as_deref(), Some("Estimated Wait Time Exceeded"));
    assert_eq!(r.outcome.as_deref(), Some("MaxEstimatedWaitTime"));
    assert_eq!(r.steps[2].at, r.steps[1].at, "the estimate breaks out at once");
    assert!(r.steps[1].note.contains("estimated wait 400 s is over 300 s"), "{}", r.steps[1].note);
    let r = run(serde_json::json!({"exit": "Key Pressed", "seconds": 700}));
    assert_eq!(r.steps[1].exit.as_deref(), Some("Maximum Time In Queue"));
    assert_eq!(r.outcome.as_deref(), Some("QueueTimeout"));
    assert_eq!((r.steps[2].at - r.steps[1].at).num_seconds(), 600, "cut at the maximum time in queue");
    let r = run(serde_json::json!({"hang_up": true, "seconds": 900}));
    assert_eq!(r.steps[1].exit.as_deref(), Some("Maximum Time In Queue"), "the timeout comes before the hang-up");
    let r = run(serde_json::json!({"hang_up": true, "seconds": 100}));
    assert_eq!(r.outcome.as_deref(), Some("HangUpInQueue"));

    // In a batch: drawn waits above 300 s break out, so no delivered call waited longer.
    let s = scenario(serde_json::json!({"vary": {"outcomes": [{"value": "Delivered", "weight": 1}], "timing": {"queue_wait_seconds": {"uniform": {"min": 0, "max": 600}}}}}));
    let sim = Simulation::new(&ws, "voice-orders", s).unwrap();
    let b = run_batch(&sim, &BatchConfig { n: 10_000, seed: 1, threads: 0, keep: KeepRuns::None }, &Control::default(), &|_| {});
    let report = sim.report(&b.stats);
    let count = |name: &str| report.outcomes.iter().find(|c| c.name == name).map_or(0, |c| c.count);
    let (delivered, ewt) = (count("Delivered"), count("MaxEstimatedWaitTime"));
    assert_eq!(delivered + ewt, 10_000);
    assert!((ewt as f64 / 10_000.0 - 0.5).abs() < 0.03, "about half the waits are over 300 s: {ewt}");
}

#[test]
fn a_connector_answer_slower_than_the_timeout_is_an_interface_failure_at_the_timeout() {
    let ws = samples();
    let s = scenario(serde_json::json!({
        "outcome": "Delivered",
        "config": {"SmsApiKey": "k"},
        "connectors": {"send_sms": {"status": 202, "latency_ms": 12000, "body": {}}}
    }));
    let sim = Simulation::new(&ws, "voice-orders", s).unwrap();
    let r = sim.simulate().0;
    let call = r.connector_calls.iter().find(|c| c.applet == "send_sms").unwrap();
    assert_eq!((call.result.as_str(), call.latency_ms), ("timeout", 10_000));
    let step = r.steps.iter().find(|s| s.applet == "send_sms").unwrap();
    assert_eq!(step.exit.as_deref(), Some("Interface Failure"));
    let next = r.steps.iter().find(|s| s.seq == step.seq + 1).unwrap();
    assert_eq!((next.at - step.at).num_seconds(), 10);
    // Drawn latencies: some over the timeout.
    let s = scenario(serde_json::json!({"outcome": "Delivered", "config": {"SmsApiKey": "k"}, "vary": {"timing": {"connector_latency_ms": {"uniform": {"min": 0, "max": 20000}}}}}));
    let sim = Simulation::new(&ws, "voice-orders", s).unwrap();
    let b = run_batch(&sim, &BatchConfig { n: 4000, seed: 2, threads: 0, keep: KeepRuns::None }, &Control::default(), &|_| {});
    let report = sim.report(&b.stats);
    let timeouts = report.connector_results.iter().find(|c| c.name == "timeout").map_or(0, |c| c.count);
    assert!((timeouts as f64 / 4000.0 - 0.5).abs() < 0.04, "{timeouts}");
}

#[test]
fn a_distribution_that_is_not_one_is_refused() {
    let ws = samples();
    for (timing, says) in [
        (serde_json::json!({"queue_wait_seconds": {"uniform": {"min": 50, "max": 10}}}), "timing.queue_wait_seconds: uniform 50 .. 10"),
        (serde_json::json!({"talk_seconds": {"log_normal": {"median": 0, "sigma": 1}}}), "timing.talk_seconds: log-normal"),
        (serde_json::json!({"queue_wait_by_outcome": {"Delivered": {"histogram": []}}}), "timing.queue_wait_by_outcome.Delivered: the histogram has no values"),
        (serde_json::json!({"connector_latency_ms": {"fixed": -1}}), "fixed -1 is not a duration"),
    ] {
        let s = scenario(serde_json::json!({"vary": {"timing": timing}}));
        let err = Simulation::new(&ws, "voice-orders", s).err().unwrap().to_string();
        assert!(err.contains(says), "{err}");
    }
}
