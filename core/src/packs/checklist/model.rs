//! The checklist pack format (`rules/checklists/*.toml`).
//!
//! A checklist pack is **not** a limit pack ([`crate::packs::standard::model::Pack`]): it holds what an
//! inspector checks on site, not numbers. Each [`ItemSpec`] is either a *major* item (大项,
//! a heading such as "self-monitoring") or a *minor* item (小项) under one major item.
//! A minor item says to which parts of a permit it applies ([`Applies`]): once for the
//! permit, once per outlet, once per permitted pollutant of an outlet, once per monitoring
//! duty, or once per treatment facility. [`crate::inspect::generate`] expands the pack
//! against a compiled [`crate::Plan`] into the concrete list the inspector answers.
//!
//! Item texts may use the placeholders `{outlet}`, `{pollutant}` (Chinese or English name
//! by language), `{code}` (HJ 212 code), `{limit}`, `{unit}` and `{facility}`.

use crate::domain::pollutant::Medium;
use crate::packs::standard::model::SourceStatus;
use crate::report::{Message, Severity};
use serde::{Deserialize, Serialize};

/// The checklist schema version this library reads.
pub const CHECKLIST_SCHEMA_VERSION: u32 = 1;

/// A checklist pack.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChecklistPack {
    /// Format version; must equal [`CHECKLIST_SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Stable id, e.g. `cn-permit-dyeing`.
    pub id: String,
    /// Pack version (`YYYY.N` or semver-like dotted numbers); a loaded pack replaces an older one.
    pub version: String,
    /// Title.
    pub title: Message,
    /// Jurisdiction, e.g. `CN`.
    pub jurisdiction: String,
    /// Industry the list is written for.
    pub industry: Message,
    /// The guidance the list follows.
    pub source: ChecklistSource,
    /// Major and minor items, majors first in their order of inspection.
    pub items: Vec<ItemSpec>,
}

/// Where a checklist comes from and how far that was checked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChecklistSource {
    /// Document title and number.
    pub document: String,
    /// Issuing body.
    pub issuer: String,
    /// Where it was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// verified (official text read), secondary (a report of it read), unverified.
    pub status: SourceStatus,
    /// What the source does and does not support.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Major heading or minor check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    /// 大项: a heading; never answered itself.
    Major,
    /// 小项: one check under a major item.
    Minor,
}

/// The legal basis an item cites.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct ItemBasis {
    /// Law or regulation, e.g. `排污许可管理条例`.
    pub law: String,
    /// Article or clause.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article: Option<String>,
    /// How far the citation was checked against the official text.
    pub status: SourceStatus,
}

/// What a minor item is generated for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ForEach {
    /// Once for the whole permit.
    Permit,
    /// Once per outlet.
    Outlet,
    /// Once per permitted pollutant of an outlet (its concentration limit).
    Pollutant,
    /// Once per monitoring duty: a permitted pollutant of an outlet that must be monitored.
    Monitoring,
    /// Once per treatment facility named when the inspection starts.
    Facility,
}

/// To which parts of a permit an item applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Applies {
    /// The unit of generation.
    pub for_each: ForEach,
    /// Only outlets of this medium (air stacks or water outfalls).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub medium: Option<Medium>,
    /// Only these pollutants (codes or names); empty means all.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pollutants: Vec<String>,
}

/// One item of a checklist pack.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemSpec {
    /// Stable id within the pack, e.g. `3` (major) or `3.2` (minor).
    pub id: String,
    /// Major or minor.
    pub group: Group,
    /// The major item a minor item belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// What to check, zh and en (placeholders allowed).
    pub text: Message,
    /// Legal basis (minor items).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<ItemBasis>,
    /// Applicability (minor items; default: once per permit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applies: Option<Applies>,
    /// Severity of a non-compliant answer (minor items).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<Severity>,
}

/// The JSON Schema of a checklist pack (`rules/schema/checklist.schema.json`), pretty-printed.
pub fn checklist_schema() -> String {
    serde_json::to_string_pretty(&schemars::schema_for!(ChecklistPack)).unwrap_or_default()
}
