//! Reading JS values into the core's inputs: documents (permits, packs) and monitoring data.
//!
//! Monitoring data arrive in one of three shapes:
//!
//! - **a JSON data document** (`{series: [...]}`, `{records: [...]}` or an array of
//!   records): stringified with `JSON.stringify` and read by the core's JSON loader, so the
//!   result (and every error) is what the core gives for the same JSON;
//! - **typed arrays** (`{outlet, pollutant, time, values, flags}` or one outlet with several
//!   `columns`): each array is copied into WebAssembly memory in one block copy (a JS
//!   `Float64Array` lives outside wasm memory, so one `memcpy` is the least possible) and
//!   handed to the core as columns — nothing is done per sample unless timestamps come as
//!   `Float64Array` (converted to integers) or out of order (sorted by the core);
//! - **text**: JSON if it starts with `{` or `[`, otherwise CSV (long or wide shape).

use crate::error::{self, IntoJs};
use ecorules::ErrorCode;
use ecorules::Readings;
use ecorules::{Column, Frame, LoadOptions};
use js_sys::{Array, BigInt64Array, Float64Array, Reflect, Uint8Array};
use std::borrow::Cow;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// A permit or pack given as text or as a JSON object: its file name and text.
///
/// Objects are re-serialised the way the core's request runner does (`serde_json::Value`
/// to text), so error positions match the Rust conformance runner.
pub fn document(value: &JsValue, default_stem: &str) -> Result<(String, String), JsValue> {
    if let Some(text) = value.as_string() {
        let json = matches!(text.trim_start().chars().next(), Some('{') | Some('['));
        let ext = if json { "json" } else { "toml" };
        return Ok((format!("{default_stem}.{ext}"), text));
    }
    if value.is_object() {
        let text = stringify(value)?;
        let v: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
            error::data(
                ErrorCode::DataRequest,
                format!("malformed {default_stem}: {e}"),
            )
        })?;
        return Ok((format!("{default_stem}.json"), v.to_string()));
    }
    Err(error::data(
        ErrorCode::DataRequest,
        format!("{default_stem} must be TOML/JSON text or a JSON object"),
    ))
}

/// `JSON.stringify`, with a data error when the value cannot be serialised (BigInt, cycles).
pub fn stringify(value: &JsValue) -> Result<String, JsValue> {
    js_sys::JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| {
            error::data(
                ErrorCode::DataRequest,
                "value cannot be converted to JSON (cycle or BigInt?)",
            )
        })
}

/// Options given as a JS object (or `undefined`): `undefined` and `null` give the defaults.
pub fn options<T: serde::de::DeserializeOwned + Default>(
    value: Option<&JsValue>,
    what: &str,
) -> Result<T, JsValue> {
    match value {
        None => Ok(T::default()),
        Some(v) if v.is_undefined() || v.is_null() => Ok(T::default()),
        Some(v) => self::value(v, what),
    }
}

/// A JS object into a core type: `JSON.stringify`, then the core's own serde rules on the
/// text (unknown fields are refused, as the Rust and CLI hosts do).
///
/// Every JS object takes this one path, text, which is also how permits, packs and requests
/// are read: each core type's deserializer is compiled once into the `.wasm` (reading through
/// a `serde_json::Value` as well doubled that code; see README, "Size").
pub fn value<T: serde::de::DeserializeOwned>(v: &JsValue, what: &str) -> Result<T, JsValue> {
    let text = stringify(v)?;
    serde_json::from_str(&text)
        .map_err(|e| error::data(ErrorCode::DataRequest, format!("malformed {what}: {e}")))
}

/// Any accepted data shape into readings.
pub fn readings(data: &JsValue, load: &LoadOptions) -> Result<Readings<'static>, JsValue> {
    if let Some(text) = data.as_string() {
        let format = if matches!(text.trim_start().chars().next(), Some('{') | Some('[')) {
            ecorules::host::DataFormat::Json
        } else {
            ecorules::host::DataFormat::Csv
        };
        return ecorules::host::load_data(&text, format, load).js();
    }
    if is_arrays(data) {
        let mut out = Readings::new();
        out.extend(frame_from_arrays(data, load)?).js()?;
        return Ok(out);
    }
    if Array::is_array(data) {
        let items = Array::from(data);
        if items.length() > 0 && items.iter().all(|i| is_arrays(&i)) {
            let mut out = Readings::new();
            for item in items.iter() {
                out.extend(frame_from_arrays(&item, load)?).js()?;
            }
            return Ok(out);
        }
    }
    if data.is_object() {
        let text = stringify(data)?;
        return ecorules::host::load_json(&text, load).js();
    }
    Err(error::data(
        ErrorCode::DataRequest,
        "data must be a JSON data document, typed arrays ({outlet, pollutant, time, values, flags}) or CSV/JSON text",
    ))
}

fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// An object with a typed-array (or plain array) `time` and `values` or `columns`.
fn is_arrays(v: &JsValue) -> bool {
    if !v.is_object() || Array::is_array(v) {
        return false;
    }
    let time = get(v, "time");
    let typed = time.is_instance_of::<BigInt64Array>() || time.is_instance_of::<Float64Array>();
    let columns = Array::is_array(&get(v, "columns"));
    let values = get(v, "values");
    typed || columns || values.is_instance_of::<Float64Array>()
}

fn string_field(obj: &JsValue, key: &str) -> Result<String, JsValue> {
    get(obj, key)
        .as_string()
        .ok_or_else(|| error::data(ErrorCode::DataRequest, format!("`{key}` must be a string")))
}

fn times(v: &JsValue) -> Result<Vec<i64>, JsValue> {
    if let Some(a) = v.dyn_ref::<BigInt64Array>() {
        return Ok(a.to_vec());
    }
    let secs: Vec<f64> = if let Some(a) = v.dyn_ref::<Float64Array>() {
        a.to_vec()
    } else if Array::is_array(v) {
        Array::from(v)
            .iter()
            .map(|x| x.as_f64().unwrap_or(f64::NAN))
            .collect()
    } else {
        return Err(error::data(
            ErrorCode::DataRequest,
            "`time` must be a BigInt64Array, Float64Array or array of Unix seconds",
        ));
    };
    secs.iter()
        .enumerate()
        .map(|(i, s)| {
            if s.is_finite() && s.fract() == 0.0 && s.abs() < 9.0e15 {
                #[allow(clippy::cast_possible_truncation)]
                Ok(*s as i64)
            } else {
                Err(to_err_time(i, *s))
            }
        })
        .collect()
}

fn to_err_time(i: usize, s: f64) -> JsValue {
    error::to_js(
        &ecorules::Error::data(
            ErrorCode::DataBadTime,
            format!("time {s} is not whole Unix seconds"),
        )
        .with_path(format!("time[{i}]")),
    )
}

fn values(v: &JsValue) -> Result<Vec<f64>, JsValue> {
    if let Some(a) = v.dyn_ref::<Float64Array>() {
        return Ok(a.to_vec());
    }
    if Array::is_array(v) {
        return Ok(Array::from(v)
            .iter()
            .map(|x| x.as_f64().unwrap_or(f64::NAN))
            .collect());
    }
    Err(error::data(
        ErrorCode::DataRequest,
        "`values` must be a Float64Array or an array of numbers (null for missing)",
    ))
}

fn flags(v: &JsValue, n: usize) -> Result<Vec<u8>, JsValue> {
    if v.is_undefined() || v.is_null() {
        return Ok(vec![b'N'; n]);
    }
    if let Some(a) = v.dyn_ref::<Uint8Array>() {
        return Ok(a.to_vec());
    }
    if let Some(s) = v.as_string() {
        return Ok(s.into_bytes());
    }
    Err(error::data(
        ErrorCode::DataRequest,
        "`flags` must be a Uint8Array of ASCII letters or a string such as \"NNC\"",
    ))
}

/// One `{outlet, pollutant, time, values, flags}` or `{outlet, time, columns: [...]}` object.
fn frame_from_arrays(obj: &JsValue, load: &LoadOptions) -> Result<Readings<'static>, JsValue> {
    let outlet = string_field(obj, "outlet")?;
    let ts = times(&get(obj, "time"))?;
    let n = ts.len();
    let mut cols: Vec<(String, Vec<f64>, Vec<u8>)> = Vec::new();
    let columns = get(obj, "columns");
    if Array::is_array(&columns) {
        for c in Array::from(&columns).iter() {
            cols.push((
                string_field(&c, "pollutant")?,
                values(&get(&c, "values"))?,
                flags(&get(&c, "flags"), n)?,
            ));
        }
    } else {
        cols.push((
            string_field(obj, "pollutant")?,
            values(&get(obj, "values"))?,
            flags(&get(obj, "flags"), n)?,
        ));
    }
    let sorted = ts.windows(2).all(|w| w.first() < w.get(1));
    let mut out = Readings::new();
    if sorted {
        let mut columns = Vec::with_capacity(cols.len());
        for (p, v, f) in cols {
            let pollutant = ecorules::host::lookup_pollutant(&p).js()?;
            columns.push(Column::new(pollutant, Cow::Owned(v), Cow::Owned(f)));
        }
        out.push(Frame::new(outlet, Cow::Owned(ts), columns).js()?)
            .js()?;
    } else {
        // Unsorted or duplicate times: the core sorts and applies the duplicate policy.
        for (p, v, f) in cols {
            let r = Readings::from_series(&outlet, &p, &ts, &v, &f, load.duplicates).js()?;
            out.extend(r).js()?;
        }
    }
    Ok(out)
}
