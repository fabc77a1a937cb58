//! Diagnostics: the one error type, its envelope, positions in source text, did-you-mean.
//!
//! Every fallible call of the library returns [`Error`]. It carries a kind (which input was
//! wrong: a pack, a permit, the data, …, or `internal` for a bug), a stable [`ErrorCode`], a message, optional help and the
//! place (file, field path, line and column) — recomputed from the field path for TOML and
//! JSON documents by [`source::SourceText`]. Bindings turn it into their host's exception
//! through [`ErrorEnvelope`], written once here.

pub mod code;
pub mod error;
pub(crate) mod json_path;
pub mod source;
pub mod suggest;

pub use code::{ErrorCode, UnknownErrorCode};
pub use error::{Error, ErrorEnvelope, ErrorKind, Result};
