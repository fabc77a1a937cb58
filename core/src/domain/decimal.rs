//! Exact decimal arithmetic: regulatory rounding, thresholds, shares.
//!
//! Chinese standards report values rounded by GB/T 8170-2008 §3.3: digits are dropped by
//! "四舍六入五成双" — below 5 down, above 5 up, exactly 5 (followed by nothing) to the even
//! neighbour — so 35.25 → 35.2 and 35.35 → 35.4 at one decimal ([`round`]).
//!
//! A threshold such as 110 % of 100 mg/m³ must be exactly 110, not
//! `110.00000000000001`; a share such as "95 % of 20 hourly values" must be exactly 19. Every
//! number here is taken at its shortest decimal form (what a report prints) and handled with
//! `rust_decimal`, so binary floating point never decides a verdict.
//!
//! Rounding to the **significant digits of the limit** (EU and US practice: a value is reported
//! with as many significant figures as the limit it is compared with) counts every written
//! digit of the limit, trailing integer zeros included: a limit of `200` has three, `0.5` one,
//! `35` two.

use crate::packs::standard::model::{Rounding, RoundingMode};
use rust_decimal::prelude::{FromPrimitive, ToPrimitive};
use rust_decimal::{Decimal, RoundingStrategy};
use std::str::FromStr;

/// `v` as a decimal at its shortest representation.
pub fn dec(v: f64) -> Option<Decimal> {
    if !v.is_finite() {
        return None;
    }
    Decimal::from_str(&format!("{v}"))
        .ok()
        .or_else(|| Decimal::from_f64(v))
}

/// Rounds `v` as `r` prescribes (GB/T 8170 half-even or half-up, to `r.decimals`);
/// non-finite values are returned unchanged.
pub fn round(v: f64, r: &Rounding) -> f64 {
    let Some(d) = dec(v) else { return v };
    let strategy = match r.mode {
        RoundingMode::Gb8170 => RoundingStrategy::MidpointNearestEven,
        RoundingMode::HalfUp => RoundingStrategy::MidpointAwayFromZero,
    };
    d.round_dp_with_strategy(r.decimals.min(20), strategy)
        .to_f64()
        .unwrap_or(v)
}

/// A derived statistic as reported (shares, means): 6 decimals, half up. Keeps reports
/// readable and makes them parse back to the same double in every JSON reader (serde_json
/// without `float_roundtrip` misreads some 17-digit doubles).
pub fn r6(v: f64) -> f64 {
    match dec(v) {
        Some(d) => d
            .round_dp_with_strategy(6, RoundingStrategy::MidpointAwayFromZero)
            .to_f64()
            .unwrap_or(v),
        None => v,
    }
}

/// `factor × limit`, exactly.
pub fn threshold(limit: f64, factor: f64) -> f64 {
    match (dec(limit), dec(factor)) {
        (Some(l), Some(f)) => l
            .checked_mul(f)
            .and_then(|p| p.to_f64())
            .unwrap_or(limit * factor),
        _ => limit * factor,
    }
}

/// Whether `v` breaks `thr`: above it, or (inclusive) at or above it. Values within the
/// engine's floating-point tolerance of `thr` count as equal to it, as in `evaluate`
/// ([`crate::judge::limits::EQUALITY_TOLERANCE`]).
pub fn breaks(v: f64, thr: f64, inclusive: bool) -> bool {
    if crate::judge::equal_within_tolerance(v, thr) {
        return inclusive;
    }
    match (dec(v), dec(thr)) {
        (Some(a), Some(b)) => {
            if inclusive {
                a >= b
            } else {
                a > b
            }
        }
        _ => false,
    }
}

/// Whether `k` of `n` reaches `share` (`k ≥ share × n`, exactly).
pub fn share_reached(k: u32, n: u32, share: f64) -> bool {
    match dec(share) {
        Some(s) => Decimal::from(k) >= s * Decimal::from(n),
        None => false,
    }
}

/// `v − percent % × limit`, exactly (the EU validated value).
pub fn subtract_ci(v: f64, limit: f64, percent: f64) -> f64 {
    match (dec(v), dec(limit), dec(percent)) {
        (Some(a), Some(l), Some(p)) => (a - l * p / Decimal::from(100)).to_f64().unwrap_or(v),
        _ => v,
    }
}

/// `percent % × limit`, exactly.
pub fn ci_amount(limit: f64, percent: f64) -> f64 {
    match (dec(limit), dec(percent)) {
        (Some(l), Some(p)) => (l * p / Decimal::from(100)).to_f64().unwrap_or(0.0),
        _ => 0.0,
    }
}

