//! The flat tables every host exports: one row per finding, event, statistic, note, compliance
//! condition, compliance finding, mass cap or alarm.
//!
//! Bureaus and NGOs hand results over as spreadsheets: a case list with one row per breach, a
//! capture-rate sheet with one row per rule. The column sets live here, once: the CLI writes
//! them as CSV, Python as pandas/Arrow frames, JS and Kotlin as arrays of rows, so the same
//! report gives the same sheet in every host.
//!
//! Every findings table (a report's, a compliance assessment's, the alarms of a warnings run)
//! starts with the same columns, the head of the one [`Finding`] shape (`id`, `rule_id`,
//! `kind`, `severity`, subject, window, value, limit, basis, pack, message), and ends with the
//! detail of its kind.
//!
//! A column is named after its field in the report's JSON; a nested field joins the names with
//! `_` (`basis_standard`, `message_en`; a finding's detail drops `detail_<kind>_`:
//! `evidence_n_valid`, `condition`, `peak_at`), and a compliance condition's
//! deciding numbers are `n_<name>` (`n_threshold`, `n_share_observed`). A value the report
//! leaves out (an optional field that does not apply) is `null`. Columns are fixed per table,
//! so an empty report still has its header.

use crate::diag::error::{Error, Result};
use crate::diag::suggest::{closest, did_you_mean};
use crate::report::compliance::ComplianceReport;
use crate::report::{Finding, Report};
use crate::ErrorCode;
use serde::Serialize;
use serde_json::{Map, Value};

/// A flat table: a header and rows of JSON scalars (strings, numbers, booleans, `null`; the
/// sample counts by flag and lists such as an alarm's signals stay JSON values).
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize, schemars::JsonSchema)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct Table {
    /// Column names, in order.
    pub columns: Vec<String>,
    /// One row per item, one cell per column.
    #[cfg_attr(feature = "wasm", tsify(type = "unknown[][]"))]
    pub rows: Vec<Vec<Value>>,
}

/// Paths (`a.b`) of the head every findings table starts with (limits, compliance methods,
/// alarms): one finding shape, one set of columns. The column is the path with `.` → `_`.
const FINDING_HEAD: &[&str] = &[
    "id",
    "rule_id",
    "kind",
    "severity",
    "outlet",
    "pollutant",
    "facility",
    "period",
    "start",
    "end",
    "value",
    "limit",
    "unit",
    "ratio",
    "method",
    "basis.standard",
    "basis.clause",
    "basis.status",
    "pack.id",
    "pack.version",
    "pack.hash",
    "message.zh",
    "message.en",
];
/// The detail columns of limit findings (a detail path's column drops `detail.<kind>.`).
const LIMIT_DETAIL: &[&str] = &[
    "detail.limit.validity_pack.id",
    "detail.limit.validity_pack.version",
    "detail.limit.validity_pack.hash",
    "detail.limit.evidence.n_valid",
    "detail.limit.evidence.n_total",
    "detail.limit.evidence.n_required",
    "detail.limit.evidence.raw_value",
    "detail.limit.evidence.o2",
    "detail.limit.evidence.ref_o2",
];
/// The detail columns of compliance-method findings.
const CONDITION_DETAIL: &[&str] = &["detail.condition.condition", "detail.condition.clause"];
/// The detail columns of alarms.
pub(crate) const ALARM_DETAIL: &[&str] = &[
    "detail.alarm.event",
    "detail.alarm.subject",
    "detail.alarm.at",
    "detail.alarm.duration_s",
    "detail.alarm.peak",
    "detail.alarm.peak_at",
    "detail.alarm.signals",
];
const EVENTS: &[&str] = &[
    "rule_id",
    "kind",
    "outlet",
    "pollutant",
    "period",
    "start",
    "end",
    "duration_s",
    "windows",
    "peak_value",
    "peak_ratio",
    "limit",
    "message.zh",
    "message.en",
];
const STATISTICS: &[&str] = &[
    "rule_id",
    "outlet",
    "pollutant",
    "period",
    "max",
    "min",
    "windows.present",
    "windows.valid",
    "windows.too_few_valid",
    "windows.o2_invalid",
    "windows.outside_period",
    "windows.expected",
    "capture_rate",
    "exceedances",
    "below_range",
    "events",
    "longest_event_windows",
    "max_value",
    "max_ratio",
    "samples.total",
    "samples.valid",
    "samples.by_flag",
    "samples.not_finite",
    "samples.negative",
    "samples.out_of_range",
];
const NOTES: &[&str] = &["code", "outlet", "pollutant", "message.zh", "message.en"];
/// The method and subject every compliance row starts with.
const COMPLY_HEAD: &[&str] = &[
    "method",
    "method_version",
    "pack_hash",
    "method_outcome",
    "subject",
    "pollutant",
    "rule_id",
];
const CONDITIONS: &[&str] = &[
    "condition",
    "title",
    "clause",
    "status",
    "outcome",
    "findings_total",
    "note",
];
const NUMBERS: &[&str] = &[
    "limit",
    "factor",
    "threshold",
    "present",
    "judged",
    "invalid",
    "exempt",
    "above",
    "not_above",
    "share_required",
    "share_observed",
    "percentile_value",
    "max",
    "mean",
    "count_required",
    "count_max",
    "window",
    "invalid_days",
    "invalid_days_allowed",
    "late",
    "days_allowed",
    "ci_subtracted",
];
const CAPS: &[&str] = &[
    "pollutant",
    "outlets",
    "cap_t",
    "measured_t",
    "estimated_t",
    "total_t",
    "used_share",
    "measured_hours",
    "estimated_hours",
    "stopped_hours",
    "missing_hours",
    "estimation",
    "exhausted_on",
    "forecast",
    "outcome",
    "clause",
];
/// The tables of an evaluation [`Report`].
pub const REPORT_TABLES: &[&str] = &["findings", "events", "statistics", "notes"];
/// The tables of a [`ComplianceReport`].
pub const COMPLIANCE_TABLES: &[&str] = &["conditions", "findings", "caps"];
/// The tables of a warnings report.
pub const WARNINGS_TABLES: &[&str] = &["alarms"];

