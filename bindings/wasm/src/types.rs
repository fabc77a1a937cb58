//! TypeScript declarations of every value that crosses the JS boundary.
//!
//! The core's types stay free of WebAssembly dependencies, so this module declares
//! **mirror types**: same field names, same serde attributes, with `#[derive(Tsify)]`
//! only to emit `export interface Report { ... }` and friends into the generated `.d.ts`.
//! Values never travel through these mirrors at run time: reports are serialised by the
//! core's own serde code (so JS sees exactly the core's JSON), and the exported functions
//! return the opaque handles declared at the bottom (`typescript_type = "Report"`).
//!
//! `tests/mirror.rs` round-trips real core values through every mirror with
//! `deny_unknown_fields`, so a field added to the core without its mirror fails the build's
//! tests instead of silently missing from the declarations.

#![allow(missing_docs)]

use serde::{Deserialize, Serialize};
use tsify::Tsify;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_EXTRA: &'static str = r#"
/** An averaging period: `hour`, `day`, ..., or a rolling one such as `rolling_24h`, `rolling_7d`. */
export type Period = "minute" | "half_hour" | "hour" | "day" | "month" | "year" | `rolling_${number}h` | `rolling_${number}d`;

/** A permit or pack document: TOML or JSON text, or the parsed JSON object (see `permitSchema()` / `packSchema()`). */
export type DocumentInput = string | { [key: string]: unknown };

/** Timestamps of typed-array input: Unix seconds (UTC). */
export type TimeArray = BigInt64Array | Float64Array | number[];

/** HJ 212 flag letters: a `Uint8Array` of ASCII codes (`78` = `N`), a string `"NNC..."`, or omitted for all `N`. */
export type FlagsInput = Uint8Array | string;

/** One series as typed arrays: copied into WebAssembly memory once (one `memcpy` per array), never per sample. */
export interface SeriesArrays {
    outlet: string;
    pollutant: string;
    time: TimeArray;
    values: Float64Array | number[];
    flags?: FlagsInput;
}

/** Several pollutants of one outlet sharing one time column (a wide table). */
export interface FrameArrays {
    outlet: string;
    time: TimeArray;
    columns: { pollutant: string; values: Float64Array | number[]; flags?: FlagsInput }[];
}

/** Anything `Plan.evaluate` and `Readings.from` accept: a JSON data document (object), typed arrays, or data text (JSON if it starts with `{`/`[`, else CSV). */
export type DataInput = DataDocument | SeriesArrays | FrameArrays | (SeriesArrays | FrameArrays)[] | string;

/** The compliance report of `comply()` (the core's `ComplianceReport` JSON; see `docs/methods.md`). Not yet declared field by field. */
export type ComplianceReport = { [key: string]: unknown };
/** One alarm event of the warning engine (the core's `AlarmView` JSON). Not yet declared field by field. */
export type AlarmView = { [key: string]: unknown };
/** Per-rule totals of the warning engine (the core's `RuleStats` JSON). Not yet declared field by field. */
export type RuleStats = { [key: string]: unknown };
/** The result of `warnings()`. */
export interface WarningsReport { alarms: AlarmView[]; stats: RuleStats[] }

/** Every error this package throws: a JS `Error` carrying the core's envelope. */
export declare class EcorulesError extends Error {
    readonly kind: ErrorKind;
    readonly code: string;
    readonly help: string | null;
    readonly file: string | null;
    readonly path: string | null;
    readonly line: number | null;
    readonly column: number | null;
    /** The envelope, equal to the core's `ErrorEnvelope` JSON. */
    readonly envelope: ErrorEnvelope;
    toJSON(): ErrorEnvelope;
}
/** A rule pack is malformed or inconsistent. */
export declare class PackError extends EcorulesError {}
/** A permit is malformed or cites something unknown. */
export declare class PermitError extends EcorulesError {}
/** Monitoring data (or an argument) are malformed. */
export declare class DataError extends EcorulesError {}
/** A warning rule does not parse or type-check. */
export declare class RuleError extends EcorulesError {}
/** A protocol packet (HJ 212) could not be decoded. */
export declare class ProtocolError extends EcorulesError {}
/** A safety bound was hit. */
export declare class LimitError extends EcorulesError {}
/** A conversion is undefined for the values given. */
export declare class ConversionError extends EcorulesError {}
/** Saved state could not be restored. */
export declare class StateError extends EcorulesError {}
/** A bug in the engine (a Rust panic), thrown instead of a WebAssembly trap. */
export declare class InternalError extends EcorulesError {}
"#;

