//! Compiling a permit and the packs it cites into a reusable [`Plan`].
//!
//! Everything that can be checked without data is checked here, once: every pollutant
//! code, every `<pack>/<category>` citation, every unit conversion, every time zone, every
//! annual mass cap ([`caps`]). The
//! result is immutable, `Send + Sync` and cheap to clone (an `Arc`), so a platform compiles a
//! permit once and evaluates it against new data as often as it likes, from any thread.

pub mod caps;

use crate::diag::error::{Error, ErrorKind, Result};
use crate::diag::source::SourceText;
use crate::domain::calendar::Calendar;
use crate::domain::period::Period;
use crate::domain::pollutant::{Medium, Pollutant};
use crate::domain::units::{convert, Unit};
use crate::packs::catalog::Catalog;
use crate::packs::permit::{Outlet, Permit, PermitLimit};
use crate::packs::standard::model::{
    Category, LimitSpec, Pack, Rounding, SourceStatus, ValidityRules,
};
use crate::packs::standard::{LoadedPack, PackSet};
use crate::ErrorCode;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Default validity pack for stacks (HJ 75/76-2017, HJ 212-2017 App. D).
pub const DEFAULT_AIR_VALIDITY: &str = "cn-cems-validity";
/// Default validity pack for wastewater outfalls.
pub const DEFAULT_WATER_VALIDITY: &str = "cn-water-validity";
/// Time zone of outlets whose permit names none.
pub const DEFAULT_TIME_ZONE: &str = "Asia/Shanghai";

/// Identity of a pack, as findings cite it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct PackRef {
    /// Pack id.
    pub id: String,
    /// Pack version.
    pub version: String,
    /// Content hash.
    pub hash: String,
}

impl PackRef {
    fn of(p: &LoadedPack) -> Self {
        PackRef {
            id: p.pack().id.clone(),
            version: p.pack().version.clone(),
            hash: p.hash().to_string(),
        }
    }
}

/// The legal basis of a judged limit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct LegalBasis {
    /// Standard or permit number.
    pub standard: String,
    /// Clause or table.
    pub clause: Option<String>,
    /// How far the source was checked.
    pub status: SourceStatus,
}

/// One limit ready to judge.
#[derive(Debug, Clone)]
pub struct CompiledLimit {
    /// Stable rule id: `<pack>/<category>/<pollutant>/<period>` or `permit/<outlet>/<pollutant>/<period>`.
    pub rule_id: String,
    /// Pollutant.
    pub pollutant: &'static Pollutant,
    /// Period judged.
    pub period: Period,
    /// Upper limit in the data unit.
    pub max: Option<f64>,
    /// Lower limit in the data unit.
    pub min: Option<f64>,
    /// The data (and limit) unit.
    pub unit: Unit,
    /// Reference O2, if values are corrected.
    pub ref_o2: Option<f64>,
    /// Data already corrected (ZsAvg).
    pub data_corrected: bool,
    /// Rounding before comparison.
    pub rounding: Option<Rounding>,
    /// Validity rules.
    pub validity: Arc<ValidityRules>,
    /// The pack the validity rules come from.
    pub validity_pack: PackRef,
    /// Legal basis.
    pub basis: LegalBasis,
    /// The standard pack cited, if any.
    pub pack: Option<PackRef>,
    /// `[from, to)` Unix seconds in which the limit is in force (permit `effective_from/to`).
    pub effective: (Option<i64>, Option<i64>),
    /// Further named limits for compliance methods (data unit).
    pub method_limits: std::collections::BTreeMap<String, f64>,
}

/// One outlet ready to judge.
#[derive(Debug, Clone)]
pub struct CompiledOutlet {
    /// Outlet id.
    pub id: String,
    /// Outlet name.
    pub name: Option<String>,
    /// Air or water.
    pub medium: Medium,
    /// Zone name.
    pub time_zone: String,
    /// Calendar in the zone.
    pub calendar: Calendar,
    /// Permit validity as `[from, to)` Unix seconds in this outlet's zone.
    pub valid: (Option<i64>, Option<i64>),
    /// The limits.
    pub limits: Vec<CompiledLimit>,
}