impl Report {
    /// One of [`REPORT_TABLES`]: `findings`, `events`, `statistics` or `notes`.
    ///
    /// # Errors
    /// `data.unknown_table` for any other name.
    pub fn table(&self, name: &str) -> Result<Table> {
        let (paths, items): (&[&str], Vec<Value>) = match name {
            "findings" => return Ok(findings_table(LIMIT_DETAIL, &self.findings)),
            "events" => (EVENTS, values(&self.events)),
            "statistics" => (STATISTICS, values(&self.statistics)),
            "notes" => (NOTES, values(&self.notes)),
            _ => return Err(unknown_table(name, REPORT_TABLES)),
        };
        Ok(flat_table(paths, &items))
    }
}

/// One row per finding: the head every findings table shares, then the detail of its kind.
pub(crate) fn findings_table(detail: &[&str], findings: &[Finding]) -> Table {
    let paths: Vec<&str> = FINDING_HEAD.iter().chain(detail).copied().collect();
    flat_table(&paths, &values(findings))
}

/// One row per item (its JSON form), one cell per path.
pub(crate) fn flat_table(paths: &[&str], items: &[Value]) -> Table {
    let mut t = Table::with_columns(paths.iter().copied());
    for item in items {
        t.rows.push(paths.iter().map(|p| lookup(item, p)).collect());
    }
    t
}

