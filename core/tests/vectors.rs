//! Replays every conformance vector in `tests/vectors/` (see its README).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use serde_json::Value;
use std::path::PathBuf;

fn vectors_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors")
}

/// JSON equality with numbers compared as IEEE doubles (as JS, Python and Kotlin compare
/// them): `30` equals `30.0`.
fn json_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| json_eq(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, p)| y.get(k).is_some_and(|q| json_eq(p, q)))
        }
        _ => a == b,
    }
}

#[test]
fn replay_all_vectors() {
    let bless = std::env::var("ECORULES_BLESS").is_ok();
    let mut files: Vec<PathBuf> = std::fs::read_dir(vectors_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let mut failures = Vec::new();
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let mut v: Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let kind = v["kind"].as_str().unwrap_or("").to_string();
        for field in ["id", "description", "source", "kind"] {
            if !v[field].is_string() {
                failures.push(format!("{}: lacks `{field}`", path.display()));
            }
        }
        let out = ecorules::testkit::vectors::run(&kind, &v["input"]);
        let actual = match &out {
            Ok(o) => o.clone(),
            Err(e) => serde_json::json!({ "error": serde_json::to_value(e.envelope()).unwrap() }),
        };
        // Hand-computed values first: they are the truth.
        if let Some(hand) = v["hand"].as_array() {
            for h in hand {
                let ptr = h["pointer"].as_str().unwrap();
                let got = match &out {
                    Ok(o) => o.pointer(ptr).cloned(),
                    Err(_) => actual.pointer(ptr).cloned(),
                };
                let want = &h["equals"];
                let same = match (got.as_ref().and_then(Value::as_f64), want.as_f64()) {
                    (Some(a), Some(b)) => a == b,
                    _ => got.as_ref() == Some(want),
                };
                if !same {
                    failures.push(format!(
                        "{}: hand value {ptr}: want {want}, got {got:?}",
                        path.display()
                    ));
                }
            }
        }
        let (key, value) = match &out {
            Ok(o) => ("expected", o.clone()),
            Err(e) => (
                "expected_error",
                serde_json::to_value(e.envelope()).unwrap(),
            ),
        };
        if bless {
            let obj = v.as_object_mut().unwrap();
            obj.remove("expected");
            obj.remove("expected_error");
            obj.insert(key.to_string(), value);
            std::fs::write(path, serde_json::to_string_pretty(&v).unwrap() + "\n").unwrap();
        } else if !v.get(key).is_some_and(|e| json_eq(e, &value)) {
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            let dump = std::env::temp_dir().join(format!("ecorules-actual-{name}"));
            std::fs::write(&dump, serde_json::to_string_pretty(&value).unwrap()).unwrap();
            failures.push(format!(
                "{name}: output differs from `{key}` (actual output in {})",
                dump.display()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
