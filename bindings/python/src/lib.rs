//! `ecorules._ecorules`: the native half of the Python package `ecorules`.
//!
//! Thin by design: Python hands over permit text and host columns (numpy arrays, Arrow
//! buffers), the core does everything else. The pure-Python package (`python/ecorules`)
//! turns pandas, polars, Arrow and numpy inputs into those columns and wraps the results
//! in typed objects; this crate only moves buffers across, releases the GIL while the core
//! computes, and maps errors and panics to `ecorules.Error` ([`guard`]).

mod columns;
mod comply;
mod guard;
mod hj212;
mod inspect;
mod plan;
mod report;
mod warn;

use guard::{core, guarded};
use pyo3::prelude::*;

/// The embedded packs, as JSON (a list of pack summaries).
#[pyfunction]
fn packs_json(py: Python<'_>) -> PyResult<String> {
    guarded(py, || {
        let set = core(py, ecorules::Catalog::embedded())?;
        let list = ecorules::host::list_packs(&set);
        Ok(serde_json::to_string(&list).unwrap_or_default())
    })
}

/// The JSON Schema of a rule pack.
#[pyfunction]
fn pack_schema(py: Python<'_>) -> PyResult<String> {
    guarded(py, || Ok(ecorules::host::pack_schema()))
}

/// The JSON Schema of a permit.
#[pyfunction]
fn permit_schema(py: Python<'_>) -> PyResult<String> {
    guarded(py, || Ok(ecorules::host::permit_schema()))
}

/// Which column of a table is which, as JSON (see `ecorules::host::Layout`).
#[pyfunction]
fn classify_columns(py: Python<'_>, names: Vec<String>) -> PyResult<String> {
    guarded(py, || {
        let layout = core(py, ecorules::host::classify_header(&names))?;
        Ok(serde_json::to_string(&layout).unwrap_or_default())
    })
}

/// The exception for one of the core's error codes, for errors the Python side of the
/// package detects (unsupported input types, unreadable files). The kind is the code's; a
/// code the core does not define becomes `internal.bug`, so the package never invents one.
#[pyfunction]
#[pyo3(signature = (code, message, help=None, file=None))]
fn error_for_code(
    py: Python<'_>,
    code: &str,
    message: &str,
    help: Option<&str>,
    file: Option<&str>,
) -> Py<pyo3::exceptions::PyBaseException> {
    let e = match code.parse::<ecorules::ErrorCode>() {
        Ok(c) => {
            let e = ecorules::Error::new(c, message).with_help_opt(help.map(str::to_string));
            match file {
                Some(f) => e.with_file(f),
                None => e,
            }
        }
        Err(u) => ecorules::Error::internal(
            ecorules::ErrorCode::InternalBug,
            format!("the Python package raised {u}: {message}"),
        ),
    };
    guard::core_error(py, &e).into_value(py)
}

/// Raises a deliberate panic inside the guard (used by the tests of the panic boundary).
#[pyfunction]
fn _panic_for_test(py: Python<'_>) -> PyResult<()> {
    guarded(py, || {
        let v: Vec<u8> = Vec::new();
        #[allow(clippy::indexing_slicing)]
        let _ = v[1];
        Ok(())
    })
}

#[pymodule]
fn _ecorules(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", ecorules::VERSION)?;
    m.add_class::<plan::Plan>()?;
    m.add_class::<report::Report>()?;
    m.add_function(wrap_pyfunction!(report::compliance_table_json, m)?)?;
    m.add_function(wrap_pyfunction!(report::warnings_table_json, m)?)?;
    m.add_class::<hj212::Capture>()?;
    m.add_function(wrap_pyfunction!(hj212::hj212_decode, m)?)?;
    m.add_class::<warn::Monitor>()?;
    m.add_function(wrap_pyfunction!(warn::warnings, m)?)?;
    m.add_function(wrap_pyfunction!(warn::warning_packs_json, m)?)?;
    m.add_function(wrap_pyfunction!(comply::comply, m)?)?;
    m.add_function(wrap_pyfunction!(comply::methods_json, m)?)?;
    m.add_function(wrap_pyfunction!(warn::warnings_json, m)?)?;
    m.add_function(wrap_pyfunction!(inspect::inspect_json, m)?)?;
    m.add_function(wrap_pyfunction!(packs_json, m)?)?;
    m.add_function(wrap_pyfunction!(pack_schema, m)?)?;
    m.add_function(wrap_pyfunction!(permit_schema, m)?)?;
    m.add_function(wrap_pyfunction!(classify_columns, m)?)?;
    m.add_function(wrap_pyfunction!(_panic_for_test, m)?)?;
    m.add_function(wrap_pyfunction!(error_for_code, m)?)?;
    Ok(())
}
