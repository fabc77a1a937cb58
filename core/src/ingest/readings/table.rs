//! Host tables handed over as columns: header conventions and zero-copy frame assembly.
//!
//! Monitoring exports come as tables in one of two shapes (see [`super::csv`]): **long**
//! (`outlet, pollutant, time, value, flag`, one value per row) or **wide** (`outlet, time,
//! so2, nox, ..., flag`, one row per outlet and minute). A CSV file, a pandas or polars
//! DataFrame, an Arrow table and a dict of numpy arrays are all such tables, so the same
//! header conventions apply to all of them: [`classify_header`] says which column is which,
//! and the CSV loader and every binding ask it instead of repeating the rules.
//!
//! [`readings_from_wide`] and [`readings_from_long`] then turn the columns a host lends
//! (slices of numpy arrays or Arrow buffers) into [`Readings`]. When the rows of each series
//! are contiguous and already in time order — the usual layout of an export sorted by outlet
//! and time — the frames **borrow** the host's buffers: a year of minute data for hundreds
//! of outlets is evaluated without a per-sample copy. Any other layout (interleaved outlets,
//! unsorted or duplicate times) falls back to [`FrameBuilder`], which copies, sorts and
//! applies the duplicate policy exactly as the file loaders do.

use super::build::{FrameBuilder, LoadOptions};
use super::{lookup_pollutant, Column, Flag, Frame, Readings};
use crate::diag::error::{Error, Result};
use crate::domain::pollutant::Pollutant;
use crate::ErrorCode;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

/// Accepted names of the outlet column (case-insensitive).
pub const OUTLET_NAMES: &[&str] = &["outlet", "outlet_id", "stack_id", "stack", "mn", "排放口"];
/// Accepted names of the time column.
pub const TIME_NAMES: &[&str] = &["time", "ts", "timestamp", "datatime", "datetime", "时间"];
/// Accepted names of the shared flag column.
pub const FLAG_NAMES: &[&str] = &["flag", "flags"];

/// One pollutant column of a wide table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct WideColumnSpec {
    /// The pollutant's HJ 212-2017 code.
    pub pollutant: String,
    /// Index of the value column.
    pub value: usize,
    /// Index of its own `<name>_flag` column, if any.
    pub flag: Option<usize>,
}

/// Which column of a table is which (indices into the header).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "shape", rename_all = "snake_case")]
pub enum Layout {
    /// `outlet, pollutant, time, value, flag`.
    Long {
        /// Outlet column.
        outlet: usize,
        /// Time column.
        time: usize,
        /// Pollutant column.
        pollutant: usize,
        /// Value column.
        value: usize,
        /// Flag column, if any (else every sample is `N`).
        flag: Option<usize>,
    },
    /// `outlet, time, so2, nox, ..., flag`.
    Wide {
        /// Outlet column.
        outlet: usize,
        /// Time column.
        time: usize,
        /// The flag column shared by every pollutant of a row, if any.
        flag: Option<usize>,
        /// The pollutant columns, in header order.
        columns: Vec<WideColumnSpec>,
    },
}

/// Says which column is which, from the header names (long if it has `pollutant`/`code`
/// and `value` columns, else wide). Errors carry line 1 and the 1-based column.
pub fn classify_header(header: &[String]) -> Result<Layout> {
    let find = |names: &[&str]| {
        header
            .iter()
            .position(|h| names.iter().any(|n| h.trim().eq_ignore_ascii_case(n)))
    };
    let outlet = find(OUTLET_NAMES).ok_or_else(|| missing_column("outlet", OUTLET_NAMES))?;
    let time = find(TIME_NAMES).ok_or_else(|| missing_column("time", TIME_NAMES))?;
    if let Some((pollutant, value)) = find(&["pollutant", "code"]).zip(find(&["value"])) {
        return Ok(Layout::Long {
            outlet,
            time,
            pollutant,
            value,
            flag: find(FLAG_NAMES),
        });
    }
    wide_layout(header, outlet, time)
}

