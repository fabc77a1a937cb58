//! Sliding-window aggregates with bounded, amortised O(1) work per sample.
//!
//! Each aggregate keeps only the samples inside its window (time-based, `(t − W, t]`):
//! a running sum for `avg`, running moments for `slope`, monotonic deques for `min`,
//! `max` and `flat`. Samples are added when they arrive (evicting what fell out of the
//! window); reads at a later time skip, without mutating, samples that have gone stale
//! since, so a clock tick never disturbs the state data will later extend. No read
//! re-scans history: at most the samples that went stale since the last arrival.
//!
//! Memory: one `(i64, f64)` (16 bytes) per sample in the window, per aggregate (a 1 h
//! average over minute data holds 60 entries, ≈1 KiB); never more than
//! [`MAX_WINDOW_SAMPLES`] (older ones are dropped first).

use crate::domain::calendar::{Calendar, Grain};
use crate::ingest::readings::Flag;
use std::collections::VecDeque;

/// Windowed aggregate kinds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum AggKind {
    /// Mean of normal samples in the window.
    Avg,
    /// Minimum.
    Min,
    /// Maximum.
    Max,
    /// Least-squares slope, unit per hour.
    Slope,
    /// Number of normal samples.
    Count,
    /// Number of samples (any validity) whose flag is in the mask.
    Flags(u8),
    /// Max − min ≤ tolerance over a window the data fully cover.
    Flat(f64),
    /// Sum of normal samples since the local new year.
    YearTotal,
}

/// The mask bit of a flag letter.
pub fn flag_bit(b: u8) -> u8 {
    Flag::from_byte(b)
        .and_then(|f| Flag::ALL.iter().position(|g| *g == f))
        .map(|i| 1u8 << i)
        .unwrap_or(0)
}

/// Most samples one aggregate keeps.
pub const MAX_WINDOW_SAMPLES: usize = 100_000;

/// One windowed aggregate over one series.
#[derive(Debug, Clone, PartialEq)]
pub struct Agg {
    /// Series slot.
    pub series: u32,
    /// Kind.
    pub kind: AggKind,
    /// Window length in seconds (0 for the year total).
    pub window: i64,
    /// Samples in the window (time, value); for `flags`, matching samples with value 1.
    pub buf: VecDeque<(i64, f64)>,
    /// Monotonic deque: decreasing values (max); for `flat` the max deque.
    pub hi: VecDeque<(i64, f64)>,
    /// Monotonic deque: increasing values (min); for `flat` the min deque.
    pub lo: VecDeque<(i64, f64)>,
    /// Running sums: Σv, Σt, Σt², Σtv (t in hours since `anchor`).
    pub sums: [f64; 4],
    /// Time origin of the slope moments.
    pub anchor: i64,
    /// Current local year `[start, end)` for the year total.
    pub year: (i64, i64),
}

impl Agg {
    /// A new, empty aggregate.
    pub fn new(series: u32, kind: AggKind, window: i64) -> Self {
        Agg {
            series,
            kind,
            window,
            buf: VecDeque::new(),
            hi: VecDeque::new(),
            lo: VecDeque::new(),
            sums: [0.0; 4],
            anchor: 0,
            year: (0, 0),
        }
    }

    /// Whether this aggregate takes only normal samples (all but `flags`).
    pub fn wants_normal(&self) -> bool {
        !matches!(self.kind, AggKind::Flags(_))
    }

    fn hours(&self, t: i64) -> f64 {
        t.saturating_sub(self.anchor) as f64 / 3600.0
    }

    fn add_sums(&mut self, t: i64, v: f64, sign: f64) {
        let h = self.hours(t);
        let [a, b, c, d] = &mut self.sums;
        *a += sign * v;
        *b += sign * h;
        *c += sign * h * h;
        *d += sign * h * v;
    }

    /// Adds a sample at `t` (values for normal-only kinds; `flag_bit` for `flags`).
    pub fn push(&mut self, t: i64, v: f64, flag_bit: u8, cal: &Calendar) {
        match self.kind {
            AggKind::YearTotal => {
                if t < self.year.0 || t >= self.year.1 {
                    self.year = cal.window(Grain::Year, t);
                    self.sums[0] = 0.0;
                }
                self.sums[0] += v;
                return;
            }
            AggKind::Flags(mask) => {
                self.evict(t);
                if mask & flag_bit != 0 {
                    self.buf.push_back((t, 1.0));
                }
                return;
            }
            AggKind::Flat(_) => {
                // keep the newest sample at or before t − W as the boundary
                let edge = t.saturating_sub(self.window);
                while self.buf.get(1).is_some_and(|s| s.0 <= edge)
                    || self.buf.len() >= MAX_WINDOW_SAMPLES
                {
                    self.buf.pop_front();
                }
                let first = self.buf.front().map_or(t, |s| s.0);
                while self.hi.front().is_some_and(|s| s.0 < first) {
                    self.hi.pop_front();
                }
                while self.lo.front().is_some_and(|s| s.0 < first) {
                    self.lo.pop_front();
                }
                self.buf.push_back((t, v));
                push_mono(&mut self.hi, t, v, |a, b| a <= b);
                push_mono(&mut self.lo, t, v, |a, b| a >= b);
                return;
            }
            AggKind::Max => {
                self.evict_mono(t);
                push_mono(&mut self.hi, t, v, |a, b| a <= b);
                return;
            }
            AggKind::Min => {
                self.evict_mono(t);
                push_mono(&mut self.lo, t, v, |a, b| a >= b);
                return;
            }
            AggKind::Avg | AggKind::Count | AggKind::Slope => {}
        }
        self.evict(t);
        if self.buf.is_empty() {
            self.sums = [0.0; 4];
            self.anchor = t;
        } else if t.saturating_sub(self.anchor) > self.window.max(1).saturating_mul(16) {
            // re-anchor the moments to keep them well conditioned (amortised O(1))
            self.anchor = t;
            self.sums = [0.0; 4];
            let items: Vec<(i64, f64)> = self.buf.iter().copied().collect();
            for (ts, x) in items {
                self.add_sums(ts, x, 1.0);
            }
        }
        self.buf.push_back((t, v));
        self.add_sums(t, v, 1.0);
    }

