//! Inputs the `hj212_decoder` fuzz target found (fuzz/fuzz_targets/hj212_decoder.rs), replayed
//! with the target's own check: no panic, and the same events for the fuzzer's chunking as
//! for one push.
//!
//! * `crash-543407a6…`: a broken `##0000` header followed by `#`s. The decoder measured how
//!   far the broken packet reached by looking at however many bytes were buffered, so the
//!   next garbage run started one byte earlier or later depending on the chunking. Fixed by
//!   deciding from a fixed window (`frame::LENGTH_SLACK`).

#![allow(clippy::indexing_slicing)]

use ecorules::hj212::{decode_bytes, DecodeOptions, Decoder};
use std::path::Path;

fn replay(data: &[u8]) {
    let (sizes, stream) = match data {
        [a, b, rest @ ..] => ((usize::from(*a) + 1, usize::from(*b) + 1), rest),
        _ => ((1, 1), data),
    };
    let mut whole = Decoder::new();
    let mut expected = whole.push(stream);
    expected.extend(whole.finish());
    for sizes in [sizes, (1, 1), (1, 7), (3, 2)] {
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
        assert_eq!(got, expected, "chunk sizes {sizes:?}");
        assert_eq!(
            (chunked.accepted(), chunked.rejected()),
            (whole.accepted(), whole.rejected())
        );
    }
    let _ = decode_bytes(stream, &DecodeOptions::default());
}

#[test]
fn fuzz_regressions_replay() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        replay(&std::fs::read(&path).unwrap());
        n += 1;
    }
    assert!(n >= 1);
}
