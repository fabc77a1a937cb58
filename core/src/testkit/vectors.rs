//! Replaying conformance vectors (`tests/vectors/*.json`): kind → engine call → JSON.
//!
//! The Rust test runner uses this; bindings replay the same files through their own APIs.

use crate::diag::error::{Error, Result};
use crate::ErrorCode;
use serde_json::Value;

/// Runs the input of a vector of `kind` and returns its output as JSON.
pub fn run(kind: &str, input: &Value) -> Result<Value> {
    match kind {
        "evaluate" => {
            let req: crate::host::EvaluateRequest =
                serde_json::from_value(input.clone()).map_err(|e| {
                    Error::data(
                        ErrorCode::DataRequest,
                        format!("malformed evaluate input: {e}"),
                    )
                })?;
            let report = crate::host::evaluate_request(&req)?;
            serde_json::to_value(&report)
                .map_err(|e| Error::internal(ErrorCode::InternalSerialize, e.to_string()))
        }
        "inspection" => to_json(crate::host::inspect::run_inspection(&parse(input)?)?),
        "inspection_restore" => to_json(crate::host::inspect::run_restore(&parse(input)?)?),
        "checklist_load" => to_json(crate::host::inspect::run_checklist_load(&parse(input)?)?),
        "onsite_check" => to_json(crate::host::inspect::run_onsite(&parse(input)?)?),
        "comply" => {
            let req: crate::judge::comply::ComplyRequest = serde_json::from_value(input.clone())
                .map_err(|e| {
                    Error::data(
                        ErrorCode::DataRequest,
                        format!("malformed comply input: {e}"),
                    )
                })?;
            let report = crate::judge::comply::comply_request(&req)?;
            serde_json::to_value(&report)
                .map_err(|e| Error::internal(ErrorCode::InternalSerialize, e.to_string()))
        }
        "warnings" => {
            let req: crate::judge::warn::WarningsRequest = serde_json::from_value(input.clone())
                .map_err(|e| {
                    Error::data(
                        ErrorCode::DataRequest,
                        format!("malformed warnings input: {e}"),
                    )
                })?;
            let report = crate::judge::warn::warnings_request(&req)?;
            serde_json::to_value(&report)
                .map_err(|e| Error::internal(ErrorCode::InternalSerialize, e.to_string()))
        }
        "hj212_decode" => crate::ingest::hj212::decode_vector_input(input),
        other => Err(Error::data(
            ErrorCode::DataUnknownVectorKind,
            format!("unknown vector kind `{other}`"),
        )),
    }
}

fn parse<T: serde::de::DeserializeOwned>(input: &Value) -> Result<T> {
    serde_json::from_value(input.clone())
        .map_err(|e| Error::data(ErrorCode::DataRequest, format!("malformed input: {e}")))
}

fn to_json<T: serde::Serialize>(v: T) -> Result<Value> {
    serde_json::to_value(v)
        .map_err(|e| Error::internal(ErrorCode::InternalSerialize, e.to_string()))
}
