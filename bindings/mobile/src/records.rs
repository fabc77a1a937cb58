//! Mirrors of the core's report types (UniFFI records: Kotlin data classes, Swift structs).
//!
//! Field names and meanings are the core's (`ecorules::report`); counts are `u32`/`u64`,
//! periods are their names (`hour`, `rolling_24h`), enums are UniFFI enums. Every engine's
//! finding (a report's, a compliance condition's, an alarm, an inspection's) is the one
//! [`Finding`] record, converted from `ecorules::Finding` in one place.

use crate::error::{binding_error, EcorulesError, Result};
use ecorules as r;
use ecorules::ErrorCode;

/// A message in Chinese and English.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Message {
    /// Chinese.
    pub zh: String,
    /// English.
    pub en: String,
}

impl From<r::Message> for Message {
    fn from(m: r::Message) -> Self {
        Message { zh: m.zh, en: m.en }
    }
}

/// What kind of finding it is (names the engine and the [`FindingDetail`] variant).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum FindingKind {
    /// A value above the upper limit in a judged window.
    Exceedance,
    /// A value below the lower limit of a range in a judged window.
    BelowRange,
    /// A compliance-method condition that failed.
    Condition,
    /// An alarm event of a warning rule.
    Alarm,
    /// A checklist item answered non-compliant on site.
    Inspection,
}

impl TryFrom<r::FindingKind> for FindingKind {
    type Error = EcorulesError;
    fn try_from(k: r::FindingKind) -> Result<Self> {
        Ok(match k {
            r::FindingKind::Exceedance => FindingKind::Exceedance,
            r::FindingKind::BelowRange => FindingKind::BelowRange,
            r::FindingKind::Condition => FindingKind::Condition,
            r::FindingKind::Alarm => FindingKind::Alarm,
            r::FindingKind::Inspection => FindingKind::Inspection,
            // The core's enum is `#[non_exhaustive]`: a kind it adds later is a bug here.
            k => return Err(unknown("finding kind", k.as_str())),
        })
    }
}

/// A variant of a non-exhaustive core enum this binding has no mirror for (`internal.bug`).
fn unknown(what: &str, name: &str) -> EcorulesError {
    binding_error(
        ErrorCode::InternalBug,
        &format!("the mobile binding has no mirror of the core's {what} `{name}`"),
    )
}

/// Severity (engine convention, or the checklist item's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum Severity {
    /// Low.
    Low,
    /// Medium.
    Medium,
    /// High.
    High,
}

impl From<r::Severity> for Severity {
    fn from(s: r::Severity) -> Self {
        match s {
            r::Severity::Low => Severity::Low,
            r::Severity::Medium => Severity::Medium,
            r::Severity::High => Severity::High,
        }
    }
}

/// How far a source was checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum SourceStatus {
    /// The official text was read.
    Verified,
    /// A third-party copy or summary was read.
    Secondary,
    /// Not checked.
    Unverified,
}

impl From<ecorules::SourceStatus> for SourceStatus {
    fn from(s: ecorules::SourceStatus) -> Self {
        use ecorules::SourceStatus as S;
        match s {
            S::Verified => SourceStatus::Verified,
            S::Secondary => SourceStatus::Secondary,
            S::Unverified => SourceStatus::Unverified,
        }
    }
}

/// Identity of a pack.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PackRef {
    /// Id.
    pub id: String,
    /// Version.
    pub version: String,
    /// Content hash (`sha256:…`).
    pub hash: String,
}

impl From<ecorules::PackRef> for PackRef {
    fn from(p: ecorules::PackRef) -> Self {
        PackRef {
            id: p.id,
            version: p.version,
            hash: p.hash,
        }
    }
}

/// Legal basis of a limit.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LegalBasis {
    /// Standard or permit.
    pub standard: String,
    /// Clause or table.
    pub clause: Option<String>,
    /// Source status.
    pub status: SourceStatus,
}

impl From<ecorules::LegalBasis> for LegalBasis {
    fn from(b: ecorules::LegalBasis) -> Self {
        LegalBasis {
            standard: b.standard,
            clause: b.clause,
            status: b.status.into(),
        }
    }
}

/// What happened to an alarm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum AlarmEvent {
    /// Opened.
    Opened,
    /// Reached a new peak.
    Updated,
    /// Closed.
    Closed,
}