/// Which input an error is about (`internal` only for a bug caught by the panic hook).
#[derive(Debug, Tsify, Serialize, Deserialize)]
#[tsify(missing_as_null)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    Pack,
    Permit,
    Data,
    Rule,
    Protocol,
    Limit,
    Conversion,
    State,
    Internal,
}

/// The error envelope every binding exposes, field for field.
#[derive(Debug, Tsify, Serialize, Deserialize)]
#[tsify(missing_as_null)]
#[serde(deny_unknown_fields)]
pub struct ErrorEnvelope {
    pub kind: ErrorKind,
    pub code: String,
    pub message: String,
    pub help: Option<String>,
    pub file: Option<String>,
    pub path: Option<String>,
    pub line: Option<u32>,
    pub column: Option<u32>,
}

#[derive(Debug, Tsify, Serialize, Deserialize)]
#[tsify(missing_as_null)]
#[serde(deny_unknown_fields)]
pub struct Message {
    pub zh: String,
    pub en: String,
}

#[derive(Debug, Tsify, Serialize, Deserialize)]
#[tsify(missing_as_null)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    Exceedance,
    BelowRange,
}

#[derive(Debug, Tsify, Serialize, Deserialize)]
#[tsify(missing_as_null)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Low,
    Medium,
    High,
}

#[derive(Debug, Tsify, Serialize, Deserialize)]
#[tsify(missing_as_null)]
#[serde(rename_all = "snake_case")]
pub enum SourceStatus {
    Verified,
    Secondary,
    Unverified,
}

#[derive(Debug, Tsify, Serialize, Deserialize)]
#[tsify(missing_as_null)]
#[serde(rename_all = "snake_case")]
pub enum CatalogKind {
    Standard,
    Validity,
    Method,
    Warning,
    Checklist,
}

#[derive(Debug, Tsify, Serialize, Deserialize)]
#[tsify(missing_as_null)]
#[serde(rename_all = "snake_case")]
pub enum PackSource {
    Embedded,
    Custom,
}

#[derive(Debug, Tsify, Serialize, Deserialize)]
#[tsify(missing_as_null)]
#[serde(deny_unknown_fields)]
pub struct PackRef {
    pub id: String,
    pub version: String,
    pub hash: String,
}

#[derive(Debug, Tsify, Serialize, Deserialize)]
#[tsify(missing_as_null)]
#[serde(deny_unknown_fields)]
pub struct LegalBasis {
    pub standard: String,
    pub clause: Option<String>,
    pub status: SourceStatus,
}

#[derive(Debug, Tsify, Serialize, Deserialize)]
#[tsify(missing_as_null)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    pub n_valid: u32,
    pub n_total: u32,
    pub n_required: u32,
    pub raw_value: f64,
    pub o2: Option<f64>,
    pub ref_o2: Option<f64>,
}

#[derive(Debug, Tsify, Serialize, Deserialize)]
#[tsify(missing_as_null)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    pub rule_id: String,
    pub kind: FindingKind,
    pub severity: Severity,
    pub outlet: String,
    pub pollutant: String,
    #[tsify(type = "Period")]
    pub period: String,
    pub start: String,
    pub end: String,
    pub value: f64,
    pub limit: f64,
    pub unit: String,
    pub ratio: Option<f64>,
    pub method: String,
    pub basis: LegalBasis,
    pub pack: Option<PackRef>,
    pub validity_pack: PackRef,
    pub evidence: Evidence,
    pub message: Message,
}

#[derive(Debug, Tsify, Serialize, Deserialize)]
#[tsify(missing_as_null)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub rule_id: String,
    pub kind: FindingKind,
    pub outlet: String,
    pub pollutant: String,
    #[tsify(type = "Period")]
    pub period: String,
    pub start: String,
    pub end: String,
    pub duration_s: i64,
    pub windows: u32,
    pub peak_value: f64,
    pub peak_ratio: Option<f64>,
    pub limit: f64,
    pub message: Message,
}

