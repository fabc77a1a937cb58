//! `Report`: the core's report, kept in Rust and serialised on demand.

use pyo3::prelude::*;

/// The result of one evaluation (the core's `Report`).
#[pyclass(frozen, module = "ecorules._ecorules")]
#[derive(Debug)]
pub struct Report {
    inner: ecorules::Report,
}

impl Report {
    /// Wraps a core report.
    pub fn new(inner: ecorules::Report) -> Self {
        Report { inner }
    }
}

#[pymethods]
impl Report {
    /// The report as compact JSON (the core's serde structure).
    fn json(&self, py: Python<'_>) -> PyResult<String> {
        crate::guard::guarded(py, || {
            Ok(serde_json::to_string(&self.inner).unwrap_or_default())
        })
    }

    /// The report as indented JSON.
    fn json_pretty(&self) -> String {
        self.inner.to_json()
    }

    /// Number of findings.
    #[getter]
    fn n_findings(&self) -> usize {
        self.inner.findings.len()
    }

    fn __repr__(&self) -> String {
        format!(
            "Report(permit={:?}, findings={}, events={}, statistics={})",
            self.inner.permit,
            self.inner.findings.len(),
            self.inner.events.len(),
            self.inner.statistics.len()
        )
    }
}
