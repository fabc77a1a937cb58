//! The warning-pack document (`rules/warnings/*.toml`).
//!
//! A pack is data, not code: each rule names who it applies to (the *subject*), a
//! condition in the rule language, how long it must hold, how it clears, and bilingual
//! message templates. The rule language is checked and compiled by `judge::warn`; this
//! module holds the document, the checks that need no language (size bound, schema version,
//! number of rules), its content hash, and the catalog's set of warning packs.

use crate::diag::error::{Error, ErrorKind, Result};
use crate::diag::source::SourceText;
use crate::domain::pollutant::Medium;
use crate::packs::catalog::{replacement, verify_hash, CatalogKind, Held};
use crate::packs::embedded::WARNINGS;
use crate::ErrorCode;
use serde::{Deserialize, Serialize};
use std::any::Any;
use std::sync::{Arc, OnceLock};

/// Most rules in one pack.
pub const MAX_RULES: usize = 1000;

/// A warning pack.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WarningPack {
    /// Document schema version; must be 1.
    pub schema_version: u32,
    /// Pack id, e.g. `cn-cems-warnings`.
    pub id: String,
    /// Pack version.
    pub version: String,
    /// Title.
    pub title: String,
    /// Where the rules come from.
    pub source: WarnSource,
    /// The rules.
    pub rules: Vec<WarnRule>,
}

/// The citation behind a pack.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WarnSource {
    /// Standard or guidance cited.
    pub standard: String,
    /// Clause.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clause: Option<String>,
    /// Free-text note on how the rules follow from the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The word a rule gives its alarms; [`Level::severity`] maps it onto the one scale.
pub use crate::domain::severity::Level;

/// What a rule produces.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Emit {
    /// Alarms that open and close.
    #[default]
    Alarm,
    /// Only counts the evaluations where the condition holds (see `Monitor::stats`).
    Count,
}

/// Kinds of enterprise record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    /// Self-monitoring ledger (自行监测台账/执行报告) due for submission.
    Ledger,
    /// An approval (审批) with a statutory time limit.
    Approval,
    /// A rectification order (整改) with a deadline.
    Rectification,
}

/// Which pollutants a series rule applies to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum PollutantSelector {
    /// `"limited"`: every pollutant the permit limits at the outlet.
    Keyword(String),
    /// Named pollutants.
    List(Vec<String>),
}

/// Who a rule applies to.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Subject {
    /// Only outlets of this kind (`air`, `water`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet_kind: Option<Medium>,
    /// Only these outlet ids.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlets: Option<Vec<String>>,
    /// One instance per pollutant; the expression calls it `x`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pollutants: Option<PollutantSelector>,
    /// One instance per enterprise record of this kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub records: Option<RecordKind>,
    /// One instance for the permit (deadline rules on `valid_to()`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub permit: bool,
}

/// Message templates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Messages {
    /// Chinese.
    pub zh: String,
    /// English.
    pub en: String,
}

/// One warning rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WarnRule {
    /// Rule id, unique in the pack.
    pub id: String,
    /// `info`, `warning` or `critical` (mapped onto the finding severity low, medium, high).
    pub severity: Level,
    /// Who it applies to.
    #[serde(default)]
    pub subject: Subject,
    /// The condition, optionally ending in `for 15m` / `for 3 consecutive`.
    pub when: String,
    /// Hysteresis: once open, the alarm closes only when this holds (default: when `when` stops holding).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clear: Option<String>,
    /// The value whose maximum an alarm reports as peak (default: the left side of the first comparison).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub peak: Option<String>,
    /// Alarms or counts.
    #[serde(default)]
    pub emit: Emit,
    /// Emit an `updated` event whenever an open alarm's peak rises.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub updates: bool,
    /// Message templates.
    pub message: Messages,
    /// What the rule is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// Parses a warning-pack document and runs the checks that need no rule language: the size
/// bound, the schema version and the number of rules.
pub fn parse_warning_doc(src: &SourceText) -> Result<WarningPack> {
    crate::packs::catalog::check_size(src, "warning pack")?;
    let pack: WarningPack = src.parse(ErrorKind::Pack)?;
    let fail = |e: Error| src.locate(e);
    if pack.schema_version != 1 {
        return Err(fail(
            Error::pack(
                ErrorCode::PackSchemaVersion,
                format!(
                    "unsupported warning-pack schema_version {}",
                    pack.schema_version
                ),
            )
            .with_path("schema_version")
            .with_help("this engine reads schema_version = 1"),
        ));
    }
    if pack.rules.len() > MAX_RULES {
        return Err(fail(
            Error::new(
                ErrorCode::LimitTooManyRules,
                format!(
                    "{} rules, more than the bound of {MAX_RULES}",
                    pack.rules.len()
                ),
            )
            .with_path("rules"),
        ));
    }
    Ok(pack)
}

