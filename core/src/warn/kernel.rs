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
//! columns (structure of arrays): series slot, threshold, clear threshold, hit counter,
//! run length, open flag, and the colder run start / alarm start / peak / counters.
//! Instances of one outlet are a contiguous range, so evaluating the outlets of a pushed
//! minute in plan order streams through each column once. The number of evaluations and
//! the last evaluation time are not stored per instance: an instance is evaluated exactly
//! when its one series receives a sample, so they equal the series' arrival count and
//! latest sample time (kept per series by the outlet).
//!
//! Memory per kernel instance: 4 (slot) + 8 (threshold) + 8 (hits) for a `count` rule;
//! an `alarm` rule adds 8 (clear threshold) + 4 (run) + 1 (open) + 8 × 6 (run start, start,
//! peak, peak time, opened, closed) = 81 bytes. The semantics are the interpreter's
//! (`step_inst` in [`super::monitor`]) line by line; the property test
//! `kernel_equals_interpreter` compares alarms, statistics and snapshots on random data.

use super::alarm::{Alarm, AlarmEvent, AlarmMeta};
use super::eval::{cmp, SeriesState};
use super::monitor::InstState;
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
    pub(crate) slot: Vec<u32>,
    pub(crate) thr: Vec<f64>,
    pub(crate) cthr: Vec<f64>,
    pub(crate) hits: Vec<u64>,
    pub(crate) run: Vec<u32>,
    pub(crate) open: Vec<bool>,
    pub(crate) run_start: Vec<i64>,
    pub(crate) start: Vec<i64>,
    pub(crate) peak_bits: Vec<u64>,
    pub(crate) peak_at: Vec<i64>,
    pub(crate) opened: Vec<u64>,
    pub(crate) closed: Vec<u64>,
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
            cthr: Vec::new(),
            hits: Vec::new(),
            run: Vec::new(),
            open: Vec::new(),
            run_start: Vec::new(),
            start: Vec::new(),
            peak_bits: Vec::new(),
            peak_at: Vec::new(),
            opened: Vec::new(),
            closed: Vec::new(),
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
        self.cthr.push(s.clear.map_or(f64::NAN, |c| c.1));
        self.hits.push(0);
        self.run.push(0);
        self.open.push(false);
        self.run_start.push(0);
        self.start.push(0);
        self.peak_bits.push(0);
        self.peak_at.push(0);
        self.opened.push(0);
        self.closed.push(0);
        self.load(j as usize, st);
        j
    }

    /// Writes an instance state into the columns (restore).
    pub(crate) fn load(&mut self, j: usize, st: &InstState) {
        let set = |v: &mut Vec<u64>, x: u64| {
            if let Some(p) = v.get_mut(j) {
                *p = x;
            }
        };
        set(&mut self.hits, st.hits);
        set(&mut self.peak_bits, st.peak);
        set(&mut self.opened, st.opened);
        set(&mut self.closed, st.closed);
        let seti = |v: &mut Vec<i64>, x: i64| {
            if let Some(p) = v.get_mut(j) {
                *p = x;
            }
        };
        seti(&mut self.run_start, st.run_start);
        seti(&mut self.start, st.start);
        seti(&mut self.peak_at, st.peak_at);
        if let Some(p) = self.run.get_mut(j) {
            *p = st.run;
        }
        if let Some(p) = self.open.get_mut(j) {
            *p = st.open;
        }
    }

    /// The interpreter-shaped state of instance `j`, given its series' arrival count and
    /// state (evaluations and last evaluation time are derived from them).
    pub(crate) fn state(&self, j: usize, evals: u64, series: &SeriesState) -> InstState {
        InstState {
            run: self.run.get(j).copied().unwrap_or(0),
            run_start: self.run_start.get(j).copied().unwrap_or(0),
            open: self.open.get(j).copied().unwrap_or(false),
            start: self.start.get(j).copied().unwrap_or(0),
            peak: self.peak_bits.get(j).copied().unwrap_or(f64::NAN.to_bits()),
            peak_at: self.peak_at.get(j).copied().unwrap_or(0),
            last_eval: if evals == 0 { i64::MIN } else { series.last_ts },
            evals,
            hits: self.hits.get(j).copied().unwrap_or(0),
            opened: self.opened.get(j).copied().unwrap_or(0),
            closed: self.closed.get(j).copied().unwrap_or(0),
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
        if self.count {
            let (Some(slot), Some(thr), Some(hits)) = (
                self.slot.get(lo..hi),
                self.thr.get(lo..hi),
                self.hits.get_mut(lo..hi),
            ) else {
                return;
            };
            match self.op {
                BinOp::Ge => count_loop(|a, b| a >= b, slot, thr, hits, series, t),
                BinOp::Gt => count_loop(|a, b| a > b, slot, thr, hits, series, t),
                BinOp::Le => count_loop(|a, b| a <= b, slot, thr, hits, series, t),
                BinOp::Lt => count_loop(|a, b| a < b, slot, thr, hits, series, t),
                op => count_loop(|a, b| cmp(op, a, b), slot, thr, hits, series, t),
            }
            return;
        }
        for j in lo..hi {
            let Some(&s) = self.slot.get(j) else {
                continue;
            };
            let Some(se) = series.get(s as usize) else {
                continue;
            };
            if se.last_ts != t {
                continue;
            }
            self.step(j, se.value, t, metas, out);
        }
    }

    /// One evaluation of instance `j` with current value `v`: `step_inst` specialised.
    #[inline]
    fn step(
        &mut self,
        j: usize,
        v: f64,
        t: i64,
        metas: &dyn Fn(u32) -> Option<Arc<AlarmMeta>>,
        out: &mut Vec<Alarm>,
    ) {
        let thr = self.thr.get(j).copied().unwrap_or(f64::NAN);
        let cond = cmp(self.op, v, thr);
        if let Some(h) = self.hits.get_mut(j) {
            *h += u64::from(cond);
        }
        let open = self.open.get(j).copied().unwrap_or(false);
        let m = if self.peak { v } else { f64::NAN };
        let owner = self.owner.get(j).map_or(0, |o| o.1);
        if open {
            let mut peak = f64::from_bits(self.peak_bits.get(j).copied().unwrap_or(0));
            let rose = m > peak || (peak.is_nan() && !m.is_nan());
            if rose {
                peak = m;
                set(&mut self.peak_bits, j, m.to_bits());
                set(&mut self.peak_at, j, t);
            }
            let clear = match self.clear {
                Some(op) => cmp(op, v, self.cthr.get(j).copied().unwrap_or(f64::NAN)),
                None => !cond,
            };
            if clear {
                set(&mut self.open, j, false);
                if let Some(c) = self.closed.get_mut(j) {
                    *c += 1;
                }
                set(&mut self.run, j, 0);
                if let Some(meta) = metas(owner) {
                    out.push(Alarm {
                        event: AlarmEvent::Closed,
                        meta,
                        start: self.start.get(j).copied().unwrap_or(0),
                        at: t,
                        end: Some(t),
                        value: m,
                        peak,
                        peak_at: self.peak_at.get(j).copied().unwrap_or(0),
                    });
                }
            } else if rose && self.updates {
                if let Some(meta) = metas(owner) {
                    out.push(Alarm {
                        event: AlarmEvent::Updated,
                        meta,
                        start: self.start.get(j).copied().unwrap_or(0),
                        at: t,
                        end: None,
                        value: m,
                        peak: m,
                        peak_at: t,
                    });
                }
            }
        } else if cond {
            let Some(run) = self.run.get_mut(j) else {
                return;
            };
            if *run == 0 {
                set(&mut self.run_start, j, t);
                set(&mut self.peak_bits, j, f64::NAN.to_bits());
            }
            let Some(run) = self.run.get_mut(j) else {
                return;
            };
            *run = run.saturating_add(1);
            let run = *run;
            let run_start = self.run_start.get(j).copied().unwrap_or(0);
            let ready = match self.hold {
                Hold::Immediately => true,
                Hold::Consecutive(n) => run >= n,
                Hold::Duration(d) => t.saturating_sub(run_start) >= d,
            };
            let need_measure = ready || self.hold != Hold::Immediately;
            if need_measure && self.peak {
                let peak = f64::from_bits(self.peak_bits.get(j).copied().unwrap_or(0));
                if m > peak || (peak.is_nan() && !m.is_nan()) {
                    set(&mut self.peak_bits, j, m.to_bits());
                    set(&mut self.peak_at, j, t);
                }
                if ready {
                    self.open_now(j, run_start);
                    if let Some(meta) = metas(owner) {
                        out.push(Alarm {
                            event: AlarmEvent::Opened,
                            meta,
                            start: run_start,
                            at: t,
                            end: None,
                            value: m,
                            peak: f64::from_bits(self.peak_bits.get(j).copied().unwrap_or(0)),
                            peak_at: self.peak_at.get(j).copied().unwrap_or(0),
                        });
                    }
                }
            } else if ready {
                self.open_now(j, run_start);
                if let Some(meta) = metas(owner) {
                    out.push(Alarm {
                        event: AlarmEvent::Opened,
                        meta,
                        start: run_start,
                        at: t,
                        end: None,
                        value: f64::NAN,
                        peak: f64::NAN,
                        peak_at: t,
                    });
                }
            }
        } else {
            set(&mut self.run, j, 0);
        }
    }

    fn open_now(&mut self, j: usize, run_start: i64) {
        set(&mut self.open, j, true);
        if let Some(c) = self.opened.get_mut(j) {
            *c += 1;
        }
        set(&mut self.start, j, run_start);
    }
}

#[inline]
fn set<T: Copy>(v: &mut [T], j: usize, x: T) {
    if let Some(p) = v.get_mut(j) {
        *p = x;
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
