//! Packet framing: where a packet starts and ends in a byte stream.
//!
//! Every HJ 212 packet (§6.3, Table 2) is
//!
//! ```text
//! ##  0101  QN=...;ST=32;CN=1062;...;CP=&&...&&  1C80  \r\n
//! │   │     │                                    │     └ trailer, always CR LF
//! │   │     │                                    └ CRC of the data segment, 4 hex digits
//! │   │     └ data segment, 0–1024 ASCII characters
//! │   └ length of the data segment, 4 decimal digits
//! └ header
//! ```
//!
//! [`check`] looks at bytes starting with `##` and says whether they hold a whole,
//! well-framed packet, need more bytes, are no header at all, or are a broken packet
//! (with the [`DiagnosticKind`] and how many bytes the broken packet seems to cover, so the
//! decoder does not also call them garbage). It never reads past what it was given and
//! decides only from bytes it has, so the decoder gives the same answer however the
//! stream is chunked.

use super::crc::{crc16, parse_crc_hex};
use super::diagnostic::DiagnosticKind;

/// Largest data segment the standard allows (§6.3: 0–1024 characters).
pub const MAX_SEGMENT: usize = 1024;

/// Bytes around the data segment: `##`, 4 length digits, 4 CRC digits, `\r\n`.
pub const OVERHEAD: usize = 12;

/// How far past a packet's declared end a broken packet is searched for its real end
/// (`\r\n`), to report a wrong length as `bad_length` rather than `bad_frame`.
pub const LENGTH_SLACK: usize = 64;

/// The verdict on bytes that start with `##`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Check {
    /// Not enough bytes yet to decide.
    NeedMore,
    /// `##` not followed by four digits: not a packet header.
    NotHeader,
    /// A well-framed packet with a matching checksum; the data segment is
    /// `bytes[6..6 + segment_len]` and the packet is `total` bytes long.
    Packet {
        /// Length of the data segment.
        segment_len: usize,
        /// Length of the whole packet including `\r\n`.
        total: usize,
    },
    /// A broken packet.
    Reject {
        /// Why.
        kind: DiagnosticKind,
        /// Description.
        message: String,
        /// How many bytes from the `##` the broken packet seems to cover.
        covers: usize,
        /// The data segment, when the framing was sound (for reading the QN).
        segment_len: Option<usize>,
    },
}

fn find_crlf(b: &[u8]) -> Option<usize> {
    b.windows(2).position(|w| w == b"\r\n")
}

fn find_hashes(b: &[u8]) -> Option<usize> {
    b.windows(2).position(|w| w == b"##")
}

/// Checks the bytes of a candidate packet; `b` starts with `##`. With `at_end` the stream
/// has ended and missing bytes will never come.
pub fn check(b: &[u8], at_end: bool) -> Check {
    let mut len = 0usize;
    for k in 2..6 {
        match b.get(k) {
            None => {
                return if at_end {
                    Check::NotHeader
                } else {
                    Check::NeedMore
                }
            }
            Some(d) if d.is_ascii_digit() => len = len * 10 + usize::from(d - b'0'),
            Some(_) => return Check::NotHeader,
        }
    }
    if len > MAX_SEGMENT {
        return Check::Reject {
            kind: DiagnosticKind::BadLength,
            message: format!(
                "declared data-segment length {len} exceeds the maximum of {MAX_SEGMENT}"
            ),
            covers: 6,
            segment_len: None,
        };
    }
    let total = len + OVERHEAD;
    // Only on failure: where the packet really seems to end, i.e. the first CR LF before
    // any next `##`, looking at most LENGTH_SLACK bytes past the declared end. The window
    // is fixed (we wait for it to fill unless the stream ended) so the verdict never
    // depends on how the stream was chunked.
    let window = b.get(6..b.len().min(total + LENGTH_SLACK)).unwrap_or(&[]);
    let next_header = || find_hashes(window).unwrap_or(window.len());
    let crlf = || find_crlf(window).filter(|&q| q < next_header());
    if b.len() < total {
        if !at_end {
            // A CR LF before the declared end proves the length wrong only if the packet
            // cannot still be completed; wait for all declared bytes (bounded by MAX_SEGMENT + OVERHEAD).
            return Check::NeedMore;
        }
        return match crlf() {
            Some(q) => bad_length(len, q),
            None => Check::Reject {
                kind: DiagnosticKind::Truncated,
                message: format!("stream ended inside a packet: {} of {total} bytes", b.len()),
                covers: b.len(),
                segment_len: None,
            },
        };
    }
    if b.get(total - 2..total) != Some(b"\r\n".as_slice()) {
        if !at_end && b.len() < total + LENGTH_SLACK {
            return Check::NeedMore;
        }
        return match crlf() {
            Some(q) if q + 8 != total => bad_length(len, q),
            _ => Check::Reject {
                kind: DiagnosticKind::BadFrame,
                message: format!(
                    "no CRC and CR LF where the declared length {len} puts the end of the packet"
                ),
                covers: (next_header() + 6).min(total),
                segment_len: None,
            },
        };
    }
    let segment = b.get(6..6 + len).unwrap_or(&[]);
    let crc_digits = b.get(6 + len..10 + len).unwrap_or(&[]);
    let Some(got) = parse_crc_hex(crc_digits) else {
        return Check::Reject {
            kind: DiagnosticKind::BadFrame,
            message: format!(
                "checksum `{}` is not 4 hex digits",
                String::from_utf8_lossy(crc_digits).escape_debug()
            ),
            covers: total,
            segment_len: Some(len),
        };
    };
    let want = crc16(segment);
    if got != want {
        return Check::Reject {
            kind: DiagnosticKind::BadCrc,
            message: format!("checksum {got:04X} does not match the computed {want:04X}"),
            covers: total,
            segment_len: Some(len),
        };
    }
    Check::Packet {
        segment_len: len,
        total,
    }
}

