//! Finding and event messages in Chinese and English.

use crate::domain::period::Period;
use crate::domain::pollutant::Pollutant;
use crate::report::Message;

/// A number for a message: up to three decimals, trailing zeros dropped.
pub fn num(v: f64) -> String {
    if !v.is_finite() {
        return v.to_string();
    }
    let s = format!("{v:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

/// Local `YYYY-MM-DD HH:MM` of a Unix second.
pub fn local(ts: i64, tz: &jiff::tz::TimeZone) -> String {
    match jiff::Timestamp::from_second(ts) {
        Ok(t) => {
            let d = tz.to_datetime(t);
            format!(
                "{:04}-{:02}-{:02} {:02}:{:02}",
                d.year(),
                d.month(),
                d.day(),
                d.hour(),
                d.minute()
            )
        }
        Err(_) => ts.to_string(),
    }
}

/// The value for a message, with enough digits that it never prints equal to the limit it
/// breaches (50.0004 against 50 prints in full, not as "50").
fn value_text(v: f64, limit: f64) -> String {
    let short = num(v);
    if v != limit && short == num(limit) {
        v.to_string()
    } else {
        short
    }
}

/// What a message says about one breach.
#[derive(Debug)]
pub struct BreachText<'a> {
    /// Outlet id.
    pub outlet: &'a str,
    /// Pollutant.
    pub pollutant: &'a Pollutant,
    /// Period.
    pub period: Period,
    /// Window or event start (local text).
    pub from: String,
    /// Window or event end (local text).
    pub to: String,
    /// Value (or peak).
    pub value: f64,
    /// Limit crossed.
    pub limit: f64,
    /// Above (true) or below (false).
    pub above: bool,
    /// Unit symbol.
    pub unit: &'a str,
    /// Reference O2.
    pub ref_o2: Option<f64>,
    /// Legal basis text (`GB 13223-2011 Table 1`).
    pub basis: String,
    /// Number of windows, for events.
    pub windows: Option<u32>,
}

/// The finding or event message.
pub fn breach(t: &BreachText<'_>) -> Message {
    let p = t.pollutant;
    let value = value_text(t.value, t.limit);
    let o2_zh = t
        .ref_o2
        .map(|r| format!("（折算至基准氧含量{}%）", num(r)))
        .unwrap_or_default();
    let o2_en = t
        .ref_o2
        .map(|r| format!(" (at {}% O2)", num(r)))
        .unwrap_or_default();
    let ratio = if t.above && t.limit > 0.0 {
        Some(t.value / t.limit)
    } else {
        None
    };
    let (zh_verb, en_verb) = if t.above {
        ("超过排放限值", "exceeds the limit of")
    } else {
        ("低于限值下限", "is below the lower limit of")
    };
    let zh_ratio = ratio
        .map(|r| format!("，为限值的{}倍", num(r)))
        .unwrap_or_default();
    let en_ratio = ratio
        .map(|r| format!(", {}× the limit", num(r)))
        .unwrap_or_default();
    match t.windows {
        None => Message {
            zh: format!(
                "排放口{}于{}至{}，{}{}为{} {}{}，{}{} {}{}（依据{}）",
                t.outlet, t.from, t.to, p.name_zh, t.period.name_zh(), value, t.unit, o2_zh, zh_verb, num(t.limit), t.unit, zh_ratio, t.basis
            ),
            en: format!(
                "Outlet {}: {} {} of {} {}{} from {} to {} {} {} {}{} ({})",
                t.outlet, p.short_name(), t.period.name_en(), value, t.unit, o2_en, t.from, t.to, en_verb, num(t.limit), t.unit, en_ratio, t.basis
            ),
        },
        Some(n) => Message {
            zh: format!(
                "排放口{}{}{}自{}至{}连续{}个时段{}，峰值{}{}{}，限值{}{}（依据{}）",
                t.outlet, p.name_zh, t.period.name_zh(), t.from, t.to, n, if t.above { "超标" } else { "低于限值下限" }, value, t.unit, o2_zh, num(t.limit), t.unit, t.basis
            ),
            en: format!(
                "Outlet {}: {} {} {} the limit of {} {} for {} consecutive window{} from {} to {}; peak {} {}{}{}",
                t.outlet,
                p.short_name(),
                t.period.name_en(),
                if t.above { "exceeded" } else { "fell below" },
                num(t.limit),
                t.unit,
                n,
                if n == 1 { "" } else { "s" },
                t.from,
                t.to,
                value,
                t.unit,
                o2_en,
                en_ratio
            ),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(num(37.5), "37.5");
        assert_eq!(num(35.0), "35");
        assert_eq!(num(1.23456), "1.235");
        assert_eq!(num(-0.0001), "0");
    }
}
