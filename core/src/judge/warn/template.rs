//! Alarm message templates.
//!
//! A warning rule carries a Chinese and an English message, written by the pack author
//! with placeholders: `"{outlet_name} {subject} 小时均值 {value} 已达限值 {limit} 的 80%，持续
//! {duration}"`. The names are checked when the pack is compiled (an unknown `{name}` is a
//! `rule.placeholder` error pointing into the pack), and filled only when an alarm is shown
//! or serialised, so pushing data never formats text. Numbers print with at most three
//! decimals and no trailing zeros, missing values as `-`; durations in whole minutes
//! (`1 h 5 min`, `1小时5分钟`); times in the outlet's zone.

use crate::report::Lang;

/// Placeholders message templates may use.
pub const PLACEHOLDERS: &[&str] = &[
    "rule",
    "outlet",
    "outlet_name",
    "subject",
    "value",
    "peak",
    "limit",
    "start",
    "at",
    "end",
    "duration",
    "signals",
];

/// The first unknown `{placeholder}` in a template.
pub fn unknown_placeholder(t: &str) -> Option<String> {
    let mut rest = t;
    while let Some(i) = rest.find('{') {
        let after = rest.get(i + 1..)?;
        let j = after.find('}')?;
        let name = after.get(..j)?;
        if !PLACEHOLDERS.contains(&name) {
            return Some(name.to_string());
        }
        rest = after.get(j + 1..)?;
    }
    None
}

pub(crate) fn fmt_num(v: f64) -> String {
    if v.is_nan() {
        return "-".into();
    }
    let s = format!("{v:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.to_string()
    }
}

pub(crate) fn fmt_dur(secs: i64, lang: Lang) -> String {
    let m = secs.max(0) / 60;
    let (d, h, mm) = (m / 1440, (m / 60) % 24, m % 60);
    let zh = matches!(lang, Lang::Zh);
    let mut out = String::new();
    if d > 0 {
        out += &if zh {
            format!("{d}天")
        } else {
            format!("{d} d ")
        };
    }
    if h > 0 {
        out += &if zh {
            format!("{h}小时")
        } else {
            format!("{h} h ")
        };
    }
    if mm > 0 || out.is_empty() {
        out += &if zh {
            format!("{mm}分钟")
        } else {
            format!("{mm} min")
        };
    }
    out.trim_end().to_string()
}

/// Fills a template: each `{name}` becomes `value(name)`; text from an unclosed `{` on is
/// kept as written.
pub fn render(t: &str, value: impl Fn(&str) -> String) -> String {
    let mut out = String::with_capacity(t.len() + 32);
    let mut rest = t;
    while let Some(i) = rest.find('{') {
        out.push_str(rest.get(..i).unwrap_or(""));
        let after = rest.get(i + 1..).unwrap_or("");
        let Some(j) = after.find('}') else {
            out.push_str(rest.get(i..).unwrap_or(""));
            rest = "";
            break;
        };
        let name = after.get(..j).unwrap_or("");
        out.push_str(&value(name));
        rest = after.get(j + 1..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(fmt_num(0.8), "0.8");
        assert_eq!(fmt_num(40.0), "40");
        assert_eq!(fmt_dur(27 * 60, Lang::Zh), "27分钟");
        assert_eq!(fmt_dur(3600 + 300, Lang::En), "1 h 5 min");
        assert_eq!(
            unknown_placeholder("a {peak} b {nope}"),
            Some("nope".into())
        );
        assert_eq!(unknown_placeholder("a {peak}"), None);
    }
}
