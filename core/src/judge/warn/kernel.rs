//! The columnar kernel: simple threshold rules evaluated from flat arrays.
//!
//! Most warning rules a platform runs at scale are one comparison of a series' current
//! value with a constant: "approach 80 % of the limit" (`value(x) >= 0.8 * limit(x)`),
//! "above the limit", optionally held (`for 15 consecutive`, `for 15m`) and with a
//! hysteresis clear (`clear = "value(x) < 0.7 * limit(x)"`). The interpreter evaluates
//! them correctly but pays for generality: a tree walk per evaluation and ~100 bytes of
//! per-instance state spread over per-outlet heap blocks.
//!
//! At monitor creation each bound instance is checked; it is *kernel-eligible* when
//!
//! * `when` binds to `value(s) op c` (`op` any comparison, `c` a constant after folding —
//!   `0.8 * limit(x)` is folded to a number per instance), any hold;
//! * `clear` is absent or `value(s) op2 c2` on the same series;
//! * `peak` is absent or `value(s)` (the default measure of such a `when`);
//! * the rule reads no clock and the instance is triggered by series `s` alone;
//! * `emit` is `alarm` or `count`.
//!
//! Each eligible rule gets one [`KRule`] holding its instances across all outlets as
//! columns: series slot, threshold, hit counter, and for alarms a hot record (clear
//! threshold, run, open flag, run start, peak) and a cold record (alarm start, counters).
//! Instances of one outlet are a contiguous range, so evaluating the outlets of a pushed
//! minute in plan order streams through each column once. The number of evaluations and
//! the last evaluation time are not stored per instance: an instance is evaluated exactly
//! when its one series receives a sample, so they equal the series' arrival count and
//! latest sample time (kept per series by the outlet).
//!
//! Memory per kernel instance: 8 (owner) + 4 (slot) + 8 (threshold) + 8 (hits) = 28 bytes
//! for a `count` rule; an `alarm` rule adds a 40-byte hot record (clear threshold, run,
//! open flag, run start, peak, peak time — read at every evaluation or while the condition
//! holds) and a 24-byte cold record (alarm start, opened, closed — touched only when an
//! alarm opens or closes): 92 bytes. Per series the outlet adds an 8-byte arrival count.
//!
//! Raising, holding and clearing are not written here: the kernel lends each instance's
//! two records to the one state machine ([`super::hold::Latch`]) that the interpreter also
//! runs, so only the reading of the condition differs. The property test
//! `kernel_equals_interpreter` compares alarms, statistics and snapshots on random data.

use super::alarm::{Alarm, AlarmMeta};
use super::eval::{cmp, SeriesState};
use super::hold::{AlarmState, InstState, Latch};
use super::parse::{BinOp, Hold};
use std::sync::Arc;

/// One kernel-eligible rule, its instances as columns.
#[derive(Debug, Clone)]
pub(crate) struct KRule {
    /// The `when` comparison.
    pub(crate) op: BinOp,
    /// The `clear` comparison (`None`: closes when `when` stops holding).
    pub(crate) clear: Option<BinOp>,
    /// Only counts hits.
    pub(crate) count: bool,
    /// The peak tracks the value (else no measure).
    pub(crate) peak: bool,
    /// Emit `updated` events.
    pub(crate) updates: bool,
    pub(crate) hold: Hold,
    /// Outlet index and instance index of each kernel instance (for metadata and sync).
    pub(crate) owner: Vec<(u32, u32)>,
    /// Series slot in its outlet.
    pub(crate) slot: Vec<u32>,
    /// `when` threshold.
    pub(crate) thr: Vec<f64>,
    /// Evaluations where `when` held.
    pub(crate) hits: Vec<u64>,
    /// Alarm state read at every evaluation (`alarm` rules only; empty for `count`).
    pub(crate) hot: Vec<Hot>,
    /// Alarm state read when the condition holds or the alarm is open.
    pub(crate) cold: Vec<ColdState>,
}

