//! Closing an inspection: non-compliant answers become findings with their legal basis.
//!
//! The summary says how much was looked at — a report with no findings means nothing if
//! half the items were never answered — and how serious the breaches are, by severity.

use super::generate::GeneratedItem;
use super::session::{Answer, AnswerStatus, Inspection};
use crate::packs::checklist::ChecklistRef;
use crate::plan::{LegalBasis, PackRef};
use crate::report::{
    finding_id, Finding, FindingDetail, FindingKind, InspectionDetail, Message, Severity,
};
use serde::{Deserialize, Serialize};

/// Non-compliant items by severity.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema,
)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct SeverityCounts {
    /// Low.
    pub low: u32,
    /// Medium.
    pub medium: u32,
    /// High.
    pub high: u32,
}

/// How much was checked and found.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema,
)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct InspectionSummary {
    /// Items generated for the permit.
    pub items: u32,
    /// Items answered (compliant, non-compliant or not applicable).
    pub checked: u32,
    /// Compliant.
    pub compliant: u32,
    /// Non-compliant.
    pub non_compliant: u32,
    /// Not applicable.
    pub not_applicable: u32,
    /// Not answered.
    pub unanswered: u32,
    /// Non-compliant by severity.
    pub non_compliant_by_severity: SeverityCounts,
}

/// The result of an inspection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct InspectionReport {
    /// Inspection id.
    pub id: Option<String>,
    /// Inspector.
    pub inspector: Option<String>,
    /// Permit number.
    pub permit: String,
    /// Enterprise.
    pub enterprise: String,
    /// Checklist used.
    pub checklist: ChecklistRef,
    /// Start (Unix seconds).
    pub started_at: i64,
    /// End (Unix seconds).
    pub finished_at: i64,
    /// Findings, in checklist order.
    pub findings: Vec<Finding>,
    /// Items not answered, in checklist order.
    pub unanswered: Vec<String>,
    /// Counts.
    pub summary: InspectionSummary,
}

impl Inspection {
    /// Finishes the inspection at `now` (Unix seconds, from the host).
    pub fn finish(&self, now: i64) -> InspectionReport {
        let mut s = InspectionSummary::default();
        let mut findings = Vec::new();
        let mut unanswered = Vec::new();
        for item in &self.items {
            s.items += 1;
            let Some(a) = self.answer_of(&item.id) else {
                s.unanswered += 1;
                unanswered.push(item.id.clone());
                continue;
            };
            s.checked += 1;
            match a.status {
                AnswerStatus::Compliant => s.compliant += 1,
                AnswerStatus::NotApplicable => s.not_applicable += 1,
                AnswerStatus::NonCompliant => {
                    s.non_compliant += 1;
                    let c = &mut s.non_compliant_by_severity;
                    match item.severity {
                        Severity::Low => c.low += 1,
                        Severity::Medium => c.medium += 1,
                        Severity::High => c.high += 1,
                    }
                    findings.push(self.finding(item, a));
                }
            }
        }
        InspectionReport {
            id: self.id.clone(),
            inspector: self.inspector.clone(),
            permit: self.permit.clone(),
            enterprise: self.enterprise.clone(),
            checklist: self.checklist.clone(),
            started_at: self.started_at,
            finished_at: now,
            findings,
            unanswered,
            summary: s,
        }
    }
}

impl Inspection {
    /// The finding of a non-compliant answer: the item is the rule, recorded at the answer's
    /// time (UTC: the host gives Unix seconds and a checklist carries no zone).
    fn finding(&self, item: &GeneratedItem, a: &Answer) -> Finding {
        let rule_id = format!("{}/{}", self.checklist.id, item.id);
        let at = crate::domain::zones::format_local(a.at, &jiff::tz::TimeZone::UTC);
        Finding {
            id: finding_id(
                item.outlet.as_deref(),
                item.pollutant.as_deref(),
                &rule_id,
                Some(&at),
            ),
            rule_id,
            kind: FindingKind::Inspection,
            severity: item.severity,
            outlet: item.outlet.clone(),
            pollutant: item.pollutant.clone(),
            facility: item.facility.clone(),
            period: None,
            start: Some(at),
            end: None,
            value: None,
            limit: None,
            unit: None,
            ratio: None,
            method: None,
            basis: Some(LegalBasis {
                standard: item.basis.law.clone(),
                clause: item.basis.article.clone(),
                status: item.basis.status,
            }),
            pack: Some(PackRef {
                id: self.checklist.id.clone(),
                version: self.checklist.version.clone(),
                hash: self.checklist.hash.clone(),
            }),
            message: message(item),
            detail: FindingDetail::Inspection(InspectionDetail {
                item: item.id.clone(),
                major: item.major.clone(),
                text: item.text.clone(),
                note: a.note.clone(),
                evidence: a.evidence.clone(),
            }),
        }
    }
}

fn message(item: &GeneratedItem) -> Message {
    let b = &item.basis;
    let (zh_art, en_art) = match &b.article {
        Some(a) => (a.clone(), format!(" {a}")),
        None => (String::new(), String::new()),
    };
    Message {
        zh: format!(
            "检查项“{}”不符合要求。要求:{}(依据《{}》{})",
            item.id, item.text.zh, b.law, zh_art
        ),
        en: format!(
            "item {} not complied with. Requirement: {} (basis: {}{})",
            item.id, item.text.en, b.law, en_art
        ),
    }
}
