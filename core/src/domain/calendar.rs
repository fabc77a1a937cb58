//! Calendar windows in a time zone.
//!
//! A [`Calendar`] answers "which hour (day, month, year) window contains this instant?" in
//! the outlet's zone, as half-open UTC ranges `[start, end)` of Unix seconds. Hours are
//! local clock hours: in a zone with a 30-minute offset they start at :30 UTC, and on the
//! night a clock falls back, the repeated 01:00–02:00 is two distinct hour windows. Days run
//! from local midnight to local midnight, so a DST day lasts 23 or 25 hours.
//!
//! The hot loop asks once per window, not once per sample: the caller keeps the current
//! `[start, end)` and only calls again when a sample falls outside it.

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::Timestamp;

/// Calendar arithmetic for one zone.
#[derive(Debug, Clone)]
pub struct Calendar {
    tz: TimeZone,
}

/// The kinds of calendar window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grain {
    /// Clock half-hour.
    HalfHour,
    /// Clock hour.
    Hour,
    /// Local day.
    Day,
    /// Local month.
    Month,
    /// Local year.
    Year,
}

impl Calendar {
    /// A calendar in `tz`.
    pub fn new(tz: TimeZone) -> Self {
        Calendar { tz }
    }

    /// The zone.
    pub fn tz(&self) -> &TimeZone {
        &self.tz
    }

    fn offset(&self, ts: i64) -> i64 {
        match Timestamp::from_second(ts) {
            Ok(t) => i64::from(self.tz.to_offset(t).seconds()),
            Err(_) => 0,
        }
    }

    /// The window of `grain` containing `ts`.
    pub fn window(&self, grain: Grain, ts: i64) -> (i64, i64) {
        match grain {
            Grain::HalfHour => self.clock(ts, 1800),
            Grain::Hour => self.clock(ts, 3600),
            Grain::Day | Grain::Month | Grain::Year => {
                let date = self.date(ts);
                let (first, next) = match grain {
                    Grain::Day => (Some(date), date.tomorrow().ok()),
                    Grain::Month => (
                        Some(date.first_of_month()),
                        date.last_of_month().tomorrow().ok(),
                    ),
                    _ => (
                        Some(date.first_of_year()),
                        date.last_of_year().tomorrow().ok(),
                    ),
                };
                let start = first.map_or(ts, |d| self.midnight(d));
                let end = next.map_or(start.saturating_add(86_400), |d| self.midnight(d));
                (start, end.max(start.saturating_add(1)))
            }
        }
    }

    fn clock(&self, ts: i64, len: i64) -> (i64, i64) {
        let off = self.offset(ts);
        let local = ts.saturating_add(off);
        let start = ts.saturating_sub(local.rem_euclid(len));
        let mut end = start.saturating_add(len);
        // An offset change inside the window (zones with 30-minute DST) ends it early.
        if self.offset(end.saturating_sub(1)) != off {
            let mut lo = ts;
            let mut hi = end.saturating_sub(1);
            while lo + 1 < hi {
                let mid = lo + (hi - lo) / 2;
                if self.offset(mid) == off {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            end = hi;
        }
        (start, end)
    }

    /// The local date of `ts`.
    pub fn date(&self, ts: i64) -> Date {
        match Timestamp::from_second(ts) {
            Ok(t) => self.tz.to_datetime(t).date(),
            Err(_) => Date::constant(1970, 1, 1),
        }
    }

    /// Unix second of local midnight starting `date` (the first instant of the day if
    /// midnight does not exist).
    pub fn midnight(&self, date: Date) -> i64 {
        match self
            .tz
            .to_zoned_datetime(date.to_datetime(jiff::civil::Time::midnight()))
        {
            Ok(z) => z.timestamp().as_second(),
            Err(_) => 0,
        }
    }

    /// Whether the window starting at `start` lies in February (for the month rule).
    pub fn is_february(&self, start: i64) -> bool {
        self.date(start).month() == 2
    }
}

/// A forward-moving view of a [`Calendar`] for sorted timestamps: it remembers the UTC
/// offset and until when it holds (the next transition), so hour and day windows between
/// transitions are plain arithmetic instead of a time-zone lookup. Results equal
/// [`Calendar::window`] exactly; only the work differs.
#[derive(Debug)]
pub struct Cursor<'a> {
    cal: &'a Calendar,
    offset: i64,
    from: i64,
    until: i64,
}

impl<'a> Cursor<'a> {
    /// A cursor with nothing cached yet.
    pub fn new(cal: &'a Calendar) -> Self {
        Cursor {
            cal,
            offset: 0,
            from: i64::MAX,
            until: i64::MIN,
        }
    }

