//! What the decoder says about input it rejects or only partly understands.
//!
//! Every problem becomes a [`Diagnostic`]: a [`DiagnosticKind`], whether the packet was
//! rejected ([`Severity::Error`]) or kept with a part ignored ([`Severity::Warning`]), the
//! byte offset in the stream (of the packet's `##`, or of the first garbage byte), the
//! packet's QN when it could be read, and a message. [`Diagnostic::to_error`] turns one
//! into the crate's [`Error`] (kind `protocol`, code `protocol.<kind>`), so every binding
//! shows the same envelope.

use crate::diag::error::Error;
use crate::ErrorCode;
use serde::{Deserialize, Serialize};
use std::fmt;

/// What went wrong.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "wasm",
    derive(tsify::Tsify),
    tsify(missing_as_null, rename = "Hj212DiagnosticKind")
)]
pub enum DiagnosticKind {
    /// Bytes between packets that are not part of any packet.
    Garbage,
    /// A `##` header whose packet does not end with 4 hex digits and `\r\n` where the
    /// declared length puts them.
    BadFrame,
    /// The declared data-segment length is over 1024 or does not match the packet.
    BadLength,
    /// The checksum does not match the data segment.
    BadCrc,
    /// The stream ended inside a packet.
    Truncated,
    /// A command code (CN) that HJ 212-2017 Table 9 does not define.
    UnknownCn,
    /// A monitoring-factor code the pollutant registry does not know (warning: the field
    /// is kept in the packet but not turned into readings).
    UnknownCode,
    /// A field that is missing, repeated, or does not have the syntax the standard gives.
    MalformedField,
    /// A QN, DataTime or SampleTime that is not a valid time.
    BadTime,
    /// A packet's MN has no entry in the MN → outlet map (warning; the MN is used as the
    /// outlet id).
    UnmappedMn,
    /// Two packets carry different values for the same device, pollutant and time
    /// (warning; the later one is kept).
    DuplicateTime,
}

impl DiagnosticKind {
    /// The error code of the diagnostic: `protocol.<kind>`.
    pub fn code(self) -> ErrorCode {
        match self {
            DiagnosticKind::Garbage => ErrorCode::ProtocolGarbage,
            DiagnosticKind::BadFrame => ErrorCode::ProtocolBadFrame,
            DiagnosticKind::BadLength => ErrorCode::ProtocolBadLength,
            DiagnosticKind::BadCrc => ErrorCode::ProtocolBadCrc,
            DiagnosticKind::Truncated => ErrorCode::ProtocolTruncated,
            DiagnosticKind::UnknownCn => ErrorCode::ProtocolUnknownCn,
            DiagnosticKind::UnknownCode => ErrorCode::ProtocolUnknownCode,
            DiagnosticKind::MalformedField => ErrorCode::ProtocolMalformedField,
            DiagnosticKind::BadTime => ErrorCode::ProtocolBadTime,
            DiagnosticKind::UnmappedMn => ErrorCode::ProtocolUnmappedMn,
            DiagnosticKind::DuplicateTime => ErrorCode::ProtocolDuplicateTime,
        }
    }

    /// The snake_case name (`bad_crc`), also the suffix of the error code.
    pub fn as_str(self) -> &'static str {
        match self {
            DiagnosticKind::Garbage => "garbage",
            DiagnosticKind::BadFrame => "bad_frame",
            DiagnosticKind::BadLength => "bad_length",
            DiagnosticKind::BadCrc => "bad_crc",
            DiagnosticKind::Truncated => "truncated",
            DiagnosticKind::UnknownCn => "unknown_cn",
            DiagnosticKind::UnknownCode => "unknown_code",
            DiagnosticKind::MalformedField => "malformed_field",
            DiagnosticKind::BadTime => "bad_time",
            DiagnosticKind::UnmappedMn => "unmapped_mn",
            DiagnosticKind::DuplicateTime => "duplicate_time",
        }
    }
}

/// Whether the packet was dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "wasm",
    derive(tsify::Tsify),
    tsify(missing_as_null, rename = "Hj212Severity")
)]
pub enum Severity {
    /// The packet (or the garbage) was dropped and counted as rejected.
    Error,
    /// The packet was kept; the diagnostic names what was ignored or assumed.
    Warning,
}

/// One problem found in the byte stream.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[cfg_attr(
    feature = "wasm",
    derive(tsify::Tsify),
    tsify(missing_as_null, rename = "Hj212Diagnostic")
)]
pub struct Diagnostic {
    /// What went wrong.
    #[cfg_attr(feature = "wasm", tsify(type = "Hj212DiagnosticKind"))]
    pub kind: DiagnosticKind,
    /// Whether the packet was dropped.
    #[cfg_attr(feature = "wasm", tsify(type = "Hj212Severity"))]
    pub severity: Severity,
    /// Byte offset in the stream: the packet's first `#`, or the first garbage byte.
    pub offset: u64,
    /// The packet's QN (request number, `YYYYMMDDhhmmsszzz`) when it could be read.
    pub qn: Option<String>,
    /// One-line description.
    pub message: String,
}

/// The name the task brief and bindings may look for.
pub type Hj212Error = Diagnostic;

impl Diagnostic {
    pub(crate) fn error(
        kind: DiagnosticKind,
        offset: u64,
        qn: Option<String>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            kind,
            severity: Severity::Error,
            offset,
            qn,
            message: message.into(),
        }
    }

    pub(crate) fn warning(
        kind: DiagnosticKind,
        offset: u64,
        qn: Option<String>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            kind,
            severity: Severity::Warning,
            offset,
            qn,
            message: message.into(),
        }
    }

    /// The crate error: kind `protocol`, code `protocol.<kind>`, path `byte <offset>` and
    /// the QN in the help text.
    pub fn to_error(&self) -> Error {
        let e = Error::new(self.kind.code(), self.message.clone())
            .with_path(format!("byte {}", self.offset));
        match &self.qn {
            Some(qn) => e.with_help(format!("packet QN={qn}")),
            None => e,
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at byte {}", self.kind.as_str(), self.offset)?;
        if let Some(qn) = &self.qn {
            write!(f, " (QN={qn})")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl From<Diagnostic> for Error {
    fn from(d: Diagnostic) -> Self {
        d.to_error()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::error::ErrorKind;

    #[test]
    fn converts_to_protocol_error() {
        let d = Diagnostic::error(
            DiagnosticKind::BadCrc,
            42,
            Some("20250301000000000".into()),
            "checksum 1C81 does not match the computed 1C80",
        );
        let env = Error::from(d.clone()).envelope();
        assert_eq!(env.kind, ErrorKind::Protocol);
        assert_eq!(env.code, "protocol.bad_crc");
        assert_eq!(env.path.as_deref(), Some("byte 42"));
        assert_eq!(env.help.as_deref(), Some("packet QN=20250301000000000"));
        assert_eq!(d.to_string(), "bad_crc at byte 42 (QN=20250301000000000): checksum 1C81 does not match the computed 1C80");
    }
}
