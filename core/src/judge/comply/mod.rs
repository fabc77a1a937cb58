//! Compliance methods: from judged windows to a verdict.
//!
//! An hourly average above the limit is an exceedance, but whether a plant *complies* over a
//! year is decided by a published **method**, and each jurisdiction has its own:
//!
//! * **China** judges every valid hourly (or, for incineration, daily) average of automatic
//!   monitoring data against the permitted limit: one average above it (超过, strictly) is an
//!   exceedance; data marked invalid under the 2022 marking rules are not used
//!   (`rules/methods/cn-auto-monitoring.toml`).
//! * **EU IED Annex V** (large combustion plants) subtracts the 95 % confidence interval from
//!   every valid hourly average, then over the calendar year requires: no validated monthly
//!   average above the ELV, no validated daily average above 110 % of it, and 95 % of the
//!   validated hourly averages at or below 200 %. A day with more than three invalid hours is
//!   invalid. **Annex VI Part 8** (waste incineration) works on daily and half-hourly
//!   averages, with column A (100 %) or column B (97 % over the year).
//! * **US NPDES** counts Discharge Monitoring Report months: *chronic* when the monthly
//!   average exceeds its limit in any 4 of 6 consecutive months, *TRC* when it is at or above
//!   1.4× (Group I) or 1.2× (Group II) the limit in 2 of 6, and reports more than 30 days
//!   late (40 CFR 123.45 App. A). Industrial users under 40 CFR 403.8 count shares of all
//!   measurements (66 %, 33 %) instead. NSPS boilers average over 30 boiler operating days.
//! * **Mass caps**: hourly mass from concentration × flow, summed per month and year against
//!   the permitted tonnes per year, with the date the cap is (or will be) exhausted, and an
//!   explicit account of every estimated hour.
//!
//! The numbers of each method (shares, factors, confidence intervals, TRC groups, the invalid
//! day and year rules, exempt operating states) live in **method packs**
//! ([`model::MethodPack`], `rules/methods/*.toml`), each condition citing its clause and how
//! far that clause was verified. The logic in [`methods`] only interprets them. Thresholds,
//! shares and rounding are computed in exact decimal ([`rounding`]): 95 % of 20 hours is 19,
//! 110 % of 100 is 110, and 1.4 × 35 is 49.
//!
//! ```
//! use ecorules::host::assess;
//! use ecorules::{ComplyOptions, DataFormat, LoadOptions, Outcome, Plan, Readings};
//! let plan = Plan::compile_text("p.toml", r#"
//! id = "P"
//! enterprise = { name = "E" }
//! [[outlets]]
//! id = "DA001"
//! kind = "air"
//! limits = [{ pollutant = "so2", max = 35, periods = ["hour"] }]
//! "#)?;
//! let mut csv = String::from("outlet,time,so2,flag\n");
//! for m in 0..60 { csv += &format!("DA001,2025-03-01T10:{m:02}:00+08:00,36,N\n"); }
//! let data = Readings::load(&csv, DataFormat::Csv, &LoadOptions::default())?;
//! let opts = ComplyOptions { period: "2025".into(), methods: vec!["cn-auto-monitoring".into()], as_of: None };
//! let report = assess(&plan, &data, &opts)?;
//! assert_eq!(report.outcome, Outcome::Fail);
//! # Ok::<(), ecorules::Error>(())
//! ```

pub mod eval;
pub mod mass;
pub mod methods;
pub mod records;

use crate::packs::catalog::Catalog;
use crate::report::compliance::ComplianceReport;
use crate::ErrorCode;
pub use records::{DmrRecord, IuReport, IuSample, Records, StatePeriod};

use crate::diag::error::{Error, Result};
use crate::ingest::readings::Readings;
use crate::plan::Plan;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// Options of an assessment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ComplyOptions {
    /// The period: a year (`2025`), a month (`2025-03`) or `YYYY-MM-DD..YYYY-MM-DD` (inclusive).
    pub period: String,
    /// Method pack ids to apply.
    pub methods: Vec<String>,
    /// "Now" (`YYYY-MM-DD`), for late reports not yet received and for the cap forecast;
    /// default: the day after the period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
}

/// The assessed period as local dates (inclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateRange {
    /// First day.
    pub first: Date,
    /// Last day (inclusive).
    pub last: Date,
}

impl DateRange {
    /// Parses `2025`, `2025-03` or `2025-01-01..2025-06-30`.
    pub fn parse(text: &str) -> Result<DateRange> {
        let bad = || {
            Error::data(
                ErrorCode::DataComplyBadPeriod,
                format!("`{text}` is not a period"),
            )
            .with_path("options.period")
            .with_help("write a year (`2025`), a month (`2025-03`) or `2025-01-01..2025-06-30`")
        };
        let t = text.trim();
        if let Some((a, b)) = t.split_once("..") {
            let first = crate::packs::standard::parse_date(a.trim()).ok_or_else(bad)?;
            let last = crate::packs::standard::parse_date(b.trim()).ok_or_else(bad)?;
            if last < first {
                return Err(bad());
            }
            return Ok(DateRange { first, last });
        }
        if t.len() == 4 {
            let y: i16 = t.parse().map_err(|_| bad())?;
            let first = Date::new(y, 1, 1).map_err(|_| bad())?;
            return Ok(DateRange {
                first,
                last: first.last_of_year(),
            });
        }
        if t.len() == 7 {
            let first = crate::packs::standard::parse_date(&format!("{t}-01")).ok_or_else(bad)?;
            return Ok(DateRange {
                first,
                last: first.last_of_month(),
            });
        }
        Err(bad())
    }

