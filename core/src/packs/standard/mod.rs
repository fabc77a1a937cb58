//! Rule packs: parsing, validation, content hashes and the embedded set.
//!
//! Packs are embedded in the library at build time (so the WebAssembly and mobile builds
//! work offline) and custom packs load at run time through the [`Catalog`](crate::packs::catalog::Catalog),
//! which also bounds, hashes and replaces them by one rule for every kind of pack. Every pack
//! gets a content hash (`sha256:` of its canonical JSON form) that findings carry, so a
//! verdict can always be traced to the exact rules it was judged by.

pub mod model;

use crate::diag::error::{Error, ErrorKind, Result};
use crate::diag::source::SourceText;
use crate::domain::pollutant::Pollutant;
use crate::packs::catalog::{replacement, suggest, verify_hash, CatalogKind, Held};
use crate::packs::embedded::{STANDARDS, VALIDITY};
use crate::ErrorCode;
use model::{Category, LimitSpec, Pack, PackKind, PACK_SCHEMA_VERSION};
use std::sync::Arc;

pub use crate::packs::catalog::{check_size, content_hash};

/// A validated pack with its content hash.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedPack {
    pack: Pack,
    hash: String,
    origin: String,
    embedded: bool,
}

impl LoadedPack {
    /// The pack.
    pub fn pack(&self) -> &Pack {
        &self.pack
    }

    /// `sha256:<hex>` of the canonical JSON form.
    pub fn hash(&self) -> &str {
        &self.hash
    }

    /// File name or `embedded:<file>`.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// Whether it ships with the library.
    pub fn is_embedded(&self) -> bool {
        self.embedded
    }

    /// A category by id.
    pub fn category(&self, id: &str) -> Option<&Category> {
        self.pack.categories.iter().find(|c| c.id == id)
    }
}

/// Parses and validates a pack document.
pub fn parse_pack(src: &SourceText) -> Result<LoadedPack> {
    check_size(src, "pack")?;
    let pack: Pack = src.parse(ErrorKind::Pack)?;
    validate(&pack).map_err(|e| src.locate(e))?;
    Ok(LoadedPack {
        hash: content_hash(&pack),
        pack,
        origin: src.name().to_string(),
        embedded: false,
    })
}

fn validate(p: &Pack) -> Result<()> {
    if p.schema_version != PACK_SCHEMA_VERSION {
        return Err(Error::pack(
            ErrorCode::PackSchemaVersion,
            format!("pack schema version {} is not supported; this library reads version {PACK_SCHEMA_VERSION}", p.schema_version),
        )
        .with_path("schema_version")
        .with_help("upgrade the library, or write the pack for schema version 1"));
    }
    if p.id.is_empty()
        || !p.id.chars().all(|c| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_' || c == '.'
        })
    {
        return Err(Error::pack(
            ErrorCode::PackBadId,
            format!(
                "pack id `{}` must be lower-case letters, digits, `-`, `_` or `.`",
                p.id
            ),
        )
        .with_path("id"));
    }
    for (field, d) in [
        ("effective_from", &p.effective_from),
        ("effective_to", &p.effective_to),
    ] {
        if let Some(d) = d {
            parse_date(d).ok_or_else(|| {
                Error::pack(
                    ErrorCode::PackBadDate,
                    format!("`{d}` is not a date (YYYY-MM-DD)"),
                )
                .with_path(field)
            })?;
        }
    }
    match p.kind {
        PackKind::Validity if p.validity.is_none() => {
            return Err(Error::pack(
                ErrorCode::PackMissingValidity,
                "a validity pack needs a [validity] table",
            )
            .with_path("validity"));
        }
        PackKind::Standard if p.categories.is_empty() => {
            return Err(Error::pack(
                ErrorCode::PackNoCategories,
                "a standard pack needs at least one [[categories]] entry",
            )
            .with_path("categories"));
        }
        _ => {}
    }
    if let Some(v) = &p.validity {
        if v.valid_flags.is_empty() {
            return Err(Error::pack(
                ErrorCode::PackNoValidFlags,
                "valid_flags is empty: no sample could ever count",
            )
            .with_path("validity.valid_flags"));
        }
    }
    for (ci, c) in p.categories.iter().enumerate() {
        let cpath = format!("categories[{ci}]");
        if p.categories.iter().take(ci).any(|o| o.id == c.id) {
            return Err(Error::pack(
                ErrorCode::PackDuplicateCategory,
                format!("category `{}` appears twice", c.id),
            )
            .with_path(format!("{cpath}.id")));
        }
        if let Some(o2) = c.ref_o2 {
            check_ref_o2(o2, &format!("{cpath}.ref_o2"))?;
        }
        for (li, l) in c.limits.iter().enumerate() {
            validate_limit(l, &format!("{cpath}.limits[{li}]"))?;
        }
    }
    for (ti, t) in p.tests.iter().enumerate() {
        let path = format!("tests[{ti}]");
        if !p.categories.iter().any(|c| c.id == t.category) {
            let ids = p.categories.iter().map(|c| c.id.as_str());
            return Err(Error::pack(
                ErrorCode::PackUnknownCategory,
                format!("test cites unknown category `{}`", t.category),
            )
            .with_path(format!("{path}.category"))
            .with_help_opt(crate::diag::suggest::did_you_mean(
                crate::diag::suggest::closest(&t.category, ids),
            )));
        }
        lookup(&t.pollutant, &format!("{path}.pollutant"))?;
    }
    Ok(())
}

