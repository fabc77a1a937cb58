//! Raise, hold, clear: the one alarm state machine.
//!
//! A warning rule does not alarm the moment its condition is true. The condition must
//! *hold*: at once (`when = "value(x) > limit(x)"`), for a number of evaluations in a row
//! (`for 3 consecutive`), or over a span of time (`for 15m`, measured from the first
//! evaluation of the run). While it holds and the alarm is closed, the instance counts the
//! run and tracks the peak of the rule's measure; when the hold is met the alarm *opens*,
//! dated from the start of the run ("alarm started 2022-12-13 09:12, lasted 27 minutes").
//! An open alarm tracks its peak (and reports each new peak as *updated* when the rule asks
//! for updates) and *closes* when its clear condition holds — by default when the
//! condition stops holding, or a hysteresis condition such as `clear = "value(x) < 0.7 *
//! limit(x)"` so that a value hovering at the threshold does not open and close every
//! minute. A condition that stops holding before the hold is met resets the run.
//!
//! The machine is [`Latch::step`]. The interpreter runs it on each instance's
//! [`InstState`]; the columnar kernel ([`super::kernel`]) runs the same code on its column
//! records, so both evaluate every rule alike by construction. What differs is only where
//! the condition, the measure and the clear condition come from: evaluated trees for the
//! interpreter, one comparison of the current value for the kernel.

use super::alarm::{Alarm, AlarmEvent, AlarmMeta};
use super::parse::Hold;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Mutable state of one rule instance.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct InstState {
    /// Consecutive evaluations the condition held (while closed).
    pub run: u32,
    /// When the current run began.
    pub run_start: i64,
    /// Open?
    pub open: bool,
    /// Start of the open alarm.
    pub start: i64,
    /// Peak (bits of f64).
    pub peak: u64,
    /// Time of the peak.
    pub peak_at: i64,
    /// Last evaluation time.
    pub last_eval: i64,
    /// Evaluations.
    pub evals: u64,
    /// Evaluations where the condition held.
    pub hits: u64,
    /// Alarms opened.
    pub opened: u64,
    /// Alarms closed.
    pub closed: u64,
}

impl Default for InstState {
    fn default() -> Self {
        InstState {
            run: 0,
            run_start: 0,
            open: false,
            start: 0,
            peak: f64::NAN.to_bits(),
            peak_at: 0,
            last_eval: i64::MIN,
            evals: 0,
            hits: 0,
            opened: 0,
            closed: 0,
        }
    }
}

/// The fields of an instance's state the machine reads and writes. [`InstState`] has them
/// all; the kernel keeps them in two column records and lends them as a pair.
pub(crate) trait AlarmState {
    /// Open?
    fn open(&mut self) -> &mut bool;
    /// Consecutive evaluations the condition held (while closed).
    fn run(&mut self) -> &mut u32;
    /// When the current run began.
    fn run_start(&mut self) -> &mut i64;
    /// Start of the open alarm.
    fn start(&mut self) -> &mut i64;
    /// Peak (bits of f64).
    fn peak(&mut self) -> &mut u64;
    /// Time of the peak.
    fn peak_at(&mut self) -> &mut i64;
    /// Alarms opened.
    fn opened(&mut self) -> &mut u64;
    /// Alarms closed.
    fn closed(&mut self) -> &mut u64;
}

impl AlarmState for InstState {
    #[inline]
    fn open(&mut self) -> &mut bool {
        &mut self.open
    }
    #[inline]
    fn run(&mut self) -> &mut u32 {
        &mut self.run
    }
    #[inline]
    fn run_start(&mut self) -> &mut i64 {
        &mut self.run_start
    }
    #[inline]
    fn start(&mut self) -> &mut i64 {
        &mut self.start
    }
    #[inline]
    fn peak(&mut self) -> &mut u64 {
        &mut self.peak
    }
    #[inline]
    fn peak_at(&mut self) -> &mut i64 {
        &mut self.peak_at
    }
    #[inline]
    fn opened(&mut self) -> &mut u64 {
        &mut self.opened
    }
    #[inline]
    fn closed(&mut self) -> &mut u64 {
        &mut self.closed
    }
}

