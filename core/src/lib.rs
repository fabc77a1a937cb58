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

pub mod api;
pub mod calendar;
pub mod comply;
pub mod conformance;
pub mod error;
pub mod hj212;
pub mod inspect;
pub mod judge;
pub mod pack;
pub mod period;
pub mod permit;
pub mod plan;
pub mod pollutant;
pub mod readings;
pub mod report;
pub mod schema;
pub mod source;
pub mod suggest;
pub mod text;
pub mod units;
pub mod validity;
pub mod warn;
pub mod window;
pub mod zones;

pub use error::{Error, ErrorEnvelope, ErrorKind, Result};
pub use judge::EvaluateOptions;
pub use pack::PackSet;
pub use period::Period;
pub use plan::Plan;
pub use readings::Readings;
pub use report::{Finding, Lang, Report};
pub use source::SourceText;

/// Library version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