#[derive(Debug, Tsify, Serialize, Deserialize)]
#[tsify(missing_as_null)]
#[serde(deny_unknown_fields)]
pub struct WindowCounts {
    pub present: u32,
    pub valid: u32,
    pub too_few_valid: u32,
    pub o2_invalid: u32,
    pub outside_period: u32,
    pub expected: u32,
}

#[derive(Debug, Tsify, Serialize, Deserialize)]
#[tsify(missing_as_null)]
#[serde(deny_unknown_fields)]
pub struct FlagCounts {
    #[serde(rename = "N")]
    pub n: u64,
    #[serde(rename = "F")]
    pub f: u64,
    #[serde(rename = "M")]
    pub m: u64,
    #[serde(rename = "S")]
    pub s: u64,
    #[serde(rename = "D")]
    pub d: u64,
    #[serde(rename = "C")]
    pub c: u64,
    #[serde(rename = "T")]
    pub t: u64,
    #[serde(rename = "B")]
    pub b: u64,
}

#[derive(Debug, Tsify, Serialize, Deserialize)]
#[tsify(missing_as_null)]
#[serde(deny_unknown_fields)]
pub struct SampleCounts {
    pub total: u64,
    pub valid: u64,
    pub by_flag: FlagCounts,
    pub not_finite: u64,
    pub negative: u64,
    pub out_of_range: u64,
}

#[derive(Debug, Tsify, Serialize, Deserialize)]
#[tsify(missing_as_null)]
#[serde(deny_unknown_fields)]
pub struct Statistic {
    pub rule_id: String,
    pub outlet: String,
    pub pollutant: String,
    #[tsify(type = "Period")]
    pub period: String,
    pub max: Option<f64>,
    pub min: Option<f64>,
    pub windows: WindowCounts,
    pub capture_rate: f64,
    pub exceedances: u32,
    pub below_range: u32,
    pub events: u32,
    pub longest_event_windows: u32,
    pub max_value: Option<f64>,
    pub max_ratio: Option<f64>,
    pub samples: SampleCounts,
}

#[derive(Debug, Tsify, Serialize, Deserialize)]
#[tsify(missing_as_null)]
#[serde(deny_unknown_fields)]
pub struct Note {
    pub code: String,
    pub outlet: Option<String>,
    pub pollutant: Option<String>,
    pub message: Message,
}

/// The result of one evaluation, exactly the core's `Report` JSON.
#[derive(Debug, Tsify, Serialize, Deserialize)]
#[tsify(missing_as_null)]
#[serde(deny_unknown_fields)]
pub struct Report {
    pub permit: String,
    pub enterprise: String,
    pub findings: Vec<Finding>,
    pub events: Vec<Event>,
    pub statistics: Vec<Statistic>,
    pub notes: Vec<Note>,
    pub packs: Vec<PackRef>,
}

/// One embedded (or loaded) pack of any kind, as `packs()` lists it.
#[derive(Debug, Tsify, Serialize, Deserialize)]
#[tsify(missing_as_null)]
#[serde(deny_unknown_fields)]
pub struct PackInfo {
    pub id: String,
    pub kind: CatalogKind,
    pub version: String,
    pub title: String,
    pub hash: String,
    pub source: PackSource,
    #[tsify(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jurisdiction: Option<String>,
    pub standard: String,
    #[tsify(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<SourceStatus>,
    pub entries: Vec<String>,
}

/// Options of one evaluation (all optional).
#[derive(Debug, Tsify, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvaluateOptions {
    /// Judge only windows from this Unix second on.
    #[tsify(optional)]
    pub from: Option<i64>,
    /// Judge only windows ending by this Unix second.
    #[tsify(optional)]
    pub to: Option<i64>,
    /// One finding per breaching window (default true).
    #[tsify(optional)]
    pub findings: Option<bool>,
}

#[derive(Debug, Tsify, Serialize, Deserialize)]
#[tsify(missing_as_null)]
#[serde(rename_all = "snake_case")]
pub enum DuplicatePolicy {
    Error,
    KeepLast,
}

