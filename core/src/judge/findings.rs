//! From judged windows to the report: one finding per breaching window, one statistic per
//! rule.
//!
//! A finding carries the window, the value compared, the limit, the ratio to a maximum (which
//! sets its [`Severity`]: at least 2× is high, 1.5× medium, below that low; a breach of a
//! range's minimum is medium), the legal basis and the evidence (valid / total / required
//! samples, raw value, measured and reference O2). A statistic counts the windows by status,
//! the windows the calendar expects over the judged span (so a gap in the data lowers the
//! capture rate), the breaches and the largest value and ratio.

use super::{messages, JudgedWindow};
use crate::domain::calendar::{Calendar, Grain};
use crate::domain::period::Period;
use crate::plan::{CompiledLimit, CompiledOutlet};
use crate::prepare::validity::SampleCounts;
use crate::prepare::window::{Window, WindowStatus};
use crate::report::{
    finding_id, Evidence, Finding, FindingDetail, FindingKind, LimitDetail, Severity, Statistic,
    WindowCounts,
};

/// Severity of a judged window (engine convention, see [`Severity`]): a range breach is
/// medium; an exceedance by its ratio to the upper limit, low when there is no ratio (a limit
/// of zero).
pub fn severity(kind: FindingKind, ratio: Option<f64>) -> Severity {
    match (kind, ratio) {
        (FindingKind::BelowRange, _) => Severity::Medium,
        (_, Some(r)) => Severity::of_ratio(Some(r)),
        (_, None) => Severity::Low,
    }
}

/// Builds a finding for a breaching window.
pub(crate) fn finding(
    outlet: &CompiledOutlet,
    limit: &CompiledLimit,
    j: &JudgedWindow,
    kind: FindingKind,
) -> Finding {
    let tz = outlet.calendar.tz();
    let bound = match kind {
        FindingKind::BelowRange => limit.min.unwrap_or(f64::NAN),
        _ => limit.max.unwrap_or(f64::NAN),
    };
    let ratio = match (kind, limit.max) {
        (FindingKind::Exceedance, Some(m)) if m > 0.0 => Some(j.value / m),
        _ => None,
    };
    let text = messages::BreachText {
        outlet: &outlet.id,
        pollutant: limit.pollutant,
        period: limit.period,
        from: messages::local(j.window.start, tz),
        to: messages::local(j.window.end, tz),
        value: j.value,
        limit: bound,
        above: kind == FindingKind::Exceedance,
        unit: limit.unit.symbol(),
        ref_o2: limit.ref_o2,
        basis: basis_text(limit),
        windows: None,
    };
    let start = crate::domain::zones::format_local(j.window.start, tz);
    Finding {
        id: finding_id(
            Some(&outlet.id),
            Some(limit.pollutant.code),
            &format!("{}/{}", kind.as_str(), limit.period),
            Some(&start),
        ),
        rule_id: limit.rule_id.clone(),
        kind,
        severity: severity(kind, ratio),
        outlet: Some(outlet.id.clone()),
        pollutant: Some(limit.pollutant.code.to_string()),
        facility: None,
        period: Some(limit.period),
        start: Some(start),
        end: Some(crate::domain::zones::format_local(j.window.end, tz)),
        value: Some(j.value),
        limit: Some(bound),
        unit: Some(limit.unit.symbol().to_string()),
        ratio,
        method: Some(METHOD.to_string()),
        basis: Some(limit.basis.clone()),
        pack: limit.pack.clone(),
        message: messages::breach(&text),
        detail: FindingDetail::Limit(LimitDetail {
            validity_pack: limit.validity_pack.clone(),
            evidence: Evidence {
                n_valid: j.window.n_valid,
                n_total: j.window.n_total,
                n_required: j.window.n_required,
                raw_value: j.window.value,
                o2: j.window.o2,
                ref_o2: limit.ref_o2.filter(|_| !limit.data_corrected),
            },
        }),
    }
}

/// The method id of window-by-window judgement.
pub const METHOD: &str = "window_limit";

/// `GB 13223-2011 Table 1` or `permit X clause`.
pub(crate) fn basis_text(limit: &CompiledLimit) -> String {
    match &limit.basis.clause {
        Some(c) => format!("{} {}", limit.basis.standard, c),
        None => limit.basis.standard.clone(),
    }
}

