//! Monitoring data as columns.
//!
//! A continuous emission monitoring system (CEMS) reports, per outlet, one value per minute
//! for every measured pollutant and parameter, each with an HJ 212 data flag saying whether
//! the instrument was working normally (`N`) or was stopped, in maintenance, faulty, being
//! calibrated, over range or out of contact. The engine keeps these as columns:
//!
//! * a [`Frame`] is one outlet's table: one timestamp column (`i64` Unix seconds, UTC,
//!   strictly increasing) shared by
//! * its [`Column`]s, one per pollutant: values (`f64`) and flags (`u8`, the ASCII flag letter).
//!
//! Columns may borrow their buffers (numpy arrays, typed arrays) or own them (files), so a
//! host can hand over a year of data without a per-sample copy. The loaders in [`csv`] and
//! [`json`] build frames from files; [`FrameBuilder`] sorts out-of-order rows and refuses
//! duplicate timestamps unless asked to keep the last one.
//!
//! Nothing here decides validity; that is the rule pack's job (see [`crate::prepare::validity`]).
//! NaN, infinities and negative concentrations are kept as they came, so a later step can
//! count them as invalid *with a reason* instead of having them vanish.

pub mod build;
pub mod csv;
pub mod flags;
pub mod json;
pub mod table;

pub use build::{DuplicatePolicy, FrameBuilder, LoadOptions};
pub use flags::Flag;

use crate::diag::error::{Error, Result};
use crate::domain::pollutant::Pollutant;
use crate::ErrorCode;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::HashMap;

/// Largest number of samples in one column (about 19 years of minute data).
pub const MAX_SAMPLES_PER_COLUMN: usize = 10_000_000;

/// One pollutant's values and flags inside a [`Frame`].
#[derive(Debug, Clone, PartialEq)]
pub struct Column<'a> {
    pollutant: &'static Pollutant,
    values: Cow<'a, [f64]>,
    flags: Cow<'a, [u8]>,
}

impl<'a> Column<'a> {
    /// A column; `values` and `flags` must have the frame's length.
    pub fn new(
        pollutant: &'static Pollutant,
        values: Cow<'a, [f64]>,
        flags: Cow<'a, [u8]>,
    ) -> Self {
        Column {
            pollutant,
            values,
            flags,
        }
    }

    /// The pollutant measured.
    pub fn pollutant(&self) -> &'static Pollutant {
        self.pollutant
    }

    /// The values, as reported (unit: the pollutant's default unit).
    pub fn values(&self) -> &[f64] {
        &self.values
    }

    /// The HJ 212 flags as ASCII letters (`b'N'`, `b'C'`, ...).
    pub fn flags(&self) -> &[u8] {
        &self.flags
    }

    fn into_owned(self) -> Column<'static> {
        Column {
            pollutant: self.pollutant,
            values: Cow::Owned(self.values.into_owned()),
            flags: Cow::Owned(self.flags.into_owned()),
        }
    }
}

/// One outlet's data: a strictly increasing timestamp column and its pollutant columns.
#[derive(Debug, Clone, PartialEq)]
pub struct Frame<'a> {
    outlet: String,
    ts: Cow<'a, [i64]>,
    columns: Vec<Column<'a>>,
}

impl<'a> Frame<'a> {
    /// Checks and assembles a frame from columns that share `ts`.
    ///
    /// `ts` must be strictly increasing; use [`FrameBuilder`] for unsorted rows.
    pub fn new(
        outlet: impl Into<String>,
        ts: Cow<'a, [i64]>,
        columns: Vec<Column<'a>>,
    ) -> Result<Self> {
        let outlet = outlet.into();
        if ts.len() > MAX_SAMPLES_PER_COLUMN {
            return Err(Error::new(
                ErrorCode::LimitSeriesTooLong,
                format!("outlet `{outlet}` has {} samples, more than the bound of {MAX_SAMPLES_PER_COLUMN}", ts.len()),
            )
            .with_help("split the data by year and evaluate each part"));
        }
        for c in &columns {
            if c.values.len() != ts.len() || c.flags.len() != ts.len() {
                return Err(Error::data(
                    ErrorCode::DataLengthMismatch,
                    format!(
                        "column `{}` of outlet `{outlet}` has {} values and {} flags for {} timestamps",
                        c.pollutant.code,
                        c.values.len(),
                        c.flags.len(),
                        ts.len()
                    ),
                ));
            }
            if let Some(bad) = c.flags.iter().find(|f| Flag::from_byte(**f).is_none()) {
                return Err(Error::data(
                    ErrorCode::DataUnknownFlag,
                    format!(
                        "unknown data flag `{}` in column `{}` of outlet `{outlet}`",
                        char::from(*bad),
                        c.pollutant.code
                    ),
                )
                .with_help("HJ 212 flags are N, F, M, S, D, C, T, B"));
            }
        }
        if let Some(i) = ts.windows(2).position(|w| w.first() >= w.get(1)) {
            let (a, b) = (
                ts.get(i).copied().unwrap_or(0),
                ts.get(i + 1).copied().unwrap_or(0),
            );
            let what = if a == b {
                ErrorCode::DataDuplicateTimestamp
            } else {
                ErrorCode::DataUnsortedTimestamps
            };
            return Err(Error::data(
                what,
                format!("timestamps of outlet `{outlet}` must be strictly increasing: sample {} at {a} is followed by {b}", i + 1),
            )
            .with_help("load rows through FrameBuilder, which sorts them and handles duplicates"));
        }
        Ok(Frame {
            outlet,
            ts,
            columns,
        })
    }

