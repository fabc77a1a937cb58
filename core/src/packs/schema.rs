//! JSON Schemas of packs and permits, generated from the serde types.

/// The JSON Schema of a rule pack, pretty-printed.
pub fn pack_schema() -> String {
    serde_json::to_string_pretty(&schemars::schema_for!(crate::packs::standard::model::Pack))
        .unwrap_or_default()
}

/// The JSON Schema of a permit, pretty-printed.
pub fn permit_schema() -> String {
    serde_json::to_string_pretty(&schemars::schema_for!(crate::packs::permit::Permit))
        .unwrap_or_default()
}

/// The JSON Schema of a compliance-method pack, pretty-printed.
pub fn method_schema() -> String {
    crate::packs::method::method_schema()
}
