//! The core's error envelope as a native error: a Kotlin sealed exception class
//! (`EcorulesException.Permit`, ...) or a Swift `enum EcorulesError: Error`, one case per
//! kind, each carrying the whole [`ErrorEnvelope`] (never a bare string).

/// Which input an error is about (mirror of `ecorules::ErrorKind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum ErrorKind {
    /// A rule or checklist pack.
    Pack,
    /// A permit.
    Permit,
    /// Monitoring data or a request.
    Data,
    /// A warning rule.
    Rule,
    /// A protocol packet.
    Protocol,
    /// A safety bound.
    Limit,
    /// A unit conversion or O2 correction.
    Conversion,
    /// Saved state (an inspection).
    State,
    /// A bug in ecorules, never the caller's input (`internal.*` codes).
    Internal,
}

impl From<ecorules::ErrorKind> for ErrorKind {
    fn from(k: ecorules::ErrorKind) -> Self {
        match k {
            ecorules::ErrorKind::Pack => ErrorKind::Pack,
            ecorules::ErrorKind::Permit => ErrorKind::Permit,
            ecorules::ErrorKind::Data => ErrorKind::Data,
            ecorules::ErrorKind::Rule => ErrorKind::Rule,
            ecorules::ErrorKind::Protocol => ErrorKind::Protocol,
            ecorules::ErrorKind::Limit => ErrorKind::Limit,
            ecorules::ErrorKind::Conversion => ErrorKind::Conversion,
            ecorules::ErrorKind::State => ErrorKind::State,
            // `Internal` and any kind a later core adds: a bug as far as this binding knows.
            _ => ErrorKind::Internal,
        }
    }
}

/// The error envelope, field for field as in every other binding.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ErrorEnvelope {
    /// Which input was wrong.
    pub kind: ErrorKind,
    /// Stable code, e.g. `permit.unknown_pollutant` (one of `docs/errors.md`).
    pub code: String,
    /// One-line description.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
    /// File or input name.
    pub file: Option<String>,
    /// Field path, e.g. `outlets[0].limits[2].pollutant`.
    pub path: Option<String>,
    /// 1-based line.
    pub line: Option<u32>,
    /// 1-based column.
    pub column: Option<u32>,
}

/// Every error of the library; the variant is the envelope's kind.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum EcorulesError {
    /// A rule or checklist pack is malformed, or its hash or schema version does not match.
    #[error("{}: {}", envelope.code, envelope.message)]
    Pack { envelope: ErrorEnvelope },
    /// A permit is malformed or cites something unknown.
    #[error("{}: {}", envelope.code, envelope.message)]
    Permit { envelope: ErrorEnvelope },
    /// Monitoring data, an answer or a request are malformed.
    #[error("{}: {}", envelope.code, envelope.message)]
    Data { envelope: ErrorEnvelope },
    /// A warning rule does not parse.
    #[error("{}: {}", envelope.code, envelope.message)]
    Rule { envelope: ErrorEnvelope },
    /// A protocol packet could not be decoded.
    #[error("{}: {}", envelope.code, envelope.message)]
    Protocol { envelope: ErrorEnvelope },
    /// A safety bound was hit.
    #[error("{}: {}", envelope.code, envelope.message)]
    Limit { envelope: ErrorEnvelope },
    /// A conversion is undefined (unknown unit, O2 missing or ≥ 21 %).
    #[error("{}: {}", envelope.code, envelope.message)]
    Conversion { envelope: ErrorEnvelope },
    /// A saved inspection could not be restored.
    #[error("{}: {}", envelope.code, envelope.message)]
    State { envelope: ErrorEnvelope },
    /// A bug in ecorules (the core's `internal.*` codes).
    #[error("{}: {}", envelope.code, envelope.message)]
    Internal { envelope: ErrorEnvelope },
}

impl From<ecorules::Error> for EcorulesError {
    fn from(e: ecorules::Error) -> Self {
        let env = e.envelope();
        let envelope = ErrorEnvelope {
            kind: env.kind.into(),
            code: env.code.as_str().to_string(),
            message: env.message,
            help: env.help,
            file: env.file,
            path: env.path,
            line: env.line,
            column: env.column,
        };
        match envelope.kind {
            ErrorKind::Pack => EcorulesError::Pack { envelope },
            ErrorKind::Permit => EcorulesError::Permit { envelope },
            ErrorKind::Data => EcorulesError::Data { envelope },
            ErrorKind::Rule => EcorulesError::Rule { envelope },
            ErrorKind::Protocol => EcorulesError::Protocol { envelope },
            ErrorKind::Limit => EcorulesError::Limit { envelope },
            ErrorKind::Conversion => EcorulesError::Conversion { envelope },
            ErrorKind::State => EcorulesError::State { envelope },
            ErrorKind::Internal => EcorulesError::Internal { envelope },
        }
    }
}

impl EcorulesError {
    /// The envelope of any variant.
    pub fn envelope(&self) -> &ErrorEnvelope {
        match self {
            EcorulesError::Pack { envelope }
            | EcorulesError::Permit { envelope }
            | EcorulesError::Data { envelope }
            | EcorulesError::Rule { envelope }
            | EcorulesError::Protocol { envelope }
            | EcorulesError::Limit { envelope }
            | EcorulesError::Conversion { envelope }
            | EcorulesError::State { envelope }
            | EcorulesError::Internal { envelope } => envelope,
        }
    }
}

/// Shorthand.
pub type Result<T, E = EcorulesError> = std::result::Result<T, E>;

/// A core error raised by the binding itself (a lock poisoned by a host crash); the kind
/// is the code's.
pub(crate) fn binding_error(code: ecorules::ErrorCode, message: &str) -> EcorulesError {
    ecorules::Error::new(code, message).into()
}
