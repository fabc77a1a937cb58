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
use crate::plan::caps::CompiledCap;
use crate::prepare::series::exempt;
use crate::report::compliance::{
    CapResult, ConditionResult, MonthMass, Numbers, Outcome, SubjectResult,
};
use crate::ErrorCode;
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

/// The hours of a cap, summed across its outlets.
#[derive(Default)]
struct Hours {
    /// Per hour start: the summed mass.
    hours: BTreeMap<i64, Hour>,
    /// Per hour start: the local month label (`2025-03`).
    month_of: HashMap<i64, String>,
    /// The calendar of the last outlet, with the end of its period (for dates and forecast).
    cal_end: Option<(crate::domain::calendar::Calendar, i64)>,
}

/// What the hours add up to.
struct Tally {
    measured_h: u32,
    estimated_h: u32,
    stopped_h: u32,
    missing_h: u32,
    /// Per month: (measured kg, estimated kg).
    months: BTreeMap<String, (f64, f64)>,
    /// The hour the cumulative mass first reaches the cap.
    crossed: Option<i64>,
}

/// Runs the cap method: one cap result (and one subject with its condition) per permit cap.
pub fn run(
    ctx: &Ctx<'_>,
    m: &LoadedMethod,
    notes: &mut Vec<String>,
) -> Result<(Vec<SubjectResult>, Vec<CapResult>)> {
    let mut caps = Vec::new();
    let mut subjects = Vec::new();
    let all = crate::plan::caps::with_records(ctx.plan.caps(), &ctx.records.caps)?;
    if all.is_empty() {
        notes.push(
            "no annual cap: neither `annual_cap_t` on a permit limit nor `records.caps`".into(),
        );
    }
    for cap in &all {
        let (subject, res) = assess_cap(ctx, m, cap, notes)?;
        subjects.extend(subject);
        caps.push(res);
    }
    Ok((subjects, caps))
}

/// One cap: its hours, their tally, the exhaustion date and the condition.
fn assess_cap(
    ctx: &Ctx<'_>,
    m: &LoadedMethod,
    compiled: &CompiledCap,
    notes: &mut Vec<String>,
) -> Result<(Option<SubjectResult>, CapResult)> {
    let (cap, p) = (&compiled.cap, compiled.pollutant);
    let estimation = m.pack.estimation.unwrap_or(Estimation::None);
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
    let mut h = Hours::default();
    for o in &outlets {
        outlet_hours(ctx, m, o, p, &mut h, notes)?;
    }
    let tally = tally(&mut h.hours, &h.month_of, estimation, cap.t_per_year);
    let measured_t = t6(tally.months.values().map(|v| v.0).sum::<f64>() / 1000.0);
    let estimated_t = t6(tally.months.values().map(|v| v.1).sum::<f64>() / 1000.0);
    let total_t = t6(measured_t + estimated_t);
    let elapsed = u32::try_from(h.hours.len()).unwrap_or(u32::MAX);
    let (exhausted_on, forecast) = exhaustion(&h, tally.crossed, total_t, cap.t_per_year);
    let outcome = if h.hours.is_empty() {
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
        measured_hours: tally.measured_h,
        estimated_hours: tally.estimated_h,
        stopped_hours: tally.stopped_h,
        missing_hours: tally.missing_h,
        estimation: est_text.to_string(),
        months: tally
            .months
            .iter()
            .map(|(k, v)| MonthMass {
                month: k.clone(),
                measured_t: t6(v.0 / 1000.0),
                estimated_t: t6(v.1 / 1000.0),
            })
            .collect(),
        exhausted_on,
        forecast,
        outcome,
        clause: cap.clause.clone(),
    };
    let judged = tally.measured_h + tally.estimated_h;
    Ok((condition(ctx, m, compiled, &res, elapsed, judged), res))
}

/// Adds one outlet's hours from the start of the period to "now" to `h`.
fn outlet_hours(
    ctx: &Ctx<'_>,
    m: &LoadedMethod,
    o: &crate::plan::CompiledOutlet,
    p: &'static Pollutant,
    h: &mut Hours,
    notes: &mut Vec<String>,
) -> Result<()> {
    let Some((lo, hi)) = ctx.bounds(m, &o.calendar) else {
        return Ok(());
    };
    let now = o.calendar.midnight(ctx.as_of).min(hi);
    h.cal_end = Some((o.calendar.clone(), hi));
    let Some(limit) = o
        .limits
        .iter()
        .find(|l| l.pollutant.code == p.code)
        .or(o.limits.first())
    else {
        notes.push(format!("{}: no limit to take validity rules from", o.id));
        return Ok(());
    };
    let flow_code = if o.medium == Medium::Water {
        "w00000"
    } else {
        "a00000"
    };
    let Some(flow) = Pollutant::by_code(flow_code) else {
        return Ok(());
    };
    // windows marked outside the period are not valid: only hours wholly inside count
    let valid = |w: Vec<crate::prepare::window::Window>| -> HashMap<i64, f64> {
        w.iter()
            .filter(|w| w.is_valid())
            .map(|w| (w.start, w.value))
            .collect()
    };
    let cmap = valid(
        ctx.windows
            .period_windows(o, limit, p, Grain::Hour, false, (lo, hi)),
    );
    let qmap = valid(
        ctx.windows
            .period_windows(o, limit, flow, Grain::Hour, false, (lo, hi)),
    );
    let any_running = running_hours(ctx, o, p);
    add_hours(ctx, m, o, (lo, now), (&cmap, &qmap, &any_running), h)
}

/// Concentrations, flows and running hours of one outlet, by hour start.
type HourMaps<'m> = (
    &'m HashMap<i64, f64>,
    &'m HashMap<i64, f64>,
    &'m HashMap<i64, bool>,
);

