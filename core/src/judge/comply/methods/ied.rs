//! EU IED: Annex V Parts 3–4 (large combustion plants) and Annex VI Part 8 (waste incineration).
//!
//! 1. Base averages (hourly for Annex V, half-hourly for Annex VI) from the monitoring data,
//!    valid by the permit's validity pack, corrected to the reference O2.
//! 2. **Validated** values: each valid base average minus the 95 % confidence interval, a
//!    fixed percentage of the ELV per pollutant (Annex V Part 3 point 9; Annex VI Part 6 point
//!    1.3), computed exactly.
//! 3. **Days**: a day with more than `max_invalid_per_day` invalid base averages (3 hours,
//!    5 half-hours) is invalid; a valid day's validated average is the mean of its validated
//!    base averages. Base averages in an exempt operating state (start-up, shut-down) are not
//!    counted at all. Hours with no data at all are taken as not operating, not as invalid.
//! 4. **Months** (Annex V): the mean of the validated daily averages of the month's valid days
//!    (this engine's reading; the directive's text was not read verbatim).
//! 5. The conditions of the pack, each on its own level, with values rounded to the significant
//!    digits of the ELV. More than `max_invalid_days_per_year` invalid days fails the
//!    availability condition (Annex V: the operator must improve reliability; Annex VI: no
//!    more than ten daily values may be discarded).
//!
//! A limit that changes during the year (permit limits with `effective_from`) splits the
//! assessment: each range is a subject of its own, built only from the base averages inside it.
//! Annex VI column B is an *alternative* to column A: the pair holds if either does.

use super::{round, Ctx};
use crate::domain::calendar::Grain;
use crate::domain::decimal::{ci_amount, subtract_ci};
use crate::domain::period::Period;
use crate::domain::pollutant::Pollutant;
use crate::judge::comply::eval::{
    applies, none_above, not_assessed, share_not_above, Cite, Item, Unjudged,
};
use crate::packs::method::{Condition, LoadedMethod, Test};
use crate::plan::{CompiledLimit, CompiledOutlet};
use crate::prepare::series::{clamp, exempt};
use crate::prepare::window::WindowStatus;
use crate::report::compliance::{
    combine, ConditionResult, Numbers, Outcome, SubjectResult, MAX_FINDINGS,
};

/// A limit's effective range `[from, to)`.
type Range = (Option<i64>, Option<i64>);

/// The limits of one pollutant with one effective range.
type Group<'a> = (&'static Pollutant, Range, Vec<&'a CompiledLimit>);

/// Validated values of one subject at every level.
struct Levels {
    base: Vec<Item>,
    base_u: Unjudged,
    days: Vec<Item>,
    days_u: Unjudged,
    invalid_days: Vec<(i64, i64, u32)>,
    months: Vec<Item>,
    months_u: Unjudged,
    ci: f64,
}

/// Runs an IED method.
pub fn run(ctx: &Ctx<'_>, m: &LoadedMethod, notes: &mut Vec<String>) -> Vec<SubjectResult> {
    let mut out = Vec::new();
    let Some(validity) = &m.pack.validity else {
        notes.push("the method pack has no [validity] table".into());
        return out;
    };
    let grain = match validity.base {
        Period::HalfHour => Grain::HalfHour,
        _ => Grain::Hour,
    };
    for outlet in ctx.plan.outlets() {
        if outlet.medium != crate::domain::pollutant::Medium::Air {
            continue; // a stack method: wastewater outfalls are not judged by it
        }
        let Some(bounds) = ctx.bounds(m, &outlet.calendar) else {
            notes.push(format!(
                "{}: the method is not in force in the period",
                outlet.id
            ));
            continue;
        };
        // subjects: pollutant × effective range
        let mut groups: Vec<Group<'_>> = Vec::new();
        for l in &outlet.limits {
            match groups
                .iter_mut()
                .find(|g| g.0.code == l.pollutant.code && g.1 == l.effective)
            {
                Some(g) => g.2.push(l),
                None => groups.push((l.pollutant, l.effective, vec![l])),
            }
        }
        for (pollutant, _, limits) in groups {
            let conds: Vec<&Condition> = m
                .pack
                .conditions
                .iter()
                .filter(|c| applies(c, pollutant.code))
                .collect();
            let Some(first) = limits.first() else {
                continue;
            };
            if conds.is_empty() || first.max.is_none() {
                continue;
            }
            let (lo, hi) = clamp(first, bounds);
            if lo >= hi {
                continue;
            }
            let ci_elv = limit_by_period(&limits, Period::Day)
                .or(first.max)
                .unwrap_or(0.0);
            let percent = m
                .pack
                .confidence_intervals
                .iter()
                .find(|c| Pollutant::lookup(&c.pollutant).is_some_and(|p| p.code == pollutant.code))
                .map(|c| c.percent);
            if percent.is_none() {
                notes.push(format!(
                    "{} {}: no confidence interval in the pack; nothing subtracted",
                    outlet.id, pollutant.code
                ));
            }
            let windows =
                ctx.windows
                    .period_windows(outlet, first, pollutant, grain, true, (lo, hi));
            let lv = levels(
                ctx,
                m,
                outlet,
                &windows,
                ci_elv,
                percent.unwrap_or(0.0),
                validity.max_invalid_per_day,
            );
            let mut results: Vec<ConditionResult> = Vec::new();
            for c in &conds {
                results.push(judge(
                    m,
                    c,
                    outlet,
                    pollutant,
                    &limits,
                    &lv,
                    validity.max_invalid_days_per_year,
                ));
            }
            let outcome = alternatives(&conds, &mut results);
            let rule_id = first.rule_id.rsplit_once('/').map(|(a, _)| a.to_string());
            out.push(SubjectResult {
                subject: outlet.id.clone(),
                pollutant: pollutant.code.to_string(),
                rule_id: rule_id.map(|r| match first.effective.0 {
                    Some(_) => {
                        format!("{r}@{}", first.rule_id.rsplit_once('@').map_or("", |x| x.1))
                    }
                    None => r,
                }),
                outcome,
                conditions: results,
            });
        }
    }
    out
}

