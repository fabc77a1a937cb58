//! Time zones embedded in the library, and parsing of timestamps.
//!
//! Averaging windows are aligned to the calendar of the permit's time zone: a Chinese
//! "day" runs from 00:00 to 24:00 China Standard Time, not UTC. The engine never reads the
//! operating system's time-zone database (WebAssembly and phones may not have one, and
//! results must be the same on every platform), so the zones packs and permits use are
//! compiled in with `jiff::tz::get!`. Ask for another one and you get an error listing
//! what is there, with a "did you mean".

use crate::diag::error::{Error, Result};
use crate::ErrorCode;
use jiff::tz::{Offset, TimeZone};
use jiff::Timestamp;

/// The IANA zones compiled into the library.
pub const EMBEDDED_ZONES: &[&str] = &[
    "UTC",
    "Asia/Shanghai",
    "Asia/Hong_Kong",
    "Asia/Macau",
    "Asia/Taipei",
    "Asia/Urumqi",
    "Europe/Amsterdam",
    "Europe/Berlin",
    "Europe/Brussels",
    "Europe/London",
    "Europe/Madrid",
    "Europe/Paris",
    "Europe/Rome",
    "Europe/Warsaw",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "America/New_York",
    "America/Phoenix",
];

fn embedded(name: &str) -> Option<TimeZone> {
    Some(match name {
        "UTC" | "Etc/UTC" => TimeZone::UTC,
        "Asia/Shanghai" => jiff::tz::get!("Asia/Shanghai"),
        "Asia/Hong_Kong" => jiff::tz::get!("Asia/Hong_Kong"),
        "Asia/Macau" => jiff::tz::get!("Asia/Macau"),
        "Asia/Taipei" => jiff::tz::get!("Asia/Taipei"),
        "Asia/Urumqi" => jiff::tz::get!("Asia/Urumqi"),
        "Europe/Amsterdam" => jiff::tz::get!("Europe/Amsterdam"),
        "Europe/Berlin" => jiff::tz::get!("Europe/Berlin"),
        "Europe/Brussels" => jiff::tz::get!("Europe/Brussels"),
        "Europe/London" => jiff::tz::get!("Europe/London"),
        "Europe/Madrid" => jiff::tz::get!("Europe/Madrid"),
        "Europe/Paris" => jiff::tz::get!("Europe/Paris"),
        "Europe/Rome" => jiff::tz::get!("Europe/Rome"),
        "Europe/Warsaw" => jiff::tz::get!("Europe/Warsaw"),
        "America/Chicago" => jiff::tz::get!("America/Chicago"),
        "America/Denver" => jiff::tz::get!("America/Denver"),
        "America/Los_Angeles" => jiff::tz::get!("America/Los_Angeles"),
        "America/New_York" => jiff::tz::get!("America/New_York"),
        "America/Phoenix" => jiff::tz::get!("America/Phoenix"),
        _ => return None,
    })
}

/// Resolves a zone name: an embedded IANA name, or a fixed offset such as `+08:00` or
/// `UTC+8`.
pub fn zone(name: &str) -> Result<TimeZone> {
    if let Some(tz) = embedded(name) {
        return Ok(tz);
    }
    if let Some(off) = parse_fixed_offset(name) {
        return Ok(TimeZone::fixed(off));
    }
    Err(Error::new(
        ErrorCode::PermitUnknownTimeZone,
        format!("unknown time zone `{name}`"),
    )
    .with_help(
        match crate::diag::suggest::closest(name, EMBEDDED_ZONES.iter().copied()) {
            Some(s) => format!(
                "did you mean `{s}`? embedded zones: {}; fixed offsets like `+08:00` also work",
                EMBEDDED_ZONES.join(", ")
            ),
            None => format!(
                "embedded zones: {}; fixed offsets like `+08:00` also work",
                EMBEDDED_ZONES.join(", ")
            ),
        },
    ))
}