/// Options of data loading (all optional).
#[derive(Debug, Tsify, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LoadOptions {
    #[tsify(optional)]
    pub duplicates: Option<DuplicatePolicy>,
    #[tsify(optional)]
    pub naive_time_zone: Option<String>,
    #[tsify(optional)]
    pub source_name: Option<String>,
}

/// A time: Unix seconds, or ISO 8601 text with an offset.
#[derive(Debug, Tsify, Serialize, Deserialize)]
#[tsify(missing_as_null)]
#[serde(untagged)]
pub enum TimeValue {
    Seconds(i64),
    Text(String),
}

/// One value (the long shape).
#[derive(Debug, Tsify, Serialize, Deserialize)]
#[tsify(missing_as_null)]
#[serde(deny_unknown_fields)]
pub struct DataRecord {
    pub outlet: String,
    pub pollutant: String,
    pub time: TimeValue,
    pub value: Option<f64>,
    #[tsify(optional)]
    pub flag: Option<String>,
}

/// One series in columnar JSON form.
#[derive(Debug, Tsify, Serialize, Deserialize)]
#[tsify(missing_as_null)]
#[serde(deny_unknown_fields)]
pub struct SeriesData {
    pub outlet: String,
    pub pollutant: String,
    pub time: Vec<TimeValue>,
    pub values: Vec<Option<f64>>,
    #[tsify(optional)]
    pub flags: Option<String>,
}

/// The JSON data document: `{series: [...]}`, `{records: [...]}` or `[...]`.
#[derive(Debug, Tsify, Serialize, Deserialize)]
#[tsify(missing_as_null)]
#[serde(untagged)]
pub enum DataDocument {
    Series { series: Vec<SeriesData> },
    Wrapped { records: Vec<DataRecord> },
    Records(Vec<DataRecord>),
}

/// A compiled rule: what `Plan.rules()` lists (one per outlet, pollutant and period).
#[derive(Debug, Tsify, Serialize, Deserialize)]
#[tsify(missing_as_null)]
#[serde(deny_unknown_fields)]
pub struct RuleInfo {
    pub rule_id: String,
    pub outlet: String,
    pub pollutant: String,
    #[tsify(type = "Period")]
    pub period: String,
    pub max: Option<f64>,
    pub min: Option<f64>,
    pub unit: String,
    pub ref_o2: Option<f64>,
}

/// Why a window is or is not valid.
#[derive(Debug, Tsify, Serialize, Deserialize)]
#[tsify(missing_as_null)]
#[serde(rename_all = "snake_case")]
pub enum WindowStatus {
    Valid,
    TooFewValid,
    O2Invalid,
    OutsidePeriod,
}

/// One judged window of a rule (a point of an hourly-average chart).
#[derive(Debug, Tsify, Serialize, Deserialize)]
#[tsify(missing_as_null)]
#[serde(deny_unknown_fields)]
pub struct JudgedWindow {
    /// Window start, Unix seconds.
    pub start: i64,
    /// Window end (exclusive), Unix seconds.
    pub end: i64,
    /// The judged value (rounded where prescribed); `null` when the window is not valid.
    pub value: Option<f64>,
    /// Unrounded mean (corrected to reference O2 where the limit asks); `null` if none.
    pub raw_value: Option<f64>,
    /// Valid inputs.
    pub n_valid: u32,
    /// Inputs present.
    pub n_total: u32,
    /// Valid inputs required.
    pub n_required: u32,
    /// Mean O2 of the window, when a correction was applied.
    pub o2: Option<f64>,
    /// Validity.
    pub status: WindowStatus,
    /// The breach, if any.
    pub breach: Option<FindingKind>,
}

/// What an HJ 212 diagnostic is about.
#[derive(Debug, Tsify, Serialize, Deserialize)]
#[tsify(missing_as_null)]
#[serde(rename_all = "snake_case")]
pub enum Hj212DiagnosticKind {
    Garbage,
    BadFrame,
    BadLength,
    BadCrc,
    Truncated,
    UnknownCn,
    UnknownCode,
    MalformedField,
    BadTime,
    UnmappedMn,
    DuplicateTime,
}

#[derive(Debug, Tsify, Serialize, Deserialize)]
#[tsify(missing_as_null)]
#[serde(rename_all = "snake_case")]
pub enum Hj212Severity {
    Error,
    Warning,
}

