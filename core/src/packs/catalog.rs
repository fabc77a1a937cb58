//! The catalog: every rule pack the library knows, of every kind, in one place.
//!
//! A verdict is only as good as the rules it was judged by, so every pack — an emission
//! standard, a data-validity pack (HJ 75/76), a compliance method (EU IED, US NPDES, ...), a
//! warning pack or an inspection checklist — goes through the same door:
//!
//! - **embedded**: every `rules/<kind>/*.toml` is compiled into the library by `core/build.rs`
//!   (adding a pack is adding a file), so WebAssembly and mobile hosts work offline;
//! - **bounded**: a pack document larger than [`MAX_PACK_BYTES`] is refused before parsing;
//! - **hashed**: every pack carries `sha256:` of its canonical JSON form ([`content_hash`]), which
//!   findings cite and [`Catalog::add_verified`] checks against a published hash;
//! - **replaced** by one rule (`replacement`): a custom pack may take the id of an embedded
//!   one (a bureau's own edition of a standard); a second custom pack of an id already taken
//!   by a custom pack is refused. Two kinds keep a documented variation: compliance methods
//!   replace any pack of their id (a method pack is a parameter set, and hosts re-add it per
//!   call), and a checklist replaces another only with a newer version, because inspectors'
//!   phones download updates and must never step back to an older list;
//! - **suggested**: an unknown id gets one "did you mean" (`suggest`).
//!
//! Standards and validity packs share one document format and one id space (a permit cites
//! either by id); the document's `kind` field says which it is.
//!
//! Warning packs are compiled once per catalog entry: the catalog keeps the checked document
//! and a slot (`LoadedWarning`) in which the warning language (`judge::warn`, a floor above
//! this one) leaves the compiled rules the first time they are asked for.

use crate::diag::error::{Error, Result};
use crate::diag::source::SourceText;
use crate::packs::checklist::{ChecklistInfo, ChecklistSet, LoadedChecklist};
use crate::packs::method::{LoadedMethod, MethodSet};
use crate::packs::standard::model::PackKind;
use crate::packs::standard::{LoadedPack, PackSet};
use crate::packs::warning::{LoadedWarning, WarningSet};
use crate::ErrorCode;
use serde::{Deserialize, Serialize};
use sha2::Digest;
use std::sync::Arc;

/// Largest accepted pack text, in bytes (every kind).
pub const MAX_PACK_BYTES: usize = 1 << 20;

/// The kinds of pack the catalog holds (one folder of `rules/` each).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[non_exhaustive]
pub enum CatalogKind {
    /// Emission limits of a standard (`rules/standards/`).
    Standard,
    /// Data-validity rules of a monitoring standard (`rules/validity/`).
    Validity,
    /// A compliance method (`rules/methods/`).
    Method,
    /// Early-warning rules (`rules/warnings/`).
    Warning,
    /// An inspection checklist (`rules/checklists/`).
    Checklist,
}

impl CatalogKind {
    /// Every kind, in listing order.
    pub const ALL: [CatalogKind; 5] = [
        CatalogKind::Standard,
        CatalogKind::Validity,
        CatalogKind::Method,
        CatalogKind::Warning,
        CatalogKind::Checklist,
    ];

    /// The name used on the wire and in messages (`standard`, `validity`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            CatalogKind::Standard => "standard",
            CatalogKind::Validity => "validity",
            CatalogKind::Method => "method",
            CatalogKind::Warning => "warning",
            CatalogKind::Checklist => "checklist",
        }
    }

    fn of(kind: PackKind) -> Self {
        match kind {
            PackKind::Standard => CatalogKind::Standard,
            PackKind::Validity => CatalogKind::Validity,
        }
    }
}

/// Where a pack came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[non_exhaustive]
pub enum PackSource {
    /// Compiled into the library from `rules/`.
    Embedded,
    /// Added at run time.
    Custom,
}

impl PackSource {
    fn of(embedded: bool) -> Self {
        if embedded {
            PackSource::Embedded
        } else {
            PackSource::Custom
        }
    }
}

