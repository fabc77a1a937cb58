//! CSV loading, in the two shapes monitoring exports come in.
//!
//! **Long**: one value per row — `outlet,pollutant,time,value,flag`.
//!
//! **Wide**: one row per outlet and minute with a column per pollutant —
//! `outlet,time,so2,nox,pm,o2,flag` — where the one `flag` column applies to every
//! pollutant of the row, or each pollutant has its own `<name>_flag` (also `<name>-Flag`)
//! column. Pollutant columns may be named by HJ 212-2017 code (`a21026`), 2005 code or
//! common name (`so2`). Unknown column names are an error with a "did you mean", so a typo
//! never drops a pollutant silently.
//!
//! Times are Unix seconds or ISO 8601 (see [`crate::domain::zones::parse_time`]). Values `nan`,
//! `NaN` and empty cells become NaN: missing, and counted as invalid samples later.

use super::build::{FrameBuilder, LoadOptions};
use super::table::Layout;
use super::{lookup_pollutant, Readings};
use crate::diag::error::{Error, Result};
use crate::domain::pollutant::Pollutant;
use crate::ErrorCode;
use std::collections::HashMap;

/// Parses CSV text in long or wide shape (detected from the header).
pub fn load_csv(text: &str, opts: &LoadOptions) -> Result<Readings<'static>> {
    let source = opts
        .source_name
        .clone()
        .unwrap_or_else(|| "data.csv".to_string());
    load_csv_inner(text.as_bytes(), opts).map_err(|e| e.with_file(source))
}

/// Parses CSV from a reader (a file, a socket) without holding the whole text in memory.
pub fn load_csv_reader<R: std::io::Read>(
    reader: R,
    opts: &LoadOptions,
) -> Result<Readings<'static>> {
    let source = opts
        .source_name
        .clone()
        .unwrap_or_else(|| "data.csv".to_string());
    load_csv_inner(reader, opts).map_err(|e| e.with_file(source))
}

fn load_csv_inner<R: std::io::Read>(bytes: R, opts: &LoadOptions) -> Result<Readings<'static>> {
    let naive = match &opts.naive_time_zone {
        Some(z) => Some(crate::domain::zones::zone(z)?),
        None => None,
    };
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(bytes);
    let header: Vec<String> = rdr
        .byte_headers()
        .map_err(|e| csv_error(&e))?
        .iter()
        .map(|h| {
            String::from_utf8_lossy(h)
                .trim()
                .trim_start_matches('\u{feff}')
                .to_string()
        })
        .collect();
    let (outlet_col, time_col, shape) = shape_of(&header)?;
    let mut frames = Frames::default();
    let mut record = csv::ByteRecord::new();
    let mut cells: Vec<(f64, u8)> = Vec::new();
    let mut row = 1usize;
    let tz = naive.as_ref();
    loop {
        match rdr.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(csv_error(&e)),
        }
        row += 1;
        let outlet = record.get(outlet_col).unwrap_or_default();
        let t = parse_ts(record.get(time_col).unwrap_or_default(), tz)
            .ok_or_else(|| bad_cell(row, time_col + 1, "time", record.get(time_col)))?;
        cells.clear();
        let sub = row_cells(&shape, &record, row, &mut cells)?;
        let slot = frames.slot(outlet, sub, &shape, row, outlet_col)?;
        if let Some(b) = frames.builders.get_mut(slot) {
            b.push_row(t, &cells, row)?;
        }
    }
    let mut readings = Readings::new();
    for b in frames.builders {
        readings.push(b.finish(opts.duplicates)?)?;
    }
    Ok(readings)
}

/// The outlet and time columns and the shape the header names.
fn shape_of(header: &[String]) -> Result<(usize, usize, Shape)> {
    Ok(match super::table::classify_header(header)? {
        Layout::Long {
            outlet,
            time,
            pollutant,
            value,
            flag,
        } => (
            outlet,
            time,
            Shape::Long {
                pollutant,
                value,
                flag,
            },
        ),
        Layout::Wide {
            outlet,
            time,
            flag,
            columns,
        } => (
            outlet,
            time,
            Shape::Wide {
                columns: columns
                    .iter()
                    .map(|c| {
                        Ok(WideColumn {
                            pollutant: lookup_pollutant(&c.pollutant)?,
                            value: c.value,
                            flag: c.flag,
                        })
                    })
                    .collect::<Result<Vec<_>>>()?,
                shared_flag: flag,
            },
        ),
    })
}

