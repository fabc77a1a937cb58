//! Assembling frames from rows that may arrive out of order or twice.

use super::{Column, Frame, MAX_SAMPLES_PER_COLUMN};
use crate::diag::error::{Error, Result};
use crate::domain::pollutant::Pollutant;
use crate::ErrorCode;
use std::borrow::Cow;

/// What to do when two rows of one series carry the same timestamp.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Default,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
pub enum DuplicatePolicy {
    /// Refuse the data, naming the first duplicate row (the default: a resend with other
    /// values is a data problem someone must look at).
    #[default]
    Error,
    /// Keep the row that came last in the input (a corrected resend).
    KeepLast,
}

/// Options for the file loaders.
#[derive(
    Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct LoadOptions {
    /// Duplicate timestamps: error (default) or keep the last.
    pub duplicates: DuplicatePolicy,
    /// Zone for times written without an offset (`2025-01-01 00:00:00`). Without it such
    /// times are an error.
    pub naive_time_zone: Option<String>,
    /// A name for the input, used in error messages.
    pub source_name: Option<String>,
}

/// Collects rows of one outlet and turns them into a sorted [`Frame`].
#[derive(Debug)]
pub struct FrameBuilder {
    outlet: String,
    pollutants: Vec<&'static Pollutant>,
    ts: Vec<i64>,
    values: Vec<Vec<f64>>,
    flags: Vec<Vec<u8>>,
    rows: Vec<u32>,
}

impl FrameBuilder {
    /// A builder for `outlet` with one column per pollutant, in this order.
    pub fn new(outlet: &str, pollutants: Vec<&'static Pollutant>) -> Self {
        let n = pollutants.len();
        FrameBuilder {
            outlet: outlet.to_string(),
            pollutants,
            ts: Vec::new(),
            values: vec![Vec::new(); n],
            flags: vec![Vec::new(); n],
            rows: Vec::new(),
        }
    }

    /// Reserves room for `n` more rows.
    pub fn reserve(&mut self, n: usize) {
        self.ts.reserve(n);
        self.rows.reserve(n);
        for v in &mut self.values {
            v.reserve(n);
        }
        for f in &mut self.flags {
            f.reserve(n);
        }
    }

    /// Appends a row: one (value, flag letter) per column; `row` is the input row number
    /// (1-based, for error messages).
    pub fn push_row(&mut self, ts: i64, cells: &[(f64, u8)], row: usize) -> Result<()> {
        if self.ts.len() >= MAX_SAMPLES_PER_COLUMN {
            return Err(Error::new(
                ErrorCode::LimitSeriesTooLong,
                format!(
                    "outlet `{}` has more than {MAX_SAMPLES_PER_COLUMN} rows",
                    self.outlet
                ),
            )
            .with_help("split the data by year and evaluate each part"));
        }
        self.ts.push(ts);
        self.rows.push(u32::try_from(row).unwrap_or(u32::MAX));
        for (i, (v, f)) in cells.iter().enumerate() {
            if let (Some(vs), Some(fs)) = (self.values.get_mut(i), self.flags.get_mut(i)) {
                vs.push(*v);
                fs.push(f.to_ascii_uppercase());
            }
        }
        Ok(())
    }

