//! The engine logic of each method kind, interpreting its pack's conditions.
//!
//! * [`cn`]: China, exceedance on automatic monitoring data (hourly / daily averages).
//! * [`ied`]: EU IED Annex V (large combustion plants) and Annex VI (waste incineration).
//! * [`npdes`]: US 40 CFR 123.45 App. A on DMR data; [`pretreatment`]: 40 CFR 403.8.
//! * [`nsps`]: US 40 CFR Part 60 rolling averages over boiler operating days.
//! * mass caps: [`crate::judge::comply::mass`].

pub mod cn;
pub mod ied;
pub mod npdes;
pub mod nsps;
pub mod pretreatment;

use super::records::{CompiledState, Records};
use super::DateRange;
use crate::diag::error::Result;
use crate::domain::calendar::Calendar;
use crate::ingest::readings::Readings;
use crate::packs::method::{LoadedMethod, MethodKind, MethodRounding};
use crate::plan::{CompiledLimit, Plan};
use crate::prepare::cache::WindowCache;
use crate::report::compliance::{combine, MethodResult, SubjectResult};
use jiff::civil::Date;

/// Everything a method needs.
#[derive(Debug)]
pub struct Ctx<'a> {
    /// The compiled permit.
    pub plan: &'a Plan,
    /// Monitoring data.
    pub readings: &'a Readings<'a>,
    /// Records.
    pub records: &'a Records,
    /// The period.
    pub range: DateRange,
    /// "Now".
    pub as_of: Date,
    /// Operating states.
    pub states: Vec<CompiledState>,
    /// The windows of the assessment, built once and shared by every method.
    pub windows: WindowCache<'a>,
}

impl Ctx<'_> {
    /// The period in `cal`'s zone intersected with the method's effective range, if not empty.
    pub fn bounds(&self, m: &LoadedMethod, cal: &Calendar) -> Option<(i64, i64)> {
        let (mut lo, mut hi) = self.range.bounds(cal);
        if let Some(d) = m
            .pack
            .effective_from
            .as_deref()
            .and_then(crate::packs::standard::parse_date)
        {
            lo = lo.max(cal.midnight(d));
        }
        if let Some(d) = m
            .pack
            .effective_to
            .as_deref()
            .and_then(crate::packs::standard::parse_date)
        {
            hi = hi.min(cal.midnight(d.tomorrow().unwrap_or(d)));
        }
        (lo < hi).then_some((lo, hi))
    }

    /// Whether `date` lies in the period and the method's effective range.
    pub fn in_force(&self, m: &LoadedMethod, date: Date) -> bool {
        let from = m
            .pack
            .effective_from
            .as_deref()
            .and_then(crate::packs::standard::parse_date);
        let to = m
            .pack
            .effective_to
            .as_deref()
            .and_then(crate::packs::standard::parse_date);
        date >= self.range.first
            && date <= self.range.last
            && from.is_none_or(|f| date >= f)
            && to.is_none_or(|t| date <= t)
    }
}

/// Runs one method.
pub fn run(ctx: &Ctx<'_>, m: &LoadedMethod) -> Result<MethodResult> {
    let mut notes = Vec::new();
    let mut caps = Vec::new();
    let subjects = match m.pack.method {
        MethodKind::CnAutoMonitoring => cn::run(ctx, m, &mut notes),
        MethodKind::IedLcp | MethodKind::IedWi => ied::run(ctx, m, &mut notes),
        MethodKind::NpdesSnc => npdes::run(ctx, m, &mut notes),
        MethodKind::PretreatmentSnc => pretreatment::run(ctx, m, &mut notes),
        MethodKind::NspsOperatingDays => nsps::run(ctx, m, &mut notes),
        MethodKind::MassCap => {
            let (s, c) = super::mass::run(ctx, m, &mut notes)?;
            caps = c;
            s
        }
    };
    let outcome = combine(subjects.iter().map(|s: &SubjectResult| s.outcome));
    Ok(MethodResult {
        pack: m.pack_ref(),
        title: m.pack.title.clone(),
        jurisdiction: m.pack.jurisdiction.clone(),
        standard: m.pack.source.standard.clone(),
        status: m.pack.source.status,
        outcome,
        subjects,
        caps,
        notes,
    })
}

/// Rounds a value as the method prescribes for `limit`.
pub fn round(m: &LoadedMethod, v: f64, limit_value: f64, limit: Option<&CompiledLimit>) -> f64 {
    match m.pack.rounding {
        None => v,
        Some(MethodRounding::Limit) => match limit.and_then(|l| l.rounding.as_ref()) {
            Some(r) => crate::domain::decimal::round(v, r),
            None => v,
        },
        Some(MethodRounding::LimitSignificantDigits { mode }) => {
            crate::domain::decimal::round_significant(
                v,
                crate::domain::decimal::significant_digits(limit_value),
                mode,
            )
        }
    }
}

/// A subject's result from its conditions.
pub fn subject(
    subject: &str,
    pollutant: &str,
    rule_id: Option<&str>,
    conditions: Vec<crate::report::compliance::ConditionResult>,
) -> SubjectResult {
    SubjectResult {
        subject: subject.to_string(),
        pollutant: pollutant.to_string(),
        rule_id: rule_id.map(str::to_string),
        outcome: combine(conditions.iter().map(|c| c.outcome)),
        conditions,
    }
}
