//! The one window cache: every averaging window of an evaluation is built here, once.
//!
//! A limit is judged on hourly, daily, monthly, yearly or rolling averages; a compliance
//! method (China, IED, NSPS) and a mass cap work on hourly or half-hourly averages of the
//! same data. All of them ask this cache, so an hourly and a daily SO2 limit, the CN method
//! judging them again and the SO2 mass cap cost **one** pass over the minutes of SO2 (and one
//! of O2, when the limit corrects to a reference oxygen content).
//!
//! What is cached, per outlet of an evaluation ([`Plan::evaluate_with`](crate::plan::Plan)
//! drops the cache after each outlet, so the next one reuses its memory) or per compliance
//! assessment:
//!
//! * the calendar segments of a timestamp column (which samples fall into which clock hour or
//!   half-hour, in the outlet's zone), per outlet, column and grain;
//! * the base windows, keyed by **(outlet, pollutant, grain, validity pack, reference O2)**:
//!   the clock windows of the pollutant under the limit's sample rules and minimum capture,
//!   corrected to the reference O2 when the limit asks for it (see
//!   [`crate::prepare::window::correct_o2`]), together with the sample counts of the pass.
//!   Corrected windows are built from a pass of their own; the as-measured copy is kept only
//!   for O2 and for limits that judge as measured.
//!
//! Days, months, years and rolling windows are rolled up from the base windows of each limit
//! (they depend on the limit's day / month / year capture rules, and rolling them is cheap
//! next to the pass over the minutes).
//!
//! ## The period edge rule (one rule for limits and methods)
//!
//! Windows are aligned to the calendar, the evaluation bounds are not always: the requested
//! period (`from`/`to`, or the assessed period of a method), the permit's validity and a
//! limit's effective range (`effective_from`/`effective_to`) can start in the middle of a day
//! or a month. The rule is:
//!
//! * a window **partly outside** the bounds is **kept and marked**
//!   [`WindowStatus::OutsidePeriod`]: it is counted in the statistics (`outside_period`) but
//!   never judged — an average of minutes half outside the period says nothing about the
//!   period;
//! * a window **wholly outside** the requested period or the limit's effective range is
//!   **dropped**: it is not part of the evaluation at all;
//! * a window outside the permit's validity (but inside the request) is kept and marked, so
//!   a report says how many windows fell outside the permit.
//!
//! Methods skip marked windows like invalid ones, so their verdicts only ever rest on windows
//! wholly inside the period, the permit and the limit's range.

use crate::domain::calendar::{Calendar, Grain};
use crate::domain::period::Period;
use crate::domain::pollutant::{Pollutant, OXYGEN};
use crate::ingest::readings::Readings;
use crate::packs::standard::model::ValidityRules;
use crate::plan::{CompiledLimit, CompiledOutlet};
use crate::prepare::validity::{SampleCounts, SampleRules};
use crate::prepare::window::{
    aggregate_segments, correct_o2, roll_up, rolling, sample_windows, segment, Segment, Window,
    WindowStatus,
};
use std::cell::RefCell;
use std::sync::Arc;

/// What base windows are keyed by: outlet, pollutant code, grain, validity pack (by
/// identity: the plan shares one `Arc` per pack) and reference O2 (bits; `None`: as measured).
type BaseKey = (String, &'static str, Grain, usize, Option<u64>);

/// Base windows with the sample counts of their pass.
type Base = (Arc<Vec<Window>>, SampleCounts);

/// Calendar segments of one timestamp column of one outlet at one grain.
type SegmentKey = (String, usize, Grain);

#[derive(Debug, Default)]
struct Store {
    segments: Vec<(SegmentKey, Arc<Vec<Segment>>)>,
    base: Vec<(BaseKey, Base)>,
}

/// The windows of one evaluation, built lazily and once (see the module documentation).
#[derive(Debug)]
pub struct WindowCache<'a> {
    readings: &'a Readings<'a>,
    store: RefCell<Store>,
}

impl<'a> WindowCache<'a> {
    /// An empty cache over `readings`.
    pub fn new(readings: &'a Readings<'a>) -> Self {
        WindowCache {
            readings,
            store: RefCell::new(Store::default()),
        }
    }

