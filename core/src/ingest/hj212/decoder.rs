//! The streaming decoder: bytes in, packets and diagnostics out.
//!
//! A data logger's TCP stream, or a capture file, is a sequence of packets with possibly
//! some noise between them (a modem banner, a half-written packet after a reconnect).
//! [`Decoder::push`] takes the bytes in whatever pieces they arrive — a packet split over
//! several reads, several packets in one read — and reports each whole packet as
//! [`Event::Packet`], and everything it could not accept as [`Event::Diagnostic`]:
//!
//! * noise before a `##` is one `garbage` diagnostic per run of bytes;
//! * a packet whose length, trailer or checksum is wrong is one diagnostic (`bad_length`,
//!   `bad_frame`, `bad_crc`) with the packet's byte offset and QN when readable;
//! * a well-framed packet that fails a field check (`malformed_field`, `bad_time`,
//!   `unknown_cn`) is rejected the same way — the checksum is too weak to trust alone;
//! * an unknown monitoring-factor code is a warning (once per code); the packet is kept.
//!
//! After any rejection the decoder looks for the next `##` right after the rejected
//! packet's own `##`, so a good packet that follows (or hides inside) a broken one is
//! never lost. Every decision depends only on bytes already seen, and nothing is reported
//! until it is final, so the events are the same for every chunking of the same stream.
//! Call [`Decoder::finish`] at the end of the stream to report a trailing partial packet.
//!
//! Memory is bounded: input is consumed in pieces of at most 64 KiB, only an unfinished
//! packet (at most 1036 bytes, plus 64 when looking for the real end of a broken one) is
//! kept between calls, and garbage is counted, not stored.

use super::diagnostic::{Diagnostic, DiagnosticKind};
use super::frame::{self, Check};
use super::segment::{parse_segment, sniff_qn, Packet};
use std::collections::BTreeSet;

/// What the decoder produces.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// An accepted packet.
    Packet(Packet),
    /// A rejected packet, garbage, or a warning about an accepted packet (which precedes
    /// the packet's own event).
    Diagnostic(Diagnostic),
}

const CHUNK: usize = 64 * 1024;
const MAX_WARNED_CODES: usize = 256;

/// The streaming HJ 212 decoder.
#[derive(Debug, Default)]
pub struct Decoder {
    buf: Vec<u8>,
    /// Stream offset of `buf[0]`.
    base: u64,
    /// Stream offset before which bytes belong to a reported rejected packet.
    quiet_until: u64,
    /// Pending garbage run: (start offset, length).
    garbage: Option<(u64, u64)>,
    accepted: u64,
    rejected: u64,
    garbage_bytes: u64,
    warned_codes: BTreeSet<String>,
    finished: bool,
}

impl Decoder {
    /// A decoder at stream offset 0.
    pub fn new() -> Self {
        Decoder::default()
    }

    /// Packets accepted so far.
    pub fn accepted(&self) -> u64 {
        self.accepted
    }

    /// Packets rejected so far (bad framing, length, checksum or fields).
    pub fn rejected(&self) -> u64 {
        self.rejected
    }

    /// Bytes skipped as garbage so far (reported ones only).
    pub fn garbage_bytes(&self) -> u64 {
        self.garbage_bytes
    }

    /// Stream offset of the next byte to be pushed.
    pub fn position(&self) -> u64 {
        self.base + self.buf.len() as u64
    }

    /// Feeds bytes; calls `sink` for every event that became final.
    pub fn push_with(&mut self, bytes: &[u8], sink: &mut dyn FnMut(Event)) {
        if self.finished {
            // A new stream after finish(): start counting from where the old one ended.
            self.finished = false;
        }
        for piece in bytes.chunks(CHUNK) {
            self.buf.extend_from_slice(piece);
            self.process(false, sink);
        }
    }

    /// Feeds bytes and returns the events that became final.
    pub fn push(&mut self, bytes: &[u8]) -> Vec<Event> {
        let mut out = Vec::new();
        self.push_with(bytes, &mut |e| out.push(e));
        out
    }

    /// Ends the stream: reports a trailing partial packet and pending garbage.
    pub fn finish_with(&mut self, sink: &mut dyn FnMut(Event)) {
        self.process(true, sink);
        self.flush_garbage(sink);
        self.finished = true;
    }

