//! Operating signals: equipment currents that facility-operation rules watch.
//!
//! HJ 212 codes cover pollutants and flue-gas/wastewater parameters, but the classic
//! "pollution-control facility stopped while production runs" check (治污设施停运而生产设施运行)
//! compares the *currents* of production and control equipment, which local platforms
//! (工况监控, "operating-condition monitoring") collect as named channels. Rather than
//! widen the pollutant registry, which is keyed by the fixed HJ 212 codes, this module
//! keeps a small registry of named operating signals in amperes. Warning data may carry
//! them like any pollutant column (`"pollutant": "fan"`); only the warning engine reads them.

use crate::domain::pollutant::{Medium, Pollutant};
use crate::domain::units::Unit;

macro_rules! sig {
    ($code:expr, [$($a:expr),*], $zh:expr, $en:expr) => {
        Pollutant { code: $code, code_2005: None, aliases: &[$($a),*], name_zh: $zh, name_en: $en,
                    molar_mass: None, unit: Unit::Ampere, medium: Medium::Parameter }
    };
}

/// The operating signals (all currents, in A).
pub static OPERATING: &[Pollutant] = &[
    sig!(
        "production_line",
        ["production"],
        "生产线电流",
        "production line current"
    ),
    sig!(
        "fan",
        ["induced_draft_fan", "id_fan"],
        "引风机电流",
        "induced-draft fan current"
    ),
    sig!(
        "esp",
        ["electrostatic_precipitator"],
        "电除尘器电流",
        "electrostatic precipitator current"
    ),
    sig!(
        "bag_filter",
        ["baghouse"],
        "布袋除尘器电流",
        "bag filter current"
    ),
    sig!(
        "desulfurization_pump",
        ["fgd_pump"],
        "脱硫循环泵电流",
        "desulfurization circulation pump current"
    ),
    sig!(
        "denitrification",
        ["scr", "denitration"],
        "脱硝设施电流",
        "denitrification unit current"
    ),
    sig!("condenser", [], "冷凝器电流", "condenser current"),
    sig!(
        "wastewater_pump",
        ["treatment_pump"],
        "污水处理提升泵电流",
        "wastewater treatment pump current"
    ),
    sig!(
        "aeration_blower",
        ["blower"],
        "曝气风机电流",
        "aeration blower current"
    ),
];

/// Looks a signal up: pollutant registry first (codes, 2005 codes, aliases), then the
/// operating signals by code or alias (case-insensitive).
pub fn lookup(name: &str) -> Option<&'static Pollutant> {
    Pollutant::lookup(name).or_else(|| {
        let n = name.trim().to_ascii_lowercase();
        OPERATING
            .iter()
            .find(|p| p.code == n || p.aliases.contains(&n.as_str()))
    })
}

/// The closest known signal name, for "did you mean".
pub fn suggest(name: &str) -> Option<String> {
    if let Some(s) = Pollutant::suggest(name) {
        return Some(s.to_string());
    }
    crate::diag::suggest::closest(name, OPERATING.iter().map(|p| p.code)).map(str::to_string)
}

#[cfg(test)]
mod tests {
    #[test]
    fn finds_both_registries() {
        assert_eq!(super::lookup("so2").map(|p| p.code), Some("a21026"));
        assert_eq!(super::lookup("FAN").map(|p| p.code), Some("fan"));
        assert!(super::lookup("nonsense").is_none());
    }
}