/// A rejected packet or an assumption, with its byte offset in the capture.
#[derive(Debug, Tsify, Serialize, Deserialize)]
#[tsify(missing_as_null)]
#[serde(deny_unknown_fields)]
pub struct Hj212Diagnostic {
    pub kind: Hj212DiagnosticKind,
    pub severity: Hj212Severity,
    pub offset: u64,
    pub qn: Option<String>,
    pub message: String,
}

/// Which data packets become readings.
#[derive(Debug, Tsify, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Hj212DataKind {
    Realtime,
    Minute,
    Hourly,
    Daily,
}

/// Measured (`-Avg`) or pre-converted (`-ZsAvg`) values.
#[derive(Debug, Tsify, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Hj212ValueChoice {
    Measured,
    Converted,
}

/// Options of HJ 212 decoding (all optional).
#[derive(Debug, Tsify, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hj212Options {
    /// Zone of the devices' DataTime (default `Asia/Shanghai`).
    #[tsify(optional)]
    pub time_zone: Option<String>,
    /// MN -> permit outlet id; MNs not in it are their own outlet.
    #[tsify(optional, type = "Record<string, string>")]
    pub map: Option<std::collections::BTreeMap<String, String>>,
    #[tsify(optional)]
    pub data: Option<Hj212DataKind>,
    #[tsify(optional)]
    pub values: Option<Hj212ValueChoice>,
}

/// The result of decoding an HJ 212 capture (the core's `DecodeOutput`).
#[derive(Debug, Tsify, Serialize, Deserialize)]
#[tsify(missing_as_null)]
#[serde(deny_unknown_fields)]
pub struct Hj212Decoded {
    pub accepted: u64,
    pub rejected: u64,
    pub packets_used: u64,
    pub series: Vec<SeriesData>,
    pub diagnostics: Vec<Hj212Diagnostic>,
}

// ---- Inspections (按证执法 checklists) and on-site spot checks ----

/// The legal basis a checklist item cites.
#[derive(Debug, Tsify, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemBasis {
    pub law: String,
    #[tsify(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article: Option<String>,
    pub status: SourceStatus,
}

/// One item the inspector answers (generated from a checklist for this permit).
#[derive(Debug, Tsify, Serialize, Deserialize)]
#[tsify(missing_as_null)]
#[serde(deny_unknown_fields)]
pub struct GeneratedItem {
    pub id: String,
    pub item: String,
    pub major: String,
    pub major_text: Message,
    pub text: Message,
    pub outlet: Option<String>,
    pub pollutant: Option<String>,
    pub facility: Option<String>,
    pub basis: ItemBasis,
    pub severity: Severity,
}

/// The inspector's verdict on one item.
#[derive(Debug, Tsify, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnswerStatus {
    Compliant,
    NonCompliant,
    NotApplicable,
}

/// An answer to one item (`at`: Unix seconds from the host).
#[derive(Debug, Tsify, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    pub item: String,
    pub status: AnswerStatus,
    #[tsify(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[tsify(optional)]
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    pub at: i64,
}

/// How to start an inspection (all optional).
#[derive(Debug, Tsify, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StartOptions {
    /// Inspection id chosen by the app (case number).
    #[tsify(optional)]
    pub id: Option<String>,
    /// Inspector name or badge number.
    #[tsify(optional)]
    pub inspector: Option<String>,
    /// Treatment facilities to check (names from the permit).
    #[tsify(optional)]
    #[serde(default)]
    pub facilities: Vec<String>,
}

/// Identity of a checklist pack.
#[derive(Debug, Tsify, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistRef {
    pub id: String,
    pub version: String,
    pub hash: String,
}

/// A checklist pack in a listing (`checklists()`, `checklistLoad()`).
#[derive(Debug, Tsify, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistInfo {
    pub id: String,
    pub version: String,
    pub hash: String,
    pub title: Message,
    pub industry: Message,
    pub source: String,
    pub status: SourceStatus,
    pub major_items: u32,
    pub minor_items: u32,
}