#[derive(Debug)]
struct PlanInner {
    permit: Permit,
    outlets: Vec<CompiledOutlet>,
    packs: Vec<PackRef>,
    caps: Vec<caps::CompiledCap>,
}

/// A compiled permit. Clone it freely; it is immutable and thread-safe.
#[derive(Debug, Clone)]
pub struct Plan {
    inner: Arc<PlanInner>,
}

impl Plan {
    /// Compiles a permit document (TOML or JSON) against the embedded packs.
    pub fn compile_text(permit_name: &str, permit_text: &str) -> Result<Plan> {
        Plan::compile(
            &SourceText::new(permit_name, permit_text),
            &Catalog::embedded_of(&[crate::packs::catalog::CatalogKind::Standard])?,
        )
    }

    /// Compiles a permit document against the standard and validity packs of a catalog.
    pub fn compile(permit: &SourceText, catalog: &Catalog) -> Result<Plan> {
        let p: Permit = permit.parse(ErrorKind::Permit)?;
        Plan::compile_permit(p, catalog).map_err(|e| permit.locate(e))
    }

    /// Compiles a parsed permit.
    pub fn compile_permit(permit: Permit, catalog: &Catalog) -> Result<Plan> {
        let packs = catalog.standard_set();
        let mut outlets = Vec::new();
        let mut used: Vec<PackRef> = Vec::new();
        let mut shared = Vec::new();
        if permit.outlets.is_empty() {
            return Err(
                Error::permit(ErrorCode::PermitNoOutlets, "the permit lists no outlets")
                    .with_path("outlets"),
            );
        }
        for (oi, o) in permit.outlets.iter().enumerate() {
            let path = format!("outlets[{oi}]");
            if permit.outlets.iter().take(oi).any(|q| q.id == o.id) {
                return Err(Error::permit(
                    ErrorCode::PermitDuplicateOutlet,
                    format!("outlet `{}` appears twice", o.id),
                )
                .with_path(format!("{path}.id")));
            }
            outlets.push(compile_outlet(
                &permit,
                o,
                &path,
                packs,
                &mut used,
                &mut shared,
            )?);
        }
        let caps = caps::permit_caps(&permit)?;
        Ok(Plan {
            inner: Arc::new(PlanInner {
                permit,
                outlets,
                packs: used,
                caps,
            }),
        })
    }

    /// The permit.
    pub fn permit(&self) -> &Permit {
        &self.inner.permit
    }

    /// The compiled outlets.
    pub fn outlets(&self) -> &[CompiledOutlet] {
        &self.inner.outlets
    }

    /// Every pack the plan cites.
    pub fn packs(&self) -> &[PackRef] {
        &self.inner.packs
    }

    /// The annual mass caps of the permit's limits, checked at compilation.
    pub fn caps(&self) -> &[caps::CompiledCap] {
        &self.inner.caps
    }

    /// An outlet by id.
    pub fn outlet(&self, id: &str) -> Option<&CompiledOutlet> {
        self.inner.outlets.iter().find(|o| o.id == id)
    }
}