impl From<r::AlarmEvent> for AlarmEvent {
    fn from(e: r::AlarmEvent) -> Self {
        match e {
            r::AlarmEvent::Opened => AlarmEvent::Opened,
            r::AlarmEvent::Updated => AlarmEvent::Updated,
            r::AlarmEvent::Closed => AlarmEvent::Closed,
        }
    }
}

/// One finding of any engine (mirror of `ecorules::Finding`): a judged window that broke a
/// limit, a failed compliance condition, an alarm event or a non-compliant checklist item.
/// The head is the same for every kind; `detail` carries what only that kind has.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Finding {
    /// Stable finding id (`<outlet>/<subject>/<what>@<start>`).
    pub id: String,
    /// Stable rule id: the limit, `<method>/<condition>`, `<pack>/<rule>` or `<checklist>/<item>`.
    pub rule_id: String,
    /// Kind.
    pub kind: FindingKind,
    /// Severity (`low`, `medium`, `high`).
    pub severity: Severity,
    /// Outlet id.
    pub outlet: Option<String>,
    /// Pollutant code (or the record id of an alarm on a record: see `AlarmDetail.subject`).
    pub pollutant: Option<String>,
    /// Facility.
    pub facility: Option<String>,
    /// Averaging period name (`hour`, `rolling_24h`).
    pub period: Option<String>,
    /// Start (ISO 8601).
    pub start: Option<String>,
    /// End (ISO 8601; exclusive for windows; none while an alarm is open or for a moment).
    pub end: Option<String>,
    /// The value judged, or the alarm's measure.
    pub value: Option<f64>,
    /// The limit or threshold crossed.
    pub limit: Option<f64>,
    /// Unit of value and limit.
    pub unit: Option<String>,
    /// value / upper limit.
    pub ratio: Option<f64>,
    /// The method that judged it (`window_limit`, a method pack id).
    pub method: Option<String>,
    /// Legal basis.
    pub basis: Option<LegalBasis>,
    /// The pack cited (standard, method, warning pack or checklist).
    pub pack: Option<PackRef>,
    /// The finding in one sentence.
    pub message: Message,
    /// What only this kind of finding has.
    pub detail: FindingDetail,
}

/// What only one kind of finding has (mirror of `ecorules::FindingDetail`; the field of each
/// variant is named like its key in the JSON, `detail.limit.evidence`).
#[derive(Debug, Clone, PartialEq, uniffi::Enum)]
pub enum FindingDetail {
    /// A judged window of a limit (kinds `Exceedance`, `BelowRange`).
    Limit {
        /// The detail.
        limit: LimitDetail,
    },
    /// A failed compliance-method condition (kind `Condition`).
    Condition {
        /// The detail.
        condition: ConditionDetail,
    },
    /// An alarm event (kind `Alarm`).
    Alarm {
        /// The detail.
        alarm: AlarmDetail,
    },
    /// A non-compliant checklist item (kind `Inspection`).
    Inspection {
        /// The detail.
        inspection: InspectionDetail,
    },
}

/// What a judged window was computed from.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct LimitDetail {
    /// The validity pack that decided which samples count.
    pub validity_pack: PackRef,
    /// The inputs.
    pub evidence: Evidence,
}

/// Inputs of a judged window.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Evidence {
    /// Valid inputs.
    pub n_valid: u32,
    /// Inputs present.
    pub n_total: u32,
    /// Valid inputs required.
    pub n_required: u32,
    /// Unrounded mean.
    pub raw_value: f64,
    /// Mean O2.
    pub o2: Option<f64>,
    /// Reference O2.
    pub ref_o2: Option<f64>,
}

/// The compliance-method condition a finding breaks.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ConditionDetail {
    /// Condition id, unique in its method pack.
    pub condition: String,
    /// The clause the condition comes from.
    pub clause: String,
}

/// One event of an alarm.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct AlarmDetail {
    /// Opened, updated or closed.
    pub event: AlarmEvent,
    /// What the rule watches: a pollutant code (also the head's `pollutant`), a record id, or none.
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
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct InspectionDetail {
    /// Generated item id.
    pub item: String,
    /// The major item it belongs to.
    pub major: String,
    /// The requirement checked.
    pub text: Message,
    /// The inspector's note.
    pub note: Option<String>,
    /// Evidence references (photo ids).
    pub evidence: Vec<String>,
}

