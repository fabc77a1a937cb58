//! The generic tests every method is made of: "no value above factor × limit" and "at least
//! share of the values not above factor × limit", with their numbers and findings.

use crate::domain::decimal::{breaks, nearest_rank, share_reached, threshold};
use crate::packs::method::{Condition, LoadedMethod, Test};
use crate::plan::LegalBasis;
use crate::report::compliance::{ConditionResult, Numbers, Outcome, MAX_FINDINGS};
use crate::report::{
    finding_id, ConditionDetail, Finding, FindingDetail, FindingKind, Message, Severity,
};
use jiff::tz::TimeZone;

/// One value judged by a condition.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Item {
    /// Window start (Unix s).
    pub start: i64,
    /// Window end (Unix s, exclusive).
    pub end: i64,
    /// The value compared (validated, rounded).
    pub value: f64,
}

/// Who and what a finding cites.
#[derive(Debug, Clone, Copy)]
pub struct Cite<'a> {
    /// Method.
    pub method: &'a LoadedMethod,
    /// Condition.
    pub cond: &'a Condition,
    /// Outlet / outfall.
    pub subject: &'a str,
    /// Pollutant code / parameter.
    pub pollutant: &'a str,
    /// Zone for times.
    pub tz: &'a TimeZone,
    /// Unit of value and limit.
    pub unit: &'a str,
}

impl Cite<'_> {
    /// A finding of this condition for one window, month, report or cap: `start` and `end` as
    /// the method writes them (ISO 8601 at the grain of the window), the value judged and the
    /// threshold it broke.
    pub fn finding(
        &self,
        start: String,
        end: String,
        value: Option<f64>,
        thr: Option<f64>,
        zh: String,
        en: String,
    ) -> Finding {
        let rule_id = format!("{}/{}", self.method.pack.id, self.cond.id);
        let ratio = self.ratio(value, thr);
        Finding {
            id: finding_id(
                Some(self.subject),
                Some(self.pollutant),
                &rule_id,
                Some(&start),
            ),
            rule_id,
            kind: FindingKind::Condition,
            severity: Severity::of_ratio(ratio),
            outlet: Some(self.subject.to_string()),
            pollutant: Some(self.pollutant.to_string()),
            facility: None,
            period: self.cond.period,
            start: Some(start),
            end: Some(end),
            value,
            limit: thr,
            unit: Some(self.unit.to_string()),
            ratio,
            method: Some(self.method.pack.id.clone()),
            basis: Some(LegalBasis {
                standard: self.method.pack.source.standard.clone(),
                clause: Some(self.cond.clause.clone()),
                status: self.cond.status,
            }),
            pack: Some(self.method.pack_ref()),
            message: Message { zh, en },
            detail: FindingDetail::Condition(ConditionDetail {
                condition: self.cond.id.clone(),
                clause: self.cond.clause.clone(),
            }),
        }
    }

    /// value / threshold where the condition compares values with a threshold (not for the
    /// counts of months, late reports and invalid days).
    fn ratio(&self, value: Option<f64>, thr: Option<f64>) -> Option<f64> {
        match (self.cond.test, value, thr) {
            (Test::MonthsInWindow | Test::LateReports | Test::DataAvailability, _, _) => None,
            (_, Some(v), Some(t)) if t > 0.0 => Some(v / t),
            _ => None,
        }
    }

    fn window_finding(&self, it: &Item, thr: f64) -> Finding {
        let from = crate::domain::zones::format_local(it.start, self.tz);
        let to = crate::domain::zones::format_local(it.end, self.tz);
        let zh = format!(
            "{} {} {}至{}的值{}{}，超过阈值{}{}（{} {}）",
            self.subject,
            self.pollutant,
            from,
            to,
            it.value,
            self.unit,
            thr,
            self.unit,
            self.method.pack.id,
            self.cond.id
        );
        let en = format!(
            "{} {} {} to {}: {} {} is above the threshold {} {} ({} {})",
            self.subject,
            self.pollutant,
            from,
            to,
            it.value,
            self.unit,
            thr,
            self.unit,
            self.method.pack.id,
            self.cond.id
        );
        self.finding(from, to, Some(it.value), Some(thr), zh, en)
    }

    /// The shell of a result.
    pub fn result(
        &self,
        outcome: Outcome,
        numbers: Numbers,
        findings: Vec<Finding>,
        total: u32,
    ) -> ConditionResult {
        ConditionResult {
            id: self.cond.id.clone(),
            title: self.cond.title.clone(),
            clause: self.cond.clause.clone(),
            status: self.cond.status,
            outcome,
            numbers,
            findings,
            findings_total: total,
            note: None,
        }
    }
}

