//! `docs/errors.md` is generated from [`ErrorCode`]: this test regenerates it and fails when
//! the file is stale. `UPDATE_ERRORS_DOC=1 cargo test -p ecorules --test errors` rewrites it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use ecorules::{ErrorCode, ErrorKind};
use std::fmt::Write as _;
use std::path::PathBuf;

const KINDS: &[(ErrorKind, &str)] = &[
    (ErrorKind::Pack, "A rule pack (standard, validity, method, warning or checklist pack) is malformed or inconsistent."),
    (ErrorKind::Permit, "A permit is malformed or cites something that does not exist."),
    (ErrorKind::Data, "Monitoring data or a request are malformed."),
    (ErrorKind::Rule, "A warning rule does not parse or type-check."),
    (ErrorKind::Protocol, "A protocol packet (HJ 212) could not be decoded."),
    (ErrorKind::Limit, "Input exceeded a safety bound."),
    (ErrorKind::Conversion, "A unit conversion or O2 correction is undefined for the given values."),
    (ErrorKind::State, "Saved state (a monitor snapshot, an inspection) could not be restored."),
    (ErrorKind::Internal, "A bug in ecorules, never the caller's input."),
];

fn render() -> String {
    let mut out = String::new();
    out.push_str("# Error codes\n\n");
    out.push_str(
        "<!-- Generated from `core/src/diag/code.rs` by `core/tests/errors.rs`; do not edit.\n     \
         Regenerate: UPDATE_ERRORS_DOC=1 cargo test -p ecorules --test errors -->\n\n",
    );
    out.push_str(
        "Every error of ecorules carries the same envelope in every binding (Rust, WebAssembly, \
         Python, Kotlin/Swift, the CLI): `kind`, `code`, `message`, `help`, `file`, `path`, \
         `line`, `column`. The `code` is one of the stable codes below; its first part is the \
         `kind`. A published code keeps its meaning; new codes may be added (`ErrorCode` is \
         `#[non_exhaustive]`).\n",
    );
    for (kind, about) in KINDS {
        let codes: Vec<ErrorCode> = ErrorCode::ALL
            .iter()
            .copied()
            .filter(|c| c.kind() == *kind)
            .collect();
        let _ = write!(out, "\n## `{}`\n\n{about}\n\n", kind.as_str());
        out.push_str("| Code | Meaning | What to do |\n|---|---|---|\n");
        for c in codes {
            let doc = c.doc().replace('|', "\\|");
            let (meaning, help) = doc.split_once(" Help: ").unwrap_or((&doc, ""));
            let _ = writeln!(out, "| `{}` | {meaning} | {help} |", c.as_str());
        }
    }
    out
}

#[test]
fn every_code_has_a_known_kind_and_help() {
    for &c in ErrorCode::ALL {
        assert!(KINDS.iter().any(|(k, _)| *k == c.kind()), "{c}");
        assert!(
            c.doc().contains(" Help: "),
            "{c}: the doc line needs ` Help: `"
        );
        assert_eq!(c.as_str().parse::<ErrorCode>().unwrap(), c);
    }
    let mut seen = std::collections::HashSet::new();
    assert!(ErrorCode::ALL.iter().all(|c| seen.insert(c.as_str())));
}

#[test]
fn errors_md_is_current() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs/errors.md");
    let want = render();
    if std::env::var_os("UPDATE_ERRORS_DOC").is_some() {
        std::fs::write(&path, &want).unwrap();
        return;
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "docs/errors.md is stale: run `UPDATE_ERRORS_DOC=1 cargo test -p ecorules --test errors`"
    );
}
