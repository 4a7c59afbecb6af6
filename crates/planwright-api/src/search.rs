//! The search feature module (Ctrl+K in the window): what matches a query across the workspace
//! as edited (open plans with their unsaved edits), and where a data source is set and read.
//! The types are the engine's own (`planwright::search`, TypeScript derived on them).

use crate::dto::ApiResult;
use crate::session::Session;
pub use planwright::search::{DataSourceUses, Hit, HitKind};
pub use planwright::search::DataSourceUse;

/// The most hits one search answers.
pub const SEARCH_LIMIT: usize = 200;

impl Session {
    /// What matches `query`: applets (label, id, kind, property text), plans, data sources and
    /// schedules, best first.
    /// An open plan answers from its document's index (built once per state of the plan, not
    /// at each keystroke); a plan that is not open is indexed for the search.
    pub fn search(&self, query: String) -> ApiResult<Vec<Hit>> {
        use planwright::search::PlanIndex;
        let closed: Vec<(&planwright::model::Plan, PlanIndex)> =
            self.ws.plans.iter().filter(|(id, _)| !self.open.contains_key(*id)).map(|(_, e)| (&e.plan, PlanIndex::of(&e.plan))).collect();
        let open = self.open.values().map(|o| (o.doc.plan(), o.doc.search_index()));
        let plans = closed.iter().map(|(p, i)| (*p, i)).chain(open);
        Ok(planwright::search::search_indexed(plans, &self.ws.schedules, &query, SEARCH_LIMIT))
    }

    /// Every applet that sets the data source `name`, and every one that reads it, in every
    /// plan of the workspace as edited.
    pub fn data_source_uses(&self, name: String) -> ApiResult<DataSourceUses> {
        Ok(planwright::search::data_source_uses(self.edited_plans(), &name))
    }
}
