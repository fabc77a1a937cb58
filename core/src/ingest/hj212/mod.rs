//! HJ 212 ingestion: the packets every Chinese online monitor sends, decoded into readings.
//!
//! HJ 212-2017 (《污染物在线监控（监测）系统数据传输标准》) is the protocol between a site's
//! data logger and the environmental authority's platform. Each message is one line of
//! ASCII text:
//!
//! ```text
//! ##0101QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&1C80\r\n
//! ```
//!
//! * **framing** ([`frame`]): `##`, the data-segment length as 4 decimal digits (`0101`,
//!   at most 1024), the data segment, its checksum as 4 hex digits, `\r\n`;
//! * **checksum** ([`crc`]): HJ 212-2017 Appendix A, *not* CRC-16/MODBUS; it only has 256
//!   possible values, so the decoder does not trust it alone;
//! * **data segment** ([`segment`]): `QN` request time, `ST` system, `CN` command (2051 =
//!   minute data), `PW` password, `MN` device id, `Flag` bits (version, split, reply
//!   wanted), `PNUM`/`PNO` for split messages, and the data area `CP=&&...&&`;
//! * **data area** ([`cp`]): `DataTime` and per-factor fields like `a21026-Avg=38.2`
//!   (SO2 minute average) and `a21026-Flag=N` (the data flag: N normal, C calibration, …).
//!
//! The pieces:
//!
//! * [`Decoder`]: streaming, any chunking, resynchronises after garbage, reports every
//!   rejected packet as a [`Diagnostic`] with byte offset and QN, counts accepted and
//!   rejected packets;
//! * [`encode`]: writes valid packets (simulators, tests, sample captures);
//! * [`ReadingsCollector`]: accepted data packets → [`Readings`] keyed by outlet (MN
//!   through a map) and pollutant;
//! * [`decode_bytes`]: all of it in one call, what the CLI and bindings use;
//!   [`decode_request`] is its serialisable twin that the conformance vectors replay.
//!
//! ```
//! use ecorules::hj212::{decode_bytes, DecodeOptions};
//! let capture = b"##0120QN=20250301000000000;ST=31;CN=2051;PW=123456;MN=AB12;Flag=4;CP=&&DataTime=20250301000000;a21026-Avg=20.5,a21026-Flag=N&&3740\r\n";
//! let out = decode_bytes(capture, &DecodeOptions::default())?;
//! assert_eq!((out.accepted, out.rejected), (1, 0));
//! let (_, so2) = out.readings.series("AB12", "a21026").unwrap();
//! assert_eq!(so2.values(), &[20.5]);
//! # Ok::<(), ecorules::Error>(())
//! ```

pub mod cp;
pub mod crc;
pub mod decoder;
pub mod diagnostic;
pub mod encoder;
pub mod frame;
pub mod segment;
pub mod to_readings;

pub use cp::{DataArea, FactorFields, ValueSuffix};
pub use decoder::{Decoder, Event};
pub use diagnostic::{Diagnostic, DiagnosticKind, Hj212Error, Severity};
pub use encoder::{encode, encode_segment};
pub use segment::{Cn, Packet, PacketFlag, Version};
pub use to_readings::{parse_mn_map, DataKind, ReadingsCollector, ValueChoice};

use crate::diag::error::{Error, Result};
use crate::ingest::readings::json::SeriesData;
use crate::ingest::readings::Readings;
use crate::ErrorCode;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The zone DataTime is read in unless told otherwise.
pub const DEFAULT_TIME_ZONE: &str = "Asia/Shanghai";

/// Default cap on the diagnostics kept by [`decode_bytes`]; further ones are only counted.
pub const DEFAULT_MAX_DIAGNOSTICS: usize = 10_000;

/// How [`decode_bytes`] turns packets into readings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(
    feature = "wasm",
    derive(tsify::Tsify),
    tsify(missing_as_null, rename = "Hj212Options")
)]
pub struct DecodeOptions {
    /// Zone of the devices' DataTime (an embedded IANA name or a fixed offset like `+08:00`).
    pub time_zone: String,
    /// Which data packets become readings (minute data by default).
    #[cfg_attr(feature = "wasm", tsify(type = "Hj212DataKind"))]
    pub data: DataKind,
    /// Measured (`-Avg`) or pre-converted (`-ZsAvg`) values.
    #[cfg_attr(feature = "wasm", tsify(type = "Hj212ValueChoice"))]
    pub values: ValueChoice,
    /// MN → permit outlet id; MNs not in it are their own outlet.
    #[cfg_attr(feature = "wasm", tsify(type = "Record<string, string>"))]
    pub map: BTreeMap<String, String>,
    /// Diagnostics kept; the rest are counted in `diagnostics_dropped`.
    pub max_diagnostics: usize,
}

impl Default for DecodeOptions {
    fn default() -> Self {
        DecodeOptions {
            time_zone: DEFAULT_TIME_ZONE.to_string(),
            data: DataKind::default(),
            values: ValueChoice::default(),
            map: BTreeMap::new(),
            max_diagnostics: DEFAULT_MAX_DIAGNOSTICS,
        }
    }
}

