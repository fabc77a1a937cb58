//! The one error type every host sees.
//!
//! Every fallible call in the engine returns [`Error`]. Its variant says which input was
//! wrong (a rule pack, a permit, the monitoring data, a warning rule, a protocol packet, a
//! size bound); its [`Detail`] says where (file, field path, line, column) and what to do
//! (help text, often a "did you mean"). [`Error::envelope`] flattens it into the
//! serialisable [`ErrorEnvelope`] that the WebAssembly, Python and mobile bindings turn
//! into a JS `Error`, a Python exception and a Kotlin/Swift error, field for field.

use crate::diag::code::ErrorCode;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::Arc;

/// Which input an error is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[non_exhaustive]
pub enum ErrorKind {
    /// A rule pack (standard, method, warning or checklist pack) is malformed or inconsistent.
    Pack,
    /// A permit is malformed or cites something that does not exist.
    Permit,
    /// Monitoring data are malformed (bad time, duplicate timestamp, unknown column).
    Data,
    /// A warning rule does not parse or type-check.
    Rule,
    /// A protocol packet (HJ 212) could not be decoded.
    Protocol,
    /// Input exceeded a safety bound (series length, pack size, expression depth).
    Limit,
    /// A unit conversion or correction is undefined for the given values.
    Conversion,
    /// Saved state (a monitor snapshot, an inspection) could not be restored.
    State,
    /// A bug in ecorules, never the caller's input (codes `internal.*`).
    Internal,
}

impl ErrorKind {
    /// The lower-case name used in envelopes (`pack`, `permit`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Pack => "pack",
            ErrorKind::Permit => "permit",
            ErrorKind::Data => "data",
            ErrorKind::Rule => "rule",
            ErrorKind::Protocol => "protocol",
            ErrorKind::Limit => "limit",
            ErrorKind::Conversion => "conversion",
            ErrorKind::State => "state",
            ErrorKind::Internal => "internal",
        }
    }
}

/// The serialisable form of an error, identical in every binding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct ErrorEnvelope {
    /// Which input was wrong.
    pub kind: ErrorKind,
    /// Stable machine-readable code, e.g. `pack.unknown_pollutant` (see `docs/errors.md`).
    #[schemars(with = "String")]
    pub code: ErrorCode,
    /// One-line description, lower case, no trailing period.
    pub message: String,
    /// What to do about it, if the engine knows.
    pub help: Option<String>,
    /// The file or input name, if known.
    pub file: Option<String>,
    /// The path of the offending field, e.g. `outlets[0].limits[2].pollutant`.
    pub path: Option<String>,
    /// 1-based line in the input text.
    pub line: Option<u32>,
    /// 1-based column (in characters) in the input text.
    pub column: Option<u32>,
}

/// Where and why; shared by every [`Error`] variant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detail {
    code: ErrorCode,
    message: String,
    help: Option<String>,
    file: Option<String>,
    path: Option<String>,
    line: Option<u32>,
    column: Option<u32>,
    source: Option<(Arc<str>, usize, usize)>,
}

impl fmt::Display for Detail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// Every error the engine returns.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// A rule pack is malformed or inconsistent.
    #[error("{0}")]
    Pack(Box<Detail>),
    /// A permit is malformed or cites something unknown.
    #[error("{0}")]
    Permit(Box<Detail>),
    /// Monitoring data are malformed.
    #[error("{0}")]
    Data(Box<Detail>),
    /// A warning rule does not parse or type-check.
    #[error("{0}")]
    Rule(Box<Detail>),
    /// A protocol packet could not be decoded.
    #[error("{0}")]
    Protocol(Box<Detail>),
    /// A safety bound was hit.
    #[error("{0}")]
    Limit(Box<Detail>),
    /// A conversion is undefined for the values given.
    #[error("{0}")]
    Conversion(Box<Detail>),
    /// Saved state could not be restored.
    #[error("{0}")]
    State(Box<Detail>),
    /// A bug in ecorules.
    #[error("{0}")]
    Internal(Box<Detail>),
}

