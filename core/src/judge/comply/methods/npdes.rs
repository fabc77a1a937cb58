//! US NPDES significant non-compliance on Discharge Monitoring Report data (40 CFR 123.45
//! Appendix A), evaluated parameter by parameter and outfall by outfall.
//!
//! * **Chronic**: the monthly average exceeds its limit in any 4 months of a 6-month period.
//! * **TRC**: the monthly average equals or exceeds TRC × limit (1.4 for Group I, 1.2 for
//!   Group II; pH exempt) in 2 months of a 6-month period.
//! * **Late DMR** (Category I): a DMR not provided within 30 days from its due date.
//! * **Effluent violations** (Category II): any monthly average or daily maximum above its limit.
//!
//! Six-month periods are windows of six consecutive calendar months ending at every month of
//! the assessed period (earlier months count when their records are given); a month without a
//! record counts as not violating. Each value is rounded to the significant digits of its
//! limit before comparison. The limit is the one the record carries, so a limit that changes
//! (permit renewal) is applied month by month.

use super::{round, Ctx};
use crate::domain::decimal::{breaks, threshold};
use crate::judge::comply::eval::{Cite, Unjudged};
use crate::judge::comply::records::{parse_month, DmrRecord};
use crate::packs::method::{Condition, LoadedMethod, Test, TrcGroup};
use crate::report::compliance::{
    combine, ConditionResult, Numbers, Outcome, SubjectResult, MAX_FINDINGS,
};
use jiff::tz::TimeZone;

fn month_index(text: &str) -> Option<i32> {
    parse_month(text).map(|(y, m)| i32::from(y) * 12 + i32::from(m) - 1)
}

fn month_name(i: i32) -> String {
    format!("{:04}-{:02}", i.div_euclid(12), i.rem_euclid(12) + 1)
}

/// The TRC group of a parameter: the record's override, a group listing it, else the
/// catch-all group (empty list). `None` for TRC-exempt parameters.
pub fn trc_group<'a>(
    m: &'a LoadedMethod,
    parameter: &str,
    over: Option<&str>,
) -> Option<&'a TrcGroup> {
    let p = parameter.trim().to_lowercase();
    if m.pack.trc_exempt.iter().any(|x| x.to_lowercase() == p) {
        return None;
    }
    if let Some(id) = over {
        return m.pack.trc_groups.iter().find(|g| g.id == id);
    }
    m.pack
        .trc_groups
        .iter()
        .find(|g| g.parameters.iter().any(|x| x.to_lowercase() == p))
        .or_else(|| m.pack.trc_groups.iter().find(|g| g.parameters.is_empty()))
}

/// Runs the NPDES method on the DMR records.
pub fn run(ctx: &Ctx<'_>, m: &LoadedMethod, notes: &mut Vec<String>) -> Vec<SubjectResult> {
    let recs = &ctx.records.dmr;
    if recs.is_empty() {
        notes.push("no DMR records given".into());
        return Vec::new();
    }
    let first = i32::from(ctx.range.first.year()) * 12 + i32::from(ctx.range.first.month()) - 1;
    let last = i32::from(ctx.range.last.year()) * 12 + i32::from(ctx.range.last.month()) - 1;
    let mut keys: Vec<(String, String)> = Vec::new();
    for r in recs {
        let k = (r.outfall.clone(), r.parameter.clone());
        if !keys.contains(&k) {
            keys.push(k);
        }
    }
    let mut out = Vec::new();
    for (outfall, parameter) in &keys {
        let mine: Vec<(i32, &DmrRecord)> = recs
            .iter()
            .filter(|r| &r.outfall == outfall && &r.parameter == parameter)
            .filter_map(|r| month_index(&r.month).map(|i| (i, r)))
            .filter(|(i, _)| *i <= last)
            .collect();
        let mut conds = Vec::new();
        for c in &m.pack.conditions {
            let cite = Cite {
                method: m,
                cond: c,
                subject: outfall,
                pollutant: parameter,
                tz: &TimeZone::UTC,
                unit: mine
                    .first()
                    .and_then(|(_, r)| r.unit.as_deref())
                    .unwrap_or(""),
            };
            match c.test {
                Test::MonthsInWindow => {
                    conds.push(months_in_window(&cite, m, c, &mine, first, last))
                }
                Test::NoneAbove => conds.push(category_ii(&cite, m, &mine, first)),
                _ => {}
            }
        }
        out.push(SubjectResult {
            subject: outfall.clone(),
            pollutant: parameter.clone(),
            rule_id: None,
            outcome: combine(conds.iter().map(|c: &ConditionResult| c.outcome)),
            conditions: conds,
        });
    }
    // late DMRs, per outfall and month
    if let Some(c) = m.conditions(Test::LateReports).next() {
        let mut outfalls: Vec<&str> = recs.iter().map(|r| r.outfall.as_str()).collect();
        outfalls.dedup();
        outfalls.sort_unstable();
        outfalls.dedup();
        for of in outfalls {
            let mut seen: Vec<(&str, &str)> = Vec::new();
            let mut reports = Vec::new();
            for r in recs.iter().filter(|r| r.outfall == of) {
                if let Some(due) = &r.due {
                    if !seen.contains(&(r.month.as_str(), due.as_str())) {
                        seen.push((r.month.as_str(), due.as_str()));
                        reports.push((format!("DMR {}", r.month), due.clone(), r.received.clone()));
                    }
                }
            }
            let r = late_reports(ctx, m, c, of, &reports);
            out.push(SubjectResult {
                subject: of.to_string(),
                pollutant: "DMR".into(),
                rule_id: None,
                outcome: r.outcome,
                conditions: vec![r],
            });
        }
    }
    out
}

