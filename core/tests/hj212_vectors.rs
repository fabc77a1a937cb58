//! Replays every `tests/vectors/hj212-*.json` through `hj212::decode_vector_input` and
//! compares with `expected` exactly (as JSON values).

#![allow(clippy::indexing_slicing)]

use std::path::Path;

#[test]
fn hj212_vectors_replay_exactly() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let n = p.file_name().unwrap().to_string_lossy();
            n.starts_with("hj212-") && n.ends_with(".json")
        })
        .collect();
    names.sort();
    assert!(
        names.len() >= 8,
        "expected at least 8 hj212 vectors, found {}",
        names.len()
    );
    let mut failures = Vec::new();
    for path in &names {
        let doc: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        assert_eq!(doc["kind"], "hj212_decode", "{}", path.display());
        for key in ["id", "description", "source"] {
            assert!(doc[key].is_string(), "{} lacks {key}", path.display());
        }
        let got = ecorules::hj212::decode_vector_input(&doc["input"]).unwrap();
        if got != doc["expected"] {
            failures.push(format!(
                "{}:\n  expected {}\n  got      {}",
                path.display(),
                serde_json::to_string(&doc["expected"]).unwrap(),
                serde_json::to_string(&got).unwrap()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