/// Builds the statistic of a rule from its judged windows.
pub(crate) fn statistic(
    outlet: &CompiledOutlet,
    limit: &CompiledLimit,
    judged: &[JudgedWindow],
    samples: SampleCounts,
) -> Statistic {
    let mut wc = WindowCounts::default();
    let (mut exc, mut below) = (0u32, 0u32);
    let (mut max_value, mut max_ratio): (Option<f64>, Option<f64>) = (None, None);
    for j in judged {
        wc.present += 1;
        match j.window.status {
            WindowStatus::Valid => {
                wc.valid += 1;
                max_value = Some(max_value.map_or(j.value, |m: f64| m.max(j.value)));
                if let Some(m) = limit.max.filter(|m| *m > 0.0) {
                    let r = j.value / m;
                    max_ratio = Some(max_ratio.map_or(r, |x: f64| x.max(r)));
                }
            }
            WindowStatus::TooFewValid => wc.too_few_valid += 1,
            WindowStatus::O2Invalid => wc.o2_invalid += 1,
            WindowStatus::OutsidePeriod => wc.outside_period += 1,
        }
        match j.breach {
            Some(FindingKind::Exceedance) => exc += 1,
            Some(FindingKind::BelowRange) => below += 1,
            _ => {}
        }
    }
    wc.expected = expected_windows(&outlet.calendar, limit.period, judged);
    Statistic {
        rule_id: limit.rule_id.clone(),
        outlet: outlet.id.clone(),
        pollutant: limit.pollutant.code.to_string(),
        period: limit.period,
        max: limit.max,
        min: limit.min,
        windows: wc,
        capture_rate: if wc.expected > 0 {
            f64::from(wc.valid) / f64::from(wc.expected)
        } else {
            0.0
        },
        exceedances: exc,
        below_range: below,
        events: 0,
        longest_event_windows: 0,
        max_value,
        max_ratio,
        samples,
    }
}

fn expected_windows(cal: &Calendar, period: Period, judged: &[JudgedWindow]) -> u32 {
    let (Some(first), Some(last)) = (judged.first(), judged.last()) else {
        return 0;
    };
    let clock = |len: i64| -> Option<u32> {
        // Clock windows are `len` seconds apart unless the UTC offset moves by a fraction of `len`.
        let off = |t: i64| {
            jiff::Timestamp::from_second(t)
                .map(|x| i64::from(cal.tz().to_offset(x).seconds()))
                .unwrap_or(0)
        };
        let (a, b) = (first.window.start, last.window.start);
        (off(a).rem_euclid(len) == off(b).rem_euclid(len))
            .then(|| u32::try_from((b - a) / len + 1).unwrap_or(u32::MAX))
    };
    let grain = match period {
        Period::Minute => {
            let n = (last.window.start - first.window.start) / 60 + 1;
            return u32::try_from(n.max(0)).unwrap_or(u32::MAX);
        }
        Period::HalfHour => match clock(1800) {
            Some(n) => return n,
            None => Grain::HalfHour,
        },
        Period::Hour | Period::RollingHours(_) => match clock(3600) {
            Some(n) => return n,
            None => Grain::Hour,
        },
        Period::Day | Period::RollingDays(_) => {
            let anchor = |w: &Window| {
                if matches!(period, Period::RollingDays(_)) {
                    w.end - 1
                } else {
                    w.start
                }
            };
            let (a, b) = (
                cal.date(anchor(&first.window)),
                cal.date(anchor(&last.window)),
            );
            let days = a.until(b).map(|s| i64::from(s.get_days())).unwrap_or(0);
            return u32::try_from(days + 1).unwrap_or(u32::MAX);
        }
        Period::Month => Grain::Month,
        Period::Year => Grain::Year,
    };
    let anchor = |w: &Window| {
        if matches!(period, Period::RollingHours(_) | Period::RollingDays(_)) {
            w.end - 1
        } else {
            w.start
        }
    };
    let mut n = 0u32;
    let mut t = anchor(&first.window);
    let stop = anchor(&last.window);
    while t <= stop && n < 1_000_000 {
        n += 1;
        let (_, end) = cal.window(grain, t);
        t = end;
    }
    n
}
