//! The scenario library: the workspace's scenario files, read and saved (canonical, atomic, never holding a secret), and a connector response saved into one.

use crate::dto::*;
use crate::session::Session;

/// A scenario: one interaction and what the outside world answers, as the engine reads a
/// scenario file. It crosses the boundary as this typed value.
pub use planwright_sim::Scenario;

impl Session {
    /// The scenario files of the workspace (`scenarios/*.json`), by name.
    pub fn scenarios(&self) -> ApiResult<Vec<String>> {
        let dir = self.ws.root.join("scenarios");
        if !dir.is_dir() {
            return Ok(Vec::new());
        }
        Ok(planwright::workspace::json_files(&dir)?.iter().filter_map(|p| p.file_name()?.to_str().map(str::to_string)).collect())
    }

    /// A scenario file of the workspace's `scenarios/` folder, as the engine reads it (every
    /// field, defaults filled in), for the window's forms.
    pub fn read_scenario(&mut self, name: String) -> ApiResult<Scenario> {
        let path = self.scenario_path(&name)?.ok_or_else(|| ApiError::new("scenario-name-invalid", "no scenario named"))?;
        Scenario::load(&path).map_err(|e| ApiError::new("scenario-invalid", e.to_string()))
    }

    /// A scenario from its JSON text, as a scenario file holds it (every field left out takes
    /// its default): the window's advanced view and a new scenario's defaults. An unknown field
    /// or a bad value is refused with where it is.
    pub fn parse_scenario(&self, text: String) -> ApiResult<Scenario> {
        Scenario::from_json(&text).map_err(|e| ApiError::new("scenario-invalid", e))
    }

    /// Saves a scenario of the workspace's `scenarios/` folder (a new one or over an old one):
    /// its distributions are checked, then its canonical text (what differs from the defaults)
    /// is written atomically, never holding a secret. Answers the scenario as saved.
    pub fn save_scenario(&mut self, name: String, scenario: Scenario) -> ApiResult<Scenario> {
        let path = self.scenario_path(&name)?.ok_or_else(|| ApiError::new("scenario-name-invalid", "a scenario needs a name"))?;
        if let Some(vary) = &scenario.vary {
            if let Some(p) = vary.timing.problem() {
                return Err(ApiError::new("scenario-invalid", p));
            }
        }
        let canonical = scenario.canonical_text();
        self.refuse_secrets(&canonical, &format!("scenario '{}'", path.file_name().and_then(|n| n.to_str()).unwrap_or_default()))?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| ApiError::new("scenario-save-failed", format!("cannot create {}: {e}", dir.display())))?;
        }
        planwright::plan_file::write_atomic(&path, canonical.as_bytes())?;
        Ok(scenario)
    }

    /// Saves a tried answer into a scenario file of the workspace as the connector's scripted
    /// response (a new scenario when there is none of that name), written canonical. Refused
    /// with `secret-in-file` when it would hold a secret value.
    pub fn save_connector_fixture(&mut self, scenario: String, applet: String, status: u16, body: String, latency_ms: u64, response_type: String) -> ApiResult<Scenario> {
        let path = self.scenario_path(&scenario)?.ok_or_else(|| ApiError::new("scenario-name-invalid", "a scenario needs a name"))?;
        let mut s = if path.exists() {
            Scenario::load(&path).map_err(|e| ApiError::new("scenario-invalid", e.to_string()))?
        } else {
            Scenario { name: path.file_stem().and_then(|n| n.to_str()).unwrap_or_default().to_string(), ..Default::default() }
        };
        let response = crate::try_it::fixture(status, &body, latency_ms, &response_type);
        s.connectors.insert(applet, planwright_sim::scenario::OneOrMany::One(response));
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        self.save_scenario(name, s)
    }
}
