//! JSON-level entry points for inspections and spot checks, as conformance vectors and
//! host bindings call them (`inspection`, `inspection_restore`, `checklist_load`,
//! `onsite_check` kinds; see `tests/vectors/README.md`).

use crate::diag::error::{Error, Result};
use crate::diag::source::SourceText;
use crate::inspect::generate::GeneratedItem;
use crate::inspect::onsite::{check, OnsiteResult, SpotMeasurement};
use crate::inspect::session::{Answer, Inspection, StartOptions};
use crate::inspect::InspectionReport;
use crate::packs::catalog::{Catalog, CatalogKind};
use crate::packs::checklist::ChecklistInfo;
use crate::plan::Plan;
use crate::ErrorCode;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The embedded checklists plus custom checklist documents (name, TOML or JSON text).
/// (Only the checklists: the plan an inspection starts from is compiled on its own.)
pub fn checklist_catalog(custom: &[(String, String)]) -> Result<Catalog> {
    let mut set = Catalog::embedded_of(&[CatalogKind::Checklist])?;
    set.add_all(CatalogKind::Checklist, custom)?;
    Ok(set)
}

fn plan_of(permit: &Value, packs: &[Value]) -> Result<Plan> {
    let custom: Vec<(String, String)> = packs
        .iter()
        .enumerate()
        .map(|(i, p)| (format!("packs[{i}].json"), p.to_string()))
        .collect();
    crate::host::compile_plan("permit.json", &permit.to_string(), &custom)
}

fn named(prefix: &str, docs: &[Value]) -> Vec<(String, String)> {
    docs.iter()
        .enumerate()
        .map(|(i, p)| match p {
            Value::String(s) => (format!("{prefix}[{i}].toml"), s.clone()),
            other => (format!("{prefix}[{i}].json"), other.to_string()),
        })
        .collect()
}

/// Input of the `inspection` kind: start, answer, save, restore, finish.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct InspectionRequest {
    /// Permit (JSON object).
    #[cfg_attr(feature = "wasm", tsify(type = "{ [key: string]: unknown }"))]
    pub permit: Value,
    /// Custom limit packs.
    #[serde(default)]
    #[cfg_attr(feature = "wasm", tsify(type = "{ [key: string]: unknown }[]"))]
    pub packs: Vec<Value>,
    /// Custom checklist packs (JSON objects or TOML text).
    #[serde(default)]
    #[cfg_attr(feature = "wasm", tsify(type = "DocumentInput[]"))]
    pub checklists: Vec<Value>,
    /// Checklist id.
    pub checklist: String,
    /// Start options.
    #[serde(default)]
    pub start: StartOptions,
    /// Start time (Unix seconds).
    pub started_at: i64,
    /// Answers, recorded in order.
    #[serde(default)]
    pub answers: Vec<Answer>,
    /// Finish time (Unix seconds).
    pub finished_at: i64,
}

/// Output of the `inspection` kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct InspectionOutcome {
    /// The generated items.
    pub items: Vec<GeneratedItem>,
    /// The finished report.
    pub report: InspectionReport,
}

/// Runs an [`InspectionRequest`]; the inspection is saved and restored before finishing.
pub fn run_inspection(req: &InspectionRequest) -> Result<InspectionOutcome> {
    let plan = plan_of(&req.permit, &req.packs)?;
    let set = checklist_catalog(&named("checklists", &req.checklists))?;
    let mut insp = Inspection::start(&plan, &set, &req.checklist, &req.start, req.started_at)?;
    for (i, a) in req.answers.iter().enumerate() {
        insp.answer(a.clone())
            .map_err(|e| e.with_path(format!("answers[{i}].item")))?;
    }
    let restored = Inspection::restore(&insp.to_bytes()?)?;
    Ok(InspectionOutcome {
        items: restored.items.clone(),
        report: restored.finish(req.finished_at),
    })
}

/// Input of the `inspection_restore` kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct RestoreRequest {
    /// The saved bytes, as text.
    pub state: String,
    /// Finish time (Unix seconds).
    pub finished_at: i64,
}

/// Restores a saved inspection and finishes it.
pub fn run_restore(req: &RestoreRequest) -> Result<InspectionReport> {
    Ok(Inspection::restore(req.state.as_bytes())?.finish(req.finished_at))
}

/// Input of the `checklist_load` kind: add a (downloaded) pack to the embedded set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct ChecklistLoadRequest {
    /// The pack (JSON object or TOML text).
    #[cfg_attr(feature = "wasm", tsify(type = "DocumentInput"))]
    pub pack: Value,
    /// The published content hash; when given, the pack must match it.
    #[serde(default)]
    pub expected_hash: Option<String>,
}

/// Loads a checklist pack into the embedded set; returns its listing entry.
pub fn run_checklist_load(req: &ChecklistLoadRequest) -> Result<ChecklistInfo> {
    let mut set = Catalog::embedded_of(&[CatalogKind::Checklist])?;
    let (name, text) = named("pack", std::slice::from_ref(&req.pack))
        .into_iter()
        .next()
        .ok_or_else(|| Error::internal(ErrorCode::InternalBug, "no pack"))?;
    let src = SourceText::new(name, text);
    let id = match &req.expected_hash {
        Some(h) => set.add_verified(CatalogKind::Checklist, &src, h)?.id,
        None => set.add(CatalogKind::Checklist, &src)?.id,
    };
    set.checklists()
        .into_iter()
        .find(|i| i.reference.id == id)
        .ok_or_else(|| Error::internal(ErrorCode::InternalBug, "loaded checklist vanished"))
}

/// Input of the `onsite_check` kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct OnsiteRequest {
    /// Permit (JSON object).
    #[cfg_attr(feature = "wasm", tsify(type = "{ [key: string]: unknown }"))]
    pub permit: Value,
    /// Custom limit packs.
    #[serde(default)]
    #[cfg_attr(feature = "wasm", tsify(type = "{ [key: string]: unknown }[]"))]
    pub packs: Vec<Value>,
    /// The reading.
    pub measurement: SpotMeasurement,
}

/// Runs an [`OnsiteRequest`].
pub fn run_onsite(req: &OnsiteRequest) -> Result<OnsiteResult> {
    let plan = plan_of(&req.permit, &req.packs)?;
    check(&plan, &req.measurement)
}
