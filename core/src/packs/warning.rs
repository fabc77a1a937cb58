//! The warning-pack document (`rules/warnings/*.toml`).
//!
//! A pack is data, not code: each rule names who it applies to (the *subject*), a
//! condition in the rule language, how long it must hold, how it clears, and bilingual
//! message templates. See the language reference in [`super`].

use crate::domain::pollutant::Medium;
use serde::{Deserialize, Serialize};

/// A warning pack.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WarningPack {
    /// Document schema version; must be 1.
    pub schema_version: u32,
    /// Pack id, e.g. `cn-cems-warnings`.
    pub id: String,
    /// Pack version.
    pub version: String,
    /// Title.
    pub title: String,
    /// Where the rules come from.
    pub source: WarnSource,
    /// The rules.
    pub rules: Vec<WarnRule>,
}

/// The citation behind a pack.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WarnSource {
    /// Standard or guidance cited.
    pub standard: String,
    /// Clause.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clause: Option<String>,
    /// Free-text note on how the rules follow from the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// How serious a warning is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "wasm",
    derive(tsify::Tsify),
    tsify(missing_as_null, rename = "AlarmSeverity")
)]
pub enum Severity {
    /// For information.
    Info,
    /// Needs attention.
    Warning,
    /// Needs action now.
    Critical,
}

/// What a rule produces.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Emit {
    /// Alarms that open and close.
    #[default]
    Alarm,
    /// Only counts the evaluations where the condition holds (see `Monitor::stats`).
    Count,
}

/// Kinds of enterprise record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    /// Self-monitoring ledger (自行监测台账/执行报告) due for submission.
    Ledger,
    /// An approval (审批) with a statutory time limit.
    Approval,
    /// A rectification order (整改) with a deadline.
    Rectification,
}

/// Which pollutants a series rule applies to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum PollutantSelector {
    /// `"limited"`: every pollutant the permit limits at the outlet.
    Keyword(String),
    /// Named pollutants.
    List(Vec<String>),
}

/// Who a rule applies to.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Subject {
    /// Only outlets of this kind (`air`, `water`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet_kind: Option<Medium>,
    /// Only these outlet ids.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlets: Option<Vec<String>>,
    /// One instance per pollutant; the expression calls it `x`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pollutants: Option<PollutantSelector>,
    /// One instance per enterprise record of this kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub records: Option<RecordKind>,
    /// One instance for the permit (deadline rules on `valid_to()`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub permit: bool,
}

/// Message templates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Messages {
    /// Chinese.
    pub zh: String,
    /// English.
    pub en: String,
}

/// One warning rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WarnRule {
    /// Rule id, unique in the pack.
    pub id: String,
    /// Severity.
    pub severity: Severity,
    /// Who it applies to.
    #[serde(default)]
    pub subject: Subject,
    /// The condition, optionally ending in `for 15m` / `for 3 consecutive`.
    pub when: String,
    /// Hysteresis: once open, the alarm closes only when this holds (default: when `when` stops holding).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clear: Option<String>,
    /// The value whose maximum an alarm reports as peak (default: the left side of the first comparison).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub peak: Option<String>,
    /// Alarms or counts.
    #[serde(default)]
    pub emit: Emit,
    /// Emit an `updated` event whenever an open alarm's peak rises.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub updates: bool,
    /// Message templates.
    pub message: Messages,
    /// What the rule is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}
