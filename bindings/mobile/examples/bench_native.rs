//! The native peer of `tests/kotlin/Bench.kt`: the same year of minute data evaluated by
//! the core directly, so the binding's overhead is a ratio measured on the same machine.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use ecorules::DuplicatePolicy;
use std::time::Instant;

const PERMIT: &str = r#"
id = "P-BENCH"
enterprise = { name = "Bench" }
[[outlets]]
id = "DA001"
kind = "air"
limits = [{ pollutant = "so2", max = 35, periods = ["hour", "day"] }]
"#;

fn main() {
    let plan = ecorules::Plan::compile_text("permit.toml", PERMIT).expect("permit");
    let n = 525_600usize;
    let t0 = 1_735_660_800i64;
    let time: Vec<i64> = (0..n).map(|i| t0 + 60 * i as i64).collect();
    let values: Vec<f64> = (0..n).map(|i| 20.0 + (i % 97) as f64 * 0.25).collect();
    let flags = vec![b'N'; n];
    let mut best = f64::MAX;
    let mut findings = 0;
    for _ in 0..10 {
        let t = Instant::now();
        let r = ecorules::Readings::from_series(
            "DA001",
            "so2",
            &time,
            &values,
            &flags,
            DuplicatePolicy::Error,
        )
        .expect("readings");
        let rep = plan.evaluate(&r).expect("evaluate");
        best = best.min(t.elapsed().as_secs_f64() * 1e3);
        findings = rep.findings.len();
    }
    println!("bench native: from_series + evaluate {best:.1} ms, {findings} findings");
}
