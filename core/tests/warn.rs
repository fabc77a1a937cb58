//! Warning engine: packs, streaming = batch (property), snapshot/restore mid-stream.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use ecorules::{Column, Frame};
use ecorules::{CompiledPack, Finding, Monitor, MonitorOptions};
use ecorules::{Plan, Readings};
use proptest::prelude::*;
use std::borrow::Cow;

const PERMIT: &str = r#"
id = "P-1"
enterprise = { name = "Example Co." }
valid_to = "2026-12-31"
[[outlets]]
id = "DA001"
kind = "air"
limits = [{ pollutant = "so2", max = 100, periods = ["hour"] }, { pollutant = "nox", max = 200, periods = ["hour"] }]
[[outlets]]
id = "DA002"
kind = "air"
limits = [{ pollutant = "so2", max = 50, periods = ["hour"] }]
"#;

const EXTRA: &str = r#"
schema_version = 1
id = "test-constructs"
version = "1"
title = "every construct"
[source]
standard = "test"
[[rules]]
id = "slope-up"
severity = "info"
subject = { pollutants = ["so2"] }
when = "slope(x, 30m) > 20 and max(x, 30m) - min(x, 30m) > 10 for 3 consecutive"
updates = true
message.zh = "{subject} 上升 {value}"
message.en = "{subject} rising {value}"
[[rules]]
id = "nox-high"
severity = "warning"
subject = { pollutants = ["nox"] }
when = "avg_15m(x) > 0.5 * limit(x) for 10m"
clear = "avg(x, 15m) < 0.4 * limit(x)"
updates = true
message.zh = "{subject} {peak}"
message.en = "{subject} {peak}"
[[rules]]
id = "cd-count"
severity = "info"
subject = { pollutants = ["so2"] }
when = "flags(x, \"CD\", 1h) >= 3 or count(x, 1h) < 30"
emit = "count"
message.zh = "-"
message.en = "-"
"#;

fn plan() -> Plan {
    Plan::compile_text("permit.toml", PERMIT).unwrap()
}

fn packs() -> Vec<CompiledPack> {
    let mut p = ecorules::host::embedded_packs().unwrap();
    p.push(ecorules::host::load_pack("extra.toml", EXTRA).unwrap());
    p
}

/// Deterministic pseudo-random minute data for two outlets.
fn data(seed: u64, minutes: usize) -> Data {
    let mut s = seed | 1;
    let mut rnd = move || {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        (s % 10_000) as f64 / 10_000.0
    };
    let t0 = 1_735_660_800i64;
    let mut out = Vec::new();
    for (outlet, cols) in [
        ("DA001", vec!["so2", "nox", "production_line", "fan"]),
        ("DA002", vec!["so2"]),
    ] {
        let mut ts = Vec::new();
        let mut t = t0;
        for _ in 0..minutes {
            t += if rnd() < 0.01 { 7200 } else { 60 };
            ts.push(t);
        }
        let mut columns = Vec::new();
        for c in cols {
            let mut level = 50.0;
            let mut vals = Vec::new();
            let mut flags = Vec::new();
            for _ in 0..minutes {
                if rnd() < 0.05 {
                    level = rnd() * 120.0;
                }
                let v = if rnd() < 0.02 {
                    f64::NAN
                } else if rnd() < 0.3 {
                    level
                } else {
                    (level + rnd() * 10.0).round()
                };
                vals.push(v);
                flags.push(if rnd() < 0.03 {
                    b'C'
                } else if rnd() < 0.01 {
                    b'D'
                } else {
                    b'N'
                });
            }
            columns.push((c, vals, flags));
        }
        out.push((outlet.to_string(), ts, columns));
    }
    out
}

