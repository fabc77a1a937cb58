//! The boundary between Python and the core: errors become `ecorules.Error` subclasses.
//!
//! Every core error carries an [`ErrorEnvelope`] (kind, code, message, help, file, path,
//! line, column). Here it becomes an instance of the Python class for its kind
//! (`ecorules.PermitError`, `ecorules.DataError`, ...), built by
//! `ecorules._errors.from_envelope` so the classes live in Python with plain attributes.
//! A Rust panic is caught at the boundary ([`guarded`]) and raised as the base
//! `ecorules.Error` with kind `internal`, never as PyO3's `PanicException`.

use ecorules::{ErrorCode, ErrorEnvelope};
use pyo3::prelude::*;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// The Python exception for a core error.
pub fn core_error(py: Python<'_>, e: &ecorules::Error) -> PyErr {
    raise_envelope(py, &e.envelope())
}

/// The Python exception for an envelope.
pub fn raise_envelope(py: Python<'_>, env: &ErrorEnvelope) -> PyErr {
    let built = (|| -> PyResult<PyErr> {
        let f = py.import("ecorules._errors")?.getattr("from_envelope")?;
        let exc = f.call1((
            env.kind.as_str(),
            env.code.as_str(),
            env.message.as_str(),
            env.help.as_deref(),
            env.file.as_deref(),
            env.path.as_deref(),
            env.line,
            env.column,
        ))?;
        Ok(PyErr::from_value(exc))
    })();
    built.unwrap_or_else(|e| e)
}

/// An error the binding itself detects (bad argument shapes), as a `DataError`.
pub fn data_error(py: Python<'_>, code: ErrorCode, message: impl Into<String>) -> PyErr {
    core_error(py, &ecorules::Error::data(code, message))
}

/// Runs `f`, turning a panic into the core's `internal.panic` error
/// (`ecorules.Error(kind="internal", code="internal.panic")`).
pub fn guarded<T>(py: Python<'_>, f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(payload) => {
            let msg = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_string());
            Err(core_error(
                py,
                &ecorules::Error::internal(
                    ErrorCode::InternalPanic,
                    format!("internal error in the ecorules core: {msg}"),
                ),
            ))
        }
    }
}

/// Maps a core result into a Python one.
pub fn core<T>(py: Python<'_>, r: ecorules::Result<T>) -> PyResult<T> {
    r.map_err(|e| core_error(py, &e))
}
