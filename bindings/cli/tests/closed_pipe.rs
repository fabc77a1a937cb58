//! A reader that closes stdout early (`ecorules ingest … | head -1`) ends the command quietly:
//! status 0, nothing on stderr but the command's own summary — no `data.output` error and no
//! panic (`println!` would panic on the broken pipe).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a failed expectation is a failed test"
)]

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Command, Stdio};

#[test]
fn closing_stdout_after_one_line_is_not_an_error() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/sample");
    // 1,440 packets give ~260 KB of CSV, more than a pipe buffers: the writer must meet the
    // closed pipe.
    let mut child = Command::new(env!("CARGO_BIN_EXE_ecorules"))
        .arg("ingest")
        .arg(sample.join("hj212-day.txt"))
        .arg("--map")
        .arg(sample.join("hj212-map.toml"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap(); // the reader is dropped here: the pipe closes
    assert_eq!(first, "outlet,pollutant,time,value,flag\n");
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "status {status:?}, stderr: {stderr}");
    assert!(!stderr.contains("data.output"), "stderr: {stderr}");
    assert!(!stderr.contains("panicked"), "stderr: {stderr}");
}