type Data = Vec<(String, Vec<i64>, Vec<(&'static str, Vec<f64>, Vec<u8>)>)>;

/// Rows with from <= index < to of every outlet.
fn slice(d: &Data, from: usize, to: usize) -> Readings<'_> {
    let mut r = Readings::new();
    for (outlet, ts, cols) in d {
        let (a, b) = (from.min(ts.len()), to.min(ts.len()));
        if a >= b {
            continue;
        }
        let columns = cols
            .iter()
            .map(|(c, v, f)| {
                Column::new(
                    ecorules::host::lookup_signal(c).unwrap(),
                    Cow::Borrowed(&v[a..b]),
                    Cow::Borrowed(&f[a..b]),
                )
            })
            .collect();
        r.push(Frame::new(outlet.clone(), Cow::Borrowed(&ts[a..b]), columns).unwrap())
            .unwrap();
    }
    r
}

fn views(a: &[ecorules::Alarm]) -> Vec<Finding> {
    let mut v: Vec<ecorules::Alarm> = a.to_vec();
    v.sort_by_key(|x| x.order_key());
    v.iter().map(|x| x.view()).collect()
}

fn batch(d: &Data, n: usize) -> (Vec<Finding>, Vec<ecorules::RuleStats>) {
    let r = ecorules::host::evaluate_batch(
        &plan(),
        &packs(),
        &slice(d, 0, n),
        None,
        None,
        MonitorOptions::default(),
    )
    .unwrap();
    (views(&r.alarms), r.stats)
}

#[test]
fn embedded_packs_compile() {
    let p = ecorules::host::embedded_packs().unwrap();
    assert_eq!(p.len(), 4);
    assert!(p.iter().all(|p| !p.rules.is_empty()));
}

#[test]
fn batch_finds_alarms() {
    let d = data(7, 600);
    let (alarms, stats) = batch(&d, 600);
    assert!(!alarms.is_empty());
    assert!(stats
        .iter()
        .any(|s| s.rule == "test-constructs/cd-count" && s.hits > 0));
    for a in &alarms {
        assert!(!a.message.en.contains('{'), "{}", a.message.en);
    }
}

#[test]
fn late_data_are_refused_and_change_nothing() {
    let d = data(3, 100);
    let mut m = Monitor::new(&plan(), &packs()).unwrap();
    m.push(&slice(&d, 0, 50)).unwrap();
    let before = m.snapshot();
    let e = m.push(&slice(&d, 40, 60)).unwrap_err();
    assert_eq!(e.code(), "data.late_sample");
    assert_eq!(m.snapshot(), before);
    // with lateness, out-of-order data within the bound are fine
    let mut m = Monitor::with_options(&plan(), &packs(), MonitorOptions { lateness: 600 }).unwrap();
    m.push(&slice(&d, 0, 50)).unwrap();
    m.push(&slice(&d, 55, 60)).unwrap();
    m.push(&slice(&d, 50, 55)).unwrap();
}

#[test]
fn restore_rejects_other_rules() {
    let m = Monitor::new(&plan(), &packs()).unwrap();
    let snap = m.snapshot();
    let e =
        Monitor::restore(&plan(), &ecorules::host::embedded_packs().unwrap(), &snap).unwrap_err();
    assert_eq!(e.code(), "state.snapshot");
    assert!(Monitor::restore(&plan(), &packs(), b"garbage").is_err());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]

    /// Streaming in arbitrary batch sizes gives the same alarms and totals as one batch.
    #[test]
    fn streaming_equals_batch(seed in 1u64..1000, cuts in proptest::collection::vec(1usize..400, 0..12), lateness in prop_oneof![Just(0i64), Just(300i64)]) {
        let n = 400;
        let d = data(seed, n);
        let (want, want_stats) = batch(&d, n);
        let mut cuts = cuts;
        cuts.push(0);
        cuts.push(n);
        cuts.sort_unstable();
        cuts.dedup();
        let mut m = Monitor::with_options(&plan(), &packs(), MonitorOptions { lateness }).unwrap();
        let mut got = Vec::new();
        for w in cuts.windows(2) {
            got.extend(m.push(&slice(&d, w[0], w[1])).unwrap());
        }
        got.extend(m.flush());
        prop_assert_eq!(views(&got), want);
        prop_assert_eq!(m.stats(), want_stats);
    }

    /// Killing the monitor mid-stream and restoring its snapshot equals an uninterrupted run.
    #[test]
    fn kill_and_restore_equals_uninterrupted(seed in 1u64..1000, cut in 1usize..399, step in 1usize..50) {
        let n = 400;
        let d = data(seed, n);
        let run = |kill: Option<usize>| {
            let mut m = Monitor::new(&plan(), &packs()).unwrap();
            let mut got = Vec::new();
            let mut i = 0;
            while i < n {
                let j = (i + step).min(n);
                if kill.is_some_and(|k| i <= k && k < j) {
                    let bytes = m.snapshot();
                    drop(m);
                    m = Monitor::restore(&plan(), &packs(), &bytes).unwrap();
                }
                got.extend(m.push(&slice(&d, i, j)).unwrap());
                i = j;
            }
            got.extend(m.tick(1_900_000_000).unwrap());
            (views(&got), m.stats(), m.snapshot())
        };
        let a = run(None);
        let b = run(Some(cut));
        prop_assert_eq!(a.0, b.0);
        prop_assert_eq!(a.1, b.1);
        prop_assert_eq!(a.2, b.2);
    }
}