    /// The permit outlet id.
    pub fn outlet(&self) -> &str {
        &self.outlet
    }

    /// Timestamps, Unix seconds UTC, strictly increasing.
    pub fn ts(&self) -> &[i64] {
        &self.ts
    }

    /// The pollutant columns.
    pub fn columns(&self) -> &[Column<'a>] {
        &self.columns
    }

    /// The column of a pollutant, by 2017 code.
    pub fn column(&self, code: &str) -> Option<&Column<'a>> {
        self.columns.iter().find(|c| c.pollutant.code == code)
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.ts.len()
    }

    /// Whether the frame has no rows.
    pub fn is_empty(&self) -> bool {
        self.ts.is_empty()
    }

    /// The rows with `from <= ts < to`, borrowed.
    pub fn slice(&self, from: i64, to: i64) -> Frame<'_> {
        let lo = self.ts.partition_point(|t| *t < from);
        let hi = self.ts.partition_point(|t| *t < to).max(lo);
        let r = lo..hi;
        Frame {
            outlet: self.outlet.clone(),
            ts: Cow::Borrowed(self.ts.get(r.clone()).unwrap_or(&[])),
            columns: self
                .columns
                .iter()
                .map(|c| Column {
                    pollutant: c.pollutant,
                    values: Cow::Borrowed(c.values.get(r.clone()).unwrap_or(&[])),
                    flags: Cow::Borrowed(c.flags.get(r.clone()).unwrap_or(&[])),
                })
                .collect(),
        }
    }

    /// A copy that owns its buffers.
    pub fn into_owned(self) -> Frame<'static> {
        Frame {
            outlet: self.outlet,
            ts: Cow::Owned(self.ts.into_owned()),
            columns: self.columns.into_iter().map(Column::into_owned).collect(),
        }
    }
}

/// All monitoring data handed to one evaluation: frames for any number of outlets.
///
/// Several frames may belong to the same outlet (a long CSV yields one per pollutant); they
/// are evaluated as one series per (outlet, pollutant). The same (outlet, pollutant) in two
/// frames is an error, so no sample is counted twice.
#[derive(Debug, Clone, Default)]
pub struct Readings<'a> {
    frames: Vec<Frame<'a>>,
    /// Outlet id -> indices of its frames, so `push` and `series` look at one outlet's
    /// frames only (linear in the frames, not quadratic, when a push adds many outlets).
    by_outlet: HashMap<String, Vec<usize>>,
}

impl PartialEq for Readings<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.frames == other.frames
    }
}

impl Readings<'static> {
    /// Loads readings from CSV (long or wide) or JSON (records or series) text: the one way
    /// to load data per format.
    pub fn load(text: &str, format: DataFormat, opts: &LoadOptions) -> Result<Self> {
        load_data(text, format, opts)
    }
}

impl<'a> Readings<'a> {
    /// No data.
    pub fn new() -> Self {
        Readings::default()
    }