    /// `[start, end)` Unix seconds in a calendar's zone.
    pub fn bounds(&self, cal: &crate::domain::calendar::Calendar) -> (i64, i64) {
        let end = self.last.tomorrow().unwrap_or(self.last);
        (cal.midnight(self.first), cal.midnight(end))
    }
}

/// Assesses readings against the embedded method packs, with no DMR or state records.
pub fn assess(
    plan: &Plan,
    readings: &Readings<'_>,
    opts: &ComplyOptions,
) -> Result<ComplianceReport> {
    assess_with(
        plan,
        &Catalog::embedded_of(&[crate::packs::catalog::CatalogKind::Method])?,
        readings,
        &Records::default(),
        opts,
    )
}

/// Assesses readings and records (DMR, industrial-user samples, operating states).
pub fn assess_with(
    plan: &Plan,
    catalog: &Catalog,
    readings: &Readings<'_>,
    records: &Records,
    opts: &ComplyOptions,
) -> Result<ComplianceReport> {
    let methods = catalog.method_set();
    let range = DateRange::parse(&opts.period)?;
    let as_of = match &opts.as_of {
        Some(t) => crate::packs::standard::parse_date(t).ok_or_else(|| {
            Error::data(
                ErrorCode::DataComplyBadDate,
                format!("`{t}` is not a date (YYYY-MM-DD)"),
            )
            .with_path("options.as_of")
        })?,
        None => range.last.tomorrow().unwrap_or(range.last),
    };
    if opts.methods.is_empty() {
        return Err(
            Error::data(ErrorCode::DataComplyNoMethods, "no method to apply")
                .with_path("options.methods")
                .with_help(format!(
                    "name one or more of: {}",
                    methods
                        .iter()
                        .map(|m| m.pack.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
        );
    }
    let states = records.compile_states(plan)?;
    let ctx = methods::Ctx {
        plan,
        readings,
        records,
        range,
        as_of,
        states,
        windows: crate::prepare::cache::WindowCache::new(readings),
    };
    let mut results = Vec::new();
    let mut packs = plan.packs().to_vec();
    for (i, id) in opts.methods.iter().enumerate() {
        let m = methods.get(id).ok_or_else(|| {
            Error::data(
                ErrorCode::DataComplyUnknownMethod,
                format!("unknown method `{id}`"),
            )
            .with_path(format!("options.methods[{i}]"))
            .with_help_opt(crate::packs::catalog::suggest(
                id,
                methods.iter().map(|m| m.pack.id.as_str()),
            ))
        })?;
        packs.push(m.pack_ref());
        results.push(methods::run(&ctx, m)?);
    }
    Ok(ComplianceReport {
        permit: plan.permit().id.clone(),
        enterprise: plan.permit().enterprise.name.clone(),
        from: range.first.to_string(),
        to: range.last.to_string(),
        outcome: crate::report::compliance::combine(results.iter().map(|r| r.outcome)),
        methods: results,
        packs,
    })
}

/// The input of a `comply` conformance vector (and of the JSON-level host call).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ComplyRequest {
    /// The permit document (JSON object).
    pub permit: serde_json::Value,
    /// Custom rule packs (JSON objects).
    #[serde(default)]
    pub packs: Vec<serde_json::Value>,
    /// Custom method packs (JSON objects), added to (or replacing, by id) the embedded ones.
    #[serde(default)]
    pub method_packs: Vec<serde_json::Value>,
    /// Monitoring data ([`crate::ingest::readings::json::DataDocument`]); omitted for DMR-only methods.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<serde_json::Value>,
    /// Load options.
    #[serde(default)]
    pub load: crate::ingest::readings::LoadOptions,
    /// DMR records, industrial-user samples and reports, operating states, enterprise caps.
    #[serde(default)]
    pub records: Records,
    /// Options.
    pub options: ComplyOptions,
}

/// Runs a [`ComplyRequest`] end to end.
pub fn comply_request(req: &ComplyRequest) -> Result<ComplianceReport> {
    let custom: Vec<(String, String)> = req
        .packs
        .iter()
        .enumerate()
        .map(|(i, p)| (format!("packs[{i}].json"), p.to_string()))
        .collect();
    let mut catalog = Catalog::embedded_of(&[
        crate::packs::catalog::CatalogKind::Standard,
        crate::packs::catalog::CatalogKind::Method,
    ])?;
    catalog.add_all(crate::packs::catalog::CatalogKind::Standard, &custom)?;
    let plan = Plan::compile(
        &crate::diag::source::SourceText::new("permit.json", req.permit.to_string()),
        &catalog,
    )?;
    for (i, m) in req.method_packs.iter().enumerate() {
        catalog.add(
            crate::packs::catalog::CatalogKind::Method,
            &crate::diag::source::SourceText::new(format!("method_packs[{i}].json"), m.to_string()),
        )?;
    }
    let data = match &req.data {
        Some(d) => crate::ingest::readings::load_data(
            &d.to_string(),
            crate::ingest::readings::DataFormat::Json,
            &req.load,
        )?,
        None => Readings::new(),
    };
    assess_with(&plan, &catalog, &data, &req.records, &req.options)
}
