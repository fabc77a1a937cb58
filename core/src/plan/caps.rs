//! Annual mass caps (年许可排放量), compiled with the plan.
//!
//! A cap is an annual permitted mass of one pollutant, in tonnes, over one outlet (a permit
//! limit's `annual_cap_t`) or several (an enterprise cap, given to an assessment as
//! `records.caps`). Every cap is checked once, here — a known pollutant, a finite number of
//! tonnes ≥ 0 — so the mass-cap method only sums and compares. The permit's caps are compiled
//! with the [`Plan`](super::Plan); enterprise caps come with the records of an assessment and
//! are compiled by [`with_records`] before the method runs. A record cap of exactly one
//! outlet replaces that outlet's permit cap for the same pollutant.

use crate::diag::error::{Error, Result};
use crate::domain::pollutant::Pollutant;
use crate::packs::permit::{MassCap, Permit};
use crate::ErrorCode;

/// One checked cap.
#[derive(Debug, Clone, PartialEq)]
pub struct CompiledCap {
    /// Where the cap is written (`records.caps[0]`, `outlets[0].limits[1].annual_cap_t`).
    pub path: String,
    /// The pollutant.
    pub pollutant: &'static Pollutant,
    /// The cap as written.
    pub cap: MassCap,
}

/// The caps of a permit's limits (`annual_cap_t`), checked.
pub(crate) fn permit_caps(permit: &Permit) -> Result<Vec<CompiledCap>> {
    let mut out = Vec::new();
    for (oi, o) in permit.outlets.iter().enumerate() {
        for (li, l) in o.limits.iter().enumerate() {
            let Some(t) = l.annual_cap_t else { continue };
            let cap = MassCap {
                pollutant: l.pollutant.clone(),
                t_per_year: t,
                outlets: vec![o.id.clone()],
                clause: l.clause.clone(),
            };
            out.push(compile(
                format!("outlets[{oi}].limits[{li}].annual_cap_t"),
                cap,
            )?);
        }
    }
    Ok(out)
}

/// The caps of an assessment: the record caps, then the permit caps not already given for
/// the same outlet and pollutant (by a record cap or an earlier limit).
pub fn with_records(permit: &[CompiledCap], records: &[MassCap]) -> Result<Vec<CompiledCap>> {
    let mut all = Vec::new();
    for (i, c) in records.iter().enumerate() {
        all.push(compile(format!("records.caps[{i}]"), c.clone())?);
    }
    for c in permit {
        let replaced = all.iter().any(|r: &CompiledCap| {
            r.cap.outlets == c.cap.outlets && r.pollutant.code == c.pollutant.code
        });
        if !replaced {
            all.push(c.clone());
        }
    }
    Ok(all)
}

fn compile(path: String, cap: MassCap) -> Result<CompiledCap> {
    let Some(pollutant) = Pollutant::lookup(&cap.pollutant) else {
        return Err(Error::data(
            ErrorCode::DataComplyUnknownPollutant,
            format!("unknown pollutant `{}`", cap.pollutant),
        )
        .with_path(format!("{path}.pollutant")));
    };
    if !cap.t_per_year.is_finite() || cap.t_per_year < 0.0 {
        return Err(Error::data(
            ErrorCode::DataComplyBadCap,
            "an annual cap must be a finite number ≥ 0",
        )
        .with_path(path));
    }
    Ok(CompiledCap {
        path,
        pollutant,
        cap,
    })
}
