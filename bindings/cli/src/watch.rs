//! `ecorules watch`: replay monitoring data as a stream through the warning monitor and
//! print alarms as they open and close.

use crate::files::read;
use crate::output::LangArg;
use crate::stdout::outln;
use ecorules::host::{compile_plan, load_data, DataFormat};
use ecorules::Error;
use ecorules::ErrorCode;
use ecorules::LoadOptions;
use ecorules::{Alarm, AlarmEvent, EnterpriseRecords, Monitor, MonitorOptions};

#[derive(clap::Args, Debug)]
pub struct WatchArgs {
    /// Permit file (TOML or JSON).
    #[arg(long)]
    pub permit: String,
    /// Warning pack file (TOML or JSON), or the id of an embedded warning pack; repeatable.
    #[arg(long = "rules", required = true)]
    pub rules: Vec<String>,
    /// Monitoring data (JSON series/records, may include operating signals; or CSV).
    #[arg(long)]
    pub data: String,
    /// Extra standard packs the permit cites.
    #[arg(long = "pack")]
    pub packs: Vec<String>,
    /// Enterprise records (JSON `{"items": [...]}`) for deadline rules.
    #[arg(long)]
    pub records: Option<String>,
    /// Tick the clock at this time after the data (ISO 8601 or Unix seconds).
    #[arg(long)]
    pub now: Option<String>,
    /// Replay step in seconds: data are pushed this many seconds at a time.
    #[arg(long, default_value_t = 60)]
    pub step: i64,
    /// Accept data up to this many seconds late.
    #[arg(long, default_value_t = 0)]
    pub lateness: i64,
    /// Write the monitor snapshot here at the end.
    #[arg(long)]
    pub snapshot: Option<String>,
    /// Resume from this snapshot first.
    #[arg(long)]
    pub resume: Option<String>,
    /// Output: one line per event (`text`) or one JSON object per line (`json`).
    #[arg(long, value_enum, default_value = "text")]
    pub format: WatchFormat,
    /// Message language (text output).
    #[arg(long, value_enum, default_value = "zh")]
    pub lang: LangArg,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum WatchFormat {
    Text,
    Json,
}

fn print(alarms: &[Alarm], args: &WatchArgs) -> Result<(), Error> {
    for a in alarms {
        match args.format {
            WatchFormat::Json => {
                let line = serde_json::to_string(&a.view())
                    .map_err(|e| Error::internal(ErrorCode::InternalSerialize, e.to_string()))?;
                outln!("{line}")?;
            }
            WatchFormat::Text => {
                let what = match a.event {
                    AlarmEvent::Opened => "OPENED ",
                    AlarmEvent::Updated => "UPDATED",
                    AlarmEvent::Closed => "CLOSED ",
                };
                let v = a.view();
                outln!(
                    "{} {what} {:<8} {} {}",
                    ecorules::host::format_local(a.at, &a.meta.tz),
                    v.severity.as_str(),
                    v.rule_id,
                    a.message(args.lang.lang())
                )?;
            }
        }
    }
    Ok(())
}

fn rule_packs(args: &WatchArgs) -> Result<Vec<ecorules::CompiledPack>, Error> {
    let mut out = Vec::new();
    for r in &args.rules {
        if std::path::Path::new(r).exists() {
            out.push(ecorules::host::load_pack(r, &read(r)?)?);
        } else {
            out.push(ecorules::host::embedded_pack(r).map_err(|e| {
                e.with_help(format!(
                    "`{r}` is neither a file nor an embedded warning pack"
                ))
            })?);
        }
    }
    Ok(out)
}

pub fn run(args: &WatchArgs) -> Result<(), Error> {
    if args.step <= 0 {
        return Err(Error::data(
            ErrorCode::DataBadStep,
            "--step must be a positive number of seconds",
        ));
    }
    let custom: Vec<(String, String)> = args
        .packs
        .iter()
        .map(|p| read(p).map(|t| (p.clone(), t)))
        .collect::<Result<_, _>>()?;
    let plan = compile_plan(&args.permit, &read(&args.permit)?, &custom)?;
    let packs = rule_packs(args)?;
    let text = read(&args.data)?;
    let opts = LoadOptions {
        source_name: Some(args.data.clone()),
        ..LoadOptions::default()
    };
    let data = match DataFormat::from_name(&args.data) {
        Some(DataFormat::Csv) => load_data(&text, DataFormat::Csv, &opts)?,
        _ => ecorules::host::load_signals_json(&text, &opts)
            .map_err(|e| e.with_file(args.data.clone()))?,
    };
    let mut mon = match &args.resume {
        Some(path) => {
            let bytes = std::fs::read(path).map_err(|e| {
                Error::data(ErrorCode::DataIo, format!("cannot read `{path}`: {e}"))
            })?;
            Monitor::restore(&plan, &packs, &bytes)?
        }
        None => Monitor::with_options(
            &plan,
            &packs,
            MonitorOptions {
                lateness: args.lateness,
            },
        )?,
    };
    if let Some(r) = &args.records {
        let records: EnterpriseRecords =
            ecorules::host::parse_request(&read(r)?).map_err(|e| e.with_file(r.clone()))?;
        mon.set_records(records)?;
    }
    let first = data
        .frames()
        .iter()
        .filter_map(|f| f.ts().first().copied())
        .min();
    let last = data
        .frames()
        .iter()
        .filter_map(|f| f.ts().last().copied())
        .max();
    if let (Some(first), Some(last)) = (first, last) {
        let mut t = first;
        while t <= last {
            let end = t.saturating_add(args.step);
            let alarms = mon.push(&data.slice(t, end))?;
            print(&alarms, args)?;
            t = end;
        }
    }
    print(&mon.flush(), args)?;
    if let Some(now) = &args.now {
        let tz = plan.outlets().first().map(|o| o.calendar.tz().clone());
        let at = ecorules::host::parse_time(now, tz.as_ref()).ok_or_else(|| {
            Error::data(ErrorCode::DataBadTime, format!("cannot read --now `{now}`"))
        })?;
        print(&mon.tick(at)?, args)?;
    }
    if args.format == WatchFormat::Text {
        let open = mon.open_alarms();
        eprintln!("{} alarm(s) open at the end", open.len());
    }
    if let Some(path) = &args.snapshot {
        std::fs::write(path, mon.snapshot())
            .map_err(|e| Error::data(ErrorCode::DataIo, format!("cannot write `{path}`: {e}")))?;
    }
    Ok(())
}