/// What [`decode_bytes`] found.
#[derive(Debug, Clone, PartialEq)]
pub struct DecodeResult {
    /// The series, one frame per (outlet, pollutant), in that order.
    pub readings: Readings<'static>,
    /// Packets accepted (all CNs).
    pub accepted: u64,
    /// Packets rejected.
    pub rejected: u64,
    /// Accepted packets of the selected data kind that contributed samples.
    pub packets_used: u64,
    /// Everything rejected or assumed, in stream order (readings warnings last).
    pub diagnostics: Vec<Diagnostic>,
    /// Diagnostics beyond `max_diagnostics`, counted only.
    pub diagnostics_dropped: u64,
}

/// Decodes a whole capture into readings.
///
/// Never fails on bad packets (they become diagnostics); fails only on a bad option
/// (unknown time zone) or a size bound.
pub fn decode_bytes(bytes: &[u8], opts: &DecodeOptions) -> Result<DecodeResult> {
    let tz = crate::domain::zones::zone(&opts.time_zone)?;
    let mut collector = ReadingsCollector::new(opts.data, opts.values, tz, opts.map.clone());
    let mut decoder = Decoder::new();
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    let mut dropped = 0u64;
    let max = opts.max_diagnostics;
    let mut keep = |d: Diagnostic| {
        if diagnostics.len() < max {
            diagnostics.push(d);
        } else {
            dropped += 1;
        }
    };
    let mut failure: Option<Error> = None;
    {
        let mut sink = |e: Event| match e {
            Event::Packet(p) => {
                if failure.is_none() {
                    if let Err(err) = collector.add(&p, &mut keep) {
                        failure = Some(err);
                    }
                }
            }
            Event::Diagnostic(d) => keep(d),
        };
        decoder.push_with(bytes, &mut sink);
        decoder.finish_with(&mut sink);
    }
    if let Some(err) = failure {
        return Err(err);
    }
    let packets_used = collector.packets_used();
    let readings = collector.finish(&mut keep)?;
    Ok(DecodeResult {
        readings,
        accepted: decoder.accepted(),
        rejected: decoder.rejected(),
        packets_used,
        diagnostics,
        diagnostics_dropped: dropped,
    })
}

/// A decode call in serialisable form (what conformance vectors and bindings send).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DecodeRequest {
    /// The capture, as text (packets with their `\r\n`).
    pub text: String,
    /// Zone of DataTime; default `Asia/Shanghai`.
    #[serde(default)]
    pub time_zone: Option<String>,
    /// MN → outlet id.
    #[serde(default)]
    pub map: BTreeMap<String, String>,
    /// Data kind; default minute.
    #[serde(default)]
    pub data: DataKind,
    /// Value choice; default measured.
    #[serde(default)]
    pub values: ValueChoice,
}

/// The serialisable result: the shape of a vector's `expected`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[cfg_attr(
    feature = "wasm",
    derive(tsify::Tsify),
    tsify(missing_as_null, rename = "Hj212Decoded")
)]
pub struct DecodeOutput {
    /// Packets accepted.
    pub accepted: u64,
    /// Packets rejected.
    pub rejected: u64,
    /// Packets that contributed samples.
    pub packets_used: u64,
    /// One entry per (outlet, pollutant), times in Unix seconds.
    pub series: Vec<SeriesData>,
    /// Diagnostics in stream order.
    #[cfg_attr(feature = "wasm", tsify(type = "Hj212Diagnostic[]"))]
    pub diagnostics: Vec<Diagnostic>,
}

impl DecodeOutput {
    /// The serialisable view of a [`DecodeResult`].
    pub fn from_result(r: &DecodeResult) -> Self {
        let series = crate::ingest::readings::json::to_series(&r.readings);
        DecodeOutput {
            accepted: r.accepted,
            rejected: r.rejected,
            packets_used: r.packets_used,
            series,
            diagnostics: r.diagnostics.clone(),
        }
    }
}

/// Runs a [`DecodeRequest`]: the one function every binding calls for the vectors.
pub fn decode_request(req: &DecodeRequest) -> Result<DecodeOutput> {
    let opts = DecodeOptions {
        time_zone: req
            .time_zone
            .clone()
            .unwrap_or_else(|| DEFAULT_TIME_ZONE.to_string()),
        data: req.data,
        values: req.values,
        map: req.map.clone(),
        max_diagnostics: DEFAULT_MAX_DIAGNOSTICS,
    };
    decode_bytes(req.text.as_bytes(), &opts).map(|r| DecodeOutput::from_result(&r))
}

/// [`decode_request`] on JSON values: a vector's `input` in, its `expected` out.
pub fn decode_vector_input(input: &serde_json::Value) -> Result<serde_json::Value> {
    let req: DecodeRequest = serde::Deserialize::deserialize(input).map_err(|e| {
        Error::data(
            ErrorCode::DataBadRequest,
            format!("not an hj212_decode input: {e}"),
        )
    })?;
    let out = decode_request(&req)?;
    serde_json::to_value(&out).map_err(|e| {
        Error::internal(
            ErrorCode::InternalSerialize,
            format!("cannot serialise the output: {e}"),
        )
    })
}
