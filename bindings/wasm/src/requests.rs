//! JSON-level calls for compliance assessment and warnings, and the streaming monitor.
//!
//! `comply(request)` and `warnings(request)` take the same request objects as the
//! conformance vectors and the CLI (`ComplyRequest`, `WarningsRequest`; see the core's
//! `comply` and `warn` modules) and return the core's report JSON.
//!
//! `Monitor` is the warning engine's streaming form: push readings as they arrive, `tick`
//! with the host's "now" (the package never reads the clock), and `snapshot()` the state to
//! a `Uint8Array` so a worker can be restarted with `Monitor.restore` without losing alarms.
//! Every alarm event is the core's one `Finding` shape (kind `alarm`, the event, peak and
//! signals in `detail.alarm`), as in `WarningsReport.alarms`.

use crate::data;
use crate::error::IntoJs;
use crate::json_to_js;
use crate::plan::Plan;
use crate::types::{
    JsComplianceReport, JsData, JsDocuments, JsFindings, JsObject, JsRuleStats, JsWarningsReport,
};
use ecorules::ErrorCode;
use ecorules::{CompiledPack, Monitor as CoreMonitor, MonitorOptions};
use wasm_bindgen::prelude::*;

/// A request object read the way the core reads request JSON (unknown fields refused).
fn request<T: serde::de::DeserializeOwned>(value: &JsValue) -> Result<T, JsValue> {
    ecorules::host::parse_request(&data::stringify(value)?).js()
}

/// Runs a compliance assessment (`ComplyRequest`: permit, packs, method packs, data,
/// records, options `{period, methods, as_of?}`) and returns the `ComplianceReport`.
#[wasm_bindgen]
pub fn comply(request_object: JsObject) -> Result<JsComplianceReport, JsValue> {
    let req: ecorules::host::ComplyRequest = request(&request_object)?;
    let report = ecorules::host::comply_request(&req).js()?;
    json_to_js(&report).map(JsCast::unchecked_into)
}

/// Runs warning packs over a batch (`WarningsRequest`: permit, warnings, data, records,
/// now, options) and returns `{alarms, stats}` (`alarms`: `Finding`s of kind `alarm`).
#[wasm_bindgen]
pub fn warnings(request_object: JsObject) -> Result<JsWarningsReport, JsValue> {
    let req: ecorules::host::WarningsRequest = request(&request_object)?;
    let report = ecorules::host::warnings_request(&req).js()?;
    json_to_js(&report).map(JsCast::unchecked_into)
}

fn warning_packs(packs: &JsValue) -> Result<Vec<CompiledPack>, JsValue> {
    if !js_sys::Array::is_array(packs) {
        return Err(crate::error::data(
            ErrorCode::DataRequest,
            "warning packs must be an array of embedded pack ids, pack texts or pack objects",
        ));
    }
    let mut out = Vec::new();
    for (i, item) in js_sys::Array::from(packs).iter().enumerate() {
        let pack = match item.as_string() {
            // An embedded pack id (no newline, no `=`), else a pack document.
            Some(s)
                if !s.contains('\n') && !s.contains('=') && !s.trim_start().starts_with('{') =>
            {
                ecorules::host::warning_pack(&s, None).js()?
            }
            _ => {
                let (name, text) = data::document(&item, &format!("warnings[{i}]"))?;
                ecorules::host::warning_pack(&name, Some(&text)).js()?
            }
        };
        out.push(pack);
    }
    Ok(out)
}

/// Alarm events as the core writes them: an `Alarm` serialises as its `Finding` (kind `alarm`).
fn alarms_to_js(alarms: &[ecorules::Alarm]) -> Result<JsFindings, JsValue> {
    json_to_js(&alarms).map(JsCast::unchecked_into)
}

/// The streaming warning monitor of one plan.
#[wasm_bindgen]
#[derive(Debug)]
pub struct Monitor {
    inner: CoreMonitor,
    packs: Vec<CompiledPack>,
}

#[wasm_bindgen]
impl Monitor {
    /// A monitor for `plan` running `packs` (embedded warning-pack ids, or pack TOML/JSON
    /// text or objects); `lateness` = seconds data may arrive late.
    pub fn create(
        plan: &Plan,
        packs: JsDocuments,
        lateness: Option<f64>,
    ) -> Result<Monitor, JsValue> {
        let packs = warning_packs(packs.as_ref())?;
        #[allow(clippy::cast_possible_truncation)]
        let options = MonitorOptions {
            lateness: lateness.unwrap_or(0.0) as i64,
        };
        let inner = CoreMonitor::with_options(plan.core(), &packs, options).js()?;
        Ok(Monitor { inner, packs })
    }

    /// Pushes new readings (any data shape `Plan.evaluate` accepts); returns alarm events
    /// (`Finding`s of kind `alarm`, times as ISO 8601 text in the outlet's zone).
    pub fn push(&mut self, data: JsData) -> Result<JsFindings, JsValue> {
        let readings = data::readings(&data, &ecorules::LoadOptions::default())?;
        let alarms = self.inner.push(&readings).js()?;
        alarms_to_js(&alarms)
    }

    /// Closes every pending window (end of a batch); returns alarm events.
    pub fn flush(&mut self) -> Result<JsFindings, JsValue> {
        let alarms = self.inner.flush();
        alarms_to_js(&alarms)
    }

    /// Advances the clock to `now` (Unix seconds, given by the host); returns alarm events.
    pub fn tick(&mut self, now: f64) -> Result<JsFindings, JsValue> {
        #[allow(clippy::cast_possible_truncation)]
        let alarms = self.inner.tick(now as i64).js()?;
        alarms_to_js(&alarms)
    }

    /// Enterprise records for deadline rules (`EnterpriseRecords` JSON).
    #[wasm_bindgen(js_name = setRecords)]
    pub fn set_records(&mut self, records: JsObject) -> Result<(), JsValue> {
        let r = request(&records)?;
        self.inner.set_records(r).js()
    }

    /// The alarms open now.
    #[wasm_bindgen(js_name = openAlarms)]
    pub fn open_alarms(&self) -> Result<JsFindings, JsValue> {
        alarms_to_js(&self.inner.open_alarms())
    }

    /// Per-rule totals.
    pub fn stats(&self) -> Result<JsRuleStats, JsValue> {
        json_to_js(&self.inner.stats()).map(JsCast::unchecked_into)
    }

    /// The monitor's state as bytes (store it; `Monitor.restore` continues from it).
    pub fn snapshot(&self) -> Vec<u8> {
        self.inner.snapshot()
    }

    /// A monitor continued from `snapshot()` bytes, for the same plan and packs.
    pub fn restore(plan: &Plan, packs: JsDocuments, bytes: &[u8]) -> Result<Monitor, JsValue> {
        let packs = warning_packs(packs.as_ref())?;
        let inner = CoreMonitor::restore(plan.core(), &packs, bytes).js()?;
        Ok(Monitor { inner, packs })
    }

    /// Number of warning packs running.
    #[wasm_bindgen(getter, js_name = packCount)]
    pub fn pack_count(&self) -> u32 {
        u32::try_from(self.packs.len()).unwrap_or(u32::MAX)
    }
}
