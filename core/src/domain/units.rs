//! Units, standard conditions and the reference-oxygen correction.
//!
//! Emission limits for flue gas are stated in mg/m³ **at standard conditions** (273.15 K,
//! 101.325 kPa, dry gas) and, for combustion sources, **at a reference oxygen content**:
//! burning with more excess air dilutes the flue gas, so a measured concentration is
//! scaled to what it would be at the reference O2 (HJ 212-2017 Appendix D formula (28)):
//!
//! ```text
//! c_ref = c × (21 − O2_ref) / (21 − O2_measured)
//! ```
//!
//! 21 % is the oxygen content of air; at O2_measured ≥ 21 % the flue gas is air and the
//! correction is undefined, so [`o2_correct`] returns an error instead of a huge number.
//!
//! Gas analysers often report ppm (µmol/mol). At standard conditions one mole of ideal
//! gas occupies 22.4 L, so `mg/m³ = ppm × M / 22.4` with M the molar mass in g/mol
//! (HJ 212-2017 Appendix D formula (20)); NOx is reported as NO2 (M = 46).

use serde::{Deserialize, Serialize};

/// Units the engine converts between.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
pub enum Unit {
    /// Milligrams per cubic metre (gas, standard conditions).
    #[serde(rename = "mg/m3")]
    MgPerM3,
    /// Micrograms per cubic metre.
    #[serde(rename = "ug/m3")]
    UgPerM3,
    /// Parts per million by volume (µmol/mol).
    #[serde(rename = "ppm")]
    Ppm,
    /// Milligrams per litre (water).
    #[serde(rename = "mg/L")]
    MgPerL,
    /// Kilograms per hour (mass rate).
    #[serde(rename = "kg/h")]
    KgPerH,
    /// Tonnes per year (annual mass).
    #[serde(rename = "t/a")]
    TPerA,
    /// Kilograms.
    #[serde(rename = "kg")]
    Kg,
    /// Percent by volume (O2, humidity).
    #[serde(rename = "%")]
    Percent,
    /// pH (dimensionless).
    #[serde(rename = "pH")]
    Ph,
    /// Degrees Celsius.
    #[serde(rename = "°C")]
    Celsius,
    /// Cubic metres per second.
    #[serde(rename = "m3/s")]
    M3PerS,
    /// Cubic metres per hour.
    #[serde(rename = "m3/h")]
    M3PerH,
    /// Litres per second.
    #[serde(rename = "L/s")]
    LPerS,
    /// Kilopascal.
    #[serde(rename = "kPa")]
    KPa,
    /// Metres per second.
    #[serde(rename = "m/s")]
    MPerS,
    /// Ampere (equipment currents in facility-operation rules).
    #[serde(rename = "A")]
    Ampere,
}

impl Unit {
    /// The symbol as written in packs and reports.
    pub fn symbol(self) -> &'static str {
        match self {
            Unit::MgPerM3 => "mg/m3",
            Unit::UgPerM3 => "ug/m3",
            Unit::Ppm => "ppm",
            Unit::MgPerL => "mg/L",
            Unit::KgPerH => "kg/h",
            Unit::TPerA => "t/a",
            Unit::Kg => "kg",
            Unit::Percent => "%",
            Unit::Ph => "pH",
            Unit::Celsius => "°C",
            Unit::M3PerS => "m3/s",
            Unit::M3PerH => "m3/h",
            Unit::LPerS => "L/s",
            Unit::KPa => "kPa",
            Unit::MPerS => "m/s",
            Unit::Ampere => "A",
        }
    }

    /// Parses a unit symbol (`mg/m3`, `mg/m³`, `ug/m3`, `µg/m3`, `ppm`, ...).
    pub fn parse(s: &str) -> Option<Unit> {
        let norm: String = s
            .trim()
            .chars()
            .map(|c| match c {
                '³' => '3',
                'µ' | 'μ' => 'u',
                other => other,
            })
            .collect();
        ALL.iter()
            .copied()
            .find(|u| u.symbol().eq_ignore_ascii_case(&norm))
            .or(match norm.as_str() {
                "mg/Nm3" | "mg/nm3" => Some(Unit::MgPerM3),
                "C" | "degC" => Some(Unit::Celsius),
                "" | "-" => Some(Unit::Ph),
                _ => None,
            })
    }
}

