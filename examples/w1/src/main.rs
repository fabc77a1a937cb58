//! W1: a year of CEMS minute data for many stacks, through the public API only.
//!
//! `cargo run --release -p w1 -- IN.csv OUT.csv` reads the CSV `gen_data.py` writes, judges
//! every stack against the ultra-low limits (hourly and daily), and writes the W1 summary
//! (`../shared/bench/w1/README.md`). `compute_s=` is the time after loading and before
//! writing, as the polars, pandas and DuckDB peers print it.

use ecorules::host::load_csv_reader;
use ecorules::ErrorCode;
use ecorules::LoadOptions;
use ecorules::Permit;
use ecorules::{Catalog, CatalogKind};
use ecorules::{EvaluateOptions, Period, Plan, Report, SourceText};
use std::fmt::Write as _;
use std::time::Instant;

const PACK: &str = include_str!("../w1-pack.toml");
const PERMIT: &str = include_str!("../permit.toml");
/// Output order of the pollutants (byte order of their W1 names).
const POLLUTANTS: [(&str, &str); 3] = [("nox", "a21002"), ("pm", "a34013"), ("so2", "a21026")];

fn main() {
    if let Err(e) = run() {
        eprintln!("w1: {e}");
        std::process::exit(2);
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(input), Some(output)) = (args.get(1), args.get(2)) else {
        return Err("usage: w1 IN.csv OUT.csv".into());
    };
    let file = std::io::BufReader::with_capacity(1 << 20, std::fs::File::open(input)?);
    let readings = load_csv_reader(
        file,
        &LoadOptions {
            source_name: Some(input.clone()),
            ..LoadOptions::default()
        },
    )?;
    let plan = compile_plan(&readings.outlets())?;

    let t = Instant::now();
    let report = plan.evaluate_with(
        &readings,
        &EvaluateOptions {
            findings: false,
            ..EvaluateOptions::default()
        },
    )?;
    let csv = summary(&plan, &report)?;
    println!("compute_s={:.6}", t.elapsed().as_secs_f64());
    std::fs::write(output, csv)?;
    Ok(())
}

/// The W1 permit with one outlet per stack found in the data.
fn compile_plan(stacks: &[&str]) -> Result<Plan, ecorules::Error> {
    let mut packs = Catalog::embedded()?;
    packs.add(
        CatalogKind::Standard,
        &SourceText::new("w1-pack.toml", PACK),
    )?;
    let mut permit: Permit =
        SourceText::new("permit.toml", PERMIT).parse(ecorules::ErrorKind::Permit)?;
    let template = permit
        .outlets
        .first()
        .cloned()
        .ok_or_else(|| ecorules::Error::permit(ErrorCode::PermitNoOutlets, "empty template"))?;
    permit.outlets = stacks
        .iter()
        .map(|s| {
            let mut o = template.clone();
            o.id = (*s).to_string();
            o
        })
        .collect();
    Plan::compile_permit(permit, &packs)
}

/// `stack_id,pollutant,valid_hours,exceed_hours,events,longest_event_hours,max_ratio,valid_days,exceed_days`
fn summary(plan: &Plan, report: &Report) -> Result<String, std::fmt::Error> {
    let mut stacks: Vec<&str> = plan.outlets().iter().map(|o| o.id.as_str()).collect();
    stacks.sort_by_key(|s| (s.parse::<i64>().unwrap_or(i64::MAX), s.to_string()));
    let mut out = String::from("stack_id,pollutant,valid_hours,exceed_hours,events,longest_event_hours,max_ratio,valid_days,exceed_days\n");
    for stack in stacks {
        for (name, code) in POLLUTANTS {
            let (Some(h), Some(d)) = (
                report.statistic(stack, code, Period::Hour),
                report.statistic(stack, code, Period::Day),
            ) else {
                continue;
            };
            if h.windows.present == 0 {
                continue;
            }
            let ratio = h.max_ratio.map(|r| format!("{r:.6}")).unwrap_or_default();
            writeln!(
                out,
                "{stack},{name},{},{},{},{},{ratio},{},{}",
                h.windows.valid,
                h.exceedances,
                h.events,
                h.longest_event_windows,
                d.windows.valid,
                d.exceedances
            )?;
        }
    }
    Ok(out)
}
