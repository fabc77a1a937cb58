//! Loading checklist packs: parse, validate, hash; the embedded set and run-time updates.
//!
//! An inspector's phone is often offline, so the checklists ship inside the library
//! ([`EMBEDDED`]). When the app has signal it may download a newer pack; it must load it
//! with [`Catalog::add_verified`](crate::packs::catalog::Catalog::add_verified) and the published content hash, so a damaged or
//! tampered file is refused. The hash is `sha256:` of the pack's canonical JSON form, the
//! same scheme as limit packs ([`crate::packs::catalog::content_hash`]). A pack written for another
//! schema version is refused too, and so is a pack that is not newer than the one it would
//! replace.

pub mod model;

use crate::diag::error::{Error, ErrorKind, Result};
use crate::diag::source::SourceText;
use crate::domain::pollutant::Pollutant;
use crate::packs::catalog::{replacement, suggest, verify_hash, CatalogKind, Held};
use crate::ErrorCode;
use model::{ChecklistPack, Group, CHECKLIST_SCHEMA_VERSION};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// (file name, TOML text) of every embedded checklist pack.
pub use crate::packs::embedded::CHECKLISTS as EMBEDDED;

/// A validated checklist pack with its content hash.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedChecklist {
    pack: ChecklistPack,
    hash: String,
    origin: String,
}

impl LoadedChecklist {
    /// The pack.
    pub fn pack(&self) -> &ChecklistPack {
        &self.pack
    }

    /// `sha256:<hex>` of the canonical JSON form.
    pub fn hash(&self) -> &str {
        &self.hash
    }

    /// File name, or `embedded:<file>`.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// Identity as findings cite it.
    pub fn reference(&self) -> ChecklistRef {
        ChecklistRef {
            id: self.pack.id.clone(),
            version: self.pack.version.clone(),
            hash: self.hash.clone(),
        }
    }
}

/// Identity of a checklist pack (id, version, content hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct ChecklistRef {
    /// Pack id.
    pub id: String,
    /// Pack version.
    pub version: String,
    /// Content hash.
    pub hash: String,
}

/// Summary of a checklist pack, for listings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct ChecklistInfo {
    /// Id, version and hash.
    #[serde(flatten)]
    pub reference: ChecklistRef,
    /// Title.
    pub title: crate::report::Message,
    /// Industry.
    pub industry: crate::report::Message,
    /// Source document.
    pub source: String,
    /// How far the source was checked.
    pub status: crate::packs::standard::model::SourceStatus,
    /// Number of major items.
    pub major_items: u32,
    /// Number of minor items (before expansion for a permit).
    pub minor_items: u32,
}

/// `sha256:<hex>` of a checklist pack's canonical JSON serialisation.
pub fn checklist_hash(pack: &ChecklistPack) -> String {
    crate::packs::catalog::content_hash(pack)
}

/// Parses and validates a checklist pack document (TOML or JSON).
pub fn parse_checklist(src: &SourceText) -> Result<LoadedChecklist> {
    crate::packs::catalog::check_size(src, "checklist pack")?;
    let pack: ChecklistPack = src.parse(ErrorKind::Pack)?;
    validate(&pack).map_err(|e| src.locate(e))?;
    Ok(LoadedChecklist {
        hash: checklist_hash(&pack),
        pack,
        origin: src.name().to_string(),
    })
}

fn validate(p: &ChecklistPack) -> Result<()> {
    if p.schema_version != CHECKLIST_SCHEMA_VERSION {
        return Err(Error::pack(
            ErrorCode::PackSchemaVersion,
            format!(
                "checklist schema version {} is not supported; this library reads version {CHECKLIST_SCHEMA_VERSION}",
                p.schema_version
            ),
        )
        .with_path("schema_version")
        .with_help("update the app's library, or download the pack written for this version"));
    }
    if p.id.is_empty()
        || !p
            .id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.')
    {
        return Err(Error::pack(
            ErrorCode::PackBadId,
            format!(
                "checklist id `{}` must be lower-case letters, digits, `-` or `.`",
                p.id
            ),
        )
        .with_path("id"));
    }
    if version_key(&p.version).is_none() {
        return Err(Error::pack(
            ErrorCode::PackBadVersion,
            format!(
                "version `{}` must be dotted numbers such as `2024.1`",
                p.version
            ),
        )
        .with_path("version"));
    }
    let mut majors = 0u32;
    for (i, item) in p.items.iter().enumerate() {
        let path = format!("items[{i}]");
        if p.items.iter().take(i).any(|q| q.id == item.id) {
            return Err(Error::pack(
                ErrorCode::PackDuplicateItem,
                format!("item `{}` appears twice", item.id),
            )
            .with_path(format!("{path}.id")));
        }
        match item.group {
            Group::Major => {
                majors += 1;
                if item.parent.is_some() || item.applies.is_some() {
                    return Err(Error::pack(
                        ErrorCode::PackMajorItemFields,
                        format!("major item `{}` takes no `parent` or `applies`", item.id),
                    )
                    .with_path(path));
                }
            }
            Group::Minor => {
                let parent = item.parent.as_deref().unwrap_or("");
                let ok = p
                    .items
                    .iter()
                    .take(i)
                    .any(|q| q.id == parent && q.group == Group::Major);
                if !ok {
                    return Err(Error::pack(
                        ErrorCode::PackBadParent,
                        format!(
                            "minor item `{}` must name an earlier major item as `parent`, not `{parent}`",
                            item.id
                        ),
                    )
                    .with_path(format!("{path}.parent")));
                }
                if item.basis.is_none() || item.severity.is_none() {
                    return Err(Error::pack(
                        ErrorCode::PackMinorItemFields,
                        format!("minor item `{}` needs `basis` and `severity`", item.id),
                    )
                    .with_path(path));
                }
                if let Some(a) = &item.applies {
                    for (k, name) in a.pollutants.iter().enumerate() {
                        if Pollutant::lookup(name).is_none() {
                            return Err(Error::pack(
                                ErrorCode::PackUnknownPollutant,
                                format!("unknown pollutant `{name}`"),
                            )
                            .with_path(format!("{path}.applies.pollutants[{k}]"))
                            .with_help_opt(
                                crate::diag::suggest::did_you_mean(Pollutant::suggest(name)),
                            ));
                        }
                    }
                }
            }
        }
    }
    if majors == 0 {
        return Err(
            Error::pack(ErrorCode::PackNoItems, "the checklist has no major items")
                .with_path("items"),
        );
    }
    Ok(())
}

