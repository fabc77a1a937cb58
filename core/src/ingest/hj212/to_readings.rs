//! Decoded data packets → [`Readings`] ready for evaluation.
//!
//! Each accepted packet of the selected data kind (minute data by default) contributes,
//! for every factor the registry knows, one sample to the series (outlet, pollutant):
//!
//! * **outlet**: the packet's MN looked up in the MN → outlet map (see [`parse_mn_map`]);
//!   an MN missing from a non-empty map is used as the outlet id, with one `unmapped_mn`
//!   warning; with no map every MN is its own outlet;
//! * **pollutant**: the factor code, 2017 (`a21026`) or 2005 (`02`), through the registry;
//! * **time**: DataTime read as civil time in the device's zone (default `Asia/Shanghai`),
//!   as Unix seconds — the period start for 2051/2061/2031, the instant for 2011;
//!   in zones with daylight saving an ambiguous or skipped civil time resolves the
//!   "compatible" way (earlier offset for a repeated hour, later for a skipped one);
//! * **value**: `-Avg` (or `-Rtd` for 2011) with [`ValueChoice::Measured`]; the
//!   pre-converted `-ZsAvg` (`-ZsRtd`) with [`ValueChoice::Converted`] — a factor without
//!   the chosen field contributes nothing;
//! * **flag**: `-Flag`, `N` when absent.
//!
//! The same series and time sent twice (a resend) keeps the later packet; if the two
//! differ in value or flag a `duplicate_time` warning says so.

use super::cp::ValueSuffix;
use super::diagnostic::{Diagnostic, DiagnosticKind};
use super::segment::{Cn, Packet};
use crate::diag::error::{Error, Result};
use crate::domain::pollutant::Pollutant;
use crate::ingest::readings::{DuplicatePolicy, FrameBuilder, Readings};
use crate::ErrorCode;
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Which data packets become readings.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "wasm",
    derive(tsify::Tsify),
    tsify(missing_as_null, rename = "Hj212DataKind")
)]
pub enum DataKind {
    /// CN 2011 real-time data (`-Rtd`).
    Realtime,
    /// CN 2051 minute data (`-Avg`), the default.
    #[default]
    Minute,
    /// CN 2061 hourly data (`-Avg`).
    Hourly,
    /// CN 2031 daily data (`-Avg`).
    Daily,
}

impl DataKind {
    /// The command code.
    pub fn cn(self) -> Cn {
        match self {
            DataKind::Realtime => Cn::REALTIME,
            DataKind::Minute => Cn::MINUTE,
            DataKind::Hourly => Cn::HOURLY,
            DataKind::Daily => Cn::DAILY,
        }
    }
}

/// Measured or pre-converted values.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "wasm",
    derive(tsify::Tsify),
    tsify(missing_as_null, rename = "Hj212ValueChoice")
)]
pub enum ValueChoice {
    /// `-Avg` / `-Rtd`: the measured value (the engine applies its own O2 correction).
    #[default]
    Measured,
    /// `-ZsAvg` / `-ZsRtd`: the value the device already converted (折算) to reference O2.
    Converted,
}

impl ValueChoice {
    fn suffix(self, cn: Cn) -> ValueSuffix {
        match (self, cn == Cn::REALTIME) {
            (ValueChoice::Measured, true) => ValueSuffix::Rtd,
            (ValueChoice::Measured, false) => ValueSuffix::Avg,
            (ValueChoice::Converted, true) => ValueSuffix::ZsRtd,
            (ValueChoice::Converted, false) => ValueSuffix::ZsAvg,
        }
    }
}

