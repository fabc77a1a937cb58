//! Loading warning data: the usual JSON shapes, plus operating signals.
//!
//! The same `{"series": [...]}` and record shapes as [`crate::ingest::readings::json`], except
//! that `pollutant` may also name an operating signal (`fan`, `production_line`; see
//! [`super::signals`]). Only the column-name lookup differs; the loading is the readings
//! module's own.

use crate::diag::error::{Error, Result};
use crate::domain::pollutant::Pollutant;
use crate::ingest::readings::json::{self};
use crate::ingest::readings::{LoadOptions, Readings};
use crate::ErrorCode;

fn lookup(name: &str) -> Result<&'static Pollutant> {
    super::signals::lookup(name).ok_or_else(|| {
        Error::data(
            ErrorCode::DataUnknownPollutant,
            format!("unknown pollutant or signal `{name}`"),
        )
        .with_help_opt(super::signals::suggest(name).map(|s| format!("did you mean `{s}`?")))
    })
}

/// Parses JSON data (series or records) whose columns may be operating signals.
pub fn load_json(text: &str, opts: &LoadOptions) -> Result<Readings<'static>> {
    json::load_json_with(text, opts, &lookup)
}
