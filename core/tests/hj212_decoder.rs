//! HJ 212 decoder behaviour: exact values, chunking, resync, rejection, round trip.
//! Packets written out here had their checksums computed with `tests/tools/hj212crc.py`
//! (an independent implementation of Appendix A), not with the Rust code.

#![allow(clippy::indexing_slicing)]

use ecorules::hj212::{
    decode_bytes, encode, Cn, DataArea, DecodeOptions, Decoder, DiagnosticKind, Event,
    FactorFields, Packet, PacketFlag, Severity, ValueChoice, ValueSuffix,
};
use ecorules::Flag;
use proptest::prelude::*;

const STANDARD_EXAMPLE: &[u8] =
    b"##0101QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&1C80\r\n";

/// A 2051 minute packet from a boiler stack: SO2, NOx, PM with measured and converted
/// averages, and O2. Checksum 3840 from hj212crc.py.
const STACK_MINUTE: &[u8] = b"##0281QN=20250301100000123;ST=31;CN=2051;PW=123456;MN=010000A8900016F000169DC0;Flag=4;CP=&&DataTime=20250301100000;a21026-Avg=38.2,a21026-ZsAvg=44.1,a21026-Flag=N;a21002-Avg=52.7,a21002-ZsAvg=61.0,a21002-Flag=N;a34013-Avg=3.4,a34013-ZsAvg=3.9,a34013-Flag=N;a19001-Avg=8.9,a19001-Flag=N&&3840\r\n";

/// 2025-03-01 10:00:00 Asia/Shanghai.
const T_1000: i64 = 1_740_794_400;

fn packets(events: &[Event]) -> Vec<&Packet> {
    events
        .iter()
        .filter_map(|e| {
            if let Event::Packet(p) = e {
                Some(p)
            } else {
                None
            }
        })
        .collect()
}

fn diags(events: &[Event]) -> Vec<(DiagnosticKind, u64, Option<String>)> {
    events
        .iter()
        .filter_map(|e| {
            if let Event::Diagnostic(d) = e {
                Some((d.kind, d.offset, d.qn.clone()))
            } else {
                None
            }
        })
        .collect()
}

fn decode_all(stream: &[u8]) -> (Vec<Event>, u64, u64) {
    let mut d = Decoder::new();
    let mut ev = d.push(stream);
    ev.extend(d.finish());
    (ev, d.accepted(), d.rejected())
}

#[test]
fn decodes_the_standards_example() {
    let (ev, acc, rej) = decode_all(STANDARD_EXAMPLE);
    assert_eq!((acc, rej), (1, 0));
    let p = packets(&ev)[0];
    assert_eq!(p.cn, Cn(1062));
    assert_eq!(p.flag, Some(PacketFlag(5)));
    assert_eq!(
        p.cp.other,
        vec![("RtdInterval".to_string(), "30".to_string())]
    );
}

#[test]
fn decodes_a_stack_minute_packet_exactly() {
    let (ev, acc, rej) = decode_all(STACK_MINUTE);
    assert_eq!((acc, rej), (1, 0));
    assert!(diags(&ev).is_empty());
    let p = packets(&ev)[0];
    assert_eq!(p.qn.as_deref(), Some("20250301100000123"));
    assert_eq!(p.mn, "010000A8900016F000169DC0");
    assert_eq!(p.cn, Cn::MINUTE);
    let so2 = p.cp.factor("a21026").unwrap();
    assert_eq!(so2.value(ValueSuffix::Avg), Some(38.2));
    assert_eq!(so2.value(ValueSuffix::ZsAvg), Some(44.1));
    assert_eq!(so2.flag, Some(Flag::N));
    assert_eq!(
        p.cp.factor("a19001").unwrap().value(ValueSuffix::Avg),
        Some(8.9)
    );

    let mut opts = DecodeOptions::default();
    opts.map
        .insert("010000A8900016F000169DC0".into(), "DA001".into());
    let out = decode_bytes(STACK_MINUTE, &opts).unwrap();
    let series = |code: &str| {
        let (f, c) = out.readings.series("DA001", code).unwrap();
        (f.ts().to_vec(), c.values().to_vec(), c.flags().to_vec())
    };
    assert_eq!(series("a21026"), (vec![T_1000], vec![38.2], b"N".to_vec()));
    assert_eq!(series("a21002"), (vec![T_1000], vec![52.7], b"N".to_vec()));
    assert_eq!(series("a34013"), (vec![T_1000], vec![3.4], b"N".to_vec()));
    assert_eq!(series("a19001"), (vec![T_1000], vec![8.9], b"N".to_vec()));

    opts.values = ValueChoice::Converted;
    let zs = decode_bytes(STACK_MINUTE, &opts).unwrap();
    assert_eq!(
        zs.readings.series("DA001", "a21026").unwrap().1.values(),
        &[44.1]
    );
    assert_eq!(
        zs.readings.series("DA001", "a21002").unwrap().1.values(),
        &[61.0]
    );
    assert!(
        zs.readings.series("DA001", "a19001").is_none(),
        "O2 has no ZsAvg"
    );
}

