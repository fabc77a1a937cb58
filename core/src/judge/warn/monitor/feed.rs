//! Feeding data: push, seal, evaluate.
//!
//! `push` first validates the whole batch (known outlets, nothing older than the sealed
//! frontier, no duplicate of a pending sample) so that a failed push changes nothing. Then
//! each outlet's samples are applied: with no lateness and one frame per outlet, rows are
//! sealed as they come (the fast path); otherwise they wait in `pending` until the outlet's
//! newest time minus the lateness passes them. Sealing a row applies its samples to their
//! series and aggregates, evaluates the interpreted instances the row triggered (once
//! each), then the outlet's kernel ranges. `tick` seals by the clock and evaluates the
//! clock-dependent instances and the record rules; `flush` seals everything.

use super::state::{step_inst, OutletState};
use super::Monitor;
use crate::diag::error::{Error, Result};
use crate::domain::pollutant::Pollutant;
use crate::ingest::readings::{Frame, Readings};
use crate::judge::warn::alarm::Alarm;
use crate::judge::warn::eval::{Ctx, SeriesState};
use crate::judge::warn::kernel::Kernel;
use crate::judge::warn::window::flag_bit;
use crate::ErrorCode;
use std::sync::Arc;

impl Monitor {
    /// Feeds data; returns the alarm events of the rows this push seals, in time order.
    ///
    /// Fails without changing any state if a sample is for an unknown outlet, for a time
    /// already sealed (older than the lateness allows), or duplicates a pending sample.
    #[inline(never)] // one symbol in profiles; it is far too large to gain from inlining
    pub fn push(&mut self, readings: &Readings<'_>) -> Result<Vec<Alarm>> {
        // validate everything first: a failed push changes nothing
        let frames = readings.frames();
        let mut frame_oi: Vec<usize> = Vec::with_capacity(frames.len());
        let mut touched: Vec<usize> = Vec::new();
        self.seen.resize(self.outlets.len(), 0);
        let (multi, mut fail) = self.locate(frames, &mut frame_oi, &mut touched);
        if fail.is_none() && (self.opts.lateness > 0 || multi) {
            fail = self.duplicate(frames, &frame_oi);
        }
        if let Some(e) = fail {
            for &oi in &touched {
                if let Some(n) = self.seen.get_mut(oi) {
                    *n = 0;
                }
            }
            return Err(e);
        }
        let mut out = Vec::new();
        let lateness = self.opts.lateness;
        let mut scratch = std::mem::take(&mut self.scratch);
        self.feed(frames, &frame_oi, &mut scratch, &mut out);
        for &oi in &touched {
            if let Some(n) = self.seen.get_mut(oi) {
                *n = 0;
            }
            if let Some(o) = self.outlets.get_mut(oi) {
                if !o.pending.is_empty() {
                    let upto = o.max_ts.saturating_sub(lateness);
                    o.seal(upto, &mut self.kernel, &mut scratch, &mut out);
                }
            }
        }
        self.scratch = scratch;
        sort(&mut out);
        Ok(out)
    }

