//! Times compliance methods against plain `evaluate` (the peer) on a year of minute data of
//! one stack (SO2, NOx, dust, O2; 525 600 rows), all in the same run:
//! `cargo run --release -p ecorules --example comply_bench`.

use ecorules::host::assess;
use ecorules::ComplyOptions;
use ecorules::ErrorCode;
use ecorules::{Column, Frame, Readings};
use ecorules::{EvaluateOptions, Plan};
use std::borrow::Cow;
use std::time::Instant;

fn main() -> Result<(), ecorules::Error> {
    let n = 525_600usize;
    let t0 = 1_735_660_800i64; // 2025-01-01T00:00:00+08:00
    let ts: Vec<i64> = (0..n as i64).map(|i| t0 + 60 * i).collect();
    let wave = |i: usize, base: f64, amp: f64| base + amp * ((i as f64) / 97.0).sin();
    let so2: Vec<f64> = (0..n).map(|i| wave(i, 30.0, 8.0)).collect();
    let nox: Vec<f64> = (0..n).map(|i| wave(i, 42.0, 10.0)).collect();
    let pm: Vec<f64> = (0..n).map(|i| wave(i, 6.0, 3.0)).collect();
    let o2: Vec<f64> = (0..n).map(|i| wave(i, 6.5, 0.8)).collect();
    let flags: Vec<u8> = (0..n)
        .map(|i| if i % 1440 < 20 { b'C' } else { b'N' })
        .collect();
    let col = |code: &str, v: &[f64]| -> Result<Column<'static>, ecorules::Error> {
        let p = ecorules::Pollutant::lookup(code).ok_or_else(|| {
            ecorules::Error::data(
                ErrorCode::DataUnknownPollutant,
                format!("no pollutant {code}"),
            )
        })?;
        Ok(Column::new(
            p,
            Cow::Owned(v.to_vec()),
            Cow::Owned(flags.clone()),
        ))
    };
    let mut readings = Readings::new();
    readings.push(Frame::new(
        "DA001",
        Cow::Owned(ts),
        vec![
            col("so2", &so2)?,
            col("nox", &nox)?,
            col("pm", &pm)?,
            col("o2", &o2)?,
        ],
    )?)?;
    let plan = Plan::compile_text(
        "p.toml",
        "id = \"P\"\nenterprise = { name = \"E\" }\n[[outlets]]\nid = \"DA001\"\nkind = \"air\"\nstandard = \"cn-ultra-low-2015/coal\"\nlimits = [\n { pollutant = \"so2\", periods = [\"hour\", \"day\"] },\n { pollutant = \"nox\", periods = [\"hour\", \"day\"] },\n { pollutant = \"pm\", periods = [\"hour\", \"day\"] },\n]\n",
    )?;
    let best =
        |f: &mut dyn FnMut() -> Result<(), ecorules::Error>| -> Result<f64, ecorules::Error> {
            let mut b = f64::INFINITY;
            for _ in 0..5 {
                let t = Instant::now();
                f()?;
                b = b.min(t.elapsed().as_secs_f64());
            }
            Ok(b)
        };
    let opts = EvaluateOptions {
        findings: false,
        ..EvaluateOptions::default()
    };
    let peer = best(&mut || plan.evaluate_with(&readings, &opts).map(|_| ()))?;
    println!("evaluate (peer)            {peer:.4} s  1.00x");
    for m in [
        "cn-auto-monitoring",
        "eu-ied-annex-v-lcp",
        "us-nsps-30-operating-days",
    ] {
        let o = ComplyOptions {
            period: "2025".into(),
            methods: vec![m.into()],
            as_of: None,
        };
        let t = best(&mut || assess(&plan, &readings, &o).map(|_| ()))?;
        println!("comply {m:<27} {t:.4} s  {:.2}x", t / peer);
    }
    Ok(())
}