fn limit_by_period(limits: &[&CompiledLimit], p: Period) -> Option<f64> {
    limits.iter().find(|l| l.period == p).and_then(|l| l.max)
}

fn levels(
    ctx: &Ctx<'_>,
    m: &LoadedMethod,
    outlet: &CompiledOutlet,
    windows: &[crate::prepare::window::Window],
    ci_elv: f64,
    percent: f64,
    max_invalid: u32,
) -> Levels {
    let cal = &outlet.calendar;
    let mut base = Vec::new();
    let mut base_u = Unjudged::default();
    // per day: (start, end, invalid, validated values)
    let mut days: Vec<(i64, i64, u32, u32, Vec<f64>)> = Vec::new();
    let (mut ds, mut de) = (i64::MAX, i64::MIN);
    for w in windows {
        if w.status == WindowStatus::OutsidePeriod {
            continue; // partly outside the period, the permit or the limit's range
        }
        base_u.present += 1;
        if w.start < ds || w.start >= de {
            (ds, de) = cal.window(Grain::Day, w.start);
        }
        if days.last().is_none_or(|d| d.0 != ds) {
            days.push((ds, de, 0, 0, Vec::new()));
        }
        let Some(day) = days.last_mut() else { continue };
        if exempt(
            &ctx.states,
            &outlet.id,
            w.start,
            w.end,
            &m.pack.exempt_states,
        ) {
            base_u.exempt += 1;
            day.3 += 1;
            continue;
        }
        if !w.is_valid() {
            base_u.invalid += 1;
            day.2 += 1;
            continue;
        }
        let v = subtract_ci(w.value, ci_elv, percent);
        day.4.push(v);
        base.push(Item {
            start: w.start,
            end: w.end,
            value: v,
        });
    }
    let mut out_days = Vec::new();
    let mut days_u = Unjudged::default();
    let mut invalid_days = Vec::new();
    for (s, e, invalid, _exempt, vals) in &days {
        days_u.present += 1;
        if *invalid > max_invalid {
            days_u.invalid += 1;
            invalid_days.push((*s, *e, *invalid));
        } else if vals.is_empty() {
            days_u.exempt += 1;
        } else {
            let mean =
                vals.iter().sum::<f64>() / f64::from(u32::try_from(vals.len()).unwrap_or(u32::MAX));
            out_days.push(Item {
                start: *s,
                end: *e,
                value: mean,
            });
        }
    }
    let mut months: Vec<(i64, i64, Vec<f64>)> = Vec::new();
    let mut months_u = Unjudged::default();
    for (s, _, _, _, _) in &days {
        let (ms, me) = cal.window(Grain::Month, *s);
        if months.last().is_none_or(|x| x.0 != ms) {
            months.push((ms, me, Vec::new()));
            months_u.present += 1;
        }
    }
    for d in &out_days {
        let (ms, _) = cal.window(Grain::Month, d.start);
        if let Some(mo) = months.iter_mut().find(|x| x.0 == ms) {
            mo.2.push(d.value);
        }
    }
    let mut out_months = Vec::new();
    for (s, e, vals) in months {
        if vals.is_empty() {
            months_u.invalid += 1;
        } else {
            let mean =
                vals.iter().sum::<f64>() / f64::from(u32::try_from(vals.len()).unwrap_or(u32::MAX));
            out_months.push(Item {
                start: s,
                end: e,
                value: mean,
            });
        }
    }
    Levels {
        base,
        base_u,
        days: out_days,
        days_u,
        invalid_days,
        months: out_months,
        months_u,
        ci: ci_amount(ci_elv, percent),
    }
}

