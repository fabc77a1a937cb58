//! US NSPS: no rolling average over N boiler operating days above the limit
//! (see [`crate::prepare::operating_days`]).

use super::{round, subject, Ctx};
use crate::domain::calendar::Grain;
use crate::judge::comply::eval::{applies, none_above, Cite, Item, Unjudged};
use crate::packs::method::{LoadedMethod, Test, Weighting};
use crate::plan::CompiledLimit;
use crate::prepare::operating_days::{operating_days, rolling};
use crate::prepare::series::clamp;
use crate::report::compliance::SubjectResult;

/// Pollutant code and effective range.
type SubjectKey<'a> = (&'a str, (Option<i64>, Option<i64>));

/// Runs the method: one subject per outlet × pollutant (× effective range).
pub fn run(ctx: &Ctx<'_>, m: &LoadedMethod, notes: &mut Vec<String>) -> Vec<SubjectResult> {
    let mut out = Vec::new();
    let Some(c) = m.conditions(Test::RollingOperatingDays).next() else {
        notes.push("the pack has no rolling_operating_days condition".into());
        return out;
    };
    for outlet in ctx.plan.outlets() {
        if outlet.medium != crate::domain::pollutant::Medium::Air {
            continue; // a stack method: wastewater outfalls are not judged by it
        }
        let Some(bounds) = ctx.bounds(m, &outlet.calendar) else {
            continue;
        };
        let mut seen: Vec<SubjectKey<'_>> = Vec::new();
        for limit in &outlet.limits {
            let key = (limit.pollutant.code, limit.effective);
            if seen.contains(&key) || !applies(c, limit.pollutant.code) {
                continue;
            }
            seen.push(key);
            let Some(elv) = limit.max else { continue };
            out.push(one(ctx, m, c, outlet, limit, elv, bounds));
        }
    }
    out
}

fn one(
    ctx: &Ctx<'_>,
    m: &LoadedMethod,
    c: &crate::packs::method::Condition,
    outlet: &crate::plan::CompiledOutlet,
    limit: &CompiledLimit,
    elv: f64,
    bounds: (i64, i64),
) -> SubjectResult {
    let (lo, hi) = clamp(limit, bounds);
    // windows marked outside the period are not valid, so operating_days skips them
    let hours =
        ctx.windows
            .period_windows(outlet, limit, limit.pollutant, Grain::Hour, true, (lo, hi));
    let (ts, flags): (Vec<i64>, Vec<u8>) =
        match ctx.readings.series(&outlet.id, limit.pollutant.code) {
            Some((f, col)) => f
                .ts()
                .iter()
                .zip(col.flags())
                .filter(|(t, _)| **t >= lo && **t < hi)
                .map(|(t, f)| (*t, *f))
                .unzip(),
            None => (Vec::new(), Vec::new()),
        };
    let days = operating_days(
        &ts,
        &flags,
        &hours,
        &outlet.calendar,
        &outlet.id,
        &ctx.states,
        &m.pack.exempt_states,
    );
    let n = usize::try_from(c.window.unwrap_or(30)).unwrap_or(30);
    let rolled = rolling(&days, n, c.weighting.unwrap_or(Weighting::Hourly));
    let items: Vec<Item> = rolled
        .iter()
        .map(|(s, e, v)| Item {
            start: *s,
            end: *e,
            value: round(m, *v, elv, Some(limit)),
        })
        .collect();
    let u = Unjudged {
        present: u32::try_from(days.len()).unwrap_or(u32::MAX),
        invalid: 0,
        exempt: 0,
    };
    let cite = Cite {
        method: m,
        cond: c,
        subject: &outlet.id,
        pollutant: limit.pollutant.code,
        tz: outlet.calendar.tz(),
        unit: limit.unit.symbol(),
    };
    let mut r = none_above(&cite, &items, elv, c.factor.unwrap_or(1.0), c.inclusive, u);
    r.numbers.window = c.window;
    if items.is_empty() {
        r.note = Some(format!(
            "{} operating days, fewer than the {} a rolling value needs",
            days.len(),
            n
        ));
    }
    subject(
        &outlet.id,
        limit.pollutant.code,
        Some(&limit.rule_id),
        vec![r],
    )
}
