//! `Readings`: monitoring data loaded once into WebAssembly memory.
//!
//! Loading (parsing CSV, sorting, checking flags) is often the larger part of the work;
//! a portal that evaluates a file and then draws a chart per rule loads it once into a
//! `Readings` handle and passes that to `plan.evaluateReadings` and `plan.judgedWindows`.

use crate::data;
use crate::error::IntoJs;
use crate::types::{JsData, JsLoadOptions, JsStrings};
use ecorules::LoadOptions;
use wasm_bindgen::prelude::*;

/// Monitoring data held in WebAssembly memory (free with `free()`, or let the GC do it).
#[wasm_bindgen]
#[derive(Debug)]
pub struct Readings {
    pub(crate) inner: ecorules::Readings<'static>,
}

#[wasm_bindgen]
impl Readings {
    /// Loads any accepted data shape: a JSON data document, typed arrays, or CSV/JSON text.
    #[wasm_bindgen(js_name = from)]
    pub fn from_js(data: JsData, load: Option<JsLoadOptions>) -> Result<Readings, JsValue> {
        let load: LoadOptions = data::options(load.as_ref().map(AsRef::as_ref), "load options")?;
        Ok(Readings {
            inner: data::readings(&data, &load)?,
        })
    }

    /// Loads CSV text (long `outlet,pollutant,time,value,flag` or wide `outlet,time,so2,o2,...,flag`).
    #[wasm_bindgen(js_name = fromCsv)]
    pub fn from_csv(text: &str, load: Option<JsLoadOptions>) -> Result<Readings, JsValue> {
        let load: LoadOptions = data::options(load.as_ref().map(AsRef::as_ref), "load options")?;
        Ok(Readings {
            inner: ecorules::host::load_csv(text, &load).js()?,
        })
    }

    /// Loads JSON text (records or series).
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(text: &str, load: Option<JsLoadOptions>) -> Result<Readings, JsValue> {
        let load: LoadOptions = data::options(load.as_ref().map(AsRef::as_ref), "load options")?;
        Ok(Readings {
            inner: ecorules::host::load_json(text, &load).js()?,
        })
    }

    /// Number of samples over all series.
    #[wasm_bindgen(getter, js_name = sampleCount)]
    pub fn sample_count(&self) -> f64 {
        #[allow(clippy::cast_precision_loss)]
        let n = self.inner.sample_count() as f64;
        n
    }

    /// The outlets present, in first-seen order.
    pub fn outlets(&self) -> JsStrings {
        let arr = js_sys::Array::new();
        for o in self.inner.outlets() {
            arr.push(&JsValue::from_str(o));
        }
        arr.unchecked_into()
    }
}