    /// The outlet of every frame (into `frame_oi`; first frames of an outlet into
    /// `touched`, counted in `seen`); whether an outlet has several frames, and the first
    /// unknown outlet or late frame.
    fn locate(
        &mut self,
        frames: &[Frame<'_>],
        frame_oi: &mut Vec<usize>,
        touched: &mut Vec<usize>,
    ) -> (bool, Option<Error>) {
        let mut pred = 0usize;
        let mut multi = false;
        let mut fail = None;
        for f in frames {
            // frames usually come in plan order: try the next outlet before hashing
            let oi = match self.outlets.get(pred) {
                Some(o) if *o.id == *f.outlet() => pred,
                _ => match self.index.get(f.outlet()) {
                    Some(&oi) => oi,
                    None => {
                        fail = Some(
                            Error::data(
                                ErrorCode::DataUnknownOutlet,
                                format!("outlet `{}` is not in the permit", f.outlet()),
                            )
                            .with_help_opt(
                                crate::diag::suggest::did_you_mean(crate::diag::suggest::closest(
                                    f.outlet(),
                                    self.index.keys().map(String::as_str),
                                )),
                            ),
                        );
                        break;
                    }
                },
            };
            pred = oi + 1;
            let Some(o) = self.outlets.get(oi) else {
                fail = Some(internal());
                break;
            };
            if let Some(&t0) = f.ts().first() {
                if t0 <= o.sealed {
                    fail = Some(late(o, t0, self.opts.lateness));
                    break;
                }
            }
            if let Some(n) = self.seen.get_mut(oi) {
                if *n == 0 {
                    touched.push(oi);
                } else {
                    multi = true;
                }
                *n += 1;
            }
            frame_oi.push(oi);
        }
        (multi, fail)
    }

    /// The first sample that duplicates a pending one.
    fn duplicate(&self, frames: &[Frame<'_>], frame_oi: &[usize]) -> Option<Error> {
        let mut fail = None;
        'outer: for (f, &oi) in frames.iter().zip(frame_oi) {
            let Some(o) = self.outlets.get(oi) else {
                continue;
            };
            for c in f.columns() {
                let Some(slot) = o.slot_of(c.pollutant()) else {
                    continue;
                };
                for t in f.ts() {
                    if o.pending
                        .get(t)
                        .is_some_and(|row| row.iter().any(|s| s.0 == slot))
                    {
                        fail = Some(Error::data(
                            ErrorCode::DataDuplicateSample,
                            format!(
                                "outlet `{}` already has a pending `{}` sample at {t}",
                                o.id,
                                c.pollutant().code
                            ),
                        ));
                        break 'outer;
                    }
                }
            }
        }
        fail
    }

    /// Applies every frame to its outlet: sealed and evaluated at once on the fast path
    /// (one frame for the outlet, no lateness, nothing pending), else queued as pending.
    fn feed(
        &mut self,
        frames: &[Frame<'_>],
        frame_oi: &[usize],
        scratch: &mut Vec<u32>,
        out: &mut Vec<Alarm>,
    ) {
        let lateness = self.opts.lateness;
        let mut cols: Vec<(u32, &[f64], &[u8])> = Vec::new();
        for (f, &oi) in frames.iter().zip(frame_oi) {
            let single = self.seen.get(oi).is_some_and(|n| *n == 1);
            let Some(o) = self.outlets.get_mut(oi) else {
                continue;
            };
            cols.clear();
            for c in f.columns() {
                if let Some(s) = o.slot_of(c.pollutant()) {
                    cols.push((s, c.values(), c.flags()));
                }
            }
            if single && lateness == 0 && o.pending.is_empty() {
                // fast path: rows are sealed as they come
                for (r, &t) in f.ts().iter().enumerate() {
                    for (s, vals, flags) in &cols {
                        let v = vals.get(r).copied().unwrap_or(f64::NAN);
                        let fl = flags.get(r).copied().unwrap_or(b'N');
                        o.apply(*s, t, v, fl, scratch);
                    }
                    o.evaluate_row(t, &mut self.kernel, scratch, out);
                }
                if let Some(&last) = f.ts().last() {
                    o.sealed = o.sealed.max(last);
                    o.max_ts = o.max_ts.max(last);
                }
            } else {
                for (s, vals, flags) in &cols {
                    for (r, &t) in f.ts().iter().enumerate() {
                        let v = vals.get(r).copied().unwrap_or(f64::NAN);
                        let fl = flags.get(r).copied().unwrap_or(b'N');
                        o.pending.entry(t).or_default().push((*s, v, fl));
                    }
                }
                if let Some(&last) = f.ts().last() {
                    o.max_ts = o.max_ts.max(last);
                }
            }
        }
    }

    /// Seals every pending row (end of a batch or of a replay).
    pub fn flush(&mut self) -> Vec<Alarm> {
        let mut out = Vec::new();
        let mut scratch = Vec::new();
        for o in self.outlets.iter_mut() {
            o.seal(i64::MAX, &mut self.kernel, &mut scratch, &mut out);
        }
        sort(&mut out);
        out
    }

    /// Advances the clock with no data: seals rows older than `now − lateness`, then
    /// evaluates clock-dependent rules (data age, deadlines) at `now`.
    pub fn tick(&mut self, now: i64) -> Result<Vec<Alarm>> {
        if let Some(prev) = self.last_tick {
            if now < prev {
                return Err(Error::data(
                    ErrorCode::DataClockBackwards,
                    format!("tick at {now} is before the previous tick at {prev}"),
                )
                .with_help("pass a monotonic clock to tick"));
            }
        }
        self.last_tick = Some(now);
        let mut out = Vec::new();
        let mut scratch = Vec::new();
        let upto = now.saturating_sub(self.opts.lateness);
        for o in self.outlets.iter_mut() {
            o.seal(upto, &mut self.kernel, &mut scratch, &mut out);
            o.sealed = o.sealed.max(upto);
            let clock = o.clock.clone();
            for i in clock {
                o.step(i, now, &mut out);
            }
        }
        let ctx_series: [SeriesState; 0] = [];
        let ctx = Ctx {
            series: &ctx_series,
            aggs: &[],
            now,
            cal: &self.record_cal,
        };
        for inst in &mut self.records {
            step_inst(inst, &ctx, now, &mut out);
        }
        sort(&mut out);
        Ok(out)
    }
}

fn sort(out: &mut [Alarm]) {
    out.sort_by_key(|a| a.order_key());
}

fn internal() -> Error {
    Error::internal(
        ErrorCode::InternalBug,
        "internal monitor index out of range",
    )
}

fn late(o: &OutletState, t: i64, lateness: i64) -> Error {
    Error::data(
        ErrorCode::DataLateSample,
        format!("sample of outlet `{}` at {t} is too late: rows up to {} are already evaluated (lateness {lateness} s)", o.id, o.sealed),
    )
    .with_help("send data in time order, or raise MonitorOptions.lateness to accept older data")
}

impl OutletState {
    #[inline]
    fn slot_of(&self, p: &'static Pollutant) -> Option<u32> {
        // registry entries are unique statics: pointer equality almost always decides;
        // compare codes only if no pointer matches
        self.codes
            .iter()
            .position(|c| std::ptr::eq(*c, p))
            .or_else(|| self.codes.iter().position(|c| c.code == p.code))
            .map(|i| i as u32)
    }

    #[inline]
    fn apply(&mut self, s: u32, t: i64, v: f64, fl: u8, scratch: &mut Vec<u32>) {
        let arrived = v.is_finite() || !fl.eq_ignore_ascii_case(&b'N');
        if !arrived {
            return;
        }
        let normal = v.is_finite() && fl.eq_ignore_ascii_case(&b'N');
        let Some(st) = self.series.get_mut(s as usize) else {
            return;
        };
        if let Some(n) = self.arrivals.get_mut(s as usize) {
            *n += 1;
        }
        st.prev_ts = st.last_ts;
        st.last_ts = t;
        st.raw = v;
        st.flag = if fl == b'N' { 1 } else { flag_bit(fl) };
        st.value = if normal { v } else { f64::NAN };
        if self.lean {
            return;
        }
        let bit = st.flag;
        if let Some(aggs) = self.series_aggs.get(s as usize) {
            for &a in aggs {
                if let Some(g) = self.aggs.get_mut(a as usize) {
                    if g.wants_normal() {
                        if normal {
                            g.push(t, v, bit, &self.cal);
                        }
                    } else {
                        g.push(t, v, bit, &self.cal);
                    }
                }
            }
        }
        if let Some(tr) = self.triggers.get(s as usize) {
            for &i in tr {
                // a dense stamp array keeps the dedupe off the (larger) instance records
                if let Some(stamp) = self.stamps.get_mut(i as usize) {
                    if *stamp != t {
                        *stamp = t;
                        scratch.push(i);
                    }
                }
            }
        }
    }

    fn evaluate_row(
        &mut self,
        t: i64,
        kernel: &mut Kernel,
        scratch: &mut Vec<u32>,
        out: &mut Vec<Alarm>,
    ) {
        for k in 0..scratch.len() {
            if let Some(&i) = scratch.get(k) {
                self.step(i, t, out);
            }
        }
        scratch.clear();
        let insts = &self.insts;
        let metas = |i: u32| insts.get(i as usize).map(|x| Arc::clone(&x.cold.meta));
        for &(r, lo, hi) in &self.kranges {
            if let Some(kr) = kernel.rules.get_mut(r as usize) {
                kr.eval_range(lo as usize, hi as usize, t, &self.series, &metas, out);
            }
        }
    }

    fn step(&mut self, i: u32, t: i64, out: &mut Vec<Alarm>) {
        let ctx = Ctx {
            series: &self.series,
            aggs: &self.aggs,
            now: t,
            cal: &self.cal,
        };
        if let Some(inst) = self.insts.get_mut(i as usize) {
            step_inst(inst, &ctx, t, out);
        }
    }

    fn seal(
        &mut self,
        upto: i64,
        kernel: &mut Kernel,
        scratch: &mut Vec<u32>,
        out: &mut Vec<Alarm>,
    ) {
        while let Some(entry) = self.pending.first_entry() {
            let t = *entry.key();
            if t > upto {
                break;
            }
            let row = entry.remove();
            for (s, v, fl) in row {
                self.apply(s, t, v, fl, scratch);
            }
            self.evaluate_row(t, kernel, scratch, out);
            self.sealed = self.sealed.max(t);
        }
    }
}
