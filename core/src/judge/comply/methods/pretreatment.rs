//! US pretreatment: significant non-compliance of an industrial user (40 CFR 403.8(f)(2)(viii)).
//!
//! Unlike 40 CFR 123.45 (which counts months), this rule counts **shares of all measurements**
//! of a parameter taken in the (six-month) period: *chronic* when 66 % or more exceed the
//! limit by any magnitude, *TRC* when 33 % or more equal or exceed TRC × limit (1.4 for BOD,
//! TSS and fats, oil and grease; 1.2 for every other pollutant except pH). Shares are compared
//! exactly: 2 of 3 measurements (66.7 %) reach 66 %, 1 of 3 (33.3 %) reaches 33 %. Reports
//! more than 45 days late are SNC as well.

use super::npdes::{late_reports, trc_group};
use super::{round, Ctx};
use crate::domain::decimal::{breaks, share_reached, threshold};
use crate::judge::comply::eval::{not_assessed, Cite};
use crate::judge::comply::records::IuSample;
use crate::packs::method::{Condition, LoadedMethod, Test};
use crate::report::compliance::{
    combine, ConditionResult, Numbers, Outcome, SubjectResult, MAX_FINDINGS,
};
use jiff::tz::TimeZone;

/// Runs the method on the industrial-user samples and reports.
pub fn run(ctx: &Ctx<'_>, m: &LoadedMethod, notes: &mut Vec<String>) -> Vec<SubjectResult> {
    let samples = &ctx.records.iu_samples;
    if samples.is_empty() && ctx.records.iu_reports.is_empty() {
        notes.push("no industrial-user samples or reports given".into());
        return Vec::new();
    }
    let mut keys: Vec<(&str, &str)> = Vec::new();
    for s in samples {
        if !keys.contains(&(s.point.as_str(), s.parameter.as_str())) {
            keys.push((s.point.as_str(), s.parameter.as_str()));
        }
    }
    let mut out = Vec::new();
    for (point, parameter) in keys {
        let mine: Vec<&IuSample> = samples
            .iter()
            .filter(|s| s.point == point && s.parameter == parameter)
            .filter(|s| {
                crate::packs::standard::parse_date(&s.date).is_some_and(|d| ctx.in_force(m, d))
            })
            .collect();
        let conds: Vec<ConditionResult> = m
            .conditions(Test::ShareOfMeasurements)
            .map(|c| share(m, c, point, parameter, &mine))
            .collect();
        out.push(SubjectResult {
            subject: point.to_string(),
            pollutant: parameter.to_string(),
            rule_id: None,
            outcome: combine(conds.iter().map(|c| c.outcome)),
            conditions: conds,
        });
    }
    if let Some(c) = m.conditions(Test::LateReports).next() {
        let mut points: Vec<&str> = ctx
            .records
            .iu_reports
            .iter()
            .map(|r| r.point.as_str())
            .collect();
        points.sort_unstable();
        points.dedup();
        for p in points {
            let reports: Vec<(String, String, Option<String>)> = ctx
                .records
                .iu_reports
                .iter()
                .filter(|r| r.point == p)
                .map(|r| (r.report.clone(), r.due.clone(), r.received.clone()))
                .collect();
            let r = late_reports(ctx, m, c, p, &reports);
            out.push(SubjectResult {
                subject: p.to_string(),
                pollutant: "reports".into(),
                rule_id: None,
                outcome: r.outcome,
                conditions: vec![r],
            });
        }
    }
    out
}

fn share(
    m: &LoadedMethod,
    c: &Condition,
    point: &str,
    parameter: &str,
    mine: &[&IuSample],
) -> ConditionResult {
    let cite = Cite {
        method: m,
        cond: c,
        subject: point,
        pollutant: parameter,
        tz: &TimeZone::UTC,
        unit: "",
    };
    let mut above = Vec::new();
    let mut factor_seen = None;
    for s in mine {
        let factor = if c.factor_from_trc {
            match trc_group(m, &s.parameter, s.trc_group.as_deref()) {
                Some(g) => g.factor,
                None => {
                    return not_assessed(
                        c,
                        format!("`{}` is exempt from the TRC test", s.parameter),
                    )
                }
            }
        } else {
            c.factor.unwrap_or(1.0)
        };
        factor_seen = Some(factor);
        let thr = threshold(s.limit, factor);
        let v = round(m, s.value, s.limit, None);
        if breaks(v, thr, c.inclusive) {
            above.push((s, v, thr));
        }
    }
    let n = u32::try_from(mine.len()).unwrap_or(u32::MAX);
    let k = u32::try_from(above.len()).unwrap_or(u32::MAX);
    let need = c.share.unwrap_or(1.0);
    let snc = n > 0 && share_reached(k, n, need);
    let outcome = if n == 0 {
        Outcome::NotAssessed
    } else if snc {
        Outcome::Fail
    } else {
        Outcome::Pass
    };
    let findings = if snc {
        above
            .iter()
            .take(MAX_FINDINGS)
            .map(|(s, v, t)| {
                cite.finding(
                    s.date.clone(),
                    s.date.clone(),
                    Some(*v),
                    Some(*t),
                    format!("{point} {parameter} {}：{v}，阈值{t}；{k}/{n}次测量违反，达到{}（{} {}）", s.date, need, m.pack.id, c.id),
                    format!("{point} {parameter} {}: {v} against {t}; {k} of {n} measurements, reaching {} ({} {})", s.date, need, m.pack.id, c.id),
                )
            })
            .collect()
    } else {
        Vec::new()
    };
    let numbers = Numbers {
        limit: mine.last().map(|s| s.limit),
        factor: factor_seen,
        threshold: match (mine.last(), factor_seen) {
            (Some(s), Some(f)) => Some(threshold(s.limit, f)),
            _ => None,
        },
        present: Some(n),
        judged: Some(n),
        above: Some(k),
        not_above: Some(n - k),
        share_required: Some(need),
        share_observed: (n > 0).then(|| crate::domain::decimal::r6(f64::from(k) / f64::from(n))),
        ..Numbers::default()
    };
    cite.result(outcome, numbers, findings, if snc { k } else { 0 })
}