    fn segments(&self, outlet: &CompiledOutlet, ts: &[i64], grain: Grain) -> Arc<Vec<Segment>> {
        let col = ts.as_ptr() as usize ^ ts.len().rotate_left(32);
        if let Ok(store) = self.store.try_borrow() {
            if let Some((_, s)) = store
                .segments
                .iter()
                .find(|((o, k, g), _)| *k == col && *g == grain && *o == outlet.id)
            {
                return Arc::clone(s);
            }
        }
        let s = Arc::new(segment(ts, &outlet.calendar, grain));
        if let Ok(mut store) = self.store.try_borrow_mut() {
            store
                .segments
                .push(((outlet.id.clone(), col, grain), Arc::clone(&s)));
        }
        s
    }

    /// Clock windows (hour or half-hour) of `pollutant` at `outlet` under `validity`, as
    /// measured, with the sample counts of the pass; cached.
    fn raw(
        &self,
        outlet: &CompiledOutlet,
        pollutant: &'static Pollutant,
        validity: &Arc<ValidityRules>,
        grain: Grain,
    ) -> Base {
        self.cached(outlet, pollutant, validity, grain, None, || {
            let (w, counts) = self.pass(outlet, pollutant, validity, grain);
            (Arc::new(w), counts)
        })
    }

    /// One pass over the samples of `pollutant` at `outlet`: its clock windows as measured
    /// and the sample counts (not cached: see [`WindowCache::base`]).
    fn pass(
        &self,
        outlet: &CompiledOutlet,
        pollutant: &'static Pollutant,
        validity: &Arc<ValidityRules>,
        grain: Grain,
    ) -> (Vec<Window>, SampleCounts) {
        let rules = SampleRules::new(validity, pollutant);
        let min = match grain {
            Grain::HalfHour => validity.half_hour.as_ref().map_or(1, |r| r.min_valid),
            _ => validity.hour.min_valid,
        };
        let mut counts = SampleCounts::default();
        let windows = match self.readings.series(&outlet.id, pollutant.code) {
            Some((f, c)) => {
                let segs = self.segments(outlet, f.ts(), grain);
                aggregate_segments(&segs, c.values(), c.flags(), &rules, min, &mut counts)
            }
            None => Vec::new(),
        };
        (windows, counts)
    }

    fn cached(
        &self,
        outlet: &CompiledOutlet,
        pollutant: &'static Pollutant,
        validity: &Arc<ValidityRules>,
        grain: Grain,
        o2: Option<f64>,
        build: impl FnOnce() -> Base,
    ) -> Base {
        let key: BaseKey = (
            outlet.id.clone(),
            pollutant.code,
            grain,
            Arc::as_ptr(validity) as usize,
            o2.map(f64::to_bits),
        );
        if let Ok(store) = self.store.try_borrow() {
            if let Some((_, (w, c))) = store.base.iter().find(|(k, _)| *k == key) {
                return (Arc::clone(w), *c);
            }
        }
        let (w, c) = build();
        if let Ok(mut store) = self.store.try_borrow_mut() {
            store.base.push((key, (Arc::clone(&w), c)));
        }
        (w, c)
    }

    /// Base windows of `pollutant` at `outlet` under the validity of `limit`, corrected to
    /// `ref_o2` when given (O2 windows built under the same validity), with the sample counts
    /// of the pollutant's pass. Not bounded: callers mark and drop by their bounds.
    pub fn base(
        &self,
        outlet: &CompiledOutlet,
        limit: &CompiledLimit,
        pollutant: &'static Pollutant,
        grain: Grain,
        ref_o2: Option<f64>,
    ) -> Base {
        let v = &limit.validity;
        let (Some(r), Some(o2)) = (ref_o2, Pollutant::by_code(OXYGEN)) else {
            return self.raw(outlet, pollutant, v, grain);
        };
        // The corrected windows are built from a pass of their own, corrected in place, and
        // only they are kept: keeping the as-measured windows too (for a limit that never
        // asks) held a second copy per pollutant: ~2,500 more page faults on W1 S1, which
        // with the per-outlet cache made it 1.33x slower than before the cache. The O2 windows are kept: every corrected pollutant of the outlet needs them.
        self.cached(outlet, pollutant, v, grain, Some(r), || {
            let (o2w, _) = self.raw(outlet, o2, v, grain);
            let (mut w, counts) = self.pass(outlet, pollutant, v, grain);
            correct_o2(&mut w, &o2w, r);
            (Arc::new(w), counts)
        })
    }

