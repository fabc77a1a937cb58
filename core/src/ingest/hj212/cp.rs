//! The data area `CP=&&...&&`: DataTime and the monitoring-factor fields.
//!
//! Inside the `&&` pair, `;` separates items and `,` separates the fields of one item
//! (§6.3.3); every field is `name=value` and names are case-sensitive:
//!
//! ```text
//! CP=&&DataTime=20250301100000;a21026-Avg=38.2,a21026-ZsAvg=44.1,a21026-Flag=N;a19001-Avg=9.1,a19001-Flag=N&&
//! ```
//!
//! A factor field is `<code>-<suffix>`: the code is an HJ 212-2017 Appendix B code
//! (`a21026` SO2) or, from 2005-era devices, the old code (`02`). The suffixes (Table 4):
//!
//! | suffix | meaning |
//! |---|---|
//! | `-Rtd` | real-time value (CN 2011) |
//! | `-Avg`, `-Min`, `-Max` | average, minimum, maximum over the period (CN 2051, 2061, 2031) |
//! | `-ZsRtd`, `-ZsAvg`, `-ZsMin`, `-ZsMax` | the same, converted (折算) to the reference O2 |
//! | `-Cou` | cumulative amount over the period (kg, m³) |
//! | `-Flag` | data flag, one letter: N normal, F stopped, M maintenance, S set value, D fault, C calibration, T over measuring range, B comms (Table 8) |
//! | `-EFlag` | device-defined flag (up to 4 characters) |
//! | `-SampleTime` | when the sample was taken (`YYYYMMDDhhmmss`) |
//!
//! `DataTime` (`YYYYMMDDhhmmss`, local time of the device) is the **start** of the period
//! for minute (2051), hourly (2061) and daily (2031) data — a 10-minute record stamped
//! 08:40 covers 08:40–08:50 — and the acquisition instant for real-time data (2011).
//! Fields with other names or suffixes (`RtdInterval`, `SB1-RS`, `-Info`) are kept as
//! text in [`DataArea::other`].

use crate::domain::pollutant::{Pollutant, REGISTRY};
use crate::ingest::readings::Flag;
use jiff::civil::DateTime;

/// The numeric suffixes of a factor field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ValueSuffix {
    /// `-Rtd`
    Rtd,
    /// `-Avg`
    Avg,
    /// `-Min`
    Min,
    /// `-Max`
    Max,
    /// `-Cou`
    Cou,
    /// `-ZsRtd`
    ZsRtd,
    /// `-ZsAvg`
    ZsAvg,
    /// `-ZsMin`
    ZsMin,
    /// `-ZsMax`
    ZsMax,
}

impl ValueSuffix {
    /// Every numeric suffix, in the order the encoder writes them.
    pub const ALL: [ValueSuffix; 9] = [
        ValueSuffix::Rtd,
        ValueSuffix::Avg,
        ValueSuffix::Min,
        ValueSuffix::Max,
        ValueSuffix::Cou,
        ValueSuffix::ZsRtd,
        ValueSuffix::ZsAvg,
        ValueSuffix::ZsMin,
        ValueSuffix::ZsMax,
    ];

    /// The suffix text without the dash (`Avg`).
    pub fn as_str(self) -> &'static str {
        match self {
            ValueSuffix::Rtd => "Rtd",
            ValueSuffix::Avg => "Avg",
            ValueSuffix::Min => "Min",
            ValueSuffix::Max => "Max",
            ValueSuffix::Cou => "Cou",
            ValueSuffix::ZsRtd => "ZsRtd",
            ValueSuffix::ZsAvg => "ZsAvg",
            ValueSuffix::ZsMin => "ZsMin",
            ValueSuffix::ZsMax => "ZsMax",
        }
    }

    fn parse(s: &str) -> Option<ValueSuffix> {
        ValueSuffix::ALL.into_iter().find(|v| v.as_str() == s)
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// All fields of one monitoring factor in a packet.
#[derive(Debug, Clone, PartialEq)]
pub struct FactorFields {
    /// The code as sent (`a21026`, or a 2005 code such as `02`).
    pub code: String,
    /// The registry entry, when the code is known.
    pub pollutant: Option<&'static Pollutant>,
    /// Numeric values by suffix, see [`FactorFields::value`].
    values: [Option<f64>; 9],
    /// `-Flag`, absent when not sent (readers default to N).
    pub flag: Option<Flag>,
    /// `-EFlag`, the device's own flag.
    pub eflag: Option<String>,
    /// `-SampleTime`.
    pub sample_time: Option<DateTime>,
}

impl FactorFields {
    /// A factor with no fields yet.
    pub fn new(code: impl Into<String>) -> Self {
        let code = code.into();
        let pollutant = registry_code(&code);
        FactorFields {
            code,
            pollutant,
            values: [None; 9],
            flag: None,
            eflag: None,
            sample_time: None,
        }
    }

    /// The value with a suffix, if sent.
    pub fn value(&self, suffix: ValueSuffix) -> Option<f64> {
        self.values.get(suffix.index()).copied().flatten()
    }

    /// Sets (or with `None` clears) a value.
    pub fn set_value(&mut self, suffix: ValueSuffix, value: Option<f64>) -> &mut Self {
        if let Some(slot) = self.values.get_mut(suffix.index()) {
            *slot = value;
        }
        self
    }

    /// Builder form of [`FactorFields::set_value`].
    pub fn with(mut self, suffix: ValueSuffix, value: f64) -> Self {
        self.set_value(suffix, Some(value));
        self
    }

    /// Builder form setting the flag.
    pub fn with_flag(mut self, flag: Flag) -> Self {
        self.flag = Some(flag);
        self
    }
}

/// The parsed data area.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DataArea {
    /// `DataTime`, local civil time of the device.
    pub data_time: Option<DateTime>,
    /// The monitoring factors, in first-seen order.
    pub factors: Vec<FactorFields>,
    /// Every other field as (name, value) text, in order.
    pub other: Vec<(String, String)>,
}

