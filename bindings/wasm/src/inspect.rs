//! Permit-based inspections (按证执法) and on-site spot checks, for inspectors' web apps.
//!
//! Local bureaus inspect permitted plants **from a list**: for each key industry a checklist
//! of major items (大项) with minor items (小项), each generated against what this plant's
//! own permit says (one item per outlet, per permitted pollutant, per facility...). The core
//! (`ecorules::inspect`) owns all of it; this module only moves values across the boundary:
//!
//! ```js
//! const insp = Inspection.start(plan, 'cn-permit-dyeing', { inspector: 'No. 7' }, nowSecs);
//! insp.answer({ item: insp.items()[0].id, status: 'non_compliant', evidence: ['IMG_1'], at: nowSecs });
//! localStorage.setItem('insp', new TextDecoder().decode(insp.toBytes()));   // survives a reload
//! const report = Inspection.restore(savedBytes).finish(nowSecs);             // findings + summary
//! report.findings[0].detail.inspection.evidence;                             // ['IMG_1']
//! const spot = plan.onsiteCheck({ outlet: 'DA001', pollutant: 'so2', value: 120, unit: 'ppm', o2: 9, time: nowSecs });
//! ```
//!
//! The request-level functions (`inspection`, `inspectionRestore`, `checklistLoad`,
//! `onsiteCheck`) take the conformance vectors' inputs unchanged and call the core's request
//! runners, so a vector replays identically here, in the CLI, Python and the mobile apps.
//! The package never reads the clock: every time is Unix seconds from the caller. The
//! report's findings are the core's one `Finding` shape (kind `inspection`: `start` the
//! answer's time as ISO 8601 UTC, the item, note and evidence in `detail.inspection`).

use crate::data;
use crate::error::IntoJs;
use crate::json_to_js;
use crate::plan::Plan;
use crate::types::{
    JsAnswer, JsAnswers, JsChecklistInfo, JsChecklistInfos, JsChecklistLoadRequest, JsChecklistRef,
    JsDocuments, JsGeneratedItems, JsInspectionOutcome, JsInspectionReport, JsInspectionRequest,
    JsOnsiteRequest, JsOnsiteResult, JsRestoreRequest, JsSpotMeasurement, JsStartOptions,
};
use ecorules::host::inspect as core_requests;
use ecorules::ErrorCode;
use ecorules::{Answer, Inspection as CoreInspection, SpotMeasurement, StartOptions};
use wasm_bindgen::prelude::*;

/// A JS object read the way the core reads request JSON (unknown fields refused).
fn request<T: serde::de::DeserializeOwned>(value: &JsValue) -> Result<T, JsValue> {
    ecorules::host::parse_request(&data::stringify(value)?).js()
}

/// A host time (JS number of Unix seconds) as the core's integer seconds.
fn seconds(now: f64, what: &str) -> Result<i64, JsValue> {
    if !now.is_finite() || now.fract() != 0.0 || now.abs() > 9.0e15 {
        return Err(crate::error::data(
            ErrorCode::DataRequest,
            format!("`{what}` must be a whole number of Unix seconds, got {now}"),
        ));
    }
    #[allow(clippy::cast_possible_truncation)]
    Ok(now as i64)
}

/// Custom checklist documents (TOML/JSON text or objects) as (name, text) pairs.
fn documents(docs: Option<JsDocuments>, stem: &str) -> Result<Vec<(String, String)>, JsValue> {
    let mut out = Vec::new();
    if let Some(d) = docs {
        let d: &JsValue = d.as_ref();
        if !js_sys::Array::is_array(d) {
            return Err(crate::error::data(
                ErrorCode::DataRequest,
                format!("`{stem}` must be an array"),
            ));
        }
        for (i, item) in js_sys::Array::from(d).iter().enumerate() {
            out.push(data::document(&item, &format!("{stem}[{i}]"))?);
        }
    }
    Ok(out)
}

/// An inspection in progress: generated items and the answers so far. Save it with
/// `toBytes()` after every answer; `Inspection.restore(bytes)` continues it.
#[wasm_bindgen]
#[derive(Debug)]
pub struct Inspection {
    inner: CoreInspection,
}

#[wasm_bindgen]
impl Inspection {
    /// Starts an inspection of `plan`'s permit with checklist `checklistId` (an embedded
    /// one such as `cn-permit-dyeing`, or one of `checklists`: custom checklist packs as
    /// TOML/JSON text or objects) at `now` (Unix seconds).
    pub fn start(
        plan: &Plan,
        #[wasm_bindgen(js_name = checklistId)] checklist_id: &str,
        options: Option<JsStartOptions>,
        now: f64,
        checklists: Option<JsDocuments>,
    ) -> Result<Inspection, JsValue> {
        let options: StartOptions = match options {
            Some(o) => request(o.as_ref())?,
            None => StartOptions::default(),
        };
        let set = core_requests::checklist_catalog(&documents(checklists, "checklists")?).js()?;
        let inner = CoreInspection::start(
            plan.core(),
            &set,
            checklist_id,
            &options,
            seconds(now, "now")?,
        )
        .js()?;
        Ok(Inspection { inner })
    }

