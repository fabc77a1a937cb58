//! Pollutants and monitored parameters, keyed by their HJ 212-2017 codes.
//!
//! Chinese online monitors name every measured quantity by a code from HJ 212-2017
//! Appendix B: `a21026` is sulphur dioxide in flue gas, `w01018` is chemical oxygen
//! demand in wastewater. Devices installed before 2017 still send the HJ/T 212-2005
//! codes (`02` for SO2, `011` for COD), and analysts type common names (`so2`, `nox`).
//! [`Pollutant::lookup`] accepts all three and returns one registry entry, so the rest
//! of the engine only ever sees the 2017 code.
//!
//! Molar masses are the ones HJ 212-2017 Appendix D uses in its ppm → mg/m³ formula
//! (20), `C = M / 22.4 × ppm`: SO2 64, NO2 46 (NOx is reported *as NO2*), CO 28, NO 30.

use crate::domain::units::Unit;
use serde::{Deserialize, Serialize};

/// What a parameter is measured in: stack gas, wastewater, or an operating parameter
/// (flow, temperature, O2) that other values are corrected with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Medium {
    /// A pollutant in flue gas.
    Air,
    /// A pollutant in wastewater.
    Water,
    /// A flue-gas or wastewater condition (O2, flow, temperature, humidity, pressure).
    Parameter,
}

/// One entry of the pollutant registry.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pollutant {
    /// HJ 212-2017 code, e.g. `a21026`.
    pub code: &'static str,
    /// HJ/T 212-2005 code, e.g. `02`, when the 2005 standard had one.
    pub code_2005: Option<&'static str>,
    /// Common short names accepted in data headers and permits (lower case).
    pub aliases: &'static [&'static str],
    /// Chinese name as printed in HJ 212-2017 Appendix B.
    pub name_zh: &'static str,
    /// English name.
    pub name_en: &'static str,
    /// Molar mass in g/mol used for ppm conversion (NOx: as NO2).
    pub molar_mass: Option<f64>,
    /// Default concentration or value unit.
    pub unit: Unit,
    /// Medium the code belongs to.
    pub medium: Medium,
}

macro_rules! p {
    ($code:expr, $c05:expr, [$($a:expr),*], $zh:expr, $en:expr, $m:expr, $unit:expr, $medium:expr) => {
        Pollutant { code: $code, code_2005: $c05, aliases: &[$($a),*], name_zh: $zh, name_en: $en,
                    molar_mass: $m, unit: $unit, medium: $medium }
    };
}

/// The registry, in HJ 212-2017 Appendix B order within each medium.
pub static REGISTRY: &[Pollutant] = &[
    p!(
        "a21026",
        Some("02"),
        ["so2"],
        "二氧化硫",
        "sulphur dioxide",
        Some(64.0),
        Unit::MgPerM3,
        Medium::Air
    ),
    p!(
        "a21002",
        Some("03"),
        ["nox"],
        "氮氧化物",
        "nitrogen oxides (as NO2)",
        Some(46.0),
        Unit::MgPerM3,
        Medium::Air
    ),
    p!(
        "a21003",
        None,
        ["no"],
        "一氧化氮",
        "nitric oxide",
        Some(30.0),
        Unit::MgPerM3,
        Medium::Air
    ),
    p!(
        "a21004",
        None,
        ["no2"],
        "二氧化氮",
        "nitrogen dioxide",
        Some(46.0),
        Unit::MgPerM3,
        Medium::Air
    ),
    p!(
        "a21005",
        Some("04"),
        ["co"],
        "一氧化碳",
        "carbon monoxide",
        Some(28.0),
        Unit::MgPerM3,
        Medium::Air
    ),
    p!(
        "a21024",
        Some("08"),
        ["hcl"],
        "氯化氢",
        "hydrogen chloride",
        Some(36.46),
        Unit::MgPerM3,
        Medium::Air
    ),
    p!(
        "a34013",
        Some("01"),
        ["pm", "dust", "particulate"],
        "烟尘",
        "particulate matter",
        None,
        Unit::MgPerM3,
        Medium::Air
    ),
    p!(
        "a24088",
        None,
        ["nmhc"],
        "非甲烷总烃",
        "non-methane hydrocarbons",
        None,
        Unit::MgPerM3,
        Medium::Air
    ),
    p!(
        "a19001",
        Some("S01"),
        ["o2"],
        "氧气含量",
        "oxygen",
        None,
        Unit::Percent,
        Medium::Parameter
    ),
    p!(
        "a00000",
        Some("B02"),
        ["flow", "gas_flow"],
        "废气",
        "flue-gas flow",
        None,
        Unit::M3PerS,
        Medium::Parameter
    ),
    p!(
        "a01011",
        Some("S02"),
        ["velocity"],
        "烟气流速",
        "flue-gas velocity",
        None,
        Unit::MPerS,
        Medium::Parameter
    ),
    p!(
        "a01012",
        Some("S03"),
        ["temperature", "temp"],
        "烟气温度",
        "flue-gas temperature",
        None,
        Unit::Celsius,
        Medium::Parameter
    ),
    p!(
        "a01013",
        Some("S08"),
        ["pressure"],
        "烟气压力",
        "flue-gas pressure",
        None,
        Unit::KPa,
        Medium::Parameter
    ),
    p!(
        "a01014",
        Some("S05"),
        ["humidity"],
        "烟气湿度",
        "flue-gas humidity",
        None,
        Unit::Percent,
        Medium::Parameter
    ),
    p!(
        "w01018",
        Some("011"),
        ["cod"],
        "化学需氧量",
        "chemical oxygen demand",
        None,
        Unit::MgPerL,
        Medium::Water
    ),
    p!(
        "w21003",
        Some("060"),
        ["nh3n", "nh3_n", "ammonia"],
        "氨氮",
        "ammonia nitrogen",
        None,
        Unit::MgPerL,
        Medium::Water
    ),
    p!(
        "w21011",
        Some("101"),
        ["tp"],
        "总磷",
        "total phosphorus",
        None,
        Unit::MgPerL,
        Medium::Water
    ),
    p!(
        "w21001",
        Some("065"),
        ["tn"],
        "总氮",
        "total nitrogen",
        None,
        Unit::MgPerL,
        Medium::Water
    ),
    p!(
        "w01001",
        Some("001"),
        ["ph"],
        "pH值",
        "pH",
        None,
        Unit::Ph,
        Medium::Water
    ),
    p!(
        "w01012",
        Some("003"),
        ["ss"],
        "悬浮物",
        "suspended solids",
        None,
        Unit::MgPerL,
        Medium::Water
    ),
    p!(
        "w01017",
        Some("010"),
        ["bod5", "bod"],
        "五日生化需氧量",
        "five-day biochemical oxygen demand",
        None,
        Unit::MgPerL,
        Medium::Water
    ),
    p!(
        "w01010",
        None,
        ["water_temperature"],
        "水温",
        "water temperature",
        None,
        Unit::Celsius,
        Medium::Parameter
    ),
    p!(
        "w00000",
        Some("B01"),
        ["water_flow", "wastewater_flow"],
        "污水",
        "wastewater flow",
        None,
        Unit::LPerS,
        Medium::Parameter
    ),
];

