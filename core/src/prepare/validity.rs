//! Which samples count.
//!
//! HJ 212 sends every value with a flag; HJ 75/76 and HJ 212-2017 Appendix D say only values
//! taken while the instrument worked normally enter an average ("有效数据"). The rule pack
//! lists the flags that count ([`crate::packs::standard::model::ValidityRules::valid_flags`]). On top
//! of the flag, a value must be a real number (not NaN, not ±∞), must not be negative
//! (a negative concentration is an instrument artefact; parameters such as temperature are
//! exempt), and oxygen must lie in [0, 21) % — at 21 % the "flue gas" is air and the O2
//! correction is undefined. Every invalid sample is counted under its reason, so a report
//! can say *why* an hour had only 44 valid minutes.

use crate::domain::pollutant::{Medium, Pollutant, OXYGEN};
use crate::ingest::readings::Flag;
use crate::packs::standard::model::ValidityRules;
use serde::{Deserialize, Serialize};

/// Why a sample is not valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum SampleReason {
    /// Counts.
    Valid = 0,
    /// Its flag is not one the pack counts.
    Flag = 1,
    /// NaN or infinite.
    NotFinite = 2,
    /// Negative concentration.
    Negative = 3,
    /// Outside the physical range (O2 ≥ 21 %).
    OutOfRange = 4,
}

/// The per-series sample rules, compiled for the hot loop.
#[derive(Debug, Clone)]
pub struct SampleRules {
    flag_ok: [bool; 256],
    reject_negative: bool,
    lower_inclusive: f64,
    upper_exclusive: f64,
}

impl SampleRules {
    /// Rules for `pollutant` under a pack's validity rules.
    pub fn new(rules: &ValidityRules, pollutant: &Pollutant) -> Self {
        let mut flag_ok = [false; 256];
        for f in &rules.valid_flags {
            let b = f.as_byte();
            if let Some(slot) = flag_ok.get_mut(usize::from(b)) {
                *slot = true;
            }
            if let Some(slot) = flag_ok.get_mut(usize::from(b.to_ascii_lowercase())) {
                *slot = true;
            }
        }
        let can_be_negative = pollutant.medium == Medium::Parameter
            && pollutant.code != OXYGEN
            && !matches!(pollutant.code, "a00000" | "w00000");
        let reject_negative = rules.reject_negative && !can_be_negative;
        SampleRules {
            flag_ok,
            reject_negative,
            lower_inclusive: if reject_negative {
                0.0
            } else {
                f64::NEG_INFINITY
            },
            upper_exclusive: if pollutant.code == OXYGEN {
                crate::domain::units::AIR_O2_PERCENT
            } else {
                f64::INFINITY
            },
        }
    }

    /// Whether a sample is valid, without branches (the hot loop's test): NaN and ±∞ fail
    /// every comparison below, so one expression covers the flag, finiteness, sign and range.
    #[inline(always)]
    pub fn is_valid(&self, value: f64, flag: u8) -> bool {
        let flag_ok = self
            .flag_ok
            .get(usize::from(flag))
            .copied()
            .unwrap_or(false);
        flag_ok
            & (value >= self.lower_inclusive)
            & (value < self.upper_exclusive)
            & (value.abs() < f64::INFINITY)
    }

    /// Classifies one sample.
    #[inline(always)]
    pub fn classify(&self, value: f64, flag: u8) -> SampleReason {
        let flag_ok = self
            .flag_ok
            .get(usize::from(flag))
            .copied()
            .unwrap_or(false);
        if !flag_ok {
            SampleReason::Flag
        } else if !value.is_finite() {
            SampleReason::NotFinite
        } else if self.reject_negative && value < 0.0 {
            SampleReason::Negative
        } else if value >= self.upper_exclusive {
            SampleReason::OutOfRange
        } else {
            SampleReason::Valid
        }
    }
}

/// Counts of samples by outcome over a series.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema,
)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct SampleCounts {
    /// All samples.
    pub total: u64,
    /// Valid samples.
    pub valid: u64,
    /// Excluded by flag, per flag letter in HJ 212 Table 8 order (N F M S D C T B).
    pub by_flag: FlagCounts,
    /// NaN or infinite values with a counted flag.
    pub not_finite: u64,
    /// Negative concentrations with a counted flag.
    pub negative: u64,
    /// Out of physical range (O2 ≥ 21 %) with a counted flag.
    pub out_of_range: u64,
}

/// Excluded samples per flag.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema,
)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct FlagCounts {
    /// N
    #[serde(rename = "N")]
    pub n: u64,
    /// F
    #[serde(rename = "F")]
    pub f: u64,
    /// M
    #[serde(rename = "M")]
    pub m: u64,
    /// S
    #[serde(rename = "S")]
    pub s: u64,
    /// D
    #[serde(rename = "D")]
    pub d: u64,
    /// C
    #[serde(rename = "C")]
    pub c: u64,
    /// T
    #[serde(rename = "T")]
    pub t: u64,
    /// B
    #[serde(rename = "B")]
    pub b: u64,
}

impl FlagCounts {
    /// Adds one sample of flag letter `flag`.
    pub fn add(&mut self, flag: u8, n: u64) {
        let slot = match Flag::from_byte(flag) {
            Some(Flag::N) => &mut self.n,
            Some(Flag::F) => &mut self.f,
            Some(Flag::M) => &mut self.m,
            Some(Flag::S) => &mut self.s,
            Some(Flag::D) => &mut self.d,
            Some(Flag::C) => &mut self.c,
            Some(Flag::T) => &mut self.t,
            Some(Flag::B) | None => &mut self.b,
        };
        *slot += n;
    }
}
