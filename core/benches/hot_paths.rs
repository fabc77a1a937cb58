//! Criterion benchmarks of the hot paths: hour aggregation, a year's evaluation, CSV loading.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use ecorules::testkit::internals::{SampleCounts, SampleRules};
use ecorules::{Calendar, Grain};
use ecorules::{DuplicatePolicy, LoadOptions};
use ecorules::{EvaluateOptions, Plan, Readings};
use std::hint::black_box;

const T0: i64 = 1_735_660_800; // 2025-01-01T00:00:00+08:00
const MINUTES: usize = 365 * 1440;

fn year() -> (Vec<i64>, Vec<f64>, Vec<f64>, Vec<u8>) {
    let mut s = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = || {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        (s >> 11) as f64 / (1u64 << 53) as f64
    };
    let ts: Vec<i64> = (0..MINUTES as i64).map(|i| T0 + 60 * i).collect();
    let so2: Vec<f64> = (0..MINUTES).map(|_| 20.0 + 25.0 * next()).collect();
    let o2: Vec<f64> = (0..MINUTES).map(|_| 5.0 + 6.0 * next()).collect();
    let flags: Vec<u8> = (0..MINUTES)
        .map(|i| if i % 1440 < 15 { b'C' } else { b'N' })
        .collect();
    (ts, so2, o2, flags)
}

fn plan() -> Plan {
    Plan::compile_text(
        "bench.toml",
        r#"
id = "BENCH"
enterprise = { name = "bench" }
[[outlets]]
id = "DA001"
kind = "air"
standard = "cn-ultra-low-2015/coal"
limits = [{ pollutant = "so2", periods = ["hour", "day", "month"] }]
"#,
    )
    .unwrap()
}

fn benches(c: &mut Criterion) {
    let (ts, so2, o2, flags) = year();
    let mut g = c.benchmark_group("year_of_minutes");
    g.throughput(Throughput::Elements(MINUTES as u64));
    let cal = Calendar::new(ecorules::host::zone("Asia/Shanghai").unwrap());
    let validity = ecorules::Catalog::embedded()
        .unwrap()
        .standard("cn-cems-validity")
        .unwrap()
        .pack()
        .validity
        .clone()
        .unwrap();
    let rules = SampleRules::new(&validity, ecorules::Pollutant::lookup("so2").unwrap());
    g.bench_function("segment_hours", |b| {
        b.iter(|| ecorules::testkit::internals::segment(black_box(&ts), &cal, Grain::Hour))
    });
    let segs = ecorules::testkit::internals::segment(&ts, &cal, Grain::Hour);
    g.bench_function("aggregate_one_column", |b| {
        b.iter(|| {
            let mut counts = SampleCounts::default();
            ecorules::testkit::internals::aggregate_segments(
                &segs,
                black_box(&so2),
                &flags,
                &rules,
                45,
                &mut counts,
            )
        })
    });
    let mut data =
        Readings::from_series("DA001", "so2", &ts, &so2, &flags, DuplicatePolicy::Error).unwrap();
    data.extend(
        Readings::from_series("DA001", "o2", &ts, &o2, &flags, DuplicatePolicy::Error).unwrap(),
    )
    .unwrap();
    let p = plan();
    let summary = EvaluateOptions {
        findings: false,
        ..EvaluateOptions::default()
    };
    g.bench_function("evaluate_hour_day_month_summary", |b| {
        b.iter(|| p.evaluate_with(black_box(&data), &summary).unwrap())
    });
    g.bench_function("evaluate_with_findings", |b| {
        b.iter(|| p.evaluate(black_box(&data)).unwrap())
    });
    g.finish();

    let mut csv = String::from("outlet,time,so2,o2,flag\n");
    for i in 0..100_000 {
        csv.push_str(&format!(
            "DA001,{},{:.3},{:.2},{}\n",
            ts[i], so2[i], o2[i], flags[i] as char
        ));
    }
    let mut g = c.benchmark_group("load");
    g.throughput(Throughput::Bytes(csv.len() as u64));
    g.bench_function("csv_wide_100k_rows", |b| {
        b.iter_batched(
            || (),
            |_| ecorules::host::load_csv(black_box(&csv), &LoadOptions::default()).unwrap(),
            BatchSize::SmallInput,
        )
    });
    g.bench_function("compile_plan", |b| b.iter(plan));
    g.finish();
}

criterion_group!(hot, benches);
criterion_main!(hot);