    fn refresh(&mut self, ts: i64) {
        self.offset = self.cal.offset(ts);
        self.from = ts;
        self.until = Timestamp::from_second(ts)
            .ok()
            .and_then(|t| self.cal.tz.following(t).next())
            .map_or(i64::MAX, |tr| tr.timestamp().as_second());
    }

    /// The window of `grain` containing `ts`.
    pub fn window(&mut self, grain: Grain, ts: i64) -> (i64, i64) {
        let len = match grain {
            Grain::HalfHour => 1800,
            Grain::Hour => 3600,
            Grain::Day => 86_400,
            Grain::Month | Grain::Year => return self.cal.window(grain, ts),
        };
        if ts < self.from || ts >= self.until {
            self.refresh(ts);
        }
        let start = ts.saturating_sub(ts.saturating_add(self.offset).rem_euclid(len));
        let stop = start.saturating_add(len);
        // Arithmetic holds only if no offset change touches the window.
        if start >= self.from && stop <= self.until {
            (start, stop)
        } else {
            self.cal.window(grain, ts)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shanghai_days_start_at_16_utc() {
        let c = Calendar::new(crate::domain::zones::zone("Asia/Shanghai").unwrap());
        // 2025-01-01T00:00+08:00 = 1735660800
        assert_eq!(
            c.window(Grain::Day, 1_735_660_800 + 5),
            (1_735_660_800, 1_735_747_200)
        );
        assert_eq!(
            c.window(Grain::Hour, 1_735_660_800 + 3599),
            (1_735_660_800, 1_735_664_400)
        );
        let (s, e) = c.window(Grain::Month, 1_735_660_800);
        assert_eq!((s, e - s), (1_735_660_800, 31 * 86_400));
        let (s, e) = c.window(Grain::Year, 1_735_660_800);
        assert_eq!((s, e - s), (1_735_660_800, 365 * 86_400));
    }

    #[test]
    fn berlin_dst_days_are_23_and_25_hours() {
        let c = Calendar::new(crate::domain::zones::zone("Europe/Berlin").unwrap());
        // 2025-03-30 is 23 h long, 2025-10-26 is 25 h long.
        let spring = c.midnight(Date::constant(2025, 3, 30));
        let (s, e) = c.window(Grain::Day, spring + 3600);
        assert_eq!((s, e - s), (spring, 23 * 3600));
        let autumn = c.midnight(Date::constant(2025, 10, 26));
        let (s, e) = c.window(Grain::Day, autumn + 3600);
        assert_eq!((s, e - s), (autumn, 25 * 3600));
        // The repeated hour 02:00-03:00 local on 2025-10-26 is two windows.
        let first = autumn + 2 * 3600; // 02:00 CEST
        let second = first + 3600; // 02:00 CET
        assert_eq!(c.window(Grain::Hour, first + 10), (first, first + 3600));
        assert_eq!(c.window(Grain::Hour, second + 10), (second, second + 3600));
    }

    #[test]
    fn cursor_equals_calendar() {
        for zone in [
            "Asia/Shanghai",
            "Europe/Berlin",
            "America/New_York",
            "+05:30",
        ] {
            let c = Calendar::new(crate::domain::zones::zone(zone).unwrap());
            let mut cur = Cursor::new(&c);
            // 2025-01-01 .. 2026-01-01 in 17-minute steps crosses every DST change
            let mut t = 1_735_689_600i64;
            while t < 1_767_225_600 {
                for g in [Grain::HalfHour, Grain::Hour, Grain::Day, Grain::Month] {
                    assert_eq!(cur.window(g, t), c.window(g, t), "{zone} {g:?} {t}");
                }
                t += 17 * 60;
            }
        }
    }

    #[test]
    fn half_hour_offsets() {
        let c = Calendar::new(crate::domain::zones::zone("+05:30").unwrap());
        // local 00:00 at 18:30 UTC the day before
        let (s, _) = c.window(Grain::Hour, 0);
        assert_eq!(s, -1800);
    }
}