fn compile_outlet(
    permit: &Permit,
    o: &Outlet,
    path: &str,
    packs: &PackSet,
    used: &mut Vec<PackRef>,
    shared: &mut Vec<(String, Arc<ValidityRules>)>,
) -> Result<CompiledOutlet> {
    let zone_name = o
        .time_zone
        .clone()
        .or_else(|| permit.time_zone.clone())
        .unwrap_or_else(|| DEFAULT_TIME_ZONE.to_string());
    let tz = crate::domain::zones::zone(&zone_name).map_err(|e| {
        e.with_path(if o.time_zone.is_some() {
            format!("{path}.time_zone")
        } else {
            "time_zone".to_string()
        })
    })?;
    let calendar = Calendar::new(tz.clone());
    let valid_from = bound(permit.valid_from.as_deref(), &calendar, false)
        .map_err(|e| e.with_path("valid_from"))?;
    let valid_to =
        bound(permit.valid_to.as_deref(), &calendar, true).map_err(|e| e.with_path("valid_to"))?;
    if let (Some(a), Some(b)) = (valid_from, valid_to) {
        if b <= a {
            return Err(Error::permit(
                ErrorCode::PermitEmptyValidity,
                "the permit's valid_to is not after its valid_from",
            )
            .with_path("valid_to"));
        }
    }
    let mut limits = Vec::new();
    for (li, l) in o.limits.iter().enumerate() {
        let lpath = format!("{path}.limits[{li}]");
        let mut compiled = compile_limit(permit, o, l, &lpath, packs, used, shared)?;
        if l.effective_from.is_some() || l.effective_to.is_some() {
            let from = bound(l.effective_from.as_deref(), &calendar, false)
                .map_err(|e| e.with_path(format!("{lpath}.effective_from")))?;
            let to = bound(l.effective_to.as_deref(), &calendar, true)
                .map_err(|e| e.with_path(format!("{lpath}.effective_to")))?;
            if let (Some(a), Some(b)) = (from, to) {
                if b <= a {
                    return Err(Error::permit(
                        ErrorCode::PermitEmptyEffectiveRange,
                        "the limit's effective_to is not after its effective_from",
                    )
                    .with_path(format!("{lpath}.effective_to")));
                }
            }
            for c in &mut compiled {
                c.effective = (from, to);
                if let Some(f) = &l.effective_from {
                    c.rule_id = format!("{}@{f}", c.rule_id);
                }
            }
            for c in &compiled {
                if limits
                    .iter()
                    .any(|x: &CompiledLimit| x.rule_id == c.rule_id)
                {
                    return Err(Error::permit(
                        ErrorCode::PermitDuplicateLimit,
                        format!("rule `{}` appears twice", c.rule_id),
                    )
                    .with_path(lpath.clone())
                    .with_help("limits of the same pollutant and period need distinct `effective_from` dates"));
                }
            }
        }
        limits.extend(compiled);
    }
    Ok(CompiledOutlet {
        id: o.id.clone(),
        name: o.name.clone(),
        medium: o.kind,
        time_zone: zone_name,
        calendar,
        valid: (valid_from, valid_to),
        limits,
    })
}

fn bound(text: Option<&str>, cal: &Calendar, end: bool) -> Result<Option<i64>> {
    let Some(t) = text else { return Ok(None) };
    if let Some(d) = crate::packs::standard::parse_date(t) {
        let day = if end { d.tomorrow().unwrap_or(d) } else { d };
        return Ok(Some(cal.midnight(day)));
    }
    match crate::domain::zones::parse_time(t, Some(cal.tz())) {
        Some(ts) => Ok(Some(ts)),
        None => Err(Error::permit(
            ErrorCode::PermitBadDate,
            format!("`{t}` is neither a date (YYYY-MM-DD) nor a time with offset"),
        )),
    }
}

fn remember(used: &mut Vec<PackRef>, p: &LoadedPack) -> PackRef {
    let r = PackRef::of(p);
    if !used.contains(&r) {
        used.push(r.clone());
    }
    r
}

