//! W2: threshold warnings on a minute stream (see /work/shared/bench/w2/README.md).
//!
//! 10,000 series (2,000 air outlets × 5 pollutants), limits 10..=200, values from the
//! W2 generator (splitmix64, seed 0x5EED_2026_0002), pushed one minute at a time into an
//! `ecorules::Monitor` running three rules written in the rule language:
//!
//! * approach: `value(x) >= 0.8 * limit(x)` (counted)
//! * exceed:   `value(x) > limit(x)` (counted)
//! * alarm:    `value(x) >= 0.8 * limit(x) for 15 consecutive`, clear `value(x) < 0.7 * limit(x)`
//!
//! and, in the same run on the same data, the README's plain hand loop. Prints samples/s
//! for both, their ratio, and checks that the counts agree with the hand loop and with the
//! README table (M=60: approach 152,078, exceed 4,995, opened 1,262, closed 893).
//!
//! usage: w2 [M=60] [runs=5]   (env: W2_INTERP=1, W2_PREBUILD=1, W2_OUTLETS=k)
#![allow(clippy::indexing_slicing)]

use ecorules::{AlarmEvent, Monitor};
use ecorules::{Column, Frame};
use ecorules::{Plan, Readings};
use std::borrow::Cow;
use std::time::Instant;

const N: usize = 10_000;
const PER_OUTLET: usize = 5;
const OUTLETS: usize = N / PER_OUTLET;
const SEED: u64 = 0x5EED_2026_0002;
const CODES: [&str; PER_OUTLET] = ["a21026", "a21002", "a34013", "a21005", "a21024"];
const T0: i64 = 1_740_758_400;

thread_local! {
    /// Seconds spent building readings in the last monitor run (outside the push timing).
    static BUILD_SECS: std::cell::Cell<f64> = const { std::cell::Cell::new(0.0) };
}

// ------------------------------------------------------------------ data (exactly as W2)
#[derive(Clone, Copy)]
struct Rng(u64);
impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }
    fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }
}

struct Data {
    m: usize,
    l: Vec<f64>,
    v: Vec<f64>,
}

fn gen(m: usize) -> Data {
    let mut rngs: Vec<Rng> = (0..N)
        .map(|i| {
            let mut r = Rng(SEED ^ (i as u64).wrapping_mul(0xD1B5_4A32_D192_ED03));
            r.next_u64();
            r
        })
        .collect();
    let l: Vec<f64> = rngs
        .iter_mut()
        .map(|r| (10 + (r.next_u64() % 191)) as f64)
        .collect();
    let mut run_left = vec![0u32; N];
    let mut run_hi = vec![0.0f64; N];
    let mut v = Vec::with_capacity(m * N);
    for _t in 0..m {
        for i in 0..N {
            let r = &mut rngs[i];
            if run_left[i] == 0 && r.unit() < 0.004 {
                run_left[i] = 5 + (r.next_u64() % 36) as u32;
                run_hi[i] = if r.unit() < 0.3 { 1.15 } else { 0.98 };
            }
            let frac = if run_left[i] > 0 {
                run_left[i] -= 1;
                r.range(0.80, run_hi[i])
            } else {
                r.range(0.40, 0.90)
            };
            let x = frac * l[i];
            v.push((x * 8.0).round() / 8.0);
        }
    }
    Data { m, l, v }
}

#[derive(Debug, Default, Clone, Copy, PartialEq)]
struct Counts {
    approach: u64,
    exceed: u64,
    opened: u64,
    closed: u64,
}

// ------------------------------------------------------------------ hand loop (exactly as W2)
const OPEN_AFTER: u16 = 15;

fn hand(d: &Data) -> Counts {
    let mut run = vec![0u16; N];
    let mut open = vec![false; N];
    let (mut ap, mut ex, mut opened, mut closed) = (0u64, 0u64, 0u64, 0u64);
    let l = &d.l[..];
    for t in 0..d.m {
        let vt = &d.v[t * N..(t + 1) * N];
        for i in 0..N {
            let v = vt[i];
            let li = l[i];
            let a = v >= 0.8 * li;
            let e = v > li;
            ap += a as u64;
            ex += e as u64;
            if open[i] {
                if v < 0.7 * li {
                    open[i] = false;
                    closed += 1;
                    run[i] = 0;
                }
            } else if a {
                run[i] += 1;
                if run[i] >= OPEN_AFTER {
                    open[i] = true;
                    opened += 1;
                }
            } else {
                run[i] = 0;
            }
        }
    }
    Counts {
        approach: ap,
        exceed: ex,
        opened,
        closed,
    }
}

// ------------------------------------------------------------------ ecorules
const RULES: &str = r#"
schema_version = 1
id = "w2"
version = "1"
title = "W2 threshold warnings"
[source]
standard = "W2 benchmark (shared/bench/w2/README.md)"

