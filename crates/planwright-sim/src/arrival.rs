//! Interactions made to a destination (a dialled number or an API address) rather than to a
//! plan. The mapping that wins decides the plan (the testing plan when the interaction's source,
//! its CLID, is one the mapping lists), Dialed Number is the address, and the interaction starts
//! with the destination's, mapping's and plan's data sources (`planwright::destination`).
//!
//! A single run, a scenario file, a plan test and a batch all start here when their scenario
//! names a `destination`; a batch whose distribution weights `destinations` draws one per
//! interaction ([`Arrival`], prepared once per destination).

use crate::scenario::Scenario;
use crate::SimError;
use planwright::destination::{normal_address, resolve_with, Index, Resolution, Routing};
use planwright::model::Plan;
use planwright::workspace::Workspace;
use std::collections::BTreeMap;

/// The workspace's destinations and mappings; the first file that cannot be read is an error
/// (a simulation from a destination would otherwise answer from half the routing).
pub fn routing(ws: &Workspace) -> Result<Routing, SimError> {
    let routing = Routing::load(&ws.root);
    if let Some((path, why)) = routing.problems.first() {
        return Err(SimError::Routing { path: path.display().to_string(), why: why.clone() });
    }
    Ok(routing)
}

/// The workspace's plans by id, as resolution reads them (taken once per simulation, not per
/// destination).
pub fn plans_of(ws: &Workspace) -> BTreeMap<String, Plan> {
    ws.plans.iter().map(|(id, e)| (id.clone(), e.plan.clone())).collect()
}

/// Where an interaction to `address` from `source` goes, or why it reaches none of `plans`.
pub fn resolve(plans: &BTreeMap<String, Plan>, index: &Index<'_>, address: &str, source: Option<&str>) -> Result<Resolution, SimError> {
    let r = resolve_with(index, plans, address, source);
    match &r.plan {
        None => Err(SimError::Unrouted { address: address.trim().to_string(), why: r.reasons.join("; ") }),
        Some(p) if !plans.contains_key(p) => Err(SimError::Unrouted {
            address: address.trim().to_string(),
            why: format!("the mapping's plan '{p}' does not exist ({})", r.reasons.join("; ")),
        }),
        Some(_) => Ok(r),
    }
}

/// When the scenario names a destination: resolves it from the scenario's CLID (the source),
/// makes the scenario arrive there (Dialed Number, starting data sources) and answers the
/// resolution, whose `plan` is the plan to run. `None` when the scenario names no destination.
pub fn arrive(ws: &Workspace, scenario: &mut Scenario) -> Result<Option<Resolution>, SimError> {
    let Some(address) = scenario.destination.clone().filter(|a| !a.trim().is_empty()) else {
        return Ok(None);
    };
    let routing = routing(ws)?;
    let r = resolve(&plans_of(ws), &Index::new(&routing), &address, Some(&scenario.clid))?;
    scenario.arrive_at(&r);
    Ok(Some(r))
}

/// One destination of a batch's distribution, resolved once: where production interactions go,
/// and, when the winning mapping lists interaction sources and the batch's CLIDs may be among
/// them, where those test interactions go.
#[derive(Debug, Clone)]
pub struct Arrival {
    pub address: String,
    pub production: Resolution,
    /// The winning mapping's interaction sources (normal form) and their resolution.
    pub testing: Option<(Vec<String>, Resolution)>,
}

impl Arrival {
    pub fn new(plans: &BTreeMap<String, Plan>, routing: &Routing, index: &Index<'_>, address: &str) -> Result<Arrival, SimError> {
        let production = resolve(plans, index, address, None)?;
        let sources: Vec<String> = production
            .mapping
            .as_ref()
            .and_then(|m| routing.mappings.get(m))
            .map(|m| m.interaction_sources.iter().map(|s| normal_address(s)).collect())
            .unwrap_or_default();
        let testing = match sources.first() {
            Some(first) => Some((sources.clone(), resolve(plans, index, address, Some(first))?)),
            None => None,
        };
        Ok(Arrival { address: address.trim().to_string(), production, testing })
    }

    /// The resolution for an interaction from `source` (its `testing` says which one it is).
    pub fn for_source(&self, source: &str) -> &Resolution {
        match &self.testing {
            Some((sources, r)) if sources.iter().any(|s| *s == normal_address(source)) => r,
            _ => &self.production,
        }
    }
}
