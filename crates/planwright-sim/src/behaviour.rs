//! Behavioural diff: the same seeded batch on two versions of the plans. Interaction *i* gets
//! the same inputs on both sides (its own generator, [`crate::rng::Rng::for_interaction`]), so
//! every difference is the change's doing. Reports the outcomes, run ends and exit counts side
//! by side, and the interactions whose path differs, grouped by the first step where they part,
//! with the first interaction of each group as an example.

use crate::batch::Control;
use crate::interp::State;
use crate::record::RunRecord;
use crate::stats::{Count, ExitCount, Report, Stats};
use crate::Simulation;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::atomic::Ordering;

/// Interactions per unit of work: results do not depend on the thread count.
const CHUNK: u64 = 1024;

/// A count on both sides.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CountChange {
    pub name: String,
    pub before: u64,
    pub after: u64,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExitCountChange {
    pub plan: String,
    pub applet: String,
    pub exit: String,
    pub before: u64,
    pub after: u64,
}

/// A step as paths are compared: where it was and how it left.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct PathStep {
    pub plan: String,
    pub applet: String,
    pub exit: Option<String>,
}

impl std::fmt::Display for PathStep {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.plan, self.applet)?;
        if let Some(e) = &self.exit {
            write!(f, " → {e}")?;
        }
        Ok(())
    }
}

/// Interactions whose paths part at the same step the same way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PathSplit {
    /// The 1-based step where the paths first differ.
    pub step: u32,
    /// That step before the change; `None` where the path had ended.
    pub before: Option<PathStep>,
    pub after: Option<PathStep>,
    pub interactions: u64,
    /// The first interaction (by index) of the group, to replay.
    pub example: u64,
}

/// What else can differ on the same path.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SamePathChange {
    /// `outcome`, `end reason`, `outbox`, `connector calls` or `data sources`.
    pub what: &'static str,
    pub interactions: u64,
    pub example: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct BehaviourDiff {
    pub interactions: u64,
    pub seed: u64,
    pub outcomes: Vec<CountChange>,
    pub end_reasons: Vec<CountChange>,
    /// Exits taken on either side, with their counts; `changed_exits` lists those that differ.
    pub exits: Vec<ExitCountChange>,
    /// Interactions whose path differs.
    pub paths_differ: u64,
    /// Grouped by the first step where they part, most interactions first.
    pub splits: Vec<PathSplit>,
    /// Interactions on the same path whose results differ anyway, by what differs.
    pub same_path: Vec<SamePathChange>,
    /// The two reports, whole.
    pub before: Report,
    pub after: Report,
    pub cancelled: bool,
}

impl BehaviourDiff {
    /// Whether any interaction behaves differently.
    pub fn changed(&self) -> bool {
        self.paths_differ > 0 || !self.same_path.is_empty()
    }

    pub fn changed_exits(&self) -> impl Iterator<Item = &ExitCountChange> {
        self.exits.iter().filter(|e| e.before != e.after)
    }
}

fn path(run: &RunRecord) -> Vec<PathStep> {
    run.steps.iter().map(|s| PathStep { plan: s.plan.clone(), applet: s.applet.clone(), exit: s.exit.clone() }).collect()
}

/// What differs between two runs of one interaction on the same path, if anything.
fn same_path_difference(a: &RunRecord, b: &RunRecord) -> Option<&'static str> {
    if a.outcome != b.outcome {
        return Some("outcome");
    }
    if a.end_reason.code != b.end_reason.code {
        return Some("end reason");
    }
    // Step numbers apart: those follow the path, which is the same.
    let same_mail = a.outbox.len() == b.outbox.len()
        && a.outbox.iter().zip(&b.outbox).all(|(x, y)| {
            (&x.channel, &x.to, &x.cc, &x.bcc, &x.subject, &x.body) == (&y.channel, &y.to, &y.cc, &y.bcc, &y.subject, &y.body)
        });
    if !same_mail {
        return Some("outbox");
    }
    let same_calls = a.connector_calls.len() == b.connector_calls.len()
        && a.connector_calls.iter().zip(&b.connector_calls).all(|(x, y)| {
            (&x.applet, &x.method, &x.url, &x.body, &x.result, x.status) == (&y.applet, &y.method, &y.url, &y.body, &y.result, y.status)
        });
    if !same_calls {
        return Some("connector calls");
    }
    if a.data != b.data {
        return Some("data sources");
    }
    None
}

#[derive(Default)]
struct Part {
    paths_differ: u64,
    splits: BTreeMap<(u32, Option<PathStep>, Option<PathStep>), (u64, u64)>,
    same_path: BTreeMap<&'static str, (u64, u64)>,
}

/// Adds `count` interactions whose first is `example` to a group's (count, first example).
fn add(group: &mut (u64, u64), count: u64, example: u64) {
    if group.0 == 0 || example < group.1 {
        group.1 = example;
    }
    group.0 += count;
}