    fn evict(&mut self, t: i64) {
        let edge = t.saturating_sub(self.window);
        while let Some(&(ts, v)) = self.buf.front() {
            if ts > edge && self.buf.len() < MAX_WINDOW_SAMPLES {
                break;
            }
            self.buf.pop_front();
            if matches!(self.kind, AggKind::Avg | AggKind::Slope) {
                self.add_sums(ts, v, -1.0);
            }
        }
    }

    fn evict_mono(&mut self, t: i64) {
        let edge = t.saturating_sub(self.window);
        for d in [&mut self.hi, &mut self.lo] {
            while d.front().is_some_and(|s| s.0 <= edge) || d.len() >= MAX_WINDOW_SAMPLES {
                d.pop_front();
            }
        }
    }

    /// The aggregate's value at `now` (NaN when undefined, e.g. no sample in the window).
    pub fn read(&self, now: i64, cal: &Calendar) -> f64 {
        let edge = now.saturating_sub(self.window);
        match self.kind {
            AggKind::YearTotal => {
                if now >= self.year.0 && now < self.year.1 {
                    self.sums[0]
                } else {
                    let _ = cal;
                    0.0
                }
            }
            AggKind::Flags(_) | AggKind::Count => {
                let stale = self.buf.iter().take_while(|s| s.0 <= edge).count();
                (self.buf.len() - stale) as f64
            }
            AggKind::Max => self
                .hi
                .iter()
                .find(|s| s.0 > edge)
                .map_or(f64::NAN, |s| s.1),
            AggKind::Min => self
                .lo
                .iter()
                .find(|s| s.0 > edge)
                .map_or(f64::NAN, |s| s.1),
            AggKind::Avg | AggKind::Slope => {
                let mut s = self.sums;
                let mut n = self.buf.len();
                for &(ts, v) in self.buf.iter().take_while(|s| s.0 <= edge) {
                    let h = self.hours(ts);
                    s[0] -= v;
                    s[1] -= h;
                    s[2] -= h * h;
                    s[3] -= h * v;
                    n -= 1;
                }
                if n == 0 {
                    return f64::NAN;
                }
                let nf = n as f64;
                if self.kind == AggKind::Avg {
                    return s[0] / nf;
                }
                let den = nf * s[2] - s[1] * s[1];
                if n < 2 || den.abs() < 1e-12 {
                    return f64::NAN;
                }
                (nf * s[3] - s[1] * s[0]) / den
            }
            AggKind::Flat(tol) => {
                // boundary: newest sample at or before now − W
                let Some(b) = self.buf.iter().take_while(|s| s.0 <= edge).last() else {
                    return 0.0;
                };
                let hi = self
                    .hi
                    .iter()
                    .find(|s| s.0 >= b.0)
                    .map_or(f64::NAN, |s| s.1);
                let lo = self
                    .lo
                    .iter()
                    .find(|s| s.0 >= b.0)
                    .map_or(f64::NAN, |s| s.1);
                if hi - lo <= tol {
                    1.0
                } else {
                    0.0
                }
            }
        }
    }
}

fn push_mono(d: &mut VecDeque<(i64, f64)>, t: i64, v: f64, drop_back: impl Fn(f64, f64) -> bool) {
    while d.back().is_some_and(|b| drop_back(b.1, v)) {
        d.pop_back();
    }
    if d.len() >= MAX_WINDOW_SAMPLES {
        d.pop_front();
    }
    d.push_back((t, v));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cal() -> Calendar {
        Calendar::new(crate::domain::zones::zone("Asia/Shanghai").unwrap())
    }

    #[test]
    fn avg_min_max_slope_flat() {
        let c = cal();
        let mut avg = Agg::new(0, AggKind::Avg, 180);
        let mut max = Agg::new(0, AggKind::Max, 180);
        let mut min = Agg::new(0, AggKind::Min, 180);
        let mut slope = Agg::new(0, AggKind::Slope, 3600);
        let mut flat = Agg::new(0, AggKind::Flat(0.5), 120);
        for (i, v) in [1.0, 5.0, 3.0, 2.0, 2.2, 2.1].iter().enumerate() {
            let t = i as i64 * 60;
            for a in [&mut avg, &mut max, &mut min, &mut slope, &mut flat] {
                a.push(t, *v, 1, &c);
            }
        }
        // window (120, 300]: 2.0, 2.2, 2.1
        assert!((avg.read(300, &c) - 6.3 / 3.0).abs() < 1e-12);
        assert_eq!(max.read(300, &c), 2.2);
        assert_eq!(min.read(300, &c), 2.0);
        // later read with nothing new skips stale samples
        assert_eq!(max.read(400, &c), 2.2);
        assert!(avg.read(10_000, &c).is_nan());
        // flat: boundary 180 (2.0), 2.2, 2.1 within 0.5
        assert_eq!(flat.read(300, &c), 1.0);
        assert_eq!(flat.read(200, &c), 0.0); // 3.0..2.0 spans 1.0 > 0.5 from boundary 60
        let mut s = Agg::new(0, AggKind::Slope, 3600);
        for i in 0..10 {
            s.push(i * 60, 2.0 * i as f64, 1, &c);
        }
        assert!((s.read(540, &c) - 120.0).abs() < 1e-9); // 2 per minute = 120 per hour
    }
}
