//! What a compliance assessment says: per method, per subject (outlet × pollutant, or
//! outfall × parameter), per condition: pass or fail, the numbers that decided it, and the
//! findings behind a failure, each citing method, clause, pack id, version and hash.

use crate::packs::standard::model::SourceStatus;
use crate::plan::PackRef;
use crate::report::Finding;
use serde::{Deserialize, Serialize};

/// The verdict of one condition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
pub enum Outcome {
    /// The condition holds.
    Pass,
    /// The condition is broken.
    Fail,
    /// Nothing to judge (no valid data, no limit, method not in force).
    NotAssessed,
}

/// The numbers that decided a condition (only those that apply are present).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct Numbers {
    /// The limit (ELV) the threshold derives from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<f64>,
    /// Multiple of the limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub factor: Option<f64>,
    /// factor × limit, computed in exact decimal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threshold: Option<f64>,
    /// Values present (windows, months, measurements, reports).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub present: Option<u32>,
    /// Values judged (valid, not exempt).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub judged: Option<u32>,
    /// Values not used: invalid (too few valid inputs, marked, O2 invalid).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invalid: Option<u32>,
    /// Values not judged because of an exempt operating state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exempt: Option<u32>,
    /// Values above the threshold (at or above where the test is inclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub above: Option<u32>,
    /// Values not above the threshold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_above: Option<u32>,
    /// Required share.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share_required: Option<f64>,
    /// Observed share (not_above / judged, or above / judged for trigger shares).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share_observed: Option<f64>,
    /// The value at the required share (nearest-rank percentile of the judged values).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percentile_value: Option<f64>,
    /// Highest judged value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// Mean of the judged values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mean: Option<f64>,
    /// Count that triggers (months in a window).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count_required: Option<u32>,
    /// Highest count found in any window.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count_max: Option<u32>,
    /// Window length (months, operating days).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window: Option<u32>,
    /// Invalid days found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invalid_days: Option<u32>,
    /// Invalid days allowed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invalid_days_allowed: Option<u32>,
    /// Reports late beyond the allowed days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub late: Option<u32>,
    /// Days allowed after the due date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days_allowed: Option<u32>,
    /// Confidence interval subtracted (in limit units).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ci_subtracted: Option<f64>,
}

/// The result of one condition for one subject.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct ConditionResult {
    /// Condition id.
    pub id: String,
    /// What it says.
    pub title: String,
    /// Clause.
    pub clause: String,
    /// How far the clause was checked.
    pub status: SourceStatus,
    /// Pass, fail or not assessed.
    pub outcome: Outcome,
    /// The deciding numbers.
    pub numbers: Numbers,
    /// The findings behind a failure (at most [`MAX_FINDINGS`]; `findings_total` counts all).
    pub findings: Vec<Finding>,
    /// All findings, including those left out of the list.
    pub findings_total: u32,
    /// Why a condition was not assessed, or how it was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Findings listed per condition; the rest are counted.
pub const MAX_FINDINGS: usize = 100;

/// One subject of a method: an outlet × pollutant (× averaging period), or outfall × parameter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct SubjectResult {
    /// Outlet or outfall.
    pub subject: String,
    /// Pollutant code or parameter.
    pub pollutant: String,
    /// The permit rule judged, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule_id: Option<String>,
    /// Pass unless a condition fails.
    pub outcome: Outcome,
    /// The conditions.
    pub conditions: Vec<ConditionResult>,
}

