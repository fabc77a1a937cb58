//! The HJ 212-2017 packet checksum (Appendix A, normative).
//!
//! The standard calls it "ANSI CRC16" and defines it over the ASCII bytes of the data
//! segment only (not the `##`, the length, or the trailer):
//!
//! ```text
//! reg = 0xFFFF
//! for each byte b of the data segment:
//!     reg = (reg >> 8) ^ b
//!     repeat 8 times: lsb = reg & 1; reg >>= 1; if lsb: reg ^= 0xA001
//! ```
//!
//! The result is sent as four hexadecimal digits, high byte first (`1C80`).
//!
//! This is **not** CRC-16/MODBUS, although it uses the same polynomial: MODBUS XORs each
//! byte into the *low* byte of the register and keeps all 16 bits, while Appendix A
//! shifts the register right by eight before the XOR and so carries only 8 bits of state
//! from byte to byte. The standard's own example packet checks as `1C80`; MODBUS gives
//! `0759` for the same bytes (see the tests). Because only 256 checksum values occur, a
//! corrupted packet passes with probability about 1/256 — the decoder therefore also
//! validates the structure of every packet it accepts.

/// The Appendix A checksum of a data segment.
pub fn crc16(segment: &[u8]) -> u16 {
    let mut reg: u16 = 0xFFFF;
    for &b in segment {
        reg = (reg >> 8) ^ u16::from(b);
        for _ in 0..8 {
            let lsb = reg & 1;
            reg >>= 1;
            if lsb != 0 {
                reg ^= 0xA001;
            }
        }
    }
    reg
}

/// The checksum as the four upper-case hex digits a packet carries.
pub fn crc_hex(segment: &[u8]) -> [u8; 4] {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let c = crc16(segment);
    let digit = |shift: u16| {
        HEX.get(usize::from((c >> shift) & 0xF))
            .copied()
            .unwrap_or(b'0')
    };
    [digit(12), digit(8), digit(4), digit(0)]
}

/// Parses four hex digits (upper or lower case, a device tolerance) into a checksum.
pub fn parse_crc_hex(digits: &[u8]) -> Option<u16> {
    if digits.len() != 4 {
        return None;
    }
    let mut v: u16 = 0;
    for &d in digits {
        let n = match d {
            b'0'..=b'9' => d - b'0',
            b'A'..=b'F' => d - b'A' + 10,
            b'a'..=b'f' => d - b'a' + 10,
            _ => return None,
        };
        v = (v << 4) | u16::from(n);
    }
    Some(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// HJ 212-2017 §6.3 / Appendix A example packet, data segment only.
    const STANDARD_EXAMPLE: &[u8] =
        b"QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&";

    fn crc16_modbus(data: &[u8]) -> u16 {
        let mut reg: u16 = 0xFFFF;
        for &b in data {
            reg ^= u16::from(b);
            for _ in 0..8 {
                reg = if reg & 1 != 0 {
                    (reg >> 1) ^ 0xA001
                } else {
                    reg >> 1
                };
            }
        }
        reg
    }

    #[test]
    fn standard_example_is_1c80() {
        assert_eq!(STANDARD_EXAMPLE.len(), 101, "the example declares ##0101");
        assert_eq!(crc16(STANDARD_EXAMPLE), 0x1C80);
        assert_eq!(&crc_hex(STANDARD_EXAMPLE), b"1C80");
    }

    #[test]
    fn it_is_not_modbus() {
        assert_eq!(crc16_modbus(STANDARD_EXAMPLE), 0x0759);
        assert_ne!(crc16_modbus(STANDARD_EXAMPLE), crc16(STANDARD_EXAMPLE));
    }

    #[test]
    fn empty_segment_and_hex_parsing() {
        assert_eq!(crc16(b""), 0xFFFF);
        assert_eq!(parse_crc_hex(b"1c80"), Some(0x1C80));
        assert_eq!(parse_crc_hex(b"1C80"), Some(0x1C80));
        assert_eq!(parse_crc_hex(b"1G80"), None);
        assert_eq!(parse_crc_hex(b"1C8"), None);
    }

    #[test]
    fn only_256_values_occur() {
        // The register keeps 8 bits of state between bytes, so the checksum of any segment
        // is one of 256 values: what makes structural validation necessary.
        let mut seen = std::collections::BTreeSet::new();
        for i in 0u32..5000 {
            let s = format!("QN={i:017};CN=2051;CP=&&a21026-Avg={}&&", i * 7919 % 1000);
            seen.insert(crc16(s.as_bytes()));
        }
        assert!(seen.len() <= 256, "{}", seen.len());
    }
}