fn compile_limit(
    permit: &Permit,
    o: &Outlet,
    l: &PermitLimit,
    path: &str,
    packs: &PackSet,
    used: &mut Vec<PackRef>,
    shared: &mut Vec<(String, Arc<ValidityRules>)>,
) -> Result<Vec<CompiledLimit>> {
    let pollutant = limit_pollutant(l, path)?;
    let cited = cited_category(o, l, path, packs)?;
    let spec: Option<&LimitSpec> = cited.and_then(|(_, c)| {
        c.limits
            .iter()
            .find(|s| Pollutant::lookup(&s.pollutant).is_some_and(|p| p.code == pollutant.code))
    });
    if let (Some((pack, cat)), None, None, None) = (cited, spec, l.max, l.min) {
        return Err(no_such_limit(pack, cat, l, path));
    }
    let values = limit_values(l, path, pollutant, spec)?;
    let periods = limit_periods(l, path, spec)?;
    let ref_o2 = match l.ref_o2.or(cited.and_then(|(_, c)| c.ref_o2)) {
        Some(v) if o.kind == Medium::Air => {
            crate::packs::standard::check_ref_o2(v, &format!("{path}.ref_o2")).map_err(|e| {
                Error::permit(ErrorCode::PermitBadRefO2, e.to_string())
                    .with_path(format!("{path}.ref_o2"))
            })?;
            Some(v)
        }
        _ => None,
    };
    let (validity_pack, validity) = limit_validity(o, cited, path, packs, used, shared)?;
    let pack_ref = cited.map(|(p, _)| remember(used, p));
    let basis = basis_for(permit, l, cited.map(|(p, _)| p.pack()), spec);
    let rounding = l.rounding.or(spec.and_then(|s| s.rounding));
    let mut out = Vec::new();
    for (pi, period) in periods.iter().enumerate() {
        check_period_rule(
            *period,
            &validity,
            &validity_pack,
            &format!("{path}.periods[{pi}]"),
        )?;
        let rule_id = match cited {
            Some((p, c)) if l.max.is_none() && l.min.is_none() => {
                format!("{}/{}/{}/{}", p.pack().id, c.id, pollutant.code, period)
            }
            _ => format!("permit/{}/{}/{}", o.id, pollutant.code, period),
        };
        if out.iter().any(|c: &CompiledLimit| c.rule_id == rule_id) {
            return Err(Error::permit(
                ErrorCode::PermitDuplicateLimit,
                format!("`{}` is limited twice for {period}", l.pollutant),
            )
            .with_path(path.to_string()));
        }
        out.push(CompiledLimit {
            rule_id,
            pollutant,
            period: *period,
            max: values.max,
            min: values.min,
            unit: pollutant.unit,
            ref_o2,
            data_corrected: l.data_corrected,
            rounding,
            validity: Arc::clone(&validity),
            validity_pack: validity_pack.clone(),
            basis: basis.clone(),
            pack: pack_ref.clone(),
            effective: (None, None),
            method_limits: values.method_limits.clone(),
        });
    }
    Ok(out)
}

/// The pollutant a permit limit names, or an error with a did-you-mean.
fn limit_pollutant(l: &PermitLimit, path: &str) -> Result<&'static Pollutant> {
    Pollutant::lookup(&l.pollutant).ok_or_else(|| {
        Error::permit(
            ErrorCode::PermitUnknownPollutant,
            format!("unknown pollutant `{}`", l.pollutant),
        )
        .with_path(format!("{path}.pollutant"))
        .with_help_opt(crate::diag::suggest::did_you_mean(Pollutant::suggest(
            &l.pollutant,
        )))
    })
}

/// The standard category a limit cites (its own `standard`, else its outlet's), if any.
fn cited_category<'p>(
    o: &Outlet,
    l: &PermitLimit,
    path: &str,
    packs: &'p PackSet,
) -> Result<Option<(&'p Arc<LoadedPack>, &'p Category)>> {
    let Some(r) = l.standard.as_deref().or(o.standard.as_deref()) else {
        return Ok(None);
    };
    let std_path = if l.standard.is_some() {
        format!("{path}.standard")
    } else {
        format!("{path}.standard (from the outlet)")
    };
    packs
        .resolve(r)
        .map(Some)
        .map_err(|e| e.with_path(std_path))
}

/// A cited category that sets no limit for the pollutant, and the limit gives no value.
fn no_such_limit(pack: &LoadedPack, cat: &Category, l: &PermitLimit, path: &str) -> Error {
    let have: Vec<&str> = cat.limits.iter().map(|s| s.pollutant.as_str()).collect();
    Error::permit(
        ErrorCode::PermitNoSuchLimit,
        format!(
            "`{}/{}` sets no limit for `{}`",
            pack.pack().id,
            cat.id,
            l.pollutant
        ),
    )
    .with_path(format!("{path}.pollutant"))
    .with_help(format!(
        "the category limits: {}; or give `max`/`min` explicitly",
        have.join(", ")
    ))
}