/// The detail of a finding of kind `kind` (named in the error of a detail with no mirror).
fn detail(d: r::FindingDetail, kind: r::FindingKind) -> Result<FindingDetail> {
    Ok(match d {
        r::FindingDetail::Limit(l) => FindingDetail::Limit {
            limit: LimitDetail {
                validity_pack: l.validity_pack.into(),
                evidence: Evidence {
                    n_valid: l.evidence.n_valid,
                    n_total: l.evidence.n_total,
                    n_required: l.evidence.n_required,
                    raw_value: l.evidence.raw_value,
                    o2: l.evidence.o2,
                    ref_o2: l.evidence.ref_o2,
                },
            },
        },
        r::FindingDetail::Condition(c) => FindingDetail::Condition {
            condition: ConditionDetail {
                condition: c.condition,
                clause: c.clause,
            },
        },
        r::FindingDetail::Alarm(a) => FindingDetail::Alarm {
            alarm: AlarmDetail {
                event: a.event.into(),
                subject: a.subject,
                at: a.at,
                duration_s: a.duration_s,
                peak: a.peak,
                peak_at: a.peak_at,
                signals: a.signals,
            },
        },
        r::FindingDetail::Inspection(i) => FindingDetail::Inspection {
            inspection: InspectionDetail {
                item: i.item,
                major: i.major,
                text: i.text.into(),
                note: i.note,
                evidence: i.evidence,
            },
        },
        // The core's enum is `#[non_exhaustive]`: a detail it adds later is a bug here.
        _ => return Err(unknown("finding detail of kind", kind.as_str())),
    })
}

/// The one conversion of every engine's findings (report, compliance, alarms, inspections).
impl TryFrom<r::Finding> for Finding {
    type Error = EcorulesError;
    fn try_from(f: r::Finding) -> Result<Self> {
        let kind = f.kind;
        Ok(Finding {
            id: f.id,
            rule_id: f.rule_id,
            kind: kind.try_into()?,
            severity: f.severity.into(),
            outlet: f.outlet,
            pollutant: f.pollutant,
            facility: f.facility,
            period: f.period.map(|p| p.name().into_owned()),
            start: f.start,
            end: f.end,
            value: f.value,
            limit: f.limit,
            unit: f.unit,
            ratio: f.ratio,
            method: f.method,
            basis: f.basis.map(Into::into),
            pack: f.pack.map(Into::into),
            message: f.message.into(),
            detail: detail(f.detail, kind)?,
        })
    }
}

/// Core findings to records.
pub(crate) fn findings(v: Vec<r::Finding>) -> Result<Vec<Finding>> {
    v.into_iter().map(TryInto::try_into).collect()
}

/// Consecutive breaching windows, merged.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Event {
    /// Rule id.
    pub rule_id: String,
    /// Kind.
    pub kind: FindingKind,
    /// Outlet.
    pub outlet: String,
    /// Pollutant.
    pub pollutant: String,
    /// Period name.
    pub period: String,
    /// Start.
    pub start: String,
    /// End.
    pub end: String,
    /// Duration in seconds.
    pub duration_s: i64,
    /// Windows.
    pub windows: u32,
    /// Peak value.
    pub peak_value: f64,
    /// Peak ratio.
    pub peak_ratio: Option<f64>,
    /// Limit.
    pub limit: f64,
    /// Message.
    pub message: Message,
}

impl TryFrom<r::Event> for Event {
    type Error = EcorulesError;
    fn try_from(e: r::Event) -> Result<Self> {
        Ok(Event {
            rule_id: e.rule_id,
            kind: e.kind.try_into()?,
            outlet: e.outlet,
            pollutant: e.pollutant,
            period: e.period.name().into_owned(),
            start: e.start,
            end: e.end,
            duration_s: e.duration_s,
            windows: e.windows,
            peak_value: e.peak_value,
            peak_ratio: e.peak_ratio,
            limit: e.limit,
            message: e.message.into(),
        })
    }
}

/// Windows by validity.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct WindowCounts {
    /// With any data.
    pub present: u32,
    /// Valid.
    pub valid: u32,
    /// Too few valid inputs.
    pub too_few_valid: u32,
    /// O2 invalid.
    pub o2_invalid: u32,
    /// Outside the period.
    pub outside_period: u32,
    /// Expected.
    pub expected: u32,
}

