//! Report: what the judgement says, in shapes every host can print or export.
//!
//! [`Report`] (findings, events, statistics, notes) is the result of evaluating limits;
//! [`compliance::ComplianceReport`] the result of compliance methods.

pub mod compliance;
mod evaluation;

pub use evaluation::*;