    /// Base windows for a method: hour or half-hour windows of `pollutant` at `outlet`,
    /// corrected to the limit's reference O2 when `correct`, under the edge rule of the module
    /// documentation for the period `[lo, hi)`, the permit's validity and the limit's
    /// effective range.
    pub fn period_windows(
        &self,
        outlet: &CompiledOutlet,
        limit: &CompiledLimit,
        pollutant: &'static Pollutant,
        grain: Grain,
        correct: bool,
        (lo, hi): (i64, i64),
    ) -> Vec<Window> {
        let ref_o2 = limit.ref_o2.filter(|_| correct && !limit.data_corrected);
        let (w, _) = self.base(outlet, limit, pollutant, grain, ref_o2);
        let bounds = Bounds::new(outlet, Some(lo), Some(hi));
        let mut w = w.as_ref().clone();
        bounds.apply(&mut w);
        effective(&mut w, limit);
        bounds.drop_outside_request(w)
    }

    /// The windows a limit is judged on: its period's windows (minutes, clock windows, days,
    /// months, years, rolling) under the edge rule, with the sample counts of the hour pass.
    pub fn limit_windows(
        &self,
        outlet: &CompiledOutlet,
        limit: &CompiledLimit,
        bounds: &Bounds,
    ) -> (Vec<Window>, SampleCounts) {
        let cal = &outlet.calendar;
        let v = &limit.validity;
        let correct = limit.ref_o2.filter(|_| !limit.data_corrected);
        let corrected = |grain: Grain| -> (Vec<Window>, SampleCounts) {
            let (w, counts) = self.base(outlet, limit, limit.pollutant, grain, correct);
            let mut w = w.as_ref().clone();
            bounds.apply(&mut w);
            (w, counts)
        };
        let day = |h: &[Window]| roll_up(h, cal, Grain::Day, |_| v.day.min_valid);
        let (mut out, counts) = match limit.period {
            Period::Minute => self.minute_windows(outlet, limit, correct, bounds),
            Period::HalfHour => corrected(Grain::HalfHour),
            Period::Hour => corrected(Grain::Hour),
            Period::Day => {
                let (h, c) = corrected(Grain::Hour);
                (day(&h), c)
            }
            Period::Month => {
                let (h, c) = corrected(Grain::Hour);
                (month_windows(&day(&h), cal, v), c)
            }
            Period::Year => {
                let (h, c) = corrected(Grain::Hour);
                let m = month_windows(&day(&h), cal, v);
                let need = v.year.as_ref().map_or(1, |r| r.min_valid);
                (roll_up(&m, cal, Grain::Year, |_| need), c)
            }
            Period::RollingHours(n) => {
                let (h, c) = corrected(Grain::Hour);
                (rolling(&h, n, 3600, rolling_need(v, n)), c)
            }
            Period::RollingDays(n) => {
                let (h, c) = corrected(Grain::Hour);
                (rolling(&day(&h), n, 86_400, rolling_need(v, n)), c)
            }
        };
        bounds.apply(&mut out);
        effective(&mut out, limit);
        (bounds.drop_outside_request(out), counts)
    }