    /// Ends the stream and returns the last events.
    pub fn finish(&mut self) -> Vec<Event> {
        let mut out = Vec::new();
        self.finish_with(&mut |e| out.push(e));
        out
    }

    fn note_garbage(&mut self, from: usize, to: usize, sink: &mut dyn FnMut(Event)) {
        let start = (self.base + from as u64).max(self.quiet_until);
        let end = self.base + to as u64;
        if end <= start {
            return;
        }
        match &mut self.garbage {
            Some((s, len)) if *s + *len == start => *len += end - start,
            _ => {
                self.flush_garbage(sink);
                self.garbage = Some((start, end - start));
            }
        }
    }

    fn flush_garbage(&mut self, sink: &mut dyn FnMut(Event)) {
        if let Some((start, len)) = self.garbage.take() {
            self.garbage_bytes += len;
            let s = if len == 1 { "" } else { "s" };
            sink(Event::Diagnostic(Diagnostic::error(
                DiagnosticKind::Garbage,
                start,
                None,
                format!("skipped {len} byte{s} that are not part of a packet"),
            )));
        }
    }

    fn process(&mut self, at_end: bool, sink: &mut dyn FnMut(Event)) {
        let mut buf = std::mem::take(&mut self.buf);
        let mut pos = 0usize;
        loop {
            let rest = buf.get(pos..).unwrap_or(&[]);
            let Some(i) = rest.windows(2).position(|w| w == b"##") else {
                let keep = usize::from(!at_end && rest.last() == Some(&b'#'));
                let end = buf.len() - keep;
                self.note_garbage(pos, end, sink);
                pos = end;
                break;
            };
            let p = pos + i;
            self.note_garbage(pos, p, sink);
            let candidate = buf.get(p..).unwrap_or(&[]);
            let offset = self.base + p as u64;
            match frame::check(candidate, at_end) {
                Check::NeedMore => {
                    pos = p;
                    break;
                }
                Check::NotHeader => {
                    self.note_garbage(p, p + 1, sink);
                    pos = p + 1;
                }
                Check::Packet { segment_len, total } => {
                    self.flush_garbage(sink);
                    let segment = candidate.get(6..6 + segment_len).unwrap_or(&[]);
                    match parse_segment(segment, offset) {
                        Ok(packet) => {
                            self.warn_unknown_codes(&packet, sink);
                            self.accepted += 1;
                            sink(Event::Packet(packet));
                            pos = p + total;
                        }
                        Err(e) => {
                            let qn = sniff_qn(segment);
                            self.reject(
                                Diagnostic::error(e.kind, offset, qn, e.message),
                                offset + total as u64,
                                sink,
                            );
                            pos = p + 2;
                        }
                    }
                }
                Check::Reject {
                    kind,
                    message,
                    covers,
                    segment_len,
                } => {
                    self.flush_garbage(sink);
                    let qn = segment_len
                        .and_then(|n| candidate.get(6..6 + n))
                        .and_then(sniff_qn);
                    self.reject(
                        Diagnostic::error(kind, offset, qn, message),
                        offset + covers as u64,
                        sink,
                    );
                    pos = p + 2;
                }
            }
        }
        buf.drain(..pos.min(buf.len()));
        self.buf = buf;
        self.base += pos as u64;
    }

    fn reject(&mut self, d: Diagnostic, covers_until: u64, sink: &mut dyn FnMut(Event)) {
        self.rejected += 1;
        self.quiet_until = self.quiet_until.max(covers_until);
        sink(Event::Diagnostic(d));
    }

    fn warn_unknown_codes(&mut self, packet: &Packet, sink: &mut dyn FnMut(Event)) {
        for f in &packet.cp.factors {
            if f.pollutant.is_none()
                && self.warned_codes.len() < MAX_WARNED_CODES
                && self.warned_codes.insert(f.code.clone())
            {
                sink(Event::Diagnostic(Diagnostic::warning(
                    DiagnosticKind::UnknownCode,
                    packet.offset,
                    packet.qn.clone(),
                    format!(
                        "unknown monitoring-factor code `{}` (further occurrences not reported)",
                        f.code
                    ),
                )));
            }
        }
    }
}