/// One entry of a catalog listing: the same shape for every kind of pack.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
#[non_exhaustive]
pub struct PackInfo {
    /// Id.
    pub id: String,
    /// Kind.
    pub kind: CatalogKind,
    /// Version.
    pub version: String,
    /// Title (English where the pack has two).
    pub title: String,
    /// Content hash, `sha256:<hex>`.
    pub hash: String,
    /// Embedded or custom.
    pub source: PackSource,
    /// Jurisdiction (`CN`, `EU`, `US`), where the kind has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jurisdiction: Option<String>,
    /// The standard or document the pack follows.
    pub standard: String,
    /// How far that source was checked, where the kind records it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<crate::packs::standard::model::SourceStatus>,
    /// What the pack holds, by id: categories of a standard, conditions of a method, rules of
    /// a warning pack, major items of a checklist.
    pub entries: Vec<String>,
}

/// Refuses a pack document larger than [`MAX_PACK_BYTES`] before parsing it.
pub fn check_size(src: &SourceText, what: &str) -> Result<()> {
    if src.text().len() > MAX_PACK_BYTES {
        return Err(Error::new(
            ErrorCode::LimitPackTooLarge,
            format!(
                "{what} is {} bytes, more than the bound of {MAX_PACK_BYTES}",
                src.text().len()
            ),
        )
        .with_file(src.name()));
    }
    Ok(())
}

/// `sha256:<hex>` of a document's canonical JSON serialisation: the content hash every kind
/// of pack carries and findings cite.
pub fn content_hash<T: serde::Serialize>(doc: &T) -> String {
    let json = serde_json::to_vec(doc).unwrap_or_default();
    let digest = sha2::Sha256::digest(&json);
    let mut s = String::with_capacity(71);
    s.push_str("sha256:");
    for b in digest.iter() {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

/// Refuses a pack whose content hash is not the published one.
pub(crate) fn verify_hash(
    what: &str,
    id: &str,
    hash: &str,
    expected: &str,
    file: &str,
) -> Result<()> {
    if hash == expected {
        return Ok(());
    }
    Err(Error::pack(
        ErrorCode::PackHashMismatch,
        format!("{what} `{id}` has hash {hash}, expected {expected}"),
    )
    .with_file(file)
    .with_help("the file was changed or damaged after it was published; download it again"))
}

/// A pack already held, or one about to be added, as the replacement rule sees it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Held<'a> {
    /// Id.
    pub id: &'a str,
    /// Version.
    pub version: &'a str,
    /// Compiled into the library.
    pub embedded: bool,
}

/// The one replacement rule: may `new` (from file `file`) take the place of `old`, which holds
/// the same id? `Ok(())` means replace; an error says why not.
///
/// - standards, validity and warning packs: a custom pack replaces an embedded one; a second
///   custom pack of the same id is refused (`pack.duplicate_pack`);
/// - compliance methods: any method pack replaces the one of its id;
/// - checklists: only a newer version replaces (`pack.not_newer`), embedded or not.
pub(crate) fn replacement(
    kind: CatalogKind,
    old: Held<'_>,
    new: Held<'_>,
    file: &str,
) -> Result<()> {
    match kind {
        CatalogKind::Method => Ok(()),
        CatalogKind::Checklist => {
            let key = crate::packs::checklist::version_key;
            if key(new.version) <= key(old.version) {
                return Err(Error::pack(
                    ErrorCode::PackNotNewer,
                    format!(
                        "checklist `{}` version {} is not newer than the loaded version {}",
                        new.id, new.version, old.version
                    ),
                )
                .with_file(file)
                .with_path("version"));
            }
            Ok(())
        }
        CatalogKind::Standard | CatalogKind::Validity | CatalogKind::Warning => {
            if old.embedded {
                return Ok(());
            }
            Err(Error::pack(
                ErrorCode::PackDuplicatePack,
                format!("pack `{}` is loaded twice", new.id),
            )
            .with_file(file))
        }
    }
}

/// The one "did you mean" for an unknown pack id: the closest of `ids`, if any is close.
pub fn suggest<'a>(id: &str, ids: impl IntoIterator<Item = &'a str>) -> Option<String> {
    crate::diag::suggest::did_you_mean(crate::diag::suggest::closest(id, ids))
}