/// Shorthand for results in this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// A new error with a stable `code` and a `message`; its kind is the code's.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        let d = Detail {
            code,
            message: message.into(),
            help: None,
            file: None,
            path: None,
            line: None,
            column: None,
            source: None,
        };
        match code.kind() {
            ErrorKind::Pack => Error::Pack(Box::new(d)),
            ErrorKind::Permit => Error::Permit(Box::new(d)),
            ErrorKind::Data => Error::Data(Box::new(d)),
            ErrorKind::Rule => Error::Rule(Box::new(d)),
            ErrorKind::Protocol => Error::Protocol(Box::new(d)),
            ErrorKind::Limit => Error::Limit(Box::new(d)),
            ErrorKind::Conversion => Error::Conversion(Box::new(d)),
            ErrorKind::State => Error::State(Box::new(d)),
            ErrorKind::Internal => Error::Internal(Box::new(d)),
        }
    }

    /// A [`ErrorKind::Data`] error (`code` is a `data.*` code; as [`Error::new`]).
    pub fn data(code: ErrorCode, message: impl Into<String>) -> Self {
        Error::new(code, message)
    }

    /// A [`ErrorKind::Pack`] error (`code` is a `pack.*` code; as [`Error::new`]).
    pub fn pack(code: ErrorCode, message: impl Into<String>) -> Self {
        Error::new(code, message)
    }

    /// A [`ErrorKind::Permit`] error (`code` is a `permit.*` code; as [`Error::new`]).
    pub fn permit(code: ErrorCode, message: impl Into<String>) -> Self {
        Error::new(code, message)
    }

    /// An [`ErrorKind::Internal`] error: a bug, never the caller's input. Carries the
    /// standard "please report it" help.
    pub fn internal(code: ErrorCode, message: impl Into<String>) -> Self {
        Error::new(code, message)
            .with_help("this is a bug in ecorules; please report it with the input that caused it")
    }

    /// Which input the error is about.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Pack(_) => ErrorKind::Pack,
            Error::Permit(_) => ErrorKind::Permit,
            Error::Data(_) => ErrorKind::Data,
            Error::Rule(_) => ErrorKind::Rule,
            Error::Protocol(_) => ErrorKind::Protocol,
            Error::Limit(_) => ErrorKind::Limit,
            Error::Conversion(_) => ErrorKind::Conversion,
            Error::State(_) => ErrorKind::State,
            Error::Internal(_) => ErrorKind::Internal,
        }
    }

    /// The detail behind any variant.
    pub fn detail(&self) -> &Detail {
        match self {
            Error::Pack(d)
            | Error::Permit(d)
            | Error::Data(d)
            | Error::Rule(d)
            | Error::Protocol(d)
            | Error::Limit(d)
            | Error::Conversion(d)
            | Error::State(d)
            | Error::Internal(d) => d,
        }
    }

    fn detail_mut(&mut self) -> &mut Detail {
        match self {
            Error::Pack(d)
            | Error::Permit(d)
            | Error::Data(d)
            | Error::Rule(d)
            | Error::Protocol(d)
            | Error::Limit(d)
            | Error::Conversion(d)
            | Error::State(d)
            | Error::Internal(d) => d,
        }
    }

    /// The stable code, e.g. `data.duplicate_timestamp`.
    pub fn code(&self) -> ErrorCode {
        self.detail().code
    }

    /// Adds help text.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.detail_mut().help = Some(help.into());
        self
    }

    /// Adds help text if there is any.
    pub fn with_help_opt(mut self, help: Option<String>) -> Self {
        if help.is_some() {
            self.detail_mut().help = help;
        }
        self
    }

    /// Sets the field path (`outlets[0].limits[1].value`).
    pub fn with_path(mut self, path: impl Into<String>) -> Self {
        self.detail_mut().path = Some(path.into());
        self
    }

    /// Sets the file name unless one is already set.
    pub fn with_file(mut self, file: impl Into<String>) -> Self {
        let d = self.detail_mut();
        if d.file.is_none() {
            d.file = Some(file.into());
        }
        self
    }

    /// Sets the line and column (1-based).
    pub fn at(mut self, line: u32, column: u32) -> Self {
        let d = self.detail_mut();
        d.line = Some(line);
        d.column = Some(column);
        self
    }

    /// Sets the position from a byte span in `source`, computing line and column, and keeps
    /// the source text so diagnostics can show a snippet.
    pub fn with_span(mut self, source: &Arc<str>, start: usize, end: usize) -> Self {
        let (line, column) = line_column(source, start);
        let d = self.detail_mut();
        d.line = Some(line);
        d.column = Some(column);
        d.source = Some((Arc::clone(source), start, end.max(start)));
        self
    }

    /// The serialisable envelope.
    pub fn envelope(&self) -> ErrorEnvelope {
        let d = self.detail();
        ErrorEnvelope {
            kind: self.kind(),
            code: d.code,
            message: d.message.clone(),
            help: d.help.clone(),
            file: d.file.clone(),
            path: d.path.clone(),
            line: d.line,
            column: d.column,
        }
    }
}

