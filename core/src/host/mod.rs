//! The entry points every host binding calls, so that bindings stay thin.
//!
//! A binding converts its host's types (a JS object, a Python dict, a Kotlin string) into
//! text or columns, calls these functions, and converts the result back. Nothing here is
//! host-specific, and nothing a binding does goes around it.

use crate::diag::error::{Error, Result};
use crate::ingest::readings::LoadOptions;
use crate::packs::catalog::{Catalog, PackInfo};
use crate::ErrorCode;
use serde::{Deserialize, Serialize};

pub use crate::ingest::readings::{load_data, DataFormat};
pub use crate::plan::compile_plan;

/// Lists every pack of a catalog, of every kind (see [`Catalog::list`]).
pub fn list_packs(catalog: &Catalog) -> Vec<PackInfo> {
    catalog.list()
}

/// The input of an `evaluate` conformance vector (and of the JSON-level host call).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EvaluateRequest {
    /// The permit document (JSON object).
    pub permit: serde_json::Value,
    /// Custom packs (JSON objects), added to the embedded ones.
    #[serde(default)]
    pub packs: Vec<serde_json::Value>,
    /// The data, as a [`readings::json::DataDocument`].
    pub data: serde_json::Value,
    /// Load options (duplicates, naive time zone).
    #[serde(default)]
    pub load: LoadOptions,
    /// Evaluation options.
    #[serde(default)]
    pub options: crate::judge::EvaluateOptions,
}

/// Runs an [`EvaluateRequest`] end to end.
pub fn evaluate_request(req: &EvaluateRequest) -> Result<crate::report::Report> {
    let custom: Vec<(String, String)> = req
        .packs
        .iter()
        .enumerate()
        .map(|(i, p)| (format!("packs[{i}].json"), p.to_string()))
        .collect();
    let plan = compile_plan("permit.json", &req.permit.to_string(), &custom)?;
    let data = load_data(&req.data.to_string(), DataFormat::Json, &req.load)?;
    plan.evaluate_with(&data, &req.options)
}

/// Parses a JSON request, mapping syntax errors to the envelope.
pub fn parse_request<T: serde::de::DeserializeOwned>(json: &str) -> Result<T> {
    serde_json::from_str(json).map_err(|e| {
        Error::data(ErrorCode::DataRequest, format!("malformed request: {e}")).at(
            u32::try_from(e.line()).unwrap_or(0),
            u32::try_from(e.column()).unwrap_or(0),
        )
    })
}

/// Runs a compliance assessment request (permit, packs, method packs, data, records, options)
/// end to end; see [`crate::judge::comply`].
pub fn comply_request(
    req: &crate::judge::comply::ComplyRequest,
) -> Result<crate::report::compliance::ComplianceReport> {
    crate::judge::comply::comply_request(req)
}

/// Summary of one compliance-method pack, for listings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct MethodInfo {
    /// Id.
    pub id: String,
    /// Version.
    pub version: String,
    /// Engine logic.
    pub method: crate::packs::method::MethodKind,
    /// Title.
    pub title: String,
    /// Jurisdiction.
    pub jurisdiction: String,
    /// Source standard.
    pub standard: String,
    /// How far the source was checked.
    pub status: crate::packs::standard::model::SourceStatus,
    /// Content hash.
    pub hash: String,
    /// Condition ids.
    pub conditions: Vec<String>,
}

/// Lists the method packs of a catalog, with their engine logic and conditions.
pub fn list_methods(catalog: &Catalog) -> Vec<MethodInfo> {
    catalog
        .method_set()
        .iter()
        .map(|m| MethodInfo {
            id: m.pack.id.clone(),
            version: m.pack.version.clone(),
            method: m.pack.method,
            title: m.pack.title.clone(),
            jurisdiction: m.pack.jurisdiction.clone(),
            standard: m.pack.source.standard.clone(),
            status: m.pack.source.status,
            hash: m.hash.clone(),
            conditions: m.pack.conditions.iter().map(|c| c.id.clone()).collect(),
        })
        .collect()
}

/// Runs a warnings request (permit, warning packs, data, enterprise records, "now") end
/// to end: the JSON-level call behind the `warnings` conformance vectors.
pub fn warnings_request(
    req: &crate::judge::warn::WarningsRequest,
) -> Result<crate::judge::warn::WarningsReport> {
    crate::judge::warn::warnings_request(req)
}

/// Compiles a warning pack document (TOML or JSON text), or returns the embedded warning
/// pack of that id when `text` is `None`.
pub fn warning_pack(name: &str, text: Option<&str>) -> Result<crate::judge::warn::CompiledPack> {
    match text {
        Some(t) => crate::judge::warn::load_pack(name, t),
        None => crate::judge::warn::embedded_pack(name),
    }
}

/// The packs a permit may cite: the embedded standard and validity packs plus custom ones
/// (name, TOML or JSON text).
pub fn catalog_with(custom: &[(String, String)]) -> Result<Catalog> {
    Catalog::with_standards(custom)
}

/// Host tables as columns (DataFrames, Arrow tables, numpy arrays): the header conventions
/// and the zero-copy assembly of [`Readings`]; see [`crate::ingest::readings::table`].
pub use crate::ingest::readings::table::{
    classify_header, readings_from_long, readings_from_wide, FlagCells, KeyCodes, Layout,
    LongTable, RowKeys, TextCells, TimeCells, ValueColumn, WideColumnSpec, WideTable,
};
pub mod inspect;
mod listings;
pub use listings::{judged_windows, rules, RuleInfo, WindowRow};

// What hosts convert from and to, beyond the crate's face: loaders per format, schemas,
// time-zone helpers, columnar tables and the request runners of every engine.
pub use crate::domain::zones::{format_local, parse_time, zone, EMBEDDED_ZONES};
pub use crate::ingest::hj212::crc::crc_hex;
pub use crate::ingest::readings::csv::{load_csv, load_csv_reader};
pub use crate::ingest::readings::json::{from_document, load_json, to_document, SeriesData};
pub use crate::ingest::readings::lookup_pollutant;
pub use crate::inspect::onsite::check as onsite_check;
pub use crate::judge::comply::{assess, assess_with, ComplyRequest};
pub use crate::judge::warn::data::load_json as load_signals_json;
pub use crate::judge::warn::signals::lookup as lookup_signal;
pub use crate::judge::warn::{
    catalog_pack, compiled as compiled_warnings, embedded_pack, embedded_packs, evaluate_batch,
    load_pack, resolve_now, WarningsRequest,
};
pub use crate::packs::checklist::model::ItemBasis;
pub use crate::packs::checklist::model::{checklist_schema, Group};
pub use crate::packs::checklist::{
    checklist_hash, parse_checklist, EMBEDDED as EMBEDDED_CHECKLISTS,
};
pub use crate::packs::embedded::{CHECKLISTS, METHODS, STANDARDS, VALIDITY, WARNINGS};
pub use crate::packs::schema::{method_schema, pack_schema, permit_schema};
pub use crate::packs::warning::LoadedWarning;
