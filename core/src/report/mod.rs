//! Report: what the judgement says, in shapes every host can print or export.
//!
//! [`Report`] (findings, events, statistics, notes) is the result of evaluating limits;
//! [`compliance::ComplianceReport`] the result of compliance methods.

pub mod compliance;
mod evaluation;
mod finding;
pub(crate) mod table;

pub use evaluation::*;
pub use finding::*;
pub use table::{Table, COMPLIANCE_TABLES, REPORT_TABLES, WARNINGS_TABLES};