    /// One window per sample (the `minute` period), O2-corrected sample by sample; the
    /// sample counts are the hour pass's, shared with the other limits.
    fn minute_windows(
        &self,
        outlet: &CompiledOutlet,
        limit: &CompiledLimit,
        correct: Option<f64>,
        bounds: &Bounds,
    ) -> (Vec<Window>, SampleCounts) {
        let v = &limit.validity;
        let rules = SampleRules::new(v, limit.pollutant);
        let (_, counts) = self.raw(outlet, limit.pollutant, v, Grain::Hour);
        let readings = self.readings;
        let mut w = match readings.series(&outlet.id, limit.pollutant.code) {
            Some((f, c)) => sample_windows(f.ts(), c.values(), c.flags(), &rules, 60),
            None => Vec::new(),
        };
        if let (Some(r), Some(o2p)) = (correct, Pollutant::by_code(OXYGEN)) {
            let o2w = match readings.series(&outlet.id, OXYGEN) {
                Some((f, c)) => {
                    sample_windows(f.ts(), c.values(), c.flags(), &SampleRules::new(v, o2p), 60)
                }
                None => Vec::new(),
            };
            correct_o2(&mut w, &o2w, r);
        }
        bounds.apply(&mut w);
        (w, counts)
    }
}

/// Windows of a rolling average of `n` children need this many valid children
/// (`rolling_min_share`, default 75 %, at least one).
fn rolling_need(v: &ValidityRules, n: u16) -> u32 {
    let s = v.rolling_min_share.unwrap_or(0.75);
    let need = (s * f64::from(n)).ceil();
    if need.is_finite() && need >= 1.0 {
        need as u32
    } else {
        1
    }
}

/// The edge rule for a limit's effective range: windows wholly outside are dropped, windows
/// partly outside are marked.
fn effective(out: &mut Vec<Window>, limit: &CompiledLimit) {
    if limit.effective == (None, None) {
        return;
    }
    let (lo, hi) = limit.effective;
    out.retain(|w| lo.is_none_or(|lo| w.end > lo) && hi.is_none_or(|hi| w.start < hi));
    for w in out {
        if lo.is_some_and(|lo| w.start < lo) || hi.is_some_and(|hi| w.end > hi) {
            w.status = WindowStatus::OutsidePeriod;
        }
    }
}

/// Months rolled up from days, with February's own minimum where the pack gives one.
fn month_windows(days: &[Window], cal: &Calendar, v: &ValidityRules) -> Vec<Window> {
    let normal = v.month.min_valid;
    let feb = v.month.min_valid_february.unwrap_or(normal);
    roll_up(days, cal, Grain::Month, |start| {
        if cal.is_february(start) {
            feb
        } else {
            normal
        }
    })
}

/// The permit's validity and the requested period.
#[derive(Debug, Clone, Copy)]
pub struct Bounds {
    lo: Option<i64>,
    hi: Option<i64>,
    req_lo: Option<i64>,
    req_hi: Option<i64>,
}

impl Bounds {
    /// The bounds of an outlet for a request `[from, to)`.
    pub fn new(o: &CompiledOutlet, from: Option<i64>, to: Option<i64>) -> Self {
        let max = |a: Option<i64>, b: Option<i64>| match (a, b) {
            (Some(x), Some(y)) => Some(x.max(y)),
            (x, None) | (None, x) => x,
        };
        let min = |a: Option<i64>, b: Option<i64>| match (a, b) {
            (Some(x), Some(y)) => Some(x.min(y)),
            (x, None) | (None, x) => x,
        };
        Bounds {
            lo: max(o.valid.0, from),
            hi: min(o.valid.1, to),
            req_lo: from,
            req_hi: to,
        }
    }

    /// Marks windows partly or wholly outside the permit's validity or the request.
    fn apply(&self, windows: &mut [Window]) {
        if self.lo.is_none() && self.hi.is_none() {
            return;
        }
        for w in windows {
            if self.lo.is_some_and(|lo| w.start < lo) || self.hi.is_some_and(|hi| w.end > hi) {
                w.status = WindowStatus::OutsidePeriod;
            }
        }
    }

    /// Drops windows wholly outside the request.
    fn drop_outside_request(&self, mut windows: Vec<Window>) -> Vec<Window> {
        if self.req_lo.is_some() || self.req_hi.is_some() {
            windows.retain(|w| {
                !(self.req_lo.is_some_and(|lo| w.end <= lo)
                    || self.req_hi.is_some_and(|hi| w.start >= hi))
            });
        }
        windows
    }
}
