//! Averaging windows and their validity.
//!
//! CEMS data are judged not minute by minute but on averages, built bottom-up, each level
//! valid only if enough of the level below was valid (HJ 212-2017 Appendix D formulas
//! (24)–(25), HJ 76-2017 Appendix B):
//!
//! * an **hour** is the mean of its valid minute values, valid with at least 45 of them;
//! * a **day** is the mean of its valid hourly values, valid with at least 20 of them;
//! * a **month** is the mean of its valid daily values, valid with at least 25 (23 in
//!   February).
//!
//! Averages divide by the number of valid values, never by the nominal 60 or 24. The
//! thresholds come from the validity pack, not from this code. A window exists where at
//! least one sample exists; a window that is present but invalid says why
//! ([`WindowStatus`]), and gaps with no data at all are simply absent (the statistics count
//! them against the capture rate).
//!
//! For limits at a reference O2, each hour's mean is corrected with *that hour's* mean O2
//! (HJ 212-2017 App. D (28)); the hour is valid only if its O2 hour is valid too. Daily and
//! longer averages are means of corrected hourly values.

use crate::domain::calendar::{Calendar, Cursor, Grain};
use crate::prepare::validity::{SampleCounts, SampleReason, SampleRules};
use serde::{Deserialize, Serialize};

/// Why a window is or is not valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
pub enum WindowStatus {
    /// Valid: judged against the limit.
    Valid,
    /// Fewer valid inputs than the pack requires.
    TooFewValid,
    /// The O2 of the same window is invalid, so no corrected value exists.
    O2Invalid,
    /// The window is not entirely inside the permit's validity or the requested period.
    OutsidePeriod,
}

/// One averaging window.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Window {
    /// First second (UTC), inclusive.
    pub start: i64,
    /// End (UTC), exclusive.
    pub end: i64,
    /// Valid inputs (minutes for an hour, hours for a day, ...).
    pub n_valid: u32,
    /// Inputs present.
    pub n_total: u32,
    /// Minimum valid inputs required.
    pub n_required: u32,
    /// The mean of the valid inputs (corrected to reference O2 where a limit asks), NaN if none.
    pub value: f64,
    /// Mean O2 of the window, when a correction was applied.
    pub o2: Option<f64>,
    /// Validity.
    pub status: WindowStatus,
}

impl Window {
    /// A window whose value is the mean of `n_valid` valid inputs summing to `sum`, valid
    /// with at least `n_required` of them.
    pub fn mean_of(
        start: i64,
        end: i64,
        n_valid: u32,
        n_total: u32,
        n_required: u32,
        sum: f64,
    ) -> Window {
        Window {
            start,
            end,
            n_valid,
            n_total,
            n_required,
            value: if n_valid > 0 {
                sum / f64::from(n_valid)
            } else {
                f64::NAN
            },
            o2: None,
            status: if n_valid >= n_required {
                WindowStatus::Valid
            } else {
                WindowStatus::TooFewValid
            },
        }
    }

    /// Whether the window is judged.
    pub fn is_valid(&self) -> bool {
        self.status == WindowStatus::Valid
    }
}

/// A run of consecutive samples that fall into one calendar window: indices `[first, end)`
/// of the frame's rows and the window `[start, stop)` in Unix seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    /// First row.
    pub first: usize,
    /// One past the last row.
    pub end: usize,
    /// Window start (UTC seconds).
    pub start: i64,
    /// Window end (exclusive).
    pub stop: i64,
}

/// Cuts a sorted timestamp column into calendar windows of `grain` (one pass over `ts`;
/// the calendar is consulted once per window, not per sample).
pub fn segment(ts: &[i64], cal: &Calendar, grain: Grain) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::with_capacity(ts.len() / 30 + 1);
    let mut cursor = Cursor::new(cal);
    let mut i = 0usize;
    while let Some(&t) = ts.get(i) {
        let (start, stop) = cursor.window(grain, t);
        // Windows hold tens of samples: a forward scan touches only memory that the next
        // window needs anyway (a binary search over the rest would miss the cache ~20 times).
        let rest = ts.get(i..).unwrap_or(&[]);
        let len = rest.iter().position(|x| *x >= stop).unwrap_or(rest.len());
        let end = i + len.max(1);
        out.push(Segment {
            first: i,
            end,
            start,
            stop,
        });
        i = end;
    }
    out
}