[[rules]]
id = "approach"
severity = "info"
subject = { pollutants = "limited" }
when = "value(x) >= 0.8 * limit(x)"
emit = "count"
message.zh = "{outlet} {subject} 接近限值"
message.en = "{outlet} {subject} approaching the limit"

[[rules]]
id = "exceed"
severity = "warning"
subject = { pollutants = "limited" }
when = "value(x) > limit(x)"
emit = "count"
message.zh = "{outlet} {subject} 超过限值"
message.en = "{outlet} {subject} above the limit"

[[rules]]
id = "alarm"
severity = "critical"
subject = { pollutants = "limited" }
when = "value(x) >= 0.8 * limit(x) for 15 consecutive"
clear = "value(x) < 0.7 * limit(x)"
message.zh = "{outlet} {subject} 连续15分钟接近限值，自 {start} 起"
message.en = "{outlet} {subject} at 80 % of the limit for 15 minutes since {start}"
"#;

fn permit(d: &Data) -> String {
    let mut s = String::from("{\"id\":\"W2\",\"enterprise\":{\"name\":\"W2\"},\"outlets\":[");
    for o in 0..OUTLETS {
        if o > 0 {
            s.push(',');
        }
        s += &format!("{{\"id\":\"DA{o:05}\",\"kind\":\"air\",\"limits\":[");
        for (k, code) in CODES.iter().enumerate() {
            if k > 0 {
                s.push(',');
            }
            s += &format!(
                "{{\"pollutant\":\"{code}\",\"max\":{},\"periods\":[\"hour\"]}}",
                d.l[o * PER_OUTLET + k]
            );
        }
        s += "]}";
    }
    s + "]}"
}

/// One minute of data as readings borrowing the time-major buffer.
fn minute<'a>(
    d: &'a Data,
    t: usize,
    ts: &'a [i64],
    flags: &'a [u8],
    ids: &[String],
) -> Readings<'a> {
    let mut r = Readings::new();
    let vt = &d.v[t * N..(t + 1) * N];
    let pols: Vec<_> = CODES
        .iter()
        .map(|c| ecorules::Pollutant::by_code(c).unwrap_or_else(|| std::process::exit(3)))
        .collect();
    // W2_OUTLETS=k pushes only the first k outlets (a diagnostic for cache effects; counts then differ)
    let limit = std::env::var("W2_OUTLETS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(OUTLETS)
        .min(OUTLETS);
    for o in 0..limit {
        let cols = (0..PER_OUTLET)
            .map(|k| {
                Column::new(
                    pols[k],
                    Cow::Borrowed(&vt[o * PER_OUTLET + k..o * PER_OUTLET + k + 1]),
                    Cow::Borrowed(flags),
                )
            })
            .collect();
        match Frame::new(ids[o].clone(), Cow::Borrowed(ts), cols) {
            Ok(f) => {
                if r.push(f).is_err() {
                    std::process::exit(3);
                }
            }
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(3);
            }
        }
    }
    r
}

/// Pushes every minute into a fresh monitor (kernel on, or `W2_INTERP=1`: interpreter
/// only). Each minute's readings (borrowed slices) are built just before its push, or
/// 60 minutes ahead with `W2_PREBUILD=1`; only `push` calls are timed, the build is timed
/// separately.
fn run_monitor(
    plan: &Plan,
    packs: &[ecorules::CompiledPack],
    d: &Data,
    ts: &[i64],
    ids: &[String],
) -> (Counts, f64, u64) {
    // W2_INTERP=1 runs every rule in the interpreter (no columnar kernel), for comparison
    let interp = std::env::var("W2_INTERP").is_ok_and(|v| v == "1");
    let made = if interp {
        Monitor::interpreted(plan, packs, ecorules::MonitorOptions::default())
    } else {
        Monitor::new(plan, packs)
    };
    let mut mon = made.unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(3)
    });
    let flags = [b'N'];
    let mut events = (0u64, 0u64);
    let mut secs = 0.0;
    let mut build_secs = 0.0;
    // W2_PREBUILD=1: build 60 minutes of readings ahead (as before), so every push reads
    // frames that went cold in memory; default: build each minute's readings just before
    // its push, as a platform does when a minute arrives (the build is timed separately)
    let prebuild = std::env::var("W2_PREBUILD").is_ok_and(|v| v == "1");
    let step = if prebuild { 60 } else { 1 };
    let mut t = 0;
    while t < d.m {
        let end = (t + step).min(d.m);
        let b0 = Instant::now();
        let batches: Vec<Readings<'_>> = (t..end)
            .map(|u| minute(d, u, &ts[u..u + 1], &flags, ids))
            .collect();
        build_secs += b0.elapsed().as_secs_f64();
        let start = Instant::now();
        for r in &batches {
            match mon.push(r) {
                Ok(alarms) => {
                    for a in alarms {
                        match a.event {
                            AlarmEvent::Opened => events.0 += 1,
                            AlarmEvent::Closed => events.1 += 1,
                            AlarmEvent::Updated => {}
                        }
                    }
                }
                Err(e) => {
                    eprintln!("{e}");
                    std::process::exit(3);
                }
            }
        }
        secs += start.elapsed().as_secs_f64();
        drop(batches);
        t = end;
    }
    BUILD_SECS.with(|c| c.set(build_secs));
    let stats = mon.stats();
    let get = |id: &str| stats.iter().find(|s| s.rule == id).cloned();
    let c = Counts {
        approach: get("w2/approach").map_or(0, |s| s.hits),
        exceed: get("w2/exceed").map_or(0, |s| s.hits),
        opened: get("w2/alarm").map_or(0, |s| s.opened),
        closed: get("w2/alarm").map_or(0, |s| s.closed),
    };
    if (events.0, events.1) != (c.opened, c.closed) {
        eprintln!("event counts {events:?} differ from stats {c:?}");
        std::process::exit(1);
    }
    (c, secs, get("w2/alarm").map_or(0, |s| s.open))
}

