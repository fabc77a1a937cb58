//! HJ 212-2017 ingestion: a capture of data-logger packets (text or bytes) into readings.
//!
//! Bad packets never throw: they come back as diagnostics with their byte offset (see the
//! core's `hj212` module). Only a bad option (unknown time zone) or a size bound throws.

use crate::data;
use crate::error::IntoJs;
use crate::readings::Readings;
use crate::types::{JsCapture, JsHj212Decoded, JsHj212Options};
use ecorules::hj212::{decode_request, DecodeOutput, DecodeRequest};
use ecorules::ErrorCode;
use wasm_bindgen::prelude::*;

/// The options object as the core's request, with the capture's text.
fn request(capture: &JsValue, options: Option<JsHj212Options>) -> Result<DecodeRequest, JsValue> {
    let text = if let Some(s) = capture.as_string() {
        s
    } else if let Some(bytes) = capture.dyn_ref::<js_sys::Uint8Array>() {
        // Packets are ASCII; anything else is garbage the decoder reports.
        String::from_utf8_lossy(&bytes.to_vec()).into_owned()
    } else {
        return Err(crate::error::data(
            ErrorCode::DataRequest,
            "an HJ 212 capture must be a string or a Uint8Array",
        ));
    };
    let mut opts: serde_json::Value =
        data::options(options.as_ref().map(AsRef::as_ref), "HJ 212 options")?;
    if opts.is_null() {
        opts = serde_json::json!({});
    }
    if let Some(o) = opts.as_object_mut() {
        o.insert("text".into(), serde_json::Value::String(text));
    }
    // Read from text like every other JS object (one deserializer per type in the .wasm).
    serde_json::from_str(&opts.to_string()).map_err(|e| {
        crate::error::data(
            ErrorCode::DataRequest,
            format!("malformed HJ 212 options: {e}"),
        )
    })
}

/// Decodes an HJ 212 capture: counts, the series (Unix seconds) and every diagnostic.
#[wasm_bindgen(js_name = decodeHj212)]
pub fn decode_hj212(
    capture: JsCapture,
    options: Option<JsHj212Options>,
) -> Result<JsHj212Decoded, JsValue> {
    let req = request(&capture, options)?;
    let out: DecodeOutput = decode_request(&req).js()?;
    crate::json_to_js(&out).map(JsCast::unchecked_into)
}

#[wasm_bindgen]
impl Readings {
    /// Loads the data packets of an HJ 212 capture (diagnostics: use `decodeHj212`).
    #[wasm_bindgen(js_name = fromHj212)]
    pub fn from_hj212(
        capture: JsCapture,
        options: Option<JsHj212Options>,
    ) -> Result<Readings, JsValue> {
        let req = request(&capture, options)?;
        let opts = ecorules::hj212::DecodeOptions {
            time_zone: req
                .time_zone
                .clone()
                .unwrap_or_else(|| ecorules::hj212::DEFAULT_TIME_ZONE.to_string()),
            data: req.data,
            values: req.values,
            map: req.map.clone(),
            ..ecorules::hj212::DecodeOptions::default()
        };
        let r = ecorules::hj212::decode_bytes(req.text.as_bytes(), &opts).js()?;
        Ok(Readings { inner: r.readings })
    }
}
