//! China: exceedance judged on automatic monitoring data.
//!
//! The permit technical specification (2017, §12.2.1.1) defines the automatic-monitoring
//! hourly mean as the mean of at least 45 minutes of valid data within the clock hour and
//! says a valid hourly concentration mean **above** (超过) the permitted limit is an
//! exceedance; waste incineration is judged on the valid **daily** mean against the 24-hour
//! limit (MEE 《生活垃圾焚烧发电厂自动监测数据应用管理规定》 2019, and e.g. Hebei's local
//! standard §10.2: "自动监测有效日均值数据超过…24小时均值限值，判定为超标"). Data marked
//! invalid under the 2022 marking rules (MEE Announcement 2022 No. 21) are not a basis for the
//! exceedance judgement: here, samples whose flag the validity pack does not count, and
//! windows in an exempt operating state.
//!
//! Each permit limit is judged on its **own** averaging periods: a condition of the pack with
//! `period = "hour"` applies to the permit's hourly limits, one with `period = "day"` to its
//! daily limits. Values are rounded as the limit's standard prescribes (GB/T 8170) before
//! comparison; equality complies. A range limit (pH 6–9) is broken below its minimum as well.

use super::{subject, Ctx};
use crate::judge::comply::eval::{none_above, Cite, Item, Unjudged};
use crate::judge::EvaluateOptions;
use crate::packs::method::{LoadedMethod, Test};
use crate::prepare::series::{clamp, exempt};
use crate::prepare::window::WindowStatus;
use crate::report::compliance::{SubjectResult, MAX_FINDINGS};

/// Runs the method over every outlet limit with a matching period.
pub fn run(ctx: &Ctx<'_>, m: &LoadedMethod, notes: &mut Vec<String>) -> Vec<SubjectResult> {
    let mut out = Vec::new();
    for outlet in ctx.plan.outlets() {
        let Some(bounds) = ctx.bounds(m, &outlet.calendar) else {
            notes.push(format!(
                "{}: the method is not in force in the period",
                outlet.id
            ));
            continue;
        };
        let opts = EvaluateOptions {
            from: Some(bounds.0),
            to: Some(bounds.1),
            findings: false,
        };
        // every rule of the outlet in one pass per pollutant; windows outside a limit's
        // effective range come back marked outside the period
        let all = crate::judge::judged_windows_in(&ctx.windows, outlet, &opts);
        for (limit, (_, judged)) in outlet.limits.iter().zip(&all) {
            let Some(cond) = m.conditions(Test::NoneAbove).find(|c| {
                c.period == Some(limit.period)
                    && crate::judge::comply::eval::applies(c, limit.pollutant.code)
            }) else {
                continue;
            };
            let (lo, hi) = clamp(limit, bounds);
            if lo >= hi {
                continue;
            }
            let (items, u) = items(ctx, m, &outlet.id, judged);
            let cite = Cite {
                method: m,
                cond,
                subject: &outlet.id,
                pollutant: limit.pollutant.code,
                tz: outlet.calendar.tz(),
                unit: limit.unit.symbol(),
            };
            let conds = judge(&cite, limit, &items, u).into_iter().collect();
            out.push(subject(
                &outlet.id,
                limit.pollutant.code,
                Some(&limit.rule_id),
                conds,
            ));
        }
    }
    if out.is_empty() {
        notes.push("no permit limit has an averaging period this method judges".to_string());
    }
    out
}

/// The windows judged (valid, inside the period, not exempt) and the counts of the others.
fn items(
    ctx: &Ctx<'_>,
    m: &LoadedMethod,
    outlet: &str,
    judged: &[crate::judge::JudgedWindow],
) -> (Vec<Item>, Unjudged) {
    let mut u = Unjudged::default();
    let mut items = Vec::new();
    for j in judged {
        if j.window.status == WindowStatus::OutsidePeriod {
            continue;
        }
        u.present += 1;
        if !j.window.is_valid() {
            u.invalid += 1;
        } else if exempt(
            &ctx.states,
            outlet,
            j.window.start,
            j.window.end,
            &m.pack.exempt_states,
        ) {
            u.exempt += 1;
        } else {
            items.push(Item {
                start: j.window.start,
                end: j.window.end,
                value: j.value,
            });
        }
    }
    (items, u)
}

/// The condition's result for a limit: above its maximum, below its minimum (a range).
fn judge(
    cite: &Cite<'_>,
    limit: &crate::plan::CompiledLimit,
    items: &[Item],
    u: Unjudged,
) -> Option<crate::report::compliance::ConditionResult> {
    match (limit.max, limit.min) {
        (Some(max), _) => {
            let mut r = none_above(cite, items, max, 1.0, cite.cond.inclusive, u);
            if let Some(min) = limit.min {
                below(cite, items, min, &mut r);
            }
            Some(r)
        }
        (None, Some(min)) => {
            let mut r = none_above(cite, items, f64::INFINITY, 1.0, false, u);
            r.numbers.limit = None;
            r.numbers.factor = None;
            r.numbers.threshold = None;
            below(cite, items, min, &mut r);
            Some(r)
        }
        (None, None) => None,
    }
}

/// Adds the windows below a range's minimum to a result.
fn below(
    cite: &Cite<'_>,
    items: &[Item],
    min: f64,
    r: &mut crate::report::compliance::ConditionResult,
) {
    let low: Vec<&Item> = items
        .iter()
        .filter(|i| crate::domain::decimal::breaks(min, i.value, false))
        .collect();
    if low.is_empty() {
        return;
    }
    r.outcome = crate::report::compliance::Outcome::Fail;
    r.numbers.above =
        Some(r.numbers.above.unwrap_or(0) + u32::try_from(low.len()).unwrap_or(u32::MAX));
    r.numbers.not_above = r
        .numbers
        .judged
        .map(|j| j.saturating_sub(r.numbers.above.unwrap_or(0)));
    r.findings_total += u32::try_from(low.len()).unwrap_or(u32::MAX);
    for i in low
        .iter()
        .take(MAX_FINDINGS.saturating_sub(r.findings.len()))
    {
        let from = crate::domain::zones::format_local(i.start, cite.tz);
        let to = crate::domain::zones::format_local(i.end, cite.tz);
        let zh = format!(
            "{} {} {}至{}的值{}低于下限{}（{} {}）",
            cite.subject, cite.pollutant, from, to, i.value, min, cite.method.pack.id, cite.cond.id
        );
        let en = format!(
            "{} {} {} to {}: {} is below the lower limit {} ({} {})",
            cite.subject, cite.pollutant, from, to, i.value, min, cite.method.pack.id, cite.cond.id
        );
        r.findings
            .push(cite.finding(from, to, Some(i.value), Some(min), zh, en));
    }
}
