//! The Interaction Plans Manager window's feature module: the workspace's destinations and
//! mappings (read from their files each time: the files are the source of truth), saved and
//! deleted as the engine allows (PSTN numbers are edited only: Vonage creates and deletes
//! them), the plans Mapped or Unmapped, the engine's checks, and "route a test interaction".
//! The types are the engine's own (`planwright::destination`, TypeScript derived on them).

use crate::dto::{ApiError, ApiResult};
use crate::session::Session;
use planwright::destination::{check, resolve, to_text, DestinationKind, Finding, Routing, PRIORITY_MAX, PRIORITY_MIN};
pub use planwright::destination::{Destination, Mapping, Resolution};
use planwright::Plan;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::PathBuf;
use ts_rs::TS;

/// A plan as the Interaction Plans tab lists it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PlanMapping {
    pub id: String,
    pub name: String,
    pub plan_type: String,
    pub mapped: bool,
    /// The mappings that reach it (production or testing).
    pub mappings: Vec<String>,
}

/// A destination with the mappings that include it, the winner first.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct DestinationRow {
    pub destination: Destination,
    pub mappings: Vec<String>,
}

/// The three tabs' contents, and what the engine finds.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RoutingView {
    pub destinations: Vec<DestinationRow>,
    pub mappings: Vec<Mapping>,
    pub plans: Vec<PlanMapping>,
    pub findings: Vec<Finding>,
    /// Files that could not be read, with why.
    pub problems: Vec<String>,
}

fn invalid_id(id: &str) -> Option<ApiError> {
    planwright::model::id_problem(id).map(|why| ApiError::new("id-invalid", format!("'{}': {why}", planwright::model::shorten(id, 80))))
}

impl Session {
    fn plans_as_edited(&self) -> BTreeMap<String, Plan> {
        self.edited_workspace().plans.into_iter().map(|(id, e)| (id, e.plan)).collect()
    }

    fn routing_dir(&self, kind: &str) -> PathBuf {
        self.ws.root.join(kind)
    }

    /// The destinations, mappings, plans Mapped or Unmapped, and the checks.
    pub fn routing(&mut self) -> ApiResult<RoutingView> {
        let r = Routing::load(&self.ws.root);
        let plans = self.plans_as_edited();
        let findings = check(&r, &plans);
        let plan_list = plans
            .values()
            .map(|p| PlanMapping {
                id: p.id.clone(),
                name: p.name.clone(),
                plan_type: format!("{:?}", p.plan_type),
                mapped: r.is_mapped(&p.id),
                mappings: r.mappings.values().filter(|m| m.production_plan == p.id || m.testing_plan.as_deref() == Some(p.id.as_str())).map(|m| m.id.clone()).collect(),
            })
            .collect();
        let index = planwright::destination::Index::new(&r);
        let destinations = r
            .destinations
            .values()
            .map(|d| DestinationRow { destination: d.clone(), mappings: index.ranked(&d.address).iter().map(|m| m.id.clone()).collect() })
            .collect();
        Ok(RoutingView {
            destinations,
            mappings: r.mappings.into_values().collect(),
            plans: plan_list,
            findings,
            problems: r.problems.iter().map(|(p, why)| format!("{}: {why}", p.display())).collect(),
        })
    }

    /// Saves a destination: a new API destination (`create`), or a change to one. A PSTN
    /// number cannot be created or renumbered here (Vonage owns the numbers; one is imported
    /// by adding its file).
    pub fn save_destination(&mut self, destination: Destination, create: bool) -> ApiResult<RoutingView> {
        let d = destination;
        if let Some(e) = invalid_id(&d.id) {
            return Err(e);
        }
        let r = Routing::load(&self.ws.root);
        let old = r.destinations.get(&d.id);
        match (create, old) {
            (true, Some(_)) => return Err(ApiError::new("destination-exists", format!("a destination '{}' exists already", d.id))),
            (false, None) => return Err(ApiError::new("destination-unknown", format!("no destination '{}'", d.id))),
            (true, None) if d.kind == DestinationKind::Pstn => {
                return Err(ApiError::new("pstn-create-refused", "PSTN numbers come from Vonage: import one by adding its file to destinations/"));
            }
            (false, Some(o)) if o.kind == DestinationKind::Pstn && (d.kind != o.kind || planwright::destination::normal_address(&d.address) != planwright::destination::normal_address(&o.address)) => {
                return Err(ApiError::new("pstn-address-fixed", format!("{} is a PSTN number: its name, description, data sources and service can change, not the number", o.address)));
            }
            _ => {}
        }
        if d.address.trim().is_empty() {
            return Err(ApiError::new("destination-address-invalid", "a destination needs an address"));
        }
        if let Some(other) = r.destination(&d.address).filter(|o| o.id != d.id) {
            return Err(ApiError::new("destination-address-duplicate", format!("{} is the address of destination '{}' already", d.address, other.id)));
        }
        let dir = self.routing_dir("destinations");
        std::fs::create_dir_all(&dir).map_err(|e| ApiError::new("save-failed", format!("cannot create {}: {e}", dir.display())))?;
        let d = Destination { json_schema: Some("destination.schema.json".into()), schema_version: planwright::destination::SCHEMA_VERSION, ..d };
        planwright::plan_file::write_atomic(&dir.join(format!("{}.json", d.id)), to_text(&d).as_bytes())?;
        self.routing()
    }

