//! The data segment: the header fields and the data area of one packet.
//!
//! ```text
//! QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&
//! ```
//!
//! | field | meaning (§6.3.2, Table 3) |
//! |---|---|
//! | `QN` | request number: the send time `YYYYMMDDhhmmsszzz` (ms); replies echo it |
//! | `ST` | system code: 31 stack gas, 32 wastewater, 91 system interaction (Table 5) |
//! | `CN` | command code: 2011 real-time, 2051 minute, 2061 hourly, 2031 daily data (Table 9) |
//! | `PW` | access password (6 characters) |
//! | `MN` | device id: 24 hex characters in 2017 (EPC-96), 14 characters on 2005 devices |
//! | `Flag` | bits `V5..V0 D A`: A (bit 0) reply required, D (bit 1) the packet is one of several (`PNUM`, `PNO` follow), V the protocol version (000001 = HJ 212-2017, 000000 = HJ/T 212-2005) |
//! | `PNUM`, `PNO` | total packets and this packet's number, only when D = 1 |
//! | `CP=&&...&&` | the data area, see [`super::cp`] |
//!
//! HJ/T 212-2005 packets have no `QN` and no `Flag`; they are accepted. Because the
//! checksum is weak (1 in 256 corrupted packets pass), every field is checked: QN is a
//! valid time, CN a Table 9 code, MN 1–24 letters and digits, Flag 0–255 with PNUM/PNO
//! exactly when D is set, each CP field well-formed (see [`super::cp`]).

use super::cp::{parse_compact_time, parse_data_area, CpError, DataArea};
use super::diagnostic::DiagnosticKind;

/// A command code (Table 9).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Cn(pub u16);

impl Cn {
    /// 2011 real-time data: DataTime is the acquisition instant, values are `-Rtd`.
    pub const REALTIME: Cn = Cn(2011);
    /// 2051 minute data: DataTime starts the period, values are `-Avg`.
    pub const MINUTE: Cn = Cn(2051);
    /// 2061 hourly data.
    pub const HOURLY: Cn = Cn(2061);
    /// 2031 daily data.
    pub const DAILY: Cn = Cn(2031);

    /// What the code means, for codes HJ 212-2017 Table 9 defines.
    pub fn meaning(self) -> Option<&'static str> {
        Some(match self.0 {
            2011 => "real-time data",
            2012 => "stop real-time data",
            2021 => "equipment run state",
            2022 => "stop equipment run state",
            2031 => "daily data",
            2041 => "daily equipment run time",
            2051 => "minute data",
            2061 => "hourly data",
            2081 => "data-logger boot time",
            1000..=1072 => "time or parameter command",
            3011..=3021 => "control command",
            9011 => "request reply",
            9012 => "execution result",
            9013 => "notice reply",
            9014 => "data reply",
            _ => return None,
        })
    }

    /// Whether Table 9 defines the code.
    pub fn is_known(self) -> bool {
        self.meaning().is_some()
    }

    /// Whether packets with this code carry monitoring data (2011, 2051, 2061, 2031).
    pub fn is_data(self) -> bool {
        matches!(self.0, 2011 | 2051 | 2061 | 2031)
    }
}

/// The protocol version from the Flag bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Version {
    /// HJ/T 212-2005 (version bits 000000, or no Flag field).
    Hj212_2005,
    /// HJ 212-2017 (version bits 000001).
    Hj212_2017,
    /// Any other version bits (e.g. a later revision), as the number they encode.
    Other(u8),
}

/// The `Flag` field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PacketFlag(pub u8);

impl PacketFlag {
    /// A: the sender wants a reply.
    pub fn reply_required(self) -> bool {
        self.0 & 1 != 0
    }

    /// D: the packet is one of several; PNUM and PNO are present.
    pub fn split(self) -> bool {
        self.0 & 2 != 0
    }

    /// The protocol version bits V5..V0.
    pub fn version(self) -> Version {
        match self.0 >> 2 {
            0 => Version::Hj212_2005,
            1 => Version::Hj212_2017,
            v => Version::Other(v),
        }
    }
}