/// Counts of values not judged.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Unjudged {
    /// Present values.
    pub present: u32,
    /// Invalid values.
    pub invalid: u32,
    /// Exempt values.
    pub exempt: u32,
}

fn stats(items: &[Item]) -> (Option<f64>, Option<f64>) {
    if items.is_empty() {
        return (None, None);
    }
    let max = items
        .iter()
        .map(|i| i.value)
        .fold(f64::NEG_INFINITY, f64::max);
    let sum: f64 = items.iter().map(|i| i.value).sum();
    let n = u32::try_from(items.len()).unwrap_or(u32::MAX);
    (
        Some(max),
        Some(crate::domain::decimal::r6(sum / f64::from(n))),
    )
}

fn n(len: usize) -> u32 {
    u32::try_from(len).unwrap_or(u32::MAX)
}

/// No item above (or at, `inclusive`) `factor × limit`.
pub fn none_above(
    cite: &Cite<'_>,
    items: &[Item],
    limit: f64,
    factor: f64,
    inclusive: bool,
    u: Unjudged,
) -> ConditionResult {
    let thr = threshold(limit, factor);
    let bad: Vec<&Item> = items
        .iter()
        .filter(|i| breaks(i.value, thr, inclusive))
        .collect();
    let (max, mean) = stats(items);
    let numbers = Numbers {
        limit: Some(limit),
        factor: Some(factor),
        threshold: Some(thr),
        present: Some(u.present),
        judged: Some(n(items.len())),
        invalid: Some(u.invalid),
        exempt: Some(u.exempt),
        above: Some(n(bad.len())),
        not_above: Some(n(items.len() - bad.len())),
        max,
        mean,
        ..Numbers::default()
    };
    let outcome = if items.is_empty() {
        Outcome::NotAssessed
    } else if bad.is_empty() {
        Outcome::Pass
    } else {
        Outcome::Fail
    };
    let findings = bad
        .iter()
        .take(MAX_FINDINGS)
        .map(|i| cite.window_finding(i, thr))
        .collect();
    cite.result(outcome, numbers, findings, n(bad.len()))
}

/// At least `share` of the items not above `factor × limit`.
pub fn share_not_above(
    cite: &Cite<'_>,
    items: &[Item],
    limit: f64,
    factor: f64,
    share: f64,
    u: Unjudged,
) -> ConditionResult {
    let thr = threshold(limit, factor);
    let bad: Vec<&Item> = items
        .iter()
        .filter(|i| breaks(i.value, thr, false))
        .collect();
    let ok = n(items.len() - bad.len());
    let total = n(items.len());
    let (max, mean) = stats(items);
    let mut sorted: Vec<f64> = items.iter().map(|i| i.value).collect();
    sorted.sort_by(f64::total_cmp);
    let numbers = Numbers {
        limit: Some(limit),
        factor: Some(factor),
        threshold: Some(thr),
        present: Some(u.present),
        judged: Some(total),
        invalid: Some(u.invalid),
        exempt: Some(u.exempt),
        above: Some(total - ok),
        not_above: Some(ok),
        share_required: Some(share),
        share_observed: (total > 0)
            .then(|| crate::domain::decimal::r6(f64::from(ok) / f64::from(total))),
        percentile_value: nearest_rank(&sorted, share),
        max,
        mean,
        ..Numbers::default()
    };
    let outcome = if items.is_empty() {
        Outcome::NotAssessed
    } else if share_reached(ok, total, share) {
        Outcome::Pass
    } else {
        Outcome::Fail
    };
    let findings = if outcome == Outcome::Fail {
        bad.iter()
            .take(MAX_FINDINGS)
            .map(|i| cite.window_finding(i, thr))
            .collect()
    } else {
        Vec::new()
    };
    let count = if outcome == Outcome::Fail {
        total - ok
    } else {
        0
    };
    cite.result(outcome, numbers, findings, count)
}

/// A condition that could not be judged.
pub fn not_assessed(cond: &Condition, note: impl Into<String>) -> ConditionResult {
    ConditionResult {
        id: cond.id.clone(),
        title: cond.title.clone(),
        clause: cond.clause.clone(),
        status: cond.status,
        outcome: Outcome::NotAssessed,
        numbers: Numbers::default(),
        findings: Vec::new(),
        findings_total: 0,
        note: Some(note.into()),
    }
}

/// Whether a condition applies to a pollutant.
pub fn applies(cond: &Condition, code: &str) -> bool {
    let is = |name: &String| {
        crate::domain::pollutant::Pollutant::lookup(name).is_some_and(|p| p.code == code)
    };
    (cond.pollutants.is_empty() || cond.pollutants.iter().any(is))
        && !cond.except_pollutants.iter().any(is)
}
