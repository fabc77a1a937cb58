//! HJ 212-2017 ingestion: a capture of logger packets decoded by the core into readings.
//!
//! `decode` runs `ecorules::hj212::decode_bytes` with the GIL released and keeps the
//! result (owned readings, packet counts, diagnostics) in a [`Capture`], which `Plan.evaluate`
//! accepts directly, without a round trip through JSON.

use crate::guard::{core, guarded};
use ecorules::hj212::{decode_bytes, DecodeOptions, DecodeOutput, DecodeResult};
use pyo3::prelude::*;

/// A decoded HJ 212 capture.
#[pyclass(frozen, module = "ecorules._ecorules")]
#[derive(Debug)]
pub struct Capture {
    inner: DecodeResult,
}

impl Capture {
    /// The decoded readings.
    pub fn readings(&self) -> &ecorules::Readings<'static> {
        &self.inner.readings
    }
}

#[pymethods]
impl Capture {
    /// The result as JSON, in the shape of an `hj212_decode` vector's `expected`.
    fn json(&self) -> String {
        serde_json::to_string(&DecodeOutput::from_result(&self.inner)).unwrap_or_default()
    }

    /// Packets accepted (all commands).
    #[getter]
    fn accepted(&self) -> u64 {
        self.inner.accepted
    }

    /// Packets rejected.
    #[getter]
    fn rejected(&self) -> u64 {
        self.inner.rejected
    }

    /// Packets that contributed samples.
    #[getter]
    fn packets_used(&self) -> u64 {
        self.inner.packets_used
    }

    /// Diagnostics beyond the kept ones, counted only.
    #[getter]
    fn diagnostics_dropped(&self) -> u64 {
        self.inner.diagnostics_dropped
    }

    fn __repr__(&self) -> String {
        format!(
            "Capture(accepted={}, rejected={}, series={})",
            self.inner.accepted,
            self.inner.rejected,
            self.inner.readings.frames().len()
        )
    }
}

/// Decodes a capture (bytes) with `DecodeOptions` given as JSON.
#[pyfunction]
pub fn hj212_decode(py: Python<'_>, data: &[u8], options_json: &str) -> PyResult<Capture> {
    guarded(py, || {
        let opts: DecodeOptions = core(py, ecorules::host::parse_request(options_json))?;
        let inner = core(py, py.detach(|| decode_bytes(data, &opts)))?;
        Ok(Capture { inner })
    })
}
