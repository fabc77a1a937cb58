//! Averaging periods.
//!
//! A limit is always a limit *on an average over a period*: GB 13223 limits for thermal
//! power are judged on hourly averages, wastewater limits usually on daily averages, EU
//! large combustion plants on monthly, daily and hourly ones together. Calendar periods
//! (hour, day, month, year) are aligned in the outlet's time zone; rolling periods end at
//! every hour (or day) and look back N of them.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Cow;
use std::fmt;

/// An averaging period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Period {
    /// One sample (the raw minute value).
    Minute,
    /// A clock half-hour.
    HalfHour,
    /// A clock hour.
    Hour,
    /// A calendar day, midnight to midnight local time.
    Day,
    /// A calendar month.
    Month,
    /// A calendar year.
    Year,
    /// The mean of the last N hourly values, one window ending at every hour.
    RollingHours(u16),
    /// The mean of the last N daily values, one window ending at every day.
    RollingDays(u16),
}

impl Period {
    /// The name used in packs and reports (`hour`, `rolling_24h`).
    pub fn name(self) -> Cow<'static, str> {
        match self {
            Period::Minute => "minute".into(),
            Period::HalfHour => "half_hour".into(),
            Period::Hour => "hour".into(),
            Period::Day => "day".into(),
            Period::Month => "month".into(),
            Period::Year => "year".into(),
            Period::RollingHours(n) => format!("rolling_{n}h").into(),
            Period::RollingDays(n) => format!("rolling_{n}d").into(),
        }
    }

    /// Parses a period name.
    pub fn parse(s: &str) -> Option<Period> {
        Some(match s.trim() {
            "minute" => Period::Minute,
            "half_hour" => Period::HalfHour,
            "hour" => Period::Hour,
            "day" => Period::Day,
            "month" => Period::Month,
            "year" => Period::Year,
            other => {
                let rest = other.strip_prefix("rolling_")?;
                let (n, unit) = rest.split_at(rest.len().checked_sub(1)?);
                let n: u16 = n.parse().ok().filter(|n| *n >= 1 && *n <= 8784)?;
                match unit {
                    "h" => Period::RollingHours(n),
                    "d" if n <= 366 => Period::RollingDays(n),
                    _ => return None,
                }
            }
        })
    }

    /// Chinese name for messages.
    pub fn name_zh(self) -> Cow<'static, str> {
        match self {
            Period::Minute => "分钟值".into(),
            Period::HalfHour => "半小时均值".into(),
            Period::Hour => "小时均值".into(),
            Period::Day => "日均值".into(),
            Period::Month => "月均值".into(),
            Period::Year => "年均值".into(),
            Period::RollingHours(n) => format!("{n}小时滑动均值").into(),
            Period::RollingDays(n) => format!("{n}日滑动均值").into(),
        }
    }

    /// English name for messages.
    pub fn name_en(self) -> Cow<'static, str> {
        match self {
            Period::Minute => "minute value".into(),
            Period::HalfHour => "half-hourly average".into(),
            Period::Hour => "hourly average".into(),
            Period::Day => "daily average".into(),
            Period::Month => "monthly average".into(),
            Period::Year => "annual average".into(),
            Period::RollingHours(n) => format!("{n}-hour rolling average").into(),
            Period::RollingDays(n) => format!("{n}-day rolling average").into(),
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}

impl Serialize for Period {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.name())
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Period::parse(&s).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "unknown period `{s}`, expected one of `minute`, `half_hour`, `hour`, `day`, `month`, `year`, `rolling_<N>h`, `rolling_<N>d`"
            ))
        })
    }
}

impl schemars::JsonSchema for Period {
    fn schema_name() -> Cow<'static, str> {
        "Period".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "Averaging period: minute, half_hour, hour, day, month, year, rolling_<N>h or rolling_<N>d",
            "pattern": "^(minute|half_hour|hour|day|month|year|rolling_[0-9]+[hd])$"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for p in [
            Period::Minute,
            Period::HalfHour,
            Period::Hour,
            Period::Day,
            Period::Month,
            Period::Year,
            Period::RollingHours(24),
            Period::RollingDays(30),
        ] {
            assert_eq!(Period::parse(&p.name()), Some(p));
        }
        assert_eq!(Period::parse("rolling_0h"), None);
        assert_eq!(Period::parse("weekly"), None);
    }
}
