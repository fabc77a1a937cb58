//! The compiled permit as a native object (a handle shared by Kotlin/Swift and Rust).

use crate::error::Result;
use crate::packs::{pack_set, PackDocument};
use crate::records::{FindingKind, PackRef, Report};
use ecorules::SourceText;
use ecorules::{DuplicatePolicy as CoreDup, LoadOptions as CoreLoad};
use std::sync::Arc;

/// Data text formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum DataFormat {
    /// CSV, long or wide.
    Csv,
    /// JSON records or series.
    Json,
}

impl From<DataFormat> for ecorules::host::DataFormat {
    fn from(f: DataFormat) -> Self {
        match f {
            DataFormat::Csv => ecorules::host::DataFormat::Csv,
            DataFormat::Json => ecorules::host::DataFormat::Json,
        }
    }
}

/// Duplicate timestamps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum DuplicatePolicy {
    /// Refuse the data (default).
    Error,
    /// Keep the last row.
    KeepLast,
}

/// How to read data text.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LoadOptions {
    /// Duplicate timestamps.
    pub duplicates: DuplicatePolicy,
    /// Zone for times without offset.
    pub naive_time_zone: Option<String>,
    /// Name of the input, for errors.
    pub source_name: Option<String>,
}

impl From<LoadOptions> for CoreLoad {
    fn from(o: LoadOptions) -> Self {
        CoreLoad {
            duplicates: match o.duplicates {
                DuplicatePolicy::Error => CoreDup::Error,
                DuplicatePolicy::KeepLast => CoreDup::KeepLast,
            },
            naive_time_zone: o.naive_time_zone,
            source_name: o.source_name,
        }
    }
}

/// Options of an evaluation.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct EvaluateOptions {
    /// Judge windows from this Unix second on.
    pub from: Option<i64>,
    /// Judge windows ending by this Unix second.
    pub to: Option<i64>,
    /// One finding per breaching window (default true).
    pub findings: bool,
}

impl From<EvaluateOptions> for ecorules::EvaluateOptions {
    fn from(o: EvaluateOptions) -> Self {
        ecorules::EvaluateOptions {
            from: o.from,
            to: o.to,
            findings: o.findings,
        }
    }
}

/// One series given as columns: timestamps (Unix s), values, and one HJ 212 flag letter per value.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Series {
    /// Outlet id.
    pub outlet: String,
    /// Pollutant code or name.
    pub pollutant: String,
    /// Unix seconds.
    pub time: Vec<i64>,
    /// Values (NaN for missing).
    pub values: Vec<f64>,
    /// Flags, one ASCII letter per value (`"NNNF…"`); empty means all `N`.
    pub flags: String,
}

/// A permitted limit as compiled.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct LimitInfo {
    /// Rule id.
    pub rule_id: String,
    /// Pollutant code.
    pub pollutant: String,
    /// Period name.
    pub period: String,
    /// Upper limit (data unit).
    pub max: Option<f64>,
    /// Lower limit.
    pub min: Option<f64>,
    /// Unit.
    pub unit: String,
    /// Reference O2 (%).
    pub ref_o2: Option<f64>,
}

/// An outlet as compiled.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct OutletInfo {
    /// Id.
    pub id: String,
    /// Name.
    pub name: Option<String>,
    /// `air` or `water`.
    pub medium: String,
    /// IANA zone.
    pub time_zone: String,
    /// Limits.
    pub limits: Vec<LimitInfo>,
}

/// A compiled rule, as `Plan::rules` lists it (mirror of `ecorules::host::RuleInfo`).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct RuleInfo {
    /// Rule id (what `judged_windows` takes).
    pub rule_id: String,
    /// Permit outlet id.
    pub outlet: String,
    /// Outlet name as the permit gives it.
    pub outlet_name: Option<String>,
    /// IANA time zone of the outlet's calendar.
    pub time_zone: String,
    /// Pollutant code.
    pub pollutant: String,
    /// Pollutant short name.
    pub pollutant_name: String,
    /// Averaging period name (`hour`, `day`, …).
    pub period: String,
    /// Upper limit, in the data unit.
    pub max: Option<f64>,
    /// Lower limit (ranges such as pH), in the data unit.
    pub min: Option<f64>,
    /// Data unit symbol.
    pub unit: String,
    /// Reference O2 (%), if any.
    pub ref_o2: Option<f64>,
    /// The standard the limit comes from.
    pub standard: String,
}

