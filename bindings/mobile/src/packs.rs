//! Pack documents handed in by the app, and listings of the embedded and loaded packs.

use crate::error::Result;
use crate::records::{Message, SourceStatus};
use ecorules::{CatalogKind, SourceText};

/// A pack document (limit pack or checklist pack) the app loaded or downloaded.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PackDocument {
    /// File name (`.json` means JSON, otherwise TOML).
    pub name: String,
    /// The text.
    pub text: String,
    /// The published content hash; when given, a pack that does not match is refused.
    pub expected_hash: Option<String>,
}

/// The embedded packs of `kinds` plus `custom` packs of `kind` (verified where a hash is given).
fn catalog(
    kinds: &[CatalogKind],
    kind: CatalogKind,
    custom: &[PackDocument],
) -> Result<ecorules::Catalog> {
    let mut set = ecorules::Catalog::embedded_of(kinds)?;
    for d in custom {
        let src = SourceText::new(d.name.clone(), d.text.clone());
        match &d.expected_hash {
            Some(h) => set.add_verified(kind, &src, h)?,
            None => set.add(kind, &src)?,
        };
    }
    Ok(set)
}

/// The embedded standard and validity packs plus custom ones (verified where a hash is given).
pub(crate) fn pack_set(custom: &[PackDocument]) -> Result<ecorules::Catalog> {
    catalog(&[CatalogKind::Standard], CatalogKind::Standard, custom)
}

/// The embedded checklist packs plus custom ones (verified where a hash is given).
pub(crate) fn checklist_set(custom: &[PackDocument]) -> Result<ecorules::Catalog> {
    catalog(&[CatalogKind::Checklist], CatalogKind::Checklist, custom)
}

/// A pack of any kind in a listing.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PackInfo {
    /// Id.
    pub id: String,
    /// Version.
    pub version: String,
    /// Kind (`standard`, `method`, ...).
    pub kind: String,
    /// Title.
    pub title: String,
    /// Jurisdiction, where the kind has one.
    pub jurisdiction: Option<String>,
    /// Source standard.
    pub standard: String,
    /// Source status, where the kind records it.
    pub status: Option<SourceStatus>,
    /// Content hash.
    pub hash: String,
    /// Embedded in the library (not added by the app).
    pub embedded: bool,
    /// What the pack holds, by id (categories, conditions, rules, major items).
    pub entries: Vec<String>,
}

/// Lists every pack of the embedded catalog plus `custom` limit packs.
#[uniffi::export]
pub fn list_packs(custom: Vec<PackDocument>) -> Result<Vec<PackInfo>> {
    let set = catalog(&CatalogKind::ALL, CatalogKind::Standard, &custom)?;
    Ok(ecorules::host::list_packs(&set)
        .into_iter()
        .map(|p| PackInfo {
            id: p.id,
            version: p.version,
            kind: serde_json::to_value(p.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default(),
            title: p.title,
            jurisdiction: p.jurisdiction,
            standard: p.standard,
            status: p.status.map(Into::into),
            hash: p.hash,
            embedded: p.source == ecorules::PackSource::Embedded,
            entries: p.entries,
        })
        .collect())
}

/// Identity of a checklist pack.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ChecklistRef {
    /// Id.
    pub id: String,
    /// Version.
    pub version: String,
    /// Content hash.
    pub hash: String,
}

impl From<ecorules::ChecklistRef> for ChecklistRef {
    fn from(c: ecorules::ChecklistRef) -> Self {
        ChecklistRef {
            id: c.id,
            version: c.version,
            hash: c.hash,
        }
    }
}

/// A checklist pack in a listing.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ChecklistInfo {
    /// Id, version, hash.
    pub reference: ChecklistRef,
    /// Title.
    pub title: Message,
    /// Industry.
    pub industry: Message,
    /// Source document.
    pub source: String,
    /// Source status.
    pub status: SourceStatus,
    /// Major items.
    pub major_items: u32,
    /// Minor items (before expansion for a permit).
    pub minor_items: u32,
}

impl From<ecorules::ChecklistInfo> for ChecklistInfo {
    fn from(c: ecorules::ChecklistInfo) -> Self {
        ChecklistInfo {
            reference: c.reference.into(),
            title: c.title.into(),
            industry: c.industry.into(),
            source: c.source,
            status: c.status.into(),
            major_items: c.major_items,
            minor_items: c.minor_items,
        }
    }
}

/// Lists the embedded checklist packs plus `custom` (a downloaded pack replaces an older
/// one of the same id; a hash or schema-version mismatch is an `EcorulesError.Pack`).
#[uniffi::export]
pub fn list_checklists(custom: Vec<PackDocument>) -> Result<Vec<ChecklistInfo>> {
    Ok(checklist_set(&custom)?
        .checklists()
        .into_iter()
        .map(Into::into)
        .collect())
}
