//! The rule-pack file format.
//!
//! A **pack** is data, not code: a published standard's limits (GB 13223-2011's table of
//! SO2, NOx and dust limits per boiler category), or the data-validity rules of a
//! monitoring standard (HJ 212-2017 Appendix D: an hour needs 45 valid minutes). Every pack
//! names its source, and every number in it names its table or clause, so a finding can cite
//! the legal basis it was judged on. Packs are TOML (JSON accepted); the JSON Schema in
//! `rules/schema/pack.schema.json` is generated from these types.

use crate::domain::period::Period;
use crate::domain::units::Unit;
use crate::ingest::readings::Flag;
use serde::{Deserialize, Serialize};

/// The pack format version this library reads.
pub const PACK_SCHEMA_VERSION: u32 = 1;

/// What a pack contains.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
pub enum PackKind {
    /// Emission limits of a standard.
    Standard,
    /// Data-validity rules of a monitoring standard.
    Validity,
}

/// How far a source was checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
pub enum SourceStatus {
    /// The official text was read.
    Verified,
    /// A third-party copy or summary was read.
    Secondary,
    /// From memory or notes only; not to be relied on without checking.
    Unverified,
}

/// The published source of a pack or rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Standard or regulation number, e.g. `GB 13223-2011`.
    pub standard: String,
    /// Title of the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Clause, table or article relied on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clause: Option<String>,
    /// Where it was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// How far the text was checked.
    pub status: SourceStatus,
    /// Free notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A rule pack.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Pack {
    /// Pack format version; must be 1.
    pub schema_version: u32,
    /// Stable id, e.g. `gb13223-2011`.
    pub id: String,
    /// Semantic version of the pack's content.
    pub version: String,
    /// What the pack contains.
    pub kind: PackKind,
    /// Title (English).
    pub title: String,
    /// Title (Chinese).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_zh: Option<String>,
    /// Jurisdiction code (`CN`, `CN-ZJ`, `EU`, `US`).
    pub jurisdiction: String,
    /// The source.
    pub source: Source,
    /// First day the pack applies (`YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective_from: Option<String>,
    /// Last day the pack applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective_to: Option<String>,
    /// For standards: the id of the validity pack whose rules decide valid windows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validity_pack: Option<String>,
    /// For validity packs (or a standard carrying its own): the validity rules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validity: Option<ValidityRules>,
    /// For standards: source categories with their limits.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<Category>,
    /// Test cases computed by hand from the source, run by `ecorules pack test`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tests: Vec<PackTest>,
}

/// Which samples and windows are valid.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ValidityRules {
    /// Flags whose samples count toward averages (HJ 212: `N` only, typically).
    pub valid_flags: Vec<Flag>,
    /// Negative concentrations are invalid samples (default true). Never applies to
    /// parameters that can be negative (temperature, pressure).
    #[serde(default = "yes")]
    pub reject_negative: bool,
    /// Clause for the sample rules.
    pub sample_source: String,
    /// Minimum valid samples (minute values) for a valid half-hour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub half_hour: Option<LevelRule>,
    /// Minimum valid samples (minute values) for a valid hour.
    pub hour: LevelRule,
    /// Minimum valid hours for a valid day.
    pub day: LevelRule,
    /// Minimum valid days for a valid month.
    pub month: MonthRule,
    /// Minimum valid months for a valid year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<LevelRule>,
    /// Minimum valid hourly values in a rolling-hours window, as a share of N (default 0.75).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rolling_min_share: Option<f64>,
}

fn yes() -> bool {
    true
}

/// A minimum count of valid inputs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LevelRule {
    /// Minimum number of valid inputs (inclusive).
    pub min_valid: u32,
    /// Clause the number comes from.
    pub source: String,
}

/// The month rule, with its February exception.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MonthRule {
    /// Minimum valid days (inclusive).
    pub min_valid: u32,
    /// Minimum valid days in February, if different.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_valid_february: Option<u32>,
    /// Clause.
    pub source: String,
}

/// A source category of a standard (`coal/new`, `gas/special`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Category {
    /// Id within the pack; permits cite `<pack id>/<category id>`.
    pub id: String,
    /// What the category covers.
    pub title: String,
    /// Reference O2 (%) for all limits of the category.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ref_o2: Option<f64>,
    /// Clause for the reference O2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ref_o2_source: Option<String>,
    /// First day the category's limits apply, if later than the pack's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective_from: Option<String>,
    /// The limits.
    pub limits: Vec<LimitSpec>,
}

/// One limit of a standard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LimitSpec {
    /// Pollutant code or name.
    pub pollutant: String,
    /// Upper limit: a window **above** it exceeds (equal complies).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// Lower limit (ranges such as pH 6–9): a window **below** it violates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    /// Unit of the limit values.
    pub unit: Unit,
    /// Averaging periods the limit is judged on.
    pub periods: Vec<Period>,
    /// Table or clause the number comes from.
    pub source: String,
    /// Reporting precision before comparison, if the standard prescribes one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rounding: Option<Rounding>,
    /// Notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// How a value is rounded before it is compared and reported.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rounding {
    /// Decimal places kept.
    pub decimals: u32,
    /// Rule for the dropped digits.
    pub mode: RoundingMode,
}

/// Rounding rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RoundingMode {
    /// GB/T 8170-2008 §3.3: round half to even ("四舍六入五成双").
    Gb8170,
    /// Round half away from zero.
    HalfUp,
}

/// A hand-computed test case a pack carries.
///
/// The case builds a one-outlet permit citing `<pack>/<category>` for `pollutant`, feeds a
/// constant value for one whole `period` (every minute valid, at `o2` if given), and checks
/// whether the window exceeds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PackTest {
    /// What the case shows.
    pub name: String,
    /// Category id.
    pub category: String,
    /// Pollutant code or name.
    pub pollutant: String,
    /// Period to judge.
    pub period: Period,
    /// Measured value (in the limit's unit, at actual O2).
    pub value: f64,
    /// Measured O2 (%), for categories with a reference O2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub o2: Option<f64>,
    /// Whether the window must exceed.
    pub expect_exceeds: bool,
    /// The corrected, rounded value the engine must report.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expect_value: Option<f64>,
}
