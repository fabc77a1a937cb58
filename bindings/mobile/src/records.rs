//! Mirrors of the core's report types (UniFFI records: Kotlin data classes, Swift structs).
//!
//! Field names and meanings are the core's (`ecorules::report`); counts are `u32`/`u64`,
//! periods are their names (`hour`, `rolling_24h`), enums are UniFFI enums.

use ecorules as r;

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

/// Kind of breach.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum FindingKind {
    /// Above the upper limit.
    Exceedance,
    /// Below the lower limit of a range.
    BelowRange,
}

impl From<r::FindingKind> for FindingKind {
    fn from(k: r::FindingKind) -> Self {
        match k {
            r::FindingKind::Exceedance => FindingKind::Exceedance,
            r::FindingKind::BelowRange => FindingKind::BelowRange,
        }
    }
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

/// One judged window that broke a limit.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Finding {
    /// Stable rule id.
    pub rule_id: String,
    /// Kind.
    pub kind: FindingKind,
    /// Severity.
    pub severity: Severity,
    /// Outlet.
    pub outlet: String,
    /// Pollutant code.
    pub pollutant: String,
    /// Period name.
    pub period: String,
    /// Window start (local ISO 8601).
    pub start: String,
    /// Window end.
    pub end: String,
    /// Value as judged.
    pub value: f64,
    /// Limit crossed.
    pub limit: f64,
    /// Unit.
    pub unit: String,
    /// value / upper limit.
    pub ratio: Option<f64>,
    /// Method.
    pub method: String,
    /// Legal basis.
    pub basis: LegalBasis,
    /// Standard pack.
    pub pack: Option<PackRef>,
    /// Validity pack.
    pub validity_pack: PackRef,
    /// Evidence.
    pub evidence: Evidence,
    /// Message.
    pub message: Message,
}

impl From<r::Finding> for Finding {
    fn from(f: r::Finding) -> Self {
        Finding {
            rule_id: f.rule_id,
            kind: f.kind.into(),
            severity: f.severity.into(),
            outlet: f.outlet,
            pollutant: f.pollutant,
            period: f.period.name().into_owned(),
            start: f.start,
            end: f.end,
            value: f.value,
            limit: f.limit,
            unit: f.unit,
            ratio: f.ratio,
            method: f.method,
            basis: f.basis.into(),
            pack: f.pack.map(Into::into),
            validity_pack: f.validity_pack.into(),
            evidence: Evidence {
                n_valid: f.evidence.n_valid,
                n_total: f.evidence.n_total,
                n_required: f.evidence.n_required,
                raw_value: f.evidence.raw_value,
                o2: f.evidence.o2,
                ref_o2: f.evidence.ref_o2,
            },
            message: f.message.into(),
        }
    }
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

impl From<r::Event> for Event {
    fn from(e: r::Event) -> Self {
        Event {
            rule_id: e.rule_id,
            kind: e.kind.into(),
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
        }
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

impl From<r::Report> for Report {
    fn from(rep: r::Report) -> Self {
        Report {
            permit: rep.permit,
            enterprise: rep.enterprise,
            findings: rep.findings.into_iter().map(Into::into).collect(),
            events: rep.events.into_iter().map(Into::into).collect(),
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
        }
    }
}