fn wide_layout(header: &[String], outlet: usize, time: usize) -> Result<Layout> {
    let mut flag = None;
    let mut columns: Vec<WideColumnSpec> = Vec::new();
    let mut flag_cols: Vec<(usize, String)> = Vec::new();
    for (i, h) in header.iter().enumerate() {
        let h = h.trim();
        if i == outlet || i == time {
            continue;
        }
        if FLAG_NAMES.iter().any(|n| h.eq_ignore_ascii_case(n)) {
            flag = Some(i);
            continue;
        }
        let lower = h.to_ascii_lowercase();
        if let Some(base) = lower
            .strip_suffix("_flag")
            .or_else(|| lower.strip_suffix("-flag"))
        {
            flag_cols.push((i, h.get(..base.len()).unwrap_or(base).to_string()));
            continue;
        }
        let p = lookup_pollutant(h)
            .map_err(|e| e.at(1, u32_of(i + 1)).with_path(format!("header[{i}]")))?;
        if columns.iter().any(|c| c.pollutant == p.code) {
            return Err(Error::data(
                ErrorCode::DataDuplicateColumn,
                format!("two columns name pollutant `{}`", p.code),
            )
            .at(1, u32_of(i + 1)));
        }
        columns.push(WideColumnSpec {
            pollutant: p.code.to_string(),
            value: i,
            flag: None,
        });
    }
    for (i, base) in flag_cols {
        let p = lookup_pollutant(&base).map_err(|e| e.at(1, u32_of(i + 1)))?;
        match columns.iter_mut().find(|c| c.pollutant == p.code) {
            Some(c) => c.flag = Some(i),
            None => {
                return Err(Error::data(
                    ErrorCode::DataOrphanFlagColumn,
                    format!(
                        "flag column `{}` has no value column",
                        header.get(i).map_or("", |s| s)
                    ),
                )
                .at(1, u32_of(i + 1)))
            }
        }
    }
    if columns.is_empty() {
        return Err(Error::data(ErrorCode::DataNoPollutantColumns, "the header names no pollutant column")
            .with_help("use the long shape `outlet,pollutant,time,value,flag` or wide `outlet,time,so2,nox,...,flag`"));
    }
    Ok(Layout::Wide {
        outlet,
        time,
        flag,
        columns,
    })
}

fn missing_column(what: &str, names: &[&str]) -> Error {
    Error::data(
        ErrorCode::DataMissingColumn,
        format!("the header has no {what} column"),
    )
    .with_help(format!("name it one of: {}", names.join(", ")))
    .at(1, 1)
}

fn u32_of(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Per-row keys (outlet ids, pollutant names) as integer codes, the way hosts hold them
/// (an integer column, or the indices of a dictionary-encoded string column).
#[derive(Debug, Clone, Copy)]
pub enum KeyCodes<'a> {
    /// 32-bit codes.
    I32(&'a [i32]),
    /// 64-bit codes.
    I64(&'a [i64]),
}

impl KeyCodes<'_> {
    fn len(&self) -> usize {
        match self {
            KeyCodes::I32(k) => k.len(),
            KeyCodes::I64(k) => k.len(),
        }
    }

    fn get(&self, i: usize) -> i64 {
        match self {
            KeyCodes::I32(k) => k.get(i).map_or(0, |v| i64::from(*v)),
            KeyCodes::I64(k) => k.get(i).copied().unwrap_or(0),
        }
    }
}

/// A key column: codes per row, and optionally the names the codes index (a dictionary);
/// without names a code is its own name (`17` → outlet `"17"`).
#[derive(Debug, Clone, Copy)]
pub struct RowKeys<'a> {
    /// Code of each row.
    pub codes: KeyCodes<'a>,
    /// Names by code, for dictionary-encoded columns.
    pub names: Option<&'a [String]>,
}

impl RowKeys<'_> {
    fn name(&self, code: i64) -> Result<String> {
        match self.names {
            None => Ok(code.to_string()),
            Some(names) => usize::try_from(code)
                .ok()
                .and_then(|i| names.get(i))
                .cloned()
                .ok_or_else(|| {
                    Error::data(
                        ErrorCode::DataBadKey,
                        format!("key code {code} is outside its dictionary"),
                    )
                }),
        }
    }
}

