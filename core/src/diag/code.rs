//! Every error code, as a type.
//!
//! An [`ErrorCode`] names one kind of failure for good: it is the `code` of the
//! [`ErrorEnvelope`](crate::ErrorEnvelope) every binding shows (`permit.unknown_pollutant`),
//! and it fixes the error's [`ErrorKind`] (the part before the first dot). Each variant's doc
//! line says what it means and what to do; `docs/errors.md` is generated from them
//! (`core/tests/errors.rs` checks it is current; `UPDATE_ERRORS_DOC=1` rewrites it).
//! Adding a code is adding a variant here; a binding never invents one.

use crate::diag::error::ErrorKind;
use std::fmt;
use std::str::FromStr;

/// Declares the enum and its tables from one list, so code, doc and order cannot drift.
macro_rules! error_codes {
    ($( $(#[doc = $doc:literal])+ $name:ident = $code:literal, )+) => {
        /// A stable, machine-readable error code (`<kind>.<name>`); serialised as its string.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum ErrorCode {
            $( $(#[doc = $doc])+ $name, )+
        }

        impl ErrorCode {
            /// Every code, in documentation order (grouped by kind).
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$name,)+];

            /// The code as it appears on the wire, e.g. `data.duplicate_timestamp`.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(ErrorCode::$name => $code,)+
                }
            }

            /// What the code means and what to do about it (the variant's doc line).
            pub fn doc(self) -> &'static str {
                match self {
                    $(ErrorCode::$name => concat!($($doc),+).trim_start(),)+
                }
            }
        }

        /// The TypeScript type of [`ErrorCode`]: the union of every code string.
        #[cfg(feature = "wasm")]
        #[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
        const ERROR_CODE_TS: &'static str = concat!(
            "/** A stable, machine-readable error code (`<kind>.<name>`; see docs/errors.md). */\n",
            "export type ErrorCode =",
            $(" | \"", $code, "\"",)+
            ";"
        );

        impl FromStr for ErrorCode {
            type Err = UnknownErrorCode;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($code => Ok(ErrorCode::$name),)+
                    _ => Err(UnknownErrorCode(s.to_string())),
                }
            }
        }
    };
}

