//! Properties the engine must keep on any data.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use ecorules::host::load_json;
use ecorules::{DuplicatePolicy, LoadOptions};
use ecorules::{EvaluateOptions, Plan, Readings};
use proptest::prelude::*;

/// 2025-03-01T00:00:00+08:00
const T0: i64 = 1_740_758_400;

fn plan(so2_max: f64) -> Plan {
    let permit = format!(
        r#"
id = "PROP"
enterprise = {{ name = "prop" }}
[[outlets]]
id = "DA001"
kind = "air"
standard = "cn-ultra-low-2015/coal"
limits = [{{ pollutant = "so2", max = {so2_max:?}, periods = ["hour", "day", "rolling_3h"] }}, {{ pollutant = "pm", periods = ["hour"] }}]
"#
    );
    Plan::compile_text("prop.toml", &permit).unwrap()
}

/// Minute rows over up to three days: (minute offset, so2, pm, o2, flag).
fn rows() -> impl Strategy<Value = Vec<(i64, f64, f64, f64, u8)>> {
    let flag = prop::sample::select(vec![b'N', b'N', b'N', b'N', b'C', b'M', b'D', b'F']);
    let value = prop_oneof![8 => 0.0f64..80.0, 1 => Just(f64::NAN), 1 => -5.0f64..0.0];
    prop::collection::vec(
        (0i64..3 * 1440, value.clone(), value, 3.0f64..22.0, flag),
        0..600,
    )
    .prop_map(|mut v| {
        v.sort_by_key(|r| r.0);
        v.dedup_by_key(|r| r.0);
        v
    })
}

fn readings(rows: &[(i64, f64, f64, f64, u8)]) -> Readings<'static> {
    let ts: Vec<i64> = rows.iter().map(|r| T0 + 60 * r.0).collect();
    let flags: Vec<u8> = rows.iter().map(|r| r.4).collect();
    let mut all = Readings::new();
    for (code, pick) in [("so2", 1usize), ("pm", 2), ("o2", 3)] {
        let vals: Vec<f64> = rows
            .iter()
            .map(|r| match pick {
                1 => r.1,
                2 => r.2,
                _ => r.3,
            })
            .collect();
        all.extend(
            Readings::from_series("DA001", code, &ts, &vals, &flags, DuplicatePolicy::Error)
                .unwrap(),
        )
        .unwrap();
    }
    all
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

    #[test]
    fn raising_a_limit_never_adds_findings(rows in rows(), max in 1.0f64..60.0, raise in 0.0f64..40.0) {
        let data = readings(&rows);
        let low = plan(max).evaluate(&data).unwrap();
        let high = plan(max + raise).evaluate(&data).unwrap();
        prop_assert!(high.findings.len() <= low.findings.len());
        for (a, b) in high.statistics.iter().zip(&low.statistics) {
            prop_assert!(a.exceedances <= b.exceedances);
        }
    }

    #[test]
    fn row_order_does_not_change_the_report(rows in rows(), seed in any::<u64>()) {
        let sorted = readings(&rows);
        // the same rows shuffled, loaded through the JSON loader (which sorts)
        let mut idx: Vec<usize> = (0..rows.len()).collect();
        let mut s = seed | 1;
        for i in (1..idx.len()).rev() {
            s ^= s << 13; s ^= s >> 7; s ^= s << 17;
            idx.swap(i, (s % (i as u64 + 1)) as usize);
        }
        let mut recs = Vec::new();
        for &i in &idx {
            let r = rows[i];
            for (code, v) in [("so2", r.1), ("pm", r.2), ("o2", r.3)] {
                recs.push(serde_json::json!({"outlet": "DA001", "pollutant": code, "time": T0 + 60 * r.0,
                    "value": if v.is_nan() { None } else { Some(v) }, "flag": (r.4 as char).to_string()}));
            }
        }
        let shuffled = load_json(&serde_json::Value::Array(recs).to_string(), &LoadOptions::default()).unwrap();
        let p = plan(35.0);
        prop_assert_eq!(p.evaluate(&sorted).unwrap(), p.evaluate(&shuffled).unwrap());
    }

    #[test]
    fn splitting_at_a_day_boundary_keeps_the_windows(rows in rows()) {
        let whole = readings(&rows);
        let p = plan(35.0);
        let day2 = T0 + 86_400;
        let a = p.evaluate_with(&whole.slice(i64::MIN, day2), &EvaluateOptions::default()).unwrap();
        let b = p.evaluate_with(&whole.slice(day2, i64::MAX), &EvaluateOptions::default()).unwrap();
        let full = p.evaluate(&whole).unwrap();
        // hour and day windows never cross midnight: counts add up, findings are the union
        for rule in ["cn-ultra-low-2015/coal/a34013/hour", "permit/DA001/a21026/hour", "permit/DA001/a21026/day"] {
            let get = |r: &ecorules::Report| r.statistics.iter().find(|s| s.rule_id == rule).map(|s| (s.windows.present, s.windows.valid, s.exceedances)).unwrap_or_default();
            let (fa, fb, ff) = (get(&a), get(&b), get(&full));
            prop_assert_eq!((fa.0 + fb.0, fa.1 + fb.1, fa.2 + fb.2), ff, "{}", rule);
        }
        let mut joined: Vec<_> = a.findings.iter().chain(&b.findings).filter(|f| !f.rule_id.contains("rolling")).cloned().collect();
        let mut whole_f: Vec<_> = full.findings.iter().filter(|f| !f.rule_id.contains("rolling")).cloned().collect();
        joined.sort_by(|x, y| (&x.rule_id, &x.start).cmp(&(&y.rule_id, &y.start)));
        whole_f.sort_by(|x, y| (&x.rule_id, &x.start).cmp(&(&y.rule_id, &y.start)));
        prop_assert_eq!(joined, whole_f);
    }

    #[test]
    fn no_input_panics(text in ".{0,400}", csv_like in "[a-z0-9,\\n.:T+-]{0,400}") {
        let opts = LoadOptions::default();
        let _ = ecorules::host::load_csv(&text, &opts);
        let _ = ecorules::host::load_csv(&format!("outlet,time,so2,flag\n{csv_like}"), &opts);
        let _ = load_json(&text, &opts);
        let _ = Plan::compile_text("x.toml", &text);
        let _ = Plan::compile_text("x.json", &text);
        let mut set = ecorules::Catalog::empty();
        for kind in ecorules::CatalogKind::ALL {
            let _ = set.add(kind, &ecorules::SourceText::new("x.toml", text.clone()));
        }
        let _ = ecorules::hj212::decode_bytes(text.as_bytes(), &Default::default());
    }

    #[test]
    fn extreme_values_never_panic(vals in prop::collection::vec(prop_oneof![Just(f64::INFINITY), Just(f64::NEG_INFINITY), Just(f64::MAX), Just(-f64::MAX), Just(f64::MIN_POSITIVE), any::<f64>()], 1..200),
                                  start in prop_oneof![Just(i64::MIN / 2), Just(0i64), Just(T0), Just(i64::MAX / 2), any::<i64>()]) {
        let ts: Vec<i64> = (0..vals.len() as i64).map(|i| start.saturating_add(i * 60)).collect();
        let flags = vec![b'N'; vals.len()];
        if let Ok(mut r) = Readings::from_series("DA001", "so2", &ts, &vals, &flags, DuplicatePolicy::KeepLast) {
            let _ = r.extend(Readings::from_series("DA001", "o2", &ts, &vals, &flags, DuplicatePolicy::KeepLast).unwrap());
            let _ = plan(35.0).evaluate(&r);
        }
    }
}
