//! HJ 212-2017 captures (the bytes a site's data logger sends) decoded into series, and
//! evaluated against a plan in one call.

use crate::error::Result;
use crate::plan::{EvaluateOptions, Plan, Series};
use crate::records::Report;
use std::collections::HashMap;

/// Which data packets become readings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum Hj212DataKind {
    /// CN 2011 real-time data.
    Realtime,
    /// CN 2051 minute data (default).
    Minute,
    /// CN 2061 hourly data.
    Hourly,
    /// CN 2031 daily data.
    Daily,
}

/// Measured (`-Avg`) or pre-converted (`-ZsAvg`) values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum Hj212Values {
    /// `-Avg` / `-Rtd` (default).
    Measured,
    /// `-ZsAvg` / `-ZsRtd`.
    Converted,
}

/// Decoding options.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Hj212Options {
    /// Zone of the devices' DataTime (default `Asia/Shanghai`).
    pub time_zone: Option<String>,
    /// Which packets become readings.
    pub data: Hj212DataKind,
    /// Which values.
    pub values: Hj212Values,
    /// Device MN → permit outlet id.
    pub mn_map: HashMap<String, String>,
    /// Diagnostics kept (default 10 000).
    pub max_diagnostics: Option<u64>,
}

/// One rejected packet or assumption.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Hj212Diagnostic {
    /// Kind (`bad_crc`, `garbage`, `unmapped_mn`, …).
    pub kind: String,
    /// `error` (packet dropped) or `warning` (kept).
    pub severity: String,
    /// Byte offset in the capture.
    pub offset: u64,
    /// The packet's QN, if readable.
    pub qn: Option<String>,
    /// Description.
    pub message: String,
}

/// A decoded capture.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Hj212Decoded {
    /// Packets accepted.
    pub accepted: u64,
    /// Packets rejected.
    pub rejected: u64,
    /// Data packets that contributed samples.
    pub packets_used: u64,
    /// Diagnostics.
    pub diagnostics: Vec<Hj212Diagnostic>,
    /// Diagnostics beyond the cap, counted only.
    pub diagnostics_dropped: u64,
    /// The series, one per (outlet, pollutant).
    pub series: Vec<Series>,
}

/// A decoded capture evaluated against a plan.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Hj212Evaluation {
    /// What the decoder found.
    pub decoded: Hj212Decoded,
    /// The report.
    pub report: Report,
}

fn name_of<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn options(o: Hj212Options) -> ecorules::hj212::DecodeOptions {
    use ecorules::hj212::{DataKind, ValueChoice};
    let mut d = ecorules::hj212::DecodeOptions::default();
    if let Some(tz) = o.time_zone {
        d.time_zone = tz;
    }
    d.data = match o.data {
        Hj212DataKind::Realtime => DataKind::Realtime,
        Hj212DataKind::Minute => DataKind::Minute,
        Hj212DataKind::Hourly => DataKind::Hourly,
        Hj212DataKind::Daily => DataKind::Daily,
    };
    d.values = match o.values {
        Hj212Values::Measured => ValueChoice::Measured,
        Hj212Values::Converted => ValueChoice::Converted,
    };
    d.map = o.mn_map.into_iter().collect();
    if let Some(m) = o.max_diagnostics {
        d.max_diagnostics = usize::try_from(m).unwrap_or(usize::MAX);
    }
    d
}

fn decode(bytes: &[u8], o: Hj212Options) -> Result<(Hj212Decoded, ecorules::hj212::DecodeResult)> {
    let r = ecorules::hj212::decode_bytes(bytes, &options(o))?;
    let mut series = Vec::new();
    for f in r.readings.frames() {
        for c in f.columns() {
            series.push(Series {
                outlet: f.outlet().to_string(),
                pollutant: c.pollutant().code.to_string(),
                time: f.ts().to_vec(),
                values: c.values().to_vec(),
                flags: String::from_utf8_lossy(c.flags()).into_owned(),
            });
        }
    }
    let decoded = Hj212Decoded {
        accepted: r.accepted,
        rejected: r.rejected,
        packets_used: r.packets_used,
        diagnostics: r
            .diagnostics
            .iter()
            .map(|d| Hj212Diagnostic {
                kind: name_of(&d.kind),
                severity: name_of(&d.severity),
                offset: d.offset,
                qn: d.qn.clone(),
                message: d.message.clone(),
            })
            .collect(),
        diagnostics_dropped: r.diagnostics_dropped,
        series,
    };
    Ok((decoded, r))
}

/// Default decoding options (minute data, measured values, Asia/Shanghai, no MN map).
#[uniffi::export]
pub fn default_hj212_options() -> Hj212Options {
    Hj212Options {
        time_zone: None,
        data: Hj212DataKind::Minute,
        values: Hj212Values::Measured,
        mn_map: HashMap::new(),
        max_diagnostics: None,
    }
}

/// Decodes an HJ 212 capture (any number of packets, garbage tolerated and reported).
#[uniffi::export]
pub fn decode_hj212(bytes: Vec<u8>, options: Hj212Options) -> Result<Hj212Decoded> {
    Ok(decode(&bytes, options)?.0)
}

#[uniffi::export]
impl Plan {
    /// Decodes an HJ 212 capture and evaluates its readings.
    pub fn evaluate_hj212(
        &self,
        bytes: Vec<u8>,
        options: Hj212Options,
        evaluate: Option<EvaluateOptions>,
    ) -> Result<Hj212Evaluation> {
        let (decoded, r) = decode(&bytes, options)?;
        let opts: ecorules::EvaluateOptions = evaluate.map(Into::into).unwrap_or_default();
        let report = self.inner.evaluate_with(&r.readings, &opts)?.try_into()?;
        Ok(Hj212Evaluation { decoded, report })
    }
}