#[test]
#[ignore]
fn print_stats() {
    let d = data(7, 400);
    let (alarms, stats) = batch(&d, 400);
    for s in stats {
        eprintln!("{s:?}");
    }
    for a in alarms.iter().take(8) {
        eprintln!("{}", serde_json::to_string(a).unwrap());
    }
}

#[test]
#[ignore]
fn show_vector() {
    let name = std::env::var("VEC").unwrap();
    let text = std::fs::read_to_string(format!(
        "{}/../tests/vectors/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let out = ecorules::testkit::vectors::run("warnings", &v["input"]);
    match out {
        Ok(o) => {
            for (i, a) in o["alarms"].as_array().unwrap().iter().enumerate() {
                eprintln!(
                    "{i} {} {} {} start={} at={} value={} peak={}",
                    a["detail"]["alarm"]["event"],
                    a["rule_id"],
                    a["pollutant"],
                    a["start"],
                    a["detail"]["alarm"]["at"],
                    a["value"],
                    a["detail"]["alarm"]["peak"]
                );
            }
            for (i, s) in o["stats"].as_array().unwrap().iter().enumerate() {
                eprintln!("stats {i} {s}");
            }
        }
        Err(e) => eprintln!("{:?}", e.envelope()),
    }
}

#[test]
fn toml_errors_point_into_the_expression() {
    let text = "schema_version = 1\nid = \"p\"\nversion = \"1\"\ntitle = \"t\"\n[source]\nstandard = \"s\"\n[[rules]]\nid = \"r\"\nseverity = \"info\"\nsubject = { pollutants = [\"so2\"] }\nwhen = \"avg(x, 1h) >= 0.8 * limt(x)\"\nmessage.zh = \"-\"\nmessage.en = \"-\"\n";
    let e = ecorules::host::load_pack("p.toml", text)
        .unwrap_err()
        .envelope();
    assert_eq!(e.code, "rule.type");
    assert_eq!(e.line, Some(11));
    // `when = "` is 8 characters; `limt` starts at offset 20 of the expression
    assert_eq!(e.column, Some(8 + 20 + 1));
    assert_eq!(e.help.as_deref(), Some("did you mean `limit`?"));
    assert_eq!(e.file.as_deref(), Some("p.toml"));
    let bad_units = text.replace("avg(x, 1h) >= 0.8 * limt(x)", "current(fan) < 2 mg/m3");
    let e = ecorules::host::load_pack("p.toml", &bad_units)
        .unwrap_err()
        .envelope();
    assert_eq!((e.code.as_str(), e.line), ("rule.type", Some(11)));
    let multi = text.replace(
        "when = \"avg(x, 1h) >= 0.8 * limt(x)\"",
        "when = \"\"\"\navg(x, 1h) >=\n  0.8 * limt(x)\"\"\"",
    );
    let e = ecorules::host::load_pack("p.toml", &multi)
        .unwrap_err()
        .envelope();
    assert_eq!((e.line, e.column), (Some(13), Some(9)));
}

#[test]
fn hostile_expressions_fail_fast() {
    let long = format!("value(x) > {}", "1 + ".repeat(2000) + "1");
    let text = format!("schema_version = 1\nid = \"p\"\nversion = \"1\"\ntitle = \"t\"\n[source]\nstandard = \"s\"\n[[rules]]\nid = \"r\"\nseverity = \"info\"\nsubject = {{ pollutants = [\"so2\"] }}\nwhen = \"{long}\"\nmessage.zh = \"-\"\nmessage.en = \"-\"\n");
    let e = ecorules::host::load_pack("p.toml", &text).unwrap_err();
    assert!(matches!(e.code().as_str(), "rule.syntax"), "{e:?}");
    let deep = "not ".repeat(100) + "value(x) > 1";
    let text = text.replace(&long, &deep);
    assert!(ecorules::host::load_pack("p.toml", &text).is_err());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

    /// Any expression text yields a pack or an error, never a panic or a hang.
    #[test]
    fn arbitrary_expressions_never_panic(expr in "[a-z0-9_ ()<>=!+*/.,\"-]{0,80}") {
        let text = format!("{{\"schema_version\":1,\"id\":\"p\",\"version\":\"1\",\"title\":\"t\",\"source\":{{\"standard\":\"s\"}},\"rules\":[{{\"id\":\"r\",\"severity\":\"info\",\"subject\":{{\"pollutants\":[\"so2\"]}},\"when\":{},\"message\":{{\"zh\":\"-\",\"en\":\"-\"}}}}]}}", serde_json::to_string(&expr).unwrap());
        let _ = ecorules::host::load_pack("p.json", &text);
    }

    /// Extreme times and values never panic the monitor.
    #[test]
    fn extreme_data_never_panic(mut ts in proptest::collection::vec(any::<i64>(), 1..20), vals in proptest::collection::vec(prop_oneof![any::<f64>(), Just(f64::NAN), Just(f64::INFINITY), Just(-1e300)], 20)) {
        ts.sort_unstable();
        ts.dedup();
        let n = ts.len();
        let flags: Vec<u8> = (0..n).map(|i| b"NCDT"[i % 4]).collect();
        let col = Column::new(ecorules::host::lookup_signal("so2").unwrap(), Cow::Borrowed(&vals[..n]), Cow::Borrowed(&flags[..]));
        let mut r = Readings::new();
        r.push(Frame::new("DA001", Cow::Borrowed(&ts[..]), vec![col]).unwrap()).unwrap();
        let mut m = Monitor::with_options(&plan(), &packs(), MonitorOptions { lateness: 3600 }).unwrap();
        let _ = m.push(&r);
        let _ = m.tick(ts[n - 1].saturating_add(1));
        for a in m.flush() {
            let _ = a.view();
        }
        let _ = Monitor::restore(&plan(), &packs(), &m.snapshot()).unwrap();
    }
}

/// Rules the columnar kernel takes (see `core/src/warn/kernel.rs`), in every shape it knows.
const KERNEL_RULES: &str = r#"
schema_version = 1
id = "kernel"
version = "1"
title = "kernel-eligible shapes"
[source]
standard = "test"
[[rules]]
id = "approach"
severity = "info"
subject = { pollutants = "limited" }
when = "value(x) >= 0.8 * limit(x)"
emit = "count"
message.zh = "-"
message.en = "-"
[[rules]]
id = "exceed"
severity = "warning"
subject = { pollutants = "limited" }
when = "limit(x) < value(x)"
emit = "count"
message.zh = "-"
message.en = "-"
[[rules]]
id = "held"
severity = "critical"
subject = { pollutants = "limited" }
when = "value(x) >= 0.5 * limit(x) for 5 consecutive"
clear = "value(x) < 0.4 * limit(x)"
message.zh = "{start} {peak}"
message.en = "{start} {peak}"
[[rules]]
id = "span"
severity = "warning"
subject = { pollutants = ["so2"] }
when = "value(x) > 55 for 10m"
updates = true
message.zh = "{peak}"
message.en = "{peak}"
[[rules]]
id = "now"
severity = "info"
subject = { pollutants = ["nox"] }
when = "value(x) <= 20"
clear = "value(x) > 30"
updates = true
message.zh = "{value}"
message.en = "{value}"
[[rules]]
id = "exact"
severity = "info"
subject = { pollutants = ["so2"] }
when = "value(x) == 50"
message.zh = "-"
message.en = "-"
[[rules]]
id = "fan"
severity = "info"
when = "current(fan) < 2 A for 3 consecutive"
peak = "current(fan)"
message.zh = "-"
message.en = "-"
"#;

fn kernel_packs() -> Vec<CompiledPack> {
    let mut p = packs();
    p.push(ecorules::host::load_pack("kernel.toml", KERNEL_RULES).unwrap());
    p
}

#[test]
fn kernel_takes_the_simple_rules() {
    let m = Monitor::new(&plan(), &kernel_packs()).unwrap();
    // every instance of every rule of the kernel pack (and none of the others' here)
    let bound: Vec<(String, u64)> = m
        .stats()
        .into_iter()
        .filter(|s| s.rule.starts_with("kernel/"))
        .map(|s| (s.rule, s.instances))
        .collect();
    eprintln!("{bound:?}");
    assert_eq!(
        m.kernel_instances() as u64,
        bound.iter().map(|b| b.1).sum::<u64>()
    );
    let i = Monitor::interpreted(&plan(), &kernel_packs(), MonitorOptions::default()).unwrap();
    assert_eq!(i.kernel_instances(), 0);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]

    /// The columnar kernel and the interpreter give identical alarms, statistics and
    /// snapshots, streamed in arbitrary batches; a kernel snapshot restores into either.
    #[test]
    fn kernel_equals_interpreter(seed in 1u64..1000, cuts in proptest::collection::vec(1usize..400, 0..12), lateness in prop_oneof![Just(0i64), Just(300i64)], kill in 0usize..400) {
        let n = 400;
        let d = data(seed, n);
        let mut cuts = cuts;
        cuts.push(0);
        cuts.push(n);
        cuts.sort_unstable();
        cuts.dedup();
        let opts = MonitorOptions { lateness };
        let run = |mut m: Monitor, restore: bool| {
            let mut got = Vec::new();
            for w in cuts.windows(2) {
                if restore && w[0] <= kill && kill < w[1] {
                    let bytes = m.snapshot();
                    m = Monitor::restore(&plan(), &kernel_packs(), &bytes).unwrap();
                }
                got.extend(m.push(&slice(&d, w[0], w[1])).unwrap());
            }
            got.extend(m.flush());
            got.extend(m.tick(1_900_000_000).unwrap());
            (views(&got), m.stats(), m.open_alarms().len(), m.snapshot())
        };
        let k = run(Monitor::with_options(&plan(), &kernel_packs(), opts).unwrap(), false);
        let i = run(Monitor::interpreted(&plan(), &kernel_packs(), opts).unwrap(), false);
        let r = run(Monitor::with_options(&plan(), &kernel_packs(), opts).unwrap(), true);
        prop_assert!(k.1.iter().any(|s| s.rule == "kernel/held" && s.opened > 0));
        prop_assert_eq!(&k.0, &i.0);
        prop_assert_eq!(&k.1, &i.1);
        prop_assert_eq!(k.2, i.2);
        prop_assert_eq!(&k.3, &i.3);
        prop_assert_eq!(&r.0, &k.0);
        prop_assert_eq!(&r.1, &k.1);
        prop_assert_eq!(&r.3, &k.3);
    }
}
