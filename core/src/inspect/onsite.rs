//! On-site spot checks with a portable analyser.
//!
//! An inspector holds a portable flue-gas analyser in the sampling port and reads, say,
//! SO2 120 ppm at 9 % O2. Is that over the permit? Three steps, each shown to the inspector:
//!
//! 1. **Units.** Analysers report ppm (µmol/mol); limits are mg/m³ at standard conditions.
//!    `mg/m³ = ppm × M / 22.4` with the molar mass M from the pollutant registry
//!    ([`crate::domain::units::convert`]; SO2 64, NOx as NO2 46, CO 28).
//! 2. **Reference oxygen.** If the limit is stated at a reference O2 (6 % for coal boilers),
//!    the value is corrected: `c_ref = c × (21 − O2_ref) / (21 − O2_measured)`
//!    ([`crate::domain::units::o2_correct`]). Without a measured O2 this is impossible, and the
//!    check says so instead of guessing.
//! 3. **The limit in force.** The compiled permit limit of that outlet and pollutant
//!    (the one of the shortest averaging period), provided the permit is valid at the
//!    time of the measurement.
//!
//! A spot reading is *indicative*: the legal judgement is on averages over the standard's
//! period with validity rules ([`crate::Plan::evaluate`]). The explanation says so.

use crate::diag::error::{Error, Result};
use crate::domain::pollutant::Pollutant;
use crate::domain::units::{convert, o2_correct, Unit};
use crate::judge::severity;
use crate::plan::{CompiledLimit, LegalBasis, Plan};
use crate::report::{FindingKind, Message, Severity};
use crate::ErrorCode;
use serde::{Deserialize, Serialize};

/// One reading of a portable analyser.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct SpotMeasurement {
    /// Outlet id.
    pub outlet: String,
    /// Pollutant code or name.
    pub pollutant: String,
    /// Value as read.
    pub value: f64,
    /// Unit as read (`ppm`, `mg/m3`, `ug/m3`, `mg/L`, ...).
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub unit: Unit,
    /// O2 measured at the same time (%), for the reference-O2 correction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub o2: Option<f64>,
    /// When (Unix seconds, from the host).
    pub time: i64,
}

/// Verdict of a spot check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
pub enum SpotVerdict {
    /// Within the limit.
    Within,
    /// Above the upper limit.
    Exceeds,
    /// Below the lower limit of a range (pH).
    BelowRange,
}

/// The judged spot check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct OnsiteResult {
    /// Outlet.
    pub outlet: String,
    /// Pollutant code.
    pub pollutant: String,
    /// Time, local ISO 8601 in the outlet's zone.
    pub time: String,
    /// The reading as given.
    pub measured: f64,
    /// Its unit.
    pub measured_unit: String,
    /// The reading in the limit's unit.
    pub converted: f64,
    /// Measured O2 (%), if corrected.
    pub o2: Option<f64>,
    /// Reference O2 (%), if the limit has one.
    pub ref_o2: Option<f64>,
    /// The value compared with the limit (converted and corrected).
    pub value: f64,
    /// Upper limit.
    pub max: Option<f64>,
    /// Lower limit.
    pub min: Option<f64>,
    /// Unit of value and limits.
    pub unit: String,
    /// The limit's rule id.
    pub rule_id: String,
    /// Its averaging period (the spot value stands in for it only indicatively).
    pub period: crate::domain::period::Period,
    /// Legal basis of the limit.
    pub basis: LegalBasis,
    /// Verdict.
    pub verdict: SpotVerdict,
    /// value / upper limit.
    pub ratio: Option<f64>,
    /// Severity if not within (engine convention).
    pub severity: Option<Severity>,
    /// The steps and verdict in words, zh and en.
    pub explanation: Message,
}

