//! Loading warning data: the usual JSON shapes, plus operating signals.
//!
//! The same `{"series": [...]}` and record shapes as [`crate::readings::json`], except
//! that `pollutant` may also name an operating signal (`fan`, `production_line`; see
//! [`super::signals`]). Columns of one outlet sharing a time axis are best sent as one
//! frame; separate series are merged per outlet by the monitor.

use crate::error::{Error, Result};
use crate::readings::json::{DataDocument, Record, TimeValue};
use crate::readings::{DuplicatePolicy, FrameBuilder, LoadOptions, Readings};

/// Parses JSON data (series or records) whose columns may be operating signals.
pub fn load_json(text: &str, opts: &LoadOptions) -> Result<Readings<'static>> {
    let doc: DataDocument = serde_json::from_str(text).map_err(|e| {
        Error::data("json_syntax", format!("malformed data JSON: {e}")).at(
            u32::try_from(e.line()).unwrap_or(0),
            u32::try_from(e.column()).unwrap_or(0),
        )
    })?;
    from_document(&doc, opts)
}

/// Builds readings from a parsed document.
pub fn from_document(doc: &DataDocument, opts: &LoadOptions) -> Result<Readings<'static>> {
    let naive = match &opts.naive_time_zone {
        Some(z) => Some(crate::zones::zone(z)?),
        None => None,
    };
    let time = |t: &TimeValue, path: &str| -> Result<i64> {
        match t {
            TimeValue::Seconds(s) => Ok(*s),
            TimeValue::Text(s) => crate::zones::parse_time(s, naive.as_ref()).ok_or_else(|| {
                Error::data("bad_time", format!("cannot read time `{s}`"))
                    .with_path(path.to_string())
            }),
        }
    };
    let lookup = |name: &str, path: &str| {
        super::signals::lookup(name).ok_or_else(|| {
            Error::data(
                "unknown_pollutant",
                format!("unknown pollutant or signal `{name}`"),
            )
            .with_path(path.to_string())
            .with_help_opt(super::signals::suggest(name).map(|s| format!("did you mean `{s}`?")))
        })
    };
    let policy = opts.duplicates;
    let mut readings = Readings::new();
    let flag_of = |s: Option<&str>| -> Result<u8> {
        match s {
            None => Ok(b'N'),
            Some(f) => crate::readings::Flag::parse(f)
                .map(|f| f.as_byte())
                .ok_or_else(|| {
                    Error::data("unknown_flag", format!("unknown data flag `{f}`"))
                        .with_help("HJ 212 flags are N, F, M, S, D, C, T, B")
                }),
        }
    };
    match doc {
        DataDocument::Series { series } => {
            // merge series of one outlet with identical time axes into one frame
            for (i, s) in series.iter().enumerate() {
                let path = format!("series[{i}]");
                let p = lookup(&s.pollutant, &format!("{path}.pollutant"))?;
                if s.values.len() != s.time.len() {
                    return Err(Error::data(
                        "length_mismatch",
                        format!("{} times and {} values", s.time.len(), s.values.len()),
                    )
                    .with_path(path));
                }
                let flags: Vec<char> = s.flags.as_deref().unwrap_or("").chars().collect();
                if !flags.is_empty() && flags.len() != s.time.len() {
                    return Err(Error::data(
                        "length_mismatch",
                        format!("{} times and {} flags", s.time.len(), flags.len()),
                    )
                    .with_path(format!("{path}.flags")));
                }
                let mut b = FrameBuilder::new(&s.outlet, vec![p]);
                for (k, (t, v)) in s.time.iter().zip(&s.values).enumerate() {
                    let ts = time(t, &format!("{path}.time[{k}]"))?;
                    let f = match flags.get(k) {
                        Some(c) => flag_of(Some(&c.to_string()))
                            .map_err(|e| e.with_path(format!("{path}.flags")))?,
                        None => b'N',
                    };
                    b.push_row(ts, &[(v.unwrap_or(f64::NAN), f)], k + 1)?;
                }
                readings.push(b.finish(policy)?)?;
            }
        }
        DataDocument::Wrapped { records } | DataDocument::Records(records) => {
            let mut groups: Vec<((String, &'static crate::pollutant::Pollutant), FrameBuilder)> =
                Vec::new();
            for (i, r) in records.iter().enumerate() {
                let Record {
                    outlet,
                    pollutant,
                    time: t,
                    value,
                    flag,
                } = r;
                let path = format!("[{i}]");
                let p = lookup(pollutant, &format!("{path}.pollutant"))?;
                let ts = time(t, &format!("{path}.time"))?;
                let f =
                    flag_of(flag.as_deref()).map_err(|e| e.with_path(format!("{path}.flag")))?;
                let key = (outlet.clone(), p);
                let b = match groups
                    .iter_mut()
                    .position(|(k, _)| k.0 == key.0 && k.1.code == p.code)
                {
                    Some(j) => {
                        &mut groups
                            .get_mut(j)
                            .ok_or_else(|| Error::data("internal", "group"))?
                            .1
                    }
                    None => {
                        groups.push((key, FrameBuilder::new(outlet, vec![p])));
                        &mut groups
                            .last_mut()
                            .ok_or_else(|| Error::data("internal", "group"))?
                            .1
                    }
                };
                b.push_row(ts, &[(value.unwrap_or(f64::NAN), f)], i + 1)?;
            }
            for (_, b) in groups {
                readings.push(b.finish(policy)?)?;
            }
        }
    }
    let _ = DuplicatePolicy::Error;
    Ok(readings)
}