/// Variable-length text cells in Arrow's layout: cell `i` is `data[offsets[i]..offsets[i+1]]`.
#[derive(Debug, Clone, Copy)]
pub struct TextCells<'a> {
    /// `rows + 1` offsets into `data`.
    pub offsets: &'a [i32],
    /// UTF-8 bytes.
    pub data: &'a [u8],
}

impl<'a> TextCells<'a> {
    fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    fn cell(&self, i: usize) -> &'a [u8] {
        let a = self.offsets.get(i).and_then(|o| usize::try_from(*o).ok());
        let b = self
            .offsets
            .get(i + 1)
            .and_then(|o| usize::try_from(*o).ok());
        match (a, b) {
            (Some(a), Some(b)) if a <= b => self.data.get(a..b).unwrap_or_default(),
            _ => &[],
        }
    }
}

/// A flag column: one ASCII letter per row, or text cells (Arrow strings).
#[derive(Debug, Clone, Copy)]
pub enum FlagCells<'a> {
    /// One byte per row.
    Letters(&'a [u8]),
    /// Text; an empty cell means `N`.
    Text(TextCells<'a>),
}

impl<'a> FlagCells<'a> {
    fn len(&self) -> usize {
        match self {
            FlagCells::Letters(l) => l.len(),
            FlagCells::Text(t) => t.len(),
        }
    }

    /// The flags as upper-case letters, borrowed when the host already holds exactly that
    /// (a one-byte-per-row column, or Arrow strings of one letter each).
    fn letters(&self, name: &str) -> Result<Cow<'a, [u8]>> {
        let clean = |l: &[u8]| {
            l.iter()
                .all(|b| Flag::from_byte(*b).is_some_and(|f| f.as_byte() == *b))
        };
        match *self {
            FlagCells::Letters(l) if clean(l) => Ok(Cow::Borrowed(l)),
            FlagCells::Text(t) => {
                let first = t.offsets.first().and_then(|o| usize::try_from(*o).ok());
                let unit = t
                    .offsets
                    .windows(2)
                    .all(|w| matches!(w, [a, b] if b - a == 1));
                if let (true, Some(f)) = (unit, first) {
                    if let Some(l) = t.data.get(f..f + t.len()) {
                        if clean(l) {
                            return Ok(Cow::Borrowed(l));
                        }
                    }
                }
                (0..t.len())
                    .map(|i| parse_flag(t.cell(i), name, i))
                    .collect::<Result<Vec<u8>>>()
                    .map(Cow::Owned)
            }
            FlagCells::Letters(l) => l
                .iter()
                .enumerate()
                .map(|(i, b)| parse_flag(std::slice::from_ref(b), name, i))
                .collect::<Result<Vec<u8>>>()
                .map(Cow::Owned),
        }
    }
}

fn parse_flag(cell: &[u8], name: &str, row: usize) -> Result<u8> {
    let text = String::from_utf8_lossy(cell);
    Flag::parse(&text).map(Flag::as_byte).ok_or_else(|| {
        Error::data(
            ErrorCode::DataUnknownFlag,
            format!("unknown data flag `{text}`"),
        )
        .with_path(format!("{name}[{row}]"))
        .with_help("HJ 212 flags are N, F, M, S, D, C, T, B")
    })
}

