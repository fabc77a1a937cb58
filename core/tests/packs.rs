//! Every embedded pack parses, and every hand-computed case it carries passes.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use ecorules::testkit::pack_tests::run_pack_tests;
use ecorules::{Catalog, CatalogKind, SourceText};

#[test]
fn embedded_pack_cases_pass() {
    let packs = Catalog::embedded().unwrap();
    let mut n = 0;
    for p in packs.list_kind(CatalogKind::Standard) {
        for case in run_pack_tests(&packs, &p.id).unwrap() {
            assert!(case.passed, "{}: {} ({})", p.id, case.name, case.observed);
            n += 1;
        }
    }
    assert!(n >= 19, "only {n} cases");
}

#[test]
fn hashes_are_stable_and_distinct() {
    let packs = Catalog::embedded().unwrap();
    let list = packs.list();
    let hashes: Vec<&str> = list.iter().map(|p| p.hash.as_str()).collect();
    for (i, h) in hashes.iter().enumerate() {
        assert!(h.starts_with("sha256:") && h.len() == 71);
        assert!(!hashes[i + 1..].contains(h));
    }
}

#[test]
fn bad_pack_gets_position_path_and_suggestion() {
    let text = "schema_version = 1\nid = \"x\"\nversion = \"1\"\nkind = \"standard\"\ntitle = \"t\"\njurisdiction = \"CN\"\nsource = { standard = \"S\", status = \"verified\" }\n\n[[categories]]\nid = \"a\"\ntitle = \"a\"\nlimits = [\n  { pollutant = \"a21062\", max = 1.0, unit = \"mg/m3\", periods = [\"hour\"], source = \"T1\" },\n]\n";
    let mut packs = Catalog::embedded().unwrap();
    let e = packs
        .add(CatalogKind::Standard, &SourceText::new("bad.toml", text))
        .unwrap_err();
    let env = e.envelope();
    assert_eq!(env.code, "pack.unknown_pollutant");
    assert_eq!(
        env.path.as_deref(),
        Some("categories[0].limits[0].pollutant")
    );
    assert_eq!(env.file.as_deref(), Some("bad.toml"));
    assert_eq!((env.line, env.column), (Some(13), Some(17)));
    assert_eq!(env.help.as_deref(), Some("did you mean `a21026`?"));

    let typo = text.replace("jurisdiction", "jurisdictoin");
    let e = Catalog::empty()
        .add(CatalogKind::Standard, &SourceText::new("bad.toml", typo))
        .unwrap_err();
    let env = e.envelope();
    assert_eq!(env.code, "pack.schema");
    assert_eq!(env.help.as_deref(), Some("did you mean `jurisdiction`?"));
    assert_eq!(env.line, Some(6));
}

#[test]
fn schemas_are_committed_and_current() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../rules/schema");
    let pack = std::fs::read_to_string(root.join("pack.schema.json")).unwrap_or_default();
    let permit = std::fs::read_to_string(root.join("permit.schema.json")).unwrap_or_default();
    if std::env::var("ECORULES_BLESS").is_ok() {
        std::fs::create_dir_all(&root).unwrap();
        std::fs::write(
            root.join("pack.schema.json"),
            ecorules::host::pack_schema() + "\n",
        )
        .unwrap();
        std::fs::write(
            root.join("permit.schema.json"),
            ecorules::host::permit_schema() + "\n",
        )
        .unwrap();
        return;
    }
    assert_eq!(
        pack,
        ecorules::host::pack_schema() + "\n",
        "run with ECORULES_BLESS=1 to regenerate"
    );
    assert_eq!(
        permit,
        ecorules::host::permit_schema() + "\n",
        "run with ECORULES_BLESS=1 to regenerate"
    );
}
