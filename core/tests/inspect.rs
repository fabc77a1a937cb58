//! Checklist packs, inspections and spot checks (beyond the conformance vectors).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use ecorules::host::onsite_check;
use ecorules::host::{checklist_hash, Group, EMBEDDED_CHECKLISTS as EMBEDDED};
use ecorules::SourceText;
use ecorules::*;

const PERMIT: &str = r#"
id = "P-1"
enterprise = { name = "Paper Mill" }
[[outlets]]
id = "DW001"
kind = "water"
limits = [{ pollutant = "cod", max = 80, periods = ["day"] }]
"#;

#[test]
fn embedded_packs_have_six_major_items_and_cite_their_source() {
    let set = Catalog::embedded().unwrap();
    let list = set.checklists();
    assert_eq!(list.len(), EMBEDDED.len());
    for info in &list {
        assert_eq!(info.major_items, 6, "{}", info.reference.id);
        assert!(info.minor_items >= 20);
        assert!(info.source.contains("排污许可"));
    }
    for info in &list {
        let p = set.checklist(&info.reference.id).unwrap();
        assert!(p
            .pack()
            .items
            .iter()
            .filter(|i| i.group == Group::Minor)
            .all(|i| i.basis.is_some()));
    }
}

#[test]
fn verified_load_accepts_the_published_hash_and_refuses_others() {
    let (_, text) = EMBEDDED[0];
    let newer = text.replace("version = \"2025.1\"", "version = \"2025.2\"");
    let parsed =
        ecorules::host::parse_checklist(&SourceText::new("x.toml", newer.clone())).unwrap();
    let hash = checklist_hash(parsed.pack());
    let mut set = Catalog::embedded().unwrap();
    let src = SourceText::new("x.toml", newer.clone());
    let err = set
        .add_verified(CatalogKind::Checklist, &src, "sha256:00")
        .unwrap_err();
    assert_eq!(err.code(), "pack.hash_mismatch");
    let src = SourceText::new("x.toml", newer);
    let ok = set
        .add_verified(CatalogKind::Checklist, &src, &hash)
        .unwrap();
    assert_eq!(ok.version, "2025.2");
    assert_eq!(ok.source, PackSource::Custom);
}

#[test]
fn save_restore_is_lossless_and_bad_bytes_are_state_errors() {
    let plan = ecorules::Plan::compile_text("p.toml", PERMIT).unwrap();
    let set = Catalog::embedded().unwrap();
    let mut insp = Inspection::start(
        &plan,
        &set,
        "cn-permit-paper",
        &StartOptions::default(),
        100,
    )
    .unwrap();
    let id = insp
        .items
        .iter()
        .find(|i| i.pollutant.is_some())
        .unwrap()
        .id
        .clone();
    insp.answer(Answer {
        item: id,
        status: AnswerStatus::NonCompliant,
        note: Some("x".into()),
        evidence: vec!["p1".into()],
        at: 200,
    })
    .unwrap();
    let back = Inspection::restore(&insp.to_bytes().unwrap()).unwrap();
    assert_eq!(back, insp);
    assert_eq!(back.finish(300), insp.finish(300));
    for bad in [&b"\xff\xfe"[..], b"", b"[]", b"{\"format\":\"other\"}"] {
        let e = Inspection::restore(bad).unwrap_err();
        assert_eq!(e.kind(), ecorules::ErrorKind::State);
    }
}

#[test]
fn spot_check_rejects_nonsense_values() {
    let plan = ecorules::Plan::compile_text("p.toml", PERMIT).unwrap();
    for v in [f64::NAN, f64::INFINITY, -1.0] {
        let m = SpotMeasurement {
            outlet: "DW001".into(),
            pollutant: "cod".into(),
            value: v,
            unit: ecorules::Unit::MgPerL,
            o2: None,
            time: 0,
        };
        assert_eq!(
            onsite_check(&plan, &m).unwrap_err().code(),
            "data.bad_value"
        );
    }
    let m = SpotMeasurement {
        outlet: "DW001".into(),
        pollutant: "cod".into(),
        value: 1.0,
        unit: ecorules::Unit::Ppm,
        o2: None,
        time: 0,
    };
    assert_eq!(
        onsite_check(&plan, &m).unwrap_err().code(),
        "conversion.unit"
    );
}

#[test]
fn checklist_schema_file_is_current() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../rules/schema/checklist.schema.json");
    let want = ecorules::host::checklist_schema() + "\n";
    if std::env::var("ECORULES_BLESS").is_ok() {
        std::fs::write(&path, &want).unwrap();
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(have == want, "rules/schema/checklist.schema.json is stale: ECORULES_BLESS=1 cargo test -p ecorules --test inspect");
}