/// One non-compliant item of a finished inspection.
#[derive(Debug, Tsify, Serialize, Deserialize)]
#[tsify(missing_as_null)]
#[serde(deny_unknown_fields)]
pub struct InspectionFinding {
    pub rule_id: String,
    pub item: String,
    pub major: String,
    pub severity: Severity,
    pub outlet: Option<String>,
    pub pollutant: Option<String>,
    pub facility: Option<String>,
    pub text: Message,
    pub basis: ItemBasis,
    pub note: Option<String>,
    pub evidence: Vec<String>,
    pub at: i64,
    pub message: Message,
}

#[derive(Debug, Tsify, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeverityCounts {
    pub low: u32,
    pub medium: u32,
    pub high: u32,
}

#[derive(Debug, Tsify, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InspectionSummary {
    pub items: u32,
    pub checked: u32,
    pub compliant: u32,
    pub non_compliant: u32,
    pub not_applicable: u32,
    pub unanswered: u32,
    pub non_compliant_by_severity: SeverityCounts,
}

/// The result of `inspection.finish(now)`.
#[derive(Debug, Tsify, Serialize, Deserialize)]
#[tsify(missing_as_null)]
#[serde(deny_unknown_fields)]
pub struct InspectionReport {
    pub id: Option<String>,
    pub inspector: Option<String>,
    pub permit: String,
    pub enterprise: String,
    pub checklist: ChecklistRef,
    pub started_at: i64,
    pub finished_at: i64,
    pub findings: Vec<InspectionFinding>,
    pub unanswered: Vec<String>,
    pub summary: InspectionSummary,
}

/// The result of `inspection(request)`: the generated items and the finished report.
#[derive(Debug, Tsify, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InspectionOutcome {
    pub items: Vec<GeneratedItem>,
    pub report: InspectionReport,
}

/// One reading of a portable analyser (`unit`: `ppm`, `mg/m3`, `ug/m3`, `mg/L`, ...).
#[derive(Debug, Tsify, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpotMeasurement {
    pub outlet: String,
    pub pollutant: String,
    pub value: f64,
    pub unit: String,
    #[tsify(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub o2: Option<f64>,
    pub time: i64,
}

#[derive(Debug, Tsify, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpotVerdict {
    Within,
    Exceeds,
    BelowRange,
}

/// A spot reading judged against the permit limit in force (indicative only).
#[derive(Debug, Tsify, Serialize, Deserialize)]
#[tsify(missing_as_null)]
#[serde(deny_unknown_fields)]
pub struct OnsiteResult {
    pub outlet: String,
    pub pollutant: String,
    pub time: String,
    pub measured: f64,
    pub measured_unit: String,
    pub converted: f64,
    pub o2: Option<f64>,
    pub ref_o2: Option<f64>,
    pub value: f64,
    pub max: Option<f64>,
    pub min: Option<f64>,
    pub unit: String,
    pub rule_id: String,
    #[tsify(type = "Period")]
    pub period: String,
    pub basis: LegalBasis,
    pub verdict: SpotVerdict,
    pub ratio: Option<f64>,
    pub severity: Option<Severity>,
    pub explanation: Message,
}

/// Input of `inspection()` (the `inspection` vector kind): start, answer, save, restore, finish.
#[derive(Debug, Tsify, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InspectionRequest {
    #[tsify(type = "{ [key: string]: unknown }")]
    pub permit: serde_json::Value,
    #[tsify(optional, type = "{ [key: string]: unknown }[]")]
    #[serde(default)]
    pub packs: Vec<serde_json::Value>,
    #[tsify(optional, type = "DocumentInput[]")]
    #[serde(default)]
    pub checklists: Vec<serde_json::Value>,
    pub checklist: String,
    #[tsify(optional)]
    #[serde(default)]
    pub start: Option<StartOptions>,
    pub started_at: i64,
    #[tsify(optional)]
    #[serde(default)]
    pub answers: Vec<Answer>,
    pub finished_at: i64,
}

/// Input of `inspectionRestore()`: saved inspection bytes as text, finished at `finished_at`.
#[derive(Debug, Tsify, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RestoreRequest {
    pub state: String,
    pub finished_at: i64,
}

/// Input of `checklistLoad()`: a downloaded checklist pack (object or TOML text), optionally with its published hash.
#[derive(Debug, Tsify, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistLoadRequest {
    #[tsify(type = "DocumentInput")]
    pub pack: serde_json::Value,
    #[tsify(optional)]
    #[serde(default)]
    pub expected_hash: Option<String>,
}

