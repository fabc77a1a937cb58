//! `Plan`: a compiled permit, evaluated against host data with the GIL released.

use crate::columns::HeldData;
use crate::guard::{core, guarded};
use crate::report::Report;
use ecorules::EvaluateOptions;
use ecorules::LoadOptions;
use numpy::{IntoPyArray, PyArray1};
use pyo3::prelude::*;
use pyo3::types::PyDict;

/// A compiled permit (immutable, thread-safe, cheap to share).
#[pyclass(frozen, module = "ecorules._ecorules")]
#[derive(Debug, Clone)]
pub struct Plan {
    inner: ecorules::Plan,
}

fn load_options(py: Python<'_>, json: &str) -> PyResult<LoadOptions> {
    core(py, ecorules::host::parse_request(json))
}

impl Plan {
    /// The core plan.
    pub fn inner(&self) -> &ecorules::Plan {
        &self.inner
    }
}

#[pymethods]
impl Plan {
    /// Compiles permit text (TOML or JSON) against the embedded packs plus `packs`
    /// (a list of `(name, text)`).
    #[staticmethod]
    #[pyo3(signature = (permit_name, permit_text, packs))]
    fn compile(
        py: Python<'_>,
        permit_name: &str,
        permit_text: &str,
        packs: Vec<(String, String)>,
    ) -> PyResult<Plan> {
        guarded(py, || {
            let inner = core(
                py,
                py.detach(|| ecorules::host::compile_plan(permit_name, permit_text, &packs)),
            )?;
            Ok(Plan { inner })
        })
    }

    /// Evaluates data given in the column protocol of `ecorules._data` (see `columns.rs`).
    #[pyo3(signature = (data, load_json, from_, to, findings))]
    fn evaluate(
        &self,
        py: Python<'_>,
        data: &Bound<'_, PyAny>,
        load_json: &str,
        from_: Option<i64>,
        to: Option<i64>,
        findings: bool,
    ) -> PyResult<Report> {
        guarded(py, || {
            let held = HeldData::extract(py, data)?;
            let view = held.view(py)?;
            let load = load_options(py, load_json)?;
            let opts = EvaluateOptions {
                from: from_,
                to,
                findings,
            };
            let plan = &self.inner;
            let report = py.detach(|| view.with_readings(&load, |r| plan.evaluate_with(r, &opts)));
            Ok(Report::new(core(py, report)?))
        })
    }

    /// The judged windows of one rule of one outlet, as numpy arrays: `start`, `end` (Unix
    /// seconds), `value` (as judged; NaN when invalid), `valid`, `exceeds`, `below`, `n_valid`.
    #[pyo3(signature = (data, load_json, outlet, rule_id, from_, to))]
    #[allow(clippy::too_many_arguments)]
    fn judged_windows<'py>(
        &self,
        py: Python<'py>,
        data: &Bound<'py, PyAny>,
        load_json: &str,
        outlet: &str,
        rule_id: &str,
        from_: Option<i64>,
        to: Option<i64>,
    ) -> PyResult<Bound<'py, PyDict>> {
        guarded(py, || {
            let held = HeldData::extract(py, data)?;
            let view = held.view(py)?;
            let load = load_options(py, load_json)?;
            let opts = EvaluateOptions {
                from: from_,
                to,
                findings: false,
            };
            let plan = &self.inner;
            let rows = core(
                py,
                py.detach(|| {
                    view.with_readings(&load, |r| {
                        ecorules::host::judged_windows(plan, r, outlet, rule_id, &opts)
                    })
                }),
            )?;
            let d = PyDict::new(py);
            let col_i =
                |f: &dyn Fn(&ecorules::host::WindowRow) -> i64| -> Bound<'py, PyArray1<i64>> {
                    rows.iter().map(f).collect::<Vec<i64>>().into_pyarray(py)
                };
            let col_b =
                |f: &dyn Fn(&ecorules::host::WindowRow) -> bool| -> Bound<'py, PyArray1<bool>> {
                    rows.iter().map(f).collect::<Vec<bool>>().into_pyarray(py)
                };
            d.set_item("start", col_i(&|j| j.start))?;
            d.set_item("end", col_i(&|j| j.end))?;
            d.set_item(
                "value",
                rows.iter()
                    .map(|j| j.value.unwrap_or(f64::NAN))
                    .collect::<Vec<f64>>()
                    .into_pyarray(py),
            )?;
            d.set_item(
                "valid",
                col_b(&|j| j.status == ecorules::WindowStatus::Valid),
            )?;
            d.set_item(
                "exceeds",
                col_b(&|j| j.breach == Some(ecorules::FindingKind::Exceedance)),
            )?;
            d.set_item(
                "below",
                col_b(&|j| j.breach == Some(ecorules::FindingKind::BelowRange)),
            )?;
            d.set_item("n_valid", col_i(&|j| i64::from(j.n_valid)))?;
            Ok(d)
        })
    }

    /// The compiled rules, as JSON: one object per (outlet, rule).
    fn rules_json(&self, py: Python<'_>) -> PyResult<String> {
        guarded(py, || {
            Ok(serde_json::to_string(&ecorules::host::rules(&self.inner)).unwrap_or_default())
        })
    }

    /// Permit id.
    #[getter]
    fn permit_id(&self) -> String {
        self.inner.permit().id.clone()
    }

    /// Enterprise name.
    #[getter]
    fn enterprise(&self) -> String {
        self.inner.permit().enterprise.name.clone()
    }

    /// Ids of the outlets, in permit order.
    #[getter]
    fn outlets(&self) -> Vec<String> {
        self.inner.outlets().iter().map(|o| o.id.clone()).collect()
    }

    fn __repr__(&self) -> String {
        format!(
            "Plan(permit={:?}, outlets={})",
            self.inner.permit().id,
            self.inner.outlets().len()
        )
    }
}
