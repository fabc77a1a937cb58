//! The core's flat tables (one row per finding, event, statistic, note, compliance condition,
//! compliance finding, mass cap or alarm) and the JSON schemas of the documents the core reads.
//!
//! A table is taken from a report's JSON text (what `evaluate_request`, `comply` and
//! `warnings` return) and comes back as [`Table`]: the column names, and each row as the JSON
//! text of an array with one cell per column (strings, numbers, booleans, `null`; the sample
//! counts by flag and an alarm's signal list stay JSON values). Columns are the core's
//! (`core/src/report/table.rs`), the same as the CLI's CSV and Python's DataFrames.

use crate::error::Result;

/// A flat table: the header and one JSON array text per row.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Table {
    /// Column names, in order.
    pub columns: Vec<String>,
    /// One row per item: a JSON array text, one cell per column.
    pub rows: Vec<String>,
}

impl TryFrom<ecorules::Table> for Table {
    type Error = crate::error::EcorulesError;
    fn try_from(t: ecorules::Table) -> Result<Self> {
        let rows = t
            .rows
            .iter()
            .map(crate::requests::json)
            .collect::<Result<Vec<_>>>()?;
        Ok(Table {
            columns: t.columns,
            rows,
        })
    }
}

/// One table of an evaluation report (`Report` JSON text): `findings`, `events`,
/// `statistics` or `notes`.
#[uniffi::export]
pub fn report_table(report_json: String, name: String) -> Result<Table> {
    let r: ecorules::Report = ecorules::host::parse_request(&report_json)?;
    r.table(&name)?.try_into()
}

/// One table of a compliance report (`ComplianceReport` JSON text): `conditions`,
/// `findings` or `caps`.
#[uniffi::export]
pub fn compliance_table(report_json: String, name: String) -> Result<Table> {
    let r: ecorules::ComplianceReport = ecorules::host::parse_request(&report_json)?;
    r.table(&name)?.try_into()
}

/// One table of a warnings report (`WarningsReport` JSON text): `alarms`.
#[uniffi::export]
pub fn warnings_table(report_json: String, name: String) -> Result<Table> {
    let r: ecorules::WarningsReport = ecorules::host::parse_request(&report_json)?;
    r.table(&name)?.try_into()
}

/// The JSON schema of standard packs, as JSON text.
#[uniffi::export]
pub fn pack_schema() -> String {
    ecorules::host::pack_schema()
}

/// The JSON schema of permits, as JSON text.
#[uniffi::export]
pub fn permit_schema() -> String {
    ecorules::host::permit_schema()
}

/// The JSON schema of checklist packs, as JSON text.
#[uniffi::export]
pub fn checklist_schema() -> String {
    ecorules::host::checklist_schema()
}

/// The JSON schema of compliance-method packs, as JSON text.
#[uniffi::export]
pub fn method_schema() -> String {
    ecorules::host::method_schema()
}
