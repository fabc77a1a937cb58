//! Regulatory rounding before comparison.
//!
//! Chinese standards report values rounded by GB/T 8170-2008 §3.3: digits are dropped by
//! "四舍六入五成双" — below 5 down, above 5 up, exactly 5 (followed by nothing) to the even
//! neighbour — so 35.25 → 35.2 and 35.35 → 35.4 at one decimal. The value is taken at its
//! shortest decimal representation (what a report would print) and rounded exactly with
//! `rust_decimal`, so binary floating point cannot move a halfway case.

use crate::pack::model::{Rounding, RoundingMode};
use rust_decimal::prelude::{FromPrimitive, ToPrimitive};
use rust_decimal::{Decimal, RoundingStrategy};
use std::str::FromStr;

/// Rounds `v` as `r` prescribes; non-finite values are returned unchanged.
pub fn round(v: f64, r: &Rounding) -> f64 {
    if !v.is_finite() {
        return v;
    }
    let text = format!("{v}");
    let d = match Decimal::from_str(&text)
        .ok()
        .or_else(|| Decimal::from_f64(v))
    {
        Some(d) => d,
        None => return v,
    };
    let strategy = match r.mode {
        RoundingMode::Gb8170 => RoundingStrategy::MidpointNearestEven,
        RoundingMode::HalfUp => RoundingStrategy::MidpointAwayFromZero,
    };
    d.round_dp_with_strategy(r.decimals.min(20), strategy)
        .to_f64()
        .unwrap_or(v)
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
}