/// Excluded samples per HJ 212 flag.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct FlagCounts {
    /// N.
    pub n: u64,
    /// F.
    pub f: u64,
    /// M.
    pub m: u64,
    /// S.
    pub s: u64,
    /// D.
    pub d: u64,
    /// C.
    pub c: u64,
    /// T.
    pub t: u64,
    /// B.
    pub b: u64,
}

/// Samples by validity.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SampleCounts {
    /// All.
    pub total: u64,
    /// Valid.
    pub valid: u64,
    /// Excluded by flag.
    pub by_flag: FlagCounts,
    /// NaN or infinite.
    pub not_finite: u64,
    /// Negative.
    pub negative: u64,
    /// Out of physical range.
    pub out_of_range: u64,
}

/// Statistics of one rule.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Statistic {
    /// Rule id.
    pub rule_id: String,
    /// Outlet.
    pub outlet: String,
    /// Pollutant.
    pub pollutant: String,
    /// Period name.
    pub period: String,
    /// Upper limit.
    pub max: Option<f64>,
    /// Lower limit.
    pub min: Option<f64>,
    /// Windows.
    pub windows: WindowCounts,
    /// Capture rate.
    pub capture_rate: f64,
    /// Exceedances.
    pub exceedances: u32,
    /// Below range.
    pub below_range: u32,
    /// Events.
    pub events: u32,
    /// Longest event in windows.
    pub longest_event_windows: u32,
    /// Highest value.
    pub max_value: Option<f64>,
    /// Highest ratio.
    pub max_ratio: Option<f64>,
    /// Samples.
    pub samples: SampleCounts,
}

impl From<r::Statistic> for Statistic {
    fn from(s: r::Statistic) -> Self {
        let w = s.windows;
        let c = s.samples;
        let f = c.by_flag;
        Statistic {
            rule_id: s.rule_id,
            outlet: s.outlet,
            pollutant: s.pollutant,
            period: s.period.name().into_owned(),
            max: s.max,
            min: s.min,
            windows: WindowCounts {
                present: w.present,
                valid: w.valid,
                too_few_valid: w.too_few_valid,
                o2_invalid: w.o2_invalid,
                outside_period: w.outside_period,
                expected: w.expected,
            },
            capture_rate: s.capture_rate,
            exceedances: s.exceedances,
            below_range: s.below_range,
            events: s.events,
            longest_event_windows: s.longest_event_windows,
            max_value: s.max_value,
            max_ratio: s.max_ratio,
            samples: SampleCounts {
                total: c.total,
                valid: c.valid,
                by_flag: FlagCounts {
                    n: f.n,
                    f: f.f,
                    m: f.m,
                    s: f.s,
                    d: f.d,
                    c: f.c,
                    t: f.t,
                    b: f.b,
                },
                not_finite: c.not_finite,
                negative: c.negative,
                out_of_range: c.out_of_range,
            },
        }
    }
}

/// A remark that is not a finding.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Note {
    /// Code.
    pub code: String,
    /// Outlet.
    pub outlet: Option<String>,
    /// Pollutant.
    pub pollutant: Option<String>,
    /// Message.
    pub message: Message,
}

/// The result of one evaluation.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Report {
    /// Permit id.
    pub permit: String,
    /// Enterprise.
    pub enterprise: String,
    /// Findings.
    pub findings: Vec<Finding>,
    /// Events.
    pub events: Vec<Event>,
    /// Statistics.
    pub statistics: Vec<Statistic>,
    /// Notes.
    pub notes: Vec<Note>,
    /// Packs cited.
    pub packs: Vec<PackRef>,
}

impl TryFrom<r::Report> for Report {
    type Error = EcorulesError;
    fn try_from(rep: r::Report) -> Result<Self> {
        Ok(Report {
            permit: rep.permit,
            enterprise: rep.enterprise,
            findings: findings(rep.findings)?,
            events: rep
                .events
                .into_iter()
                .map(TryInto::try_into)
                .collect::<Result<_>>()?,
            statistics: rep.statistics.into_iter().map(Into::into).collect(),
            notes: rep
                .notes
                .into_iter()
                .map(|n| Note {
                    code: n.code,
                    outlet: n.outlet,
                    pollutant: n.pollutant,
                    message: n.message.into(),
                })
                .collect(),
            packs: rep.packs.into_iter().map(Into::into).collect(),
        })
    }
}
