//! Turning the core's [`ecorules::Error`] (and any bug) into JS exceptions.
//!
//! Every failure leaves Rust as an `EcorulesError` (a subclass of JS `Error`, one
//! subclass per envelope kind: `PermitError`, `DataError`, ...) built by `js/errors.js`
//! from the core's [`ecorules::ErrorEnvelope`], so JS callers see the same kind, code,
//! message, help, file, path, line and column as Python, Kotlin and the CLI.
//!
//! A Rust panic would normally end in a WebAssembly `unreachable` trap ("RuntimeError:
//! unreachable executed"), which tells the user nothing. The panic hook installed at
//! start-up throws an `InternalError` with the panic message and location instead.

use ecorules::ErrorCode;
use wasm_bindgen::prelude::*;

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen(module = "/js/errors.js")]
extern "C" {
    #[wasm_bindgen(js_name = makeError)]
    fn make_error(envelope_json: &str) -> JsValue;
}

/// Off wasm (native unit tests of the rlib) the error is the envelope JSON as a string.
#[cfg(not(target_arch = "wasm32"))]
fn make_error(envelope_json: &str) -> JsValue {
    JsValue::from_str(envelope_json)
}

/// The JS exception for a core error.
pub fn to_js(e: &ecorules::Error) -> JsValue {
    match serde_json::to_string(&e.envelope()) {
        Ok(json) => make_error(&json),
        Err(_) => fallback(ErrorCode::InternalSerialize, &e.to_string()),
    }
}

/// Shorthand for `map_err` on core results.
pub trait IntoJs<T> {
    /// Maps the core error to its JS exception.
    fn js(self) -> Result<T, JsValue>;
}

impl<T> IntoJs<T> for ecorules::Result<T> {
    fn js(self) -> Result<T, JsValue> {
        self.map_err(|e| to_js(&e))
    }
}

/// A `data` error raised by the binding while reading JS input (wrong type of argument).
pub fn data(code: ErrorCode, message: impl Into<String>) -> JsValue {
    to_js(&ecorules::Error::data(code, message))
}

/// An `internal` error (the core's `internal.bug`): a bug, never the caller's input.
pub fn internal(message: &str) -> JsValue {
    to_js(&ecorules::Error::internal(ErrorCode::InternalBug, message))
}

/// The envelope of an error whose envelope could not be serialised, written by hand from
/// the core's kind and code (never an invented one).
fn fallback(code: ErrorCode, message: &str) -> JsValue {
    let env = serde_json::json!({
        "kind": code.kind().as_str(),
        "code": code.as_str(),
        "message": message,
        "help": "this is a bug in ecorules; please report it with the input that caused it",
        "file": null, "path": null, "line": null, "column": null,
    });
    make_error(&env.to_string())
}

/// Installs the panic hook (once, at module start).
pub fn install_panic_hook() {
    #[cfg(target_arch = "wasm32")]
    std::panic::set_hook(Box::new(|info| {
        let location = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let payload = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic".to_string());
        // Throwing unwinds the JS stack through the wasm frames: the caller gets an
        // InternalError instead of `RuntimeError: unreachable`. The object that was being
        // used may stay borrowed; drop it and compile a new one.
        wasm_bindgen::throw_val(to_js(&ecorules::Error::internal(
            ErrorCode::InternalPanic,
            format!("internal error: {payload}{location}"),
        )));
    }));
}