/// Dotted numeric version as a comparable key (`2024.10` > `2024.9`).
pub(crate) fn version_key(v: &str) -> Option<Vec<u64>> {
    v.split('.').map(|p| p.parse::<u64>().ok()).collect()
}

/// The checklist packs an inspection may use.
#[derive(Debug, Clone)]
pub struct ChecklistSet {
    packs: Vec<Arc<LoadedChecklist>>,
}

impl ChecklistSet {
    /// No packs.
    pub fn empty() -> Self {
        ChecklistSet { packs: Vec::new() }
    }

    /// The packs compiled into the library.
    pub fn embedded() -> Result<Self> {
        let mut set = ChecklistSet::empty();
        for (name, text) in EMBEDDED {
            let mut p = parse_checklist(&SourceText::new(name.to_string(), *text))?;
            p.origin = format!("embedded:{name}");
            set.packs.push(Arc::new(p));
        }
        Ok(set)
    }

    /// Adds a pack under the catalog's replacement rule (for checklists: only a newer
    /// version replaces a loaded pack of the same id); with `expected`, the pack must have
    /// that content hash (a downloaded pack must match the published one).
    pub(crate) fn add(
        &mut self,
        src: &SourceText,
        expected: Option<&str>,
    ) -> Result<&LoadedChecklist> {
        let p = parse_checklist(src)?;
        if let Some(h) = expected {
            verify_hash("checklist", &p.pack.id, &p.hash, h, src.name())?;
        }
        if let Some(i) = self.packs.iter().position(|q| q.pack.id == p.pack.id) {
            if let Some(old) = self.packs.get(i) {
                replacement(CatalogKind::Checklist, held(old), held(&p), src.name())?;
            }
            self.packs.remove(i);
        }
        self.packs.push(Arc::new(p));
        self.packs
            .last()
            .map(|a| a.as_ref())
            .ok_or_else(|| Error::internal(ErrorCode::InternalBug, "checklist vanished"))
    }

    /// All packs.
    pub fn packs(&self) -> impl Iterator<Item = &LoadedChecklist> {
        self.packs.iter().map(|a| a.as_ref())
    }

    /// A pack by id, or an error with a "did you mean".
    pub fn get(&self, id: &str) -> Result<&Arc<LoadedChecklist>> {
        self.packs.iter().find(|p| p.pack.id == id).ok_or_else(|| {
            Error::pack(
                ErrorCode::PackUnknownChecklist,
                format!("unknown checklist `{id}`"),
            )
            .with_help_opt(suggest(id, self.packs.iter().map(|p| p.pack.id.as_str())))
        })
    }

    /// Listing of every pack.
    pub fn list(&self) -> Vec<ChecklistInfo> {
        self.packs()
            .map(|p| {
                let count = |g: Group| {
                    u32::try_from(p.pack.items.iter().filter(|i| i.group == g).count())
                        .unwrap_or(u32::MAX)
                };
                ChecklistInfo {
                    reference: p.reference(),
                    title: p.pack.title.clone(),
                    industry: p.pack.industry.clone(),
                    source: p.pack.source.document.clone(),
                    status: p.pack.source.status,
                    major_items: count(Group::Major),
                    minor_items: count(Group::Minor),
                }
            })
            .collect()
    }
}

fn held(p: &LoadedChecklist) -> Held<'_> {
    Held {
        id: &p.pack.id,
        version: &p.pack.version,
        embedded: p.origin.starts_with("embedded:"),
    }
}