/// A time column: Unix seconds, or text (ISO 8601 or seconds).
#[derive(Debug, Clone, Copy)]
pub enum TimeCells<'a> {
    /// Unix seconds, UTC.
    Seconds(&'a [i64]),
    /// Text, parsed like the CSV loader parses times.
    Text(TextCells<'a>),
}

impl<'a> TimeCells<'a> {
    fn len(&self) -> usize {
        match self {
            TimeCells::Seconds(s) => s.len(),
            TimeCells::Text(t) => t.len(),
        }
    }

    fn seconds(&self, opts: &LoadOptions) -> Result<Cow<'a, [i64]>> {
        match *self {
            TimeCells::Seconds(s) => Ok(Cow::Borrowed(s)),
            TimeCells::Text(t) => {
                let naive = match &opts.naive_time_zone {
                    Some(z) => Some(crate::domain::zones::zone(z)?),
                    None => None,
                };
                (0..t.len())
                    .map(|i| {
                        let cell = String::from_utf8_lossy(t.cell(i));
                        crate::domain::zones::parse_time(&cell, naive.as_ref()).ok_or_else(|| {
                            Error::data(ErrorCode::DataBadTime, format!("cannot read time `{cell}`"))
                                .with_path(format!("time[{i}]"))
                                .with_help("times are Unix seconds or ISO 8601 with an offset; for local times set naive_time_zone")
                        })
                    })
                    .collect::<Result<Vec<i64>>>()
                    .map(Cow::Owned)
            }
        }
    }
}

/// One pollutant column of a wide table.
#[derive(Debug, Clone)]
pub struct ValueColumn<'a> {
    /// Pollutant code or name.
    pub pollutant: String,
    /// Values (NaN for missing).
    pub values: &'a [f64],
    /// Its own flags, if it has them (else the table's shared flags, else all `N`).
    pub flags: Option<FlagCells<'a>>,
}

/// A wide table (`outlet, time, so2, nox, ..., flag`) as host columns.
#[derive(Debug, Clone)]
pub struct WideTable<'a> {
    /// Outlet of each row.
    pub outlet: RowKeys<'a>,
    /// Time of each row.
    pub time: TimeCells<'a>,
    /// The flag column shared by all pollutants, if any.
    pub flags: Option<FlagCells<'a>>,
    /// The pollutant columns.
    pub columns: Vec<ValueColumn<'a>>,
}

/// A long table (`outlet, pollutant, time, value, flag`) as host columns.
#[derive(Debug, Clone)]
pub struct LongTable<'a> {
    /// Outlet of each row.
    pub outlet: RowKeys<'a>,
    /// Pollutant of each row.
    pub pollutant: RowKeys<'a>,
    /// Time of each row.
    pub time: TimeCells<'a>,
    /// Value of each row.
    pub values: &'a [f64],
    /// Flags, if any (else all `N`).
    pub flags: Option<FlagCells<'a>>,
}

fn check_len(what: &str, len: usize, rows: usize) -> Result<()> {
    if len == rows {
        Ok(())
    } else {
        Err(Error::data(
            ErrorCode::DataLengthMismatch,
            format!("column `{what}` has {len} rows, the table {rows}"),
        ))
    }
}

/// Row ranges of one key (outlet code, pollutant code).
type KeyRuns = ((i64, i64), Vec<Range<usize>>);

/// One column of a group: pollutant, values, flags.
type ColRef<'a, 'b> = (&'static Pollutant, &'a [f64], &'b Cow<'a, [u8]>);

/// Consecutive runs of equal keys, grouped by key in first-seen order.
fn runs(rows: usize, key: impl Fn(usize) -> (i64, i64)) -> Vec<KeyRuns> {
    let mut groups: Vec<KeyRuns> = Vec::new();
    let mut index: HashMap<(i64, i64), usize> = HashMap::new();
    let mut start = 0;
    while start < rows {
        let k = key(start);
        let mut end = start + 1;
        while end < rows && key(end) == k {
            end += 1;
        }
        let g = *index.entry(k).or_insert_with(|| {
            groups.push((k, Vec::new()));
            groups.len() - 1
        });
        if let Some((_, r)) = groups.get_mut(g) {
            r.push(start..end);
        }
        start = end;
    }
    groups
}

fn increasing(ts: &[i64]) -> bool {
    ts.windows(2).all(|w| matches!(w, [a, b] if a < b))
}

