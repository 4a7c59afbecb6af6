//! The run history: stored runs by filter, and one opened with its whole trace to replay.

use crate::dto::*;
use crate::session::Session;
use crate::versions;
use planwright::model as m;

impl Session {
    /// The stored runs that match `query`, newest first (the run history).
    pub fn runs(&mut self, query: RunQuery) -> ApiResult<Vec<RunSummary>> {
        let time = |field: &str, v: &Option<String>| -> ApiResult<Option<chrono::DateTime<chrono::Utc>>> {
            let Some(v) = v.as_deref().map(str::trim).filter(|v| !v.is_empty()) else { return Ok(None) };
            let parsed = chrono::DateTime::parse_from_rfc3339(v)
                .map(|t| t.with_timezone(&chrono::Utc))
                .or_else(|_| chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").map(|d| d.and_hms_opt(0, 0, 0).expect("midnight exists").and_utc()));
            parsed.map(Some).map_err(|_| ApiError::new("run-query-invalid", format!("{field}: '{}' is not a date (2026-03-02) or an RFC 3339 time", m::shorten(v, 40))))
        };
        let text = |v: &Option<String>| v.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_string);
        let filter = planwright_store::RunFilter {
            plan: text(&query.plan),
            outcome: text(&query.outcome),
            end_code: text(&query.end_code),
            batch: query.batch,
            single_only: query.single_only,
            start_from: time("start_from", &query.start_from)?,
            start_to: time("start_to", &query.start_to)?,
            limit: query.limit.clamp(1, 1000),
        };
        let store = planwright_store::Store::open(&self.store_path).map_err(versions::store_error)?;
        store.find_runs(&filter).map_err(versions::store_error)
    }

    /// A stored run with its whole trace, to replay on the canvas.
    pub fn open_run(&mut self, id: i64) -> ApiResult<crate::simulate::SimRun> {
        let store = planwright_store::Store::open(&self.store_path).map_err(versions::store_error)?;
        let run = store.run(id).map_err(versions::store_error)?.ok_or_else(|| ApiError::new("run-not-found", format!("no run {id} in {}", store.path())))?;
        let scenario = run.scenario_json.as_deref().and_then(|j| planwright_sim::Scenario::from_json(j).ok());
        let value = |name: &str, from_scenario: Option<String>| crate::simulate::DataValue { name: name.into(), value: from_scenario.or_else(|| run.record.data.get(name).cloned()) };
        let initial = vec![
            value("CLID", scenario.as_ref().map(|s| s.clid.clone())),
            value("Dialed Number", scenario.as_ref().map(|s| s.dialed_number.clone())),
            value("Language", scenario.as_ref().map(|s| s.language.clone())),
            crate::simulate::DataValue { name: "InteractionOutcome".into(), value: scenario.as_ref().and_then(|s| s.outcome.clone()) },
        ]
        .into_iter()
        // The data it started with (a routed run's destination, mapping and plan values among them).
        .chain(scenario.iter().flat_map(|s| &s.data).map(|(name, value)| crate::simulate::DataValue { name: name.clone(), value: Some(value.clone()) }))
        .collect();
        Ok(crate::simulate::view(run.record, id, store.path().to_string(), initial))
    }
}