fn fmt(v: &[f64]) -> String {
    v.iter()
        .map(|x| format!("{x:.3e}"))
        .collect::<Vec<_>>()
        .join(",")
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let m: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(60);
    let runs: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(5);
    let d = gen(m);
    let t_compile = Instant::now();
    let plan = Plan::compile_text("w2.json", &permit(&d)).unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(3)
    });
    let packs = vec![
        ecorules::host::load_pack("w2.toml", RULES).unwrap_or_else(|e| {
            eprintln!("{e}");
            std::process::exit(3)
        }),
    ];
    let compile_s = t_compile.elapsed().as_secs_f64();
    let ids: Vec<String> = (0..OUTLETS).map(|o| format!("DA{o:05}")).collect();
    let ts: Vec<i64> = (0..m).map(|t| T0 + 60 * t as i64).collect();
    let pushed = std::env::var("W2_OUTLETS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(OUTLETS)
        .min(OUTLETS);
    let samples = (m * N) as f64;
    let pushed_samples = (m * pushed * PER_OUTLET) as f64;

    let mut hand_rates = Vec::new();
    let mut mon_rates = Vec::new();
    let mut build_rates = Vec::new();
    let mut reference = Counts::default();
    let mut got = Counts::default();
    let mut still_open = 0;
    for run in 0..runs {
        // hand loop
        let start = Instant::now();
        let c = std::hint::black_box(hand(std::hint::black_box(&d)));
        hand_rates.push(samples / start.elapsed().as_secs_f64());
        reference = c;
        // monitor: data for all minutes prepared outside the timed section (borrowed slices)
        let (c, secs, open) = run_monitor(&plan, &packs, &d, &ts, &ids);
        mon_rates.push(pushed_samples / secs);
        build_rates.push(pushed_samples / (secs + BUILD_SECS.with(|c| c.get())));
        got = c;
        still_open = open;
        eprintln!(
            "run {run}: hand {:.3e} samples/s, monitor {:.3e} samples/s",
            hand_rates[run], mon_rates[run]
        );
    }
    let (h, w) = (median(hand_rates.clone()), median(mon_rates.clone()));
    println!(
        "W2 M={m} samples={} runs={runs} (plan+rules compile {compile_s:.2} s, outside timing)",
        m * N
    );
    println!(
        "RESULT hand    median_samples_per_s={h:.3e} ns_per_sample={:.2} all={}",
        1e9 / h,
        fmt(&hand_rates)
    );
    println!(
        "RESULT monitor median_samples_per_s={w:.3e} ns_per_sample={:.2} all={}",
        1e9 / w,
        fmt(&mon_rates)
    );
    let wb = median(build_rates.clone());
    println!(
        "RESULT monitor+building readings median_samples_per_s={wb:.3e} ns_per_sample={:.2} (hand/this = {:.2}x)",
        1e9 / wb,
        h / wb
    );
    println!(
        "RATIO hand/monitor = {:.2}x  (target <= 4x; target >= 5e7 samples/s)",
        h / w
    );
    println!(
        "COUNTS hand    approach={} exceed={} opened={} closed={}",
        reference.approach, reference.exceed, reference.opened, reference.closed
    );
    println!(
        "COUNTS monitor approach={} exceed={} opened={} closed={} still_open={still_open}",
        got.approach, got.exceed, got.opened, got.closed
    );
    let mut ok = got == reference;
    if m == 60 {
        ok &= got
            == Counts {
                approach: 152_078,
                exceed: 4_995,
                opened: 1_262,
                closed: 893,
            };
    }
    if m == 1440 {
        ok &= got
            == Counts {
                approach: 3_830_882,
                exceed: 148_295,
                opened: 38_265,
                closed: 37_904,
            };
    }
    println!(
        "CHECK monitor vs hand loop and README table: {}",
        if ok { "AGREE" } else { "DISAGREE" }
    );
    if !ok {
        std::process::exit(1);
    }
}