/// One decoded packet.
#[derive(Debug, Clone, PartialEq)]
pub struct Packet {
    /// Byte offset of the packet's `##` in the stream.
    pub offset: u64,
    /// `QN`, 17 digits; absent in 2005 packets.
    pub qn: Option<String>,
    /// `ST`, the system code.
    pub st: Option<String>,
    /// `CN`, the command code.
    pub cn: Cn,
    /// `PW`, the password.
    pub pw: Option<String>,
    /// `MN`, the device id.
    pub mn: String,
    /// `Flag`; absent in 2005 packets.
    pub flag: Option<PacketFlag>,
    /// `PNUM`, total packets of a split message (D = 1).
    pub pnum: Option<u32>,
    /// `PNO`, this packet's number (1-based) of a split message.
    pub pno: Option<u32>,
    /// The data area.
    pub cp: DataArea,
}

impl Packet {
    /// The protocol version: from the Flag bits, or 2005 when there is no Flag.
    pub fn version(&self) -> Version {
        self.flag.map_or(Version::Hj212_2005, PacketFlag::version)
    }
}

/// Why a data segment was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SegmentError {
    pub kind: DiagnosticKind,
    pub message: String,
}

fn malformed(message: impl Into<String>) -> SegmentError {
    SegmentError {
        kind: DiagnosticKind::MalformedField,
        message: message.into(),
    }
}

/// The QN of a data segment if it has a well-formed one (for diagnostics about packets
/// that fail later checks).
pub(crate) fn sniff_qn(segment: &[u8]) -> Option<String> {
    let start = if segment.starts_with(b"QN=") {
        3
    } else {
        segment.windows(4).position(|w| w == b";QN=")? + 4
    };
    let qn = segment.get(start..start + 17)?;
    let end_ok = matches!(segment.get(start + 17), None | Some(b';'));
    (qn.iter().all(u8::is_ascii_digit) && end_ok).then(|| String::from_utf8_lossy(qn).into_owned())
}

