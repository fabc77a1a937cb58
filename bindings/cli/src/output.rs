//! Printing reports as tables, JSON or CSV.

use crate::stdout::{self, outln};
use ecorules::{Lang, Report, Table};

/// Output formats.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Human-readable table.
    Table,
    /// The report as JSON.
    Json,
    /// One of the report's flat tables (`--table`, default findings) as CSV (UTF-8).
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
pub fn print_report(
    report: &Report,
    format: Format,
    table: &str,
    lang: Lang,
) -> Result<(), ecorules::Error> {
    match format {
        Format::Json => outln!("{}", report.to_json())?,
        Format::Csv => write_table_csv(&report.table(table)?)?,
        Format::Table | Format::Hj212 => print_table(report, lang)?,
    }
    Ok(())
}

/// Writes one of the core's flat tables as CSV (UTF-8): text as is, numbers as the JSON
/// writes them, `null` as an empty cell, lists and objects as JSON text.
pub fn write_table_csv(table: &Table) -> Result<(), ecorules::Error> {
    let mut w = csv::Writer::from_writer(std::io::stdout());
    w.write_record(&table.columns).map_err(stdout::csv_error)?;
    for row in &table.rows {
        w.write_record(row.iter().map(cell))
            .map_err(stdout::csv_error)?;
    }
    w.flush().map_err(stdout::write_error)
}

fn cell(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn print_table(report: &Report, lang: Lang) -> Result<(), ecorules::Error> {
    let zh = lang == Lang::Zh;
    outln!(
        "{} {} — {}",
        if zh { "许可证" } else { "Permit" },
        report.permit,
        report.enterprise
    )?;
    outln!()?;
    if report.findings.is_empty() {
        outln!("{}", if zh { "无超标。" } else { "No findings." })?;
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
        outln!("[{sev}] {}", f.message.get(lang))?;
    }
    if !report.events.is_empty() {
        outln!()?;
        outln!("{}", if zh { "超标事件：" } else { "Events:" })?;
        for e in &report.events {
            outln!("  {}", e.message.get(lang))?;
        }
    }
    outln!()?;
    outln!("{}", if zh { "统计：" } else { "Statistics:" })?;
    outln!(
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
    )?;
    for s in &report.statistics {
        outln!(
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
        )?;
    }
    for n in &report.notes {
        outln!(
            "{} {}",
            if zh { "注：" } else { "Note:" },
            n.message.get(lang)
        )?;
    }
    Ok(())
}
