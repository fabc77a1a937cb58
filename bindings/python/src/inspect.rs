//! Inspections and on-site spot checks at the JSON level: the request kinds of
//! `ecorules::host::inspect` (`inspection`, `inspection_restore`, `checklist_load`,
//! `onsite_check`), run by the core and returned as JSON text.

use crate::guard::{core, guarded};
use ecorules::host::inspect as rq;
use ecorules::host::parse_request;
use ecorules::ErrorCode;
use pyo3::prelude::*;

/// Runs one inspection request of `kind` (JSON text in, JSON text out).
#[pyfunction]
pub fn inspect_json(py: Python<'_>, kind: &str, request_json: &str) -> PyResult<String> {
    guarded(py, || match kind {
        "inspection" => {
            let req: rq::InspectionRequest = core(py, parse_request(request_json))?;
            let out = core(py, rq::run_inspection(&req))?;
            Ok(serde_json::to_string(&out).unwrap_or_default())
        }
        "inspection_restore" => {
            let req: rq::RestoreRequest = core(py, parse_request(request_json))?;
            let out = core(py, rq::run_restore(&req))?;
            Ok(serde_json::to_string(&out).unwrap_or_default())
        }
        "checklist_load" => {
            let req: rq::ChecklistLoadRequest = core(py, parse_request(request_json))?;
            let out = core(py, rq::run_checklist_load(&req))?;
            Ok(serde_json::to_string(&out).unwrap_or_default())
        }
        "onsite_check" => {
            let req: rq::OnsiteRequest = core(py, parse_request(request_json))?;
            let out = core(py, rq::run_onsite(&req))?;
            Ok(serde_json::to_string(&out).unwrap_or_default())
        }
        other => Err(crate::guard::data_error(
            py,
            ErrorCode::DataUnknownRequest,
            format!("unknown inspection request kind `{other}`"),
        )),
    })
}
