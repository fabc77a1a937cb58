//! Early warnings: the JSON-level call behind `ecorules.warn.evaluate` (thin; the core's
//! `api::warnings_request` does everything).

use crate::guard::{core, guarded};
use pyo3::prelude::*;

/// Runs a warnings request (JSON text: permit, warning packs, data, records, now) and
/// returns the report (alarms and per-rule statistics) as JSON text.
#[pyfunction]
pub fn warnings_json(py: Python<'_>, request_json: &str) -> PyResult<String> {
    guarded(py, || {
        let req: ecorules::warn::WarningsRequest =
            core(py, ecorules::api::parse_request(request_json))?;
        let report: ecorules::warn::WarningsReport =
            core(py, py.detach(|| ecorules::api::warnings_request(&req)))?;
        Ok(serde_json::to_string(&report).unwrap_or_default())
    })
}
