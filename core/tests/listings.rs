//! The host listings every binding converts: `host::rules` and `host::judged_windows`.
//!
//! Expected values come from the bundled sample (examples/sample): its SO2 hourly limit is
//! 35 mg/m3 (at 6 % O2) and the hour 09:00–10:00 (+08:00) averages 41.043 after correction,
//! the first hourly exceedance `ecorules check` prints for that day.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use ecorules::host::{judged_windows, rules};
use ecorules::{
    DataFormat, ErrorKind, EvaluateOptions, FindingKind, LoadOptions, Plan, Readings, WindowStatus,
};

fn sample() -> (Plan, String) {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/sample");
    let permit = std::fs::read_to_string(format!("{root}/permit.toml")).unwrap();
    let csv = std::fs::read_to_string(format!("{root}/day.csv")).unwrap();
    (Plan::compile_text("permit.toml", &permit).unwrap(), csv)
}

#[test]
fn rules_list_every_limit_with_its_outlet_and_standard() {
    let (plan, _) = sample();
    let listed = rules(&plan);
    let so2 = listed
        .iter()
        .find(|r| r.outlet == "DA001" && r.pollutant == "a21026" && r.period.name() == "hour")
        .unwrap();
    assert_eq!(so2.max, Some(35.0));
    assert_eq!(so2.min, None);
    assert_eq!(so2.unit, "mg/m3");
    assert_eq!(so2.ref_o2, Some(6.0));
    assert_eq!(so2.pollutant_name, "SO2");
    assert_eq!(so2.time_zone, "Asia/Shanghai");
    let total: usize = plan.outlets().iter().map(|o| o.limits.len()).sum();
    assert_eq!(listed.len(), total);
}

#[test]
fn judged_windows_are_the_hourly_points_of_one_rule() {
    let (plan, csv) = sample();
    let data = Readings::load(&csv, DataFormat::Csv, &LoadOptions::default()).unwrap();
    let rule = rules(&plan)
        .into_iter()
        .find(|r| r.outlet == "DA001" && r.pollutant == "a21026" && r.period.name() == "hour")
        .unwrap();
    let rows = judged_windows(
        &plan,
        &data,
        "DA001",
        &rule.rule_id,
        &EvaluateOptions::default(),
    )
    .unwrap();
    assert_eq!(rows.len(), 24);
    // 2025-03-01T09:00:00+08:00 = 1740790800
    let nine = rows.iter().find(|w| w.start == 1_740_790_800).unwrap();
    assert_eq!(nine.end, 1_740_794_400);
    assert_eq!(nine.status, WindowStatus::Valid);
    assert_eq!(nine.breach, Some(FindingKind::Exceedance));
    // No rounding is prescribed for this limit: the judged value is the corrected mean, which
    // `ecorules check` prints to three decimals.
    let value = nine.value.unwrap();
    assert_eq!((value * 1000.0).round() / 1000.0, 41.043);
    assert_eq!(nine.raw_value, nine.value);
    assert_eq!(rows.iter().filter(|w| w.breach.is_some()).count(), 4);
}

#[test]
fn an_unknown_rule_is_a_permit_error_in_every_host() {
    let (plan, csv) = sample();
    let data = Readings::load(&csv, DataFormat::Csv, &LoadOptions::default()).unwrap();
    let err = judged_windows(
        &plan,
        &data,
        "DA001",
        "no/such/rule",
        &EvaluateOptions::default(),
    )
    .unwrap_err();
    let env = err.envelope();
    assert_eq!(env.kind, ErrorKind::Permit);
    assert_eq!(env.code, "permit.unknown_rule");
    assert_eq!(
        env.message,
        "the plan has no rule `no/such/rule` for outlet `DA001`"
    );
}