    fn from_frames(frames: Vec<Frame<'a>>) -> Self {
        let mut by_outlet: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, f) in frames.iter().enumerate() {
            match by_outlet.get_mut(f.outlet.as_str()) {
                Some(v) => v.push(i),
                None => {
                    by_outlet.insert(f.outlet.clone(), vec![i]);
                }
            }
        }
        Readings { frames, by_outlet }
    }

    /// Adds a frame; refuses an (outlet, pollutant) pair that is already present.
    pub fn push(&mut self, frame: Frame<'a>) -> Result<()> {
        for c in frame.columns() {
            if self.series(frame.outlet(), c.pollutant.code).is_some() {
                return Err(Error::data(
                    ErrorCode::DataDuplicateSeries,
                    format!(
                        "outlet `{}` already has a `{}` series",
                        frame.outlet(),
                        c.pollutant.code
                    ),
                )
                .with_help("merge the rows into one frame so duplicate timestamps are detected"));
            }
        }
        let i = self.frames.len();
        match self.by_outlet.get_mut(frame.outlet.as_str()) {
            Some(v) => v.push(i),
            None => {
                self.by_outlet.insert(frame.outlet.clone(), vec![i]);
            }
        }
        self.frames.push(frame);
        Ok(())
    }

    /// Adds every frame of `other`.
    pub fn extend(&mut self, other: Readings<'a>) -> Result<()> {
        for f in other.frames {
            self.push(f)?;
        }
        Ok(())
    }

    /// The frames.
    pub fn frames(&self) -> &[Frame<'a>] {
        &self.frames
    }

    /// The frame and column of one series.
    pub fn series(&self, outlet: &str, code: &str) -> Option<(&Frame<'a>, &Column<'a>)> {
        self.by_outlet
            .get(outlet)?
            .iter()
            .filter_map(|&i| self.frames.get(i))
            .find_map(|f| f.column(code).map(|c| (f, c)))
    }

    /// Every distinct outlet, in first-seen order.
    pub fn outlets(&self) -> Vec<&str> {
        self.frames
            .iter()
            .enumerate()
            .filter(|(i, f)| {
                self.by_outlet
                    .get(f.outlet.as_str())
                    .and_then(|v| v.first())
                    == Some(i)
            })
            .map(|(_, f)| f.outlet.as_str())
            .collect()
    }

    /// Total number of samples over all columns.
    pub fn sample_count(&self) -> usize {
        self.frames.iter().map(|f| f.len() * f.columns.len()).sum()
    }

    /// Only the rows with `from <= ts < to`, borrowed.
    pub fn slice(&self, from: i64, to: i64) -> Readings<'_> {
        Readings::from_frames(self.frames.iter().map(|f| f.slice(from, to)).collect())
    }

    /// A copy that owns all buffers.
    pub fn into_owned(self) -> Readings<'static> {
        Readings::from_frames(self.frames.into_iter().map(Frame::into_owned).collect())
    }

    /// One series per (outlet, pollutant) from its own timestamps, values and flag letters,
    /// e.g. straight from host arrays. Rows may be unsorted; duplicates follow `policy`.
    pub fn from_series(
        outlet: &str,
        pollutant: &str,
        ts: &[i64],
        values: &[f64],
        flags: &[u8],
        policy: DuplicatePolicy,
    ) -> Result<Readings<'static>> {
        let p = lookup_pollutant(pollutant)?;
        let mut b = FrameBuilder::new(outlet, vec![p]);
        if values.len() != ts.len() || flags.len() != ts.len() {
            return Err(Error::data(
                ErrorCode::DataLengthMismatch,
                format!(
                    "{} timestamps, {} values and {} flags must have one length",
                    ts.len(),
                    values.len(),
                    flags.len()
                ),
            ));
        }
        for (i, ((t, v), f)) in ts.iter().zip(values).zip(flags).enumerate() {
            b.push_row(*t, &[(*v, *f)], i + 1)?;
        }
        let mut r = Readings::new();
        r.push(b.finish(policy)?)?;
        Ok(r)
    }
}

/// Looks up a pollutant for data loading, with a "did you mean" on failure.
pub fn lookup_pollutant(name: &str) -> Result<&'static Pollutant> {
    Pollutant::lookup(name).ok_or_else(|| {
        Error::data(
            ErrorCode::DataUnknownPollutant,
            format!("unknown pollutant `{name}`"),
        )
        .with_help_opt(crate::diag::suggest::did_you_mean(Pollutant::suggest(name)))
    })
}

/// Data file formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DataFormat {
    /// CSV, long or wide shape.
    Csv,
    /// JSON records or series.
    Json,
}

impl DataFormat {
    /// Guesses the format from a file name.
    pub fn from_name(name: &str) -> Option<DataFormat> {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".csv") {
            Some(DataFormat::Csv)
        } else if lower.ends_with(".json") {
            Some(DataFormat::Json)
        } else {
            None
        }
    }
}

/// Loads monitoring data from text.
pub fn load_data(text: &str, format: DataFormat, opts: &LoadOptions) -> Result<Readings<'static>> {
    match format {
        DataFormat::Csv => csv::load_csv(text, opts),
        DataFormat::Json => json::load_json(text, opts),
    }
}
