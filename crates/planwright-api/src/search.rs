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
    pub fn search(&self, query: String) -> ApiResult<Vec<Hit>> {
        Ok(planwright::search::search(self.edited_plans(), &self.ws.schedules, &query, SEARCH_LIMIT))
    }

    /// Every applet that sets the data source `name`, and every one that reads it, in every
    /// plan of the workspace as edited.
    pub fn data_source_uses(&self, name: String) -> ApiResult<DataSourceUses> {
        Ok(planwright::search::data_source_uses(self.edited_plans(), &name))
    }
}