/// Judges a spot measurement against the limit in force for its outlet.
pub fn check(plan: &Plan, m: &SpotMeasurement) -> Result<OnsiteResult> {
    let outlet = plan.outlet(&m.outlet).ok_or_else(|| {
        Error::data(
            ErrorCode::DataUnknownOutlet,
            format!("the permit has no outlet `{}`", m.outlet),
        )
        .with_path("outlet")
        .with_help_opt(crate::diag::suggest::did_you_mean(
            crate::diag::suggest::closest(&m.outlet, plan.outlets().iter().map(|o| o.id.as_str())),
        ))
    })?;
    let pollutant = Pollutant::lookup(&m.pollutant).ok_or_else(|| {
        Error::data(
            ErrorCode::DataUnknownPollutant,
            format!("unknown pollutant `{}`", m.pollutant),
        )
        .with_path("pollutant")
        .with_help_opt(crate::diag::suggest::did_you_mean(Pollutant::suggest(
            &m.pollutant,
        )))
    })?;
    let limit: &CompiledLimit = outlet
        .limits
        .iter()
        .filter(|l| l.pollutant.code == pollutant.code)
        .min_by_key(|l| l.period)
        .ok_or_else(|| {
            let have: Vec<&str> = outlet.limits.iter().map(|l| l.pollutant.code).collect();
            Error::data(
                ErrorCode::DataNoLimit,
                format!(
                    "outlet `{}` has no permit limit for `{}`",
                    outlet.id, pollutant.code
                ),
            )
            .with_path("pollutant")
            .with_help(format!("limited at this outlet: {}", have.join(", ")))
        })?;
    if !m.value.is_finite() || m.value < 0.0 {
        return Err(Error::data(
            ErrorCode::DataBadValue,
            format!("reading {} must be a finite number ≥ 0", m.value),
        )
        .with_path("value"));
    }
    let (from, to) = outlet.valid;
    if from.is_some_and(|f| m.time < f) || to.is_some_and(|t| m.time >= t) {
        return Err(Error::permit(
            ErrorCode::PermitNotInForce,
            format!(
                "permit {} is not in force at the time of the reading",
                plan.permit().id
            ),
        )
        .with_path("time"));
    }
    let converted = convert(m.value, m.unit, limit.unit, pollutant.molar_mass).map_err(|e| {
        Error::new(ErrorCode::ConversionUnit, e.to_string())
            .with_path("unit")
            .with_help(format!("the limit is in {}", limit.unit.symbol()))
    })?;
    let (value, o2) = match limit.ref_o2 {
        None => (converted, None),
        Some(r) => {
            let o2 = m.o2.ok_or_else(|| {
                Error::new(
                    ErrorCode::ConversionO2Required,
                    format!("the limit is stated at {r}% reference O2; the reading has no O2"),
                )
                .with_path("o2")
                .with_help("read O2 from the analyser at the same time and pass it")
            })?;
            let v = o2_correct(converted, o2, r)
                .map_err(|e| Error::new(ErrorCode::ConversionO2, e.to_string()).with_path("o2"))?;
            (v, Some(o2))
        }
    };
    let verdict = match (limit.max, limit.min) {
        (Some(max), _) if value > max => SpotVerdict::Exceeds,
        (_, Some(min)) if value < min => SpotVerdict::BelowRange,
        _ => SpotVerdict::Within,
    };
    let ratio = limit.max.filter(|x| *x > 0.0).map(|x| value / x);
    let sev = match verdict {
        SpotVerdict::Within => None,
        SpotVerdict::Exceeds => Some(severity(FindingKind::Exceedance, ratio)),
        SpotVerdict::BelowRange => Some(severity(FindingKind::BelowRange, ratio)),
    };
    let explanation = explain(m, pollutant, limit, converted, o2, value, verdict, ratio);
    Ok(OnsiteResult {
        outlet: outlet.id.clone(),
        pollutant: pollutant.code.to_string(),
        time: crate::domain::zones::format_local(m.time, outlet.calendar.tz()),
        measured: m.value,
        measured_unit: m.unit.symbol().to_string(),
        converted,
        o2,
        ref_o2: limit.ref_o2,
        value,
        max: limit.max,
        min: limit.min,
        unit: limit.unit.symbol().to_string(),
        rule_id: limit.rule_id.clone(),
        period: limit.period,
        basis: limit.basis.clone(),
        verdict,
        ratio,
        severity: sev,
        explanation,
    })
}

