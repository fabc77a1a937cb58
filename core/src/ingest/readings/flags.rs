//! HJ 212-2017 data flags (§6.6.4, Table 8).
//!
//! Every value a monitor sends carries one flag letter. Only the rule pack decides which
//! flags count toward an average (HJ 212 defines the letters, HJ 75/76 their use); a
//! typical Chinese pack counts only `N`.

use serde::{Deserialize, Serialize};

/// A data flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
pub enum Flag {
    /// N: instrument normal.
    N,
    /// F: source stopped (停运).
    F,
    /// M: maintenance (维护).
    M,
    /// S: manually entered set value (手工输入的设定值).
    S,
    /// D: instrument fault (故障).
    D,
    /// C: calibration (校准).
    C,
    /// T: above the instrument's measuring upper limit (超测量上限) — not "over the emission limit".
    T,
    /// B: communication between instrument and logger abnormal.
    B,
}

impl Flag {
    /// Every flag, in Table 8 order.
    pub const ALL: [Flag; 8] = [
        Flag::N,
        Flag::F,
        Flag::M,
        Flag::S,
        Flag::D,
        Flag::C,
        Flag::T,
        Flag::B,
    ];

    /// The flag for an ASCII letter (upper or lower case).
    pub fn from_byte(b: u8) -> Option<Flag> {
        Some(match b.to_ascii_uppercase() {
            b'N' => Flag::N,
            b'F' => Flag::F,
            b'M' => Flag::M,
            b'S' => Flag::S,
            b'D' => Flag::D,
            b'C' => Flag::C,
            b'T' => Flag::T,
            b'B' => Flag::B,
            _ => return None,
        })
    }

    /// The ASCII letter.
    pub fn as_byte(self) -> u8 {
        match self {
            Flag::N => b'N',
            Flag::F => b'F',
            Flag::M => b'M',
            Flag::S => b'S',
            Flag::D => b'D',
            Flag::C => b'C',
            Flag::T => b'T',
            Flag::B => b'B',
        }
    }

    /// Parses a flag field: one letter; an empty field means `N`.
    pub fn parse(text: &str) -> Option<Flag> {
        match text.trim().as_bytes() {
            [] => Some(Flag::N),
            [b] => Flag::from_byte(*b),
            _ => None,
        }
    }
}
