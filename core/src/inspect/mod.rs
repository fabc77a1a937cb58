//! Permit-based inspections (按证执法) and on-site spot checks, for inspectors' phones.
//!
//! Since 2022 the Ministry of Ecology and Environment has asked local bureaus to inspect
//! permitted plants **from a list** (清单式执法检查, 《关于加强排污许可执法监管的指导意见》):
//! for each key industry a list of major items (大项) with minor items (小项) under them,
//! each checked against what the plant's own discharge permit says. This module is that
//! workflow, offline:
//!
//! - [`model`] — the checklist pack format (`rules/checklists/*.toml`), separate from limit packs;
//! - [`pack`] — parsing, content hashes, the embedded packs and verified run-time updates;
//! - [`generate`] — expanding a pack against a compiled [`crate::Plan`] (per outlet,
//!   pollutant, monitoring duty, facility);
//! - [`session`] — an [`Inspection`]: answers with notes and evidence, saved and restored as
//!   versioned bytes so the app can be killed at any moment;
//! - [`finish`] — findings with legal basis and a summary;
//! - [`onsite`] — a portable analyser's reading judged against the permit limit, with unit
//!   conversion and reference-O2 correction explained in Chinese and English.
//!
//! ```
//! use ecorules::{Answer, AnswerStatus, Catalog, Inspection, StartOptions};
//! let plan = ecorules::Plan::compile_text("permit.toml", r#"
//! id = "P-1"
//! enterprise = { name = "Dye Works" }
//! [[outlets]]
//! id = "DW001"
//! kind = "water"
//! limits = [{ pollutant = "cod", max = 80, periods = ["day"] }]
//! "#)?;
//! let set = Catalog::embedded()?;
//! let mut insp = Inspection::start(&plan, &set, "cn-permit-dyeing", &StartOptions::default(), 1_740_000_000)?;
//! let first = insp.items[0].id.clone();
//! insp.answer(Answer { item: first, status: AnswerStatus::NonCompliant, note: None, evidence: vec!["IMG_1".into()], at: 1_740_000_100 })?;
//! let saved = insp.to_bytes()?;
//! let report = Inspection::restore(&saved)?.finish(1_740_003_600);
//! assert_eq!(report.summary.non_compliant, 1);
//! # Ok::<(), ecorules::Error>(())
//! ```

pub mod finish;
pub mod generate;
pub mod onsite;
pub mod session;

pub use finish::{InspectionReport, InspectionSummary, SeverityCounts};
pub use generate::GeneratedItem;
pub use onsite::{OnsiteResult, SpotMeasurement, SpotVerdict};
pub use session::{Answer, AnswerStatus, Inspection, StartOptions};
