//! Batches: N interactions drawn from a scenario, run in parallel.
//!
//! Interaction `i` draws everything from a generator derived from `(seed, i)`, and the work is
//! cut into fixed chunks of indices whatever the thread count. Per-chunk statistics are
//! merged in chunk order, so a batch gives the same statistics on 1 thread or on N.

use crate::interp::{self, State};
use crate::{RunRecord, Simulation, Stats};
use rayon::prelude::*;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

/// Interactions per chunk of work.
pub const CHUNK: u64 = 2048;

/// Which individual runs a batch keeps (statistics are always kept).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeepRuns {
    All,
    /// About this many, evenly spread over the batch (every ⌈N/k⌉th interaction).
    Sample(u64),
    None,
}

impl KeepRuns {
    pub fn keeps(self, n: u64, index: u64) -> bool {
        match self {
            KeepRuns::All => true,
            KeepRuns::None => false,
            KeepRuns::Sample(0) => false,
            KeepRuns::Sample(k) => index % n.div_ceil(k).max(1) == 0,
        }
    }
}

#[derive(Debug, Clone)]
pub struct BatchConfig {
    pub n: u64,
    pub seed: u64,
    /// Worker threads; 0 means one per core.
    pub threads: usize,
    pub keep: KeepRuns,
}

/// Shared with the caller while a batch runs: progress to show, and a flag to cancel.
#[derive(Debug, Default)]
pub struct Control {
    pub done: AtomicU64,
    pub cancel: AtomicBool,
}

#[derive(Debug, Clone)]
pub struct BatchResult {
    pub stats: Stats,
    pub completed: u64,
    pub cancelled: bool,
}

/// Runs a batch. Each kept run is handed to `keep` as soon as it is done, from a worker
/// thread (so the caller may stream runs into a store while the batch goes on).
pub fn run_batch(sim: &Simulation, cfg: &BatchConfig, control: &Control, keep: &(dyn Fn(RunRecord) + Sync)) -> BatchResult {
    let chunks = cfg.n.div_ceil(CHUNK);
    let work = |state: &mut State, chunk: u64| -> Stats {
        let mut stats = Stats::new(&sim.program);
        let end = ((chunk + 1) * CHUNK).min(cfg.n);
        for index in chunk * CHUNK..end {
            if index % 256 == 0 && control.cancel.load(Ordering::Relaxed) {
                break;
            }
            let inst = sim.instance(cfg.seed, index);
            if cfg.keep.keeps(cfg.n, index) {
                keep(sim.run_traced(&inst, state, &mut stats));
            } else {
                let out = interp::run(&sim.program, inst.entry, &inst, state, &mut stats, None);
                sim.tally_arrival(&inst, &out, &mut stats);
            }
            if index % 64 == 63 {
                control.done.fetch_add(64, Ordering::Relaxed);
            }
        }
        control.done.fetch_add(stats.interactions % 64, Ordering::Relaxed);
        stats
    };
    let per_chunk: Vec<Stats> = if cfg.threads == 1 {
        let mut state = State::default();
        (0..chunks).map(|c| work(&mut state, c)).collect()
    } else {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(cfg.threads).build().expect("a thread pool starts");
        pool.install(|| (0..chunks).into_par_iter().map_init(State::default, |state, c| work(state, c)).collect())
    };
    let mut stats = Stats::new(&sim.program);
    for s in &per_chunk {
        stats.merge(s);
    }
    let completed = stats.interactions;
    BatchResult { stats, completed, cancelled: completed < cfg.n }
}