/// Every pack a plan, an assessment, a monitor or an inspection may use: the embedded packs
/// of every kind plus the custom ones added at run time. Cheap to clone (entries are shared).
#[derive(Debug, Clone)]
pub struct Catalog {
    standards: PackSet,
    methods: MethodSet,
    warnings: WarningSet,
    checklists: ChecklistSet,
}

impl Default for Catalog {
    fn default() -> Self {
        Catalog::empty()
    }
}

impl Catalog {
    /// No packs at all.
    pub fn empty() -> Self {
        Catalog {
            standards: PackSet::empty(),
            methods: MethodSet::default(),
            warnings: WarningSet::default(),
            checklists: ChecklistSet::empty(),
        }
    }

    /// The packs compiled into the library, of every kind.
    pub fn embedded() -> Result<Self> {
        Catalog::embedded_of(&CatalogKind::ALL)
    }

    /// The embedded packs of the given kinds only (the other kinds stay empty), for a caller
    /// that needs no more: compiling a permit reads standards and validity packs and need not
    /// parse every checklist. `Standard` and `Validity` each bring both (one id space).
    pub fn embedded_of(kinds: &[CatalogKind]) -> Result<Self> {
        let mut c = Catalog::empty();
        let has = |k: CatalogKind| kinds.contains(&k);
        if has(CatalogKind::Standard) || has(CatalogKind::Validity) {
            c.standards = PackSet::embedded()?;
        }
        if has(CatalogKind::Method) {
            c.methods = MethodSet::embedded()?;
        }
        if has(CatalogKind::Warning) {
            c.warnings = WarningSet::embedded()?;
        }
        if has(CatalogKind::Checklist) {
            c.checklists = ChecklistSet::embedded()?;
        }
        Ok(c)
    }

    /// The embedded standard and validity packs plus custom ones (name, TOML or JSON text),
    /// added in order: what compiling a permit needs. Other kinds stay empty.
    pub fn with_standards(custom: &[(String, String)]) -> Result<Self> {
        let mut c = Catalog::embedded_of(&[CatalogKind::Standard])?;
        c.add_all(CatalogKind::Standard, custom)?;
        Ok(c)
    }

    /// Adds custom packs of `kind` (name, TOML or JSON text), in order.
    pub fn add_all(&mut self, kind: CatalogKind, docs: &[(String, String)]) -> Result<()> {
        for (name, text) in docs {
            self.add(kind, &SourceText::new(name.clone(), text.clone()))?;
        }
        Ok(())
    }

    /// Adds a custom pack of `kind` (TOML or JSON) under the catalog's one replacement rule
    /// (see the module documentation).
    /// Standards and validity packs are one id space: either kind adds either document.
    pub fn add(&mut self, kind: CatalogKind, src: &SourceText) -> Result<PackInfo> {
        self.insert(kind, src, None)
    }

    /// Adds a pack that must have the published content hash (for apps that download packs).
    pub fn add_verified(
        &mut self,
        kind: CatalogKind,
        src: &SourceText,
        expected_hash: &str,
    ) -> Result<PackInfo> {
        self.insert(kind, src, Some(expected_hash))
    }

    fn insert(
        &mut self,
        kind: CatalogKind,
        src: &SourceText,
        expected: Option<&str>,
    ) -> Result<PackInfo> {
        Ok(match kind {
            CatalogKind::Standard | CatalogKind::Validity => {
                standard_info(self.standards.add(src, expected)?)
            }
            CatalogKind::Method => method_info(self.methods.add(src, expected)?),
            CatalogKind::Warning => warning_info(self.warnings.add(src, expected)?),
            CatalogKind::Checklist => checklist_info(self.checklists.add(src, expected)?),
        })
    }

    /// Every pack, kind by kind (standards and validity packs in load order, then methods,
    /// warning packs, checklists).
    pub fn list(&self) -> Vec<PackInfo> {
        let mut out: Vec<PackInfo> = self.standards.packs().map(standard_info).collect();
        out.extend(self.methods.iter().map(method_info));
        out.extend(self.warnings.iter().map(warning_info));
        out.extend(self.checklists.packs().map(checklist_info));
        out
    }

