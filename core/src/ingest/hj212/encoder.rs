//! Writing packets, for simulators, tests and sample captures.
//!
//! [`encode`] writes a [`Packet`] as the standard lays it out: header fields in the order
//! QN, ST, CN, PW, MN, Flag, PNUM, PNO; then `CP=&&`, `DataTime`, one `;`-separated item
//! per factor with its fields `,`-separated (values in the order Rtd, Avg, Min, Max, Cou,
//! ZsRtd, ZsAvg, ZsMin, ZsMax, then SampleTime, Flag, EFlag), then the other fields; then
//! `&&`, wrapped with `##`, the length, the Appendix A checksum and `\r\n`.
//! Numbers are written in Rust's shortest round-trip decimal form, so decoding gives back
//! exactly the same `f64`.

use super::cp::{format_compact_time, ValueSuffix};
use super::frame::{wrap, MAX_SEGMENT};
use super::segment::Packet;
use crate::diag::error::{Error, Result};
use crate::ErrorCode;
use std::fmt::Write as _;

/// The data segment of a packet (without framing).
pub fn encode_segment(p: &Packet) -> Result<String> {
    let mut s = String::with_capacity(256);
    let mut field = |name: &str, value: &str| {
        s.push_str(name);
        s.push('=');
        s.push_str(value);
        s.push(';');
    };
    if let Some(qn) = &p.qn {
        field("QN", qn);
    }
    if let Some(st) = &p.st {
        field("ST", st);
    }
    field("CN", &format!("{:04}", p.cn.0));
    if let Some(pw) = &p.pw {
        field("PW", pw);
    }
    field("MN", &p.mn);
    if let Some(f) = p.flag {
        field("Flag", &f.0.to_string());
    }
    if let Some(n) = p.pnum {
        field("PNUM", &n.to_string());
    }
    if let Some(n) = p.pno {
        field("PNO", &n.to_string());
    }
    s.push_str("CP=&&");
    let mut items: Vec<String> = Vec::new();
    if let Some(t) = p.cp.data_time {
        items.push(format!("DataTime={}", format_compact_time(t)));
    }
    for f in &p.cp.factors {
        let mut fields: Vec<String> = Vec::new();
        for suffix in ValueSuffix::ALL {
            if let Some(v) = f.value(suffix) {
                if !v.is_finite() {
                    return Err(Error::new(
                        ErrorCode::ProtocolUnencodable,
                        format!(
                            "{}-{} is {v}, which HJ 212 cannot carry",
                            f.code,
                            suffix.as_str()
                        ),
                    ));
                }
                fields.push(format!("{}-{}={}", f.code, suffix.as_str(), v));
            }
        }
        if let Some(t) = f.sample_time {
            fields.push(format!("{}-SampleTime={}", f.code, format_compact_time(t)));
        }
        if let Some(flag) = f.flag {
            fields.push(format!("{}-Flag={}", f.code, char::from(flag.as_byte())));
        }
        if let Some(e) = &f.eflag {
            fields.push(format!("{}-EFlag={e}", f.code));
        }
        if !fields.is_empty() {
            items.push(fields.join(","));
        }
    }
    for (name, value) in &p.cp.other {
        items.push(format!("{name}={value}"));
    }
    let _ = write!(s, "{}&&", items.join(";"));
    if s.len() > MAX_SEGMENT {
        return Err(Error::new(
            ErrorCode::ProtocolPacketTooLong,
            format!(
                "data segment of {} characters exceeds the maximum of {MAX_SEGMENT}",
                s.len()
            ),
        )
        .with_help("send the factors in several packets (Flag D bit with PNUM/PNO)"));
    }
    Ok(s)
}

/// A whole packet: `##`, length, data segment, checksum, `\r\n`.
pub fn encode(p: &Packet) -> Result<Vec<u8>> {
    let seg = encode_segment(p)?;
    wrap(seg.as_bytes())
        .ok_or_else(|| Error::new(ErrorCode::ProtocolPacketTooLong, "data segment too long"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::hj212::{Cn, DataArea, FactorFields, PacketFlag};
    use crate::ingest::readings::Flag;

    #[test]
    fn writes_the_standard_example() {
        let p = Packet {
            offset: 0,
            qn: Some("20160801085857223".into()),
            st: Some("32".into()),
            cn: Cn(1062),
            pw: Some("100000".into()),
            mn: "010000A8900016F000169DC0".into(),
            flag: Some(PacketFlag(5)),
            pnum: None,
            pno: None,
            cp: DataArea {
                other: vec![("RtdInterval".into(), "30".into())],
                ..DataArea::default()
            },
        };
        assert_eq!(
            encode(&p).unwrap(),
            b"##0101QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&1C80\r\n"
        );
    }

    #[test]
    fn writes_factor_fields_in_order() {
        let p = Packet {
            offset: 0,
            qn: None,
            st: Some("31".into()),
            cn: Cn::MINUTE,
            pw: None,
            mn: "AB".into(),
            flag: None,
            pnum: None,
            pno: None,
            cp: DataArea {
                data_time: Some(jiff::civil::date(2025, 3, 1).at(0, 1, 0, 0)),
                factors: vec![FactorFields::new("a21026")
                    .with(ValueSuffix::ZsAvg, 40.0)
                    .with(ValueSuffix::Avg, 30.5)
                    .with_flag(Flag::C)],
                other: vec![],
            },
        };
        assert_eq!(
            encode_segment(&p).unwrap(),
            "ST=31;CN=2051;MN=AB;CP=&&DataTime=20250301000100;a21026-Avg=30.5,a21026-ZsAvg=40,a21026-Flag=C&&"
        );
    }
}
