//! What a plan holds and what it judged, in the one shape every host lists.
//!
//! A dashboard draws the hourly averages of one rule as a chart and lists the compiled rules
//! beside it. Both listings are built here, once: the bindings only convert the rows (JS
//! objects, numpy columns, Kotlin records), so a rule id unknown to the plan is the same
//! `permit.unknown_rule` error in every host.

use crate::diag::error::{Error, Result};
use crate::domain::period::Period;
use crate::ingest::readings::Readings;
use crate::judge::EvaluateOptions;
use crate::plan::Plan;
use crate::prepare::window::WindowStatus;
use crate::report::FindingKind;
use crate::ErrorCode;
use serde::{Deserialize, Serialize};

/// A compiled rule: one limit of one outlet, as `Plan::rules` lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct RuleInfo {
    /// Rule id (what `judged_windows` takes).
    pub rule_id: String,
    /// Permit outlet id.
    pub outlet: String,
    /// Outlet name as the permit gives it.
    pub outlet_name: Option<String>,
    /// IANA time zone of the outlet's calendar.
    pub time_zone: String,
    /// Pollutant code.
    pub pollutant: String,
    /// Pollutant short name.
    pub pollutant_name: String,
    /// Averaging period.
    pub period: Period,
    /// Upper limit, in the data unit.
    pub max: Option<f64>,
    /// Lower limit (ranges such as pH), in the data unit.
    pub min: Option<f64>,
    /// Data unit symbol.
    pub unit: String,
    /// Reference O2 (%) the values are corrected to, if any.
    pub ref_o2: Option<f64>,
    /// The standard the limit comes from.
    pub standard: String,
}

/// Every compiled rule of a plan, outlet by outlet in permit order.
pub fn rules(plan: &Plan) -> Vec<RuleInfo> {
    plan.outlets()
        .iter()
        .flat_map(|o| {
            o.limits.iter().map(|l| RuleInfo {
                rule_id: l.rule_id.clone(),
                outlet: o.id.clone(),
                outlet_name: o.name.clone(),
                time_zone: o.time_zone.clone(),
                pollutant: l.pollutant.code.to_string(),
                pollutant_name: l.pollutant.short_name().to_string(),
                period: l.period,
                max: l.max,
                min: l.min,
                unit: l.unit.symbol().to_string(),
                ref_o2: l.ref_o2,
                standard: l.basis.standard.clone(),
            })
        })
        .collect()
}

/// One judged window of a rule: a point of an hourly-average chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[cfg_attr(
    feature = "wasm",
    derive(tsify::Tsify),
    tsify(missing_as_null, rename = "JudgedWindow")
)]
pub struct WindowRow {
    /// Window start, Unix seconds.
    pub start: i64,
    /// Window end (exclusive), Unix seconds.
    pub end: i64,
    /// The judged value (rounded where prescribed); `null` when the window is not valid.
    pub value: Option<f64>,
    /// Unrounded mean (corrected to reference O2 where the limit asks); `null` if none.
    pub raw_value: Option<f64>,
    /// Valid inputs.
    pub n_valid: u32,
    /// Inputs present.
    pub n_total: u32,
    /// Valid inputs required.
    pub n_required: u32,
    /// Mean O2 of the window, when a correction was applied.
    pub o2: Option<f64>,
    /// Validity.
    pub status: WindowStatus,
    /// The breach, if any.
    pub breach: Option<FindingKind>,
}

/// The judged windows of rule `rule_id` of `outlet`, in time order.
///
/// # Errors
/// `permit.unknown_rule` when the plan has no such rule for that outlet (`rules` lists them).
pub fn judged_windows(
    plan: &Plan,
    readings: &Readings<'_>,
    outlet: &str,
    rule_id: &str,
    opts: &EvaluateOptions,
) -> Result<Vec<WindowRow>> {
    let Some(windows) = plan.judged_windows(readings, outlet, rule_id, opts) else {
        return Err(Error::new(
            ErrorCode::PermitUnknownRule,
            format!("the plan has no rule `{rule_id}` for outlet `{outlet}`"),
        )
        .with_help("the rules listing (Plan.rules()) names the rule ids of every outlet"));
    };
    Ok(windows
        .iter()
        .map(|j| WindowRow {
            start: j.window.start,
            end: j.window.end,
            value: Some(j.value).filter(|v| v.is_finite()),
            raw_value: Some(j.window.value).filter(|v| v.is_finite()),
            n_valid: j.window.n_valid,
            n_total: j.window.n_total,
            n_required: j.window.n_required,
            o2: j.window.o2,
            status: j.window.status,
            breach: j.breach,
        })
        .collect())
}