error_codes! {
    // Rule packs
    /// A pack document is not valid TOML or JSON. Help: Fix the syntax at the line and column given.
    PackSyntax = "pack.syntax",
    /// A pack document has a missing, unknown or mistyped field. Help: Compare the field with the pack's JSON Schema (`ecorules schema`); the help names the closest known field.
    PackSchema = "pack.schema",
    /// The pack's `schema_version` is not one this library reads. Help: Migrate the pack to the supported schema version or use a matching library version.
    PackSchemaVersion = "pack.schema_version",
    /// A pack or checklist id is not of the form the catalog accepts. Help: Use lower-case letters, digits, `-` and `/` as the message says.
    PackBadId = "pack.bad_id",
    /// A checklist version is not a valid version string. Help: Write the version as the message says (e.g. `1.0.0`).
    PackBadVersion = "pack.bad_version",
    /// A date in a pack is not `YYYY-MM-DD`. Help: Write the date as `YYYY-MM-DD`.
    PackBadDate = "pack.bad_date",
    /// A validity pack has no `[validity]` table. Help: Add the `[validity]` table or make the pack a standard.
    PackMissingValidity = "pack.missing_validity",
    /// A standard pack has no `[[categories]]`. Help: Add at least one category with its limits.
    PackNoCategories = "pack.no_categories",
    /// `valid_flags` is empty, so no sample could ever count. Help: List the data flags that count as valid (e.g. `["N"]`).
    PackNoValidFlags = "pack.no_valid_flags",
    /// Two categories of a pack have the same id. Help: Rename or merge one of them.
    PackDuplicateCategory = "pack.duplicate_category",
    /// A pack test cites a category the pack does not define. Help: Use one of the pack's category ids.
    PackUnknownCategory = "pack.unknown_category",
    /// A pack limit has neither `max` nor `min`. Help: Give `max`, `min` or both.
    PackNoLimitValue = "pack.no_limit_value",
    /// A pack limit value is negative, NaN or infinite. Help: Use a finite number ≥ 0.
    PackBadLimitValue = "pack.bad_limit_value",
    /// A pack limit's `min` is above its `max`. Help: Swap or correct the bounds.
    PackEmptyRange = "pack.empty_range",
    /// A pack limit names no averaging period. Help: List at least one period (`hour`, `day`, ...).
    PackNoPeriods = "pack.no_periods",
    /// A reference O2 is outside [0, 21) %. Help: Give the reference oxygen in percent, at least 0 and below 21.
    PackBadRefO2 = "pack.bad_ref_o2",
    /// A pack names a pollutant the vocabulary does not know. Help: Use an HJ 212 code or alias; the help suggests the closest one.
    PackUnknownPollutant = "pack.unknown_pollutant",
    /// The same pack is loaded twice. Help: Load each pack once.
    PackDuplicatePack = "pack.duplicate_pack",
    /// A pack's content hash differs from the expected one. Help: Load the pack version the permit or inspection was made with, or update the expected hash.
    PackHashMismatch = "pack.hash_mismatch",
    /// A replacement checklist is not newer than the embedded one it replaces. Help: Raise the version of the custom checklist.
    PackNotNewer = "pack.not_newer",
    /// Two checklist items have the same id. Help: Rename one of them.
    PackDuplicateItem = "pack.duplicate_item",
    /// A major checklist item has `parent` or `applies`. Help: Move those fields to its minor items.
    PackMajorItemFields = "pack.major_item_fields",
    /// A minor checklist item's `parent` is not a major item. Help: Cite the id of a major item.
    PackBadParent = "pack.bad_parent",
    /// A minor checklist item lacks `basis` or `severity`. Help: Give both fields.
    PackMinorItemFields = "pack.minor_item_fields",
    /// A checklist has no major items. Help: Add at least one major item.
    PackNoItems = "pack.no_items",
    /// No checklist with this id is loaded. Help: Use an embedded checklist id or load the pack; the help suggests the closest id.
    PackUnknownChecklist = "pack.unknown_checklist",
    /// A compliance method has no condition. Help: Add at least one `[[conditions]]` entry.
    PackNoConditions = "pack.no_conditions",
    /// Two conditions of a method have the same id. Help: Rename one of them.
    PackDuplicateCondition = "pack.duplicate_condition",
    /// A method parameter lies outside its allowed range. Help: Use a value in the range the message gives.
    PackBadParameter = "pack.bad_parameter",
    /// A method condition lacks a parameter its test needs. Help: Add the parameter the message names.
    PackMissingParameter = "pack.missing_parameter",
    /// `alternative_to` cites a condition the method does not define. Help: Use one of the method's condition ids.
    PackUnknownCondition = "pack.unknown_condition",
    /// Two warning rules have the same id. Help: Rename one of them, or do not load the pack twice.
    PackDuplicateRule = "pack.duplicate_rule",
    /// A warning rule's `subject` is malformed. Help: Select pollutants, records or the permit (one of them), as the help says.
    PackSubject = "pack.subject",
    /// No pack with this id is embedded or loaded. Help: Use one of the ids the help lists.
    PackUnknownPack = "pack.unknown_pack",
    /// A pack file cannot be read. Help: Check the path and its permissions.
    PackUnreadable = "pack.unreadable",
    /// Some of a pack's own test cases failed. Help: Run `ecorules packs test` and fix the pack or its tests.
    PackTestFailed = "pack.test_failed",

    // Permits
    /// A permit document is not valid TOML or JSON. Help: Fix the syntax at the line and column given.
    PermitSyntax = "permit.syntax",
    /// A permit has a missing, unknown or mistyped field. Help: Compare the field with the permit's JSON Schema; the help names the closest known field.
    PermitSchema = "permit.schema",
    /// The permit lists no outlets. Help: Add at least one `[[outlets]]` entry.
    PermitNoOutlets = "permit.no_outlets",
    /// Two outlets of the permit have the same id. Help: Give every outlet its own id.
    PermitDuplicateOutlet = "permit.duplicate_outlet",
    /// The permit's `valid_to` is not after its `valid_from`. Help: Correct the validity dates.
    PermitEmptyValidity = "permit.empty_validity",
    /// A limit's `effective_to` is not after its `effective_from`. Help: Correct the dates of the limit.
    PermitEmptyEffectiveRange = "permit.empty_effective_range",
    /// A rule id, or a pollutant and period, is limited twice. Help: Keep one limit per rule id and per pollutant and period.
    PermitDuplicateLimit = "permit.duplicate_limit",
    /// A permit date is neither `YYYY-MM-DD` nor a time with offset. Help: Write a date or an ISO 8601 time with offset.
    PermitBadDate = "permit.bad_date",
    /// The permit names a pollutant the vocabulary does not know. Help: Use an HJ 212 code or alias; the help suggests the closest one.
    PermitUnknownPollutant = "permit.unknown_pollutant",
    /// The cited standard has no limit for this pollutant. Help: Give the limit value in the permit or cite a standard that limits the pollutant.
    PermitNoSuchLimit = "permit.no_such_limit",
    /// A permit limit has no value and no standard to take it from. Help: Give `max`/`min` or cite a standard.
    PermitNoLimitValue = "permit.no_limit_value",
    /// A permit limit value is negative, NaN or infinite. Help: Use a finite number ≥ 0.
    PermitBadLimitValue = "permit.bad_limit_value",
    /// A permit limit's unit cannot be used for its pollutant. Help: Use a unit of the pollutant's dimension (the message names it).
    PermitUnit = "permit.unit",
    /// A permit limit has no averaging period. Help: List at least one period.
    PermitNoPeriods = "permit.no_periods",
    /// A permit's reference O2 is outside [0, 21) %. Help: Give the reference oxygen in percent, at least 0 and below 21.
    PermitBadRefO2 = "permit.bad_ref_o2",
    /// The permit cites a pack that is not embedded or loaded. Help: Use an embedded pack id or load the pack; the help suggests the closest id.
    PermitUnknownPack = "permit.unknown_pack",
    /// The permit's validity pack has no validity rules. Help: Cite a validity pack (a pack with a `[validity]` table).
    PermitNotAValidityPack = "permit.not_a_validity_pack",
    /// The validity pack defines no rule for the half-hour grain the limit needs. Help: Use a validity pack that covers the grain, or change the period.
    PermitNoHalfHourRule = "permit.no_half_hour_rule",
    /// The validity pack defines no year rule. Help: Use a validity pack with a year rule, or drop the annual period.
    PermitNoYearRule = "permit.no_year_rule",
    /// A standard reference is not `<pack>/<category>`. Help: Write it as `<pack id>/<category id>`.
    PermitBadReference = "permit.bad_reference",
    /// The cited pack has no such category. Help: Use one of the pack's categories; the help suggests the closest one.
    PermitUnknownCategory = "permit.unknown_category",
    /// The time zone is neither an embedded IANA name nor a fixed offset. Help: Use an embedded zone (the help lists them) or an offset like `+08:00`.
    PermitUnknownTimeZone = "permit.unknown_time_zone",
    /// No permit limit is in force at the time of the measurement. Help: Check the measurement time against the permit's validity and the limits' effective dates.
    PermitNotInForce = "permit.not_in_force",
    /// A rule id given to the API is not in the permit. Help: Use one of the permit's rule ids.
    PermitUnknownRule = "permit.unknown_rule",
    /// A permit file cannot be read. Help: Check the path and its permissions.
    PermitUnreadable = "permit.unreadable",

    // Monitoring data and requests
    /// A document read as data is not valid TOML or JSON. Help: Fix the syntax at the line and column given.
    DataSyntax = "data.syntax",
    /// A document read as data has a missing, unknown or mistyped field. Help: Compare the field with the documented shape.
    DataSchema = "data.schema",
    /// A request document is malformed. Help: Compare it with the request's documented shape; the message names the field.
    DataRequest = "data.request",
    /// An HJ 212 decode request is malformed. Help: Give an `hj212_decode` input as documented in docs/hj212.md.
    DataBadRequest = "data.bad_request",
    /// The request kind is not one the binding knows. Help: Use one of the documented request kinds.
    DataUnknownRequest = "data.unknown_request",
    /// A conformance vector has an unknown `kind`. Help: Use one of the kinds in tests/vectors/README.md.
    DataUnknownVectorKind = "data.unknown_vector_kind",
    /// Data JSON is malformed. Help: Give an array of {outlet, pollutant, time, value, flag} records or {"series": [...]}.
    DataJsonSyntax = "data.json_syntax",
    /// Data CSV is malformed. Help: Fix the row at the line given.
    DataCsvSyntax = "data.csv_syntax",
    /// A CSV cell cannot be read as a time, number or flag. Help: Fix the cell; times are Unix seconds or ISO 8601 with an offset.
    DataBadCell = "data.bad_cell",
    /// A time cannot be read. Help: Write Unix seconds or ISO 8601 with an offset; for local times set `naive_time_zone`.
    DataBadTime = "data.bad_time",
    /// A time has no time zone. Help: Localize the times or pass `naive_time_zone`.
    DataNaiveTime = "data.naive_time",
    /// A data flag is not an HJ 212 flag. Help: Use N, F, M, S, D, C, T or B.
    DataUnknownFlag = "data.unknown_flag",
    /// Columns of one series have different lengths. Help: Give as many times, values and flags as each other.
    DataLengthMismatch = "data.length_mismatch",
    /// Two samples of one outlet have the same time. Help: Drop or merge the duplicates, or load with a duplicate policy.
    DataDuplicateTimestamp = "data.duplicate_timestamp",
    /// The samples of an outlet are not in time order. Help: Load rows through FrameBuilder, which sorts them.
    DataUnsortedTimestamps = "data.unsorted_timestamps",
    /// The same outlet and pollutant appear as two series. Help: Merge them into one series.
    DataDuplicateSeries = "data.duplicate_series",
    /// Data name a pollutant or signal the vocabulary does not know. Help: Use an HJ 212 code or alias; the help suggests the closest one.
    DataUnknownPollutant = "data.unknown_pollutant",
    /// A report table was asked for by a name it does not have. Help: Use one of the names the help lists (`findings`, `events`, `statistics`, `notes`; `conditions`, `findings`, `caps`; `alarms`).
    DataUnknownTable = "data.unknown_table",
    /// Two columns of a table name the same pollutant. Help: Keep one column per pollutant.
    DataDuplicateColumn = "data.duplicate_column",
    /// A flag column has no value column. Help: Name the value column or drop the flag column.
    DataOrphanFlagColumn = "data.orphan_flag_column",
    /// A table header names no pollutant column. Help: Use the long shape `outlet,pollutant,time,value,flag` or wide `outlet,time,so2,...`.
    DataNoPollutantColumns = "data.no_pollutant_columns",
    /// A table lacks a required column (outlet, time, ...). Help: Name it one of the names the help lists.
    DataMissingColumn = "data.missing_column",
    /// A key column has empty cells. Help: Fill in every outlet and pollutant cell.
    DataMissingKey = "data.missing_key",
    /// A dictionary key code is outside its dictionary. Help: Rebuild the dictionary-encoded column.
    DataBadKey = "data.bad_key",
    /// A column array handed to the binding is not contiguous. Help: Copy it into a contiguous array first (`numpy.ascontiguousarray`).
    DataNotContiguous = "data.not_contiguous",
    /// The binding cannot read data of this type. Help: Pass one of the input types the help lists.
    DataUnsupportedInput = "data.unsupported_input",
    /// A data file cannot be read. Help: Check the path and its permissions.
    DataUnreadable = "data.unreadable",
    /// The MN map (HJ 212 device → outlet) is malformed. Help: Give a JSON object or TOML table of MN → outlet id strings.
    DataMnMap = "data.mn_map",
    /// An outlet is not in the permit. Help: Use one of the permit's outlet ids.
    DataUnknownOutlet = "data.unknown_outlet",
    /// An answer cites an item the inspection does not have. Help: Use one of the inspection's item ids.
    DataUnknownItem = "data.unknown_item",
    /// No limit applies to this spot measurement. Help: Check the outlet and pollutant against the permit.
    DataNoLimit = "data.no_limit",
    /// A measured value is negative, NaN or infinite. Help: Give a finite number ≥ 0.
    DataBadValue = "data.bad_value",
    /// The monitor's lateness is outside 0..=366 days. Help: Give a lateness in seconds within that range.
    DataBadLateness = "data.bad_lateness",
    /// The `--step` of `ecorules watch` is not a positive number of seconds. Help: Give a positive number of seconds.
    DataBadStep = "data.bad_step",
    /// A sample was pushed twice to a monitor. Help: Push each sample once.
    DataDuplicateSample = "data.duplicate_sample",
    /// A sample arrived after its rows were already evaluated. Help: Raise the monitor's lateness or push samples in time.
    DataLateSample = "data.late_sample",
    /// A monitor tick is before the previous tick. Help: Tick with non-decreasing times.
    DataClockBackwards = "data.clock_backwards",
    /// Two records (deadlines) have the same id. Help: Give every record its own id.
    DataDuplicateRecord = "data.duplicate_record",
    /// A file cannot be read or written. Help: Check the path and its permissions.
    DataIo = "data.io",
    /// Output cannot be written. Help: Check the output file or stream.
    DataOutput = "data.output",
    /// A compliance period cannot be read. Help: Write a year (`2025`), a month (`2025-03`) or `2025-01-01..2025-06-30`.
    DataComplyBadPeriod = "data.comply.bad_period",
    /// A compliance date or time cannot be read. Help: Write a date `YYYY-MM-DD` or an ISO 8601 time.
    DataComplyBadDate = "data.comply.bad_date",
    /// No compliance method is named. Help: Name one or more of the methods the help lists.
    DataComplyNoMethods = "data.comply.no_methods",
    /// A compliance method id is unknown. Help: Use one of the loaded methods; the help suggests the closest one.
    DataComplyUnknownMethod = "data.comply.unknown_method",
    /// A mass cap names an unknown pollutant. Help: Use an HJ 212 code or alias.
    DataComplyUnknownPollutant = "data.comply.unknown_pollutant",
    /// An annual mass cap is negative, NaN or infinite. Help: Use a finite number ≥ 0.
    DataComplyBadCap = "data.comply.bad_cap",
    /// A compliance record cites an outlet that is not in the permit. Help: Use one of the permit's outlet ids.
    DataComplyUnknownOutlet = "data.comply.unknown_outlet",
    /// An operating-state period does not end after it starts. Help: Correct its `from` and `to`.
    DataComplyEmptyState = "data.comply.empty_state",

    // Warning rules
    /// A warning rule expression does not parse. Help: Fix the expression at the position given; the help says what was expected.
    RuleSyntax = "rule.syntax",
    /// A warning rule expression does not type-check. Help: Compare like with like; a condition must be true or false.
    RuleType = "rule.type",
    /// A message template uses an unknown placeholder. Help: Use one of the placeholders the help lists.
    RulePlaceholder = "rule.placeholder",
    /// A rule condition reads no signal, so it would never be evaluated. Help: Read a signal (value(x), current(fan), ...) or make the subject a record or the permit.
    RuleNoSignal = "rule.no_signal",

    // HJ 212 packets
    /// Bytes outside any HJ 212 packet. Help: Check the byte stream; the bytes were skipped.
    ProtocolGarbage = "protocol.garbage",
    /// An HJ 212 packet does not start with `##` or end with CR LF. Help: Check the framing of the sender.
    ProtocolBadFrame = "protocol.bad_frame",
    /// The length field of an HJ 212 packet is wrong. Help: Check the sender's length computation.
    ProtocolBadLength = "protocol.bad_length",
    /// The CRC of an HJ 212 packet does not match. Help: Check the transmission; the packet was dropped.
    ProtocolBadCrc = "protocol.bad_crc",
    /// An HJ 212 packet ends early. Help: Send the rest of the packet.
    ProtocolTruncated = "protocol.truncated",
    /// An HJ 212 command number is not known. Help: Check the CN against HJ 212-2017.
    ProtocolUnknownCn = "protocol.unknown_cn",
    /// An HJ 212 factor code is not known. Help: Map the code to a pollutant or check the sender.
    ProtocolUnknownCode = "protocol.unknown_code",
    /// An HJ 212 data-area field is malformed. Help: Check the field the message names.
    ProtocolMalformedField = "protocol.malformed_field",
    /// An HJ 212 time field cannot be read. Help: Send times as `YYYYMMDDhhmmss`.
    ProtocolBadTime = "protocol.bad_time",
    /// An HJ 212 device MN is not in the MN map. Help: Add the MN to the MN map.
    ProtocolUnmappedMn = "protocol.unmapped_mn",
    /// Two HJ 212 packets carry the same data time. Help: Drop the repeated packet.
    ProtocolDuplicateTime = "protocol.duplicate_time",
    /// A value cannot be encoded in an HJ 212 packet. Help: Check the value or field the message names.
    ProtocolUnencodable = "protocol.unencodable",
    /// An encoded HJ 212 packet exceeds the protocol's length limit. Help: Send fewer factors per packet.
    ProtocolPacketTooLong = "protocol.packet_too_long",

    // Safety bounds
    /// A series exceeds the maximum number of samples. Help: Split the data into smaller periods.
    LimitSeriesTooLong = "limit.series_too_long",
    /// A pack exceeds the maximum size. Help: Split the pack.
    LimitPackTooLarge = "limit.pack_too_large",
    /// A warning pack has more rules than allowed. Help: Split the pack.
    LimitTooManyRules = "limit.too_many_rules",
    /// A compliance period is longer than allowed. Help: Evaluate a shorter period.
    LimitPeriodTooLong = "limit.period_too_long",
    /// An answer carries more evidence than allowed. Help: Attach less evidence, or smaller items.
    LimitEvidence = "limit.evidence",
    /// Saved state exceeds the maximum size. Help: Restore state written by ecorules.
    LimitStateTooLarge = "limit.state_too_large",

    // Conversions
    /// A value cannot be converted to the limit's unit. Help: Give the value in a unit of the same dimension as the limit.
    ConversionUnit = "conversion.unit",
    /// A unit symbol is not known. Help: Use one of the units the library knows (mg/m3, ug/m3, ...).
    ConversionUnknownUnit = "conversion.unknown_unit",
    /// The O2 correction is undefined for this oxygen value. Help: Give a measured O2 below 21 %.
    ConversionO2 = "conversion.o2",
    /// The limit is O2-corrected but no measured O2 was given. Help: Give the measured O2 with the reading.
    ConversionO2Required = "conversion.o2_required",

    // Saved state
    /// A saved inspection cannot be read. Help: The bytes are damaged or not from ecorules; start the inspection again.
    StateBadInspection = "state.bad_inspection",
    /// Saved state was written by an incompatible version. Help: Restore it with the version that wrote it, or start again.
    StateVersion = "state.version",
    /// A monitor snapshot cannot be restored. Help: Restore a snapshot with the same permit and warning packs that produced it.
    StateSnapshot = "state.snapshot",
    /// An object was left inconsistent by a crash in another thread. Help: Drop it and restore it from the last snapshot.
    StatePoisoned = "state.poisoned",

    // Bugs
    /// A bug in ecorules: an invariant did not hold. Help: Please report it with the input that caused it.
    InternalBug = "internal.bug",
    /// A bug in ecorules: an output could not be serialised. Help: Please report it with the input that caused it.
    InternalSerialize = "internal.serialize",
    /// A bug in ecorules: the core panicked and the binding caught it. Help: Please report it with the input that caused it.
    InternalPanic = "internal.panic",
}

