//! `ecorules packs` lists the catalog: every `rules/<kind>/*.toml` file is embedded by
//! `core/build.rs` with no other edit, so each file's id appears in the listing, under its kind.
//! (`scripts/test-all.sh` also adds a probe file and rebuilds, which a test cannot do.)
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a failed expectation is a failed test"
)]

use serde_json::Value;
use std::path::Path;
use std::process::Command;

/// The `id = "..."` of every pack file in `rules/<folder>/`.
fn ids_in(folder: &str) -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../rules")
        .join(folder);
    let mut ids = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            let text = std::fs::read_to_string(&path).unwrap();
            let id = text
                .lines()
                .find_map(|l| l.strip_prefix("id = \""))
                .and_then(|rest| rest.strip_suffix('"'))
                .unwrap_or_else(|| panic!("{} has no top-level id", path.display()));
            ids.push(id.to_string());
        }
    }
    ids
}

#[test]
fn every_pack_file_of_every_kind_is_listed() {
    let out = Command::new(env!("CARGO_BIN_EXE_ecorules"))
        .args(["packs", "--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let list: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    for (folder, kind) in [
        ("standards", "standard"),
        ("validity", "validity"),
        ("methods", "method"),
        ("warnings", "warning"),
        ("checklists", "checklist"),
    ] {
        let ids = ids_in(folder);
        assert!(!ids.is_empty(), "rules/{folder} is empty");
        for id in ids {
            assert!(
                list.iter().any(|p| p["id"] == id.as_str()
                    && p["kind"] == kind
                    && p["source"] == "embedded"),
                "rules/{folder}: `{id}` is not listed as an embedded {kind} pack"
            );
        }
    }
    let table = Command::new(env!("CARGO_BIN_EXE_ecorules"))
        .arg("packs")
        .output()
        .unwrap();
    let text = String::from_utf8(table.stdout).unwrap();
    assert!(
        text.lines().any(|l| l.starts_with("cn-ultra-low-2015 ")),
        "{text}"
    );
}