/// The (value, flag) cells of one row into `cells`; returns the row's sub-key: the
/// pollutant's registry index in the long shape, `usize::MAX` in the wide shape.
#[inline]
fn row_cells(
    shape: &Shape,
    record: &csv::ByteRecord,
    row: usize,
    cells: &mut Vec<(f64, u8)>,
) -> Result<usize> {
    match shape {
        Shape::Long {
            pollutant,
            value,
            flag,
        } => {
            let name =
                std::str::from_utf8(record.get(*pollutant).unwrap_or_default()).unwrap_or("");
            let p =
                lookup_pollutant(name).map_err(|e| e.at(u32_of(row), u32_of(*pollutant + 1)))?;
            let v = parse_value(record.get(*value).unwrap_or_default())
                .ok_or_else(|| bad_cell(row, value + 1, "value", record.get(*value)))?;
            let f = parse_flag(flag.and_then(|c| record.get(c))).ok_or_else(|| {
                bad_cell(
                    row,
                    flag.unwrap_or(0) + 1,
                    "flag",
                    flag.and_then(|c| record.get(c)),
                )
            })?;
            cells.push((v, f));
            Ok(registry_index(p))
        }
        Shape::Wide {
            columns,
            shared_flag,
        } => {
            let shared = match shared_flag {
                Some(c) => parse_flag(record.get(*c))
                    .ok_or_else(|| bad_cell(row, c + 1, "flag", record.get(*c)))?,
                None => b'N',
            };
            for wc in columns {
                let v = parse_value(record.get(wc.value).unwrap_or_default()).ok_or_else(|| {
                    bad_cell(row, wc.value + 1, wc.pollutant.code, record.get(wc.value))
                })?;
                let f = match wc.flag {
                    Some(c) => parse_flag(record.get(c))
                        .ok_or_else(|| bad_cell(row, c + 1, "flag", record.get(c)))?,
                    None => shared,
                };
                cells.push((v, f));
            }
            Ok(usize::MAX)
        }
    }
}

/// One frame builder per (outlet[, pollutant]) key, in first-seen order; the last key is
/// remembered, so the rows of one outlet in a run cost no hash look-up.
#[derive(Default)]
struct Frames {
    builders: Vec<FrameBuilder>,
    index: HashMap<(Vec<u8>, usize), usize>,
    last_key: Option<(Vec<u8>, usize, usize)>,
}

impl Frames {
    /// The builder of a row's key, created on first sight (an empty outlet is an error).
    #[inline]
    fn slot(
        &mut self,
        outlet: &[u8],
        sub: usize,
        shape: &Shape,
        row: usize,
        outlet_col: usize,
    ) -> Result<usize> {
        if let Some((o, s, slot)) = &self.last_key {
            if o.as_slice() == outlet && *s == sub {
                return Ok(*slot);
            }
        }
        let key = (outlet.to_vec(), sub);
        let slot = match self.index.get(&key) {
            Some(s) => *s,
            None => {
                let name = String::from_utf8_lossy(outlet).trim().to_string();
                if name.is_empty() {
                    return Err(bad_cell(row, outlet_col + 1, "outlet", Some(outlet)));
                }
                let pollutants = match shape {
                    Shape::Long { .. } => crate::domain::pollutant::REGISTRY
                        .get(sub)
                        .into_iter()
                        .collect(),
                    Shape::Wide { columns, .. } => columns.iter().map(|c| c.pollutant).collect(),
                };
                self.builders.push(FrameBuilder::new(&name, pollutants));
                self.index.insert(key.clone(), self.builders.len() - 1);
                self.builders.len() - 1
            }
        };
        self.last_key = Some((key.0, sub, slot));
        Ok(slot)
    }
}

enum Shape {
    Long {
        pollutant: usize,
        value: usize,
        flag: Option<usize>,
    },
    Wide {
        columns: Vec<WideColumn>,
        shared_flag: Option<usize>,
    },
}

struct WideColumn {
    pollutant: &'static Pollutant,
    value: usize,
    flag: Option<usize>,
}

fn registry_index(p: &'static Pollutant) -> usize {
    crate::domain::pollutant::REGISTRY
        .iter()
        .position(|q| q.code == p.code)
        .unwrap_or(usize::MAX)
}

fn parse_ts(cell: &[u8], tz: Option<&jiff::tz::TimeZone>) -> Option<i64> {
    // Fast path: plain integer seconds.
    if !cell.is_empty() && cell.len() <= 12 && cell.iter().all(u8::is_ascii_digit) {
        let mut n: i64 = 0;
        for b in cell {
            n = n * 10 + i64::from(b - b'0');
        }
        return Some(n);
    }
    crate::domain::zones::parse_time(std::str::from_utf8(cell).ok()?, tz)
}