/// Classifies every hour of `[lo, now)` at `o` as measured, stopped or missing into `h`.
fn add_hours(
    ctx: &Ctx<'_>,
    m: &LoadedMethod,
    o: &crate::plan::CompiledOutlet,
    (lo, now): (i64, i64),
    (cmap, qmap, any_running): HourMaps<'_>,
    h: &mut Hours,
) -> Result<()> {
    if now.saturating_sub(lo) > MAX_HOURS * 3600 {
        return Err(crate::diag::error::Error::new(
            ErrorCode::LimitPeriodTooLong,
            format!("a mass period of more than {MAX_HOURS} hours is not assessed"),
        )
        .with_path("options.period")
        .with_help("assess one year (or a few) at a time"));
    }
    let mut t = lo;
    while t < now {
        let (hs, he) = o.calendar.window(Grain::Hour, t);
        let slot = h.hours.entry(hs).or_default();
        h.month_of.entry(hs).or_insert_with(|| {
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
    Ok(())
}

/// Per hour start with samples: whether any sample is not flagged `F` (stopped).
fn running_hours(
    ctx: &Ctx<'_>,
    o: &crate::plan::CompiledOutlet,
    p: &'static Pollutant,
) -> HashMap<i64, bool> {
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
    any_running
}

/// Estimates the missing hours (by the month mean of measured hours, when the pack says so)
/// and sums the hours per month, finding the hour the cap is reached.
fn tally(
    hours: &mut BTreeMap<i64, Hour>,
    month_of: &HashMap<i64, String>,
    estimation: Estimation,
    cap_t: f64,
) -> Tally {
    let mut month_sum: BTreeMap<String, (f64, u32)> = BTreeMap::new();
    let (mut all_sum, mut all_n) = (0.0f64, 0u32);
    for (hs, h) in hours.iter() {
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
    let mut t = Tally {
        measured_h: 0,
        estimated_h: 0,
        stopped_h: 0,
        missing_h: 0,
        months: BTreeMap::new(),
        crossed: None,
    };
    let mut cum = 0.0f64;
    let cap_kg = cap_t * 1000.0;
    for (hs, h) in hours.iter_mut() {
        let month = month_of.get(hs).cloned().unwrap_or_default();
        match h.kind {
            0 => t.measured_h += 1,
            1 => t.stopped_h += 1,
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
                        t.estimated_h += 1;
                    }
                    None => t.missing_h += 1,
                }
            }
        }
        let e = t.months.entry(month).or_insert((0.0, 0.0));
        e.0 += h.measured;
        e.1 += h.estimated;
        cum += h.measured + h.estimated;
        if t.crossed.is_none() && cap_kg > 0.0 && t6(cum / 1000.0) >= cap_t {
            t.crossed = Some(*hs);
        }
    }
    t
}

/// The local date the cap was (or, at the mean hourly rate so far, will be) exhausted, and
/// whether it is a forecast. A forecast past the end of the period is not given.
fn exhaustion(h: &Hours, crossed: Option<i64>, total_t: f64, cap_t: f64) -> (Option<String>, bool) {
    let elapsed = u32::try_from(h.hours.len()).unwrap_or(u32::MAX);
    match (crossed, &h.cal_end) {
        (Some(hour), Some((cal, _))) => (Some(cal.date(hour).to_string()), false),
        (None, Some((cal, end))) if elapsed > 0 && total_t > 0.0 => {
            let rate_t_h = total_t / f64::from(elapsed);
            let last = h.hours.keys().next_back().copied().unwrap_or(0) + 3600;
            let need_h = (cap_t - total_t) / rate_t_h;
            let at = last as f64 + need_h * 3600.0;
            if at.is_finite() && at < *end as f64 {
                (Some(cal.date(at.ceil() as i64 - 1).to_string()), true)
            } else {
                (None, true)
            }
        }
        _ => (None, true),
    }
}

/// The subject of a cap with its `annual_cap` condition, if the pack has one.
fn condition(
    ctx: &Ctx<'_>,
    m: &LoadedMethod,
    compiled: &CompiledCap,
    res: &CapResult,
    elapsed: u32,
    judged: u32,
) -> Option<SubjectResult> {
    let (cap, p) = (&compiled.cap, compiled.pollutant);
    let c = m.conditions(Test::AnnualCap).next()?;
    let subject_name = if cap.outlets.len() == 1 {
        cap.outlets.concat()
    } else {
        "enterprise".to_string()
    };
    let cite = super::eval::Cite {
        method: m,
        cond: c,
        subject: "enterprise",
        pollutant: p.code,
        tz: &jiff::tz::TimeZone::UTC,
        unit: "t",
    };
    let (outcome, total_t, estimated_t) = (res.outcome, res.total_t, res.estimated_t);
    let exhausted_on = res.exhausted_on.clone().unwrap_or_default();
    let findings = if outcome == Outcome::Fail {
        vec![cite.finding(
            ctx.range.first.to_string(),
            exhausted_on.clone(),
            Some(total_t),
            Some(cap.t_per_year),
            format!("{}排放量{}t（其中估算{}t）超过年许可排放量{}t，于{}用尽（{} {}）", p.code, total_t, estimated_t, cap.t_per_year, exhausted_on, m.pack.id, c.id),
            format!("{} mass {} t (of which {} t estimated) is above the annual cap {} t, exhausted on {} ({} {})", p.code, total_t, estimated_t, cap.t_per_year, exhausted_on, m.pack.id, c.id),
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
            judged: Some(judged),
            ..Numbers::default()
        },
        findings,
        total,
    );
    Some(super::methods::subject(
        &subject_name,
        p.code,
        None,
        vec![r],
    ))
}
