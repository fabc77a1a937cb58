//! Rolling averages over **operating days** (US NSPS, 40 CFR 60.41 and 60.48Da(b)).
//!
//! A *boiler operating day* is a local calendar day during which any fuel is combusted at any
//! time; here, a day with at least one sample whose flag is not `F` (stopped) and that is not
//! inside a period the method exempts (`stopped`). Days the unit did not operate are skipped,
//! not counted as zero: the window is the last N operating days, however far apart. The first
//! rolling value exists once N operating days have accumulated; a new one is computed at the
//! end of every operating day. The weighting is declared by the pack: the mean of every valid
//! hourly value in the window (`hourly`), or the mean of the days' daily means (`daily`).

use crate::domain::calendar::{Calendar, Grain};
use crate::judge::comply::records::CompiledState;
use crate::packs::method::{OperatingState, Weighting};
use crate::prepare::series::exempt;
use crate::prepare::window::Window;

/// One operating day.
#[derive(Debug, Clone, PartialEq)]
pub struct OperatingDay {
    /// Local midnight (Unix s).
    pub start: i64,
    /// Next local midnight.
    pub end: i64,
    /// The day's valid hourly values.
    pub hours: Vec<f64>,
}

/// The operating days of a series: `ts`/`flags` are the raw samples, `hours` the hourly
/// windows (sorted).
pub fn operating_days(
    ts: &[i64],
    flags: &[u8],
    hours: &[Window],
    cal: &Calendar,
    outlet: &str,
    states: &[CompiledState],
    exempt_states: &[OperatingState],
) -> Vec<OperatingDay> {
    let mut days: Vec<OperatingDay> = Vec::new();
    let (mut s, mut e) = (i64::MAX, i64::MIN);
    for (&t, &f) in ts.iter().zip(flags) {
        if f == b'F' || f == b'f' || exempt(states, outlet, t, t + 1, exempt_states) {
            continue;
        }
        if t < s || t >= e {
            (s, e) = cal.window(Grain::Day, t);
        }
        if days.last().is_none_or(|d| d.start != s) && !days.iter().rev().any(|d| d.start == s) {
            days.push(OperatingDay {
                start: s,
                end: e,
                hours: Vec::new(),
            });
        }
    }
    days.sort_by_key(|d| d.start);
    for h in hours.iter().filter(|h| h.is_valid()) {
        if let Some(d) = days
            .iter_mut()
            .find(|d| d.start <= h.start && h.start < d.end)
        {
            d.hours.push(h.value);
        }
    }
    days
}

/// Rolling means over `n` operating days: (window start, window end, mean), one per operating
/// day from the n-th on; windows with no valid value are skipped.
pub fn rolling(days: &[OperatingDay], n: usize, weighting: Weighting) -> Vec<(i64, i64, f64)> {
    let mut out = Vec::new();
    if n == 0 {
        return out;
    }
    for end in n.saturating_sub(1)..days.len() {
        let Some(window) = days.get(end + 1 - n..=end) else {
            continue;
        };
        let values: Vec<f64> = match weighting {
            Weighting::Hourly => window
                .iter()
                .flat_map(|d| d.hours.iter().copied())
                .collect(),
            Weighting::Daily => window
                .iter()
                .filter(|d| !d.hours.is_empty())
                .map(|d| d.hours.iter().sum::<f64>() / d.hours.len() as f64)
                .collect(),
        };
        if values.is_empty() {
            continue;
        }
        let mean = values.iter().sum::<f64>() / values.len() as f64;
        if let (Some(a), Some(b)) = (window.first(), window.last()) {
            out.push((a.start, b.end, mean));
        }
    }
    out
}