    /// Records (or replaces) the answer to one item; an unknown item id is a `DataError`
    /// with a did-you-mean.
    pub fn answer(&mut self, answer: JsAnswer) -> Result<(), JsValue> {
        let answer: Answer = request(answer.as_ref())?;
        self.inner.answer(answer).js()
    }

    /// Every generated item, in checklist order.
    pub fn items(&self) -> Result<JsGeneratedItems, JsValue> {
        json_to_js(&self.inner.items).map(JsCast::unchecked_into)
    }

    /// Items not answered yet, in checklist order.
    #[wasm_bindgen(js_name = openItems)]
    pub fn open_items(&self) -> Result<JsGeneratedItems, JsValue> {
        let open: Vec<_> = self.inner.open_items().collect();
        json_to_js(&open).map(JsCast::unchecked_into)
    }

    /// The answers so far, in the order given.
    pub fn answers(&self) -> Result<JsAnswers, JsValue> {
        json_to_js(&self.inner.answers).map(JsCast::unchecked_into)
    }

    /// The checklist pack the items were generated from (id, version, hash).
    pub fn checklist(&self) -> Result<JsChecklistRef, JsValue> {
        json_to_js(&self.inner.checklist).map(JsCast::unchecked_into)
    }

    /// The inspection saved as bytes (versioned UTF-8 JSON); store them anywhere.
    #[wasm_bindgen(js_name = toBytes)]
    pub fn to_bytes(&self) -> Result<Vec<u8>, JsValue> {
        self.inner.to_bytes().js()
    }

    /// The inspection saved as JSON text (the same content as `toBytes()`).
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> Result<String, JsValue> {
        self.inner.to_json().js()
    }

    /// An inspection continued from `toBytes()` output; anything else is a `StateError`
    /// (`state.bad_inspection`, `state.version`).
    pub fn restore(bytes: &[u8]) -> Result<Inspection, JsValue> {
        Ok(Inspection {
            inner: CoreInspection::restore(bytes).js()?,
        })
    }

    /// Finishes the inspection at `now` (Unix seconds): findings with their legal basis,
    /// unanswered items and the summary. The inspection stays usable.
    pub fn finish(&self, now: f64) -> Result<JsInspectionReport, JsValue> {
        json_to_js(&self.inner.finish(seconds(now, "now")?)).map(JsCast::unchecked_into)
    }
}

#[wasm_bindgen]
impl Plan {
    /// Judges one portable-analyser reading against the limit in force for its outlet
    /// (unit conversion and reference-O2 correction explained in zh and en). Indicative:
    /// the legal judgement is `evaluate` over the standard's averaging period.
    #[wasm_bindgen(js_name = onsiteCheck)]
    pub fn onsite_check(&self, measurement: JsSpotMeasurement) -> Result<JsOnsiteResult, JsValue> {
        let m: SpotMeasurement = request(measurement.as_ref())?;
        let result = ecorules::host::onsite_check(self.core(), &m).js()?;
        json_to_js(&result).map(JsCast::unchecked_into)
    }
}

/// The embedded checklist packs plus `custom` ones (TOML/JSON text or objects), one
/// listing entry each (id, version, hash, title, industry, item counts).
#[wasm_bindgen]
pub fn checklists(custom: Option<JsDocuments>) -> Result<JsChecklistInfos, JsValue> {
    let set = core_requests::checklist_catalog(&documents(custom, "checklists")?).js()?;
    json_to_js(&set.checklists()).map(JsCast::unchecked_into)
}

/// Runs an `InspectionRequest` (the `inspection` vector kind): start, answer in order,
/// save and restore, finish; returns the generated items and the report.
#[wasm_bindgen]
pub fn inspection(request_object: JsInspectionRequest) -> Result<JsInspectionOutcome, JsValue> {
    let req: core_requests::InspectionRequest = request(request_object.as_ref())?;
    json_to_js(&core_requests::run_inspection(&req).js()?).map(JsCast::unchecked_into)
}

/// Restores saved inspection text and finishes it (the `inspection_restore` vector kind).
#[wasm_bindgen(js_name = inspectionRestore)]
pub fn inspection_restore(request_object: JsRestoreRequest) -> Result<JsInspectionReport, JsValue> {
    let req: core_requests::RestoreRequest = request(request_object.as_ref())?;
    json_to_js(&core_requests::run_restore(&req).js()?).map(JsCast::unchecked_into)
}

/// Loads a downloaded checklist pack beside the embedded ones, verified against its
/// published hash when given (the `checklist_load` vector kind); returns its listing entry.
#[wasm_bindgen(js_name = checklistLoad)]
pub fn checklist_load(request_object: JsChecklistLoadRequest) -> Result<JsChecklistInfo, JsValue> {
    let req: core_requests::ChecklistLoadRequest = request(request_object.as_ref())?;
    json_to_js(&core_requests::run_checklist_load(&req).js()?).map(JsCast::unchecked_into)
}

/// Compiles the request's permit and judges its reading (the `onsite_check` vector kind).
#[wasm_bindgen(js_name = onsiteCheck)]
pub fn onsite_check(request_object: JsOnsiteRequest) -> Result<JsOnsiteResult, JsValue> {
    let req: core_requests::OnsiteRequest = request(request_object.as_ref())?;
    json_to_js(&core_requests::run_onsite(&req).js()?).map(JsCast::unchecked_into)
}