    /// The packs of one kind.
    pub fn list_kind(&self, kind: CatalogKind) -> Vec<PackInfo> {
        self.list().into_iter().filter(|p| p.kind == kind).collect()
    }

    /// The ids of one kind (what "did you mean" chooses from).
    pub fn ids(&self, kind: CatalogKind) -> Vec<&str> {
        match kind {
            CatalogKind::Standard | CatalogKind::Validity => self
                .standards
                .packs()
                .filter(|p| CatalogKind::of(p.pack().kind) == kind)
                .map(|p| p.pack().id.as_str())
                .collect(),
            CatalogKind::Method => self.methods.iter().map(|m| m.pack.id.as_str()).collect(),
            CatalogKind::Warning => self.warnings.iter().map(|w| w.id()).collect(),
            CatalogKind::Checklist => self
                .checklists
                .packs()
                .map(|c| c.pack().id.as_str())
                .collect(),
        }
    }

    /// A standard or validity pack by id.
    pub fn standard(&self, id: &str) -> Option<&Arc<LoadedPack>> {
        self.standards.get(id)
    }

    /// A compliance-method pack by id.
    pub fn method(&self, id: &str) -> Option<&LoadedMethod> {
        self.methods.get(id)
    }

    /// A checklist by id, or an error with a "did you mean".
    pub fn checklist(&self, id: &str) -> Result<&Arc<LoadedChecklist>> {
        self.checklists.get(id)
    }

    /// The listing of every checklist, with its item counts.
    pub fn checklists(&self) -> Vec<ChecklistInfo> {
        self.checklists.list()
    }

    /// A warning pack by id, or `pack.unknown_pack` with a "did you mean" (or, when no id is
    /// close, the list of warning packs).
    pub fn warning(&self, id: &str) -> Result<&Arc<LoadedWarning>> {
        self.warnings.get(id).ok_or_else(|| {
            let ids = self.ids(CatalogKind::Warning);
            let help = suggest(id, ids.iter().copied())
                .unwrap_or_else(|| format!("embedded warning packs: {}", ids.join(", ")));
            Error::pack(
                ErrorCode::PackUnknownPack,
                format!("no embedded warning pack `{id}`"),
            )
            .with_help(help)
        })
    }

    /// Every warning pack.
    pub fn warnings(&self) -> impl Iterator<Item = &Arc<LoadedWarning>> {
        self.warnings.iter()
    }

    /// The standard and validity packs (plan compilation resolves citations here).
    pub(crate) fn standard_set(&self) -> &PackSet {
        &self.standards
    }

    /// The compliance-method packs.
    pub(crate) fn method_set(&self) -> &MethodSet {
        &self.methods
    }
}

fn standard_info(p: &LoadedPack) -> PackInfo {
    let d = p.pack();
    PackInfo {
        id: d.id.clone(),
        kind: CatalogKind::of(d.kind),
        version: d.version.clone(),
        title: d.title.clone(),
        hash: p.hash().to_string(),
        source: PackSource::of(p.is_embedded()),
        jurisdiction: Some(d.jurisdiction.clone()),
        standard: d.source.standard.clone(),
        status: Some(d.source.status),
        entries: d.categories.iter().map(|c| c.id.clone()).collect(),
    }
}

fn method_info(m: &LoadedMethod) -> PackInfo {
    let d = &m.pack;
    PackInfo {
        id: d.id.clone(),
        kind: CatalogKind::Method,
        version: d.version.clone(),
        title: d.title.clone(),
        hash: m.hash.clone(),
        source: PackSource::of(m.is_embedded()),
        jurisdiction: Some(d.jurisdiction.clone()),
        standard: d.source.standard.clone(),
        status: Some(d.source.status),
        entries: d.conditions.iter().map(|c| c.id.clone()).collect(),
    }
}