/// A limit's values in the unit of the data.
struct LimitValues {
    max: Option<f64>,
    min: Option<f64>,
    method_limits: std::collections::BTreeMap<String, f64>,
}

/// The limit's bounds (the permit's own, else the category's; a permit bound replaces the
/// category's pair), checked finite and ≥ 0 and converted to the data's unit.
fn limit_values(
    l: &PermitLimit,
    path: &str,
    pollutant: &'static Pollutant,
    spec: Option<&LimitSpec>,
) -> Result<LimitValues> {
    let max = l.max.or(if l.min.is_none() {
        spec.and_then(|s| s.max)
    } else {
        None
    });
    let min = l.min.or(if l.max.is_none() {
        spec.and_then(|s| s.min)
    } else {
        None
    });
    if max.is_none() && min.is_none() {
        return Err(Error::permit(
            ErrorCode::PermitNoLimitValue,
            format!("no limit value for `{}`", l.pollutant),
        )
        .with_path(path.to_string())
        .with_help(
            "give `max` (and/or `min`), or cite a standard with `standard = \"<pack>/<category>\"`",
        ));
    }
    for (name, v) in [("max", l.max), ("min", l.min)] {
        if let Some(v) = v {
            if !v.is_finite() || v < 0.0 {
                return Err(Error::permit(
                    ErrorCode::PermitBadLimitValue,
                    format!("limit {name} {v} must be a finite number ≥ 0"),
                )
                .with_path(format!("{path}.{name}")));
            }
        }
    }
    let limit_unit = l.unit.or(spec.map(|s| s.unit)).unwrap_or(pollutant.unit);
    let data_unit = pollutant.unit;
    let to_data = |v: f64| -> Result<f64> {
        convert(v, limit_unit, data_unit, pollutant.molar_mass).map_err(|e| {
            Error::new(
                ErrorCode::PermitUnit,
                format!("limit of `{}`: {e}", l.pollutant),
            )
            .with_path(format!("{path}.unit"))
            .with_help(format!(
                "monitoring data for `{}` are in {}",
                pollutant.code,
                data_unit.symbol()
            ))
        })
    };
    let max = max.map(to_data).transpose()?;
    let mut method_limits = std::collections::BTreeMap::new();
    for (k, v) in &l.method_limits {
        if !v.is_finite() || *v < 0.0 {
            return Err(Error::permit(
                ErrorCode::PermitBadLimitValue,
                format!("method limit `{k}` {v} must be a finite number ≥ 0"),
            )
            .with_path(format!("{path}.method_limits.{k}")));
        }
        method_limits.insert(k.clone(), to_data(*v)?);
    }
    let min = min.map(to_data).transpose()?;
    Ok(LimitValues {
        max,
        min,
        method_limits,
    })
}

/// The averaging periods: the permit's own, else the category's; never none.
fn limit_periods(l: &PermitLimit, path: &str, spec: Option<&LimitSpec>) -> Result<Vec<Period>> {
    let periods: Vec<Period> = match (&l.periods, spec) {
        (Some(p), _) => p.clone(),
        (None, Some(s)) => s.periods.clone(),
        (None, None) => {
            return Err(Error::permit(
                ErrorCode::PermitNoPeriods,
                format!("no averaging period for `{}`", l.pollutant),
            )
            .with_path(format!("{path}.periods"))
            .with_help("give e.g. `periods = [\"hour\"]`"))
        }
    };
    if periods.is_empty() {
        return Err(
            Error::permit(ErrorCode::PermitNoPeriods, "`periods` is empty")
                .with_path(format!("{path}.periods")),
        );
    }
    Ok(periods)
}

