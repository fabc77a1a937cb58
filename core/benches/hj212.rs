#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
//! Decoding one million realistic HJ 212 minute packets (CN 2051, one stack, nine
//! factors with -Avg/-Min/-Max/-ZsAvg/-Cou/-Flag), generated in memory with the encoder.
//! Reports throughput in bytes; target ≥ 100 MB/s on one core.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use ecorules::hj212::{
    decode_bytes, encode, Cn, DataArea, DecodeOptions, Decoder, Event, FactorFields, Packet,
    PacketFlag, ValueSuffix,
};
use ecorules::Flag;
use std::hint::black_box;

const PACKETS: usize = 1_000_000;

fn capture() -> Vec<u8> {
    let start = jiff::civil::date(2023, 1, 1).at(0, 0, 0, 0);
    let mut out = Vec::with_capacity(PACKETS * 450);
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut rnd = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % 10_000) as f64 / 100.0
    };
    for i in 0..PACKETS {
        let t = start
            .checked_add(jiff::Span::new().minutes(i as i64))
            .unwrap();
        let gas = |code: &str, base: f64, r: f64| {
            FactorFields::new(code)
                .with(ValueSuffix::Avg, ((base + r) * 10.0).round() / 10.0)
                .with(ValueSuffix::Min, (base * 10.0).round() / 10.0)
                .with(ValueSuffix::Max, ((base + 2.0 * r) * 10.0).round() / 10.0)
                .with(ValueSuffix::ZsAvg, ((base + r) * 11.0).round() / 10.0)
                .with(ValueSuffix::Cou, ((base + r) * 0.3).round() / 1000.0)
                .with_flag(if i % 997 == 0 { Flag::C } else { Flag::N })
        };
        let param = |code: &str, v: f64| {
            FactorFields::new(code)
                .with(ValueSuffix::Avg, (v * 100.0).round() / 100.0)
                .with_flag(Flag::N)
        };
        let p = Packet {
            offset: 0,
            qn: Some(format!("{}000", ecorules::hj212::format_compact_time(t))),
            st: Some("31".into()),
            cn: Cn::MINUTE,
            pw: Some("123456".into()),
            mn: "010000A8900016F000169DC0".into(),
            flag: Some(PacketFlag(4)),
            pnum: None,
            pno: None,
            cp: DataArea {
                data_time: Some(t),
                factors: vec![
                    gas("a21026", 20.0, rnd()),
                    gas("a21002", 40.0, rnd()),
                    gas("a34013", 3.0, rnd() / 20.0),
                    param("a19001", 8.0 + rnd() / 50.0),
                    FactorFields::new("a00000")
                        .with(ValueSuffix::Avg, 52.31 + rnd() / 10.0)
                        .with(ValueSuffix::Cou, 3138.6)
                        .with_flag(Flag::N),
                    param("a01011", 12.0 + rnd() / 100.0),
                    param("a01012", 85.0 + rnd() / 10.0),
                    param("a01013", 0.12),
                    param("a01014", 9.5),
                ],
                other: vec![],
            },
        };
        out.extend_from_slice(&encode(&p).unwrap());
    }
    out
}

fn bench(c: &mut Criterion) {
    let data = capture();
    eprintln!(
        "capture: {} packets, {} bytes ({:.0} bytes per packet)",
        PACKETS,
        data.len(),
        data.len() as f64 / PACKETS as f64
    );
    let mut g = c.benchmark_group("hj212");
    g.throughput(Throughput::Bytes(data.len() as u64));
    g.sample_size(10);
    g.bench_function("decoder_1m_minute_packets", |b| {
        b.iter(|| {
            let mut d = Decoder::new();
            let mut n = 0u64;
            d.push_with(black_box(&data), &mut |e| {
                if let Event::Packet(p) = e {
                    n += p.cp.factors.len() as u64;
                }
            });
            d.finish_with(&mut |_| {});
            assert_eq!(d.accepted(), PACKETS as u64);
            n
        })
    });
    g.bench_function("decode_bytes_to_readings_1m_minute_packets", |b| {
        b.iter(|| {
            let out = decode_bytes(black_box(&data), &DecodeOptions::default()).unwrap();
            assert_eq!(out.packets_used, PACKETS as u64);
            out.readings.sample_count()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
