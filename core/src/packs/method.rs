//! The method-pack file format (`rules/methods/*.toml` with a `method` key).
//!
//! A **method pack** is a published compliance method written down as data: which averages
//! it judges, against which multiple of the limit, what share of values must comply, how many
//! months in which window, which data it discards and which operating states it exempts.
//! Every condition carries the clause it comes from and how far that clause was checked
//! ([`SourceStatus`]); the engine logic in [`crate::judge::comply::methods`] only interprets these
//! numbers. A pack's content hash (`sha256:` of its canonical JSON) is carried by every
//! finding, as for standard packs.

use crate::diag::error::{Error, ErrorKind, Result};
use crate::diag::source::SourceText;
use crate::domain::period::Period;
use crate::packs::catalog::{replacement, verify_hash, CatalogKind, Held};
use crate::packs::standard::model::{Source, SourceStatus};
use crate::ErrorCode;
use serde::{Deserialize, Serialize};

/// The method-pack format version this library reads.
pub const METHOD_SCHEMA_VERSION: u32 = 1;

/// Which engine logic interprets a pack.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MethodKind {
    /// China: exceedance judged on each valid hourly / daily average of automatic monitoring data.
    CnAutoMonitoring,
    /// EU IED Annex V Parts 3–4: large combustion plants.
    IedLcp,
    /// EU IED Annex VI Part 8: waste incineration.
    IedWi,
    /// US 40 CFR 123.45 App. A significant non-compliance on DMR data.
    NpdesSnc,
    /// US 40 CFR 403.8(f)(2)(viii) significant non-compliance of industrial users.
    PretreatmentSnc,
    /// US 40 CFR Part 60: rolling average over boiler operating days.
    NspsOperatingDays,
    /// Annual permitted mass (t/a) with exhaustion forecast.
    MassCap,
}

/// An operating state of the source.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum OperatingState {
    /// Start-up.
    Startup,
    /// Shut-down.
    Shutdown,
    /// Stopped (not operating).
    Stopped,
    /// Abnormal operation declared by the operator (malfunction of abatement equipment).
    Malfunction,
}

/// How values are rounded before comparison.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case", tag = "rule", deny_unknown_fields)]
pub enum MethodRounding {
    /// Use the limit's own rounding (the standard's, e.g. GB/T 8170 at N decimals).
    Limit,
    /// Round to as many significant digits as the limit is written with (EU / US practice).
    LimitSignificantDigits {
        /// Rule for the dropped digits.
        mode: crate::packs::standard::model::RoundingMode,
    },
}

/// Which averages are discarded and when a day or year is invalid.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MethodValidity {
    /// The base averages (`hour` or `half_hour`).
    pub base: Period,
    /// A day with more than this many invalid base averages is invalid.
    pub max_invalid_per_day: u32,
    /// Clause of the day rule.
    pub day_clause: String,
    /// More than this many invalid days in the year fails the availability condition.
    pub max_invalid_days_per_year: u32,
    /// Clause of the year rule.
    pub year_clause: String,
    /// How far these clauses were checked.
    pub status: SourceStatus,
}

/// The 95 % confidence interval of one pollutant, as a percentage of the ELV.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConfidenceInterval {
    /// Pollutant code or name.
    pub pollutant: String,
    /// Percent of the ELV subtracted from each valid average.
    pub percent: f64,
}

/// A group of parameters sharing a Technical Review Criteria factor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TrcGroup {
    /// Group id (`group_1`).
    pub id: String,
    /// TRC factor (1.4, 1.2).
    pub factor: f64,
    /// Parameter names (lower case, compared case-insensitively); empty = every other parameter.
    #[serde(default)]
    pub parameters: Vec<String>,
    /// Clause.
    pub clause: String,
}

