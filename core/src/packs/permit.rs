//! The discharge permit: who may emit what, where, up to which limits.
//!
//! A Chinese 排污许可证 lists, per outlet (排放口, e.g. `DA001` for a stack, `DW001` for a
//! wastewater outfall), the pollutants with their permitted concentration limits, usually by
//! citing a national standard and the category the unit falls in, sometimes with a stricter
//! explicit number (ultra-low emission, a local standard). [`Permit`] is that document in
//! TOML or JSON; [`crate::plan::Plan::compile`] checks every citation once.

use crate::domain::period::Period;
use crate::domain::pollutant::Medium;
use crate::domain::units::Unit;
use crate::packs::standard::model::Rounding;
use serde::{Deserialize, Serialize};

/// A discharge permit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Permit {
    /// Permit number.
    pub id: String,
    /// The permitted enterprise.
    pub enterprise: Enterprise,
    /// First day the permit is valid (`YYYY-MM-DD`, local) or an instant with offset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<String>,
    /// Last day the permit is valid (`YYYY-MM-DD`, inclusive) or an instant with offset (exclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_to: Option<String>,
    /// Default time zone of the outlets (IANA name); `Asia/Shanghai` if omitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    /// The outlets.
    pub outlets: Vec<Outlet>,
}

/// The permitted enterprise.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Enterprise {
    /// Unified social credit code or another id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Name.
    pub name: String,
    /// Industry (free text, e.g. `thermal power`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub industry: Option<String>,
}

/// A permitted outlet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Outlet {
    /// Outlet id as in the data (`DA001`).
    pub id: String,
    /// Name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Air (stack) or water (outfall).
    pub kind: Medium,
    /// Time zone, if different from the permit's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    /// Default standard for this outlet's limits: `<pack>/<category>`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standard: Option<String>,
    /// Validity pack id, overriding the standard's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validity_pack: Option<String>,
    /// Permitted limits.
    pub limits: Vec<PermitLimit>,
}

/// One permitted limit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PermitLimit {
    /// Pollutant code or name.
    pub pollutant: String,
    /// Standard cited for this limit (`<pack>/<category>`), overriding the outlet's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standard: Option<String>,
    /// Explicit upper limit, overriding the standard's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// Explicit lower limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    /// Unit of explicit values (default: the standard's, else the pollutant's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<Unit>,
    /// Periods judged (default: the standard's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub periods: Option<Vec<Period>>,
    /// Reference O2 in %, overriding the standard's category.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ref_o2: Option<f64>,
    /// The data are already corrected to the reference O2 (HJ 212 `ZsAvg` values).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub data_corrected: bool,
    /// Rounding before comparison, overriding the standard's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rounding: Option<Rounding>,
    /// Where in the permit the limit is written (for explicit values).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clause: Option<String>,
    /// First day this limit is in force (`YYYY-MM-DD`, local), e.g. a renewed permit's new limit.
    /// A limit with an effective range gets the rule id `…/<period>@<from>`; windows outside
    /// the range are not judged against it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective_from: Option<String>,
    /// Last day this limit is in force (inclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective_to: Option<String>,
    /// Further limits a compliance method reads by name, in the limit's unit
    /// (e.g. `half_hour_b` for IED Annex VI column B).
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub method_limits: std::collections::BTreeMap<String, f64>,
    /// Annual permitted mass of this outlet and pollutant (年许可排放量, t/a), judged by the
    /// `mass_cap` compliance method. Enterprise-wide caps over several outlets are given to
    /// the assessment as `Records::caps`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annual_cap_t: Option<f64>,
}

/// An annual permitted mass (许可排放量) of one pollutant over one or more outlets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MassCap {
    /// Pollutant code or name.
    pub pollutant: String,
    /// Tonnes per year.
    pub t_per_year: f64,
    /// Outlets counted (default: every outlet with data for the pollutant).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outlets: Vec<String>,
    /// Where in the permit the cap is written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clause: Option<String>,
}