/// Aggregates one column over precomputed segments: the mean of the valid samples of each
/// window, valid with at least `min_valid` of them. Sums run left to right in row order.
pub fn aggregate_segments(
    segments: &[Segment],
    values: &[f64],
    flags: &[u8],
    rules: &SampleRules,
    min_valid: u32,
    counts: &mut SampleCounts,
) -> Vec<Window> {
    let mut out: Vec<Window> = Vec::with_capacity(segments.len());
    let mut invalid = 0u64;
    for seg in segments {
        let (Some(vs), Some(fs)) = (
            values.get(seg.first..seg.end),
            flags.get(seg.first..seg.end),
        ) else {
            continue;
        };
        let (n_valid, sum) = sum_valid(vs, fs, rules);
        let n_total = u32::try_from(vs.len()).unwrap_or(u32::MAX);
        if n_valid < n_total {
            invalid += u64::from(n_total - n_valid);
            count_invalid(vs, fs, rules, counts);
        }
        out.push(Window::mean_of(
            seg.start, seg.stop, n_valid, n_total, min_valid, sum,
        ));
    }
    let total = u64::try_from(values.len().min(flags.len())).unwrap_or(u64::MAX);
    counts.total += total;
    counts.valid += total.saturating_sub(invalid);
    out
}

/// Count and left-to-right sum of the valid samples of one window (the hot loop).
#[inline(never)]
fn sum_valid(values: &[f64], flags: &[u8], rules: &SampleRules) -> (u32, f64) {
    let mut n_valid = 0u32;
    let mut sum = 0.0f64;
    for (&v, &f) in values.iter().zip(flags) {
        let ok = rules.is_valid(v, f);
        n_valid += u32::from(ok);
        sum += if ok { v } else { 0.0 };
    }
    (n_valid, sum)
}

fn count_invalid(values: &[f64], flags: &[u8], rules: &SampleRules, counts: &mut SampleCounts) {
    for (&v, &f) in values.iter().zip(flags) {
        match rules.classify(v, f) {
            SampleReason::Valid => {}
            SampleReason::Flag => counts.by_flag.add(f, 1),
            SampleReason::NotFinite => counts.not_finite += 1,
            SampleReason::Negative => counts.negative += 1,
            SampleReason::OutOfRange => counts.out_of_range += 1,
        }
    }
}

/// Aggregates samples into clock windows (`grain` = hour or half-hour) in one pass (the
/// engine goes through [`crate::prepare::cache::WindowCache`], which shares the segments).
#[cfg(test)]
#[expect(
    clippy::too_many_arguments,
    reason = "one column plus its rules; a struct would only rename them"
)]
pub fn aggregate_samples(
    ts: &[i64],
    values: &[f64],
    flags: &[u8],
    rules: &SampleRules,
    cal: &Calendar,
    grain: Grain,
    min_valid: u32,
    counts: &mut SampleCounts,
) -> Vec<Window> {
    aggregate_segments(
        &segment(ts, cal, grain),
        values,
        flags,
        rules,
        min_valid,
        counts,
    )
}

/// One window per sample (the `minute` period): valid iff the sample is valid.
pub fn sample_windows(
    ts: &[i64],
    values: &[f64],
    flags: &[u8],
    rules: &SampleRules,
    step: i64,
) -> Vec<Window> {
    ts.iter()
        .zip(values)
        .zip(flags)
        .map(|((&t, &v), &f)| {
            let ok = rules.classify(v, f) == SampleReason::Valid;
            Window {
                start: t,
                end: t.saturating_add(step),
                n_valid: u32::from(ok),
                n_total: 1,
                n_required: 1,
                value: if ok { v } else { f64::NAN },
                o2: None,
                status: if ok {
                    WindowStatus::Valid
                } else {
                    WindowStatus::TooFewValid
                },
            }
        })
        .collect()
}

/// Applies the reference-O2 correction window by window: `windows` and `o2` are sorted by
/// start; a window whose O2 window (same start) is missing or invalid becomes
/// [`WindowStatus::O2Invalid`] (unless already invalid for its own reason).
pub fn correct_o2(windows: &mut [Window], o2: &[Window], ref_o2: f64) {
    let factor = crate::domain::units::AIR_O2_PERCENT - ref_o2;
    let mut j = 0usize;
    for w in windows.iter_mut() {
        while o2.get(j).is_some_and(|o| o.start < w.start) {
            j += 1;
        }
        let o = o2.get(j).filter(|o| o.start == w.start && o.is_valid());
        match o {
            Some(o) => {
                w.o2 = Some(o.value);
                w.value = (w.value * factor) / (crate::domain::units::AIR_O2_PERCENT - o.value);
            }
            None => {
                w.value = f64::NAN;
                if w.status == WindowStatus::Valid {
                    w.status = WindowStatus::O2Invalid;
                }
            }
        }
    }
}