const ALL: [Unit; 16] = [
    Unit::MgPerM3,
    Unit::UgPerM3,
    Unit::Ppm,
    Unit::MgPerL,
    Unit::KgPerH,
    Unit::TPerA,
    Unit::Kg,
    Unit::Percent,
    Unit::Ph,
    Unit::Celsius,
    Unit::M3PerS,
    Unit::M3PerH,
    Unit::LPerS,
    Unit::KPa,
    Unit::MPerS,
    Unit::Ampere,
];

/// Molar volume of an ideal gas at 273.15 K and 101.325 kPa, in L/mol.
pub const MOLAR_VOLUME_L: f64 = 22.4;

/// Oxygen content of dry air in percent, the pivot of the reference-O2 correction.
pub const AIR_O2_PERCENT: f64 = 21.0;

/// Why a conversion could not be made.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ConversionError {
    /// O2 at or above 21 %, negative, or not finite: the correction is undefined.
    #[error("measured O2 of {0}% cannot be corrected to a reference: it must be finite, at least 0 and below 21")]
    O2OutOfRange(f64),
    /// The reference O2 itself is outside [0, 21).
    #[error("reference O2 of {0}% must be at least 0 and below 21")]
    ReferenceO2OutOfRange(f64),
    /// The units have no conversion between them (or need a molar mass that is unknown).
    #[error("cannot convert {from} to {to}")]
    Incompatible {
        /// Source unit symbol.
        from: &'static str,
        /// Target unit symbol.
        to: &'static str,
    },
}

/// Reference-oxygen correction (HJ 212-2017 App. D (28)): `c × (21 − o2_ref) / (21 − o2)`.
///
/// Evaluated as `(c × (21 − o2_ref)) / (21 − o2)`, the order every peer implementation uses,
/// so that results agree to the last bit.
pub fn o2_correct(c: f64, o2_measured: f64, o2_ref: f64) -> Result<f64, ConversionError> {
    if !(0.0..AIR_O2_PERCENT).contains(&o2_ref) {
        return Err(ConversionError::ReferenceO2OutOfRange(o2_ref));
    }
    if !o2_measured.is_finite() || !(0.0..AIR_O2_PERCENT).contains(&o2_measured) {
        return Err(ConversionError::O2OutOfRange(o2_measured));
    }
    Ok((c * (AIR_O2_PERCENT - o2_ref)) / (AIR_O2_PERCENT - o2_measured))
}

/// Converts a concentration `value` from `from` to `to`. `molar_mass` (g/mol) is needed
/// only between ppm and mass concentrations.
pub fn convert(
    value: f64,
    from: Unit,
    to: Unit,
    molar_mass: Option<f64>,
) -> Result<f64, ConversionError> {
    let incompatible = ConversionError::Incompatible {
        from: from.symbol(),
        to: to.symbol(),
    };
    if from == to {
        return Ok(value);
    }
    // Everything gas-phase goes through mg/m3.
    let to_mg = |v: f64, u: Unit| -> Option<f64> {
        match u {
            Unit::MgPerM3 => Some(v),
            Unit::UgPerM3 => Some(v / 1000.0),
            Unit::Ppm => molar_mass.map(|m| v * m / MOLAR_VOLUME_L),
            _ => None,
        }
    };
    let from_mg = |v: f64, u: Unit| -> Option<f64> {
        match u {
            Unit::MgPerM3 => Some(v),
            Unit::UgPerM3 => Some(v * 1000.0),
            Unit::Ppm => molar_mass.map(|m| v * MOLAR_VOLUME_L / m),
            _ => None,
        }
    };
    if let Some(mg) = to_mg(value, from) {
        return from_mg(mg, to).ok_or(incompatible);
    }
    // Rates and flows.
    let r = match (from, to) {
        (Unit::M3PerS, Unit::M3PerH) => value * 3600.0,
        (Unit::M3PerH, Unit::M3PerS) => value / 3600.0,
        (Unit::LPerS, Unit::M3PerH) => value * 3.6,
        (Unit::M3PerH, Unit::LPerS) => value / 3.6,
        (Unit::LPerS, Unit::M3PerS) => value / 1000.0,
        (Unit::M3PerS, Unit::LPerS) => value * 1000.0,
        (Unit::KgPerH, Unit::TPerA) => value * 8760.0 / 1000.0,
        (Unit::TPerA, Unit::KgPerH) => value * 1000.0 / 8760.0,
        _ => return Err(incompatible),
    };
    Ok(r)
}