    /// Deletes an API destination (PSTN numbers are Vonage's).
    pub fn delete_destination(&mut self, id: String) -> ApiResult<RoutingView> {
        let r = Routing::load(&self.ws.root);
        let d = r.destinations.get(&id).ok_or_else(|| ApiError::new("destination-unknown", format!("no destination '{id}'")))?;
        if d.kind == DestinationKind::Pstn {
            return Err(ApiError::new("pstn-delete-refused", format!("{} is a PSTN number: only Vonage deletes it", d.address)));
        }
        let path = self.routing_dir("destinations").join(format!("{id}.json"));
        std::fs::remove_file(&path).map_err(|e| ApiError::new("delete-failed", format!("{}: {e}", path.display())))?;
        self.routing()
    }

    /// Saves a mapping (new with `create`), stamped modified now: of equal priorities, the
    /// mapping changed last wins.
    pub fn save_mapping(&mut self, mapping: Mapping, create: bool) -> ApiResult<RoutingView> {
        let m = mapping;
        if let Some(e) = invalid_id(&m.id) {
            return Err(e);
        }
        if !(PRIORITY_MIN..=PRIORITY_MAX).contains(&m.priority) {
            return Err(ApiError::new("mapping-priority-invalid", format!("priority {} is not from {PRIORITY_MIN} (lowest) to {PRIORITY_MAX} (highest)", m.priority)));
        }
        let r = Routing::load(&self.ws.root);
        match (create, r.mappings.contains_key(&m.id)) {
            (true, true) => return Err(ApiError::new("mapping-exists", format!("a mapping '{}' exists already", m.id))),
            (false, false) => return Err(ApiError::new("mapping-unknown", format!("no mapping '{}'", m.id))),
            _ => {}
        }
        // The clock is read here, at the command boundary, never inside the engine.
        let modified = chrono::Utc::now().fixed_offset();
        let m = Mapping { json_schema: Some("mapping.schema.json".into()), schema_version: planwright::destination::SCHEMA_VERSION, modified, ..m };
        let dir = self.routing_dir("mappings");
        std::fs::create_dir_all(&dir).map_err(|e| ApiError::new("save-failed", format!("cannot create {}: {e}", dir.display())))?;
        planwright::plan_file::write_atomic(&dir.join(format!("{}.json", m.id)), to_text(&m).as_bytes())?;
        self.routing()
    }

    pub fn delete_mapping(&mut self, id: String) -> ApiResult<RoutingView> {
        if let Some(e) = invalid_id(&id) {
            return Err(e);
        }
        let path = self.routing_dir("mappings").join(format!("{id}.json"));
        if !path.is_file() {
            return Err(ApiError::new("mapping-unknown", format!("no mapping '{id}'")));
        }
        std::fs::remove_file(&path).map_err(|e| ApiError::new("delete-failed", format!("{}: {e}", path.display())))?;
        self.routing()
    }

    /// Where an interaction to `address` from `source` goes, why, and the data sources it
    /// starts with (against the plans as edited).
    pub fn route_interaction(&mut self, address: String, source: Option<String>) -> ApiResult<Resolution> {
        let r = Routing::load(&self.ws.root);
        Ok(resolve(&r, &self.plans_as_edited(), &address, source.as_deref().filter(|s| !s.trim().is_empty())))
    }
}
