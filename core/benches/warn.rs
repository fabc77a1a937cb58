//! Warning monitor throughput: 100 rules over 10,000 series (2,000 air outlets × 5
//! pollutants), one minute pushed at a time. Reported as elements = samples per second
//! (single thread, so per core).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::needless_range_loop,
    missing_docs
)]

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use ecorules::Monitor;
use ecorules::{Column, Frame};
use ecorules::{Plan, Readings};
use std::borrow::Cow;
use std::cell::Cell;

const OUTLETS: usize = 2_000;
const CODES: [&str; 5] = ["a21026", "a21002", "a34013", "a21005", "a21024"];
const N: usize = OUTLETS * 5;

fn rules() -> String {
    let mut s = String::from("schema_version = 1\nid = \"bench\"\nversion = \"1\"\ntitle = \"100 rules\"\n[source]\nstandard = \"bench\"\n");
    let mut add = |id: String, when: String, clear: Option<String>, emit: &str| {
        s += &format!("[[rules]]\nid = \"{id}\"\nseverity = \"info\"\nsubject = {{ pollutants = \"limited\" }}\nwhen = \"{when}\"\nemit = \"{emit}\"\nmessage.zh = \"{{outlet}} {{subject}} {{value}}\"\nmessage.en = \"{{outlet}} {{subject}} {{value}}\"\n");
        if let Some(c) = clear {
            s += &format!("clear = \"{c}\"\n");
        }
    };
    for k in 0..30 {
        let f = 0.5 + 0.02 * k as f64;
        add(
            format!("thr{k}"),
            format!("value(x) >= {f:.2} * limit(x)"),
            None,
            "count",
        );
    }
    for k in 0..20 {
        let f = 0.6 + 0.02 * k as f64;
        add(
            format!("hold{k}"),
            format!("value(x) >= {f:.2} * limit(x) for {} consecutive", 3 + k),
            Some(format!("value(x) < {:.2} * limit(x)", f - 0.1)),
            "alarm",
        );
    }
    let wins = ["5m", "15m", "30m", "1h"];
    for k in 0..20 {
        let w = wins[k % 4];
        add(
            format!("avg{k}"),
            format!(
                "avg(x, {w}) >= {:.2} * limit(x) for 5m",
                0.6 + 0.01 * k as f64
            ),
            None,
            "alarm",
        );
    }
    for k in 0..10 {
        add(
            format!("trend{k}"),
            format!(
                "slope(x, 1h) > {} and max(x, 1h) - min(x, 1h) > {}",
                5 + k,
                10 + k
            ),
            None,
            "alarm",
        );
    }
    for k in 0..10 {
        add(
            format!("dq{k}"),
            format!(
                "flat(x, 1h, 0.{k}) or flags(x, \\\"CD\\\", 1h) >= {} or count(x, 1h) < 30",
                10 + k
            ),
            None,
            "alarm",
        );
    }
    for k in 0..10 {
        add(
            format!("gap{k}"),
            format!("gap(x) > {}m or raw(x) < 0 or flagged(x, \\\"T\\\")", 2 + k),
            None,
            "alarm",
        );
    }
    s
}

fn bench(c: &mut Criterion) {
    let mut permit = String::from("{\"id\":\"B\",\"enterprise\":{\"name\":\"B\"},\"outlets\":[");
    for o in 0..OUTLETS {
        if o > 0 {
            permit.push(',');
        }
        permit += &format!("{{\"id\":\"DA{o:05}\",\"kind\":\"air\",\"limits\":[");
        for (k, code) in CODES.iter().enumerate() {
            if k > 0 {
                permit.push(',');
            }
            permit += &format!(
                "{{\"pollutant\":\"{code}\",\"max\":{},\"periods\":[\"hour\"]}}",
                50 + (o * 5 + k) % 150
            );
        }
        permit += "]}";
    }
    permit += "]}";
    let plan = Plan::compile_text("bench.json", &permit).unwrap();
    let packs = vec![ecorules::host::load_pack("bench.toml", &rules()).unwrap()];
    assert_eq!(packs[0].rules.len(), 100);
    let mut mon = Monitor::new(&plan, &packs).unwrap();
    // values: a slow random walk per series, quantised; flags mostly N
    const MINUTES: usize = 240;
    let mut v = vec![0.0f64; MINUTES * N];
    let mut f = vec![b'N'; MINUTES * N];
    let mut x = 0x2545_F491_4F6C_DD1Du64;
    for i in 0..N {
        let mut level = 50.0;
        for t in 0..MINUTES {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            level = (level + ((x % 21) as f64 - 10.0) * 0.5).clamp(0.0, 250.0);
            v[t * N + i] = (level * 8.0).round() / 8.0;
            if x % 97 == 0 {
                f[t * N + i] = b'C';
            }
        }
    }
    let ids: Vec<String> = (0..OUTLETS).map(|o| format!("DA{o:05}")).collect();
    let pols: Vec<_> = CODES
        .iter()
        .map(|c| ecorules::Pollutant::by_code(c).unwrap())
        .collect();
    let ts: Vec<i64> = (0..1_000_000)
        .map(|t| 1_740_758_400 + 60 * t as i64)
        .collect();
    let minute = Cell::new(0usize);
    let build = |m: usize| -> Readings<'_> {
        let row = m % MINUTES;
        let mut r = Readings::new();
        for o in 0..OUTLETS {
            let cols = (0..5)
                .map(|k| {
                    let i = row * N + o * 5 + k;
                    Column::new(
                        pols[k],
                        Cow::Borrowed(&v[i..i + 1]),
                        Cow::Borrowed(&f[i..i + 1]),
                    )
                })
                .collect();
            r.push(Frame::new(ids[o].clone(), Cow::Borrowed(&ts[m..m + 1]), cols).unwrap())
                .unwrap();
        }
        r
    };
    let mut g = c.benchmark_group("warn");
    g.sample_size(10);
    g.throughput(Throughput::Elements(N as u64));
    g.bench_function("monitor_100_rules_10k_series_push_minute", |b| {
        b.iter_custom(|iters| {
            let mut total = std::time::Duration::ZERO;
            for _ in 0..iters {
                let m = minute.get();
                minute.set(m + 1);
                let r = build(m);
                let start = std::time::Instant::now();
                let out = mon.push(&r).unwrap();
                total += start.elapsed();
                std::hint::black_box(out);
            }
            total
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