/// Parses a value cell: a decimal number, or `nan`/empty for missing (NaN).
pub fn parse_value(cell: &[u8]) -> Option<f64> {
    let s = std::str::from_utf8(cell).ok()?.trim();
    if s.is_empty()
        || s.eq_ignore_ascii_case("nan")
        || s.eq_ignore_ascii_case("null")
        || s.eq_ignore_ascii_case("na")
    {
        return Some(f64::NAN);
    }
    s.parse::<f64>().ok()
}

fn parse_flag(cell: Option<&[u8]>) -> Option<u8> {
    let c = cell.unwrap_or_default();
    let trimmed: &[u8] = match std::str::from_utf8(c) {
        Ok(s) => s.trim().as_bytes(),
        Err(_) => return None,
    };
    match trimmed {
        [] => Some(b'N'),
        [b] => super::Flag::from_byte(*b).map(super::Flag::as_byte),
        _ => None,
    }
}

fn u32_of(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn bad_cell(row: usize, col: usize, what: &str, cell: Option<&[u8]>) -> Error {
    let text = String::from_utf8_lossy(cell.unwrap_or_default()).to_string();
    Error::data(ErrorCode::DataBadCell, format!("row {row}: cannot read {what} from `{text}`"))
        .with_help(match what {
            "time" => "times are Unix seconds or ISO 8601 with an offset (`2025-01-01T00:00:00+08:00`); for local times set naive_time_zone",
            "flag" => "flags are one HJ 212 letter: N, F, M, S, D, C, T, B",
            _ => "values are decimal numbers; write `nan` or leave the cell empty for a missing value",
        })
        .at(u32_of(row), u32_of(col))
}

fn csv_error(e: &csv::Error) -> Error {
    let mut err = Error::data(ErrorCode::DataCsvSyntax, format!("malformed CSV: {e}"));
    if let Some(pos) = e.position() {
        err = err.at(u32_of(usize::try_from(pos.line()).unwrap_or(usize::MAX)), 1);
    }
    err
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_shape() {
        let text = "outlet,pollutant,time,value,flag\nDA001,so2,2025-01-01T00:01:00+08:00,2.5,N\nDA001,a21026,2025-01-01T00:00:00+08:00,nan,C\nDA001,nox,1735660800,7,N\n";
        let r = load_csv(text, &LoadOptions::default()).unwrap();
        let (f, c) = r.series("DA001", "a21026").unwrap();
        assert_eq!(f.ts(), &[1_735_660_800, 1_735_660_860]);
        assert!(c.values()[0].is_nan());
        assert_eq!(c.values()[1], 2.5);
        assert_eq!(c.flags(), b"CN");
        assert_eq!(r.series("DA001", "a21002").unwrap().1.values(), &[7.0]);
    }

    #[test]
    fn wide_shape_with_shared_and_own_flags() {
        let text =
            "\"stack_id\",\"ts\",\"so2\",\"o2\",\"flag\"\n1,60,1.5,6,\"N\"\n1,0,nan,7,\"M\"\n";
        let r = load_csv(text, &LoadOptions::default()).unwrap();
        let (f, c) = r.series("1", "a21026").unwrap();
        assert_eq!(f.ts(), &[0, 60]);
        assert_eq!(c.flags(), b"MN");
        let text = "outlet,time,so2,so2_flag,nox\nA,0,1,C,2\n";
        let r = load_csv(text, &LoadOptions::default()).unwrap();
        assert_eq!(r.series("A", "a21026").unwrap().1.flags(), b"C");
        assert_eq!(r.series("A", "a21002").unwrap().1.flags(), b"N");
    }

    #[test]
    fn errors_have_positions_and_help() {
        let e = load_csv("outlet,time,so3\nA,0,1\n", &LoadOptions::default()).unwrap_err();
        assert_eq!(e.code(), "data.unknown_pollutant");
        assert_eq!(e.envelope().help.as_deref(), Some("did you mean `so2`?"));
        assert_eq!((e.envelope().line, e.envelope().column), (Some(1), Some(3)));
        let e = load_csv(
            "outlet,time,so2\nA,0,1\nA,yesterday,2\n",
            &LoadOptions::default(),
        )
        .unwrap_err();
        assert_eq!(e.code(), "data.bad_cell");
        assert_eq!((e.envelope().line, e.envelope().column), (Some(3), Some(2)));
        let e = load_csv("outlet,time,so2\nA,0,1\nA,0,2\n", &LoadOptions::default()).unwrap_err();
        assert_eq!(e.code(), "data.duplicate_timestamp");
        assert_eq!(e.envelope().line, Some(2));
    }
}