/// A number for people: at most three decimals, no trailing zeros.
fn num(v: f64) -> String {
    let s = format!("{v:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

#[allow(clippy::too_many_arguments)]
fn explain(
    m: &SpotMeasurement,
    p: &Pollutant,
    l: &CompiledLimit,
    converted: f64,
    o2: Option<f64>,
    value: f64,
    verdict: SpotVerdict,
    ratio: Option<f64>,
) -> Message {
    let u = l.unit.symbol();
    let mut zh = format!(
        "{} {}现场检测值 {} {}",
        m.outlet,
        p.name_zh,
        num(m.value),
        m.unit.symbol()
    );
    let mut en = format!(
        "{} {} spot reading {} {}",
        m.outlet,
        p.short_name(),
        num(m.value),
        m.unit.symbol()
    );
    if m.unit != l.unit {
        let (mm_zh, mm_en) = match (m.unit, p.molar_mass) {
            (Unit::Ppm, Some(mm)) => (
                format!("(M = {} g/mol,× M / 22.4)", num(mm)),
                format!(" (M = {} g/mol, × M / 22.4)", num(mm)),
            ),
            _ => (String::new(), String::new()),
        };
        zh += &format!(",换算为 {} {}{}", num(converted), u, mm_zh);
        en += &format!(", converted to {} {}{}", num(converted), u, mm_en);
    }
    if let (Some(r), Some(o)) = (l.ref_o2, o2) {
        zh += &format!(
            ";按基准氧含量 {}% 折算(实测 O2 {}%):{} × (21 − {}) / (21 − {}) = {} {}",
            num(r),
            num(o),
            num(converted),
            num(r),
            num(o),
            num(value),
            u
        );
        en +=
            &format!(
            "; corrected to {}% reference O2 (measured {}%): {} × (21 − {}) / (21 − {}) = {} {}",
            num(r), num(o), num(converted), num(r), num(o), num(value), u
        );
    }
    let lim = match (l.min, l.max) {
        (Some(a), Some(b)) => format!("{}–{}", num(a), num(b)),
        (None, Some(b)) => format!("≤ {}", num(b)),
        (Some(a), None) => format!("≥ {}", num(a)),
        (None, None) => String::new(),
    };
    let period = l.period.name();
    let period_zh = match l.period {
        crate::domain::period::Period::Hour => "小时均值".to_string(),
        crate::domain::period::Period::Day => "日均值".to_string(),
        crate::domain::period::Period::HalfHour => "半小时均值".to_string(),
        crate::domain::period::Period::Month => "月均值".to_string(),
        other => other.name().into_owned(),
    };
    match verdict {
        SpotVerdict::Within => {
            zh += &format!(";许可限值 {lim} {u}({period_zh}),未超过限值。");
            en += &format!("; permit limit {lim} {u} ({period}): within the limit.");
        }
        SpotVerdict::Exceeds => {
            let r = ratio.map(num).unwrap_or_default();
            zh += &format!(";许可限值 {lim} {u}({period_zh}),超过限值,为限值的 {r} 倍。");
            en += &format!(
                "; permit limit {lim} {u} ({period}): above the limit, {r} times the limit."
            );
        }
        SpotVerdict::BelowRange => {
            zh += &format!(";许可限值 {lim} {u}({period_zh}),低于限值下限。");
            en += &format!("; permit limit {lim} {u} ({period}): below the permitted range.");
        }
    }
    zh += "现场快速检测结果仅作参考,超标认定以标准规定时段的均值为准。";
    en += " A spot reading is indicative; a legal exceedance is judged on averages over the standard's period.";
    Message { zh, en }
}
