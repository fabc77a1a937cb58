//! Early warnings: warning rules over history (`warnings`) and the streaming [`Monitor`].
//!
//! Warning packs arrive as `(name, text)` pairs — `text = None` names an embedded pack by
//! id — and are compiled by `ecorules::host::warning_pack`. Alarms leave as the JSON of the
//! core's `Finding` of kind `alarm` (`Alarm::view`, the same in every binding); the Python
//! side wraps them in its one typed `Finding`. `push`, `tick` and the batch run release the
//! GIL; snapshots are the core's versioned bytes, restored only against the same plan and
//! packs (else `StateError`).

use crate::columns::HeldData;
use crate::guard::{core, guarded};
use crate::plan::Plan;
use ecorules::LoadOptions;
use ecorules::TimeValue;
use ecorules::{CompiledPack, EnterpriseRecords, MonitorOptions};
use pyo3::prelude::*;
use pyo3::types::PyBytes;

/// A warning pack as handed over by Python: `(name, None)` is an embedded pack id,
/// `(name, Some(text))` a TOML or JSON document.
type PackSpec = (String, Option<String>);

fn compile_packs(py: Python<'_>, specs: &[PackSpec]) -> PyResult<Vec<CompiledPack>> {
    specs
        .iter()
        .map(|(name, text)| core(py, ecorules::host::warning_pack(name, text.as_deref())))
        .collect()
}

fn records(py: Python<'_>, json: Option<&str>) -> PyResult<Option<EnterpriseRecords>> {
    json.map(|j| core(py, ecorules::host::parse_request(j)))
        .transpose()
}

fn now(py: Python<'_>, plan: &ecorules::Plan, json: &str) -> PyResult<i64> {
    let t: TimeValue = core(py, ecorules::host::parse_request(json))?;
    core(py, ecorules::host::resolve_now(plan, &t))
}

fn alarms_json(alarms: &[ecorules::Alarm]) -> String {
    serde_json::to_string(alarms).unwrap_or_default()
}

/// Runs warning packs over history: push everything into a fresh monitor, flush, tick at
/// `now` (JSON: Unix seconds or ISO text). Returns the `WarningsReport` as JSON.
#[pyfunction]
#[pyo3(signature = (plan, data, load_json, packs, records_json, now_json, options_json))]
#[allow(clippy::too_many_arguments)]
pub fn warnings(
    py: Python<'_>,
    plan: &Plan,
    data: Option<&Bound<'_, PyAny>>,
    load_json: &str,
    packs: Vec<PackSpec>,
    records_json: Option<&str>,
    now_json: Option<&str>,
    options_json: &str,
) -> PyResult<String> {
    guarded(py, || {
        let plan = plan.inner();
        let packs = compile_packs(py, &packs)?;
        let load: LoadOptions = core(py, ecorules::host::parse_request(load_json))?;
        let opts: MonitorOptions = core(py, ecorules::host::parse_request(options_json))?;
        let records = records(py, records_json)?;
        let held = data.map(|d| HeldData::extract(py, d)).transpose()?;
        let view = held.as_ref().map(|h| h.view(py)).transpose()?;
        let now = now_json.map(|j| now(py, plan, j)).transpose()?;
        let run = |r: &ecorules::Readings<'_>| {
            ecorules::host::evaluate_batch(plan, &packs, r, records.clone(), now, opts)
        };
        let result = py.detach(|| match &view {
            Some(v) => v.with_signal_readings(&load, run),
            None => run(&ecorules::Readings::new()),
        });
        let r = core(py, result)?;
        let out = ecorules::WarningsReport {
            alarms: r.alarms.iter().map(ecorules::Alarm::view).collect(),
            stats: r.stats,
        };
        Ok(serde_json::to_string(&out).unwrap_or_default())
    })
}

/// The embedded warning packs, as JSON: id, version, title and rule ids of each.
#[pyfunction]
pub fn warning_packs_json(py: Python<'_>) -> PyResult<String> {
    guarded(py, || {
        let packs = core(py, ecorules::host::embedded_packs())?;
        let list: Vec<serde_json::Value> = packs
            .iter()
            .map(|p| {
                serde_json::json!({
                    "id": p.id,
                    "version": p.version,
                    "title": p.title,
                    "rules": p.rules.iter().map(|r| r.id.to_string()).collect::<Vec<_>>(),
                })
            })
            .collect();
        Ok(serde_json::Value::Array(list).to_string())
    })
}

