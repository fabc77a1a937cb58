//! # ecorules for JavaScript (npm package `ecorules`)
//!
//! The WebAssembly binding of the ecorules core: provincial monitoring platforms judge
//! CEMS and wastewater data against discharge permits in the browser or in Node with the
//! very engine the CLI, Python and mobile apps use. The binding is thin: it converts JS
//! values into the core's inputs (text, columns) and the core's outputs into plain JS
//! objects whose JSON is byte-for-byte the core's serde JSON.
//!
//! ```js
//! import { Plan } from 'ecorules';
//! const plan = Plan.compile(permitToml);            // compile once
//! const report = plan.evaluate(csvText);             // findings, events, statistics
//! plan.free();                                       // or let FinalizationRegistry do it
//! ```
//!
//! - [`plan::Plan`]: a compiled permit; `evaluate`, `judgedWindows`, `rules`.
//! - [`readings::Readings`]: monitoring data loaded once (CSV, JSON, typed arrays).
//! - [`inspect::Inspection`]: permit-based inspections (checklists, save/restore, findings);
//!   `plan.onsiteCheck` judges a portable analyser's reading.
//! - [`error`]: every failure is an `EcorulesError` carrying the core's envelope.
//! - [`types`]: the TypeScript declarations of what is not a core wire type (the core's wire
//!   types, `Finding` among them, derive theirs with tsify).
//!
//! Every finding of every engine (limits, compliance conditions, alarms, inspections) is the
//! core's one `Finding`: a common head and a `detail` tagged by its kind.
//!
//! The package never reads the clock or the network: "now" and every period bound come from
//! the caller (`EvaluateOptions.from/to`).

pub mod data;
pub mod error;
pub mod hj212;
pub mod inspect;
pub mod plan;
pub mod readings;
pub mod requests;
pub mod tables;
pub mod types;

use error::IntoJs;
use wasm_bindgen::prelude::*;

/// Runs when the module is instantiated: installs the panic hook.
#[wasm_bindgen(start)]
fn start() {
    error::install_panic_hook();
}

/// The library version (the core's crate version).
#[wasm_bindgen]
pub fn version() -> String {
    ecorules::VERSION.to_string()
}

/// The embedded rule packs (standards and validity rules), one summary each.
#[wasm_bindgen]
pub fn packs() -> Result<types::JsPackInfos, JsValue> {
    let set = ecorules::Catalog::embedded().js()?;
    json_to_js(&ecorules::host::list_packs(&set)).map(JsCast::unchecked_into)
}

/// The JSON Schema of a rule pack (as an object).
///
/// The committed `rules/schema/*.json` files are embedded as text instead of calling
/// `ecorules::schema::*_schema()`: generating them at run time pulls schemars and every
/// `JsonSchema` impl into the `.wasm` (the core's tests keep the files current).
#[wasm_bindgen(js_name = packSchema)]
pub fn pack_schema() -> Result<types::JsObject, JsValue> {
    parse_json(include_str!("../../../rules/schema/pack.schema.json")).map(JsCast::unchecked_into)
}

/// The JSON Schema of a permit (as an object).
#[wasm_bindgen(js_name = permitSchema)]
pub fn permit_schema() -> Result<types::JsObject, JsValue> {
    parse_json(include_str!("../../../rules/schema/permit.schema.json")).map(JsCast::unchecked_into)
}

/// The JSON Schema of an inspection checklist pack (as an object).
#[wasm_bindgen(js_name = checklistSchema)]
pub fn checklist_schema() -> Result<types::JsObject, JsValue> {
    parse_json(include_str!("../../../rules/schema/checklist.schema.json"))
        .map(JsCast::unchecked_into)
}

/// Serialises with serde_json (the core's JSON, NaN as `null`) and parses it in JS: the
/// result is a plain object equal to the core's JSON, and one `JSON.parse` is faster than
/// building the object field by field across the boundary.
pub(crate) fn json_to_js<T: serde::Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value).map_err(|e| error::internal(&e.to_string()))?;
    parse_json(&text)
}

pub(crate) fn parse_json(text: &str) -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(text).map_err(|_| error::internal("JSON.parse failed on engine output"))
}

/// Throws an `InternalError` from inside Rust, to test that no panic reaches JS as a trap.
#[doc(hidden)]
#[wasm_bindgen(js_name = __panicForTests)]
#[allow(clippy::panic)]
pub fn panic_for_tests() {
    panic!("deliberate panic for the test suite");
}
