//! The one finding family: what every engine says when something is wrong.
//!
//! A limit broken in an hourly window, a compliance condition failed over a month, an alarm
//! opened by a warning rule and a checklist item found non-compliant on site are four
//! [`Finding`]s with one head — a stable id, the rule, the kind, one [`Severity`] scale, the
//! subject (outlet, pollutant, facility), the window, the value against the limit, the legal
//! basis, the pack (id, version, content hash) and a message in Chinese and English — and a
//! typed [`FindingDetail`] that carries what only that kind has (the sample counts of a window,
//! the condition and clause of a method, the event and peak of an alarm, the inspector's note
//! and evidence). A host that lists, ranks, exports or follows findings reads the head and
//! never has to know which engine spoke.
//!
//! **Times** are ISO 8601 text in the subject's local time at the grain of the window: a
//! datetime with its UTC offset for clock windows, alarms and inspections (an inspection is
//! written in UTC: the host records its answers in Unix seconds and the checklist carries no
//! zone), a date for mass caps, a month (`YYYY-MM`) for monthly discharge reports. `end` is
//! exclusive for clock windows and `null` while an alarm is open or for a single point in time.
//!
//! **Ids** are derived from what the finding is about, never from the pack or the limit value,
//! so the same breach found again (the next run over the same data, another host, a renewed
//! permit or a new pack version) has the same id: `<outlet>/<subject>/<what>@<start>`, where the
//! subject is the pollutant code (or a warning rule's record id), `what` is the kind and the
//! averaging period of a limit (`exceedance/hour`, `below_range/day`), `<method>/<condition>`
//! of a compliance method, `<pack>/<rule>` of a warning rule or `<checklist>/<item>` of an
//! inspection, and `-` stands for a part the finding has not. Ids are unique within one
//! permit's report; a fleet of permits prefixes the enterprise.

use crate::domain::period::Period;
use crate::judge::warn::AlarmEvent;
use crate::plan::{LegalBasis, PackRef};
use serde::{Deserialize, Serialize};

pub use crate::domain::severity::Severity;
pub use crate::domain::text::Message;

/// What kind of finding it is; the kind names the engine and the [`FindingDetail`] variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[non_exhaustive]
pub enum FindingKind {
    /// A value above the upper limit (超标) in a judged window.
    Exceedance,
    /// A value below the lower limit of a range (pH below 6) in a judged window.
    BelowRange,
    /// A compliance-method condition that failed (a window, month, report or cap behind it).
    Condition,
    /// An alarm event of a warning rule (opened, updated, closed).
    Alarm,
    /// A checklist item answered non-compliant on site.
    Inspection,
}

impl FindingKind {
    /// The kind's wire word (`exceedance`, `below_range`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::Exceedance => "exceedance",
            FindingKind::BelowRange => "below_range",
            FindingKind::Condition => "condition",
            FindingKind::Alarm => "alarm",
            FindingKind::Inspection => "inspection",
        }
    }
}

/// One finding of any engine: the common head and a typed detail.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[non_exhaustive]
pub struct Finding {
    /// Stable finding id, derived from the rule, the subject and the start (module doc).
    pub id: String,
    /// Stable rule id: the limit, `<method>/<condition>`, `<pack>/<rule>` or `<checklist>/<item>`.
    pub rule_id: String,
    /// Kind.
    pub kind: FindingKind,
    /// Severity on the one scale (`low`, `medium`, `high`).
    pub severity: Severity,
    /// Outlet (or outfall) id, if the finding is about one.
    pub outlet: Option<String>,
    /// Pollutant (HJ 212-2017 code), parameter, signal or record id, if any.
    pub pollutant: Option<String>,
    /// Facility (a treatment or production unit), if any.
    pub facility: Option<String>,
    /// Averaging period of the window, if the finding is about averages.
    pub period: Option<Period>,
    /// Start of the window, the alarm or the moment recorded (ISO 8601, module doc).
    pub start: Option<String>,
    /// End of the window (exclusive) or of the alarm; `null` while open or for a moment.
    pub end: Option<String>,
    /// The value judged (rounded where the rule says so), or the alarm's measure.
    pub value: Option<f64>,
    /// The limit or threshold crossed.
    pub limit: Option<f64>,
    /// Unit of value and limit.
    pub unit: Option<String>,
    /// value / limit, where the finding compares a value with an upper limit.
    pub ratio: Option<f64>,
    /// The method that judged it (`window_limit`, a method pack id), if any.
    pub method: Option<String>,
    /// Legal basis: standard or law, clause, how far it was checked.
    pub basis: Option<LegalBasis>,
    /// The pack the finding cites (standard, method, warning pack or checklist).
    pub pack: Option<PackRef>,
    /// The finding in one sentence, zh and en.
    pub message: Message,
    /// What only this kind of finding has.
    pub detail: FindingDetail,
}

/// What only one kind of finding has (serialised as `{"<kind>": {...}}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[non_exhaustive]
pub enum FindingDetail {
    /// A judged window of a limit (kinds `exceedance`, `below_range`).
    Limit(LimitDetail),
    /// A failed compliance-method condition (kind `condition`).
    Condition(ConditionDetail),
    /// An alarm event (kind `alarm`).
    Alarm(AlarmDetail),
    /// A non-compliant checklist item (kind `inspection`).
    Inspection(InspectionDetail),
}

