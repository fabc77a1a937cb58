//! `ecorules check`.

use crate::files::read;
use crate::output::{print_report, Format, LangArg};
use ecorules::host::{compile_plan, load_data, DataFormat};
use ecorules::ErrorCode;
use ecorules::{DuplicatePolicy, LoadOptions};
use ecorules::{Error, EvaluateOptions};
use std::io::IsTerminal;

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Permit file (TOML or JSON).
    #[arg(long)]
    pub permit: String,
    /// Monitoring data file (CSV or JSON).
    #[arg(long)]
    pub data: String,
    /// Data format (default: from the file name).
    #[arg(long = "data-format", value_enum)]
    pub data_format: Option<DataFormatArg>,
    /// Extra rule pack files.
    #[arg(long = "pack")]
    pub packs: Vec<String>,
    /// Judge windows from this time on (ISO 8601 or Unix seconds).
    #[arg(long)]
    pub from: Option<String>,
    /// Judge windows ending by this time.
    #[arg(long)]
    pub to: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
    /// Message language.
    #[arg(long, value_enum, default_value = "zh")]
    pub lang: LangArg,
    /// With `--format csv`: which table (`findings`, `events`, `statistics`, `notes`).
    #[arg(long, default_value = "findings")]
    pub table: String,
    /// Keep the last of duplicate timestamps instead of failing.
    #[arg(long)]
    pub keep_last: bool,
    /// For HJ 212 captures: MN → outlet mapping file (TOML or JSON).
    #[arg(long)]
    pub map: Option<String>,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum DataFormatArg {
    Csv,
    Json,
    Hj212,
}

pub fn run(args: &CheckArgs) -> Result<(), Error> {
    let bar = progress();
    let custom: Vec<(String, String)> = args
        .packs
        .iter()
        .map(|p| read(p).map(|t| (p.clone(), t)))
        .collect::<Result<_, _>>()?;
    let plan = compile_plan(&args.permit, &read(&args.permit)?, &custom)?;
    let zone = plan.outlets().first().map(|o| o.time_zone.clone());
    let tz = match &zone {
        Some(z) => Some(ecorules::host::zone(z)?),
        None => None,
    };
    let time = |t: &Option<String>, what: &str| -> Result<Option<i64>, Error> {
        match t {
            None => Ok(None),
            Some(s) => ecorules::host::parse_time(s, tz.as_ref())
                .map(Some)
                .ok_or_else(|| Error::data(ErrorCode::DataBadTime, format!("cannot read --{what} `{s}`")).with_help("use ISO 8601 (`2025-03-01T00:00:00+08:00`, or local `2025-03-01 00:00:00`) or Unix seconds")),
        }
    };
    let opts = EvaluateOptions {
        from: time(&args.from, "from")?,
        to: time(&args.to, "to")?,
        findings: true,
    };
    let text = read(&args.data)?;
    let hj212 = args.data_format == Some(DataFormatArg::Hj212)
        || args.format == Format::Hj212
        || (args.data_format.is_none() && text.trim_start().starts_with("##"));
    let format = match args.data_format {
        Some(DataFormatArg::Json) => DataFormat::Json,
        Some(_) => DataFormat::Csv,
        None => DataFormat::from_name(&args.data).unwrap_or(DataFormat::Csv),
    };
    if let Some(b) = &bar {
        b.set_message("loading data");
    }
    if hj212 {
        let readings =
            crate::ingest::decode(&args.data, &text, args.map.as_deref(), zone.as_deref())?;
        let report = plan.evaluate_with(&readings, &opts)?;
        if let Some(b) = bar {
            b.finish_and_clear();
        }
        return print_report(&report, args.format, &args.table, args.lang.lang());
    }
    let load = LoadOptions {
        duplicates: if args.keep_last {
            DuplicatePolicy::KeepLast
        } else {
            DuplicatePolicy::Error
        },
        naive_time_zone: zone,
        source_name: Some(args.data.clone()),
    };
    let readings = load_data(&text, format, &load)?;
    if let Some(b) = &bar {
        b.set_message(format!("evaluating {} samples", readings.sample_count()));
    }
    let report = plan.evaluate_with(&readings, &opts)?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    print_report(&report, args.format, &args.table, args.lang.lang())
}

fn progress() -> Option<indicatif::ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let b = indicatif::ProgressBar::new_spinner();
    b.enable_steady_tick(std::time::Duration::from_millis(120));
    Some(b)
}
