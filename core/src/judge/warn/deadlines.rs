//! Deadlines from the permit and from enterprise records.
//!
//! A platform warns before paperwork lapses: the permit's validity ends (排污许可证到期,
//! renewal must be applied for in advance), a self-monitoring ledger or execution report
//! (自行监测/执行报告) is not submitted by its due date, an approval (审批) or a
//! rectification order (整改) runs past its time limit. The host passes the records it
//! keeps, and "now"; the engine never reads a clock itself, so results are reproducible.
//!
//! Dates are local dates in the permit's zone: a due date `2025-03-10` means the end of
//! that day (overdue from `2025-03-11T00:00` local); a done date means the start of that
//! day. Instants with an offset are taken as they are.

use crate::diag::error::{Error, Result};
use crate::domain::calendar::Calendar;
use crate::packs::warning::RecordKind;
use crate::ErrorCode;
use serde::{Deserialize, Serialize};

/// One enterprise record with a deadline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordItem {
    /// Record id (unique per kind).
    pub id: String,
    /// Kind.
    pub kind: RecordKind,
    /// Title for messages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Due date (`YYYY-MM-DD`, end of day) or instant.
    pub due: String,
    /// When it was done / submitted, if it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done: Option<String>,
}

/// The records a host passes to the monitor.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EnterpriseRecords {
    /// The records.
    #[serde(default)]
    pub items: Vec<RecordItem>,
}

/// A record with its times resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct ResolvedRecord {
    /// The record.
    pub item: RecordItem,
    /// Due (exclusive end), Unix s.
    pub due: i64,
    /// Done, Unix s.
    pub done: Option<i64>,
}

fn time(text: &str, cal: &Calendar, end_of_day: bool, path: &str) -> Result<i64> {
    if let Some(d) = crate::packs::standard::parse_date(text) {
        let day = if end_of_day {
            d.tomorrow().unwrap_or(d)
        } else {
            d
        };
        return Ok(cal.midnight(day));
    }
    crate::domain::zones::parse_time(text, Some(cal.tz())).ok_or_else(|| {
        Error::data(ErrorCode::DataBadTime, format!("cannot read time `{text}`"))
            .with_path(path.to_string())
            .with_help("write a date YYYY-MM-DD or an instant with offset")
    })
}

/// Resolves every record's times; refuses duplicate ids of one kind.
pub fn resolve(records: &EnterpriseRecords, cal: &Calendar) -> Result<Vec<ResolvedRecord>> {
    let mut out: Vec<ResolvedRecord> = Vec::new();
    for (i, r) in records.items.iter().enumerate() {
        if out
            .iter()
            .any(|o| o.item.id == r.id && o.item.kind == r.kind)
        {
            return Err(Error::data(
                ErrorCode::DataDuplicateRecord,
                format!("record `{}` appears twice", r.id),
            )
            .with_path(format!("items[{i}].id")));
        }
        let due = time(&r.due, cal, true, &format!("items[{i}].due"))?;
        let done = match &r.done {
            Some(d) => Some(time(d, cal, false, &format!("items[{i}].done"))?),
            None => None,
        };
        out.push(ResolvedRecord {
            item: r.clone(),
            due,
            done,
        });
    }
    Ok(out)
}
