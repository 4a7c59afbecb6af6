//! Load: outcomes that come from queues with agents, arrivals over a day and callers'
//! patience, instead of weights an analyst types.
//!
//! - [`model`]: the load model (queues' staffing, handle time and patience; arrivals) and
//!   its checks;
//! - [`file`]: load files (`load/*.json`) and CSVs of arrival times;
//! - [`day`]: the discrete-event simulation of a run;
//! - [`report`]: its counters and the contact-center measures;
//! - [`sweep`]: what-if sweeps, sharded and merged.

pub mod day;
pub mod file;
pub mod model;
pub mod report;
pub mod sweep;

pub use day::{plan_problems, prepare, DayOptions, DayRun, InteractionResult, LoadError, Prepared};
pub use model::{Load, LoadProblem, LOAD_CODES};
pub use report::{DayReport, DayTally};
pub use sweep::{run_sweep, SweepOptions, SweepReport, SweepSpec, SweepTally};