/// Rolls windows up into a coarser calendar grain: the parent's value is the mean of its
/// valid children's values; it is valid with at least `min_valid(parent_start)` of them.
pub fn roll_up(
    children: &[Window],
    cal: &Calendar,
    grain: Grain,
    min_valid: impl Fn(i64) -> u32,
) -> Vec<Window> {
    let mut cursor = Cursor::new(cal);
    let mut out: Vec<Window> = Vec::new();
    let (mut start, mut end) = (i64::MAX, i64::MIN);
    let (mut n_valid, mut n_total, mut sum) = (0u32, 0u32, 0.0f64);
    let mut flush = |start: i64, end: i64, n_valid: u32, n_total: u32, sum: f64| {
        if n_total > 0 {
            let need = min_valid(start);
            out.push(Window::mean_of(start, end, n_valid, n_total, need, sum));
        }
    };
    for c in children {
        if c.start >= end || c.start < start {
            flush(start, end, n_valid, n_total, sum);
            (start, end) = cursor.window(grain, c.start);
            (n_valid, n_total, sum) = (0, 0, 0.0);
        }
        n_total += 1;
        if c.is_valid() {
            n_valid += 1;
            sum += c.value;
        }
    }
    flush(start, end, n_valid, n_total, sum);
    out
}

/// Rolling windows: one ending at the end of every child window, covering the `n` child
/// periods of `len` seconds before it; valid with at least `min_valid` valid children.
/// Each window's mean is summed afresh from its children, so a value never depends on how
/// much history came before it.
pub fn rolling(children: &[Window], n: u16, len: i64, min_valid: u32) -> Vec<Window> {
    let span = i64::from(n) * len;
    let mut out = Vec::with_capacity(children.len());
    let mut lo = 0usize;
    for (hi, c) in children.iter().enumerate() {
        let start = c.end.saturating_sub(span);
        while children.get(lo).is_some_and(|old| old.start < start) && lo < hi {
            lo += 1;
        }
        let inside = children.get(lo..=hi).unwrap_or(&[]);
        let (n_valid, sum) = inside
            .iter()
            .filter(|w| w.is_valid())
            .fold((0u32, 0.0f64), |(n, s), w| (n + 1, s + w.value));
        out.push(Window::mean_of(
            start,
            c.end,
            n_valid,
            u32::try_from(inside.len()).unwrap_or(u32::MAX),
            min_valid,
            sum,
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::readings::Flag;
    use crate::packs::standard::model::{LevelRule, MonthRule, ValidityRules};

    fn rules() -> ValidityRules {
        let lr = |n| LevelRule {
            min_valid: n,
            source: String::new(),
        };
        ValidityRules {
            valid_flags: vec![Flag::N],
            reject_negative: true,
            sample_source: String::new(),
            half_hour: None,
            hour: lr(45),
            day: lr(20),
            month: MonthRule {
                min_valid: 25,
                min_valid_february: Some(23),
                source: String::new(),
            },
            year: None,
            rolling_min_share: None,
        }
    }

    #[test]
    fn hour_with_44_vs_45_valid_minutes() {
        let so2 = crate::domain::pollutant::Pollutant::lookup("so2").unwrap();
        let sr = SampleRules::new(&rules(), so2);
        let cal = Calendar::new(jiff::tz::TimeZone::UTC);
        let ts: Vec<i64> = (0..120).map(|i| i * 60).collect();
        let values = vec![10.0; 120];
        let mut flags = vec![b'N'; 120];
        for f in flags.iter_mut().take(16) {
            *f = b'C'; // hour 0: 44 valid
        }
        for f in flags.iter_mut().skip(60).take(15) {
            *f = b'M'; // hour 1: 45 valid
        }
        let mut counts = SampleCounts::default();
        let w = aggregate_samples(
            &ts,
            &values,
            &flags,
            &sr,
            &cal,
            Grain::Hour,
            45,
            &mut counts,
        );
        assert_eq!(w.len(), 2);
        assert_eq!((w[0].n_valid, w[0].status), (44, WindowStatus::TooFewValid));
        assert_eq!(
            (w[1].n_valid, w[1].status, w[1].value),
            (45, WindowStatus::Valid, 10.0)
        );
        assert_eq!(counts.total, 120);
        assert_eq!(counts.valid, 89);
        assert_eq!(counts.by_flag.c, 16);
        assert_eq!(counts.by_flag.m, 15);
    }

    #[test]
    fn rolling_three_hours() {
        let mk = |i: i64, v: f64, ok: bool| Window {
            start: i * 3600,
            end: (i + 1) * 3600,
            n_valid: 60,
            n_total: 60,
            n_required: 45,
            value: v,
            o2: None,
            status: if ok {
                WindowStatus::Valid
            } else {
                WindowStatus::TooFewValid
            },
        };
        let hours = vec![
            mk(0, 1.0, true),
            mk(1, 2.0, true),
            mk(2, 9.0, false),
            mk(3, 6.0, true),
        ];
        let r = rolling(&hours, 3, 3600, 2);
        assert_eq!(r.len(), 4);
        assert_eq!((r[0].n_valid, r[0].status), (1, WindowStatus::TooFewValid));
        assert_eq!((r[1].n_valid, r[1].value), (2, 1.5));
        assert_eq!((r[2].n_valid, r[2].value), (2, 1.5));
        assert_eq!((r[3].start, r[3].n_valid, r[3].value), (3600, 2, 4.0));
    }
}
