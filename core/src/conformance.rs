//! Replaying conformance vectors (`tests/vectors/*.json`): kind → engine call → JSON.
//!
//! The Rust test runner uses this; bindings replay the same files through their own APIs.

use crate::error::{Error, Result};
use serde_json::Value;

/// Runs the input of a vector of `kind` and returns its output as JSON.
pub fn run(kind: &str, input: &Value) -> Result<Value> {
    match kind {
        "evaluate" => {
            let req: crate::api::EvaluateRequest = serde_json::from_value(input.clone())
                .map_err(|e| Error::data("request", format!("malformed evaluate input: {e}")))?;
            let report = crate::api::evaluate_request(&req)?;
            serde_json::to_value(&report).map_err(|e| Error::data("internal", e.to_string()))
        }
        "comply" => {
            let req: crate::comply::ComplyRequest = serde_json::from_value(input.clone())
                .map_err(|e| Error::data("request", format!("malformed comply input: {e}")))?;
            let report = crate::comply::comply_request(&req)?;
            serde_json::to_value(&report).map_err(|e| Error::data("internal", e.to_string()))
        }
        "warnings" => {
            let req: crate::warn::WarningsRequest = serde_json::from_value(input.clone())
                .map_err(|e| Error::data("request", format!("malformed warnings input: {e}")))?;
            let report = crate::warn::warnings_request(&req)?;
            serde_json::to_value(&report).map_err(|e| Error::data("internal", e.to_string()))
        }
        "hj212_decode" => crate::hj212::decode_vector_input(input),
        other => Err(Error::data(
            "unknown_vector_kind",
            format!("unknown vector kind `{other}`"),
        )),
    }
}