fn months_in_window(
    cite: &Cite<'_>,
    m: &LoadedMethod,
    c: &Condition,
    mine: &[(i32, &DmrRecord)],
    first: i32,
    last: i32,
) -> ConditionResult {
    let window = i32::try_from(c.window.unwrap_or(6)).unwrap_or(6).max(1);
    let need = c.count.unwrap_or(1);
    let mut violating: Vec<(i32, f64, f64)> = Vec::new();
    let mut present = 0u32;
    let mut limit_seen = None;
    let mut factor_seen = None;
    for (i, r) in mine {
        let (Some(v), Some(l)) = (r.monthly_avg, r.monthly_avg_limit) else {
            continue;
        };
        let factor = if c.factor_from_trc {
            match trc_group(m, &r.parameter, r.trc_group.as_deref()) {
                Some(g) => g.factor,
                None => {
                    return crate::judge::comply::eval::not_assessed(
                        c,
                        format!("`{}` is exempt from the TRC test", r.parameter),
                    );
                }
            }
        } else {
            c.factor.unwrap_or(1.0)
        };
        if *i >= first {
            present += 1;
        }
        limit_seen = Some(l);
        factor_seen = Some(factor);
        let thr = threshold(l, factor);
        let value = round(m, v, l, None);
        if breaks(value, thr, c.inclusive) {
            violating.push((*i, value, thr));
        }
    }
    let mut findings: Vec<crate::report::Finding> = Vec::new();
    let mut count_max = 0u32;
    let mut triggered = 0u32;
    for end in first..=last {
        let start = end - window + 1;
        let inside: Vec<&(i32, f64, f64)> = violating
            .iter()
            .filter(|(i, _, _)| *i >= start && *i <= end)
            .collect();
        let k = u32::try_from(inside.len()).unwrap_or(u32::MAX);
        count_max = count_max.max(k);
        if k >= need {
            triggered += 1;
            if findings.len() < MAX_FINDINGS {
                let months: Vec<String> = inside
                    .iter()
                    .map(|(i, v, t)| format!("{} ({v} vs {t})", month_name(*i)))
                    .collect();
                findings.push(cite.finding(
                    month_name(start),
                    month_name(end),
                    Some(f64::from(k)),
                    Some(f64::from(need)),
                    format!(
                        "{}排放口{}：{}至{}的6个月中{}个月月均值违反（{}）：{}（{} {}）",
                        cite.subject,
                        cite.pollutant,
                        month_name(start),
                        month_name(end),
                        k,
                        c.id,
                        months.join("，"),
                        m.pack.id,
                        c.id
                    ),
                    format!(
                        "outfall {} {}: {} of the months {} to {} violate ({}): {} ({} {})",
                        cite.subject,
                        cite.pollutant,
                        k,
                        month_name(start),
                        month_name(end),
                        c.id,
                        months.join(", "),
                        m.pack.id,
                        c.id
                    ),
                ));
            }
        }
    }
    let in_period =
        u32::try_from(violating.iter().filter(|(i, _, _)| *i >= first).count()).unwrap_or(u32::MAX);
    let outcome = if mine.is_empty() {
        Outcome::NotAssessed
    } else if count_max >= need {
        Outcome::Fail
    } else {
        Outcome::Pass
    };
    let numbers = Numbers {
        limit: limit_seen,
        factor: factor_seen,
        threshold: match (limit_seen, factor_seen) {
            (Some(l), Some(f)) => Some(threshold(l, f)),
            _ => None,
        },
        present: Some(present),
        above: Some(in_period),
        count_required: Some(need),
        count_max: Some(count_max),
        window: Some(u32::try_from(window).unwrap_or(6)),
        ..Numbers::default()
    };
    cite.result(outcome, numbers, findings, triggered)
}

