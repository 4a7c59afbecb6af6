//! A load run's record in the store: one batch per plan that takes arrivals (its report, so
//! its heatmap and coverage, and the day's kept interactions of that plan), the same from the
//! CLI and the window.

use crate::{NewBatch, RunMeta, Store, StoreError};
use planwright_sim::load::{DayRun, Prepared};
use planwright_sim::{RunRecord, Stats};
use std::collections::BTreeMap;

/// The batches of one day, by plan.
pub struct DayBatches(BTreeMap<String, i64>);

impl DayBatches {
    /// The batch of each plan.
    pub fn ids(&self) -> Vec<(String, i64)> {
        self.0.iter().map(|(p, id)| (p.clone(), *id)).collect()
    }
}

/// Opens a batch for each plan of the load model's arrivals, before the day runs.
pub fn begin_day(store: &mut Store, prepared: &Prepared, seed: u64, keep: u64, created_at: &str) -> Result<DayBatches, StoreError> {
    let load = &prepared.load;
    let mut batches = BTreeMap::new();
    for (s, plan) in prepared.stream_plans().into_iter().enumerate() {
        if batches.contains_key(plan) {
            continue;
        }
        let id = store.begin_batch(&NewBatch {
            plan: plan.to_string(),
            plan_hash: prepared.simulation(s).plan_hash.clone(),
            scenario_json: serde_json::json!({"load": load.id, "load_model": load}).to_string(),
            seed,
            requested: prepared.expected.round() as u64,
            threads: 1,
            keep_runs: format!("load:{}:sample:{keep}", load.id),
            created_at: created_at.to_string(),
        })?;
        batches.insert(plan.to_string(), id);
    }
    Ok(DayBatches(batches))
}

/// Stores the day's kept interactions in their plans' batches, and closes each batch with
/// the report of its plan's interactions (every stream of that plan together).
pub fn finish_day(store: &mut Store, batches: &DayBatches, prepared: &Prepared, run: &DayRun, kept: &[RunRecord], created_at: &str) -> Result<(), StoreError> {
    for r in kept {
        store.insert_run(r, &RunMeta { batch_id: batches.0.get(&r.plan).copied(), scenario_json: None, created_at: created_at.to_string() })?;
    }
    let plans = prepared.stream_plans();
    for (plan, id) in &batches.0 {
        let streams: Vec<usize> = (0..plans.len()).filter(|s| plans[*s] == plan).collect();
        let mut stats: Stats = run.stats[streams[0]].clone();
        for s in &streams[1..] {
            stats.merge(&run.stats[*s]);
        }
        let report = prepared.simulation(streams[0]).report(&stats);
        store.finish_batch(*id, run.tally.cancelled, stats.interactions, &report, created_at)?;
    }
    Ok(())
}