/// The test a condition applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Test {
    /// No value of `period` above `factor` × limit.
    NoneAbove,
    /// At least `share` of the values of `period` not above `factor` × limit.
    ShareNotAbove,
    /// Fewer than `count` months above (or, `inclusive`, at or above) `factor` × limit in any
    /// `window` consecutive months.
    MonthsInWindow,
    /// Less than `share` of all measurements above (`inclusive`: at or above) `factor` × limit.
    ShareOfMeasurements,
    /// No report received more than `days_late` days after its due date.
    LateReports,
    /// No more invalid days in the year than the validity rule allows.
    DataAvailability,
    /// No rolling average over `window` operating days above `factor` × limit.
    RollingOperatingDays,
    /// Cumulated mass not above the annual cap.
    AnnualCap,
}

/// One condition of a method.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    /// Id, unique in the pack.
    pub id: String,
    /// What the condition says.
    pub title: String,
    /// Clause it comes from.
    pub clause: String,
    /// How far the clause was checked.
    pub status: SourceStatus,
    /// The test.
    pub test: Test,
    /// Averages judged (`hour`, `half_hour`, `day`, `month`); omitted for DMR-based tests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    /// Multiple of the limit (1.1 for 110 %); 1 if omitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub factor: Option<f64>,
    /// Take the factor from the TRC group of the parameter instead.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub factor_from_trc: bool,
    /// Required (or, for `share_of_measurements`, triggering) share, 0–1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share: Option<f64>,
    /// Count of months (`months_in_window`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    /// Window length (months, or operating days).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window: Option<u32>,
    /// Days after the due date a report may arrive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days_late: Option<u32>,
    /// `at or above` instead of `above`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub inclusive: bool,
    /// Which limit: a key of the permit limit's `method_limits` (e.g. `half_hour_b`);
    /// omitted = the permit limit of `limit_period` (or any period).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<String>,
    /// Take the limit from the permit limit judged on this period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit_period: Option<Period>,
    /// This condition is an alternative to another (`A or B`): the pair passes if either does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alternative_to: Option<String>,
    /// Only these pollutants (codes or names); empty = all.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pollutants: Vec<String>,
    /// Not these pollutants.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub except_pollutants: Vec<String>,
    /// Rolling weighting: `hourly` (all hourly values) or `daily` (daily means).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weighting: Option<Weighting>,
}

/// Weighting of a rolling operating-day average.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Weighting {
    /// Mean of every valid hourly value in the window (40 CFR 60.75a style).
    Hourly,
    /// Mean of the operating days' daily means.
    Daily,
}

/// How missing hours are estimated for mass totals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Estimation {
    /// The mean measured hourly mass of the same month (else of the whole period).
    MonthMean,
    /// Not estimated: missing hours are reported and left out of the total.
    None,
}

/// A method pack.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MethodPack {
    /// Format version; must be 1.
    pub schema_version: u32,
    /// Stable id.
    pub id: String,
    /// Version of the pack's content.
    pub version: String,
    /// The engine logic.
    pub method: MethodKind,
    /// Title (English).
    pub title: String,
    /// Title (Chinese).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_zh: Option<String>,
    /// Jurisdiction (`CN`, `EU`, `US`).
    pub jurisdiction: String,
    /// The source.
    pub source: Source,
    /// First day the method applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective_from: Option<String>,
    /// Last day the method applies (inclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective_to: Option<String>,
    /// Operating states whose windows the method does not judge.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exempt_states: Vec<OperatingState>,
    /// Clause of the exemption.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exempt_clause: Option<String>,
    /// Rounding before comparison.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rounding: Option<MethodRounding>,
    /// Day and year validity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validity: Option<MethodValidity>,
    /// Confidence intervals subtracted to obtain validated averages.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub confidence_intervals: Vec<ConfidenceInterval>,
    /// Clause of the confidence intervals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ci_clause: Option<String>,
    /// TRC groups.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub trc_groups: Vec<TrcGroup>,
    /// Parameters exempt from the TRC test (pH).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub trc_exempt: Vec<String>,
    /// Missing-hour estimation (mass caps).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estimation: Option<Estimation>,
    /// The conditions.
    pub conditions: Vec<Condition>,
}