/// The validity rules of a limit — the standard's own, its validity pack, the outlet's, or
/// the default of the medium — and the pack they come from. One `Arc` per validity pack, so
/// the evaluation shares hour windows between limits.
fn limit_validity(
    o: &Outlet,
    cited: Option<(&Arc<LoadedPack>, &Category)>,
    path: &str,
    packs: &PackSet,
    used: &mut Vec<PackRef>,
    shared: &mut Vec<(String, Arc<ValidityRules>)>,
) -> Result<(PackRef, Arc<ValidityRules>)> {
    let inline: Option<(&Arc<LoadedPack>, &ValidityRules)> =
        cited.and_then(|(p, _)| p.pack().validity.as_ref().map(|v| (p, v)));
    let vid = o
        .validity_pack
        .clone()
        .or_else(|| cited.and_then(|(p, _)| p.pack().validity_pack.clone()))
        .unwrap_or_else(|| match o.kind {
            Medium::Water => DEFAULT_WATER_VALIDITY.to_string(),
            _ => DEFAULT_AIR_VALIDITY.to_string(),
        });
    let (vpack, vrules): (&Arc<LoadedPack>, ValidityRules) =
        match (inline, o.validity_pack.is_some()) {
            (Some((p, v)), false) => (p, v.clone()),
            _ => {
                let p = packs.get(&vid).ok_or_else(|| {
                    Error::permit(
                        ErrorCode::PermitUnknownPack,
                        format!("unknown validity pack `{vid}`"),
                    )
                    .with_path(format!("{path} (validity)"))
                    .with_help_opt(packs.suggest(&vid))
                })?;
                let v = p.pack().validity.clone().ok_or_else(|| {
                    Error::permit(
                        ErrorCode::PermitNotAValidityPack,
                        format!("pack `{vid}` has no validity rules"),
                    )
                })?;
                (p, v)
            }
        };
    let validity_pack = remember(used, vpack);
    let validity = match shared
        .iter()
        .find(|(id, v)| *id == validity_pack.hash && **v == vrules)
    {
        Some((_, v)) => Arc::clone(v),
        None => {
            let v = Arc::new(vrules);
            shared.push((validity_pack.hash.clone(), Arc::clone(&v)));
            v
        }
    };
    Ok((validity_pack, validity))
}

/// A half-hour or year period needs its rule in the validity pack.
fn check_period_rule(
    period: Period,
    validity: &ValidityRules,
    validity_pack: &PackRef,
    path: &str,
) -> Result<()> {
    if matches!(period, Period::HalfHour) && validity.half_hour.is_none() {
        return Err(Error::permit(
            ErrorCode::PermitNoHalfHourRule,
            format!(
                "validity pack `{}` defines no half-hour rule",
                validity_pack.id
            ),
        )
        .with_path(path.to_string()));
    }
    if matches!(period, Period::Year) && validity.year.is_none() {
        return Err(Error::permit(
            ErrorCode::PermitNoYearRule,
            format!("validity pack `{}` defines no year rule", validity_pack.id),
        )
        .with_path(path.to_string()));
    }
    Ok(())
}

fn basis_for(
    permit: &Permit,
    l: &PermitLimit,
    pack: Option<&Pack>,
    spec: Option<&LimitSpec>,
) -> LegalBasis {
    let explicit = l.max.is_some() || l.min.is_some();
    match (pack, spec, explicit) {
        (Some(p), Some(s), false) => LegalBasis {
            standard: p.source.standard.clone(),
            clause: Some(s.source.clone()),
            status: p.source.status,
        },
        _ => LegalBasis {
            standard: format!("permit {}", permit.id),
            clause: l.clause.clone(),
            status: SourceStatus::Verified,
        },
    }
}

/// Compiles a permit document (TOML or JSON text) against the embedded and custom packs.
pub fn compile_plan(
    permit_name: &str,
    permit_text: &str,
    custom_packs: &[(String, String)],
) -> Result<Plan> {
    Plan::compile(
        &SourceText::new(permit_name, permit_text),
        &Catalog::with_standards(custom_packs)?,
    )
}