/// One frame for a group of rows: borrowed when the rows are one time-ordered run,
/// otherwise copied through [`FrameBuilder`] (sorting, duplicate policy).
fn group_frame<'a>(
    outlet: String,
    ranges: &[Range<usize>],
    ts: &Cow<'a, [i64]>,
    cols: &[ColRef<'a, '_>],
    opts: &LoadOptions,
) -> Result<Frame<'a>> {
    if let [r] = ranges {
        let t = ts.get(r.clone()).unwrap_or_default();
        if increasing(t) {
            let t_cow = match ts {
                Cow::Borrowed(b) => Cow::Borrowed(b.get(r.clone()).unwrap_or_default()),
                Cow::Owned(o) => Cow::Owned(o.get(r.clone()).unwrap_or_default().to_vec()),
            };
            let columns = cols
                .iter()
                .map(|(p, v, f)| {
                    let values = Cow::Borrowed(v.get(r.clone()).unwrap_or_default());
                    let flags = match f {
                        Cow::Borrowed(b) => Cow::Borrowed(b.get(r.clone()).unwrap_or_default()),
                        Cow::Owned(o) => Cow::Owned(o.get(r.clone()).unwrap_or_default().to_vec()),
                    };
                    Column::new(p, values, flags)
                })
                .collect();
            return Frame::new(outlet, t_cow, columns);
        }
    }
    let mut b = FrameBuilder::new(&outlet, cols.iter().map(|(p, _, _)| *p).collect());
    b.reserve(ranges.iter().map(ExactSizeIterator::len).sum());
    let mut cells: Vec<(f64, u8)> = Vec::with_capacity(cols.len());
    for r in ranges {
        for i in r.clone() {
            cells.clear();
            for (_, v, f) in cols {
                cells.push((
                    v.get(i).copied().unwrap_or(f64::NAN),
                    f.get(i).copied().unwrap_or(b'N'),
                ));
            }
            b.push_row(ts.get(i).copied().unwrap_or(0), &cells, i + 1)?;
        }
    }
    b.finish(opts.duplicates)
}

/// Readings from a wide host table, borrowing its buffers where the layout allows
/// (see the module docs). Rows of one outlet may be anywhere; each outlet becomes a frame.
pub fn readings_from_wide<'a>(table: &WideTable<'a>, opts: &LoadOptions) -> Result<Readings<'a>> {
    let rows = table.time.len();
    check_len("outlet", table.outlet.codes.len(), rows)?;
    let ts = table.time.seconds(opts)?;
    let shared = match &table.flags {
        Some(f) => {
            check_len("flag", f.len(), rows)?;
            Some(f.letters("flag")?)
        }
        None => None,
    };
    let all_n: Cow<'a, [u8]> = Cow::Owned(vec![b'N'; rows]);
    let mut own: Vec<Option<Cow<'a, [u8]>>> = Vec::with_capacity(table.columns.len());
    let mut pollutants = Vec::with_capacity(table.columns.len());
    for c in &table.columns {
        check_len(&c.pollutant, c.values.len(), rows)?;
        pollutants.push(lookup_pollutant(&c.pollutant)?);
        own.push(match &c.flags {
            Some(f) => {
                check_len(&format!("{}_flag", c.pollutant), f.len(), rows)?;
                Some(f.letters(&format!("{}_flag", c.pollutant))?)
            }
            None => None,
        });
    }
    let cols: Vec<ColRef<'a, '_>> = table
        .columns
        .iter()
        .zip(&pollutants)
        .zip(&own)
        .map(|((c, p), f)| {
            (
                *p,
                c.values,
                f.as_ref().or(shared.as_ref()).unwrap_or(&all_n),
            )
        })
        .collect();
    let keys = table.outlet;
    let mut readings = Readings::new();
    for ((code, _), ranges) in runs(rows, |i| (keys.codes.get(i), 0)) {
        let name = keys.name(code)?;
        readings.push(group_frame(name, &ranges, &ts, &cols, opts)?)?;
    }
    Ok(readings)
}

