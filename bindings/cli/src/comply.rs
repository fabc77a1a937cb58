//! `ecorules comply`: the compliance verdict of a permit over a period, by published methods
//! (CN automatic-monitoring judgement, EU IED Annex V/VI, US NPDES SNC, pretreatment, NSPS
//! operating days, annual mass caps). All logic is in `ecorules::comply`.

use crate::check::DataFormatArg;
use crate::files::read;
use crate::output::LangArg;
use crate::stdout::outln;
use ecorules::host::assess_with;
use ecorules::host::{compile_plan, load_data, DataFormat};
use ecorules::Lang;
use ecorules::{Catalog, CatalogKind, ComplianceReport, ComplyOptions, Records};
use ecorules::{DuplicatePolicy, LoadOptions, Readings};
use ecorules::{Error, SourceText};

#[derive(clap::Args, Debug)]
pub struct ComplyArgs {
    /// Permit file (TOML or JSON).
    #[arg(long)]
    pub permit: String,
    /// Monitoring data file (CSV or JSON); optional for DMR-only methods.
    #[arg(long)]
    pub data: Option<String>,
    /// Data format (default: from the file name).
    #[arg(long = "data-format", value_enum)]
    pub data_format: Option<DataFormatArg>,
    /// Records file (JSON): `dmr`, `iu_samples`, `iu_reports`, `states`, `caps`.
    #[arg(long)]
    pub records: Option<String>,
    /// Period: a year (`2025`), a month (`2025-03`) or `2025-01-01..2025-06-30`.
    #[arg(long)]
    pub period: String,
    /// Method pack id (repeatable, at least one). `--method list` lists them.
    #[arg(long = "method")]
    pub methods: Vec<String>,
    /// Extra rule pack files.
    #[arg(long = "pack")]
    pub packs: Vec<String>,
    /// Extra method pack files (TOML or JSON).
    #[arg(long = "method-pack")]
    pub method_packs: Vec<String>,
    /// "Now" (`YYYY-MM-DD`) for overdue reports and the cap forecast.
    #[arg(long = "as-of")]
    pub as_of: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: ComplyFormat,
    /// Message language (table output).
    #[arg(long, value_enum, default_value = "zh")]
    pub lang: LangArg,
    /// With `--format csv`: which table (`conditions`, `findings`, `caps`).
    #[arg(long, default_value = "conditions")]
    pub table: String,
    /// Keep the last of duplicate timestamps instead of failing.
    #[arg(long)]
    pub keep_last: bool,
}

/// Output formats of `comply`.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ComplyFormat {
    /// One line per method, subject and condition, then the findings.
    Table,
    /// The ComplianceReport as JSON.
    Json,
    /// One of the report's flat tables (`--table`: conditions, findings, caps) as CSV (UTF-8).
    Csv,
}

