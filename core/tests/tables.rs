//! The flat tables every host exports (`Report::table`, `ComplianceReport::table`,
//! `WarningsReport::table`): fixed columns, cells equal to the report's JSON.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use ecorules::{DataFormat, LoadOptions, Plan, Readings, Report, REPORT_TABLES};
use serde_json::{json, Value};

fn sample_report() -> Report {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/sample");
    let permit = std::fs::read_to_string(format!("{root}/permit.toml")).unwrap();
    let csv = std::fs::read_to_string(format!("{root}/day.csv")).unwrap();
    let plan = Plan::compile_text("permit.toml", &permit).unwrap();
    let data = Readings::load(&csv, DataFormat::Csv, &LoadOptions::default()).unwrap();
    plan.evaluate(&data).unwrap()
}

#[test]
fn findings_table_has_one_row_per_finding_and_the_nested_fields_joined() {
    let report = sample_report();
    let t = report.table("findings").unwrap();
    assert_eq!(t.columns.len(), 32);
    assert_eq!(
        &t.columns[..5],
        ["id", "rule_id", "kind", "severity", "outlet"]
    );
    assert!(t.columns.contains(&"basis_standard".to_string()));
    assert!(t.columns.contains(&"evidence_n_valid".to_string()));
    assert_eq!(t.columns.last().unwrap(), "evidence_ref_o2");
    assert_eq!(t.rows.len(), report.findings.len());
    let f = serde_json::to_value(&report.findings[0]).unwrap();
    let cell = |name: &str| t.rows[0][t.columns.iter().position(|c| c == name).unwrap()].clone();
    assert_eq!(cell("outlet"), json!("DA001"));
    assert_eq!(cell("kind"), json!("exceedance"));
    assert_eq!(cell("limit"), f["limit"]);
    assert_eq!(cell("basis_standard"), f["basis"]["standard"]);
    assert_eq!(
        cell("evidence_n_valid"),
        f["detail"]["limit"]["evidence"]["n_valid"]
    );
    assert_eq!(cell("message_en"), f["message"]["en"]);
    assert_eq!(cell("id"), f["id"]);
}

#[test]
fn every_table_keeps_its_header_when_empty() {
    let empty = Report {
        permit: "p".into(),
        enterprise: "e".into(),
        findings: vec![],
        events: vec![],
        statistics: vec![],
        notes: vec![],
        packs: vec![],
    };
    let widths: Vec<usize> = REPORT_TABLES
        .iter()
        .map(|n| empty.table(n).unwrap().columns.len())
        .collect();
    assert_eq!(widths, [32, 14, 25, 5]);
    assert!(REPORT_TABLES
        .iter()
        .all(|n| empty.table(n).unwrap().rows.is_empty()));
}

#[test]
fn statistics_rows_carry_capture_rate_and_sample_counts() {
    let report = sample_report();
    let t = report.table("statistics").unwrap();
    assert_eq!(t.rows.len(), report.statistics.len());
    let col = |name: &str| t.columns.iter().position(|c| c == name).unwrap();
    let s = serde_json::to_value(&report.statistics[0]).unwrap();
    assert_eq!(t.rows[0][col("windows_valid")], s["windows"]["valid"]);
    assert_eq!(t.rows[0][col("samples_total")], s["samples"]["total"]);
    assert!(matches!(
        t.rows[0][col("samples_by_flag")],
        Value::Object(_)
    ));
    let records = t.records();
    assert_eq!(records[0]["rule_id"], s["rule_id"]);
}

#[test]
fn an_unknown_table_suggests_the_closest_name() {
    let err = sample_report().table("finding").unwrap_err().envelope();
    assert_eq!(err.code, "data.unknown_table");
    assert_eq!(err.message, "no table `finding`");
    assert_eq!(err.help.as_deref(), Some("did you mean `findings`?"));
}

fn comply_vector(name: &str) -> ecorules::ComplianceReport {
    let path = format!("{}/../tests/vectors/{name}", env!("CARGO_MANIFEST_DIR"));
    let v: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let req = serde_json::from_value(v["input"].clone()).unwrap();
    ecorules::host::comply_request(&req).unwrap()
}

#[test]
fn caps_table_is_one_row_per_cap_with_its_method() {
    // tests/vectors/comply-mass-cap-exceeded.json: 0.0864 t measured against a 0.05 t cap.
    let t = comply_vector("comply-mass-cap-exceeded.json")
        .table("caps")
        .unwrap();
    assert_eq!(
        &t.columns[..4],
        ["method", "method_version", "pack_hash", "method_outcome"]
    );
    assert_eq!(t.rows.len(), 1);
    let cell = |name: &str| t.rows[0][t.columns.iter().position(|c| c == name).unwrap()].clone();
    assert_eq!(cell("pollutant"), json!("a21026"));
    assert_eq!(cell("cap_t"), json!(0.05));
    assert_eq!(cell("total_t"), json!(0.0864));
    assert_eq!(cell("used_share"), json!(1.728));
    assert_eq!(cell("exhausted_on"), json!("2025-01-01"));
    assert_eq!(cell("outcome"), json!("fail"));
    assert!(!t.columns.contains(&"months".to_string()));
}

#[test]
fn conditions_table_spells_out_every_number() {
    let report = comply_vector("comply-cn-hour-exceedance.json");
    let t = report.table("conditions").unwrap();
    let n: usize = report
        .methods
        .iter()
        .flat_map(|m| &m.subjects)
        .map(|s| s.conditions.len())
        .sum();
    assert_eq!(t.rows.len(), n);
    assert_eq!(t.columns.len(), 7 + 7 + 22);
    assert!(t.columns.iter().any(|c| c == "n_share_observed"));
    let findings = report.table("findings").unwrap();
    let total: u32 = report
        .methods
        .iter()
        .flat_map(|m| &m.subjects)
        .flat_map(|s| &s.conditions)
        .map(|c| u32::try_from(c.findings.len()).unwrap())
        .sum();
    assert_eq!(findings.rows.len(), total as usize);
    assert!(total > 0);
}