/// Readings from a long host table: one series per (outlet, pollutant), borrowing the
/// host's buffers where each series is one time-ordered run of rows.
pub fn readings_from_long<'a>(table: &LongTable<'a>, opts: &LoadOptions) -> Result<Readings<'a>> {
    let rows = table.time.len();
    check_len("outlet", table.outlet.codes.len(), rows)?;
    check_len("pollutant", table.pollutant.codes.len(), rows)?;
    check_len("value", table.values.len(), rows)?;
    let ts = table.time.seconds(opts)?;
    let flags: Cow<'a, [u8]> = match &table.flags {
        Some(f) => {
            check_len("flag", f.len(), rows)?;
            f.letters("flag")?
        }
        None => Cow::Owned(vec![b'N'; rows]),
    };
    let (o, p) = (table.outlet, table.pollutant);
    let mut readings = Readings::new();
    for ((oc, pc), ranges) in runs(rows, |i| (o.codes.get(i), p.codes.get(i))) {
        let pollutant = lookup_pollutant(&p.name(pc)?)?;
        let cols = [(pollutant, table.values, &flags)];
        readings.push(group_frame(o.name(oc)?, &ranges, &ts, &cols, opts)?)?;
    }
    Ok(readings)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(h: &str) -> Vec<String> {
        h.split(',').map(str::to_string).collect()
    }

    #[test]
    fn classifies_long_and_wide() {
        let l = classify_header(&names("outlet,pollutant,time,value,flag")).unwrap();
        assert!(matches!(
            l,
            Layout::Long {
                value: 3,
                flag: Some(4),
                ..
            }
        ));
        let w = classify_header(&names("stack_id,ts,so2,so2_flag,nox,flag")).unwrap();
        let Layout::Wide { flag, columns, .. } = w else {
            panic!()
        };
        assert_eq!(flag, Some(5));
        assert_eq!(columns[0].pollutant, "a21026");
        assert_eq!(columns[0].flag, Some(3));
        assert_eq!(columns[1].flag, None);
        let e = classify_header(&names("outlet,time,so3")).unwrap_err();
        assert_eq!(e.code(), "data.unknown_pollutant");
    }

    #[test]
    fn sorted_wide_table_borrows() {
        let outlet = [1i32, 1, 1, 2, 2];
        let ts = [0i64, 60, 120, 0, 60];
        let so2 = [1.0, 2.0, 3.0, 4.0, 5.0];
        let flags = b"NNCNN";
        let t = WideTable {
            outlet: RowKeys {
                codes: KeyCodes::I32(&outlet),
                names: None,
            },
            time: TimeCells::Seconds(&ts),
            flags: Some(FlagCells::Letters(flags)),
            columns: vec![ValueColumn {
                pollutant: "so2".into(),
                values: &so2,
                flags: None,
            }],
        };
        let r = readings_from_wide(&t, &LoadOptions::default()).unwrap();
        let (f, c) = r.series("2", "a21026").unwrap();
        assert_eq!(f.ts(), &[0, 60]);
        assert_eq!(c.values().as_ptr(), so2[3..].as_ptr());
        assert_eq!(r.series("1", "a21026").unwrap().1.flags(), b"NNC");
    }

    #[test]
    fn interleaved_long_table_is_copied_and_sorted() {
        let outlet = [0i32, 0, 0, 0];
        let names_o = vec!["DA001".to_string()];
        let pol = [0i32, 1, 0, 1];
        let names_p = vec!["so2".to_string(), "nox".to_string()];
        let ts = [60i64, 60, 0, 0];
        let v = [1.0, 2.0, 3.0, 4.0];
        let offsets = [0i32, 1, 2, 2, 3];
        let t = LongTable {
            outlet: RowKeys {
                codes: KeyCodes::I32(&outlet),
                names: Some(&names_o),
            },
            pollutant: RowKeys {
                codes: KeyCodes::I32(&pol),
                names: Some(&names_p),
            },
            time: TimeCells::Seconds(&ts),
            values: &v,
            flags: Some(FlagCells::Text(TextCells {
                offsets: &offsets,
                data: b"ncN",
            })),
        };
        let r = readings_from_long(&t, &LoadOptions::default()).unwrap();
        let (f, c) = r.series("DA001", "a21026").unwrap();
        assert_eq!(f.ts(), &[0, 60]);
        assert_eq!(c.values(), &[3.0, 1.0]);
        assert_eq!(c.flags(), b"NN");
        assert_eq!(r.series("DA001", "a21002").unwrap().1.flags(), b"NC");
    }
}
