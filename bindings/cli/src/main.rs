//! `ecorules`: check monitoring data against a permit from the command line.
//!
//! Exit status: 0 when the command ran (with or without findings, also when the reader of
//! stdout closed it early, as `| head` does), 2 for bad input (the error, with file, line,
//! column and help, goes to stderr).

mod check;
mod comply;
mod files;
mod ingest;
mod output;
mod packs;
mod stdout;
mod watch;

use clap::{Parser, Subcommand};
use std::process::ExitCode;
use stdout::outln;

#[derive(Parser, Debug)]
#[command(
    name = "ecorules",
    version,
    about = "Emission-compliance rules: monitoring data and permits in, findings out"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Judge monitoring data against a permit and print the findings.
    Check(check::CheckArgs),
    /// Judge compliance over a period by published methods (CN, EU IED, US NPDES, caps).
    Comply(comply::ComplyArgs),
    /// Convert an HJ 212 capture into the CSV (or JSON) that `check` reads.
    Ingest(ingest::IngestArgs),
    /// Replay data as a stream through warning rules; print alarms as they open and close.
    Watch(watch::WatchArgs),
    /// List the embedded rule packs of every kind (standards, validity, methods, warnings, checklists).
    Packs {
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: output::Format,
    },
    /// Validate or test a rule pack file.
    Pack {
        #[command(subcommand)]
        command: packs::PackCommand,
    },
    /// Print the JSON Schema of packs or permits.
    Schema {
        /// `pack` or `permit`.
        #[arg(value_parser = ["pack", "permit"])]
        what: String,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Comply(args) => comply::run(&args),
        Command::Ingest(args) => ingest::run(&args),
        Command::Watch(args) => watch::run(&args),
        Command::Packs { format } => packs::list(format),
        Command::Pack { command } => packs::run(&command),
        Command::Schema { what } => outln!(
            "{}",
            if what == "pack" {
                ecorules::host::pack_schema()
            } else {
                ecorules::host::permit_schema()
            }
        ),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // The reader closed the pipe (`| head`): it has what it asked for.
        Err(_) if stdout::closed() => ExitCode::SUCCESS,
        Err(e) => {
            let env = e.envelope();
            if let Some(file) = &env.file {
                match (env.line, env.column) {
                    (Some(l), Some(c)) => eprintln!("error in {file}:{l}:{c}"),
                    _ => eprintln!("error in {file}"),
                }
            }
            eprintln!("{:?}", miette::Report::new(e));
            ExitCode::from(2)
        }
    }
}
