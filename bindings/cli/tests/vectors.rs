//! Replays every conformance vector that has a command-line form through the `ecorules` binary:
//! the `evaluate` vectors as `ecorules check --permit P --data D [--pack …] [--from] [--to]
//! [--keep-last] --format json`, compared value by value with `expected`, and the error vectors
//! as exit status 2 with the error's code on stderr. Vectors that need an option the CLI does
//! not have (`findings = false`) are counted and skipped by name.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a failed expectation is a failed test"
)]

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn vectors_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors")
}

fn write_json(dir: &Path, name: &str, v: &Value) -> String {
    let p = dir.join(name);
    std::fs::write(&p, serde_json::to_string(v).unwrap()).unwrap();
    p.display().to_string()
}

/// The CLI arguments for an evaluate vector's input, or `None` when it has no CLI form.
fn check_args(input: &Value, dir: &Path) -> Option<Vec<String>> {
    let mut args = vec!["check".to_string(), "--format".into(), "json".into()];
    args.push("--permit".into());
    args.push(write_json(dir, "permit.json", &input["permit"]));
    args.push("--data".into());
    args.push(write_json(dir, "data.json", &input["data"]));
    if let Some(packs) = input["packs"].as_array() {
        for (i, p) in packs.iter().enumerate() {
            args.push("--pack".into());
            args.push(write_json(dir, &format!("pack-{i}.json"), p));
        }
    }
    if let Some(opts) = input["options"].as_object() {
        if opts.get("findings") == Some(&Value::Bool(false)) {
            return None;
        }
        for key in ["from", "to"] {
            if let Some(t) = opts.get(key).and_then(Value::as_i64) {
                args.push(format!("--{key}"));
                args.push(t.to_string());
            }
        }
    }
    if let Some(load) = input["load"].as_object() {
        match load.get("duplicates").and_then(Value::as_str) {
            Some("keep_last") => args.push("--keep-last".into()),
            Some("error") | None => {}
            Some(_) => return None,
        }
        if load.keys().any(|k| k != "duplicates") {
            return None;
        }
    }
    Some(args)
}

#[test]
fn evaluate_vectors_replay_through_the_cli() {
    let bin = env!("CARGO_BIN_EXE_ecorules");
    let mut files: Vec<_> = std::fs::read_dir(vectors_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let (mut replayed, mut skipped) = (0, Vec::new());
    for f in &files {
        let v: Value = serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap();
        if v["kind"] != "evaluate" {
            continue;
        }
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        let dir = std::env::temp_dir().join(format!("ecorules-cli-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let Some(args) = check_args(&v["input"], &dir) else {
            skipped.push(name);
            continue;
        };
        let out = Command::new(bin).args(&args).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        if let Some(err) = v.get("expected_error") {
            assert_eq!(
                out.status.code(),
                Some(2),
                "{name}: exit status; stderr: {stderr}"
            );
            let code = err["code"].as_str().unwrap();
            assert!(
                stderr.contains(code),
                "{name}: stderr lacks `{code}`: {stderr}"
            );
        } else {
            assert!(out.status.success(), "{name}: {stderr}");
            let got: Value = serde_json::from_slice(&out.stdout).unwrap();
            assert_eq!(got, v["expected"], "{name}: output differs");
        }
        std::fs::remove_dir_all(&dir).ok();
        replayed += 1;
    }
    assert!(
        replayed >= 45,
        "replayed only {replayed}; skipped {skipped:?}"
    );
    assert!(
        skipped.len() <= 6,
        "too many vectors without a CLI form: {skipped:?}"
    );
}

#[test]
fn packs_lists_every_embedded_standard() {
    let out = Command::new(env!("CARGO_BIN_EXE_ecorules"))
        .arg("packs")
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for id in [
        "cn-cems-validity",
        "cn-water-validity",
        "cn-ultra-low-2015",
        "gb13223-2011",
        "gb13271-2014",
        "gb4287-2012",
    ] {
        assert!(text.contains(id), "`ecorules packs` lacks {id}: {text}");
    }
}

#[test]
fn bad_input_exits_2_with_the_position() {
    let dir = std::env::temp_dir().join(format!("ecorules-cli-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let permit = dir.join("permit.toml");
    std::fs::write(&permit, "id = \"P\"\nenterprise = { name = \"E\" }\n[[outlets]]\nid = \"DA001\"\nkind = \"air\"\nlimits = [{ pollutant = \"so3\", max = 35 }]\n").unwrap();
    let data = dir.join("d.csv");
    std::fs::write(
        &data,
        "outlet,pollutant,time,value,flag\nDA001,so2,2025-03-01T10:00:00+08:00,1,N\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_ecorules"))
        .args([
            "check",
            "--permit",
            permit.to_str().unwrap(),
            "--data",
            data.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("permit.toml:6:"), "no line in: {stderr}");
    std::fs::remove_dir_all(&dir).ok();
}

/// `check --format csv --table NAME` writes the core's table: its header is the core's column
/// set (the same columns Python's `Report.to_pandas(NAME)` and JS `reportTable` give).
#[test]
fn csv_tables_are_the_core_tables() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/sample");
    for (table, header) in [
        ("notes", "code,outlet,pollutant,message_zh,message_en"),
        (
            "events",
            "rule_id,kind,outlet,pollutant,period,start,end,duration_s,windows,peak_value,peak_ratio,limit,message_zh,message_en",
        ),
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_ecorules"))
            .args(["check", "--permit", &format!("{root}/permit.toml"), "--data"])
            .arg(format!("{root}/day.csv"))
            .args(["--format", "csv", "--table", table])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let text = String::from_utf8_lossy(&out.stdout);
        assert_eq!(text.lines().next(), Some(header));
    }
}

/// `comply` without `--method` refuses as the core does in every host (no silent default).
#[test]
fn comply_without_a_method_is_refused_with_the_list() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/sample");
    let out = Command::new(env!("CARGO_BIN_EXE_ecorules"))
        .args([
            "comply",
            "--permit",
            &format!("{root}/permit.toml"),
            "--data",
        ])
        .arg(format!("{root}/day.csv"))
        .args(["--period", "2025-03"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("data.comply.no_methods"), "{stderr}");
    assert!(stderr.contains("cn-auto-monitoring"), "{stderr}");
}