/// A validated method pack with its hash.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedMethod {
    /// The pack.
    pub pack: MethodPack,
    /// `sha256:<hex>` of the canonical JSON form.
    pub hash: String,
    embedded: bool,
}

impl LoadedMethod {
    /// Whether it ships with the library.
    pub fn is_embedded(&self) -> bool {
        self.embedded
    }

    /// The citation findings carry.
    pub fn pack_ref(&self) -> crate::plan::PackRef {
        crate::plan::PackRef {
            id: self.pack.id.clone(),
            version: self.pack.version.clone(),
            hash: self.hash.clone(),
        }
    }

    /// A condition by test kind.
    pub fn conditions(&self, test: Test) -> impl Iterator<Item = &Condition> {
        self.pack.conditions.iter().filter(move |c| c.test == test)
    }
}

/// Parses and validates a method pack (TOML or JSON).
pub fn parse_method(src: &SourceText) -> Result<LoadedMethod> {
    crate::packs::catalog::check_size(src, "method pack")?;
    let pack: MethodPack = src.parse(ErrorKind::Pack)?;
    validate(&pack).map_err(|e| src.locate(e))?;
    let hash = crate::packs::catalog::content_hash(&pack);
    Ok(LoadedMethod {
        pack,
        hash,
        embedded: false,
    })
}

fn validate(p: &MethodPack) -> Result<()> {
    if p.schema_version != METHOD_SCHEMA_VERSION {
        return Err(Error::pack(
            ErrorCode::PackSchemaVersion,
            format!(
                "method pack schema version {} is not supported; this library reads version 1",
                p.schema_version
            ),
        )
        .with_path("schema_version"));
    }
    for (field, d) in [
        ("effective_from", &p.effective_from),
        ("effective_to", &p.effective_to),
    ] {
        if let Some(d) = d {
            crate::packs::standard::parse_date(d).ok_or_else(|| {
                Error::pack(
                    ErrorCode::PackBadDate,
                    format!("`{d}` is not a date (YYYY-MM-DD)"),
                )
                .with_path(field)
            })?;
        }
    }
    if p.conditions.is_empty() {
        return Err(Error::pack(
            ErrorCode::PackNoConditions,
            "a method needs at least one condition",
        )
        .with_path("conditions"));
    }
    for (i, c) in p.conditions.iter().enumerate() {
        let path = format!("conditions[{i}]");
        if p.conditions.iter().take(i).any(|o| o.id == c.id) {
            return Err(Error::pack(
                ErrorCode::PackDuplicateCondition,
                format!("condition `{}` appears twice", c.id),
            )
            .with_path(format!("{path}.id")));
        }
        for (name, v, lo, hi) in [
            ("share", c.share, 0.0, 1.0),
            ("factor", c.factor, 0.0, 100.0),
        ] {
            if let Some(v) = v {
                if !v.is_finite() || v < lo || v > hi {
                    return Err(Error::pack(
                        ErrorCode::PackBadParameter,
                        format!("{name} {v} must lie in [{lo}, {hi}]"),
                    )
                    .with_path(format!("{path}.{name}")));
                }
            }
        }
        let needs = |ok: bool, what: &str| -> Result<()> {
            if ok {
                Ok(())
            } else {
                Err(Error::pack(
                    ErrorCode::PackMissingParameter,
                    format!("a `{:?}` condition needs `{what}`", c.test).to_lowercase(),
                )
                .with_path(path.clone()))
            }
        };
        match c.test {
            Test::ShareNotAbove | Test::ShareOfMeasurements => needs(c.share.is_some(), "share")?,
            Test::MonthsInWindow => {
                needs(c.count.is_some() && c.window.is_some(), "count and window")?
            }
            Test::LateReports => needs(c.days_late.is_some(), "days_late")?,
            Test::RollingOperatingDays => needs(
                c.window.is_some_and(|w| (1..=366).contains(&w)),
                "window (1–366)",
            )?,
            _ => {}
        }
        if let Some(a) = &c.alternative_to {
            if !p.conditions.iter().any(|o| &o.id == a) {
                return Err(Error::pack(
                    ErrorCode::PackUnknownCondition,
                    format!("alternative_to cites unknown condition `{a}`"),
                )
                .with_path(format!("{path}.alternative_to")));
            }
        }
        for name in c.pollutants.iter().chain(&c.except_pollutants) {
            if crate::domain::pollutant::Pollutant::lookup(name).is_none() {
                return Err(Error::pack(
                    ErrorCode::PackUnknownPollutant,
                    format!("unknown pollutant `{name}`"),
                )
                .with_path(format!("{path}.pollutants")));
            }
        }
    }
    for (i, ci) in p.confidence_intervals.iter().enumerate() {
        if crate::domain::pollutant::Pollutant::lookup(&ci.pollutant).is_none() {
            return Err(Error::pack(
                ErrorCode::PackUnknownPollutant,
                format!("unknown pollutant `{}`", ci.pollutant),
            )
            .with_path(format!("confidence_intervals[{i}].pollutant")));
        }
        if !ci.percent.is_finite() || !(0.0..=100.0).contains(&ci.percent) {
            return Err(
                Error::pack(ErrorCode::PackBadParameter, "percent must lie in [0, 100]")
                    .with_path(format!("confidence_intervals[{i}].percent")),
            );
        }
    }
    Ok(())
}