/// The HJ 212-2017 code of oxygen, used for reference-O2 correction.
pub const OXYGEN: &str = "a19001";

impl Pollutant {
    /// Finds a pollutant by 2017 code, 2005 code or common name (case-insensitive).
    pub fn lookup(name: &str) -> Option<&'static Pollutant> {
        let trimmed = name.trim();
        REGISTRY.iter().find(|p| {
            p.code.eq_ignore_ascii_case(trimmed)
                || p.code_2005.is_some_and(|c| c.eq_ignore_ascii_case(trimmed))
                || p.aliases.iter().any(|a| a.eq_ignore_ascii_case(trimmed))
        })
    }

    /// Finds a pollutant by its exact HJ 212-2017 code.
    pub fn by_code(code: &str) -> Option<&'static Pollutant> {
        REGISTRY.iter().find(|p| p.code == code)
    }

    /// The closest known name to `name`, for "did you mean" help.
    pub fn suggest(name: &str) -> Option<&'static str> {
        let names = REGISTRY
            .iter()
            .flat_map(|p| std::iter::once(p.code).chain(p.aliases.iter().copied()));
        crate::diag::suggest::closest(name, names)
    }

    /// The short name used in messages: the first alias in upper case (`SO2`), or the English name.
    pub fn short_name(&self) -> &'static str {
        match self.code {
            "a21026" => "SO2",
            "a21002" => "NOx",
            "a21003" => "NO",
            "a21004" => "NO2",
            "a21005" => "CO",
            "a21024" => "HCl",
            "a34013" => "PM",
            "a24088" => "NMHC",
            "a19001" => "O2",
            "w01018" => "COD",
            "w21003" => "NH3-N",
            "w21011" => "TP",
            "w21001" => "TN",
            "w01001" => "pH",
            "w01012" => "SS",
            "w01017" => "BOD5",
            _ => self.name_en,
        }
    }

    /// The local name in `lang` (`zh` or `en`).
    pub fn name(&self, lang: crate::domain::text::Lang) -> &'static str {
        match lang {
            crate::domain::text::Lang::Zh => self.name_zh,
            crate::domain::text::Lang::En => self.name_en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_by_2017_2005_and_alias() {
        assert_eq!(Pollutant::lookup("a21026").map(|p| p.code), Some("a21026"));
        assert_eq!(Pollutant::lookup("02").map(|p| p.code), Some("a21026"));
        assert_eq!(Pollutant::lookup("SO2").map(|p| p.code), Some("a21026"));
        assert_eq!(Pollutant::lookup("nox").map(|p| p.code), Some("a21002"));
        assert_eq!(Pollutant::lookup("011").map(|p| p.code), Some("w01018"));
        assert_eq!(Pollutant::lookup("B01").map(|p| p.code), Some("w00000"));
        assert_eq!(Pollutant::lookup("pm").map(|p| p.code), Some("a34013"));
        assert!(Pollutant::lookup("a99999").is_none());
    }

    #[test]
    fn every_code_is_unique() {
        for (i, a) in REGISTRY.iter().enumerate() {
            for b in REGISTRY.iter().skip(i + 1) {
                assert_ne!(a.code, b.code);
                assert!(
                    a.code_2005.is_none() || a.code_2005 != b.code_2005,
                    "{}",
                    a.code
                );
            }
        }
    }

    #[test]
    fn suggests_near_codes() {
        assert_eq!(Pollutant::suggest("a21062"), Some("a21026"));
        assert_eq!(Pollutant::suggest("sox"), Some("so2"));
    }
}