fn mixed_stream() -> Vec<u8> {
    let mut bad_crc = STACK_MINUTE.to_vec();
    let n = bad_crc.len();
    bad_crc[n - 6..n - 2].copy_from_slice(b"3841");
    let mut truncated = STANDARD_EXAMPLE[..60].to_vec();
    truncated.extend_from_slice(b"\r\n");
    [
        b"AT+OK\r\n#".as_slice(),
        STANDARD_EXAMPLE,
        bad_crc.as_slice(),
        STACK_MINUTE,
        b"noise",
        truncated.as_slice(),
        STANDARD_EXAMPLE,
        b"##9999",
        b"###",
        STACK_MINUTE,
        b"##01",
    ]
    .concat()
}

#[test]
fn bad_packets_never_hide_good_ones() {
    let s = mixed_stream();
    let (ev, acc, rej) = decode_all(&s);
    assert_eq!((acc, rej), (4, 3));
    let l0 = 8u64;
    let l1 = l0 + STANDARD_EXAMPLE.len() as u64;
    let l2 = l1 + STACK_MINUTE.len() as u64;
    let l3 = l2 + STACK_MINUTE.len() as u64;
    let l4 = l3 + 5;
    let l5 = l4 + 62;
    let l6 = l5 + STANDARD_EXAMPLE.len() as u64;
    let l8 = l6 + 9;
    let l9 = l8 + STACK_MINUTE.len() as u64;
    assert_eq!(
        diags(&ev),
        vec![
            (DiagnosticKind::Garbage, 0, None),
            (DiagnosticKind::BadCrc, l1, Some("20250301100000123".into())),
            (DiagnosticKind::Garbage, l3, None),
            (DiagnosticKind::BadLength, l4, None),
            (DiagnosticKind::BadLength, l6, None),
            (DiagnosticKind::Garbage, l6 + 6, None),
            (DiagnosticKind::Garbage, l9, None),
        ]
    );
    let offs: Vec<u64> = packets(&ev).iter().map(|p| p.offset).collect();
    assert_eq!(offs, vec![l0, l2, l5, l8]);
    let messages: Vec<String> = ev
        .iter()
        .filter_map(|e| {
            if let Event::Diagnostic(d) = e {
                Some(d.message.clone())
            } else {
                None
            }
        })
        .collect();
    assert_eq!(messages[0], "skipped 8 bytes that are not part of a packet");
    assert_eq!(
        messages[1],
        "checksum 3841 does not match the computed 3840"
    );
    assert_eq!(
        messages[3],
        "declared data-segment length 101 but the packet ends after 50 characters"
    );
    assert_eq!(
        messages[4],
        "declared data-segment length 9999 exceeds the maximum of 1024"
    );
    assert_eq!(messages[5], "skipped 3 bytes that are not part of a packet");
    assert_eq!(messages[6], "skipped 4 bytes that are not part of a packet");
}

#[test]
fn every_chunking_gives_the_same_events() {
    let s = mixed_stream();
    let (whole, acc, rej) = decode_all(&s);
    for split in 0..=s.len() {
        let mut d = Decoder::new();
        let mut ev = d.push(&s[..split]);
        ev.extend(d.push(&s[split..]));
        ev.extend(d.finish());
        assert_eq!(ev, whole, "split at {split}");
        assert_eq!((d.accepted(), d.rejected()), (acc, rej));
    }
    let mut d = Decoder::new();
    let mut ev = Vec::new();
    for b in &s {
        ev.extend(d.push(std::slice::from_ref(b)));
    }
    ev.extend(d.finish());
    assert_eq!(ev, whole, "byte by byte");
}

#[test]
fn resyncs_after_garbage_and_binary_noise() {
    let mut s: Vec<u8> = (0u8..=255).collect();
    s.extend_from_slice(STACK_MINUTE);
    s.extend_from_slice(&[0xFF, b'#', 0x00, b'#']);
    s.extend_from_slice(STACK_MINUTE);
    let (ev, acc, rej) = decode_all(&s);
    assert_eq!((acc, rej), (2, 0));
    assert_eq!(
        diags(&ev),
        vec![
            (DiagnosticKind::Garbage, 0, None),
            (
                DiagnosticKind::Garbage,
                256 + STACK_MINUTE.len() as u64,
                None
            )
        ]
    );
}

#[test]
fn structural_errors_are_rejected_despite_a_good_crc() {
    // Both segments have correct Appendix A checksums (hj212crc.py) but broken fields.
    let bad_value = b"##0120QN=20250301000000000;ST=31;CN=2051;PW=123456;MN=AB12;Flag=4;CP=&&DataTime=20250301000000;a21026-Avg=2O.5,a21026-Flag=N&&";
    let seg = &bad_value[6..];
    let crc = ecorules::host::crc_hex(seg);
    let pkt = [bad_value.as_slice(), &crc, b"\r\n"].concat();
    let (ev, acc, rej) = decode_all(&pkt);
    assert_eq!((acc, rej), (0, 1));
    assert_eq!(
        diags(&ev),
        vec![(
            DiagnosticKind::MalformedField,
            0,
            Some("20250301000000000".into())
        )]
    );
    let e = match &ev[0] {
        Event::Diagnostic(d) => d.to_error(),
        _ => panic!("expected a diagnostic"),
    };
    assert_eq!(e.code(), "protocol.malformed_field");
}

