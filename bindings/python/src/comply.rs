//! Compliance methods: a permit's data (and DMR / industrial-user / state records) over a
//! period, judged by published methods (China's automatic-monitoring rules, EU IED, US
//! NPDES, mass caps) into the core's `ComplianceReport`, returned as JSON.
//!
//! The steps are those of `ecorules::host::comply_request` — embedded method packs plus
//! custom ones, the data, then `assess_with` — with the data arriving as host columns.

use crate::columns::HeldData;
use crate::guard::{core, guarded};
use crate::plan::Plan;
use ecorules::LoadOptions;
use ecorules::SourceText;
use ecorules::{Catalog, CatalogKind, ComplyOptions, Records};
use pyo3::prelude::*;

/// Assesses a plan over a period; `method_packs` are `(name, text)` documents added to the
/// embedded method packs. Returns the `ComplianceReport` as JSON.
#[pyfunction]
#[pyo3(signature = (plan, data, load_json, method_packs, records_json, options_json))]
pub fn comply(
    py: Python<'_>,
    plan: &Plan,
    data: Option<&Bound<'_, PyAny>>,
    load_json: &str,
    method_packs: Vec<(String, String)>,
    records_json: Option<&str>,
    options_json: &str,
) -> PyResult<String> {
    guarded(py, || {
        let plan = plan.inner();
        let opts: ComplyOptions = core(py, ecorules::host::parse_request(options_json))?;
        let records: Records = match records_json {
            Some(j) => core(py, ecorules::host::parse_request(j))?,
            None => Records::default(),
        };
        let load: LoadOptions = core(py, ecorules::host::parse_request(load_json))?;
        let mut methods = core(py, Catalog::embedded_of(&[CatalogKind::Method]))?;
        for (name, text) in method_packs {
            let src = SourceText::new(name, text);
            core(py, methods.add(CatalogKind::Method, &src).map(|_| ()))?;
        }
        let held = data.map(|d| HeldData::extract(py, d)).transpose()?;
        let view = held.as_ref().map(|h| h.view(py)).transpose()?;
        let run = |r: &ecorules::Readings<'_>| {
            ecorules::host::assess_with(plan, &methods, r, &records, &opts)
        };
        let report = py.detach(|| match &view {
            Some(v) => v.with_readings(&load, run),
            None => run(&ecorules::Readings::new()),
        });
        Ok(serde_json::to_string(&core(py, report)?).unwrap_or_default())
    })
}

/// The embedded compliance-method packs, as JSON (`ecorules::host::list_methods`).
#[pyfunction]
pub fn methods_json(py: Python<'_>) -> PyResult<String> {
    guarded(py, || {
        let set = core(py, Catalog::embedded_of(&[CatalogKind::Method]))?;
        Ok(serde_json::to_string(&ecorules::host::list_methods(&set)).unwrap_or_default())
    })
}
