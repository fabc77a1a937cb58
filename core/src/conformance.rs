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
        "inspection" => to_json(crate::inspect::requests::run_inspection(&parse(input)?)?),
        "inspection_restore" => to_json(crate::inspect::requests::run_restore(&parse(input)?)?),
        "checklist_load" => to_json(crate::inspect::requests::run_checklist_load(&parse(
            input,
        )?)?),
        "onsite_check" => to_json(crate::inspect::requests::run_onsite(&parse(input)?)?),
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

fn parse<T: serde::de::DeserializeOwned>(input: &Value) -> Result<T> {
    serde_json::from_value(input.clone())
        .map_err(|e| Error::data("request", format!("malformed input: {e}")))
}

fn to_json<T: serde::Serialize>(v: T) -> Result<Value> {
    serde_json::to_value(v).map_err(|e| Error::data("internal", e.to_string()))
}