/// Per-instance alarm state read at every evaluation (`cthr`, `run`, `open`) or while
/// the condition holds (run start, peak): 40 bytes.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Hot {
    /// `clear` threshold (NaN without clear).
    pub(crate) cthr: f64,
    pub(crate) run_start: i64,
    pub(crate) peak: u64,
    pub(crate) peak_at: i64,
    /// Consecutive evaluations the condition held (while closed).
    pub(crate) run: u32,
    /// Open?
    pub(crate) open: bool,
}

/// Per-instance alarm state touched only when an alarm opens or closes: 24 bytes.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct ColdState {
    pub(crate) start: i64,
    pub(crate) opened: u64,
    pub(crate) closed: u64,
}

/// Every kernel rule of a monitor.
#[derive(Debug, Clone, Default)]
pub(crate) struct Kernel {
    pub(crate) rules: Vec<KRule>,
}

/// What an eligible instance binds to.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Shape {
    pub(crate) op: BinOp,
    pub(crate) slot: u32,
    pub(crate) thr: f64,
    pub(crate) clear: Option<(BinOp, f64)>,
    pub(crate) peak: bool,
    pub(crate) count: bool,
    pub(crate) updates: bool,
    pub(crate) hold: Hold,
}

impl KRule {
    pub(crate) fn new(s: &Shape) -> KRule {
        KRule {
            op: s.op,
            clear: s.clear.map(|c| c.0),
            count: s.count,
            peak: s.peak,
            updates: s.updates,
            hold: s.hold,
            owner: Vec::new(),
            slot: Vec::new(),
            thr: Vec::new(),
            hits: Vec::new(),
            hot: Vec::new(),
            cold: Vec::new(),
        }
    }

    /// Whether an instance of this shape can join this rule's columns.
    pub(crate) fn fits(&self, s: &Shape) -> bool {
        self.op == s.op
            && self.clear == s.clear.map(|c| c.0)
            && self.count == s.count
            && self.peak == s.peak
            && self.updates == s.updates
            && self.hold == s.hold
    }

    /// Appends an instance; returns its index.
    pub(crate) fn add(&mut self, s: &Shape, owner: (u32, u32), st: &InstState) -> u32 {
        let j = self.slot.len() as u32;
        self.owner.push(owner);
        self.slot.push(s.slot);
        self.thr.push(s.thr);
        self.hits.push(0);
        if !self.count {
            self.hot.push(Hot {
                cthr: s.clear.map_or(f64::NAN, |c| c.1),
                ..Hot::default()
            });
            self.cold.push(ColdState::default());
        }
        self.load(j as usize, st);
        j
    }

    /// Writes an instance state into the columns (restore).
    pub(crate) fn load(&mut self, j: usize, st: &InstState) {
        if let Some(h) = self.hits.get_mut(j) {
            *h = st.hits;
        }
        if let Some(h) = self.hot.get_mut(j) {
            h.run = st.run;
            h.open = st.open;
            h.run_start = st.run_start;
            h.peak = st.peak;
            h.peak_at = st.peak_at;
        }
        if let Some(c) = self.cold.get_mut(j) {
            *c = ColdState {
                start: st.start,
                opened: st.opened,
                closed: st.closed,
            };
        }
    }

    /// The interpreter-shaped state of instance `j`, given its series' arrival count and
    /// state (evaluations and last evaluation time are derived from them).
    pub(crate) fn state(&self, j: usize, evals: u64, series: &SeriesState) -> InstState {
        let d = InstState::default();
        let h = self.hot.get(j).copied().unwrap_or(Hot {
            cthr: f64::NAN,
            run_start: d.run_start,
            peak: d.peak,
            peak_at: d.peak_at,
            run: 0,
            open: false,
        });
        let c = self.cold.get(j).copied().unwrap_or(ColdState {
            start: d.start,
            opened: 0,
            closed: 0,
        });
        InstState {
            run: h.run,
            run_start: h.run_start,
            open: h.open,
            start: c.start,
            peak: h.peak,
            peak_at: h.peak_at,
            last_eval: if evals == 0 { i64::MIN } else { series.last_ts },
            evals,
            hits: self.hits.get(j).copied().unwrap_or(0),
            opened: c.opened,
            closed: c.closed,
        }
    }