fn category_ii(
    cite: &Cite<'_>,
    m: &LoadedMethod,
    mine: &[(i32, &DmrRecord)],
    first: i32,
) -> ConditionResult {
    let mut findings = Vec::new();
    let mut present = 0u32;
    let mut above = 0u32;
    for (i, r) in mine.iter().filter(|(i, _)| *i >= first) {
        for (what, v, l) in [
            ("monthly average", r.monthly_avg, r.monthly_avg_limit),
            ("daily maximum", r.daily_max, r.daily_max_limit),
        ] {
            let (Some(v), Some(l)) = (v, l) else { continue };
            present += 1;
            let value = round(m, v, l, None);
            if breaks(value, l, false) {
                above += 1;
                if findings.len() < MAX_FINDINGS {
                    let zh_what = if what == "monthly average" {
                        "月均值"
                    } else {
                        "日最大值"
                    };
                    findings.push(cite.finding(
                        month_name(*i),
                        month_name(*i),
                        Some(value),
                        Some(l),
                        format!(
                            "{}排放口{} {}{}{}超过限值{}（{} {}）",
                            cite.subject,
                            cite.pollutant,
                            month_name(*i),
                            zh_what,
                            value,
                            l,
                            m.pack.id,
                            cite.cond.id
                        ),
                        format!(
                            "outfall {} {} {}: {} {} is above the limit {} ({} {})",
                            cite.subject,
                            cite.pollutant,
                            month_name(*i),
                            what,
                            value,
                            l,
                            m.pack.id,
                            cite.cond.id
                        ),
                    ));
                }
            }
        }
    }
    let outcome = if present == 0 {
        Outcome::NotAssessed
    } else if above > 0 {
        Outcome::Fail
    } else {
        Outcome::Pass
    };
    let u = Unjudged::default();
    let numbers = Numbers {
        present: Some(present),
        judged: Some(present),
        invalid: Some(u.invalid),
        above: Some(above),
        not_above: Some(present - above),
        ..Numbers::default()
    };
    cite.result(outcome, numbers, findings, above)
}

/// Late reports: (label, due, received) triples; late when received more than `days_late`
/// days after the due date, or not received and "now" is more than that.
pub fn late_reports(
    ctx: &Ctx<'_>,
    m: &LoadedMethod,
    c: &Condition,
    subject: &str,
    reports: &[(String, String, Option<String>)],
) -> ConditionResult {
    let allowed = c.days_late.unwrap_or(30);
    let cite = Cite {
        method: m,
        cond: c,
        subject,
        pollutant: "",
        tz: &TimeZone::UTC,
        unit: "",
    };
    let mut findings = Vec::new();
    let mut late = 0u32;
    let mut present = 0u32;
    for (label, due, received) in reports {
        let Some(d) = crate::packs::standard::parse_date(due) else {
            continue;
        };
        if !ctx.in_force(m, d) {
            continue;
        }
        present += 1;
        let got = received
            .as_deref()
            .and_then(crate::packs::standard::parse_date);
        let until = got.unwrap_or(ctx.as_of);
        let days = (until - d).get_days();
        if i64::from(days) > i64::from(allowed) {
            late += 1;
            if findings.len() < MAX_FINDINGS {
                let (zh, en) = match got {
                    Some(g) => (
                        format!("{subject} {label}：应于{d}提交，{g}收到，逾期{days}天（允许{allowed}天；{} {}）", m.pack.id, c.id),
                        format!("{subject} {label}: due {d}, received {g}, {days} days after the due date (allowed {allowed}; {} {})", m.pack.id, c.id),
                    ),
                    None => (
                        format!("{subject} {label}：应于{d}提交，截至{}未收到（{days}天；{} {}）", ctx.as_of, m.pack.id, c.id),
                        format!("{subject} {label}: due {d}, not received by {} ({days} days; {} {})", ctx.as_of, m.pack.id, c.id),
                    ),
                };
                findings.push(cite.finding(
                    d.to_string(),
                    until.to_string(),
                    Some(f64::from(days)),
                    Some(f64::from(allowed)),
                    zh,
                    en,
                ));
            }
        }
    }
    let outcome = if present == 0 {
        Outcome::NotAssessed
    } else if late > 0 {
        Outcome::Fail
    } else {
        Outcome::Pass
    };
    let numbers = Numbers {
        present: Some(present),
        late: Some(late),
        days_allowed: Some(allowed),
        ..Numbers::default()
    };
    cite.result(outcome, numbers, findings, late)
}
