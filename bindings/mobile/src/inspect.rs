//! Permit-based inspections as a native object that survives the app being killed
//! (`to_bytes` → store → `Inspection.restore`).

use crate::error::{binding_error, Result};
use crate::packs::{checklist_set, ChecklistRef, PackDocument};
use crate::plan::Plan;
use crate::records::{findings, Finding, Message, Severity, SourceStatus};
use ecorules::ErrorCode;
use std::sync::{Arc, Mutex};

/// The inspector's verdict on an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum AnswerStatus {
    /// Complies.
    Compliant,
    /// Does not comply: becomes a finding.
    NonCompliant,
    /// Does not apply on site.
    NotApplicable,
}

impl From<AnswerStatus> for ecorules::AnswerStatus {
    fn from(s: AnswerStatus) -> Self {
        match s {
            AnswerStatus::Compliant => ecorules::AnswerStatus::Compliant,
            AnswerStatus::NonCompliant => ecorules::AnswerStatus::NonCompliant,
            AnswerStatus::NotApplicable => ecorules::AnswerStatus::NotApplicable,
        }
    }
}

impl From<ecorules::AnswerStatus> for AnswerStatus {
    fn from(s: ecorules::AnswerStatus) -> Self {
        match s {
            ecorules::AnswerStatus::Compliant => AnswerStatus::Compliant,
            ecorules::AnswerStatus::NonCompliant => AnswerStatus::NonCompliant,
            ecorules::AnswerStatus::NotApplicable => AnswerStatus::NotApplicable,
        }
    }
}

/// Legal basis of a checklist item.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ItemBasis {
    /// Law or regulation.
    pub law: String,
    /// Article.
    pub article: Option<String>,
    /// How far the citation was checked.
    pub status: SourceStatus,
}

impl From<ecorules::host::ItemBasis> for ItemBasis {
    fn from(b: ecorules::host::ItemBasis) -> Self {
        ItemBasis {
            law: b.law,
            article: b.article,
            status: b.status.into(),
        }
    }
}

/// One item to answer, generated for the permit.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct InspectionItem {
    /// Stable id (`2.3@DW001/w01018`).
    pub id: String,
    /// Pack item id.
    pub item: String,
    /// Major item id.
    pub major: String,
    /// Major item heading.
    pub major_text: Message,
    /// What to check.
    pub text: Message,
    /// Outlet.
    pub outlet: Option<String>,
    /// Pollutant code.
    pub pollutant: Option<String>,
    /// Facility.
    pub facility: Option<String>,
    /// Legal basis.
    pub basis: ItemBasis,
    /// Severity if non-compliant.
    pub severity: Severity,
}

impl From<ecorules::GeneratedItem> for InspectionItem {
    fn from(i: ecorules::GeneratedItem) -> Self {
        InspectionItem {
            id: i.id,
            item: i.item,
            major: i.major,
            major_text: i.major_text.into(),
            text: i.text.into(),
            outlet: i.outlet,
            pollutant: i.pollutant,
            facility: i.facility,
            basis: i.basis.into(),
            severity: i.severity.into(),
        }
    }
}

/// An answer.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Answer {
    /// Item id.
    pub item: String,
    /// Verdict.
    pub status: AnswerStatus,
    /// Note.
    pub note: Option<String>,
    /// Evidence references (photo ids).
    pub evidence: Vec<String>,
    /// Unix seconds.
    pub at: i64,
}

/// How to start an inspection.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct StartOptions {
    /// Inspection (case) id.
    pub id: Option<String>,
    /// Inspector.
    pub inspector: Option<String>,
    /// Treatment facilities named in the permit, for per-facility items.
    pub facilities: Vec<String>,
}

/// Non-compliant items by severity.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SeverityCounts {
    /// Low.
    pub low: u32,
    /// Medium.
    pub medium: u32,
    /// High.
    pub high: u32,
}

/// Counts.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct InspectionSummary {
    /// Items generated.
    pub items: u32,
    /// Answered.
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
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct InspectionReport {
    /// Inspection id.
    pub id: Option<String>,
    /// Inspector.
    pub inspector: Option<String>,
    /// Permit.
    pub permit: String,
    /// Enterprise.
    pub enterprise: String,
    /// Checklist used.
    pub checklist: ChecklistRef,
    /// Start.
    pub started_at: i64,
    /// End.
    pub finished_at: i64,
    /// Findings (kind `Inspection`, the item, note and evidence in `InspectionDetail`), in
    /// checklist order.
    pub findings: Vec<Finding>,
    /// Unanswered item ids.
    pub unanswered: Vec<String>,
    /// Counts.
    pub summary: InspectionSummary,
}