/// `q` is the CR LF position counted from byte 6.
fn bad_length(declared: usize, q: usize) -> Check {
    match q.checked_sub(4) {
        Some(actual) => Check::Reject {
            kind: DiagnosticKind::BadLength,
            message: format!("declared data-segment length {declared} but the packet ends after {actual} characters"),
            covers: q + 8,
            segment_len: None,
        },
        None => Check::Reject {
            kind: DiagnosticKind::BadFrame,
            message: format!("packet ends before its checksum (declared length {declared})"),
            covers: q + 8,
            segment_len: None,
        },
    }
}

/// Wraps a data segment into a packet: `##` + length + segment + CRC + `\r\n`.
/// `None` if the segment is longer than [`MAX_SEGMENT`].
pub fn wrap(segment: &[u8]) -> Option<Vec<u8>> {
    if segment.len() > MAX_SEGMENT {
        return None;
    }
    let mut out = Vec::with_capacity(segment.len() + OVERHEAD);
    out.extend_from_slice(format!("##{:04}", segment.len()).as_bytes());
    out.extend_from_slice(segment);
    out.extend_from_slice(&super::crc::crc_hex(segment));
    out.extend_from_slice(b"\r\n");
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &[u8] = b"##0101QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&1C80\r\n";

    #[test]
    fn standard_example_frames() {
        assert_eq!(
            check(EXAMPLE, false),
            Check::Packet {
                segment_len: 101,
                total: EXAMPLE.len()
            }
        );
        let lower = String::from_utf8(EXAMPLE.to_vec())
            .unwrap()
            .replace("1C80", "1c80");
        assert_eq!(
            check(lower.as_bytes(), false),
            Check::Packet {
                segment_len: 101,
                total: EXAMPLE.len()
            }
        );
        assert_eq!(wrap(&EXAMPLE[6..107]).unwrap(), EXAMPLE);
    }

    #[test]
    fn partial_headers_wait_or_fail() {
        for n in 2..EXAMPLE.len() {
            assert_eq!(check(&EXAMPLE[..n], false), Check::NeedMore, "{n}");
        }
        assert_eq!(check(b"##01x", false), Check::NotHeader);
        assert_eq!(check(b"##01", true), Check::NotHeader);
        assert!(matches!(
            check(b"##9999", false),
            Check::Reject {
                kind: DiagnosticKind::BadLength,
                ..
            }
        ));
        assert!(matches!(
            check(&EXAMPLE[..50], true),
            Check::Reject {
                kind: DiagnosticKind::Truncated,
                ..
            }
        ));
    }

    #[test]
    fn wrong_length_and_crc() {
        let short = String::from_utf8(EXAMPLE.to_vec())
            .unwrap()
            .replace("##0101", "##0100");
        assert_eq!(
            check(short.as_bytes(), false),
            Check::NeedMore,
            "waits for the slack window"
        );
        match check(short.as_bytes(), true) {
            Check::Reject {
                kind: DiagnosticKind::BadLength,
                message,
                covers,
                ..
            } => {
                assert_eq!(
                    message,
                    "declared data-segment length 100 but the packet ends after 101 characters"
                );
                assert_eq!(covers, EXAMPLE.len());
            }
            other => panic!("{other:?}"),
        }
        let bad = String::from_utf8(EXAMPLE.to_vec())
            .unwrap()
            .replace("1C80", "1C81");
        assert!(matches!(
            check(bad.as_bytes(), false),
            Check::Reject {
                kind: DiagnosticKind::BadCrc,
                ..
            }
        ));
    }
}