/// Runs interactions `0..n` of `seed` on both simulations and compares them. `threads` 0 means
/// one per core. `control.cancel` stops it between interactions (then `cancelled`).
pub fn behaviour_diff(before: &Simulation, after: &Simulation, n: u64, seed: u64, threads: usize, control: &Control) -> BehaviourDiff {
    let chunks = n.div_ceil(CHUNK);
    let work = |states: &mut (State, State), chunk: u64| -> (Stats, Stats, Part) {
        let (mut sa, mut sb, mut part) = (Stats::new(&before.program), Stats::new(&after.program), Part::default());
        for index in chunk * CHUNK..((chunk + 1) * CHUNK).min(n) {
            if index % 256 == 0 && control.cancel.load(Ordering::Relaxed) {
                break;
            }
            let a = before.run_traced(&before.instance(seed, index), &mut states.0, &mut sa);
            let b = after.run_traced(&after.instance(seed, index), &mut states.1, &mut sb);
            let (pa, pb) = (path(&a), path(&b));
            if pa != pb {
                part.paths_differ += 1;
                let k = pa.iter().zip(&pb).take_while(|(x, y)| x == y).count();
                let key = ((k + 1) as u32, pa.get(k).cloned(), pb.get(k).cloned());
                add(part.splits.entry(key).or_default(), 1, index);
            } else if let Some(what) = same_path_difference(&a, &b) {
                add(part.same_path.entry(what).or_default(), 1, index);
            }
            control.done.fetch_add(1, Ordering::Relaxed);
        }
        (sa, sb, part)
    };
    let parts: Vec<(Stats, Stats, Part)> = if threads == 1 {
        let mut states = (State::default(), State::default());
        (0..chunks).map(|c| work(&mut states, c)).collect()
    } else {
        let mut pool = rayon::ThreadPoolBuilder::new();
        if threads > 0 {
            pool = pool.num_threads(threads);
        }
        let pool = pool.build().expect("a thread pool starts");
        pool.install(|| (0..chunks).into_par_iter().map_init(|| (State::default(), State::default()), |s, c| work(s, c)).collect())
    };
    let (mut sa, mut sb, mut all) = (Stats::new(&before.program), Stats::new(&after.program), Part::default());
    for (a, b, part) in &parts {
        sa.merge(a);
        sb.merge(b);
        all.paths_differ += part.paths_differ;
        for (k, (count, example)) in &part.splits {
            add(all.splits.entry(k.clone()).or_default(), *count, *example);
        }
        for (k, (count, example)) in &part.same_path {
            add(all.same_path.entry(k).or_default(), *count, *example);
        }
    }
    let (ra, rb) = (before.report(&sa), after.report(&sb));
    let mut splits: Vec<PathSplit> = all
        .splits
        .into_iter()
        .map(|((step, before, after), (interactions, example))| PathSplit { step, before, after, interactions, example })
        .collect();
    splits.sort_by(|x, y| y.interactions.cmp(&x.interactions).then(x.example.cmp(&y.example)));
    let mut same_path: Vec<SamePathChange> =
        all.same_path.into_iter().map(|(what, (interactions, example))| SamePathChange { what, interactions, example }).collect();
    same_path.sort_by(|x, y| y.interactions.cmp(&x.interactions).then(x.example.cmp(&y.example)));
    let completed = sa.interactions;
    BehaviourDiff {
        interactions: completed,
        seed,
        outcomes: side_by_side(&ra.outcomes, &rb.outcomes),
        end_reasons: side_by_side(&ra.end_reasons, &rb.end_reasons),
        exits: exits_side_by_side(&ra.exits, &rb.exits),
        paths_differ: all.paths_differ,
        splits,
        same_path,
        before: ra,
        after: rb,
        cancelled: completed < n,
    }
}

fn side_by_side(a: &[Count], b: &[Count]) -> Vec<CountChange> {
    let mut m: BTreeMap<&str, (u64, u64)> = BTreeMap::new();
    for c in a {
        m.entry(&c.name).or_default().0 += c.count;
    }
    for c in b {
        m.entry(&c.name).or_default().1 += c.count;
    }
    m.into_iter().filter(|(_, (x, y))| *x > 0 || *y > 0).map(|(name, (before, after))| CountChange { name: name.to_string(), before, after }).collect()
}

fn exits_side_by_side(a: &[ExitCount], b: &[ExitCount]) -> Vec<ExitCountChange> {
    let mut m: BTreeMap<(&str, &str, &str), (u64, u64)> = BTreeMap::new();
    for e in a {
        m.entry((&e.plan, &e.applet, &e.exit)).or_default().0 += e.count;
    }
    for e in b {
        m.entry((&e.plan, &e.applet, &e.exit)).or_default().1 += e.count;
    }
    m.into_iter()
        .filter(|(_, (x, y))| *x > 0 || *y > 0)
        .map(|((plan, applet, exit), (before, after))| ExitCountChange { plan: plan.into(), applet: applet.into(), exit: exit.into(), before, after })
        .collect()
}
