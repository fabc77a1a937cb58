//! Writes `examples/sample/hj212-day.txt`: one day (2025-03-01, Asia/Shanghai) of CN 2051
//! minute packets from one stack, deterministic.
//!
//! * SO2 ~20 mg/m³ measured at ~9 % O2 (≈ 25 mg/m³ at 6 % O2), except 09:00–11:59 and
//!   20:00–20:59, when it runs at ~33 mg/m³ (≈ 41 mg/m³ at 6 % O2, over a 35 mg/m³ limit);
//! * NOx ~40, PM ~3 mg/m³; `-ZsAvg` carries the value converted to 6 % O2;
//! * 03:00–03:14 is the daily calibration: every factor flagged `C`.
//!
//! Run from the repository root: `cargo run -p ecorules --example hj212_sample_day`.

use ecorules::hj212::{encode, Cn, DataArea, FactorFields, Packet, PacketFlag, ValueSuffix};
use ecorules::Flag;

pub const MN: &str = "33010020250301A000000001";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "examples/sample/hj212-day.txt".to_string());
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    let mut noise = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % 2001) as f64 / 1000.0 - 1.0 // -1.0 ..= 1.0
    };
    let r1 = |v: f64| (v * 10.0).round() / 10.0;
    let mut out = Vec::new();
    let day = jiff::civil::date(2025, 3, 1);
    for minute in 0..1440i32 {
        let (h, m) = ((minute / 60) as i8, (minute % 60) as i8);
        let t = day.at(h, m, 0, 0);
        let high = (9..12).contains(&h) || h == 20;
        let calibrating = h == 3 && m < 15;
        let o2 = r1(9.0 + 0.3 * noise());
        let so2 = r1(if high { 33.0 } else { 20.0 } + 1.5 * noise());
        let nox = r1(40.0 + 3.0 * noise());
        let pm = r1(3.0 + 0.4 * noise());
        let zs = |c: f64| r1(c * (21.0 - 6.0) / (21.0 - o2));
        let flag = if calibrating { Flag::C } else { Flag::N };
        let gas = |code: &str, c: f64| {
            FactorFields::new(code)
                .with(ValueSuffix::Avg, c)
                .with(ValueSuffix::ZsAvg, zs(c))
                .with_flag(flag)
        };
        let p = Packet {
            offset: 0,
            qn: Some(format!("{}{:02}{:02}{:02}123", "20250301", h, m, 0)),
            st: Some("31".into()),
            cn: Cn::MINUTE,
            pw: Some("123456".into()),
            mn: MN.into(),
            flag: Some(PacketFlag(4)),
            pnum: None,
            pno: None,
            cp: DataArea {
                data_time: Some(t),
                factors: vec![
                    gas("a21026", so2),
                    gas("a21002", nox),
                    gas("a34013", pm),
                    FactorFields::new("a19001")
                        .with(ValueSuffix::Avg, o2)
                        .with_flag(flag),
                ],
                other: vec![],
            },
        };
        out.extend_from_slice(&encode(&p)?);
    }
    std::fs::write(&path, &out)?;
    eprintln!("wrote {path}: 1440 packets, {} bytes", out.len());
    Ok(())
}
