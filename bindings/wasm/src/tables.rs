//! The core's flat tables (one row per finding, event, statistic, note, compliance condition,
//! compliance finding, mass cap or alarm) for spreadsheets and grids: the same columns the
//! CLI's CSV and Python's DataFrames have.

use crate::error::IntoJs;
use crate::json_to_js;
use crate::types::{JsComplianceReport, JsReport, JsTable, JsWarningsReport};
use wasm_bindgen::prelude::*;

/// One table of an evaluation report: `findings` (default), `events`, `statistics` or `notes`.
#[wasm_bindgen(js_name = reportTable)]
pub fn report_table(report: JsReport, table: Option<String>) -> Result<JsTable, JsValue> {
    let r: ecorules::Report = crate::data::value(&report, "report")?;
    let t = r.table(table.as_deref().unwrap_or("findings")).js()?;
    json_to_js(&t).map(JsCast::unchecked_into)
}

/// One table of a compliance report: `conditions` (default), `findings` or `caps`.
#[wasm_bindgen(js_name = complianceTable)]
pub fn compliance_table(
    report: JsComplianceReport,
    table: Option<String>,
) -> Result<JsTable, JsValue> {
    let r: ecorules::ComplianceReport = crate::data::value(&report, "compliance report")?;
    let t = r.table(table.as_deref().unwrap_or("conditions")).js()?;
    json_to_js(&t).map(JsCast::unchecked_into)
}

/// The `alarms` table of a warnings report.
#[wasm_bindgen(js_name = warningsTable)]
pub fn warnings_table(report: JsWarningsReport, table: Option<String>) -> Result<JsTable, JsValue> {
    let r: ecorules::WarningsReport = crate::data::value(&report, "warnings report")?;
    let t = r.table(table.as_deref().unwrap_or("alarms")).js()?;
    json_to_js(&t).map(JsCast::unchecked_into)
}