impl ErrorCode {
    /// The kind of input the code is about: the part of the code before the first dot.
    pub fn kind(self) -> ErrorKind {
        let prefix = self.as_str().split('.').next().unwrap_or("");
        match prefix {
            "pack" => ErrorKind::Pack,
            "permit" => ErrorKind::Permit,
            "data" => ErrorKind::Data,
            "rule" => ErrorKind::Rule,
            "protocol" => ErrorKind::Protocol,
            "limit" => ErrorKind::Limit,
            "conversion" => ErrorKind::Conversion,
            "state" => ErrorKind::State,
            _ => ErrorKind::Internal,
        }
    }

    /// The code of a document that is not valid TOML or JSON, for a document of `kind`
    /// (pack and permit documents have their own; every other document reads as data).
    pub fn syntax(kind: ErrorKind) -> ErrorCode {
        match kind {
            ErrorKind::Pack => ErrorCode::PackSyntax,
            ErrorKind::Permit => ErrorCode::PermitSyntax,
            _ => ErrorCode::DataSyntax,
        }
    }

    /// The code of a document whose fields do not match its schema, for a document of
    /// `kind` (as [`ErrorCode::syntax`]).
    pub fn schema(kind: ErrorKind) -> ErrorCode {
        match kind {
            ErrorKind::Pack => ErrorCode::PackSchema,
            ErrorKind::Permit => ErrorCode::PermitSchema,
            _ => ErrorCode::DataSchema,
        }
    }
}