/// The result of one method.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct MethodResult {
    /// The method pack (id, version, hash).
    pub pack: PackRef,
    /// Title.
    pub title: String,
    /// Jurisdiction.
    pub jurisdiction: String,
    /// Source standard or regulation.
    pub standard: String,
    /// How far the method's source was checked.
    pub status: SourceStatus,
    /// Pass unless a subject fails.
    pub outcome: Outcome,
    /// The subjects.
    pub subjects: Vec<SubjectResult>,
    /// Annual caps (mass method only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub caps: Vec<CapResult>,
    /// Remarks (method not in force for part of the period, inputs missing).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// An annual cap and how much of it is used.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct CapResult {
    /// Pollutant code.
    pub pollutant: String,
    /// Outlets counted.
    pub outlets: Vec<String>,
    /// The cap, t/a.
    pub cap_t: f64,
    /// Mass from measured hours, t.
    pub measured_t: f64,
    /// Mass estimated for missing hours, t.
    pub estimated_t: f64,
    /// measured + estimated, t.
    pub total_t: f64,
    /// total / cap.
    pub used_share: f64,
    /// Hours with a measured mass.
    pub measured_hours: u32,
    /// Hours estimated.
    pub estimated_hours: u32,
    /// Hours with the source stopped (zero mass).
    pub stopped_hours: u32,
    /// Hours missing and not estimated.
    pub missing_hours: u32,
    /// How missing hours were estimated.
    pub estimation: String,
    /// Monthly totals (`YYYY-MM`, t), measured + estimated.
    pub months: Vec<MonthMass>,
    /// Local date on which the cap was (or, at the mean rate so far, will be) exhausted;
    /// absent if not within the year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exhausted_on: Option<String>,
    /// Whether the exhaustion date is a forecast (true) or already happened (false).
    pub forecast: bool,
    /// Pass, or fail when the total exceeds the cap.
    pub outcome: Outcome,
    /// Where the cap is written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clause: Option<String>,
}

/// Mass of one month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct MonthMass {
    /// `YYYY-MM`.
    pub month: String,
    /// Measured, t.
    pub measured_t: f64,
    /// Estimated, t.
    pub estimated_t: f64,
}

/// A compliance report for one permit and period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct ComplianceReport {
    /// Permit id.
    pub permit: String,
    /// Enterprise name.
    pub enterprise: String,
    /// First day of the period (local date).
    pub from: String,
    /// Last day of the period (local date, inclusive).
    pub to: String,
    /// Pass unless a method fails.
    pub outcome: Outcome,
    /// One result per method.
    pub methods: Vec<MethodResult>,
    /// Every pack cited (permit's packs and method packs).
    pub packs: Vec<PackRef>,
}

/// Combines outcomes: any fail fails; otherwise any pass passes; else not assessed.
pub fn combine(outcomes: impl IntoIterator<Item = Outcome>) -> Outcome {
    let mut any_pass = false;
    for o in outcomes {
        match o {
            Outcome::Fail => return Outcome::Fail,
            Outcome::Pass => any_pass = true,
            Outcome::NotAssessed => {}
        }
    }
    if any_pass {
        Outcome::Pass
    } else {
        Outcome::NotAssessed
    }
}

/// One condition of one subject, flattened for tables and CSV.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ConditionRow {
    /// Method pack id.
    pub method: String,
    /// Method pack hash.
    pub pack_hash: String,
    /// Outlet or outfall.
    pub subject: String,
    /// Pollutant or parameter.
    pub pollutant: String,
    /// Permit rule, if any.
    pub rule_id: Option<String>,
    /// Condition id.
    pub condition: String,
    /// Clause.
    pub clause: String,
    /// Outcome.
    pub outcome: Outcome,
    /// The deciding numbers.
    pub numbers: Numbers,
    /// Findings behind a failure.
    pub findings_total: u32,
    /// Note.
    pub note: Option<String>,
}

impl ComplianceReport {
    /// Every condition result as a flat row.
    pub fn rows(&self) -> Vec<ConditionRow> {
        let mut out = Vec::new();
        for m in &self.methods {
            for s in &m.subjects {
                for c in &s.conditions {
                    out.push(ConditionRow {
                        method: m.pack.id.clone(),
                        pack_hash: m.pack.hash.clone(),
                        subject: s.subject.clone(),
                        pollutant: s.pollutant.clone(),
                        rule_id: s.rule_id.clone(),
                        condition: c.id.clone(),
                        clause: c.clause.clone(),
                        outcome: c.outcome,
                        numbers: c.numbers.clone(),
                        findings_total: c.findings_total,
                        note: c.note.clone(),
                    });
                }
            }
        }
        out
    }

    /// The report as pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

impl Outcome {
    /// `pass`, `fail` or `not_assessed`.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Pass => "pass",
            Outcome::Fail => "fail",
            Outcome::NotAssessed => "not_assessed",
        }
    }
}