/// The streaming warning monitor (the core's `ecorules::Monitor`).
#[pyclass(module = "ecorules._ecorules")]
#[derive(Debug)]
pub struct Monitor {
    inner: ecorules::Monitor,
    packs: Vec<CompiledPack>,
}

#[pymethods]
impl Monitor {
    /// Binds the warning packs to the plan's outlets.
    #[new]
    #[pyo3(signature = (plan, packs, records_json, options_json))]
    fn new(
        py: Python<'_>,
        plan: &Plan,
        packs: Vec<PackSpec>,
        records_json: Option<&str>,
        options_json: &str,
    ) -> PyResult<Monitor> {
        guarded(py, || {
            let packs = compile_packs(py, &packs)?;
            let opts: MonitorOptions = core(py, ecorules::host::parse_request(options_json))?;
            let mut inner = core(
                py,
                ecorules::Monitor::with_options(plan.inner(), &packs, opts),
            )?;
            if let Some(r) = records(py, records_json)? {
                core(py, inner.set_records(r))?;
            }
            Ok(Monitor { inner, packs })
        })
    }

    /// Rebuilds a monitor from a snapshot made with the same plan and packs.
    #[staticmethod]
    fn restore(
        py: Python<'_>,
        plan: &Plan,
        packs: Vec<PackSpec>,
        snapshot: &[u8],
    ) -> PyResult<Monitor> {
        guarded(py, || {
            let packs = compile_packs(py, &packs)?;
            let inner = core(
                py,
                ecorules::Monitor::restore(plan.inner(), &packs, snapshot),
            )?;
            Ok(Monitor { inner, packs })
        })
    }

    /// Pushes data (the column protocol); returns the alarm events as JSON.
    fn push(
        &mut self,
        py: Python<'_>,
        data: &Bound<'_, PyAny>,
        load_json: &str,
    ) -> PyResult<String> {
        guarded(py, || {
            let held = HeldData::extract(py, data)?;
            let view = held.view(py)?;
            let load: LoadOptions = core(py, ecorules::host::parse_request(load_json))?;
            let m = &mut self.inner;
            let alarms = py.detach(|| view.with_signal_readings(&load, |r| m.push(r)));
            Ok(alarms_json(&core(py, alarms)?))
        })
    }

    /// Advances time to `now` (JSON: Unix seconds or ISO text) without data.
    fn tick(&mut self, py: Python<'_>, now_json: &str) -> PyResult<String> {
        guarded(py, || {
            let t = now(py, self.inner.plan(), now_json)?;
            let m = &mut self.inner;
            let alarms = py.detach(|| m.tick(t));
            Ok(alarms_json(&core(py, alarms)?))
        })
    }

    /// Evaluates every row still held back for late data.
    fn flush(&mut self, py: Python<'_>) -> PyResult<String> {
        guarded(py, || Ok(alarms_json(&self.inner.flush())))
    }

    /// Replaces the enterprise records deadline rules watch.
    fn set_records(&mut self, py: Python<'_>, records_json: &str) -> PyResult<()> {
        guarded(py, || {
            let r: EnterpriseRecords = core(py, ecorules::host::parse_request(records_json))?;
            core(py, self.inner.set_records(r))
        })
    }

    /// The state as versioned bytes.
    fn snapshot<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &self.inner.snapshot())
    }

    /// The alarms open now, as JSON (their last state).
    fn open_alarms(&self) -> String {
        alarms_json(&self.inner.open_alarms())
    }

    /// Per-rule totals, as JSON.
    fn stats(&self) -> String {
        serde_json::to_string(&self.inner.stats()).unwrap_or_default()
    }

    fn __repr__(&self) -> String {
        let rules: usize = self.packs.iter().map(|p| p.rules.len()).sum();
        format!(
            "Monitor(permit={:?}, packs={}, rules={}, open={})",
            self.inner.plan().permit().id,
            self.packs.len(),
            rules,
            self.inner.open_alarms().len()
        )
    }
}

/// `ecorules.warn.evaluate`: runs a whole warnings request (JSON text: permit, warning packs, data, records, now) and
/// returns the report (alarms and per-rule statistics) as JSON text.
#[pyfunction]
pub fn warnings_json(py: Python<'_>, request_json: &str) -> PyResult<String> {
    guarded(py, || {
        let req: ecorules::host::WarningsRequest =
            core(py, ecorules::host::parse_request(request_json))?;
        let report: ecorules::WarningsReport =
            core(py, py.detach(|| ecorules::host::warnings_request(&req)))?;
        Ok(serde_json::to_string(&report).unwrap_or_default())
    })
}
