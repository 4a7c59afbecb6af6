//! Running a batch while its kept runs stream into the store.

use crate::{RunMeta, Store, StoreError};
use planwright_sim::{run_batch, BatchConfig, BatchResult, Control, RunRecord, Simulation};
use std::sync::mpsc::{sync_channel, RecvTimeoutError};
use std::time::Duration;

/// Runs a batch on worker threads while this thread writes each kept run, whole, to the
/// store. Runs that arrive together are written together, at most `group` per transaction
/// (`group` 1 gives one transaction per run). `tick` is called about every 100 ms and after
/// each write, for progress display.
pub fn run_and_store(
    sim: &Simulation,
    cfg: &BatchConfig,
    control: &Control,
    store: &mut Store,
    meta: &RunMeta,
    group: usize,
    mut tick: impl FnMut(),
) -> Result<BatchResult, StoreError> {
    let (tx, rx) = sync_channel::<RunRecord>(4096);
    let mut error = None;
    let result = std::thread::scope(|scope| {
        let worker = scope.spawn(move || {
            run_batch(sim, cfg, control, &move |run| {
                let _ = tx.send(run);
            })
        });
        let mut pending = Vec::with_capacity(group.max(1));
        loop {
            match rx.recv_timeout(Duration::from_millis(100)) {
                Ok(run) => {
                    pending.push(run);
                    while pending.len() < group.max(1) {
                        match rx.try_recv() {
                            Ok(run) => pending.push(run),
                            Err(_) => break,
                        }
                    }
                    if error.is_none() {
                        if let Err(e) = store.insert_runs(&pending, meta) {
                            // Stop the batch: its runs can no longer be kept.
                            control.cancel.store(true, std::sync::atomic::Ordering::Relaxed);
                            error = Some(e);
                        }
                    }
                    pending.clear();
                }
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => break,
            }
            tick();
        }
        worker.join().expect("the batch thread does not panic")
    });
    match error {
        Some(e) => Err(e),
        None => Ok(result),
    }
}