impl ComplianceReport {
    /// One of [`COMPLIANCE_TABLES`]: `conditions` (one row per condition of each subject, the
    /// deciding numbers as `n_<name>`), `findings` (one per finding) or `caps` (one per mass
    /// cap, without the monthly breakdown).
    ///
    /// # Errors
    /// `data.unknown_table` for any other name.
    pub fn table(&self, name: &str) -> Result<Table> {
        if name == "findings" {
            let all: Vec<Finding> = self
                .methods
                .iter()
                .flat_map(|m| &m.subjects)
                .flat_map(|s| &s.conditions)
                .flat_map(|c| c.findings.iter().cloned())
                .collect();
            return Ok(findings_table(CONDITION_DETAIL, &all));
        }
        let tail: Vec<String> = match name {
            "conditions" => CONDITIONS
                .iter()
                .map(|c| (*c).to_string())
                .chain(NUMBERS.iter().map(|n| format!("n_{n}")))
                .collect(),
            "caps" => CAPS.iter().map(|c| (*c).to_string()).collect(),
            _ => return Err(unknown_table(name, COMPLIANCE_TABLES)),
        };
        // A cap covers outlets and a pollutant of its own: no subject columns.
        let head = COMPLY_HEAD
            .get(..if name == "caps" { 4 } else { COMPLY_HEAD.len() })
            .unwrap_or(COMPLY_HEAD);
        let mut t = Table::with_columns(head.iter().copied());
        t.columns.extend(tail);
        for m in &self.methods {
            let method = [
                Value::from(m.pack.id.as_str()),
                Value::from(m.pack.version.as_str()),
                Value::from(m.pack.hash.as_str()),
                Value::from(m.outcome.as_str()),
            ];
            if name == "caps" {
                for cap in values(&m.caps) {
                    t.rows.push(
                        method
                            .iter()
                            .cloned()
                            .chain(CAPS.iter().map(|p| lookup(&cap, p)))
                            .collect(),
                    );
                }
                continue;
            }
            for s in &m.subjects {
                let mut head = method.to_vec();
                head.extend([
                    Value::from(s.subject.as_str()),
                    Value::from(s.pollutant.as_str()),
                    s.rule_id.as_deref().map_or(Value::Null, Value::from),
                ]);
                for c in &s.conditions {
                    condition_rows(&mut t, &head, c);
                }
            }
        }
        Ok(t)
    }
}

/// The row of one condition (`conditions`).
fn condition_rows(t: &mut Table, head: &[Value], c: &crate::report::compliance::ConditionResult) {
    let cond = json_value(c);
    let mut row = head.to_vec();
    row.extend(CONDITIONS.iter().map(|p| match *p {
        "condition" => Value::from(c.id.as_str()),
        p => lookup(&cond, p),
    }));
    let numbers = cond.get("numbers").cloned().unwrap_or(Value::Null);
    row.extend(NUMBERS.iter().map(|n| lookup(&numbers, n)));
    t.rows.push(row);
}

impl Table {
    fn with_columns<'a>(paths: impl IntoIterator<Item = &'a str>) -> Self {
        Table {
            columns: paths.into_iter().map(column).collect(),
            rows: Vec::new(),
        }
    }

    /// The rows as objects keyed by column (what a DataFrame constructor takes).
    pub fn records(&self) -> Vec<Map<String, Value>> {
        self.rows
            .iter()
            .map(|r| {
                self.columns
                    .iter()
                    .cloned()
                    .zip(r.iter().cloned())
                    .collect()
            })
            .collect()
    }
}

/// The column of a path: `.` → `_`, a detail path without its `detail.<kind>.` prefix.
fn column(path: &str) -> String {
    let path = path
        .strip_prefix("detail.")
        .and_then(|p| p.split_once('.'))
        .map_or(path, |(_, rest)| rest);
    path.replace('.', "_")
}

/// The JSON form of each item (the report's own serialisation, so cells equal its JSON).
pub(crate) fn values<T: Serialize>(items: &[T]) -> Vec<Value> {
    items.iter().map(json_value).collect()
}

/// One item's JSON form, through its JSON text: the text serialiser is the one every host
/// already uses for reports, so tables add no second (`serde_json::Value`) serialiser per
/// type to the WebAssembly package. Serialising a report item cannot fail (string keys, no
/// non-finite numbers: the core writes those as `null`); `null` if it ever did.
fn json_value<T: Serialize>(item: &T) -> Value {
    serde_json::to_string(item)
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or(Value::Null)
}

/// The value at `a.b` in `item`, `null` where the report leaves it out.
fn lookup(item: &Value, path: &str) -> Value {
    path.split('.')
        .try_fold(item, |v, key| v.get(key))
        .cloned()
        .unwrap_or(Value::Null)
}

pub(crate) fn unknown_table(name: &str, tables: &[&str]) -> Error {
    let help = did_you_mean(closest(name, tables.iter().copied()))
        .unwrap_or_else(|| format!("tables: {}", tables.join(", ")));
    Error::data(ErrorCode::DataUnknownTable, format!("no table `{name}`")).with_help(help)
}
