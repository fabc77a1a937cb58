//! No function in the core is longer than 80 lines (signature to closing brace, blank lines and
//! comments included; test modules excluded).
//!
//! The functions written before the rule are listed in [`KNOWN_LONG`] with the length they had:
//! a listed function may only shrink, and leaves the list once it fits (the test says so), so
//! the list can only get shorter.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};

const MAX_LINES: usize = 80;

/// (file under `core/src`, function, lines when the rule was introduced).
const KNOWN_LONG: &[(&str, &str, usize)] = &[
    ("ingest/readings/json.rs", "from_document_with", 119),
    ("judge/comply/methods/npdes.rs", "months_in_window", 118),
    ("packs/method.rs", "validate", 114),
    ("ingest/hj212/cp.rs", "parse_field", 114),
    ("judge/comply/methods/ied.rs", "levels", 111),
    ("inspect/onsite.rs", "check", 111),
    ("diag/json_path.rs", "path_at", 110),
    ("packs/checklist/mod.rs", "validate", 107),
    ("judge/comply/methods/ied.rs", "run", 106),
    ("judge/comply/methods/ied.rs", "judge", 100),
    ("judge/events.rs", "collect", 99),
    ("packs/standard/mod.rs", "validate", 96),
    ("ingest/hj212/to_readings.rs", "add", 96),
    ("ingest/hj212/frame.rs", "check", 92),
    ("inspect/onsite.rs", "explain", 88),
    ("testkit/pack_tests.rs", "run_case", 85),
    ("plan/mod.rs", "compile_outlet", 84),
    ("judge/comply/methods/pretreatment.rs", "share", 84),
    ("judge/comply/methods/npdes.rs", "run", 81),
];

/// One function found in a file: its name, first line (1-based) and length in lines.
#[derive(Debug)]
struct FnSpan {
    name: String,
    line: usize,
    lines: usize,
}

/// Replaces the contents of comments, strings and char literals by spaces (keeping newlines),
/// so that braces can be counted on what is left.
fn code_only(src: &str) -> String {
    let b: Vec<char> = src.chars().collect();
    let mut out = String::with_capacity(src.len());
    let mut i = 0;
    let keep = |c: char| if c == '\n' { '\n' } else { ' ' };
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < b.len() && b[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < b.len() {
                if b[i] == '/' && b.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if b[i] == '*' && b.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(keep(b[i]));
                    i += 1;
                }
            }
        } else if c == 'r' && (next == Some('"') || next == Some('#')) && !ident_before(&b, i) {
            // raw string r"..." / r#"..."#
            let mut j = i + 1;
            let mut hashes = 0;
            while b.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if b.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            for _ in i..=j {
                out.push(' ');
            }
            i = j + 1;
            while i < b.len() {
                if b[i] == '"' && (0..hashes).all(|h| b.get(i + 1 + h) == Some(&'#')) {
                    for _ in 0..=hashes {
                        out.push(' ');
                    }
                    i += 1 + hashes;
                    break;
                }
                out.push(keep(b[i]));
                i += 1;
            }
        } else if c == '"' {
            out.push(' ');
            i += 1;
            while i < b.len() && b[i] != '"' {
                if b[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                if i < b.len() {
                    out.push(keep(b[i]));
                    i += 1;
                }
            }
            out.push(' ');
            i += 1;
        } else if c == '\'' && (next == Some('\\') || b.get(i + 2) == Some(&'\'')) {
            // a char literal ('{', '\n', '\''), not a lifetime
            out.push(' ');
            i += 1;
            if b.get(i) == Some(&'\\') {
                out.push(' ');
                i += 1;
            }
            while i < b.len() && b[i] != '\'' {
                out.push(' ');
                i += 1;
            }
            out.push(' ');
            i += 1;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn ident_before(b: &[char], i: usize) -> bool {
    i > 0
        && b.get(i - 1)
            .is_some_and(|c| c.is_alphanumeric() || *c == '_')
}

/// The name of the function a line declares, if it does.
fn declared_fn(line: &str) -> Option<String> {
    let mut words = line.split_whitespace().peekable();
    while let Some(w) = words.next() {
        match w {
            "pub" | "const" | "async" | "unsafe" | "extern" | "default" => continue,
            w if w.starts_with("pub(") || w.starts_with('"') => continue,
            "fn" => {
                let name: String = words
                    .next()?
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                return (!name.is_empty()).then_some(name);
            }
            _ => return None,
        }
    }
    None
}

/// Every function with a body in `src`, up to the first top-level `#[cfg(test)]`.
fn functions(src: &str) -> Vec<FnSpan> {
    let code = code_only(src);
    let lines: Vec<&str> = code.lines().collect();
    let end = src
        .lines()
        .position(|l| l.starts_with("#[cfg(test)]"))
        .unwrap_or(lines.len());
    let mut out = Vec::new();
    for start in 0..end {
        let Some(name) = declared_fn(lines[start]) else {
            continue;
        };
        let mut depth = 0i64;
        let mut opened = false;
        'scan: for (k, l) in lines.iter().enumerate().take(end).skip(start) {
            for ch in l.chars() {
                match ch {
                    '{' => {
                        depth += 1;
                        opened = true;
                    }
                    '}' => depth -= 1,
                    ';' if !opened => break 'scan,
                    _ => {}
                }
                if opened && depth == 0 {
                    out.push(FnSpan {
                        name: name.clone(),
                        line: start + 1,
                        lines: k - start + 1,
                    });
                    break 'scan;
                }
            }
        }
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn no_core_function_is_longer_than_80_lines() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    files.sort();
    let mut problems = Vec::new();
    let mut seen_known = Vec::new();
    for f in &files {
        let rel = f
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let src = std::fs::read_to_string(f).unwrap();
        for s in functions(&src) {
            let known = KNOWN_LONG
                .iter()
                .find(|(p, n, _)| *p == rel && *n == s.name);
            match known {
                Some((_, _, was)) => {
                    seen_known.push((rel.clone(), s.name.clone()));
                    if s.lines > *was {
                        problems.push(format!(
                            "{rel}:{} `{}` grew from {was} to {} lines: split it",
                            s.line, s.name, s.lines
                        ));
                    } else if s.lines <= MAX_LINES {
                        problems.push(format!(
                            "{rel}:{} `{}` now has {} lines: remove it from KNOWN_LONG",
                            s.line, s.name, s.lines
                        ));
                    }
                }
                None if s.lines > MAX_LINES => problems.push(format!(
                    "{rel}:{} `{}` has {} lines (at most {MAX_LINES}): split it",
                    s.line, s.name, s.lines
                )),
                None => {}
            }
        }
    }
    for (p, n, _) in KNOWN_LONG {
        if !seen_known.iter().any(|(sp, sn)| sp == p && sn == n) {
            problems.push(format!("{p} `{n}` is gone: remove it from KNOWN_LONG"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_scanner_counts_bodies_not_strings_or_comments() {
    let src = "fn a() {\n    let s = \"}}}\";\n    // }\n    let c = '{';\n}\nfn b(x: &'static str) -> usize { x.len() }\ntrait T { fn c(&self); }\npub(crate) fn d() {\n    let r = r#\"{\"#;\n}\n";
    let f = functions(src);
    let got: Vec<(&str, usize)> = f.iter().map(|s| (s.name.as_str(), s.lines)).collect();
    assert_eq!(got, [("a", 5), ("b", 1), ("d", 3)]);
}