/// The method packs compiled into the library: (file name, TOML text).
pub use crate::packs::embedded::METHODS as EMBEDDED_METHODS;

/// The embedded method packs plus custom ones.
#[derive(Debug, Clone, Default)]
pub struct MethodSet {
    methods: Vec<LoadedMethod>,
}

impl MethodSet {
    /// The embedded method packs.
    pub fn embedded() -> Result<Self> {
        let mut s = MethodSet::default();
        for (name, text) in EMBEDDED_METHODS {
            let mut m = parse_method(&SourceText::new(format!("embedded:{name}"), *text))?;
            m.embedded = true;
            s.methods.push(m);
        }
        Ok(s)
    }

    /// Adds a method pack under the catalog's replacement rule (a method pack replaces the
    /// one of its id); with `expected`, the pack must have that content hash.
    pub(crate) fn add(
        &mut self,
        src: &SourceText,
        expected: Option<&str>,
    ) -> Result<&LoadedMethod> {
        let m = parse_method(src)?;
        if let Some(h) = expected {
            verify_hash("method pack", &m.pack.id, &m.hash, h, src.name())?;
        }
        let new = Held {
            id: &m.pack.id,
            version: &m.pack.version,
            embedded: false,
        };
        if let Some(old) = self.methods.iter().find(|o| o.pack.id == m.pack.id) {
            let old = Held {
                id: &old.pack.id,
                version: &old.pack.version,
                embedded: old.embedded,
            };
            replacement(CatalogKind::Method, old, new, src.name())?;
        }
        self.methods.retain(|o| o.pack.id != m.pack.id);
        self.methods.push(m);
        self.methods
            .last()
            .ok_or_else(|| Error::internal(ErrorCode::InternalBug, "method set is empty"))
    }

    /// A method by id.
    pub fn get(&self, id: &str) -> Option<&LoadedMethod> {
        self.methods.iter().find(|m| m.pack.id == id)
    }

    /// Every method.
    pub fn iter(&self) -> impl Iterator<Item = &LoadedMethod> {
        self.methods.iter()
    }
}

/// The JSON Schema of a method pack.
pub fn method_schema() -> String {
    serde_json::to_string_pretty(&schemars::schema_for!(MethodPack)).unwrap_or_default()
}
