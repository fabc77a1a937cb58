//! JSON-level calls: the same request documents as the conformance vectors, the CLI and the
//! wasm package's `comply(request)` / `warnings(request)` / `inspection(request)`.
//!
//! Each takes the request as JSON text, parses it the way the core parses requests (unknown
//! fields refused, syntax errors carry line and column), runs the core's runner and returns
//! the core's answer serialised as JSON text (the same JSON the vectors' `expected` holds).

use crate::error::{binding_error, Result};
use ecorules::host::inspect as rq;
use ecorules::ErrorCode;

/// A core value as JSON text (a serialisation failure is the core's `internal.serialize`).
pub(crate) fn json<T: serde::Serialize>(v: &T) -> Result<String> {
    serde_json::to_string(v)
        .map_err(|e| binding_error(ErrorCode::InternalSerialize, &e.to_string()))
}

/// Runs an evaluation request (`EvaluateRequest`: permit, packs, data document, load,
/// options) and returns the `Report` as JSON text (what `report_table` takes).
#[uniffi::export]
pub fn evaluate_request(request_json: String) -> Result<String> {
    let req: ecorules::host::EvaluateRequest = ecorules::host::parse_request(&request_json)?;
    json(&ecorules::host::evaluate_request(&req)?)
}

/// Runs a compliance assessment (`ComplyRequest`: permit, packs, method packs, data,
/// records, options `{period, methods, as_of?}`) and returns the `ComplianceReport` as JSON text.
#[uniffi::export]
pub fn comply(request_json: String) -> Result<String> {
    let req: ecorules::host::ComplyRequest = ecorules::host::parse_request(&request_json)?;
    json(&ecorules::host::comply_request(&req)?)
}

/// Runs warning packs over a batch (`WarningsRequest`: permit, warnings, data, records,
/// now, options) and returns the `WarningsReport` (`{alarms, stats}`) as JSON text.
#[uniffi::export]
pub fn warnings(request_json: String) -> Result<String> {
    let req: ecorules::host::WarningsRequest = ecorules::host::parse_request(&request_json)?;
    json(&ecorules::host::warnings_request(&req)?)
}

/// Runs an `InspectionRequest` (start, answer in order, save and restore, finish) and
/// returns `{items, report}` as JSON text.
#[uniffi::export]
pub fn inspection_request(request_json: String) -> Result<String> {
    let req: rq::InspectionRequest = ecorules::host::parse_request(&request_json)?;
    json(&rq::run_inspection(&req)?)
}

/// Restores saved inspection text and finishes it (`RestoreRequest`); returns the
/// `InspectionReport` as JSON text.
#[uniffi::export]
pub fn inspection_restore_request(request_json: String) -> Result<String> {
    let req: rq::RestoreRequest = ecorules::host::parse_request(&request_json)?;
    json(&rq::run_restore(&req)?)
}

/// Loads a downloaded checklist pack beside the embedded ones, verified against its
/// published hash when given (`ChecklistLoadRequest`); returns its listing entry as JSON text.
#[uniffi::export]
pub fn checklist_load_request(request_json: String) -> Result<String> {
    let req: rq::ChecklistLoadRequest = ecorules::host::parse_request(&request_json)?;
    json(&rq::run_checklist_load(&req)?)
}

/// The library version.
#[uniffi::export]
pub fn version() -> String {
    ecorules::VERSION.to_string()
}