/// Input of `onsiteCheck()`: permit, custom packs, one reading.
#[derive(Debug, Tsify, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OnsiteRequest {
    #[tsify(type = "{ [key: string]: unknown }")]
    pub permit: serde_json::Value,
    #[tsify(optional, type = "{ [key: string]: unknown }[]")]
    #[serde(default)]
    pub packs: Vec<serde_json::Value>,
    pub measurement: SpotMeasurement,
}

#[wasm_bindgen]
extern "C" {
    /// Handle typed as `Report` in TypeScript.
    #[wasm_bindgen(typescript_type = "Report")]
    pub type JsReport;
    #[wasm_bindgen(typescript_type = "PackInfo[]")]
    pub type JsPackInfos;
    #[wasm_bindgen(typescript_type = "PackRef[]")]
    pub type JsPackRefs;
    #[wasm_bindgen(typescript_type = "RuleInfo[]")]
    pub type JsRuleInfos;
    #[wasm_bindgen(typescript_type = "JudgedWindow[]")]
    pub type JsJudgedWindows;
    #[wasm_bindgen(typescript_type = "DocumentInput")]
    pub type JsDocument;
    #[wasm_bindgen(typescript_type = "DocumentInput[]")]
    pub type JsDocuments;
    #[wasm_bindgen(typescript_type = "DataInput")]
    pub type JsData;
    #[wasm_bindgen(typescript_type = "EvaluateOptions")]
    pub type JsEvaluateOptions;
    #[wasm_bindgen(typescript_type = "LoadOptions")]
    pub type JsLoadOptions;
    #[wasm_bindgen(typescript_type = "{ [key: string]: unknown }")]
    pub type JsObject;
    #[wasm_bindgen(typescript_type = "string[]")]
    pub type JsStrings;
    #[wasm_bindgen(typescript_type = "Hj212Options")]
    pub type JsHj212Options;
    #[wasm_bindgen(typescript_type = "Hj212Decoded")]
    pub type JsHj212Decoded;
    #[wasm_bindgen(typescript_type = "string | Uint8Array")]
    pub type JsCapture;
    #[wasm_bindgen(typescript_type = "ComplianceReport")]
    pub type JsComplianceReport;
    #[wasm_bindgen(typescript_type = "WarningsReport")]
    pub type JsWarningsReport;
    #[wasm_bindgen(typescript_type = "AlarmView[]")]
    pub type JsAlarms;
    #[wasm_bindgen(typescript_type = "RuleStats[]")]
    pub type JsRuleStats;
    #[wasm_bindgen(typescript_type = "StartOptions")]
    pub type JsStartOptions;
    #[wasm_bindgen(typescript_type = "Answer")]
    pub type JsAnswer;
    #[wasm_bindgen(typescript_type = "Answer[]")]
    pub type JsAnswers;
    #[wasm_bindgen(typescript_type = "GeneratedItem[]")]
    pub type JsGeneratedItems;
    #[wasm_bindgen(typescript_type = "ChecklistRef")]
    pub type JsChecklistRef;
    #[wasm_bindgen(typescript_type = "ChecklistInfo")]
    pub type JsChecklistInfo;
    #[wasm_bindgen(typescript_type = "ChecklistInfo[]")]
    pub type JsChecklistInfos;
    #[wasm_bindgen(typescript_type = "InspectionReport")]
    pub type JsInspectionReport;
    #[wasm_bindgen(typescript_type = "InspectionOutcome")]
    pub type JsInspectionOutcome;
    #[wasm_bindgen(typescript_type = "SpotMeasurement")]
    pub type JsSpotMeasurement;
    #[wasm_bindgen(typescript_type = "OnsiteResult")]
    pub type JsOnsiteResult;
    #[wasm_bindgen(typescript_type = "InspectionRequest")]
    pub type JsInspectionRequest;
    #[wasm_bindgen(typescript_type = "RestoreRequest")]
    pub type JsRestoreRequest;
    #[wasm_bindgen(typescript_type = "ChecklistLoadRequest")]
    pub type JsChecklistLoadRequest;
    #[wasm_bindgen(typescript_type = "OnsiteRequest")]
    pub type JsOnsiteRequest;
}
