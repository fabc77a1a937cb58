//! `Plan`: a permit compiled once against the embedded (and any custom) rule packs.
//!
//! Compiling checks everything that can be checked without data (pollutant codes, pack
//! citations, units, time zones) and fails with a `PermitError`/`PackError` pointing at the
//! offending line. The handle lives in WebAssembly memory: call `free()` when done, or let
//! the `FinalizationRegistry` release it when the JS object is collected.

use crate::data;
use crate::error::IntoJs;
use crate::readings::Readings;
use crate::types::{
    JsData, JsDocument, JsDocuments, JsEvaluateOptions, JsJudgedWindows, JsLoadOptions, JsObject,
    JsPackRefs, JsReport, JsRuleInfos, JsStrings,
};
use crate::{json_to_js, parse_json};
use ecorules::ErrorCode;
use ecorules::EvaluateOptions;
use ecorules::LoadOptions;
use wasm_bindgen::prelude::*;

/// A compiled permit. Immutable; evaluate it as often as you like.
#[wasm_bindgen]
#[derive(Debug)]
pub struct Plan {
    inner: ecorules::Plan,
}

#[wasm_bindgen]
impl Plan {
    /// Compiles a permit (TOML/JSON text or a JSON object) with the embedded packs plus
    /// `packs` (custom packs, text or objects). `permitName` names the permit in errors
    /// (default `permit.toml` / `permit.json`).
    pub fn compile(
        permit: JsDocument,
        packs: Option<JsDocuments>,
        #[wasm_bindgen(js_name = permitName)] permit_name: Option<String>,
    ) -> Result<Plan, JsValue> {
        let (default_name, text) = data::document(&permit, "permit")?;
        let name = permit_name.unwrap_or(default_name);
        let mut custom = Vec::new();
        if let Some(p) = packs {
            let p: &JsValue = p.as_ref();
            if !js_sys::Array::is_array(p) {
                return Err(crate::error::data(
                    ErrorCode::DataRequest,
                    "`packs` must be an array",
                ));
            }
            for (i, item) in js_sys::Array::from(p).iter().enumerate() {
                custom.push(data::document(&item, &format!("packs[{i}]"))?);
            }
        }
        Ok(Plan {
            inner: ecorules::host::compile_plan(&name, &text, &custom).js()?,
        })
    }

    /// Evaluates data (JSON data document, typed arrays, or CSV/JSON text).
    pub fn evaluate(
        &self,
        data: JsData,
        options: Option<JsEvaluateOptions>,
        load: Option<JsLoadOptions>,
    ) -> Result<JsReport, JsValue> {
        let load: LoadOptions = data::options(load.as_ref().map(AsRef::as_ref), "load options")?;
        let readings = data::readings(&data, &load)?;
        self.run(&readings, options)
    }

    /// Evaluates data loaded once into a `Readings` handle.
    #[wasm_bindgen(js_name = evaluateReadings)]
    pub fn evaluate_readings(
        &self,
        readings: &Readings,
        options: Option<JsEvaluateOptions>,
    ) -> Result<JsReport, JsValue> {
        self.run(&readings.inner, options)
    }

    /// The judged windows of one rule (e.g. the hourly averages of `rule_id` for a chart);
    /// throws a `PermitError` (`permit.unknown_rule`) if the outlet or rule is not in the plan.
    #[wasm_bindgen(js_name = judgedWindows)]
    pub fn judged_windows(
        &self,
        readings: &Readings,
        outlet: &str,
        #[wasm_bindgen(js_name = ruleId)] rule_id: &str,
        options: Option<JsEvaluateOptions>,
    ) -> Result<JsJudgedWindows, JsValue> {
        let opts: EvaluateOptions =
            data::options(options.as_ref().map(AsRef::as_ref), "evaluate options")?;
        let rows =
            ecorules::host::judged_windows(&self.inner, &readings.inner, outlet, rule_id, &opts)
                .js()?;
        json_to_js(&rows).map(JsCast::unchecked_into)
    }

    /// Every compiled rule: outlet, pollutant, period, limits (in the data unit), rule id.
    pub fn rules(&self) -> Result<JsRuleInfos, JsValue> {
        json_to_js(&ecorules::host::rules(&self.inner)).map(JsCast::unchecked_into)
    }

    /// The permit's outlet ids.
    pub fn outlets(&self) -> JsStrings {
        let arr = js_sys::Array::new();
        for o in self.inner.outlets() {
            arr.push(&JsValue::from_str(&o.id));
        }
        arr.unchecked_into()
    }

    /// The packs the plan cites (id, version, content hash).
    pub fn packs(&self) -> Result<JsPackRefs, JsValue> {
        json_to_js(&self.inner.packs()).map(JsCast::unchecked_into)
    }

    /// The parsed permit, as JSON.
    pub fn permit(&self) -> Result<JsObject, JsValue> {
        let text = serde_json::to_string(self.inner.permit())
            .map_err(|e| crate::error::internal(&e.to_string()))?;
        parse_json(&text).map(JsCast::unchecked_into)
    }
}

impl Plan {
    /// The core plan.
    pub(crate) fn core(&self) -> &ecorules::Plan {
        &self.inner
    }

    fn run(
        &self,
        readings: &ecorules::Readings<'_>,
        options: Option<JsEvaluateOptions>,
    ) -> Result<JsReport, JsValue> {
        let opts: EvaluateOptions =
            data::options(options.as_ref().map(AsRef::as_ref), "evaluate options")?;
        let report = self.inner.evaluate_with(readings, &opts).js()?;
        json_to_js(&report).map(JsCast::unchecked_into)
    }
}