#[test]
fn unknown_codes_warn_once_and_keep_the_packet() {
    let p = sample_packet(0, 1.0);
    let mut p = p;
    p.cp.factors
        .push(FactorFields::new("a99999").with(ValueSuffix::Avg, 1.0));
    let b = encode(&p).unwrap();
    let s = [b.as_slice(), &b].concat();
    let (ev, acc, rej) = decode_all(&s);
    assert_eq!((acc, rej), (2, 0));
    let w: Vec<_> = ev
        .iter()
        .filter_map(|e| {
            if let Event::Diagnostic(d) = e {
                Some(d)
            } else {
                None
            }
        })
        .collect();
    assert_eq!(w.len(), 1);
    assert_eq!(
        (w[0].kind, w[0].severity),
        (DiagnosticKind::UnknownCode, Severity::Warning)
    );
}

#[test]
fn resends_keep_the_later_packet() {
    let a = encode(&sample_packet(0, 1.0)).unwrap();
    let b = encode(&sample_packet(0, 2.0)).unwrap();
    let out = decode_bytes(&[a.as_slice(), &a, &b].concat(), &DecodeOptions::default()).unwrap();
    let (_, c) = out
        .readings
        .series("010000A8900016F000169DC0", "a21026")
        .unwrap();
    assert_eq!(c.values(), &[2.0]);
    assert_eq!(out.diagnostics.len(), 1);
    assert_eq!(out.diagnostics[0].kind, DiagnosticKind::DuplicateTime);
    assert_eq!(out.diagnostics[0].offset, 2 * a.len() as u64);
}

fn sample_packet(minute: i8, so2: f64) -> Packet {
    Packet {
        offset: 0,
        qn: Some(format!("202503010{:01}{:02}00000", 0, minute)),
        st: Some("31".into()),
        cn: Cn::MINUTE,
        pw: Some("123456".into()),
        mn: "010000A8900016F000169DC0".into(),
        flag: Some(PacketFlag(4)),
        pnum: None,
        pno: None,
        cp: DataArea {
            data_time: Some(jiff::civil::date(2025, 3, 1).at(0, minute, 0, 0)),
            factors: vec![FactorFields::new("a21026")
                .with(ValueSuffix::Avg, so2)
                .with_flag(Flag::N)],
            other: vec![],
        },
    }
}

fn flag_strategy() -> impl Strategy<Value = Flag> {
    prop::sample::select(Flag::ALL.to_vec())
}

fn value_strategy() -> impl Strategy<Value = f64> {
    prop_oneof![
        (-1.0e6f64..1.0e6),
        (0i64..100_000).prop_map(|i| i as f64 / 100.0)
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn encode_then_decode_round_trips(
        minute in 0i8..60,
        hour in 0i8..24,
        mn in "[0-9A-F]{14,24}",
        codes in prop::sample::subsequence(vec!["a21026", "a21002", "a34013", "a19001", "a00000", "02", "w01018"], 1..5),
        vals in prop::collection::vec((value_strategy(), value_strategy(), flag_strategy(), any::<bool>()), 7),
        split in 0usize..400,
        cn in prop::sample::select(vec![2011u16, 2051, 2061, 2031]),
    ) {
        let t = jiff::civil::date(2025, 3, 1).at(hour, minute, 0, 0);
        let factors: Vec<FactorFields> = codes.iter().zip(&vals).map(|(c, (a, z, f, with_zs))| {
            let s = if cn == 2011 { ValueSuffix::Rtd } else { ValueSuffix::Avg };
            let zs = if cn == 2011 { ValueSuffix::ZsRtd } else { ValueSuffix::ZsAvg };
            let mut ff = FactorFields::new(*c).with(s, *a).with_flag(*f);
            if *with_zs { ff = ff.with(zs, *z); }
            ff
        }).collect();
        let p = Packet {
            offset: 0,
            qn: Some(format!("20250301{:02}{:02}00123", hour, minute)),
            st: Some("31".into()),
            cn: Cn(cn),
            pw: Some("123456".into()),
            mn,
            flag: Some(PacketFlag(4)),
            pnum: None,
            pno: None,
            cp: DataArea { data_time: Some(t), factors, other: vec![] },
        };
        let bytes = encode(&p).unwrap();
        let split = split.min(bytes.len());
        let mut d = Decoder::new();
        let mut ev = d.push(&bytes[..split]);
        ev.extend(d.push(&bytes[split..]));
        ev.extend(d.finish());
        prop_assert_eq!(ev, vec![Event::Packet(p)]);
    }
}