impl From<ecorules::host::RuleInfo> for RuleInfo {
    fn from(r: ecorules::host::RuleInfo) -> Self {
        RuleInfo {
            rule_id: r.rule_id,
            outlet: r.outlet,
            outlet_name: r.outlet_name,
            time_zone: r.time_zone,
            pollutant: r.pollutant,
            pollutant_name: r.pollutant_name,
            period: r.period.name().into_owned(),
            max: r.max,
            min: r.min,
            unit: r.unit,
            ref_o2: r.ref_o2,
            standard: r.standard,
        }
    }
}

/// Why a window is or is not valid (mirror of `ecorules::WindowStatus`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum WindowStatus {
    /// Valid: judged against the limit.
    Valid,
    /// Fewer valid inputs than the pack requires.
    TooFewValid,
    /// The O2 of the same window is invalid.
    O2Invalid,
    /// Not entirely inside the permit's validity or the requested period.
    OutsidePeriod,
}

impl From<ecorules::WindowStatus> for WindowStatus {
    fn from(s: ecorules::WindowStatus) -> Self {
        match s {
            ecorules::WindowStatus::Valid => WindowStatus::Valid,
            ecorules::WindowStatus::TooFewValid => WindowStatus::TooFewValid,
            ecorules::WindowStatus::O2Invalid => WindowStatus::O2Invalid,
            ecorules::WindowStatus::OutsidePeriod => WindowStatus::OutsidePeriod,
        }
    }
}

/// One judged window of a rule (mirror of `ecorules::host::WindowRow`).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct WindowRow {
    /// Window start, Unix seconds.
    pub start: i64,
    /// Window end (exclusive), Unix seconds.
    pub end: i64,
    /// The judged value; `null` when the window is not valid.
    pub value: Option<f64>,
    /// Unrounded mean (corrected to reference O2 where the limit asks).
    pub raw_value: Option<f64>,
    /// Valid inputs.
    pub n_valid: u32,
    /// Inputs present.
    pub n_total: u32,
    /// Valid inputs required.
    pub n_required: u32,
    /// Mean O2 of the window, when a correction was applied.
    pub o2: Option<f64>,
    /// Validity.
    pub status: WindowStatus,
    /// The breach, if any.
    pub breach: Option<FindingKind>,
}

impl TryFrom<ecorules::host::WindowRow> for WindowRow {
    type Error = crate::error::EcorulesError;
    fn try_from(w: ecorules::host::WindowRow) -> Result<Self> {
        Ok(WindowRow {
            start: w.start,
            end: w.end,
            value: w.value,
            raw_value: w.raw_value,
            n_valid: w.n_valid,
            n_total: w.n_total,
            n_required: w.n_required,
            o2: w.o2,
            status: w.status.into(),
            breach: w.breach.map(TryInto::try_into).transpose()?,
        })
    }
}

/// A compiled permit: immutable, thread-safe, compiled once and evaluated many times.
#[derive(Debug, uniffi::Object)]
pub struct Plan {
    pub(crate) inner: ecorules::Plan,
}

#[uniffi::export]
impl Plan {
    /// Compiles a permit (TOML or JSON text; `permit_name` ending in `.json` means JSON)
    /// against the embedded packs plus `packs`.
    #[uniffi::constructor]
    pub fn compile(
        permit_name: String,
        permit_text: String,
        packs: Vec<PackDocument>,
    ) -> Result<Arc<Plan>> {
        let set = pack_set(&packs)?;
        let inner = ecorules::Plan::compile(&SourceText::new(permit_name, permit_text), &set)?;
        Ok(Arc::new(Plan { inner }))
    }

    /// Permit number.
    pub fn permit_id(&self) -> String {
        self.inner.permit().id.clone()
    }

    /// Enterprise name.
    pub fn enterprise(&self) -> String {
        self.inner.permit().enterprise.name.clone()
    }