/// The compiled form of a warning pack, as the warning language leaves it in the catalog.
/// The catalog sits on a floor below the language, so it stores the compiled rules without
/// naming their type; `judge::warn` reads them back.
pub type CompiledSlot = Arc<dyn Any + Send + Sync>;

/// A warning pack in the catalog: the checked document, its source (expression errors point
/// into it), its content hash, and the rules compiled once, on first use.
#[derive(Debug)]
pub struct LoadedWarning {
    pack: WarningPack,
    src: SourceText,
    hash: String,
    embedded: bool,
    compiled: OnceLock<CompiledSlot>,
}

impl LoadedWarning {
    /// Reads a document (size bound, schema version, number of rules) and hashes it.
    pub fn parse(src: &SourceText) -> Result<LoadedWarning> {
        let pack = parse_warning_doc(src)?;
        Ok(LoadedWarning {
            hash: crate::packs::catalog::content_hash(&pack),
            pack,
            src: src.clone(),
            embedded: false,
            compiled: OnceLock::new(),
        })
    }

    /// Id.
    pub fn id(&self) -> &str {
        &self.pack.id
    }

    /// The document.
    pub fn pack(&self) -> &WarningPack {
        &self.pack
    }

    /// The text it was read from.
    pub fn source(&self) -> &SourceText {
        &self.src
    }

    /// `sha256:<hex>` of the canonical JSON form.
    pub fn hash(&self) -> &str {
        &self.hash
    }

    /// Whether it ships with the library.
    pub fn is_embedded(&self) -> bool {
        self.embedded
    }

    /// The compiled rules, compiling them with `compile` the first time.
    pub(crate) fn compiled_with(
        &self,
        compile: impl FnOnce(&SourceText, &WarningPack) -> Result<CompiledSlot>,
    ) -> Result<CompiledSlot> {
        if let Some(c) = self.compiled.get() {
            return Ok(Arc::clone(c));
        }
        let c = compile(&self.src, &self.pack)?;
        Ok(Arc::clone(self.compiled.get_or_init(|| c)))
    }

    fn held(&self) -> Held<'_> {
        Held {
            id: &self.pack.id,
            version: &self.pack.version,
            embedded: self.embedded,
        }
    }
}

/// The warning packs of a catalog.
#[derive(Debug, Clone, Default)]
pub struct WarningSet {
    packs: Vec<Arc<LoadedWarning>>,
}

impl WarningSet {
    /// The packs compiled into the library.
    pub fn embedded() -> Result<Self> {
        let mut set = WarningSet::default();
        for (name, text) in WARNINGS {
            let mut p = LoadedWarning::parse(&SourceText::new(*name, *text))?;
            p.embedded = true;
            set.packs.push(Arc::new(p));
        }
        Ok(set)
    }

    /// Adds a pack under the catalog's replacement rule; with `expected`, the pack must have
    /// that content hash.
    pub(crate) fn add(
        &mut self,
        src: &SourceText,
        expected: Option<&str>,
    ) -> Result<&Arc<LoadedWarning>> {
        let p = LoadedWarning::parse(src)?;
        if let Some(h) = expected {
            verify_hash("warning pack", &p.pack.id, &p.hash, h, src.name())?;
        }
        if let Some(i) = self.packs.iter().position(|q| q.pack.id == p.pack.id) {
            if let Some(old) = self.packs.get(i) {
                replacement(CatalogKind::Warning, old.held(), p.held(), src.name())?;
            }
            self.packs.remove(i);
        }
        self.packs.push(Arc::new(p));
        self.packs
            .last()
            .ok_or_else(|| Error::internal(ErrorCode::InternalBug, "warning pack vanished"))
    }

    /// A pack by id.
    pub fn get(&self, id: &str) -> Option<&Arc<LoadedWarning>> {
        self.packs.iter().find(|p| p.pack.id == id)
    }

    /// Every pack.
    pub fn iter(&self) -> impl Iterator<Item = &Arc<LoadedWarning>> {
        self.packs.iter()
    }
}
