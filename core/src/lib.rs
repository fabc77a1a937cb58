#![doc = include_str!("../../README.md")]
//!
//! # The face of the crate
//!
//! The flow runs one way — ingest ([`Readings`]) → prepare (validity, windows) → judge
//! (limits, compliance methods, warnings) → report ([`Report`], [`ComplianceReport`],
//! [`Alarm`]) — and the rule packs of every kind, held by one [`Catalog`], with a
//! [`Permit`] compile once into a [`Plan`]. Every room is private; what is re-exported here
//! is the library. [`host`] holds the typed request documents and loaders the bindings
//! convert; [`hj212`] is the protocol namespace. See `docs/ARCHITECTURE.md` for the rooms.

// Every room is private; the face below is what users and bindings see.
mod diag;
mod domain;
mod ingest;
mod inspect;
mod judge;
mod packs;
mod plan;
mod prepare;
mod report;

pub mod host;
#[cfg(feature = "testkit")]
pub mod testkit;

/// HJ 212-2017: the data-transfer protocol of China's automatic monitoring systems —
/// framing and CRC, packet headers, the data area, a streaming decoder, an encoder and the
/// conversion of data packets into [`Readings`].
pub mod hj212 {
    pub use crate::ingest::hj212::cp::{format_compact_time, parse_compact_time};
    pub use crate::ingest::hj212::{
        decode_bytes, decode_request, decode_vector_input, encode, encode_segment, parse_mn_map,
        Cn, DataArea, DataKind, DecodeOptions, DecodeOutput, DecodeRequest, DecodeResult, Decoder,
        Diagnostic, DiagnosticKind, Event, FactorFields, Hj212Error, Packet, PacketFlag,
        ReadingsCollector, Severity, ValueChoice, ValueSuffix, Version, DEFAULT_TIME_ZONE,
    };
}

// diagnostics
pub use diag::source::SourceText;
pub use diag::{Error, ErrorCode, ErrorEnvelope, ErrorKind, Result, UnknownErrorCode};
// vocabulary
pub use domain::calendar::{Calendar, Grain};
pub use domain::period::Period;
pub use domain::pollutant::{Pollutant, OXYGEN};
pub use domain::severity::Level;
pub use domain::text::{Lang, Message};
pub use domain::units::Unit;
// data
pub use ingest::readings::json::TimeValue;
pub use ingest::readings::{
    Column, DataFormat, DuplicatePolicy, Flag, Frame, LoadOptions, Readings,
};
// packs and permits
pub use packs::catalog::{Catalog, CatalogKind, PackInfo, PackSource};
pub use packs::checklist::model::ChecklistPack;
pub use packs::checklist::{ChecklistInfo, ChecklistRef, LoadedChecklist};
pub use packs::method::{LoadedMethod, MethodKind, MethodPack};
pub use packs::permit::Permit;
pub use packs::standard::model::{PackKind, SourceStatus};
pub use packs::standard::LoadedPack;
pub use packs::warning::WarningPack;
// the compiled plan
pub use plan::{CompiledLimit, CompiledOutlet, LegalBasis, PackRef, Plan};
// judgement
pub use judge::comply::{
    ComplyOptions, DateRange, DmrRecord, IuReport, IuSample, Records, StatePeriod,
};
pub use judge::warn::{
    Alarm, AlarmEvent, BatchResult, CompiledPack, EnterpriseRecords, Monitor, MonitorOptions,
    RecordItem, RuleStats, WarningsReport,
};
pub use judge::{EvaluateOptions, JudgedWindow};
pub use prepare::window::WindowStatus;
// reports
pub use report::compliance::{ComplianceReport, Outcome};
pub use report::{
    AlarmDetail, ConditionDetail, Event, Evidence, Finding, FindingDetail, FindingKind,
    InspectionDetail, LimitDetail, Note, Report, Severity, Statistic, Table, COMPLIANCE_TABLES,
    REPORT_TABLES, WARNINGS_TABLES,
};
// inspections
pub use inspect::{
    Answer, AnswerStatus, GeneratedItem, Inspection, InspectionReport, InspectionSummary,
    OnsiteResult, SeverityCounts, SpotMeasurement, SpotVerdict, StartOptions,
};

/// Library version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
