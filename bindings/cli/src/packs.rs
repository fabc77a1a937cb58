//! `ecorules packs`, `ecorules pack validate FILE`, `ecorules pack test FILE`.

use crate::files::read;
use crate::output::Format;
use crate::stdout::outln;
use ecorules::testkit::pack_tests::run_pack_tests;
use ecorules::ErrorCode;
use ecorules::{Catalog, CatalogKind, Error, SourceText};

#[derive(clap::Subcommand, Debug)]
pub enum PackCommand {
    /// Check a pack file and print diagnostics with source snippets.
    Validate {
        /// Pack file (TOML or JSON).
        file: String,
    },
    /// Run the hand-computed test cases a pack carries.
    Test {
        /// Pack file (TOML or JSON).
        file: String,
    },
}

pub fn list(format: Format) -> Result<(), Error> {
    let set = Catalog::embedded()?;
    let infos = ecorules::host::list_packs(&set);
    if format == Format::Json {
        outln!(
            "{}",
            serde_json::to_string_pretty(&infos).unwrap_or_default()
        )?;
        return Ok(());
    }
    for p in infos {
        outln!(
            "{:<22} {:<7} {:<10} {:<3} {}",
            p.id,
            p.version,
            p.kind.as_str(),
            p.jurisdiction.as_deref().unwrap_or("-"),
            p.title
        )?;
        match p.status {
            Some(s) => outln!("{:<22} source: {} ({s:?}); {}", "", p.standard, p.hash)?,
            None => outln!("{:<22} source: {}; {}", "", p.standard, p.hash)?,
        }
        if matches!(p.kind, CatalogKind::Standard | CatalogKind::Validity) {
            for c in p.entries {
                outln!("{:<22}   {}/{}", "", p.id, c)?;
            }
        }
    }
    Ok(())
}

pub fn run(cmd: &PackCommand) -> Result<(), Error> {
    match cmd {
        PackCommand::Validate { file } => {
            let mut set = Catalog::embedded()?;
            let id = set
                .add(
                    CatalogKind::Standard,
                    &SourceText::new(file.clone(), read(file)?),
                )?
                .id;
            let p = set.standard(&id).ok_or_else(|| {
                Error::internal(ErrorCode::InternalBug, format!("pack `{id}` vanished"))
            })?;
            outln!(
                "ok: {} {} ({} categories, {} test cases) {}",
                p.pack().id,
                p.pack().version,
                p.pack().categories.len(),
                p.pack().tests.len(),
                p.hash()
            )?;
            Ok(())
        }
        PackCommand::Test { file } => {
            let mut set = Catalog::embedded()?;
            let id = set
                .add(
                    CatalogKind::Standard,
                    &SourceText::new(file.clone(), read(file)?),
                )?
                .id;
            let results = run_pack_tests(&set, &id)?;
            let failed = results.iter().filter(|r| !r.passed).count();
            for r in &results {
                outln!(
                    "{} {} — {}",
                    if r.passed { "PASS" } else { "FAIL" },
                    r.name,
                    r.observed
                )?;
            }
            outln!("{} passed, {} failed", results.len() - failed, failed)?;
            if failed > 0 {
                return Err(Error::pack(
                    ErrorCode::PackTestFailed,
                    format!("{failed} of {} test cases failed", results.len()),
                ));
            }
            Ok(())
        }
    }
}