    /// The compiled outlets and their limits.
    pub fn outlets(&self) -> Vec<OutletInfo> {
        self.inner
            .outlets()
            .iter()
            .map(|o| OutletInfo {
                id: o.id.clone(),
                name: o.name.clone(),
                medium: serde_json::to_value(o.medium)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default(),
                time_zone: o.time_zone.clone(),
                limits: o
                    .limits
                    .iter()
                    .map(|l| LimitInfo {
                        rule_id: l.rule_id.clone(),
                        pollutant: l.pollutant.code.to_string(),
                        period: l.period.name().into_owned(),
                        max: l.max,
                        min: l.min,
                        unit: l.unit.symbol().to_string(),
                        ref_o2: l.ref_o2,
                    })
                    .collect(),
            })
            .collect()
    }

    /// Every pack the plan cites.
    pub fn packs(&self) -> Vec<PackRef> {
        self.inner.packs().iter().cloned().map(Into::into).collect()
    }

    /// Evaluates data given as CSV or JSON text.
    pub fn evaluate(
        &self,
        data: String,
        format: DataFormat,
        load: Option<LoadOptions>,
        options: Option<EvaluateOptions>,
    ) -> Result<Report> {
        let load: CoreLoad = load.map(Into::into).unwrap_or_default();
        let readings = ecorules::host::load_data(&data, format.into(), &load)?;
        let opts: ecorules::EvaluateOptions = options.map(Into::into).unwrap_or_default();
        self.inner.evaluate_with(&readings, &opts)?.try_into()
    }

    /// Every compiled rule (outlet by outlet in permit order): rule id, outlet, pollutant,
    /// period, limits in the data unit, reference O2, standard.
    pub fn rules(&self) -> Vec<RuleInfo> {
        ecorules::host::rules(&self.inner)
            .into_iter()
            .map(Into::into)
            .collect()
    }

    /// The judged windows of rule `rule_id` of `outlet` over data given as CSV or JSON text
    /// (e.g. the hourly averages for a chart), in time order; `permit.unknown_rule` if the
    /// plan has no such rule for that outlet.
    pub fn judged_windows(
        &self,
        data: String,
        format: DataFormat,
        outlet: String,
        rule_id: String,
        load: Option<LoadOptions>,
        options: Option<EvaluateOptions>,
    ) -> Result<Vec<WindowRow>> {
        let load: CoreLoad = load.map(Into::into).unwrap_or_default();
        let readings = ecorules::host::load_data(&data, format.into(), &load)?;
        let opts: ecorules::EvaluateOptions = options.map(Into::into).unwrap_or_default();
        let rows =
            ecorules::host::judged_windows(&self.inner, &readings, &outlet, &rule_id, &opts)?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    /// Evaluates data given as columns.
    pub fn evaluate_series(
        &self,
        series: Vec<Series>,
        duplicates: DuplicatePolicy,
        options: Option<EvaluateOptions>,
    ) -> Result<Report> {
        let policy = match duplicates {
            DuplicatePolicy::Error => CoreDup::Error,
            DuplicatePolicy::KeepLast => CoreDup::KeepLast,
        };
        let readings = readings_of(&series, policy)?;
        let opts: ecorules::EvaluateOptions = options.map(Into::into).unwrap_or_default();
        self.inner.evaluate_with(&readings, &opts)?.try_into()
    }
}

/// Columns to core readings (one frame per series).
pub(crate) fn readings_of(
    series: &[Series],
    policy: CoreDup,
) -> Result<ecorules::Readings<'static>> {
    let mut readings = ecorules::Readings::new();
    for s in series {
        let flags: Vec<u8> = if s.flags.is_empty() {
            vec![b'N'; s.time.len()]
        } else {
            s.flags.as_bytes().to_vec()
        };
        let r = ecorules::Readings::from_series(
            &s.outlet,
            &s.pollutant,
            &s.time,
            &s.values,
            &flags,
            policy,
        )?;
        readings.extend(r)?;
    }
    Ok(readings)
}

/// Default load options (duplicates refused, no naive zone).
#[uniffi::export]
pub fn default_load_options() -> LoadOptions {
    LoadOptions {
        duplicates: DuplicatePolicy::Error,
        naive_time_zone: None,
        source_name: None,
    }
}

/// Default evaluation options (whole data, findings on).
#[uniffi::export]
pub fn default_evaluate_options() -> EvaluateOptions {
    EvaluateOptions {
        from: None,
        to: None,
        findings: true,
    }
}