fn validate_limit(l: &LimitSpec, path: &str) -> Result<()> {
    lookup(&l.pollutant, &format!("{path}.pollutant"))?;
    if l.max.is_none() && l.min.is_none() {
        return Err(Error::pack(
            ErrorCode::PackNoLimitValue,
            "a limit needs `max`, `min` or both",
        )
        .with_path(path));
    }
    for (name, v) in [("max", l.max), ("min", l.min)] {
        if let Some(v) = v {
            if !v.is_finite() || v < 0.0 {
                return Err(Error::pack(
                    ErrorCode::PackBadLimitValue,
                    format!("limit {name} {v} must be a finite number ≥ 0"),
                )
                .with_path(format!("{path}.{name}")));
            }
        }
    }
    if let (Some(lo), Some(hi)) = (l.min, l.max) {
        if lo > hi {
            return Err(Error::pack(
                ErrorCode::PackEmptyRange,
                format!("min {lo} is above max {hi}"),
            )
            .with_path(format!("{path}.min")));
        }
    }
    if l.periods.is_empty() {
        return Err(Error::pack(
            ErrorCode::PackNoPeriods,
            "a limit needs at least one averaging period",
        )
        .with_path(format!("{path}.periods")));
    }
    Ok(())
}

/// Checks a reference O2 value.
pub fn check_ref_o2(o2: f64, path: &str) -> Result<()> {
    if !(0.0..crate::domain::units::AIR_O2_PERCENT).contains(&o2) {
        return Err(Error::pack(
            ErrorCode::PackBadRefO2,
            format!("reference O2 {o2}% must be at least 0 and below 21"),
        )
        .with_path(path));
    }
    Ok(())
}

fn lookup(name: &str, path: &str) -> Result<&'static Pollutant> {
    Pollutant::lookup(name).ok_or_else(|| {
        Error::pack(
            ErrorCode::PackUnknownPollutant,
            format!("unknown pollutant `{name}`"),
        )
        .with_path(path)
        .with_help_opt(crate::diag::suggest::did_you_mean(Pollutant::suggest(name)))
    })
}

/// Parses `YYYY-MM-DD`.
pub fn parse_date(s: &str) -> Option<jiff::civil::Date> {
    let t = s.trim();
    if t.len() != 10 {
        return None; // jiff also reads the date part of a date-time; only a bare date counts here
    }
    t.parse::<jiff::civil::Date>().ok()
}

/// The packs a plan can cite: the embedded ones plus any added at run time.
#[derive(Debug, Clone, Default)]
pub struct PackSet {
    packs: Vec<Arc<LoadedPack>>,
}

impl PackSet {
    /// No packs.
    pub fn empty() -> Self {
        PackSet { packs: Vec::new() }
    }

    /// The packs compiled into the library.
    pub fn embedded() -> Result<Self> {
        let mut set = PackSet::empty();
        for (name, text) in VALIDITY.iter().chain(STANDARDS) {
            let src = SourceText::new(format!("embedded:{name}"), *text);
            let mut p = parse_pack(&src)?;
            p.embedded = true;
            set.packs.push(Arc::new(p));
        }
        Ok(set)
    }

    /// Adds a custom pack under the catalog's replacement rule; with `expected`, the pack
    /// must have that content hash.
    pub(crate) fn add(&mut self, src: &SourceText, expected: Option<&str>) -> Result<&LoadedPack> {
        let p = parse_pack(src)?;
        if let Some(h) = expected {
            verify_hash("pack", &p.pack.id, &p.hash, h, src.name())?;
        }
        if let Some(i) = self.packs.iter().position(|q| q.pack.id == p.pack.id) {
            if let Some(old) = self.packs.get(i) {
                replacement(CatalogKind::Standard, held(old), held(&p), src.name())?;
            }
            self.packs.remove(i);
        }
        self.packs.push(Arc::new(p));
        self.packs
            .last()
            .map(|a| a.as_ref())
            .ok_or_else(|| Error::internal(ErrorCode::InternalBug, "pack vanished"))
    }

    /// All packs.
    pub fn packs(&self) -> impl Iterator<Item = &LoadedPack> {
        self.packs.iter().map(|a| a.as_ref())
    }

    /// "Did you mean" for an unknown pack id.
    pub(crate) fn suggest(&self, id: &str) -> Option<String> {
        suggest(id, self.packs.iter().map(|p| p.pack.id.as_str()))
    }

    /// A pack by id.
    pub fn get(&self, id: &str) -> Option<&Arc<LoadedPack>> {
        self.packs.iter().find(|p| p.pack.id == id)
    }

    /// Resolves `<pack id>/<category id>` (the category id may itself contain `/`).
    pub fn resolve(&self, reference: &str) -> Result<(&Arc<LoadedPack>, &Category)> {
        let (id, cat) = reference.split_once('/').ok_or_else(|| {
            Error::permit(
                ErrorCode::PermitBadReference,
                format!("`{reference}` is not a `<pack>/<category>` reference"),
            )
            .with_help("cite a standard as e.g. `gb13223-2011/coal/new`")
        })?;
        let pack = self.get(id).ok_or_else(|| {
            Error::permit(ErrorCode::PermitUnknownPack, format!("unknown pack `{id}`"))
                .with_help_opt(self.suggest(id))
        })?;
        let category = pack.category(cat).ok_or_else(|| {
            Error::permit(
                ErrorCode::PermitUnknownCategory,
                format!("pack `{id}` has no category `{cat}`"),
            )
            .with_help_opt(
                crate::diag::suggest::closest(
                    cat,
                    pack.pack.categories.iter().map(|c| c.id.as_str()),
                )
                .map(|s| format!("did you mean `{id}/{s}`?")),
            )
        })?;
        Ok((pack, category))
    }
}

fn held(p: &LoadedPack) -> Held<'_> {
    Held {
        id: &p.pack.id,
        version: &p.pack.version,
        embedded: p.embedded,
    }
}
