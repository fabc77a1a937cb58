//! Mass emissions and annual caps (年许可排放量).
//!
//! Hourly mass comes from the hourly mean concentration (as measured, not O2-corrected) and
//! the hourly mean flow of the same outlet: for stacks `G = C × Q × 10⁻⁶` kg/h with C in
//! mg/m³ and Q the dry standard flow in m³/h (HJ 212-2017 App. D (33); the flow series
//! `a00000` is in m³/s and taken as already at standard dry conditions); for outfalls
//! `G = C × V × 10⁻³` kg with C in mg/L and V the hour's volume in m³ (App. D.1; `w00000`
//! in L/s). Masses are summed per month and over the period, across the cap's outlets.
//!
//! **Missing hours are never silently zero.** Every hour from the start of the period to
//! "now" (the `as_of` option, else the period's end) is one of: *measured* (valid
//! concentration and flow), *stopped* (all samples flagged `F`, or in an exempt `stopped`
//! state: zero mass), or *missing* — estimated, when the pack says `month_mean`, as the mean
//! measured hourly mass of the same month (else of the whole period), or reported as missing.
//! The report gives measured and estimated tonnes and hours separately.
//!
//! The cap is exhausted on the local date the cumulative mass first reaches it; if it has not
//! been reached, the date is forecast at the mean hourly rate so far (a forecast past the end
//! of the period is not given). A total above the cap is a finding.

use super::methods::Ctx;
use crate::diag::error::Result;
use crate::domain::calendar::Grain;
use crate::domain::pollutant::{Medium, Pollutant};
use crate::domain::units::{mass_rate_kg_per_h, water_load_kg};
use crate::packs::method::{Estimation, LoadedMethod, Test};
use crate::prepare::series::exempt;
use crate::report::compliance::{
    CapResult, ConditionResult, MonthMass, Numbers, Outcome, SubjectResult,
};
use std::collections::{BTreeMap, HashMap};

/// Longest period (hours) a cap is cumulated over (about 20 years).
pub const MAX_HOURS: i64 = 180_000;

/// Tonnes as reported: rounded to 6 decimals (1 g), so sums of binary fractions print cleanly.
fn t6(v: f64) -> f64 {
    crate::domain::decimal::round(
        v,
        &crate::packs::standard::model::Rounding {
            decimals: 6,
            mode: crate::packs::standard::model::RoundingMode::HalfUp,
        },
    )
}

#[derive(Default, Clone, Copy)]
struct Hour {
    measured: f64,
    estimated: f64,
    kind: u8, // 0 measured, 1 stopped, 2 missing
}

