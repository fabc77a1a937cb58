//! TypeScript declarations of what crosses the JS boundary and is not a core wire type.
//!
//! The core's wire types (`Report`, `Finding`, `ErrorEnvelope`, `Hj212Decoded`, ...) derive
//! their declarations themselves (`tsify`, behind the core's `wasm` feature), so the `.d.ts`
//! and the JSON the core writes cannot drift apart. This file adds only the input unions of
//! this binding (typed arrays, documents), the error classes of `js/errors.js`, and the
//! opaque handles the exported functions return (`typescript_type = "Report"`).

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
    #[wasm_bindgen(typescript_type = "Table")]
    pub type JsTable;
    /// Alarm events: the core's one `Finding` shape, kind `alarm`.
    #[wasm_bindgen(typescript_type = "Finding[]")]
    pub type JsFindings;
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
