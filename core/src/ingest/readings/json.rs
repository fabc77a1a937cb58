//! JSON loading: records or columnar series.
//!
//! Records (one value each, like the long CSV shape):
//! `[{"outlet": "DA001", "pollutant": "so2", "time": "2025-01-01T00:00:00+08:00", "value": 12.5, "flag": "N"}]`
//! (also accepted wrapped as `{"records": [...]}`; `value: null` is a missing value, `flag`
//! defaults to `N`, `time` may be Unix seconds).
//!
//! Columnar series (what bindings and the conformance vectors use):
//! `{"series": [{"outlet": "DA001", "pollutant": "so2", "time": [...], "values": [...], "flags": "NNC"}]}`
//! where `flags` is a string of letters or an array of one-letter strings.

use super::build::{FrameBuilder, LoadOptions};
use super::{lookup_pollutant, Readings};
use crate::diag::error::{Error, Result};
use crate::domain::pollutant::Pollutant;
use crate::ErrorCode;
use serde::{Deserialize, Serialize};

/// A time given as Unix seconds or as text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
pub enum TimeValue {
    /// Unix seconds (UTC).
    Seconds(i64),
    /// ISO 8601 text.
    Text(String),
}

/// One measured value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[cfg_attr(
    feature = "wasm",
    derive(tsify::Tsify),
    tsify(missing_as_null, rename = "DataRecord")
)]
pub struct Record {
    /// Permit outlet id.
    pub outlet: String,
    /// Pollutant code or name.
    pub pollutant: String,
    /// Time of the sample (start of the minute).
    pub time: TimeValue,
    /// The value; `null` for missing.
    pub value: Option<f64>,
    /// HJ 212 flag letter; default `N`.
    #[serde(default)]
    pub flag: Option<String>,
}

/// One series in columnar form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct SeriesData {
    /// Permit outlet id.
    pub outlet: String,
    /// Pollutant code or name.
    pub pollutant: String,
    /// Times, one per value.
    pub time: Vec<TimeValue>,
    /// Values; `null` for missing.
    pub values: Vec<Option<f64>>,
    /// Flags: a string with one letter per value, or omitted for all `N`.
    #[serde(default)]
    pub flags: Option<String>,
}

/// Either JSON shape.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
pub enum DataDocument {
    /// `{"series": [...]}`
    Series {
        /// The series.
        series: Vec<SeriesData>,
    },
    /// `{"records": [...]}`
    Wrapped {
        /// The records.
        #[cfg_attr(feature = "wasm", tsify(type = "DataRecord[]"))]
        records: Vec<Record>,
    },
    /// `[...]`
    Records(#[cfg_attr(feature = "wasm", tsify(type = "DataRecord[]"))] Vec<Record>),
}

/// Parses JSON text in either shape.
pub fn load_json(text: &str, opts: &LoadOptions) -> Result<Readings<'static>> {
    load_json_with(text, opts, &lookup_pollutant)
}

/// [`load_json`] with another column-name lookup (the warning engine also accepts operating
/// signals such as `fan`).
pub fn load_json_with(
    text: &str,
    opts: &LoadOptions,
    lookup: &dyn Fn(&str) -> Result<&'static Pollutant>,
) -> Result<Readings<'static>> {
    let source = opts
        .source_name
        .clone()
        .unwrap_or_else(|| "data.json".to_string());
    let doc: DataDocument = serde_json::from_str(text).map_err(|e| {
        Error::data(ErrorCode::DataJsonSyntax, format!("malformed data JSON: {e}"))
            .with_help("give an array of {outlet, pollutant, time, value, flag} records or {\"series\": [...]}")
            .at(u32::try_from(e.line()).unwrap_or(0), u32::try_from(e.column()).unwrap_or(0))
            .with_file(source.clone())
    })?;
    from_document_with(&doc, opts, lookup).map_err(|e| e.with_file(source))
}

/// Builds readings from a parsed document.
pub fn from_document(doc: &DataDocument, opts: &LoadOptions) -> Result<Readings<'static>> {
    from_document_with(doc, opts, &lookup_pollutant)
}