/// The number of significant digits a limit is written with (trailing integer zeros count).
pub fn significant_digits(limit: f64) -> u32 {
    let Some(d) = dec(limit) else { return 1 };
    let text = d.normalize().abs().to_string();
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let trimmed = digits.trim_start_matches('0');
    u32::try_from(trimmed.len()).unwrap_or(1).max(1)
}

/// Rounds `v` to `n` significant digits.
pub fn round_significant(v: f64, n: u32, mode: RoundingMode) -> f64 {
    let Some(d) = dec(v) else { return v };
    if d.is_zero() {
        return v;
    }
    let strategy = match mode {
        RoundingMode::Gb8170 => RoundingStrategy::MidpointNearestEven,
        RoundingMode::HalfUp => RoundingStrategy::MidpointAwayFromZero,
    };
    // position of the leading digit: 10^e ≤ |d| < 10^(e+1)
    let a = d.abs();
    let mut e: i64 = 0;
    let ten = Decimal::from(10);
    let mut x = a;
    while x >= ten && e < 40 {
        x /= ten;
        e += 1;
    }
    while x < Decimal::ONE && e > -40 {
        x *= ten;
        e -= 1;
    }
    let dp = i64::from(n) - 1 - e;
    let rounded = if dp >= 0 {
        d.round_dp_with_strategy(u32::try_from(dp.min(28)).unwrap_or(28), strategy)
    } else {
        let scale = Decimal::from(10i64.pow(u32::try_from(-dp).unwrap_or(0).min(18)));
        (d / scale).round_dp_with_strategy(0, strategy) * scale
    };
    rounded.to_f64().unwrap_or(v)
}

/// Nearest-rank percentile of sorted values (`p` in 0–1).
pub fn nearest_rank(sorted: &[f64], p: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let n = Decimal::from(sorted.len());
    let rank = dec(p)
        .map(|p| (p * n).ceil())
        .and_then(|r| r.to_usize())
        .unwrap_or(sorted.len())
        .clamp(1, sorted.len());
    sorted.get(rank - 1).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gb(d: u32) -> Rounding {
        Rounding {
            decimals: d,
            mode: RoundingMode::Gb8170,
        }
    }

    #[test]
    fn gb8170_halfway_cases() {
        assert_eq!(round(35.25, &gb(1)), 35.2);
        assert_eq!(round(35.35, &gb(1)), 35.4);
        assert_eq!(round(35.251, &gb(1)), 35.3);
        assert_eq!(round(34.5, &gb(0)), 34.0);
        assert_eq!(round(35.5, &gb(0)), 36.0);
        // 0.1 + 0.2 prints as 0.30000000000000004; rounds to 0.3
        assert_eq!(round(0.1 + 0.2, &gb(2)), 0.3);
        let up = Rounding {
            decimals: 1,
            mode: RoundingMode::HalfUp,
        };
        assert_eq!(round(35.25, &up), 35.3);
        assert!(round(f64::NAN, &gb(1)).is_nan());
    }

    #[test]
    fn exact_thresholds_and_shares() {
        assert_eq!(threshold(100.0, 1.1), 110.0);
        assert_eq!(threshold(35.0, 1.4), 49.0);
        assert!(share_reached(19, 20, 0.95));
        assert!(!share_reached(18, 20, 0.95));
        assert!(share_reached(2, 3, 0.66));
        assert!(!share_reached(1, 3, 0.66));
        assert!(share_reached(1, 3, 0.33));
        assert_eq!(subtract_ci(120.0, 100.0, 20.0), 100.0);
        assert!(!breaks(110.0, 110.0, false));
        assert!(breaks(49.0, 49.0, true));
    }

    #[test]
    fn significant_digit_rounding() {
        assert_eq!(significant_digits(200.0), 3);
        assert_eq!(significant_digits(0.5), 1);
        assert_eq!(significant_digits(35.0), 2);
        assert_eq!(significant_digits(1.25), 3);
        assert_eq!(round_significant(200.5, 3, RoundingMode::HalfUp), 201.0);
        assert_eq!(round_significant(200.5, 3, RoundingMode::Gb8170), 200.0);
        assert_eq!(round_significant(0.55, 1, RoundingMode::HalfUp), 0.6);
        assert_eq!(round_significant(1004.0, 3, RoundingMode::HalfUp), 1000.0);
        assert_eq!(round_significant(35.5, 2, RoundingMode::HalfUp), 36.0);
        assert_eq!(nearest_rank(&[1.0, 2.0, 3.0, 4.0], 0.95), Some(4.0));
        assert_eq!(nearest_rank(&[1.0, 2.0, 3.0, 4.0], 0.5), Some(2.0));
    }
}