    /// Evaluates instances `lo..hi` (all of one outlet) at row time `t`: those whose series
    /// received a sample at `t`.
    #[inline]
    pub(crate) fn eval_range(
        &mut self,
        lo: usize,
        hi: usize,
        t: i64,
        series: &[SeriesState],
        metas: &dyn Fn(u32) -> Option<Arc<AlarmMeta>>,
        out: &mut Vec<Alarm>,
    ) {
        let (Some(slot), Some(thr), Some(hits)) = (
            self.slot.get(lo..hi),
            self.thr.get(lo..hi),
            self.hits.get_mut(lo..hi),
        ) else {
            return;
        };
        if self.count {
            match self.op {
                BinOp::Ge => count_loop(|a, b| a >= b, slot, thr, hits, series, t),
                BinOp::Gt => count_loop(|a, b| a > b, slot, thr, hits, series, t),
                BinOp::Le => count_loop(|a, b| a <= b, slot, thr, hits, series, t),
                BinOp::Lt => count_loop(|a, b| a < b, slot, thr, hits, series, t),
                op => count_loop(|a, b| cmp(op, a, b), slot, thr, hits, series, t),
            }
            return;
        }
        let Some(hot) = self.hot.get_mut(lo..hi) else {
            return;
        };
        for (k, (((s, th), h), hs)) in slot
            .iter()
            .zip(thr)
            .zip(hits.iter_mut())
            .zip(hot)
            .enumerate()
        {
            let Some(se) = series.get(*s as usize) else {
                continue;
            };
            if se.last_ts != t {
                continue;
            }
            let v = se.value;
            let cond = cmp(self.op, v, *th);
            *h += u64::from(cond);
            if !hs.open && !cond {
                // the common case: nothing holds, nothing is open
                hs.run = 0;
                continue;
            }
            let j = lo + k;
            let Some(c) = self.cold.get_mut(j) else {
                continue;
            };
            let owner = self.owner.get(j).map_or(0, |o| o.1);
            let latch = Latch {
                hold: self.hold,
                updates: self.updates,
                measured: self.peak,
            };
            let (clear, cthr, peak) = (self.clear, hs.cthr, self.peak);
            let mut cells = Cells { hot: hs, cold: c };
            let measure = || if peak { v } else { f64::NAN };
            let cleared = || clear.map(|op| cmp(op, v, cthr));
            if let Some(a) = latch.step(&mut cells, cond, t, measure, cleared) {
                if let Some(meta) = metas(owner) {
                    out.push(a.into_alarm(meta));
                }
            }
        }
    }
}

/// A kernel instance's two records, lent to the state machine as one state.
struct Cells<'a> {
    hot: &'a mut Hot,
    cold: &'a mut ColdState,
}

impl AlarmState for Cells<'_> {
    #[inline]
    fn open(&mut self) -> &mut bool {
        &mut self.hot.open
    }
    #[inline]
    fn run(&mut self) -> &mut u32 {
        &mut self.hot.run
    }
    #[inline]
    fn run_start(&mut self) -> &mut i64 {
        &mut self.hot.run_start
    }
    #[inline]
    fn start(&mut self) -> &mut i64 {
        &mut self.cold.start
    }
    #[inline]
    fn peak(&mut self) -> &mut u64 {
        &mut self.hot.peak
    }
    #[inline]
    fn peak_at(&mut self) -> &mut i64 {
        &mut self.hot.peak_at
    }
    #[inline]
    fn opened(&mut self) -> &mut u64 {
        &mut self.cold.opened
    }
    #[inline]
    fn closed(&mut self) -> &mut u64 {
        &mut self.cold.closed
    }
}

/// The `count` rule loop: one comparison and one add per instance whose series arrived.
#[inline(always)]
fn count_loop(
    f: impl Fn(f64, f64) -> bool,
    slot: &[u32],
    thr: &[f64],
    hits: &mut [u64],
    series: &[SeriesState],
    t: i64,
) {
    for ((s, th), h) in slot.iter().zip(thr).zip(hits.iter_mut()) {
        if let Some(se) = series.get(*s as usize) {
            if se.last_ts == t {
                *h += u64::from(f(se.value, *th));
            }
        }
    }
}