pub fn run(args: &ComplyArgs) -> Result<(), Error> {
    let mut methods = Catalog::embedded()?;
    for p in &args.method_packs {
        methods.add(CatalogKind::Method, &SourceText::new(p.clone(), read(p)?))?;
    }
    if args.methods.iter().any(|m| m == "list") {
        for m in ecorules::host::list_methods(&methods) {
            outln!(
                "{:<28} {:<3} {:<10} {}  [{}]",
                m.id,
                m.jurisdiction,
                format!("{:?}", m.status).to_lowercase(),
                m.title,
                m.conditions.join(", ")
            )?;
        }
        return Ok(());
    }
    let custom: Vec<(String, String)> = args
        .packs
        .iter()
        .map(|p| read(p).map(|t| (p.clone(), t)))
        .collect::<Result<_, _>>()?;
    let plan = compile_plan(&args.permit, &read(&args.permit)?, &custom)?;
    let readings = match &args.data {
        None => Readings::new(),
        Some(path) => {
            let format = match args.data_format {
                Some(DataFormatArg::Json) => DataFormat::Json,
                Some(_) => DataFormat::Csv,
                None => DataFormat::from_name(path).unwrap_or(DataFormat::Csv),
            };
            let load = LoadOptions {
                duplicates: if args.keep_last {
                    DuplicatePolicy::KeepLast
                } else {
                    DuplicatePolicy::Error
                },
                naive_time_zone: plan.outlets().first().map(|o| o.time_zone.clone()),
                source_name: Some(path.clone()),
            };
            load_data(&read(path)?, format, &load)?
        }
    };
    let records: Records = match &args.records {
        None => Records::default(),
        Some(path) => ecorules::host::parse_request(&read(path)?).map_err(|e| e.with_file(path))?,
    };
    let opts = ComplyOptions {
        period: args.period.clone(),
        // No default: the core refuses an empty list (`comply.no_methods`) and names the
        // methods, as it does for every host; guessing one would judge by the wrong rules.
        methods: args.methods.clone(),
        as_of: args.as_of.clone(),
    };
    let report = assess_with(&plan, &methods, &readings, &records, &opts)?;
    match args.format {
        ComplyFormat::Json => outln!("{}", report.to_json())?,
        ComplyFormat::Csv => crate::output::write_table_csv(&report.table(&args.table)?)?,
        ComplyFormat::Table => table(&report, args.lang.lang())?,
    }
    Ok(())
}

fn num(v: Option<f64>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

fn int(v: Option<u32>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

fn table(report: &ComplianceReport, lang: Lang) -> Result<(), Error> {
    outln!(
        "{} {} {} .. {}: {}",
        report.permit,
        report.enterprise,
        report.from,
        report.to,
        report.outcome.as_str().to_uppercase()
    )?;
    for m in &report.methods {
        outln!(
            "\n{} {} ({}, {}): {}",
            m.pack.id,
            m.pack.version,
            m.jurisdiction,
            m.standard,
            m.outcome.as_str().to_uppercase()
        )?;
        for note in &m.notes {
            outln!("  note: {note}")?;
        }
        for s in &m.subjects {
            for c in &s.conditions {
                let n = &c.numbers;
                let mut facts = Vec::new();
                if let Some(t) = n.threshold {
                    facts.push(format!("threshold {t}"));
                }
                if let (Some(j), Some(a)) = (n.judged, n.above) {
                    facts.push(format!("{a}/{j} above"));
                }
                if let Some(s) = n.share_observed {
                    facts.push(format!("share {s} (need {})", num(n.share_required)));
                }
                if let Some(k) = n.count_max {
                    facts.push(format!(
                        "max {k} in {} (trigger {})",
                        int(n.window),
                        int(n.count_required)
                    ));
                }
                if let Some(d) = n.invalid_days {
                    facts.push(format!(
                        "{d} invalid days (allowed {})",
                        int(n.invalid_days_allowed)
                    ));
                }
                if let Some(l) = n.late {
                    facts.push(format!("{l} late"));
                }
                if let Some(x) = n.max {
                    facts.push(format!("max {x}"));
                }
                outln!(
                    "  {:<12} {:<8} {:<26} {:<12} {}",
                    s.subject,
                    s.pollutant,
                    c.id,
                    c.outcome.as_str(),
                    facts.join(", ")
                )?;
                for f in c.findings.iter().take(5) {
                    outln!("      - {}", f.message.get(lang))?;
                }
                if c.findings_total > 5 {
                    outln!("      … {} more", c.findings_total - 5)?;
                }
            }
        }
        for cap in &m.caps {
            outln!(
                "  cap {} {} t/a: {} t ({} measured + {} estimated; {} h estimated, {} h stopped){}",
                cap.pollutant,
                cap.cap_t,
                cap.total_t,
                cap.measured_t,
                cap.estimated_t,
                cap.estimated_hours,
                cap.stopped_hours,
                match (&cap.exhausted_on, cap.forecast) {
                    (Some(d), true) => format!(", exhausted on {d} at the current rate"),
                    (Some(d), false) => format!(", exhausted on {d}"),
                    (None, _) => String::new(),
                }
            )?;
        }
    }
    Ok(())
}
