//! Arbitrary bytes in arbitrary chunkings: the decoder must not panic, and every chunking
//! must give the same events and counters as one push.
#![no_main]

use ecorules::hj212::{decode_bytes, DecodeOptions, Decoder};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first two bytes choose the chunk sizes; the rest is the stream.
    let (sizes, stream) = match data {
        [a, b, rest @ ..] => ((usize::from(*a) + 1, usize::from(*b) + 1), rest),
        _ => ((1, 1), data),
    };
    let mut whole = Decoder::new();
    let mut expected = whole.push(stream);
    expected.extend(whole.finish());

    let mut chunked = Decoder::new();
    let mut got = Vec::new();
    let mut rest = stream;
    let mut turn = false;
    while !rest.is_empty() {
        let n = if turn { sizes.1 } else { sizes.0 }.min(rest.len());
        let (head, tail) = rest.split_at(n);
        got.extend(chunked.push(head));
        rest = tail;
        turn = !turn;
    }
    got.extend(chunked.finish());
    assert_eq!(got, expected);
    assert_eq!(chunked.accepted(), whole.accepted());
    assert_eq!(chunked.rejected(), whole.rejected());

    let _ = decode_bytes(stream, &DecodeOptions::default());
});
