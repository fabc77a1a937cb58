//! What an evaluation says: findings, events, statistics.
//!
//! A **finding** (see [`Finding`], the one shape of every engine) is one judged window that
//! broke a limit, with everything an inspector or a court needs: which rule (stable id),
//! which outlet, pollutant and window, the measured value as the standard rounds it, the
//! limit, the ratio, the legal basis, the pack (id, version, content hash) and a message in
//! Chinese and English. An **event** merges
//! consecutive exceeding windows into one episode (start, end, duration, peak). The
//! **statistics** say how much of the data could be judged at all — a plant with no valid
//! hours has no exceedances, and that must be visible.

use crate::domain::period::Period;
use crate::plan::PackRef;
use crate::prepare::validity::SampleCounts;
use serde::{Deserialize, Serialize};

use super::finding::{Finding, FindingKind, Message};
pub use crate::domain::text::Lang;

/// Consecutive breaching windows of one rule, merged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct Event {
    /// Rule id.
    pub rule_id: String,
    /// Kind.
    pub kind: FindingKind,
    /// Outlet.
    pub outlet: String,
    /// Pollutant code.
    pub pollutant: String,
    /// Period of the windows.
    pub period: Period,
    /// Start of the first window.
    pub start: String,
    /// End of the last window.
    pub end: String,
    /// Duration in seconds.
    pub duration_s: i64,
    /// Number of windows.
    pub windows: u32,
    /// Peak value (for a below-range event: the lowest).
    pub peak_value: f64,
    /// Peak value / upper limit (exceedances).
    pub peak_ratio: Option<f64>,
    /// Limit crossed.
    pub limit: f64,
    /// Message in zh and en.
    pub message: Message,
}

/// Counts of windows by validity.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema,
)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct WindowCounts {
    /// Windows with any data.
    pub present: u32,
    /// Valid (judged) windows.
    pub valid: u32,
    /// Too few valid inputs.
    pub too_few_valid: u32,
    /// O2 window invalid.
    pub o2_invalid: u32,
    /// Outside the permit's validity or the requested period.
    pub outside_period: u32,
    /// Calendar windows from the first to the last present one (gaps included).
    pub expected: u32,
}

/// Statistics of one rule over the data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct Statistic {
    /// Rule id.
    pub rule_id: String,
    /// Outlet.
    pub outlet: String,
    /// Pollutant code.
    pub pollutant: String,
    /// Period.
    pub period: Period,
    /// Upper limit.
    pub max: Option<f64>,
    /// Lower limit.
    pub min: Option<f64>,
    /// Windows by validity.
    pub windows: WindowCounts,
    /// valid / expected windows (0 when nothing was expected).
    pub capture_rate: f64,
    /// Windows above the upper limit.
    pub exceedances: u32,
    /// Windows below the lower limit.
    pub below_range: u32,
    /// Events.
    pub events: u32,
    /// Longest event, in windows.
    pub longest_event_windows: u32,
    /// Highest judged value.
    pub max_value: Option<f64>,
    /// Highest value / upper limit.
    pub max_ratio: Option<f64>,
    /// Samples of the pollutant by validity.
    pub samples: SampleCounts,
}

/// A remark about the input that is not a finding (data for an unknown outlet, a limit with no data).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct Note {
    /// Stable code.
    pub code: String,
    /// Outlet, if any.
    pub outlet: Option<String>,
    /// Pollutant, if any.
    pub pollutant: Option<String>,
    /// Message.
    pub message: Message,
}

/// The result of one evaluation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct Report {
    /// Permit id.
    pub permit: String,
    /// Enterprise name.
    pub enterprise: String,
    /// Findings, ordered by outlet, rule, window.
    pub findings: Vec<Finding>,
    /// Events, in the same order.
    pub events: Vec<Event>,
    /// One statistic per rule.
    pub statistics: Vec<Statistic>,
    /// Remarks.
    pub notes: Vec<Note>,
    /// Packs the plan cites.
    pub packs: Vec<PackRef>,
}

impl Report {
    /// The statistic of a rule for an outlet.
    pub fn statistic(&self, outlet: &str, pollutant: &str, period: Period) -> Option<&Statistic> {
        self.statistics
            .iter()
            .find(|s| s.outlet == outlet && s.pollutant == pollutant && s.period == period)
    }

    /// The report as JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}
