//! # ecorules-mobile
//!
//! The UniFFI binding of the ecorules core for Android (Kotlin) and iOS (Swift) inspector
//! apps. It is thin: every type here is a mirror of a core type (UniFFI has no `usize`, no
//! borrowed slices and no serde), every call goes straight to the core, and every core
//! error becomes an [`EcorulesError`] carrying the full error envelope.
//!
//! - [`Plan`] — a compiled permit: `evaluate` monitoring data (CSV/JSON text or columns),
//!   `onsite_check` a portable analyser's reading, list its `rules` and the
//!   `judged_windows` of one rule;
//! - [`Inspection`] — a permit-based checklist inspection: answer, `to_bytes`/`restore`, `finish`;
//! - [`Monitor`] — streaming early warnings: push batches, alarms open/update/close,
//!   `snapshot`/`restore`;
//! - [`Finding`] — the one finding record of every engine (report, alarms, inspections):
//!   a common head and a typed [`FindingDetail`];
//! - HJ 212-2017 captures: `decode_hj212`, `Plan::evaluate_hj212`;
//! - JSON-level request calls (request JSON in, the core's answer as JSON out):
//!   `evaluate_request`, `comply`, `warnings`, `inspection_request`,
//!   `inspection_restore_request`, `checklist_load_request`;
//! - flat tables of a report's JSON (`report_table`, `compliance_table`, `warnings_table`);
//! - free functions: pack and checklist listings, schemas, `version`.

// UniFFI passes errors by value across the FFI; boxing them would only add an allocation.
#![allow(clippy::result_large_err)]

uniffi::setup_scaffolding!();

mod error;
mod hj212;
mod inspect;
mod monitor;
mod onsite;
mod packs;
mod plan;
mod records;
mod requests;
mod tables;

pub use error::{EcorulesError, ErrorEnvelope, ErrorKind};
pub use hj212::*;
pub use inspect::*;
pub use monitor::*;
pub use onsite::*;
pub use packs::*;
pub use plan::*;
pub use records::*;
pub use requests::*;
pub use tables::*;
