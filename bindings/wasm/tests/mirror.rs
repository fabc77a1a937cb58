//! The TypeScript mirror types must match the core's serde JSON field for field: every
//! mirror denies unknown fields, so a core field without a mirror field fails here.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use ecorules::host::load_csv;
use ecorules::LoadOptions;
use ecorules::Plan;
use serde::{de::DeserializeOwned, Serialize};
use serde_json::Value;

fn roundtrip<M: DeserializeOwned + Serialize, C: Serialize>(core: &C) {
    let v: Value = serde_json::to_value(core).unwrap();
    let m: M = serde_json::from_value(v.clone())
        .unwrap_or_else(|e| panic!("mirror {} does not match: {e}", std::any::type_name::<M>()));
    assert_eq!(serde_json::to_value(&m).unwrap(), v);
}

const PERMIT: &str = r#"
id = "PERMIT-1"
enterprise = { name = "Example Power Co." }
[[outlets]]
id = "DA001"
kind = "air"
standard = "cn-ultra-low-2015/coal"
limits = [{ pollutant = "so2", periods = ["hour", "day"] }, { pollutant = "nox" }]
"#;

#[test]
fn report_and_friends_match_the_core() {
    let plan = Plan::compile_text("permit.toml", PERMIT).unwrap();
    let mut csv = String::from("outlet,time,so2,o2,flag\n");
    for m in 0..60 {
        csv += &format!("DA001,2025-03-01T10:{m:02}:00+08:00,40,6,N\n");
    }
    csv += "DA002,2025-03-01T10:00:00+08:00,1,6,N\n";
    let data = load_csv(&csv, &LoadOptions::default()).unwrap();
    let report = plan.evaluate(&data).unwrap();
    assert!(!report.findings.is_empty() && !report.events.is_empty());
    assert!(!report.notes.is_empty());
    roundtrip::<ecorules_wasm::types::Report, _>(&report);
    let set = ecorules::Catalog::embedded().unwrap();
    roundtrip::<Vec<ecorules_wasm::types::PackInfo>, _>(&ecorules::host::list_packs(&set));
    roundtrip::<ecorules_wasm::types::EvaluateOptions, _>(&ecorules::EvaluateOptions {
        from: Some(1),
        to: Some(2),
        findings: false,
    });
    roundtrip::<ecorules_wasm::types::LoadOptions, _>(&LoadOptions {
        duplicates: ecorules::DuplicatePolicy::KeepLast,
        naive_time_zone: Some("Asia/Shanghai".into()),
        source_name: Some("x.csv".into()),
    });
}

#[test]
fn error_envelope_matches_the_core() {
    let e = Plan::compile_text("permit.toml", "id = 1").unwrap_err();
    roundtrip::<ecorules_wasm::types::ErrorEnvelope, _>(&e.envelope());
}

#[test]
fn hj212_output_matches_the_core() {
    let capture = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/sample/hj212-day.txt"
    ))
    .unwrap();
    // Add a broken packet so diagnostics are not empty.
    let text = format!("garbage##0005xx\r\n{capture}");
    let out = ecorules::hj212::decode_request(&ecorules::hj212::DecodeRequest {
        text,
        time_zone: None,
        map: Default::default(),
        data: Default::default(),
        values: Default::default(),
    })
    .unwrap();
    assert!(!out.series.is_empty() && !out.diagnostics.is_empty());
    roundtrip::<ecorules_wasm::types::Hj212Decoded, _>(&out);
}

fn vector(name: &str) -> Value {
    let path = format!("{}/../../tests/vectors/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn inspection_types_match_the_core() {
    use ecorules_wasm::types as m;
    let v = vector("inspect-dyeing-walkthrough.json");
    let req: ecorules::host::inspect::InspectionRequest =
        serde_json::from_value(v["input"].clone()).unwrap();
    roundtrip::<m::InspectionRequest, _>(&req);
    let out = ecorules::host::inspect::run_inspection(&req).unwrap();
    assert!(
        !out.report.findings.is_empty() && out.report.findings.iter().any(|f| f.note.is_some())
    );
    roundtrip::<m::InspectionOutcome, _>(&out);
    roundtrip::<Vec<m::Answer>, _>(&req.answers);
    roundtrip::<m::StartOptions, _>(&req.start);
    let set = ecorules::host::inspect::checklist_catalog(&[]).unwrap();
    roundtrip::<Vec<m::ChecklistInfo>, _>(&set.checklists());
    let r: ecorules::host::inspect::RestoreRequest =
        serde_json::from_value(vector("inspect-restore-bad-bytes.json")["input"].clone()).unwrap();
    roundtrip::<m::RestoreRequest, _>(&r);
    let l: ecorules::host::inspect::ChecklistLoadRequest =
        serde_json::from_value(vector("inspect-checklist-hash-mismatch.json")["input"].clone())
            .unwrap();
    roundtrip::<m::ChecklistLoadRequest, _>(&l);
    for name in ["onsite-so2-ppm-o2.json", "onsite-cod-mg-l.json"] {
        let o: ecorules::host::inspect::OnsiteRequest =
            serde_json::from_value(vector(name)["input"].clone()).unwrap();
        roundtrip::<m::OnsiteRequest, _>(&o);
        roundtrip::<m::OnsiteResult, _>(&ecorules::host::inspect::run_onsite(&o).unwrap());
    }
}