impl DataArea {
    /// The fields of one factor, by the code as sent or by its 2017 code.
    pub fn factor(&self, code: &str) -> Option<&FactorFields> {
        self.factors
            .iter()
            .find(|f| f.code == code || f.pollutant.is_some_and(|p| p.code == code))
    }
}

/// Registry entry for a code as it appears in a packet: exact 2017 or 2005 code.
pub fn registry_code(code: &str) -> Option<&'static Pollutant> {
    REGISTRY
        .iter()
        .find(|p| p.code == code || p.code_2005 == Some(code))
}

/// Why a data area was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum CpError {
    Malformed(String),
    BadTime(String),
}

/// Parses `YYYYMMDDhhmmss` (exactly 14 digits) into a civil time.
pub fn parse_compact_time(s: &str) -> Option<DateTime> {
    let b = s.as_bytes();
    if b.len() != 14 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let num = |from: usize, to: usize| -> i32 {
        b.get(from..to)
            .unwrap_or(&[])
            .iter()
            .fold(0i32, |acc, d| acc * 10 + i32::from(d - b'0'))
    };
    let year = i16::try_from(num(0, 4)).ok()?;
    let month = i8::try_from(num(4, 6)).ok()?;
    let day = i8::try_from(num(6, 8)).ok()?;
    let hour = i8::try_from(num(8, 10)).ok()?;
    let minute = i8::try_from(num(10, 12)).ok()?;
    let second = i8::try_from(num(12, 14)).ok()?;
    DateTime::new(year, month, day, hour, minute, second, 0).ok()
}

