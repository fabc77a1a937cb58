//! Compliance methods: embedded method packs parse, their schema is committed, bad packs and
//! requests fail with located errors, and the public entry point works on CSV data.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use ecorules::host::assess;
use ecorules::host::load_csv;
use ecorules::LoadOptions;
use ecorules::{Catalog, CatalogKind, ComplyOptions, Outcome};
use ecorules::{Plan, SourceText};

#[test]
fn embedded_methods_parse_with_distinct_hashes() {
    let set = Catalog::embedded().unwrap();
    let ids = set.ids(CatalogKind::Method);
    assert_eq!(ids.len(), 7, "{ids:?}");
    let list = set.list_kind(CatalogKind::Method);
    let hashes: Vec<&str> = list.iter().map(|m| m.hash.as_str()).collect();
    for (i, h) in hashes.iter().enumerate() {
        assert!(h.starts_with("sha256:") && h.len() == 71);
        assert!(!hashes[i + 1..].contains(h));
    }
}

#[test]
fn method_schema_is_committed_and_current() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../rules/schema");
    let path = root.join("method.schema.json");
    if std::env::var("ECORULES_BLESS").is_ok() {
        std::fs::write(&path, ecorules::host::method_schema() + "\n").unwrap();
        return;
    }
    let text = std::fs::read_to_string(path).unwrap_or_default();
    assert_eq!(
        text,
        ecorules::host::method_schema() + "\n",
        "run with ECORULES_BLESS=1 to regenerate"
    );
}

#[test]
fn bad_method_pack_is_located() {
    let text = "schema_version = 1\nid = \"x\"\nversion = \"1\"\nmethod = \"ied_lcp\"\ntitle = \"t\"\njurisdiction = \"EU\"\nsource = { standard = \"S\", status = \"verified\" }\n\n[[conditions]]\nid = \"c\"\ntitle = \"t\"\nclause = \"c\"\nstatus = \"verified\"\ntest = \"share_not_above\"\nshare = 1.5\n";
    let mut set = Catalog::empty();
    let env = set
        .add(CatalogKind::Method, &SourceText::new("m.toml", text))
        .unwrap_err()
        .envelope();
    assert_eq!(env.code, "pack.bad_parameter");
    assert_eq!(env.path.as_deref(), Some("conditions[0].share"));
    assert_eq!(env.file.as_deref(), Some("m.toml"));
}

#[test]
fn unknown_method_and_bad_period_are_data_errors() {
    let plan = Plan::compile_text(
        "p.toml",
        "id = \"P\"\nenterprise = { name = \"E\" }\n[[outlets]]\nid = \"DA001\"\nkind = \"air\"\nlimits = [{ pollutant = \"so2\", max = 35, periods = [\"hour\"] }]\n",
    )
    .unwrap();
    let data = load_csv(
        "outlet,time,so2\nDA001,2025-01-01T00:00:00Z,1\n",
        &LoadOptions::default(),
    )
    .unwrap();
    let opts = |period: &str, m: &str| ComplyOptions {
        period: period.into(),
        methods: vec![m.into()],
        as_of: None,
    };
    let e = assess(&plan, &data, &opts("2025", "cn-auto-monitorin"))
        .unwrap_err()
        .envelope();
    assert_eq!(e.code, "data.comply.unknown_method");
    assert_eq!(
        e.help.as_deref(),
        Some("did you mean `cn-auto-monitoring`?")
    );
    let e = assess(&plan, &data, &opts("2025-13", "cn-auto-monitoring"))
        .unwrap_err()
        .envelope();
    assert_eq!(e.code, "data.comply.bad_period");
    let r = assess(&plan, &data, &opts("2025-01", "cn-auto-monitoring")).unwrap();
    // one minute is not a valid hour (45 valid minutes needed): nothing to judge
    assert_eq!(r.outcome, Outcome::NotAssessed);
    let c = &r.methods[0].subjects[0].conditions[0];
    assert_eq!((c.numbers.present, c.numbers.invalid), (Some(1), Some(1)));
    assert_eq!(
        (r.from.as_str(), r.to.as_str()),
        ("2025-01-01", "2025-01-31")
    );
}
