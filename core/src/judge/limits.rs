//! Judging one limit's windows: the comparison itself.
//!
//! A valid window's value (rounded as the standard prescribes, GB/T 8170) **exceeds** a
//! maximum when it is strictly above it — equality complies, "超过" is strict — and breaches
//! the minimum of a range (pH 6–9) when strictly below it. "Strictly" is up to floating-point
//! noise ([`EQUALITY_TOLERANCE`]). Invalid windows and windows outside the period (see
//! [`crate::prepare::cache`]) are never judged.

use super::JudgedWindow;
use crate::plan::CompiledLimit;
use crate::prepare::window::Window;
use crate::report::FindingKind;

/// Relative distance within which a value counts as *equal* to a limit.
///
/// An O2-corrected mean is computed in binary floating point: 40 mg/m3 at 16 % O2 corrected
/// to 15 % is 40 × 6 / (21 − 16.2) = 50 exactly, but comes out as 50.00000000000018. Equality
/// complies ("超过" is strict), so a verdict must not hang on that last bit. 10⁻¹² is a
/// thousand times above the error of any mean the engine computes and a million times below
/// the resolution of any analyser, so no real exceedance is ever absorbed.
pub const EQUALITY_TOLERANCE: f64 = 1e-12;

/// Whether `v` equals `limit` up to floating-point noise ([`EQUALITY_TOLERANCE`]).
pub fn equal_within_tolerance(v: f64, limit: f64) -> bool {
    (v - limit).abs() <= limit.abs().max(f64::MIN_POSITIVE) * EQUALITY_TOLERANCE
}

/// Whether `v` is strictly above `limit`, beyond floating-point noise.
pub fn above(v: f64, limit: f64) -> bool {
    v > limit && !equal_within_tolerance(v, limit)
}

pub(crate) fn judge_windows(windows: &[Window], limit: &CompiledLimit) -> Vec<JudgedWindow> {
    windows
        .iter()
        .map(|w| {
            if !w.is_valid() {
                return JudgedWindow {
                    window: *w,
                    value: f64::NAN,
                    breach: None,
                };
            }
            let v = match &limit.rounding {
                Some(r) => crate::domain::decimal::round(w.value, r),
                None => w.value,
            };
            let breach = if limit.max.is_some_and(|m| above(v, m)) {
                Some(FindingKind::Exceedance)
            } else if limit.min.is_some_and(|m| above(m, v)) {
                Some(FindingKind::BelowRange)
            } else {
                None
            };
            JudgedWindow {
                window: *w,
                value: v,
                breach,
            }
        })
        .collect()
}
