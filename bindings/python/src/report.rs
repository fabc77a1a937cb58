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

    /// One of the core's flat tables (`findings`, `events`, `statistics`, `notes`) as JSON
    /// `{"columns": [...], "rows": [[...], ...]}`.
    fn table_json(&self, py: Python<'_>, name: &str) -> PyResult<String> {
        crate::guard::guarded(py, || {
            let table = crate::guard::core(py, self.inner.table(name))?;
            Ok(serde_json::to_string(&table).unwrap_or_default())
        })
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

/// A table (`conditions`, `findings`, `caps`) of a `ComplianceReport` given as its JSON.
#[pyfunction]
pub fn compliance_table_json(py: Python<'_>, report_json: &str, name: &str) -> PyResult<String> {
    crate::guard::guarded(py, || {
        let r: ecorules::ComplianceReport =
            crate::guard::core(py, ecorules::host::parse_request(report_json))?;
        let table = crate::guard::core(py, r.table(name))?;
        Ok(serde_json::to_string(&table).unwrap_or_default())
    })
}

/// A table (`alarms`) of a `WarningsReport` given as its JSON.
#[pyfunction]
pub fn warnings_table_json(py: Python<'_>, report_json: &str, name: &str) -> PyResult<String> {
    crate::guard::guarded(py, || {
        let r: ecorules::WarningsReport =
            crate::guard::core(py, ecorules::host::parse_request(report_json))?;
        let table = crate::guard::core(py, r.table(name))?;
        Ok(serde_json::to_string(&table).unwrap_or_default())
    })
}
