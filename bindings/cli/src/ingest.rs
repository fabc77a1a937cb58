//! `ecorules ingest --format hj212 FILE [--map FILE] [--output csv|json]`.

use crate::files::read;
use crate::stdout::{self, outln};
use ecorules::hj212::{decode_bytes, parse_mn_map, DecodeOptions, Severity};
use ecorules::{Error, Readings};

#[derive(clap::Args, Debug)]
pub struct IngestArgs {
    /// Input protocol.
    #[arg(long, value_parser = ["hj212"], default_value = "hj212")]
    pub format: String,
    /// The capture file.
    pub file: String,
    /// MN → outlet mapping (TOML `"MN" = "DA001"` or a JSON object).
    #[arg(long)]
    pub map: Option<String>,
    /// Time zone of the devices' DataTime.
    #[arg(long, default_value = "Asia/Shanghai")]
    pub time_zone: String,
    /// Output: long CSV (`outlet,pollutant,time,value,flag`) or the JSON series document.
    #[arg(long, value_parser = ["csv", "json"], default_value = "csv")]
    pub output: String,
}

/// Decodes a capture into readings, printing a summary of rejected packets to stderr.
pub fn decode(
    name: &str,
    text: &str,
    map: Option<&str>,
    zone: Option<&str>,
) -> Result<Readings<'static>, Error> {
    let map = match map {
        Some(path) => parse_mn_map(&read(path)?).map_err(|e| e.with_file(path))?,
        None => Default::default(),
    };
    let opts = DecodeOptions {
        time_zone: zone.unwrap_or("Asia/Shanghai").to_string(),
        map,
        ..DecodeOptions::default()
    };
    let result = decode_bytes(text.as_bytes(), &opts).map_err(|e| e.with_file(name))?;
    let errors = result
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    eprintln!(
        "{name}: {} packets accepted, {} rejected, {} diagnostics ({errors} errors)",
        result.accepted,
        result.rejected,
        result.diagnostics.len()
    );
    for d in result.diagnostics.iter().take(20) {
        eprintln!("  byte {}: {:?} {}", d.offset, d.kind, d.message);
    }
    Ok(result.readings)
}

pub fn run(args: &IngestArgs) -> Result<(), Error> {
    let text = read(&args.file)?;
    let readings = decode(
        &args.file,
        &text,
        args.map.as_deref(),
        Some(&args.time_zone),
    )?;
    let tz = ecorules::host::zone(&args.time_zone)?;
    if args.output == "json" {
        let doc = ecorules::host::to_document(&readings);
        outln!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default())?;
        return Ok(());
    }
    let mut w = csv::Writer::from_writer(std::io::stdout());
    let io = stdout::csv_error;
    w.write_record(["outlet", "pollutant", "time", "value", "flag"])
        .map_err(io)?;
    for f in readings.frames() {
        for c in f.columns() {
            for ((t, v), fl) in f.ts().iter().zip(c.values()).zip(c.flags()) {
                let value = if v.is_nan() {
                    "nan".to_string()
                } else {
                    v.to_string()
                };
                w.write_record([
                    f.outlet(),
                    c.pollutant().code,
                    &ecorules::host::format_local(*t, &tz),
                    &value,
                    &char::from(*fl).to_string(),
                ])
                .map_err(io)?;
            }
        }
    }
    w.flush().map_err(stdout::write_error)
}
