//! JSON-level entry points: the same calls the conformance vectors describe.

use crate::error::Result;

/// Runs one conformance vector input (`kind`, `input` as JSON text) and returns the output
/// as JSON text — byte-for-byte the engine's answer, for replaying `tests/vectors/`.
#[uniffi::export]
pub fn conformance_run(kind: String, input_json: String) -> Result<String> {
    let input: serde_json::Value = ecorules::host::parse_request(&input_json)?;
    let out = ecorules::testkit::vectors::run(&kind, &input)?;
    Ok(out.to_string())
}

/// The library version.
#[uniffi::export]
pub fn version() -> String {
    ecorules::VERSION.to_string()
}