/// Mass rate in kg/h from a concentration in mg/m³ and a dry standard flow in m³/h
/// (HJ 212-2017 App. D formula (33): `G = C × Q × 10⁻⁶`).
pub fn mass_rate_kg_per_h(c_mg_m3: f64, flow_m3_h: f64) -> f64 {
    c_mg_m3 * flow_m3_h * 1e-6
}

/// Wastewater load in kg from a concentration in mg/L and a volume in m³
/// (HJ 212-2017 App. D.1: `G = D × C × 10⁻³`).
pub fn water_load_kg(c_mg_l: f64, volume_m3: f64) -> f64 {
    c_mg_l * volume_m3 * 1e-3
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn o2_correction_by_hand() {
        // 30 mg/m3 measured at 9 % O2, reference 6 %: 30 × 15 / 12 = 37.5
        assert_eq!(o2_correct(30.0, 9.0, 6.0), Ok(37.5));
        // at the reference itself the value is unchanged
        assert_eq!(o2_correct(42.0, 6.0, 6.0), Ok(42.0));
        assert_eq!(
            o2_correct(1.0, 21.0, 6.0),
            Err(ConversionError::O2OutOfRange(21.0))
        );
        assert!(o2_correct(1.0, f64::NAN, 6.0).is_err());
        assert!(o2_correct(1.0, -0.3, 6.0).is_err());
        assert!(o2_correct(1.0, 5.0, 21.0).is_err());
    }

    #[test]
    fn ppm_to_mg_by_hand() {
        // SO2: 100 ppm × 64 / 22.4 = 285.714285...
        let so2 = convert(100.0, Unit::Ppm, Unit::MgPerM3, Some(64.0)).unwrap();
        assert!((so2 - 285.714_285_714_285_7).abs() < 1e-9);
        // NOx as NO2: 22.4 ppm × 46 / 22.4 = 46
        assert_eq!(
            convert(22.4, Unit::Ppm, Unit::MgPerM3, Some(46.0)),
            Ok(46.0)
        );
        assert_eq!(
            convert(35.0, Unit::MgPerM3, Unit::UgPerM3, None),
            Ok(35000.0)
        );
        assert!(convert(1.0, Unit::Ppm, Unit::MgPerM3, None).is_err());
        assert!(convert(1.0, Unit::MgPerL, Unit::MgPerM3, None).is_err());
        assert_eq!(convert(1.0, Unit::KgPerH, Unit::TPerA, None), Ok(8.76));
    }

    #[test]
    fn mass_by_hand() {
        // 35 mg/m3 × 1,000,000 m3/h = 35 kg/h
        assert_eq!(mass_rate_kg_per_h(35.0, 1_000_000.0), 35.0);
        // 80 mg/L × 500 m3 = 40 kg
        assert_eq!(water_load_kg(80.0, 500.0), 40.0);
    }

    #[test]
    fn unit_symbols_round_trip() {
        for u in ALL {
            assert_eq!(Unit::parse(u.symbol()), Some(u));
        }
        assert_eq!(Unit::parse("mg/m³"), Some(Unit::MgPerM3));
        assert_eq!(Unit::parse("µg/m3"), Some(Unit::UgPerM3));
    }
}