fn judge(
    m: &LoadedMethod,
    c: &Condition,
    outlet: &CompiledOutlet,
    pollutant: &Pollutant,
    limits: &[&CompiledLimit],
    lv: &Levels,
    max_invalid_days: u32,
) -> ConditionResult {
    let unit = limits.first().map_or("", |l| l.unit.symbol());
    let cite = Cite {
        method: m,
        cond: c,
        subject: &outlet.id,
        pollutant: pollutant.code,
        tz: outlet.calendar.tz(),
        unit,
    };
    if c.test == Test::DataAvailability {
        let n = u32::try_from(lv.invalid_days.len()).unwrap_or(u32::MAX);
        let outcome = if lv.days_u.present == 0 {
            Outcome::NotAssessed
        } else if n > max_invalid_days {
            Outcome::Fail
        } else {
            Outcome::Pass
        };
        let findings = if outcome == Outcome::Fail {
            lv.invalid_days
                .iter()
                .take(MAX_FINDINGS)
                .map(|(s, e, k)| {
                    let from = crate::domain::zones::format_local(*s, cite.tz);
                    let to = crate::domain::zones::format_local(*e, cite.tz);
                    cite.finding(
                        from.clone(),
                        to,
                        Some(f64::from(*k)),
                        None,
                        format!(
                            "{} {} {}：{}个无效均值，该日无效（{} {}）",
                            outlet.id, pollutant.code, from, k, m.pack.id, c.id
                        ),
                        format!(
                            "{} {} day {}: {} invalid averages, the day is invalid ({} {})",
                            outlet.id, pollutant.code, from, k, m.pack.id, c.id
                        ),
                    )
                })
                .collect()
        } else {
            Vec::new()
        };
        let numbers = Numbers {
            present: Some(lv.days_u.present),
            invalid_days: Some(n),
            invalid_days_allowed: Some(max_invalid_days),
            ..Numbers::default()
        };
        let total = if outcome == Outcome::Fail { n } else { 0 };
        return cite.result(outcome, numbers, findings, total);
    }
    let elv = match (&c.limit, c.limit_period) {
        (Some(key), _) => limits
            .iter()
            .find_map(|l| l.method_limits.get(key).copied()),
        (None, Some(p)) => limit_by_period(limits, p),
        (None, None) => limits.first().and_then(|l| l.max),
    };
    let Some(elv) = elv else {
        let what = match (&c.limit, c.limit_period) {
            (Some(k), _) => format!("the permit limit gives no `method_limits.{k}`"),
            (None, Some(p)) => format!("the permit sets no {p} limit for this pollutant"),
            _ => "no limit".to_string(),
        };
        return not_assessed(c, what);
    };
    let (items, u) = match c.period {
        Some(Period::Month) => (&lv.months, lv.months_u),
        Some(Period::Day) => (&lv.days, lv.days_u),
        _ => (&lv.base, lv.base_u),
    };
    let first = limits.first().copied();
    let rounded: Vec<Item> = items
        .iter()
        .map(|i| Item {
            value: round(m, i.value, elv, first),
            ..*i
        })
        .collect();
    let factor = c.factor.unwrap_or(1.0);
    let mut r = match c.test {
        Test::ShareNotAbove => {
            share_not_above(&cite, &rounded, elv, factor, c.share.unwrap_or(1.0), u)
        }
        _ => none_above(&cite, &rounded, elv, factor, c.inclusive, u),
    };
    r.numbers.ci_subtracted = Some(lv.ci);
    r
}

/// Applies `alternative_to` pairs: a failing member whose partner passes does not fail the
/// subject. Returns the subject outcome.
fn alternatives(conds: &[&Condition], results: &mut [ConditionResult]) -> Outcome {
    let mut excused = vec![false; results.len()];
    for (i, c) in conds.iter().enumerate() {
        let Some(alt) = &c.alternative_to else {
            continue;
        };
        let Some(j) = conds.iter().position(|o| &o.id == alt) else {
            continue;
        };
        let (oi, oj) = (
            results.get(i).map(|r| r.outcome),
            results.get(j).map(|r| r.outcome),
        );
        if oi == Some(Outcome::Pass) && oj == Some(Outcome::Fail) {
            if let Some(x) = excused.get_mut(j) {
                *x = true;
            }
            if let Some(r) = results.get_mut(j) {
                r.note = Some(format!(
                    "the alternative `{}` holds, so the pair holds",
                    c.id
                ));
            }
        }
        if oj == Some(Outcome::Pass) && oi == Some(Outcome::Fail) {
            if let Some(x) = excused.get_mut(i) {
                *x = true;
            }
            if let Some(r) = results.get_mut(i) {
                r.note = Some(format!("the alternative `{alt}` holds, so the pair holds"));
            }
        }
    }
    combine(
        results
            .iter()
            .zip(&excused)
            .filter(|(_, e)| !**e)
            .map(|(r, _)| r.outcome),
    )
}
