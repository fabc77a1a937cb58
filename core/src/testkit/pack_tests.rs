//! Running the test cases a pack carries (`ecorules pack test FILE`).
//!
//! Each case is computed by hand from the pack's source: "SO2 at 100 mg/m3 measured at
//! 6 % O2 complies with the 100 mg/m3 limit of a new coal boiler; 100.1 exceeds it". The
//! runner builds a one-outlet permit citing the case's category, feeds one whole period of
//! constant, valid minute values, evaluates, and compares.

use crate::diag::error::Result;
use crate::domain::period::Period;
use crate::domain::pollutant::{Medium, Pollutant, OXYGEN};
use crate::ingest::readings::{Column, Frame, Readings};
use crate::packs::catalog::Catalog;
use crate::packs::permit::{Enterprise, Outlet, Permit, PermitLimit};
use crate::packs::standard::model::PackTest;
use crate::plan::Plan;
use crate::ErrorCode;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// The outcome of one case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CaseResult {
    /// Case name.
    pub name: String,
    /// Whether it passed.
    pub passed: bool,
    /// What was observed.
    pub observed: String,
}

/// Runs every test case of pack `id` in `packs`.
pub fn run_pack_tests(packs: &Catalog, id: &str) -> Result<Vec<CaseResult>> {
    let pack = packs.standard(id).ok_or_else(|| {
        crate::diag::error::Error::pack(ErrorCode::PackUnknownPack, format!("unknown pack `{id}`"))
    })?;
    let mut out = Vec::new();
    for t in &pack.pack().tests {
        out.push(run_case(packs, id, t)?);
    }
    Ok(out)
}

fn run_case(packs: &Catalog, id: &str, t: &PackTest) -> Result<CaseResult> {
    let p = crate::ingest::readings::lookup_pollutant(&t.pollutant)?;
    let medium = if p.medium == Medium::Water {
        Medium::Water
    } else {
        Medium::Air
    };
    let permit = Permit {
        id: format!("test:{}", t.name),
        enterprise: Enterprise {
            id: None,
            name: "pack test".into(),
            industry: None,
        },
        valid_from: None,
        valid_to: None,
        time_zone: Some("UTC".into()),
        outlets: vec![Outlet {
            id: "T1".into(),
            name: None,
            kind: medium,
            time_zone: None,
            standard: Some(format!("{id}/{}", t.category)),
            validity_pack: None,
            limits: vec![PermitLimit {
                pollutant: t.pollutant.clone(),
                standard: None,
                max: None,
                min: None,
                unit: None,
                periods: Some(vec![t.period]),
                ref_o2: None,
                data_corrected: false,
                rounding: None,
                clause: None,
                effective_from: None,
                effective_to: None,
                method_limits: Default::default(),
                annual_cap_t: None,
            }],
        }],
    };
    let plan = Plan::compile_permit(permit, packs)?;
    let minutes: i64 = match t.period {
        Period::Minute => 1,
        Period::HalfHour => 30,
        Period::Hour => 60,
        Period::Day => 1440,
        _ => 1440 * 31,
    };
    let ts: Vec<i64> = (0..minutes).map(|i| 1_735_689_600 + i * 60).collect(); // 2025-01-01T00:00Z
    let n = ts.len();
    let mut cols = vec![Column::new(
        p,
        Cow::Owned(vec![t.value; n]),
        Cow::Owned(vec![b'N'; n]),
    )];
    if let (Some(o2), Some(o2p)) = (t.o2, Pollutant::by_code(OXYGEN)) {
        cols.push(Column::new(
            o2p,
            Cow::Owned(vec![o2; n]),
            Cow::Owned(vec![b'N'; n]),
        ));
    }
    let mut r = Readings::new();
    r.push(Frame::new("T1", Cow::Owned(ts), cols)?)?;
    let report = plan.evaluate(&r)?;
    let stat = report.statistics.first();
    let exceeded = stat.is_some_and(|s| s.exceedances + s.below_range > 0);
    let value = stat.and_then(|s| s.max_value);
    let value_ok = match (t.expect_value, value) {
        (Some(e), Some(v)) => (e - v).abs() <= 1e-9 * e.abs().max(1.0),
        (Some(_), None) => false,
        (None, _) => true,
    };
    Ok(CaseResult {
        name: t.name.clone(),
        passed: exceeded == t.expect_exceeds && value_ok,
        observed: format!(
            "value {} → {}",
            value.map_or("none".to_string(), |v| v.to_string()),
            if exceeded { "breach" } else { "complies" }
        ),
    })
}
