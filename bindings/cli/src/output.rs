//! Printing reports as tables, JSON or CSV.

use ecorules::{Lang, Report};

/// Output formats.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Human-readable table.
    Table,
    /// The report as JSON.
    Json,
    /// Findings as CSV (UTF-8).
    Csv,
    /// For `check`: read `--data` as an HJ 212 capture and print a table.
    Hj212,
}

/// Message language.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum LangArg {
    /// Chinese.
    Zh,
    /// English.
    En,
}

impl LangArg {
    pub fn lang(self) -> Lang {
        match self {
            LangArg::Zh => Lang::Zh,
            LangArg::En => Lang::En,
        }
    }
}

/// Writes the report in `format`.
pub fn print_report(report: &Report, format: Format, lang: Lang) -> Result<(), ecorules::Error> {
    match format {
        Format::Json => println!("{}", report.to_json()),
        Format::Csv => print_csv(report, lang)?,
        Format::Table | Format::Hj212 => print_table(report, lang),
    }
    Ok(())
}

fn print_csv(report: &Report, lang: Lang) -> Result<(), ecorules::Error> {
    let mut w = csv::Writer::from_writer(std::io::stdout());
    let io = |e: csv::Error| ecorules::Error::data("output", e.to_string());
    w.write_record([
        "rule_id",
        "kind",
        "severity",
        "outlet",
        "pollutant",
        "period",
        "start",
        "end",
        "value",
        "limit",
        "unit",
        "ratio",
        "basis",
        "pack_hash",
        "message",
    ])
    .map_err(io)?;
    for f in &report.findings {
        let basis = match &f.basis.clause {
            Some(c) => format!("{} {c}", f.basis.standard),
            None => f.basis.standard.clone(),
        };
        let kind = serde_json::to_value(f.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        let sev = serde_json::to_value(f.severity)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        w.write_record([
            f.rule_id.as_str(),
            &kind,
            &sev,
            &f.outlet,
            &f.pollutant,
            &f.period.name(),
            &f.start,
            &f.end,
            &f.value.to_string(),
            &f.limit.to_string(),
            &f.unit,
            &f.ratio.map(|r| format!("{r:.4}")).unwrap_or_default(),
            &basis,
            f.pack.as_ref().map_or("", |p| p.hash.as_str()),
            f.message.get(lang),
        ])
        .map_err(io)?;
    }
    w.flush()
        .map_err(|e| ecorules::Error::data("output", e.to_string()))
}

fn print_table(report: &Report, lang: Lang) {
    let zh = lang == Lang::Zh;
    println!(
        "{} {} — {}",
        if zh { "许可证" } else { "Permit" },
        report.permit,
        report.enterprise
    );
    println!();
    if report.findings.is_empty() {
        println!("{}", if zh { "无超标。" } else { "No findings." });
    }
    for f in &report.findings {
        let sev = match (f.severity, zh) {
            (ecorules::Severity::High, true) => "高",
            (ecorules::Severity::Medium, true) => "中",
            (ecorules::Severity::Low, true) => "低",
            (ecorules::Severity::High, false) => "high",
            (ecorules::Severity::Medium, false) => "medium",
            (ecorules::Severity::Low, false) => "low",
        };
        println!("[{sev}] {}", f.message.get(lang));
    }
    if !report.events.is_empty() {
        println!();
        println!("{}", if zh { "超标事件：" } else { "Events:" });
        for e in &report.events {
            println!("  {}", e.message.get(lang));
        }
    }
    println!();
    println!("{}", if zh { "统计：" } else { "Statistics:" });
    println!(
        "  {:<10} {:<8} {:<10} {:>7} {:>7} {:>8} {:>9} {:>7} {:>9}",
        "outlet",
        "pollut.",
        "period",
        "valid",
        "present",
        "capture",
        "exceed",
        "events",
        "max ratio"
    );
    for s in &report.statistics {
        println!(
            "  {:<10} {:<8} {:<10} {:>7} {:>7} {:>7.1}% {:>9} {:>7} {:>9}",
            s.outlet,
            s.pollutant,
            s.period.name(),
            s.windows.valid,
            s.windows.present,
            s.capture_rate * 100.0,
            s.exceedances + s.below_range,
            s.events,
            s.max_ratio
                .map(|r| format!("{r:.3}"))
                .unwrap_or_else(|| "-".into())
        );
    }
    for n in &report.notes {
        println!(
            "{} {}",
            if zh { "注：" } else { "Note:" },
            n.message.get(lang)
        );
    }
}