impl TryFrom<ecorules::InspectionReport> for InspectionReport {
    type Error = crate::error::EcorulesError;
    fn try_from(r: ecorules::InspectionReport) -> Result<Self> {
        let s = r.summary;
        let c = s.non_compliant_by_severity;
        Ok(InspectionReport {
            id: r.id,
            inspector: r.inspector,
            permit: r.permit,
            enterprise: r.enterprise,
            checklist: r.checklist.into(),
            started_at: r.started_at,
            finished_at: r.finished_at,
            findings: findings(r.findings)?,
            unanswered: r.unanswered,
            summary: InspectionSummary {
                items: s.items,
                checked: s.checked,
                compliant: s.compliant,
                non_compliant: s.non_compliant,
                not_applicable: s.not_applicable,
                unanswered: s.unanswered,
                non_compliant_by_severity: SeverityCounts {
                    low: c.low,
                    medium: c.medium,
                    high: c.high,
                },
            },
        })
    }
}

/// An open inspection. Thread-safe; answers may come from any thread.
#[derive(Debug, uniffi::Object)]
pub struct Inspection {
    state: Mutex<ecorules::Inspection>,
}

impl Inspection {
    fn with<T>(&self, f: impl FnOnce(&mut ecorules::Inspection) -> Result<T>) -> Result<T> {
        let mut guard = self.state.lock().map_err(|_| {
            binding_error(
                ErrorCode::StatePoisoned,
                "the inspection was left inconsistent by a crash in another thread; restore it from the last saved bytes",
            )
        })?;
        f(&mut guard)
    }
}

#[uniffi::export]
impl Inspection {
    /// Starts an inspection of `plan`'s permit with checklist `checklist_id` (embedded, or
    /// one of `checklists`, downloaded packs verified by their hash) at `now` (Unix s).
    #[uniffi::constructor]
    pub fn start(
        plan: Arc<Plan>,
        checklist_id: String,
        options: StartOptions,
        now: i64,
        checklists: Vec<PackDocument>,
    ) -> Result<Arc<Inspection>> {
        let set = checklist_set(&checklists)?;
        let opts = ecorules::StartOptions {
            id: options.id,
            inspector: options.inspector,
            facilities: options.facilities,
        };
        let state = ecorules::Inspection::start(&plan.inner, &set, &checklist_id, &opts, now)?;
        Ok(Arc::new(Inspection {
            state: Mutex::new(state),
        }))
    }

    /// Restores an inspection saved with [`Inspection::to_bytes`]; damaged or foreign bytes
    /// are an `EcorulesError.State`.
    #[uniffi::constructor]
    pub fn restore(bytes: Vec<u8>) -> Result<Arc<Inspection>> {
        let state = ecorules::Inspection::restore(&bytes)?;
        Ok(Arc::new(Inspection {
            state: Mutex::new(state),
        }))
    }

    /// Every item, in checklist order.
    pub fn items(&self) -> Result<Vec<InspectionItem>> {
        self.with(|s| Ok(s.items.iter().cloned().map(Into::into).collect()))
    }

    /// Items not answered yet.
    pub fn open_items(&self) -> Result<Vec<InspectionItem>> {
        self.with(|s| Ok(s.open_items().cloned().map(Into::into).collect()))
    }

    /// Answers so far.
    pub fn answers(&self) -> Result<Vec<Answer>> {
        self.with(|s| {
            Ok(s.answers
                .iter()
                .map(|a| Answer {
                    item: a.item.clone(),
                    status: a.status.into(),
                    note: a.note.clone(),
                    evidence: a.evidence.clone(),
                    at: a.at,
                })
                .collect())
        })
    }

    /// Records (or replaces) the answer to an item.
    pub fn answer(&self, answer: Answer) -> Result<()> {
        self.with(|s| {
            s.answer(ecorules::Answer {
                item: answer.item,
                status: answer.status.into(),
                note: answer.note,
                evidence: answer.evidence,
                at: answer.at,
            })?;
            Ok(())
        })
    }

    /// The checklist used.
    pub fn checklist(&self) -> Result<ChecklistRef> {
        self.with(|s| Ok(s.checklist.clone().into()))
    }

    /// Saves the inspection (versioned UTF-8 JSON bytes).
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        self.with(|s| Ok(s.to_bytes()?))
    }

    /// Saves the inspection as JSON text.
    pub fn to_json(&self) -> Result<String> {
        self.with(|s| Ok(s.to_json()?))
    }

    /// Finishes at `now` (Unix s): findings with legal basis and a summary. The
    /// inspection stays open; finishing again later gives a new report.
    pub fn finish(&self, now: i64) -> Result<InspectionReport> {
        self.with(|s| Ok(s.finish(now)))?.try_into()
    }
}