/// [`from_document`] with another column-name lookup.
pub fn from_document_with(
    doc: &DataDocument,
    opts: &LoadOptions,
    lookup: &dyn Fn(&str) -> Result<&'static Pollutant>,
) -> Result<Readings<'static>> {
    let naive = match &opts.naive_time_zone {
        Some(z) => Some(crate::domain::zones::zone(z)?),
        None => None,
    };
    let tz = naive.as_ref();
    let time = |t: &TimeValue, path: String| -> Result<i64> {
        match t {
            TimeValue::Seconds(s) => Ok(*s),
            TimeValue::Text(s) => crate::domain::zones::parse_time(s, tz).ok_or_else(|| {
                Error::data(ErrorCode::DataBadTime, format!("cannot read time `{s}`"))
                    .with_path(path)
                    .with_help("times are Unix seconds or ISO 8601 with an offset; for local times set naive_time_zone")
            }),
        }
    };
    let mut builders: Vec<(String, &'static str, FrameBuilder)> = Vec::new();
    let mut push = |outlet: &str,
                    pollutant: &str,
                    t: i64,
                    v: f64,
                    f: u8,
                    path: &str,
                    row: usize|
     -> Result<()> {
        let p = lookup(pollutant).map_err(|e| e.with_path(format!("{path}.pollutant")))?;
        let b = match builders
            .iter_mut()
            .position(|(o, c, _)| o == outlet && *c == p.code)
        {
            Some(i) => i,
            None => {
                builders.push((
                    outlet.to_string(),
                    p.code,
                    FrameBuilder::new(outlet, vec![p]),
                ));
                builders.len() - 1
            }
        };
        match builders.get_mut(b) {
            Some((_, _, fb)) => fb.push_row(t, &[(v, f)], row),
            None => Ok(()),
        }
    };
    let flag_byte = |s: Option<&str>, path: String| -> Result<u8> {
        match s.map(super::Flag::parse).unwrap_or(Some(super::Flag::N)) {
            Some(f) => Ok(f.as_byte()),
            None => Err(Error::data(
                ErrorCode::DataUnknownFlag,
                format!("unknown data flag `{}`", s.unwrap_or("")),
            )
            .with_path(path)
            .with_help("HJ 212 flags are N, F, M, S, D, C, T, B")),
        }
    };
    match doc {
        DataDocument::Records(records) | DataDocument::Wrapped { records } => {
            for (i, r) in records.iter().enumerate() {
                let path = format!("[{i}]");
                let t = time(&r.time, format!("{path}.time"))?;
                let f = flag_byte(r.flag.as_deref(), format!("{path}.flag"))?;
                push(
                    &r.outlet,
                    &r.pollutant,
                    t,
                    r.value.unwrap_or(f64::NAN),
                    f,
                    &path,
                    i + 1,
                )?;
            }
        }
        DataDocument::Series { series } => {
            for (si, s) in series.iter().enumerate() {
                let path = format!("series[{si}]");
                if s.values.len() != s.time.len() {
                    return Err(Error::data(
                        ErrorCode::DataLengthMismatch,
                        format!("{} times and {} values", s.time.len(), s.values.len()),
                    )
                    .with_path(path));
                }
                let flags: Vec<char> = s.flags.as_deref().unwrap_or("").chars().collect();
                if !flags.is_empty() && flags.len() != s.values.len() {
                    return Err(Error::data(
                        ErrorCode::DataLengthMismatch,
                        format!("{} flags for {} values", flags.len(), s.values.len()),
                    )
                    .with_path(format!("{path}.flags")));
                }
                for (i, (t, v)) in s.time.iter().zip(&s.values).enumerate() {
                    let t = time(t, format!("{path}.time[{i}]"))?;
                    let mut buf = [0u8; 4];
                    let fs = flags.get(i).map(|c| &*c.encode_utf8(&mut buf));
                    let f = flag_byte(fs, format!("{path}.flags[{i}]"))?;
                    push(
                        &s.outlet,
                        &s.pollutant,
                        t,
                        v.unwrap_or(f64::NAN),
                        f,
                        &path,
                        i + 1,
                    )?;
                }
            }
        }
    }
    let mut readings = Readings::new();
    for (_, _, b) in builders {
        readings.push(b.finish(opts.duplicates)?)?;
    }
    Ok(readings)
}

/// The columnar JSON form of readings: one series per (outlet, pollutant), times in Unix
/// seconds, missing values as `null`.
pub fn to_series(readings: &Readings<'_>) -> Vec<SeriesData> {
    let mut series = Vec::new();
    for f in readings.frames() {
        for c in f.columns() {
            series.push(SeriesData {
                outlet: f.outlet().to_string(),
                pollutant: c.pollutant().code.to_string(),
                time: f.ts().iter().map(|t| TimeValue::Seconds(*t)).collect(),
                values: c
                    .values()
                    .iter()
                    .map(|v| if v.is_nan() { None } else { Some(*v) })
                    .collect(),
                flags: Some(c.flags().iter().map(|b| char::from(*b)).collect()),
            });
        }
    }
    series
}

/// The `{"series": [...]}` document of readings (what [`load_json`] reads back).
pub fn to_document(readings: &Readings<'_>) -> DataDocument {
    DataDocument::Series {
        series: to_series(readings),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_and_series() {
        let r = load_json(
            r#"[{"outlet":"A","pollutant":"so2","time":60,"value":null,"flag":"D"},{"outlet":"A","pollutant":"so2","time":"1970-01-01T00:00:00Z","value":4}]"#,
            &LoadOptions::default(),
        )
        .unwrap();
        let (f, c) = r.series("A", "a21026").unwrap();
        assert_eq!(f.ts(), &[0, 60]);
        assert_eq!(c.values()[0], 4.0);
        assert!(c.values()[1].is_nan());
        assert_eq!(c.flags(), b"ND");
        let r = load_json(r#"{"series":[{"outlet":"A","pollutant":"ph","time":[0,60],"values":[7,8.5],"flags":"NC"}]}"#, &LoadOptions::default()).unwrap();
        assert_eq!(r.series("A", "w01001").unwrap().1.flags(), b"NC");
    }

    #[test]
    fn bad_flag_has_path() {
        let e = load_json(
            r#"[{"outlet":"A","pollutant":"so2","time":0,"value":1,"flag":"X"}]"#,
            &LoadOptions::default(),
        )
        .unwrap_err();
        assert_eq!(e.code(), "data.unknown_flag");
        assert_eq!(e.envelope().path.as_deref(), Some("[0].flag"));
    }
}
