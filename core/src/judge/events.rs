//! Merging consecutive breaching windows into events, and filling the report.
//!
//! An event is a maximal run of windows of one rule that breach the limit in the same
//! direction and follow each other without a gap (each starts where the previous ended).
//! A missing window, an invalid window or a compliant window ends the run.

use super::{basis_text, finding, messages, statistic, JudgedWindow};
use crate::plan::{CompiledLimit, CompiledOutlet};
use crate::prepare::validity::SampleCounts;
use crate::report::{Event, FindingKind, Report};

/// Adds the findings, events and statistic of one rule to the report.
pub(crate) fn collect(
    report: &mut Report,
    outlet: &CompiledOutlet,
    limit: &CompiledLimit,
    judged: &[JudgedWindow],
    samples: SampleCounts,
    with_findings: bool,
) {
    let mut stat = statistic(outlet, limit, judged, samples);
    let mut run: Option<(usize, usize, FindingKind)> = None;
    let close = |report: &mut Report,
                 stat: &mut crate::report::Statistic,
                 a: usize,
                 b: usize,
                 kind: FindingKind| {
        let (Some(first), Some(last)) = (judged.get(a), judged.get(b)) else {
            return;
        };
        let slice = judged.get(a..=b).unwrap_or(&[]);
        // A judged window breaks a limit upwards (exceedance) or a range downwards.
        let (peak, bound) = if kind == FindingKind::BelowRange {
            let low = slice.iter().map(|j| j.value).fold(f64::INFINITY, f64::min);
            (low, limit.min.unwrap_or(f64::NAN))
        } else {
            let high = slice
                .iter()
                .map(|j| j.value)
                .fold(f64::NEG_INFINITY, f64::max);
            (high, limit.max.unwrap_or(f64::NAN))
        };
        let n = u32::try_from(b - a + 1).unwrap_or(u32::MAX);
        stat.events += 1;
        stat.longest_event_windows = stat.longest_event_windows.max(n);
        let tz = outlet.calendar.tz();
        let text = messages::BreachText {
            outlet: &outlet.id,
            pollutant: limit.pollutant,
            period: limit.period,
            from: messages::local(first.window.start, tz),
            to: messages::local(last.window.end, tz),
            value: peak,
            limit: bound,
            above: kind == FindingKind::Exceedance,
            unit: limit.unit.symbol(),
            ref_o2: limit.ref_o2,
            basis: basis_text(limit),
            windows: Some(n),
        };
        report.events.push(Event {
            rule_id: limit.rule_id.clone(),
            kind,
            outlet: outlet.id.clone(),
            pollutant: limit.pollutant.code.to_string(),
            period: limit.period,
            start: crate::domain::zones::format_local(first.window.start, tz),
            end: crate::domain::zones::format_local(last.window.end, tz),
            duration_s: last.window.end - first.window.start,
            windows: n,
            peak_value: peak,
            peak_ratio: match (kind, limit.max) {
                (FindingKind::Exceedance, Some(m)) if m > 0.0 => Some(peak / m),
                _ => None,
            },
            limit: bound,
            message: messages::breach(&text),
        });
    };
    for (i, j) in judged.iter().enumerate() {
        let continues = match (run, j.breach) {
            (Some((_, b, k)), Some(kind)) => {
                kind == k
                    && judged
                        .get(b)
                        .is_some_and(|p| p.window.end == j.window.start)
                    && b + 1 == i
            }
            _ => false,
        };
        if !continues {
            if let Some((a, b, k)) = run.take() {
                close(report, &mut stat, a, b, k);
            }
            if let Some(kind) = j.breach {
                run = Some((i, i, kind));
            }
        } else if let Some(r) = run.as_mut() {
            r.1 = i;
        }
        if with_findings {
            if let Some(kind) = j.breach {
                report.findings.push(finding(outlet, limit, j, kind));
            }
        }
    }
    if let Some((a, b, k)) = run {
        close(report, &mut stat, a, b, k);
    }
    report.statistics.push(stat);
}