/// What the machine needs of a rule.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Latch {
    /// How long the condition must hold.
    pub(crate) hold: Hold,
    /// Emit `updated` events when an open alarm's peak rises.
    pub(crate) updates: bool,
    /// The rule has a measure (else values and peaks are NaN).
    pub(crate) measured: bool,
}

/// An event before its metadata is attached.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Event {
    event: AlarmEvent,
    start: i64,
    at: i64,
    end: Option<i64>,
    value: f64,
    peak: f64,
    peak_at: i64,
}

impl Event {
    /// The alarm of an instance.
    #[inline]
    pub(crate) fn into_alarm(self, meta: Arc<AlarmMeta>) -> Alarm {
        Alarm {
            event: self.event,
            meta,
            start: self.start,
            at: self.at,
            end: self.end,
            value: self.value,
            peak: self.peak,
            peak_at: self.peak_at,
        }
    }
}

/// Raises the stored peak to `m` if `m` is higher (or the first number); whether it rose.
#[inline]
fn raise_peak<S: AlarmState>(s: &mut S, m: f64, t: i64) -> bool {
    let peak = f64::from_bits(*s.peak());
    let rose = m > peak || (peak.is_nan() && !m.is_nan());
    if rose {
        *s.peak() = m.to_bits();
        *s.peak_at() = t;
    }
    rose
}

impl Latch {
    /// One evaluation at `t` where the condition is `cond`. `measure` is the rule's measure
    /// now (NaN if it has none), read only when needed; `clear` whether the clear condition
    /// holds now, read only while the alarm is open (`None`: the rule has no clear
    /// condition and closes when `cond` stops holding).
    #[inline]
    pub(crate) fn step<S: AlarmState>(
        &self,
        s: &mut S,
        cond: bool,
        t: i64,
        measure: impl FnOnce() -> f64,
        clear: impl FnOnce() -> Option<bool>,
    ) -> Option<Event> {
        if *s.open() {
            self.while_open(s, cond, t, measure(), clear)
        } else if cond {
            self.while_holding(s, t, measure)
        } else {
            *s.run() = 0;
            None
        }
    }

    /// An open alarm: track the peak, close when the clear condition holds.
    #[inline]
    fn while_open<S: AlarmState>(
        &self,
        s: &mut S,
        cond: bool,
        t: i64,
        m: f64,
        clear: impl FnOnce() -> Option<bool>,
    ) -> Option<Event> {
        let rose = raise_peak(s, m, t);
        let clear = clear().unwrap_or(!cond);
        if clear {
            *s.open() = false;
            *s.closed() += 1;
            *s.run() = 0;
            Some(Event {
                event: AlarmEvent::Closed,
                start: *s.start(),
                at: t,
                end: Some(t),
                value: m,
                peak: f64::from_bits(*s.peak()),
                peak_at: *s.peak_at(),
            })
        } else if rose && self.updates {
            Some(Event {
                event: AlarmEvent::Updated,
                start: *s.start(),
                at: t,
                end: None,
                value: m,
                peak: m,
                peak_at: t,
            })
        } else {
            None
        }
    }

    /// A closed alarm whose condition holds: count the run, open when the hold is met.
    #[inline]
    fn while_holding<S: AlarmState>(
        &self,
        s: &mut S,
        t: i64,
        measure: impl FnOnce() -> f64,
    ) -> Option<Event> {
        if *s.run() == 0 {
            *s.run_start() = t;
            *s.peak() = f64::NAN.to_bits();
        }
        *s.run() = s.run().saturating_add(1);
        let ready = match self.hold {
            Hold::Immediately => true,
            Hold::Consecutive(n) => *s.run() >= n,
            Hold::Duration(d) => t.saturating_sub(*s.run_start()) >= d,
        };
        let need_measure = ready || self.hold != Hold::Immediately;
        let (value, peak, peak_at) = if need_measure && self.measured {
            let m = measure();
            raise_peak(s, m, t);
            (m, f64::from_bits(*s.peak()), *s.peak_at())
        } else {
            (f64::NAN, f64::NAN, t)
        };
        if !ready {
            return None;
        }
        *s.open() = true;
        *s.opened() += 1;
        *s.start() = *s.run_start();
        Some(Event {
            event: AlarmEvent::Opened,
            start: *s.start(),
            at: t,
            end: None,
            value,
            peak,
            peak_at,
        })
    }
}