/// A string that is not one of the [`ErrorCode`]s.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownErrorCode(pub String);

impl fmt::Display for UnknownErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown error code `{}`", self.0)
    }
}

impl std::error::Error for UnknownErrorCode {}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl AsRef<str> for ErrorCode {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq<str> for ErrorCode {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for ErrorCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<ErrorCode> for &str {
    fn eq(&self, other: &ErrorCode) -> bool {
        *self == other.as_str()
    }
}

impl serde::Serialize for ErrorCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for ErrorCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_round_trips_and_has_its_kind() {
        for &c in ErrorCode::ALL {
            assert_eq!(c.as_str().parse::<ErrorCode>(), Ok(c));
            assert_eq!(
                c.kind().as_str(),
                c.as_str().split('.').next().unwrap_or("")
            );
            assert!(c.doc().contains(" Help: "), "{c}: doc line lacks help");
        }
        assert!("data.no_such_code".parse::<ErrorCode>().is_err());
    }

    #[test]
    fn serialises_as_the_string() {
        let j = serde_json::to_string(&ErrorCode::DataBadTime).unwrap_or_default();
        assert_eq!(j, "\"data.bad_time\"");
        let back: ErrorCode = serde_json::from_str(&j).unwrap_or(ErrorCode::InternalBug);
        assert_eq!(back, ErrorCode::DataBadTime);
    }
}