    /// Sorts by time (stable, so "last" means last in input order) and resolves duplicates.
    pub fn finish(mut self, policy: DuplicatePolicy) -> Result<Frame<'static>> {
        let sorted = self.ts.windows(2).all(|w| w.first() < w.get(1));
        if !sorted {
            let mut order: Vec<usize> = (0..self.ts.len()).collect();
            order.sort_by_key(|&i| (self.ts.get(i).copied().unwrap_or(0), i));
            // Keep-last: of each run of equal timestamps keep the last index; Error: report.
            let mut keep: Vec<usize> = Vec::with_capacity(order.len());
            for (k, &i) in order.iter().enumerate() {
                let t = self.ts.get(i).copied().unwrap_or(0);
                let next_same = order
                    .get(k + 1)
                    .is_some_and(|&j| self.ts.get(j).copied() == Some(t));
                if next_same {
                    if policy == DuplicatePolicy::Error {
                        let first = self.rows.get(i).copied().unwrap_or(0);
                        let second = order
                            .get(k + 1)
                            .and_then(|&j| self.rows.get(j))
                            .copied()
                            .unwrap_or(0);
                        return Err(duplicate_error(
                            &self.outlet,
                            &self.pollutants,
                            t,
                            first,
                            second,
                        ));
                    }
                    continue;
                }
                keep.push(i);
            }
            self.ts = keep
                .iter()
                .map(|&i| self.ts.get(i).copied().unwrap_or(0))
                .collect();
            for v in &mut self.values {
                *v = keep
                    .iter()
                    .map(|&i| v.get(i).copied().unwrap_or(f64::NAN))
                    .collect();
            }
            for f in &mut self.flags {
                *f = keep
                    .iter()
                    .map(|&i| f.get(i).copied().unwrap_or(b'N'))
                    .collect();
            }
        }
        // Growth by doubling may have left up to half of each buffer unused.
        self.ts.shrink_to_fit();
        for v in &mut self.values {
            v.shrink_to_fit();
        }
        for f in &mut self.flags {
            f.shrink_to_fit();
        }
        let columns = self
            .pollutants
            .iter()
            .zip(self.values)
            .zip(self.flags)
            .map(|((p, v), f)| Column::new(p, Cow::Owned(v), Cow::Owned(f)))
            .collect();
        Frame::new(self.outlet, Cow::Owned(self.ts), columns)
    }
}

fn duplicate_error(
    outlet: &str,
    pollutants: &[&'static Pollutant],
    t: i64,
    first: u32,
    second: u32,
) -> Error {
    let (a, b) = if first <= second {
        (first, second)
    } else {
        (second, first)
    };
    let codes: Vec<&str> = pollutants.iter().map(|p| p.code).collect();
    Error::data(
        ErrorCode::DataDuplicateTimestamp,
        format!(
            "duplicate timestamp {t} for outlet `{outlet}` ({}): rows {a} and {b}",
            codes.join(", ")
        ),
    )
    .with_help(
        "remove the repeated row, or load with duplicates = \"keep_last\" to keep the later one",
    )
    .at(a, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn so2() -> &'static Pollutant {
        Pollutant::lookup("so2").unwrap()
    }

    #[test]
    fn sorts_out_of_order_rows() {
        let mut b = FrameBuilder::new("DA001", vec![so2()]);
        b.push_row(120, &[(3.0, b'N')], 1).unwrap();
        b.push_row(0, &[(1.0, b'n')], 2).unwrap();
        b.push_row(60, &[(2.0, b'C')], 3).unwrap();
        let f = b.finish(DuplicatePolicy::Error).unwrap();
        assert_eq!(f.ts(), &[0, 60, 120]);
        assert_eq!(f.columns()[0].values(), &[1.0, 2.0, 3.0]);
        assert_eq!(f.columns()[0].flags(), b"NCN");
    }

    #[test]
    fn duplicates_error_names_first_row_or_keep_last() {
        let rows = [(0, 1.0), (60, 2.0), (0, 9.0)];
        let mut b = FrameBuilder::new("DA001", vec![so2()]);
        for (i, (t, v)) in rows.iter().enumerate() {
            b.push_row(*t, &[(*v, b'N')], i + 2).unwrap();
        }
        let e = b.finish(DuplicatePolicy::Error).unwrap_err();
        assert_eq!(e.code(), "data.duplicate_timestamp");
        assert_eq!(e.envelope().line, Some(2));
        assert!(e.to_string().contains("rows 2 and 4"), "{e}");

        let mut b = FrameBuilder::new("DA001", vec![so2()]);
        for (i, (t, v)) in rows.iter().enumerate() {
            b.push_row(*t, &[(*v, b'N')], i + 2).unwrap();
        }
        let f = b.finish(DuplicatePolicy::KeepLast).unwrap();
        assert_eq!(f.ts(), &[0, 60]);
        assert_eq!(f.columns()[0].values(), &[9.0, 2.0]);
    }
}
