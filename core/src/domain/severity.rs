//! The one severity scale of every finding: `low`, `medium`, `high`.
//!
//! Severity is the engine's triage convention, not law: the law says whether a value breaks a
//! limit, not how urgent it is. Each engine maps its own evidence onto the one scale:
//!
//! | engine | low | medium | high |
//! |---|---|---|---|
//! | limits (window by window) | value below 1.5× the limit | 1.5× to 2×, or below a range's minimum | 2× the limit or more |
//! | compliance methods | value below 1.5× the threshold | 1.5× to 2×, a count or share condition, no value | 2× the threshold or more |
//! | warning packs (the pack's word) | `info` | `warning` | `critical` |
//! | inspection checklists | item severity `low` | `medium` | `high` |
//!
//! Warning packs keep their own words (`info`, `warning`, `critical`: what an alarm asks of the
//! operator) and [`Level::severity`] maps them; the pack texts and their hashes do not change.

use serde::{Deserialize, Serialize};

/// How serious a finding is, by the engine's triage convention (not law): limits and methods by
/// value ÷ limit (≥ 2× high, ≥ 1.5× medium, below low; a range minimum or a count medium),
/// warning packs by their word (info low, warning medium, critical high), checklist items as
/// written.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
pub enum Severity {
    /// Below 1.5× the limit; an `info` alarm.
    Low,
    /// 1.5× to 2×, a range breach, a count condition; a `warning` alarm.
    Medium,
    /// 2× or more; a `critical` alarm.
    High,
}

impl Severity {
    /// The wire word: `low`, `medium`, `high`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
        }
    }

    /// Severity of a value against a limit it breaks: ≥ 2× high, ≥ 1.5× medium, else low; no
    /// ratio (a count, a range minimum, a limit of zero) is medium.
    pub fn of_ratio(ratio: Option<f64>) -> Severity {
        match ratio {
            Some(r) if r >= 2.0 => Severity::High,
            Some(r) if r >= 1.5 => Severity::Medium,
            Some(_) => Severity::Low,
            None => Severity::Medium,
        }
    }
}

/// The word a warning-pack rule gives its alarms (`severity = "warning"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// For information.
    Info,
    /// Needs attention.
    Warning,
    /// Needs action now.
    Critical,
}

impl Level {
    /// The finding severity of the word: info → low, warning → medium, critical → high.
    pub fn severity(self) -> Severity {
        match self {
            Level::Info => Severity::Low,
            Level::Warning => Severity::Medium,
            Level::Critical => Severity::High,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratio_thresholds_are_inclusive_at_1_5_and_2() {
        assert_eq!(Severity::of_ratio(Some(1.4999)), Severity::Low);
        assert_eq!(Severity::of_ratio(Some(1.5)), Severity::Medium);
        assert_eq!(Severity::of_ratio(Some(1.9999)), Severity::Medium);
        assert_eq!(Severity::of_ratio(Some(2.0)), Severity::High);
        assert_eq!(Severity::of_ratio(None), Severity::Medium);
    }

    #[test]
    fn words_are_the_wire_words() {
        for s in [Severity::Low, Severity::Medium, Severity::High] {
            assert_eq!(
                serde_json::to_value(s).unwrap(),
                serde_json::json!(s.as_str())
            );
        }
    }

    #[test]
    fn pack_words_map_in_order() {
        assert_eq!(Level::Info.severity(), Severity::Low);
        assert_eq!(Level::Warning.severity(), Severity::Medium);
        assert_eq!(Level::Critical.severity(), Severity::High);
    }
}