fn digits_u32(s: &str, max_len: usize) -> Option<u32> {
    if s.is_empty() || s.len() > max_len || !s.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Parses and validates a data segment (the bytes between the length and the CRC).
pub(crate) fn parse_segment(segment: &[u8], offset: u64) -> Result<Packet, SegmentError> {
    let text = std::str::from_utf8(segment)
        .map_err(|_| malformed("data segment is not valid UTF-8 text"))?;
    if let Some(c) = text.chars().find(|c| c.is_control()) {
        return Err(malformed(format!(
            "data segment contains the control character {:?}",
            c
        )));
    }
    let (header_text, cp_text) = split_segment(text)?;
    let h = parse_header(header_text)?;
    let Some(cn) = h.cn else {
        return Err(malformed("header has no CN"));
    };
    let Some(mn) = h.mn else {
        return Err(malformed("header has no MN"));
    };
    check_packet_count(h.flag, h.pnum, h.pno)?;
    if !cn.is_known() {
        return Err(SegmentError {
            kind: DiagnosticKind::UnknownCn,
            message: format!("unknown command code CN={}", cn.0),
        });
    }
    let cp = parse_data_area(cp_text).map_err(|e| match e {
        CpError::Malformed(m) => malformed(m),
        CpError::BadTime(m) => SegmentError {
            kind: DiagnosticKind::BadTime,
            message: m,
        },
    })?;
    if cn.is_data() && cp.data_time.is_none() {
        return Err(malformed(format!(
            "data packet CN={} has no DataTime",
            cn.0
        )));
    }
    Ok(Packet {
        offset,
        qn: h.qn,
        st: h.st,
        cn,
        pw: h.pw,
        mn,
        flag: h.flag,
        pnum: h.pnum,
        pno: h.pno,
        cp,
    })
}

/// The header fields (before `CP=`, without its final `;`) and the data area (inside
/// `CP=&&…&&`).
fn split_segment(text: &str) -> Result<(&str, &str), SegmentError> {
    let Some(cp_at) = text.find("CP=&&") else {
        return Err(malformed("data segment has no `CP=&&` data area"));
    };
    let header = text.get(..cp_at).unwrap_or("");
    let rest = text.get(cp_at + 5..).unwrap_or("");
    let Some(cp_text) = rest.strip_suffix("&&") else {
        return Err(malformed("data area does not end with `&&`"));
    };
    let header = match header.strip_suffix(';') {
        Some(h) => h,
        None if header.is_empty() => header,
        None => return Err(malformed("header fields must end with `;` before `CP=`")),
    };
    Ok((header, cp_text))
}

/// The header fields of a segment, each at most once.
#[derive(Default)]
struct Header {
    qn: Option<String>,
    st: Option<String>,
    cn: Option<Cn>,
    pw: Option<String>,
    mn: Option<String>,
    flag: Option<PacketFlag>,
    pnum: Option<u32>,
    pno: Option<u32>,
}

/// Parses `NAME=value;…` (HJ 212-2017 Table 4): every field checked, none twice.
fn parse_header(header: &str) -> Result<Header, SegmentError> {
    let mut h = Header::default();
    if header.is_empty() {
        return Ok(h);
    }
    for part in header.split(';') {
        let Some((name, value)) = part.split_once('=') else {
            return Err(malformed(format!(
                "header field `{}` has no `=`",
                part.escape_debug()
            )));
        };
        if !header_field(&mut h, name, value)? {
            return Err(malformed(format!("header field {name} appears twice")));
        }
    }
    Ok(h)
}

/// Checks one header field and stores it; `false` if it was already set.
fn header_field(h: &mut Header, name: &str, value: &str) -> Result<bool, SegmentError> {
    let bad = |what: &str| malformed(format!("{name} `{}` is not {what}", value.escape_debug()));
    let fresh = match name {
        "QN" => {
            let ok = value.len() == 17
                && value.get(..14).and_then(parse_compact_time).is_some()
                && value.bytes().all(|c| c.is_ascii_digit());
            if !ok {
                return Err(SegmentError {
                    kind: DiagnosticKind::BadTime,
                    message: format!(
                        "QN `{}` is not a valid YYYYMMDDhhmmsszzz time",
                        value.escape_debug()
                    ),
                });
            }
            h.qn.replace(value.to_string()).is_none()
        }
        "ST" => {
            if digits_u32(value, 5).is_none() {
                return Err(bad("a system code"));
            }
            h.st.replace(value.to_string()).is_none()
        }
        "CN" => {
            let code = (value.len() == 4).then(|| digits_u32(value, 4)).flatten();
            let Some(code) = code.and_then(|c| u16::try_from(c).ok()) else {
                return Err(bad("a 4-digit command code"));
            };
            h.cn.replace(Cn(code)).is_none()
        }
        "PW" => {
            if value.len() > 32 || value.contains(['&', ',', '=']) {
                return Err(bad("a password"));
            }
            h.pw.replace(value.to_string()).is_none()
        }
        "MN" => {
            if value.is_empty()
                || value.len() > 24
                || !value.bytes().all(|c| c.is_ascii_alphanumeric())
            {
                return Err(bad("a device id of 1 to 24 letters and digits"));
            }
            h.mn.replace(value.to_string()).is_none()
        }
        "Flag" => {
            let Some(f) = digits_u32(value, 3).and_then(|f| u8::try_from(f).ok()) else {
                return Err(bad("an integer 0 to 255"));
            };
            h.flag.replace(PacketFlag(f)).is_none()
        }
        "PNUM" | "PNO" => {
            let Some(n) = digits_u32(value, 4).filter(|n| *n >= 1) else {
                return Err(bad("a packet count 1 to 9999"));
            };
            let slot = if name == "PNUM" {
                &mut h.pnum
            } else {
                &mut h.pno
            };
            slot.replace(n).is_none()
        }
        _ => {
            return Err(malformed(format!(
                "unknown header field `{}`",
                name.escape_debug()
            )))
        }
    };
    Ok(fresh)
}

/// A split packet (Flag D bit) has PNUM and PNO with PNO ≤ PNUM; an unsplit one has neither.
fn check_packet_count(
    flag: Option<PacketFlag>,
    pnum: Option<u32>,
    pno: Option<u32>,
) -> Result<(), SegmentError> {
    let split = flag.is_some_and(PacketFlag::split);
    match (split, pnum, pno) {
        (true, Some(total), Some(no)) if no <= total => Ok(()),
        (true, Some(total), Some(no)) => {
            Err(malformed(format!("PNO {no} is greater than PNUM {total}")))
        }
        (true, _, _) => Err(malformed(
            "Flag has the D bit set but PNUM or PNO is missing",
        )),
        (false, None, None) => Ok(()),
        (false, _, _) => Err(malformed(
            "PNUM or PNO present but the Flag D bit is not set",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &[u8] = b"QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&";

    #[test]
    fn parses_standard_example() {
        let p = parse_segment(EXAMPLE, 7).unwrap();
        assert_eq!(p.offset, 7);
        assert_eq!(p.qn.as_deref(), Some("20160801085857223"));
        assert_eq!(p.st.as_deref(), Some("32"));
        assert_eq!(p.cn, Cn(1062));
        assert_eq!(p.pw.as_deref(), Some("100000"));
        assert_eq!(p.mn, "010000A8900016F000169DC0");
        assert_eq!(p.flag, Some(PacketFlag(5)));
        assert!(p.flag.unwrap().reply_required());
        assert!(!p.flag.unwrap().split());
        assert_eq!(p.version(), Version::Hj212_2017);
        assert_eq!(
            p.cp.other,
            vec![("RtdInterval".to_string(), "30".to_string())]
        );
        assert_eq!(sniff_qn(EXAMPLE).as_deref(), Some("20160801085857223"));
    }

    #[test]
    fn flag_bits() {
        assert_eq!(PacketFlag(4).version(), Version::Hj212_2017);
        assert!(!PacketFlag(4).reply_required());
        assert!(PacketFlag(7).split() && PacketFlag(7).reply_required());
        assert_eq!(PacketFlag(0).version(), Version::Hj212_2005);
        assert_eq!(PacketFlag(9).version(), Version::Other(2));
    }

    #[test]
    fn accepts_2005_packets() {
        let p = parse_segment(b"ST=32;CN=2051;PW=123456;MN=88888880000001;CP=&&DataTime=20040516020111;011-Avg=12.5,011-Flag=N&&", 0)
            .unwrap();
        assert_eq!(p.qn, None);
        assert_eq!(p.version(), Version::Hj212_2005);
        assert_eq!(p.cp.factor("w01018").unwrap().code, "011");
    }

    #[test]
    fn split_packets_need_pnum_and_pno() {
        let ok = b"QN=20250301000000000;ST=31;CN=2051;PW=123456;MN=AB12;Flag=7;PNUM=2;PNO=1;CP=&&DataTime=20250301000000&&";
        let p = parse_segment(ok, 0).unwrap();
        assert_eq!((p.pnum, p.pno), (Some(2), Some(1)));
        let missing = b"QN=20250301000000000;ST=31;CN=2051;PW=123456;MN=AB12;Flag=7;CP=&&DataTime=20250301000000&&";
        assert_eq!(
            parse_segment(missing, 0).unwrap_err().kind,
            DiagnosticKind::MalformedField
        );
        let stray = b"QN=20250301000000000;ST=31;CN=2051;PW=123456;MN=AB12;Flag=4;PNO=1;CP=&&DataTime=20250301000000&&";
        assert_eq!(
            parse_segment(stray, 0).unwrap_err().kind,
            DiagnosticKind::MalformedField
        );
    }

    #[test]
    fn structural_checks() {
        let cases: &[(&[u8], DiagnosticKind)] = &[
            (
                b"QN=2016080108585722;CN=2051;MN=A;CP=&&DataTime=20250301000000&&",
                DiagnosticKind::BadTime,
            ),
            (b"CN=2951;MN=A;CP=&&&&", DiagnosticKind::UnknownCn),
            (b"CN=2051;MN=A;CP=&&&&", DiagnosticKind::MalformedField),
            (
                b"CN=2051;MN=A-B;CP=&&DataTime=20250301000000&&",
                DiagnosticKind::MalformedField,
            ),
            (
                b"CN=2051;MN=A;XX=1;CP=&&DataTime=20250301000000&&",
                DiagnosticKind::MalformedField,
            ),
            (
                b"CN=2051;MN=A;CP=&&DataTime=20250301000000",
                DiagnosticKind::MalformedField,
            ),
            (
                b"CN=2051;CP=&&DataTime=20250301000000&&",
                DiagnosticKind::MalformedField,
            ),
            (
                b"CN=2051;MN=A;CP=&&DataTime=20251301000000&&",
                DiagnosticKind::BadTime,
            ),
            (
                b"CN=2051;MN=A;Flag=256;CP=&&DataTime=20250301000000&&",
                DiagnosticKind::MalformedField,
            ),
        ];
        for (seg, kind) in cases {
            assert_eq!(
                parse_segment(seg, 0).unwrap_err().kind,
                *kind,
                "{}",
                String::from_utf8_lossy(seg)
            );
        }
    }
}
