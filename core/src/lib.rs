//! # ecorules
//!
//! One rules core that decides whether industrial pollution sources comply with their
//! emission limits and discharge permits. Monitoring data and a permit go in; exceedance
//! findings with evidence and legal basis come out.
//!
//! ```
//! use ecorules::{Plan, readings::{csv::load_csv, LoadOptions}};
//!
//! let permit = r#"
//! id = "PERMIT-1"
//! enterprise = { name = "Example Power Co." }
//! [[outlets]]
//! id = "DA001"
//! kind = "air"
//! standard = "cn-ultra-low-2015/coal"
//! limits = [{ pollutant = "so2" }]
//! "#;
//! let plan = Plan::compile_text("permit.toml", permit)?;
//!
//! // one hour of minute data: SO2 40 mg/m3 at 6 % O2 exceeds the ultra-low 35 mg/m3
//! let mut csv = String::from("outlet,time,so2,o2,flag\n");
//! for m in 0..60 {
//!     csv += &format!("DA001,2025-03-01T10:{m:02}:00+08:00,40,6,N\n");
//! }
//! let data = load_csv(&csv, &LoadOptions::default())?;
//! let report = plan.evaluate(&data)?;
//! assert_eq!(report.findings.len(), 1);
//! assert_eq!(report.findings[0].value, 40.0);
//! assert_eq!(report.findings[0].limit, 35.0);
//! # Ok::<(), ecorules::Error>(())
//! ```
//!
//! The flow runs one way: [`readings`] (columnar data) → [`validity`] (which samples count)
//! → [`window`] (hour, day, month averages with capture rules) → [`judge`] (limits, events)
//! → [`report`]. Rule packs ([`pack`]) and a [`permit`] compile once into a [`Plan`].

pub mod diag;
pub mod domain;
pub mod host;
pub mod ingest;
pub mod inspect;
pub mod judge;
pub mod packs;
pub mod plan;
pub mod prepare;
pub mod report;
pub mod testkit;

pub use diag::source::SourceText;
pub use diag::{Error, ErrorEnvelope, ErrorKind, Result};
pub use domain::period::Period;
pub use ingest::readings::Readings;
pub use judge::EvaluateOptions;
pub use packs::standard::PackSet;
pub use plan::Plan;
pub use report::{Finding, Lang, Report};

/// Library version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
