//! Inputs beside the monitoring series: Discharge Monitoring Reports (US NPDES), industrial
//! users' sample results and reports (40 CFR 403.8), and operating-state periods (start-up,
//! shut-down, stopped) that methods may exempt.

use crate::diag::error::{Error, Result};
use crate::packs::method::OperatingState;
use crate::plan::Plan;
use crate::ErrorCode;
use serde::{Deserialize, Serialize};

/// One parameter of one outfall for one month, as a DMR reports it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DmrRecord {
    /// Outfall (`001`).
    pub outfall: String,
    /// Parameter name (`BOD5`, `copper`).
    pub parameter: String,
    /// Monitoring month `YYYY-MM`.
    pub month: String,
    /// Reported monthly average.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monthly_avg: Option<f64>,
    /// Permit limit on the monthly average.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monthly_avg_limit: Option<f64>,
    /// Reported daily maximum.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub daily_max: Option<f64>,
    /// Permit limit on the daily maximum.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub daily_max_limit: Option<f64>,
    /// Unit (free text, reported back).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// TRC group id, overriding the pack's parameter lists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trc_group: Option<String>,
    /// Date the DMR was due (`YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<String>,
    /// Date it was received; absent = not received.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received: Option<String>,
}

/// One sample result of an industrial user (pretreatment).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IuSample {
    /// Industrial user / sampling point.
    pub point: String,
    /// Parameter.
    pub parameter: String,
    /// Sample date `YYYY-MM-DD`.
    pub date: String,
    /// Result.
    pub value: f64,
    /// The limit it is compared with.
    pub limit: f64,
    /// TRC group id, overriding the pack's lists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trc_group: Option<String>,
}

/// A report an industrial user owes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IuReport {
    /// Industrial user.
    pub point: String,
    /// Which report.
    pub report: String,
    /// Due date.
    pub due: String,
    /// Received date; absent = not received.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received: Option<String>,
}

/// A period in an operating state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StatePeriod {
    /// Outlet.
    pub outlet: String,
    /// State.
    pub state: OperatingState,
    /// Start (ISO 8601; without offset = the outlet's zone).
    pub from: String,
    /// End, exclusive.
    pub to: String,
}

/// All non-series inputs.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Records {
    /// DMR records.
    pub dmr: Vec<DmrRecord>,
    /// Industrial-user samples.
    pub iu_samples: Vec<IuSample>,
    /// Industrial-user reports.
    pub iu_reports: Vec<IuReport>,
    /// Operating states.
    pub states: Vec<StatePeriod>,
    /// Enterprise-wide annual permitted masses over several outlets (per-outlet caps are
    /// the permit limits' `annual_cap_t`).
    pub caps: Vec<crate::packs::permit::MassCap>,
}

/// A state period in Unix seconds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompiledState {
    /// Outlet.
    pub outlet: String,
    /// State.
    pub state: OperatingState,
    /// Start.
    pub start: i64,
    /// End (exclusive).
    pub end: i64,
}

impl Records {
    /// Resolves the state periods in each outlet's zone.
    pub fn compile_states(&self, plan: &Plan) -> Result<Vec<CompiledState>> {
        let mut out = Vec::new();
        for (i, s) in self.states.iter().enumerate() {
            let path = format!("records.states[{i}]");
            let o = plan.outlet(&s.outlet).ok_or_else(|| {
                Error::data(
                    ErrorCode::DataComplyUnknownOutlet,
                    format!("outlet `{}` is not in the permit", s.outlet),
                )
                .with_path(format!("{path}.outlet"))
            })?;
            let t = |text: &str, field: &str| {
                crate::domain::zones::parse_time(text, Some(o.calendar.tz())).ok_or_else(|| {
                    Error::data(
                        ErrorCode::DataComplyBadDate,
                        format!("`{text}` is not a time"),
                    )
                    .with_path(format!("{path}.{field}"))
                })
            };
            let (start, end) = (t(&s.from, "from")?, t(&s.to, "to")?);
            if end <= start {
                return Err(Error::data(
                    ErrorCode::DataComplyEmptyState,
                    "a state period must end after it starts",
                )
                .with_path(format!("{path}.to")));
            }
            out.push(CompiledState {
                outlet: s.outlet.clone(),
                state: s.state,
                start,
                end,
            });
        }
        Ok(out)
    }
}

/// Parses `YYYY-MM` into (year, month).
pub fn parse_month(text: &str) -> Option<(i16, i8)> {
    let (y, m) = text.trim().split_once('-')?;
    let y: i16 = y.parse().ok()?;
    let m: i8 = m.parse().ok()?;
    if (1..=12).contains(&m) && y > 0 {
        Some((y, m))
    } else {
        None
    }
}