fn warning_info(w: &Arc<LoadedWarning>) -> PackInfo {
    let d = w.pack();
    PackInfo {
        id: d.id.clone(),
        kind: CatalogKind::Warning,
        version: d.version.clone(),
        title: d.title.clone(),
        hash: w.hash().to_string(),
        source: PackSource::of(w.is_embedded()),
        jurisdiction: None,
        standard: d.source.standard.clone(),
        status: None,
        entries: d.rules.iter().map(|r| r.id.clone()).collect(),
    }
}

fn checklist_info(c: &LoadedChecklist) -> PackInfo {
    let d = c.pack();
    PackInfo {
        id: d.id.clone(),
        kind: CatalogKind::Checklist,
        version: d.version.clone(),
        title: d.title.en.clone(),
        hash: c.hash().to_string(),
        source: PackSource::of(c.origin().starts_with("embedded:")),
        jurisdiction: None,
        standard: d.source.document.clone(),
        status: Some(d.source.status),
        entries: d
            .items
            .iter()
            .filter(|i| i.group == crate::packs::checklist::model::Group::Major)
            .map(|i| i.id.clone())
            .collect(),
    }
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
mod tests {
    use super::*;
    use crate::packs::embedded::{CHECKLISTS, STANDARDS, WARNINGS};

    fn src(name: &str, text: &str) -> SourceText {
        SourceText::new(name, text)
    }

    #[test]
    fn lists_every_kind_with_a_hash() {
        let c = Catalog::embedded().unwrap();
        let list = c.list();
        for kind in CatalogKind::ALL {
            assert!(list.iter().any(|p| p.kind == kind), "no {kind:?}");
        }
        assert!(list
            .iter()
            .all(|p| p.hash.starts_with("sha256:") && p.source == PackSource::Embedded));
    }

    #[test]
    fn one_replacement_rule() {
        let mut c = Catalog::embedded().unwrap();
        // standards and warnings: a custom pack replaces the embedded one, a second is refused
        for (kind, (name, text)) in [
            (CatalogKind::Standard, STANDARDS[0]),
            (CatalogKind::Warning, WARNINGS[0]),
        ] {
            let first = c.add(kind, &src(name, text)).unwrap();
            assert_eq!(first.source, PackSource::Custom);
            let e = c.add(kind, &src(name, text)).unwrap_err();
            assert_eq!(e.code(), "pack.duplicate_pack");
        }
        // checklists: only a newer version
        let (name, text) = CHECKLISTS[0];
        let e = c.add(CatalogKind::Checklist, &src(name, text)).unwrap_err();
        assert_eq!(e.code(), "pack.not_newer");
        // methods: any method pack replaces its id
        let (name, text) = crate::packs::embedded::METHODS[0];
        c.add(CatalogKind::Method, &src(name, text)).unwrap();
        c.add(CatalogKind::Method, &src(name, text)).unwrap();
    }

    #[test]
    fn warning_packs_are_bounded_hashed_and_compiled_once() {
        let big = "#".repeat(MAX_PACK_BYTES + 1);
        let e = Catalog::empty()
            .add(CatalogKind::Warning, &src("big.toml", &big))
            .unwrap_err();
        assert_eq!(e.code(), "limit.pack_too_large");
        let c = Catalog::embedded().unwrap();
        let w = c.warnings().next().unwrap();
        assert!(w.hash().starts_with("sha256:"));
        let mut calls = 0;
        for _ in 0..2 {
            w.compiled_with(|_, _| {
                calls += 1;
                Ok(Arc::new(()) as crate::packs::warning::CompiledSlot)
            })
            .unwrap();
        }
        assert_eq!(calls, 1);
    }

    #[test]
    fn unknown_ids_get_one_did_you_mean() {
        let c = Catalog::embedded().unwrap();
        let id = c.ids(CatalogKind::Warning)[0].to_string();
        let mut typo = id.clone();
        typo.pop();
        let e = c.warning(&typo).unwrap_err();
        assert_eq!(e.envelope().help, Some(format!("did you mean `{id}`?")));
        let e = c.checklist("cn-permit-papr").unwrap_err();
        assert_eq!(
            e.envelope().help.as_deref(),
            Some("did you mean `cn-permit-paper`?")
        );
    }
}