/// The evidence of a judged window: what its value was computed from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[non_exhaustive]
pub struct LimitDetail {
    /// The validity pack that decided which samples count.
    pub validity_pack: PackRef,
    /// The inputs.
    pub evidence: Evidence,
}

/// The inputs a window was computed from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[non_exhaustive]
pub struct Evidence {
    /// Valid inputs (minutes of an hour, hours of a day).
    pub n_valid: u32,
    /// Inputs present.
    pub n_total: u32,
    /// Valid inputs required.
    pub n_required: u32,
    /// Unrounded mean (corrected to reference O2 where applicable).
    pub raw_value: f64,
    /// Mean O2 of the window (%), when a correction was applied.
    pub o2: Option<f64>,
    /// Reference O2 (%), when a correction was applied.
    pub ref_o2: Option<f64>,
}

/// The condition of a compliance method a finding breaks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[non_exhaustive]
pub struct ConditionDetail {
    /// Condition id, unique in its method pack.
    pub condition: String,
    /// The clause the condition comes from.
    pub clause: String,
}

/// One event of an alarm.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[non_exhaustive]
pub struct AlarmDetail {
    /// `opened`, `updated` or `closed`.
    pub event: AlarmEvent,
    /// What the rule instance watches: a pollutant code (also the head's `pollutant`), a
    /// record id (a ledger, approval or rectification), or none (the permit).
    pub subject: Option<String>,
    /// When this event happened (ISO 8601).
    pub at: String,
    /// Seconds from the start to this event.
    pub duration_s: i64,
    /// Highest measure since the start.
    pub peak: Option<f64>,
    /// When the peak was reached (ISO 8601).
    pub peak_at: Option<String>,
    /// Signals the rule read (codes).
    pub signals: Vec<String>,
}

/// A checklist item found non-compliant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[non_exhaustive]
pub struct InspectionDetail {
    /// Generated item id.
    pub item: String,
    /// The major item it belongs to.
    pub major: String,
    /// The requirement checked, zh and en.
    pub text: Message,
    /// The inspector's note.
    pub note: Option<String>,
    /// References to the evidence taken (photos, documents).
    pub evidence: Vec<String>,
}

impl Finding {
    /// The detail of a limit finding.
    pub fn limit_detail(&self) -> Option<&LimitDetail> {
        match &self.detail {
            FindingDetail::Limit(d) => Some(d),
            _ => None,
        }
    }

    /// The detail of a compliance-method finding.
    pub fn condition_detail(&self) -> Option<&ConditionDetail> {
        match &self.detail {
            FindingDetail::Condition(d) => Some(d),
            _ => None,
        }
    }

    /// The detail of an alarm.
    pub fn alarm_detail(&self) -> Option<&AlarmDetail> {
        match &self.detail {
            FindingDetail::Alarm(d) => Some(d),
            _ => None,
        }
    }

    /// The detail of an inspection finding.
    pub fn inspection_detail(&self) -> Option<&InspectionDetail> {
        match &self.detail {
            FindingDetail::Inspection(d) => Some(d),
            _ => None,
        }
    }
}

/// The id of a finding: `<outlet>/<subject>/<what>@<start>`, `-` for a part it has not, no
/// `@` part without a start (module doc).
pub(crate) fn finding_id(
    outlet: Option<&str>,
    subject: Option<&str>,
    what: &str,
    start: Option<&str>,
) -> String {
    let mut id = String::with_capacity(64);
    id.push_str(outlet.unwrap_or("-"));
    id.push('/');
    id.push_str(subject.unwrap_or("-"));
    id.push('/');
    id.push_str(what);
    if let Some(s) = start {
        id.push('@');
        id.push_str(s);
    }
    id
}

#[cfg(test)]
mod tests {
    use super::{finding_id, FindingKind};

    #[test]
    fn kind_words_are_the_wire_words() {
        for k in [
            FindingKind::Exceedance,
            FindingKind::BelowRange,
            FindingKind::Condition,
            FindingKind::Alarm,
            FindingKind::Inspection,
        ] {
            assert_eq!(
                serde_json::to_value(k).unwrap(),
                serde_json::json!(k.as_str())
            );
        }
    }

    #[test]
    fn ids_name_the_subject_what_was_broken_and_the_start() {
        assert_eq!(
            finding_id(
                Some("DA001"),
                Some("a21026"),
                "exceedance/hour",
                Some("2025-01-01T00:00:00+08:00")
            ),
            "DA001/a21026/exceedance/hour@2025-01-01T00:00:00+08:00"
        );
        assert_eq!(
            finding_id(
                Some("DA001"),
                Some("a21026"),
                "cn-auto-monitoring/hourly",
                Some("2025-01")
            ),
            "DA001/a21026/cn-auto-monitoring/hourly@2025-01"
        );
        assert_eq!(
            finding_id(None, Some("L1"), "records/ledger-overdue", None),
            "-/L1/records/ledger-overdue"
        );
    }
}