/// Parses an MN → outlet map: a JSON object or TOML `"MN" = "DA001"` lines.
pub fn parse_mn_map(text: &str) -> Result<BTreeMap<String, String>> {
    let map: BTreeMap<String, String> = if text.trim_start().starts_with('{') {
        serde_json::from_str(text).map_err(|e| {
            Error::data(
                ErrorCode::DataMnMap,
                format!("MN map is not a JSON object of strings: {e}"),
            )
            .with_help(r#"write it as {"MN": "outlet id", ...}"#)
        })?
    } else {
        toml::from_str(text).map_err(|e| {
            Error::data(
                ErrorCode::DataMnMap,
                format!("MN map is not a TOML table of strings: {}", e.message()),
            )
            .with_help(r#"write one line per device: "010000A8900016F000169DC0" = "DA001""#)
        })?
    };
    if let Some((mn, _)) = map.iter().find(|(_, o)| o.trim().is_empty()) {
        return Err(Error::data(
            ErrorCode::DataMnMap,
            format!("MN `{mn}` maps to an empty outlet id"),
        ));
    }
    Ok(map)
}

#[derive(Debug, Clone, Copy)]
struct Sample {
    ts: i64,
    value: f64,
    flag: u8,
    offset: u64,
    qn: Option<u64>,
}

/// Accumulates data packets into series, then builds [`Readings`].
#[derive(Debug)]
pub struct ReadingsCollector {
    tz: TimeZone,
    cn: Cn,
    choice: ValueChoice,
    map: BTreeMap<String, String>,
    /// Outlet ids, indexed by the series keys.
    outlets: Vec<String>,
    /// MN → index in `outlets`.
    mn_outlet: HashMap<String, usize>,
    /// (outlet index, pollutant code) → index in `series`.
    series_index: HashMap<(usize, &'static str), usize>,
    series: Vec<(usize, &'static str, Vec<Sample>)>,
    warned_mn: BTreeSet<String>,
    used: u64,
}

const MAX_WARNED_MN: usize = 1024;
/// MNs remembered for the fast lookup; more devices still work, just slower.
const MAX_DEVICES: usize = 100_000;

impl ReadingsCollector {
    /// A collector for one data kind, value choice, zone and MN map.
    pub fn new(
        kind: DataKind,
        choice: ValueChoice,
        tz: TimeZone,
        map: BTreeMap<String, String>,
    ) -> Self {
        ReadingsCollector {
            tz,
            cn: kind.cn(),
            choice,
            map,
            outlets: Vec::new(),
            mn_outlet: HashMap::new(),
            series_index: HashMap::new(),
            series: Vec::new(),
            warned_mn: BTreeSet::new(),
            used: 0,
        }
    }

    /// Packets that contributed samples so far.
    pub fn packets_used(&self) -> u64 {
        self.used
    }

    /// Adds one accepted packet; packets of other CNs are ignored.
    pub fn add(&mut self, p: &Packet, sink: &mut dyn FnMut(Diagnostic)) -> Result<()> {
        if p.cn != self.cn {
            return Ok(());
        }
        let Some(dt) = p.cp.data_time else {
            return Ok(());
        };
        let ts = match self.tz.to_ambiguous_timestamp(dt).compatible() {
            Ok(t) => t.as_second(),
            Err(_) => {
                sink(Diagnostic::warning(
                    DiagnosticKind::BadTime,
                    p.offset,
                    p.qn.clone(),
                    format!("DataTime {dt} cannot be placed in the time zone"),
                ));
                return Ok(());
            }
        };
        let outlet = match self.mn_outlet.get(&p.mn) {
            Some(&i) => i,
            None => {
                let id = match self.map.get(&p.mn) {
                    Some(o) => o.clone(),
                    None => {
                        if !self.map.is_empty()
                            && self.warned_mn.len() < MAX_WARNED_MN
                            && self.warned_mn.insert(p.mn.clone())
                        {
                            sink(Diagnostic::warning(
                                DiagnosticKind::UnmappedMn,
                                p.offset,
                                p.qn.clone(),
                                format!("MN `{}` is not in the MN map; its data are kept under outlet `{}`", p.mn, p.mn),
                            ));
                        }
                        p.mn.clone()
                    }
                };
                let i = match self.outlets.iter().position(|o| *o == id) {
                    Some(i) => i,
                    None => {
                        self.outlets.push(id);
                        self.outlets.len() - 1
                    }
                };
                if self.mn_outlet.len() < MAX_DEVICES {
                    self.mn_outlet.insert(p.mn.clone(), i);
                }
                i
            }
        };
        let suffix = self.choice.suffix(p.cn);
        let qn = p.qn.as_deref().and_then(|q| q.parse::<u64>().ok());
        let mut used = false;
        for f in &p.cp.factors {
            let (Some(pollutant), Some(value)) = (f.pollutant, f.value(suffix)) else {
                continue;
            };
            let flag = f.flag.map_or(b'N', |fl| fl.as_byte());
            let idx = match self.series_index.get(&(outlet, pollutant.code)) {
                Some(&i) => i,
                None => {
                    self.series.push((outlet, pollutant.code, Vec::new()));
                    self.series_index
                        .insert((outlet, pollutant.code), self.series.len() - 1);
                    self.series.len() - 1
                }
            };
            let Some((_, _, samples)) = self.series.get_mut(idx) else {
                continue;
            };
            if samples.len() >= crate::ingest::readings::MAX_SAMPLES_PER_COLUMN {
                let name = self.outlets.get(outlet).map_or("", String::as_str);
                return Err(Error::new(
                    ErrorCode::LimitSeriesTooLong,
                    format!(
                        "outlet `{name}` has more than {} `{}` samples",
                        crate::ingest::readings::MAX_SAMPLES_PER_COLUMN,
                        pollutant.code
                    ),
                )
                .with_help("split the capture by year and decode each part"));
            }
            samples.push(Sample {
                ts,
                value,
                flag,
                offset: p.offset,
                qn,
            });
            used = true;
        }
        self.used += u64::from(used);
        Ok(())
    }

    /// Sorts each series, resolves resends and builds the readings, in (outlet,
    /// pollutant code) order.
    pub fn finish(self, sink: &mut dyn FnMut(Diagnostic)) -> Result<Readings<'static>> {
        let mut readings = Readings::new();
        let outlets = self.outlets;
        let mut series: Vec<(String, &'static str, Vec<Sample>)> = self
            .series
            .into_iter()
            .map(|(o, code, samples)| (outlets.get(o).cloned().unwrap_or_default(), code, samples))
            .collect();
        series.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
        for (outlet, code, mut samples) in series {
            let Some(pollutant) = Pollutant::by_code(code) else {
                continue;
            };
            samples.sort_by_key(|s| (s.ts, s.offset));
            let mut b = FrameBuilder::new(&outlet, vec![pollutant]);
            b.reserve(samples.len());
            let mut row = 0usize;
            let mut i = 0usize;
            while let Some(s) = samples.get(i) {
                let mut last = *s;
                let mut j = i + 1;
                while let Some(next) = samples.get(j).filter(|n| n.ts == s.ts) {
                    if next.value.to_bits() != last.value.to_bits() || next.flag != last.flag {
                        sink(Diagnostic::warning(
                            DiagnosticKind::DuplicateTime,
                            next.offset,
                            next.qn.map(|q| format!("{q:017}")),
                            format!(
                                "outlet `{outlet}` {code} at {} sent again with {}/{} instead of {}/{}; keeping the later packet",
                                next.ts,
                                next.value,
                                char::from(next.flag),
                                last.value,
                                char::from(last.flag)
                            ),
                        ));
                    }
                    last = *next;
                    j += 1;
                }
                row += 1;
                b.push_row(last.ts, &[(last.value, last.flag)], row)?;
                i = j;
            }
            readings.push(b.finish(DuplicatePolicy::KeepLast)?)?;
        }
        Ok(readings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mn_maps_in_toml_and_json() {
        let t =
            parse_mn_map("\"010000A8900016F000169DC0\" = \"DA001\"\nAB12 = \"DA002\"\n").unwrap();
        assert_eq!(
            t.get("010000A8900016F000169DC0").map(String::as_str),
            Some("DA001")
        );
        assert_eq!(t.get("AB12").map(String::as_str), Some("DA002"));
        let j = parse_mn_map(r#"{"AB12": "DA002"}"#).unwrap();
        assert_eq!(j.len(), 1);
        assert_eq!(parse_mn_map("AB12 = 3").unwrap_err().code(), "data.mn_map");
        assert_eq!(
            parse_mn_map(r#"{"AB12": ""}"#).unwrap_err().code(),
            "data.mn_map"
        );
    }
}
