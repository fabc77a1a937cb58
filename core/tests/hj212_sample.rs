//! The committed sample capture decodes completely and has the features the compliance
//! demo relies on. Regenerate with `cargo run -p ecorules --example hj212_sample_day`.

#![allow(clippy::indexing_slicing)]

use ecorules::hj212::{decode_bytes, parse_mn_map, DecodeOptions};
use std::path::Path;

#[test]
fn sample_day_decodes_with_planned_exceedances() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let bytes = std::fs::read(root.join("examples/sample/hj212-day.txt")).unwrap();
    let map = parse_mn_map(
        &std::fs::read_to_string(root.join("examples/sample/hj212-map.toml")).unwrap(),
    )
    .unwrap();
    let out = decode_bytes(
        &bytes,
        &DecodeOptions {
            map,
            ..DecodeOptions::default()
        },
    )
    .unwrap();
    assert_eq!(
        (out.accepted, out.rejected, out.packets_used),
        (1440, 0, 1440)
    );
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    let (frame, so2) = out.readings.series("DA001", "a21026").unwrap();
    let (_, o2) = out.readings.series("DA001", "a19001").unwrap();
    assert_eq!(frame.ts().first(), Some(&1_740_758_400)); // 2025-03-01T00:00+08:00
    assert_eq!(frame.len(), 1440);
    assert_eq!(so2.flags().iter().filter(|f| **f == b'C').count(), 15);
    let mut over = Vec::new();
    for h in 0..24 {
        let r = h * 60..h * 60 + 60;
        let valid: Vec<f64> = r
            .filter(|&i| so2.flags()[i] == b'N')
            .map(|i| so2.values()[i] * (21.0 - 6.0) / (21.0 - o2.values()[i]))
            .collect();
        let mean = valid.iter().sum::<f64>() / valid.len() as f64;
        if mean > 35.0 {
            over.push(h);
        }
    }
    assert_eq!(over, vec![9, 10, 11, 20]);
}