/// Formats a civil time as `YYYYMMDDhhmmss`.
pub fn format_compact_time(t: DateTime) -> String {
    format!(
        "{:04}{:02}{:02}{:02}{:02}{:02}",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// Strict decimal: optional sign, digits, optional fraction (no exponent, no inf/nan).
pub(crate) fn parse_number(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    let digits = match b.first() {
        Some(b'-') | Some(b'+') => b.get(1..)?,
        _ => b,
    };
    let mut seen_digit = false;
    let mut seen_dot = false;
    for &c in digits {
        match c {
            b'0'..=b'9' => seen_digit = true,
            b'.' if !seen_dot => seen_dot = true,
            _ => return None,
        }
    }
    if !seen_digit || digits.len() > 40 {
        return None;
    }
    s.parse::<f64>().ok().filter(|v| v.is_finite())
}

fn is_code(s: &str) -> bool {
    !s.is_empty() && s.len() <= 16 && s.bytes().all(|c| c.is_ascii_alphanumeric())
}

/// Parses the text between `CP=&&` and the closing `&&`.
pub(crate) fn parse_data_area(text: &str) -> Result<DataArea, CpError> {
    let mut area = DataArea::default();
    if text.is_empty() {
        return Ok(area);
    }
    for item in text.split(';') {
        if item.is_empty() {
            return Err(CpError::Malformed(
                "empty item between `;` separators in CP".into(),
            ));
        }
        for field in item.split(',') {
            parse_field(field, &mut area)?;
        }
    }
    Ok(area)
}

fn parse_field(field: &str, area: &mut DataArea) -> Result<(), CpError> {
    let Some((name, value)) = field.split_once('=') else {
        return Err(CpError::Malformed(format!(
            "CP field `{}` has no `=`",
            field.escape_debug()
        )));
    };
    if name.is_empty() {
        return Err(CpError::Malformed(format!(
            "CP field `{}` has no name",
            field.escape_debug()
        )));
    }
    if name == "DataTime" {
        if area.data_time.is_some() {
            return Err(CpError::Malformed("DataTime appears twice".into()));
        }
        let t = parse_compact_time(value).ok_or_else(|| {
            CpError::BadTime(format!(
                "DataTime `{}` is not a valid YYYYMMDDhhmmss time",
                value.escape_debug()
            ))
        })?;
        area.data_time = Some(t);
        return Ok(());
    }
    let known = name.split_once('-').and_then(|(code, suffix)| {
        let kind = match suffix {
            "Flag" => Some(Suffix::Flag),
            "EFlag" => Some(Suffix::EFlag),
            "SampleTime" => Some(Suffix::SampleTime),
            s => ValueSuffix::parse(s).map(Suffix::Value),
        };
        kind.map(|k| (code, k))
    });
    let Some((code, suffix)) = known else {
        if area.other.iter().any(|(n, _)| n == name) {
            return Err(CpError::Malformed(format!(
                "field `{}` appears twice",
                name.escape_debug()
            )));
        }
        area.other.push((name.to_string(), value.to_string()));
        return Ok(());
    };
    if !is_code(code) {
        return Err(CpError::Malformed(format!(
            "`{}` is not a monitoring-factor code",
            code.escape_debug()
        )));
    }
    let idx = match area.factors.iter().position(|f| f.code == code) {
        Some(i) => i,
        None => {
            area.factors.push(FactorFields::new(code));
            area.factors.len() - 1
        }
    };
    let Some(f) = area.factors.get_mut(idx) else {
        return Err(CpError::Malformed("internal: factor vanished".into()));
    };
    let twice = || CpError::Malformed(format!("field `{}` appears twice", name.escape_debug()));
    match suffix {
        Suffix::Value(s) => {
            let v = parse_number(value).ok_or_else(|| {
                CpError::Malformed(format!(
                    "`{name}={}` is not a decimal number",
                    value.escape_debug()
                ))
            })?;
            if f.value(s).is_some() {
                return Err(twice());
            }
            f.set_value(s, Some(v));
        }
        Suffix::Flag => {
            let flag = Flag::parse(value).ok_or_else(|| {
                CpError::Malformed(format!(
                    "`{name}={}` is not a data flag (N, F, M, S, D, C, T, B)",
                    value.escape_debug()
                ))
            })?;
            if f.flag.is_some() {
                return Err(twice());
            }
            f.flag = Some(flag);
        }
        Suffix::EFlag => {
            if value.len() > 4 || !value.bytes().all(|c| c.is_ascii_alphanumeric()) {
                return Err(CpError::Malformed(format!(
                    "`{name}={}` is not a device flag of up to 4 characters",
                    value.escape_debug()
                )));
            }
            if f.eflag.is_some() {
                return Err(twice());
            }
            f.eflag = Some(value.to_string());
        }
        Suffix::SampleTime => {
            let t = parse_compact_time(value).ok_or_else(|| {
                CpError::BadTime(format!(
                    "`{name}={}` is not a valid YYYYMMDDhhmmss time",
                    value.escape_debug()
                ))
            })?;
            if f.sample_time.is_some() {
                return Err(twice());
            }
            f.sample_time = Some(t);
        }
    }
    Ok(())
}

#[derive(Clone, Copy)]
enum Suffix {
    Value(ValueSuffix),
    Flag,
    EFlag,
    SampleTime,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_minute_data_area() {
        let a = parse_data_area(
            "DataTime=20250301100000;a21026-Avg=38.2,a21026-ZsAvg=44.1,a21026-Flag=N;a19001-Avg=9.1,a19001-Flag=C;02-Cou=1.5;SB1-RS=1",
        )
        .unwrap();
        assert_eq!(
            a.data_time,
            Some(jiff::civil::date(2025, 3, 1).at(10, 0, 0, 0))
        );
        let so2 = a.factor("a21026").unwrap();
        assert_eq!(so2.value(ValueSuffix::Avg), Some(38.2));
        assert_eq!(so2.value(ValueSuffix::ZsAvg), Some(44.1));
        assert_eq!(so2.flag, Some(Flag::N));
        assert_eq!(a.factor("a19001").unwrap().flag, Some(Flag::C));
        // 2005 code 02 is SO2 as well, kept as its own factor entry.
        assert_eq!(a.factors[2].code, "02");
        assert_eq!(a.factors[2].pollutant.unwrap().code, "a21026");
        assert_eq!(a.other, vec![("SB1-RS".to_string(), "1".to_string())]);
    }

    #[test]
    fn refuses_malformed_fields() {
        for bad in [
            "a21026-Avg=1.2.3",
            "a21026-Avg=",
            "a21026-Avg=1e5",
            "a21026-Avg=inf",
            "a21026-Avg=1,a21026-Avg=2",
            "a21026-Flag=X",
            "a21026-Avg",
            "a21026-Avg=1;;a19001-Avg=2",
            "a2#026-Avg=1",
        ] {
            assert!(
                matches!(parse_data_area(bad), Err(CpError::Malformed(_))),
                "{bad}"
            );
        }
        assert!(matches!(
            parse_data_area("DataTime=20250230100000"),
            Err(CpError::BadTime(_))
        ));
        assert!(matches!(
            parse_data_area("DataTime=2025030110000"),
            Err(CpError::BadTime(_))
        ));
    }

    #[test]
    fn numbers_are_strict_decimals() {
        assert_eq!(parse_number("-0.5"), Some(-0.5));
        assert_eq!(parse_number("12"), Some(12.0));
        assert_eq!(parse_number(".5"), Some(0.5));
        assert_eq!(parse_number("."), None);
        assert_eq!(parse_number("NaN"), None);
        assert_eq!(parse_number("1e3"), None);
    }
}