fn parse_fixed_offset(s: &str) -> Option<Offset> {
    let t = s.trim();
    let t = t
        .strip_prefix("UTC")
        .or_else(|| t.strip_prefix("GMT"))
        .unwrap_or(t);
    let (sign, rest) = match t.as_bytes().first()? {
        b'+' => (1i32, t.get(1..)?),
        b'-' => (-1i32, t.get(1..)?),
        _ => return None,
    };
    let (h, m) = match rest.split_once(':') {
        Some((h, m)) => (h.parse::<i32>().ok()?, m.parse::<i32>().ok()?),
        None if rest.len() == 4 => (rest.get(..2)?.parse().ok()?, rest.get(2..)?.parse().ok()?),
        None => (rest.parse::<i32>().ok()?, 0),
    };
    if !(0..=18).contains(&h) || !(0..60).contains(&m) {
        return None;
    }
    Offset::from_seconds(sign * (h * 3600 + m * 60)).ok()
}

/// Parses a time: Unix seconds (`1735660800`), an RFC 3339 / ISO 8601 instant with offset
/// (`2025-01-01T00:00:00+08:00`, `Z`), or — when `naive_zone` is given — a civil time
/// without offset (`2025-01-01 00:00:00`, `2025-01-01T00:00`) read in that zone.
pub fn parse_time(text: &str, naive_zone: Option<&TimeZone>) -> Option<i64> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    if t.bytes().all(|b| b.is_ascii_digit() || b == b'-') && t.len() <= 12 && !t.contains("--") {
        if let Ok(secs) = t.parse::<i64>() {
            return Some(secs);
        }
    }
    if let Ok(ts) = t.parse::<Timestamp>() {
        return Some(ts.as_second());
    }
    let tz = naive_zone?;
    let dt = t.parse::<jiff::civil::DateTime>().ok()?;
    let zoned = dt.to_zoned_datetime(tz.clone()).ok()?;
    Some(zoned.timestamp().as_second())
}

/// Formats a Unix second as local ISO 8601 with offset, e.g. `2025-03-01T10:00:00+08:00`.
pub fn format_local(ts: i64, tz: &TimeZone) -> String {
    match Timestamp::from_second(ts) {
        Ok(t) => {
            let d = tz.to_datetime(t);
            let off = tz.to_offset(t).seconds();
            let (sign, a) = if off < 0 { ('-', -off) } else { ('+', off) };
            format!(
                "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{sign}{:02}:{:02}",
                d.year(),
                d.month(),
                d.day(),
                d.hour(),
                d.minute(),
                d.second(),
                a / 3600,
                (a % 3600) / 60
            )
        }
        Err(_) => ts.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_all_time_forms() {
        let sh = zone("Asia/Shanghai").unwrap();
        assert_eq!(parse_time("1735660800", None), Some(1_735_660_800));
        assert_eq!(
            parse_time("2025-01-01T00:00:00+08:00", None),
            Some(1_735_660_800)
        );
        assert_eq!(
            parse_time("2024-12-31T16:00:00Z", None),
            Some(1_735_660_800)
        );
        assert_eq!(
            parse_time("2025-01-01 00:00:00", Some(&sh)),
            Some(1_735_660_800)
        );
        assert_eq!(parse_time("2025-01-01 00:00:00", None), None);
        assert_eq!(parse_time("garbage", Some(&sh)), None);
    }

    #[test]
    fn fixed_offsets_and_unknown_zones() {
        assert!(zone("+08:00").is_ok());
        assert!(zone("UTC+8").is_ok());
        let e = zone("Asia/Shangai").unwrap_err();
        assert_eq!(e.code(), "permit.unknown_time_zone");
        assert!(e.envelope().help.unwrap().contains("Asia/Shanghai"));
    }

    #[test]
    fn formats_local_time() {
        let sh = zone("Asia/Shanghai").unwrap();
        assert_eq!(
            format_local(1_735_660_800, &sh),
            "2025-01-01T00:00:00+08:00"
        );
    }
}