impl From<ErrorEnvelope> for Error {
    /// The error of the envelope; its kind is the code's (the envelope's `kind` is the
    /// same for every envelope the core wrote).
    fn from(e: ErrorEnvelope) -> Self {
        let mut err = Error::new(e.code, e.message);
        let d = err.detail_mut();
        d.help = e.help;
        d.file = e.file;
        d.path = e.path;
        d.line = e.line;
        d.column = e.column;
        err
    }
}

impl miette::Diagnostic for Error {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.detail().code))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.detail()
            .help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display + 'a>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.detail()
            .source
            .as_ref()
            .map(|(s, _, _)| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let (_, start, end) = self.detail().source.as_ref()?;
        let label = self
            .detail()
            .path
            .clone()
            .unwrap_or_else(|| "here".to_string());
        Some(Box::new(std::iter::once(miette::LabeledSpan::new(
            Some(label),
            *start,
            end - start,
        ))))
    }
}

/// 1-based line and column (counted in characters) of byte offset `offset` in `text`.
pub fn line_column(text: &str, offset: usize) -> (u32, u32) {
    let mut line = 1u32;
    let mut col = 1u32;
    for (i, ch) in text.char_indices() {
        if i >= offset {
            break;
        }
        if ch == '\n' {
            line = line.saturating_add(1);
            col = 1;
        } else {
            col = col.saturating_add(1);
        }
    }
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn envelope_carries_everything() {
        let src: Arc<str> = Arc::from("a = 1\nbb = 2\n");
        let e = Error::pack(ErrorCode::PackSchema, "unknown field `bb`")
            .with_help("did you mean `b`?")
            .with_path("bb")
            .with_file("x.toml")
            .with_span(&src, 6, 8);
        let env = e.envelope();
        assert_eq!(env.kind, ErrorKind::Pack);
        assert_eq!(env.code, ErrorCode::PackSchema);
        assert_eq!(
            serde_json::to_value(&env).unwrap_or_default()["code"],
            "pack.schema"
        );
        assert_eq!(env.line, Some(2));
        assert_eq!(env.column, Some(1));
        assert_eq!(env.file.as_deref(), Some("x.toml"));
        assert_eq!(env.help.as_deref(), Some("did you mean `b`?"));
        let back = Error::from(env.clone());
        assert_eq!(back.envelope(), env);
    }

    #[test]
    fn line_column_counts_characters() {
        assert_eq!(line_column("二氧化硫\nx", 13), (2, 1));
        assert_eq!(line_column("二氧化硫", 6), (1, 3));
    }
}