/// Runs the cap method: one cap result (and one subject with its condition) per permit cap.
pub fn run(
    ctx: &Ctx<'_>,
    m: &LoadedMethod,
    notes: &mut Vec<String>,
) -> Result<(Vec<SubjectResult>, Vec<CapResult>)> {
    let mut caps = Vec::new();
    let mut subjects = Vec::new();
    let mut all: Vec<(String, crate::packs::permit::MassCap)> = ctx
        .records
        .caps
        .iter()
        .enumerate()
        .map(|(i, c)| (format!("records.caps[{i}]"), c.clone()))
        .collect();
    for (oi, o) in ctx.plan.permit().outlets.iter().enumerate() {
        for (li, l) in o.limits.iter().enumerate() {
            if let Some(t) = l.annual_cap_t {
                let code = Pollutant::lookup(&l.pollutant).map_or(l.pollutant.as_str(), |p| p.code);
                if all.iter().any(|(_, c)| {
                    c.outlets == [o.id.clone()]
                        && Pollutant::lookup(&c.pollutant).is_some_and(|p| p.code == code)
                }) {
                    continue;
                }
                all.push((
                    format!("outlets[{oi}].limits[{li}].annual_cap_t"),
                    crate::packs::permit::MassCap {
                        pollutant: l.pollutant.clone(),
                        t_per_year: t,
                        outlets: vec![o.id.clone()],
                        clause: l.clause.clone(),
                    },
                ));
            }
        }
    }
    if all.is_empty() {
        notes.push(
            "no annual cap: neither `annual_cap_t` on a permit limit nor `records.caps`".into(),
        );
    }
    let estimation = m.pack.estimation.unwrap_or(Estimation::None);
    for (path, cap) in &all {
        let Some(p) = Pollutant::lookup(&cap.pollutant) else {
            return Err(crate::diag::error::Error::data(
                "comply.unknown_pollutant",
                format!("unknown pollutant `{}`", cap.pollutant),
            )
            .with_path(format!("{path}.pollutant")));
        };
        let outlets: Vec<&crate::plan::CompiledOutlet> = ctx
            .plan
            .outlets()
            .iter()
            .filter(|o| {
                if cap.outlets.is_empty() {
                    ctx.readings.series(&o.id, p.code).is_some()
                } else {
                    cap.outlets.contains(&o.id)
                }
            })
            .collect();
        // per hour start → summed mass across outlets; per month label
        let mut hours: BTreeMap<i64, Hour> = BTreeMap::new();
        let mut month_of: HashMap<i64, String> = HashMap::new();
        let mut cal_end = None;
        for o in &outlets {
            let Some((lo, hi)) = ctx.bounds(m, &o.calendar) else {
                continue;
            };
            let now = o.calendar.midnight(ctx.as_of).min(hi);
            cal_end = Some((o.calendar.clone(), hi));
            let Some(limit) = o
                .limits
                .iter()
                .find(|l| l.pollutant.code == p.code)
                .or(o.limits.first())
            else {
                notes.push(format!("{}: no limit to take validity rules from", o.id));
                continue;
            };
            let flow_code = if o.medium == Medium::Water {
                "w00000"
            } else {
                "a00000"
            };
            let Some(flow) = Pollutant::by_code(flow_code) else {
                continue;
            };
            let conc = ctx
                .windows
                .period_windows(o, limit, p, Grain::Hour, false, (lo, hi));
            let q = ctx
                .windows
                .period_windows(o, limit, flow, Grain::Hour, false, (lo, hi));
            let qmap: HashMap<i64, f64> = q
                .iter()
                .filter(|w| w.is_valid())
                .map(|w| (w.start, w.value))
                .collect();
            let cmap: HashMap<i64, f64> = conc
                .iter()
                .filter(|w| w.is_valid())
                .map(|w| (w.start, w.value))
                .collect();
            let mut any_running: HashMap<i64, bool> = HashMap::new();
            if let Some((f, c)) = ctx.readings.series(&o.id, p.code) {
                let (mut hs, mut he) = (i64::MAX, i64::MIN);
                for (&t, &fl) in f.ts().iter().zip(c.flags()) {
                    if t < hs || t >= he {
                        (hs, he) = o.calendar.window(Grain::Hour, t);
                    }
                    let e = any_running.entry(hs).or_insert(false);
                    *e = *e || !(fl == b'F' || fl == b'f');
                }
            }
            let mut t = lo;
            if now.saturating_sub(lo) > MAX_HOURS * 3600 {
                return Err(crate::diag::error::Error::new(
                    crate::diag::error::ErrorKind::Limit,
                    "limit.period_too_long",
                    format!("a mass period of more than {MAX_HOURS} hours is not assessed"),
                )
                .with_path("options.period")
                .with_help("assess one year (or a few) at a time"));
            }
            while t < now {
                let (hs, he) = o.calendar.window(Grain::Hour, t);
                let slot = hours.entry(hs).or_default();
                month_of.entry(hs).or_insert_with(|| {
                    let d = o.calendar.date(hs);
                    format!("{:04}-{:02}", d.year(), d.month())
                });
                let stopped = any_running.get(&hs) == Some(&false)
                    || exempt(&ctx.states, &o.id, hs, he, &m.pack.exempt_states);
                match (cmap.get(&hs), qmap.get(&hs)) {
                    (Some(c), Some(q)) if !stopped => {
                        let kg = if o.medium == Medium::Water {
                            water_load_kg(*c, q * 3.6)
                        } else {
                            mass_rate_kg_per_h(*c, q * 3600.0)
                        };
                        slot.measured += kg;
                    }
                    _ if stopped => {
                        if slot.kind == 0 && slot.measured == 0.0 {
                            slot.kind = 1;
                        }
                    }
                    _ => slot.kind = 2,
                }
                t = he.max(t + 1);
            }
        }
        // estimation of missing hours by month mean of measured hours
        let mut month_sum: BTreeMap<String, (f64, u32)> = BTreeMap::new();
        let (mut all_sum, mut all_n) = (0.0f64, 0u32);
        for (hs, h) in &hours {
            if h.kind == 0 {
                let e = month_sum
                    .entry(month_of.get(hs).cloned().unwrap_or_default())
                    .or_insert((0.0, 0));
                e.0 += h.measured;
                e.1 += 1;
                all_sum += h.measured;
                all_n += 1;
            }
        }
        let (mut measured_h, mut estimated_h, mut stopped_h, mut missing_h) =
            (0u32, 0u32, 0u32, 0u32);
        let mut months: BTreeMap<String, (f64, f64)> = BTreeMap::new();
        let mut cum = 0.0f64;
        let mut crossed: Option<i64> = None;
        let cap_kg = cap.t_per_year * 1000.0;
        for (hs, h) in hours.iter_mut() {
            let month = month_of.get(hs).cloned().unwrap_or_default();
            match h.kind {
                0 => measured_h += 1,
                1 => stopped_h += 1,
                _ => {
                    let est = match estimation {
                        Estimation::MonthMean => month_sum
                            .get(&month)
                            .filter(|(_, n)| *n > 0)
                            .map(|(s, n)| s / f64::from(*n))
                            .or((all_n > 0).then(|| all_sum / f64::from(all_n))),
                        Estimation::None => None,
                    };
                    match est {
                        Some(e) => {
                            h.estimated = e;
                            estimated_h += 1;
                        }
                        None => missing_h += 1,
                    }
                }
            }
            let e = months.entry(month).or_insert((0.0, 0.0));
            e.0 += h.measured;
            e.1 += h.estimated;
            cum += h.measured + h.estimated;
            if crossed.is_none() && cap_kg > 0.0 && t6(cum / 1000.0) >= cap.t_per_year {
                crossed = Some(*hs);
            }
        }
        let measured_t = t6(months.values().map(|v| v.0).sum::<f64>() / 1000.0);
        let estimated_t = t6(months.values().map(|v| v.1).sum::<f64>() / 1000.0);
        let total_t = t6(measured_t + estimated_t);
        let elapsed = u32::try_from(hours.len()).unwrap_or(u32::MAX);
        let (exhausted_on, forecast) = match (crossed, &cal_end) {
            (Some(h), Some((cal, _))) => (Some(cal.date(h).to_string()), false),
            (None, Some((cal, end))) if elapsed > 0 && total_t > 0.0 => {
                let rate_t_h = total_t / f64::from(elapsed);
                let last = hours.keys().next_back().copied().unwrap_or(0) + 3600;
                let need_h = (cap.t_per_year - total_t) / rate_t_h;
                let at = last as f64 + need_h * 3600.0;
                if at.is_finite() && at < *end as f64 {
                    (Some(cal.date(at.ceil() as i64 - 1).to_string()), true)
                } else {
                    (None, true)
                }
            }
            _ => (None, true),
        };
        let outcome = if hours.is_empty() {
            Outcome::NotAssessed
        } else if crate::domain::decimal::breaks(total_t, cap.t_per_year, false) {
            Outcome::Fail
        } else {
            Outcome::Pass
        };
        let est_text = match estimation {
            Estimation::MonthMean => "missing hours estimated as the mean measured hourly mass of the same month (else of the period); engine convention, not a published rule",
            Estimation::None => "missing hours not estimated",
        };
        let res = CapResult {
            pollutant: p.code.to_string(),
            outlets: outlets.iter().map(|o| o.id.clone()).collect(),
            cap_t: cap.t_per_year,
            measured_t,
            estimated_t,
            total_t,
            used_share: if cap.t_per_year > 0.0 {
                t6(total_t / cap.t_per_year)
            } else {
                0.0
            },
            measured_hours: measured_h,
            estimated_hours: estimated_h,
            stopped_hours: stopped_h,
            missing_hours: missing_h,
            estimation: est_text.to_string(),
            months: months
                .iter()
                .map(|(k, v)| MonthMass {
                    month: k.clone(),
                    measured_t: t6(v.0 / 1000.0),
                    estimated_t: t6(v.1 / 1000.0),
                })
                .collect(),
            exhausted_on: exhausted_on.clone(),
            forecast,
            outcome,
            clause: cap.clause.clone(),
        };
        let subject_name = if cap.outlets.len() == 1 {
            cap.outlets.concat()
        } else {
            "enterprise".to_string()
        };
        if !cap.t_per_year.is_finite() || cap.t_per_year < 0.0 {
            return Err(crate::diag::error::Error::data(
                "comply.bad_cap",
                "an annual cap must be a finite number ≥ 0",
            )
            .with_path(path.clone()));
        }
        if let Some(c) = m.conditions(Test::AnnualCap).next() {
            let cite = super::eval::Cite {
                method: m,
                cond: c,
                subject: "enterprise",
                pollutant: p.code,
                tz: &jiff::tz::TimeZone::UTC,
                unit: "t",
            };
            let findings = if outcome == Outcome::Fail {
                vec![cite.finding(
                    ctx.range.first.to_string(),
                    exhausted_on.clone().unwrap_or_default(),
                    Some(total_t),
                    Some(cap.t_per_year),
                    format!("{}排放量{}t（其中估算{}t）超过年许可排放量{}t，于{}用尽（{} {}）", p.code, total_t, estimated_t, cap.t_per_year, exhausted_on.clone().unwrap_or_default(), m.pack.id, c.id),
                    format!("{} mass {} t (of which {} t estimated) is above the annual cap {} t, exhausted on {} ({} {})", p.code, total_t, estimated_t, cap.t_per_year, exhausted_on.clone().unwrap_or_default(), m.pack.id, c.id),
                )]
            } else {
                Vec::new()
            };
            let total = u32::from(outcome == Outcome::Fail);
            let r: ConditionResult = cite.result(
                outcome,
                Numbers {
                    limit: Some(cap.t_per_year),
                    threshold: Some(cap.t_per_year),
                    max: Some(total_t),
                    present: Some(elapsed),
                    judged: Some(measured_h + estimated_h),
                    ..Numbers::default()
                },
                findings,
                total,
            );
            subjects.push(super::methods::subject(
                &subject_name,
                p.code,
                None,
                vec![r],
            ));
        }
        caps.push(res);
    }
    Ok((subjects, caps))
}
