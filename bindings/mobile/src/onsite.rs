//! On-site spot checks: a portable analyser's reading judged against the permit limit.

use crate::error::{EcorulesError, Result};
use crate::plan::Plan;
use crate::records::{LegalBasis, Message, Severity};
use ecorules::ErrorCode;

/// One reading of a portable analyser.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct SpotMeasurement {
    /// Outlet id.
    pub outlet: String,
    /// Pollutant code or name (`so2`, `a21026`).
    pub pollutant: String,
    /// Value as read.
    pub value: f64,
    /// Unit as read: `ppm`, `mg/m3`, `ug/m3`, `mg/L`, ...
    pub unit: String,
    /// O2 (%) read at the same time.
    pub o2: Option<f64>,
    /// Unix seconds (the app's clock).
    pub time: i64,
}

/// Verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum SpotVerdict {
    /// Within the limit.
    Within,
    /// Above the upper limit.
    Exceeds,
    /// Below the lower limit.
    BelowRange,
}

/// The judged reading.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct OnsiteResult {
    /// Outlet.
    pub outlet: String,
    /// Pollutant code.
    pub pollutant: String,
    /// Local ISO 8601 time.
    pub time: String,
    /// Reading as given.
    pub measured: f64,
    /// Its unit.
    pub measured_unit: String,
    /// In the limit's unit.
    pub converted: f64,
    /// Measured O2.
    pub o2: Option<f64>,
    /// Reference O2.
    pub ref_o2: Option<f64>,
    /// Value compared with the limit.
    pub value: f64,
    /// Upper limit.
    pub max: Option<f64>,
    /// Lower limit.
    pub min: Option<f64>,
    /// Unit.
    pub unit: String,
    /// Rule id of the limit.
    pub rule_id: String,
    /// Its period name.
    pub period: String,
    /// Legal basis.
    pub basis: LegalBasis,
    /// Verdict.
    pub verdict: SpotVerdict,
    /// value / upper limit.
    pub ratio: Option<f64>,
    /// Severity if not within.
    pub severity: Option<Severity>,
    /// Steps and verdict in zh and en.
    pub explanation: Message,
}

impl From<ecorules::OnsiteResult> for OnsiteResult {
    fn from(r: ecorules::OnsiteResult) -> Self {
        use ecorules::SpotVerdict as V;
        OnsiteResult {
            outlet: r.outlet,
            pollutant: r.pollutant,
            time: r.time,
            measured: r.measured,
            measured_unit: r.measured_unit,
            converted: r.converted,
            o2: r.o2,
            ref_o2: r.ref_o2,
            value: r.value,
            max: r.max,
            min: r.min,
            unit: r.unit,
            rule_id: r.rule_id,
            period: r.period.name().into_owned(),
            basis: r.basis.into(),
            verdict: match r.verdict {
                V::Within => SpotVerdict::Within,
                V::Exceeds => SpotVerdict::Exceeds,
                V::BelowRange => SpotVerdict::BelowRange,
            },
            ratio: r.ratio,
            severity: r.severity.map(Into::into),
            explanation: r.explanation.into(),
        }
    }
}

#[uniffi::export]
impl Plan {
    /// Judges a spot reading against the limit in force for its outlet (unit conversion
    /// by molar mass, reference-O2 correction), explained in zh and en.
    pub fn onsite_check(&self, measurement: SpotMeasurement) -> Result<OnsiteResult> {
        let unit = ecorules::Unit::parse(&measurement.unit).ok_or_else(|| {
            EcorulesError::from(
                ecorules::Error::new(
                    ErrorCode::ConversionUnknownUnit,
                    format!("unknown unit `{}`", measurement.unit),
                )
                .with_path("unit")
                .with_help("use e.g. `ppm`, `mg/m3`, `ug/m3` or `mg/L`"),
            )
        })?;
        let m = ecorules::SpotMeasurement {
            outlet: measurement.outlet,
            pollutant: measurement.pollutant,
            value: measurement.value,
            unit,
            o2: measurement.o2,
            time: measurement.time,
        };
        Ok(ecorules::host::onsite_check(&self.inner, &m)?.into())
    }
}
