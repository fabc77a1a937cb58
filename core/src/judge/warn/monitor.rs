//! The streaming monitor.
//!
//! `Monitor::new(plan, packs)` binds every rule to every outlet, pollutant and record it
//! applies to (an *instance*). `push(readings)` feeds data; each outlet's rows are
//! evaluated in time order once they are *sealed*: with lateness `L` (default 0) a row at
//! `t` is sealed when the outlet has seen data at `t + L` or later, or a `tick(now)` with
//! `now − L ≥ t`, or `flush()`. Data for a sealed time are refused with
//! `data.late_sample` — never silently merged — so a row is evaluated exactly once and
//! streaming in any batch sizes gives the same alarms as one batch.
//!
//! At a sealed row, every sample updates its series (latest value, flag, the windowed
//! aggregates that read it) and every instance that reads one of those series is
//! evaluated once. `tick(now)` evaluates the clock-dependent instances (`age`, `now`,
//! deadlines) with no data. State per instance is a few counters (~96 bytes); per series
//! the latest sample (40 bytes) plus its aggregates (see [`super::window`]).

use super::alarm::{Alarm, AlarmEvent, AlarmMeta};
use super::check::{Scope, Sig};
use super::compile::{bind, Binder};
use super::deadlines::{self, EnterpriseRecords, ResolvedRecord};
use super::eval::{self, Ctx, SeriesState};
use super::hold::{InstState, Latch};
use super::ir::{CompiledPack, CompiledRule, Node};
use super::kernel::{KRule, Kernel, Shape};
use super::parse::Hold;
use super::window::{flag_bit, Agg, AggKind};
use crate::diag::error::{Error, ErrorKind, Result};
use crate::domain::calendar::Calendar;
use crate::domain::period::Period;
use crate::domain::pollutant::Pollutant;
use crate::ingest::readings::Readings;
use crate::packs::warning::{Emit, PollutantSelector};
use crate::plan::{CompiledOutlet, Plan};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// Monitor settings.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct MonitorOptions {
    /// How late (seconds behind the newest sample of its outlet) data may arrive.
    #[serde(default)]
    pub lateness: i64,
}

/// One rule bound to one subject.
#[derive(Debug, Clone)]
pub(crate) struct Inst {
    when: Node,
    pub(crate) st: InstState,
    hold: Hold,
    emit: Emit,
    updates: bool,
    /// What an evaluation rarely needs, kept out of line so the hot records stay small.
    pub(crate) cold: Box<Cold>,
    /// (kernel rule, index) when the columnar kernel owns this instance's state (`st` is
    /// then unused; read it with [`Monitor::inst_state`]).
    pub(crate) k: Option<(u32, u32)>,
}

/// The rarely used part of an instance.
#[derive(Debug, Clone)]
pub(crate) struct Cold {
    pub(crate) key: String,
    pub(crate) meta: Arc<AlarmMeta>,
    clear: Option<Node>,
    peak: Option<Node>,
}

/// One outlet's series, aggregates and instances.
#[derive(Debug, Clone)]
pub(crate) struct OutletState {
    pub(crate) id: Arc<str>,
    pub(crate) cal: Calendar,
    pub(crate) codes: Vec<&'static Pollutant>,
    pub(crate) series: Vec<SeriesState>,
    pub(crate) aggs: Vec<Agg>,
    series_aggs: Vec<Vec<u32>>,
    pub(crate) insts: Vec<Inst>,
    triggers: Vec<Vec<u32>>,
    stamps: Vec<i64>,
    clock: Vec<u32>,
    pub(crate) sealed: i64,
    pub(crate) max_ts: i64,
    pub(crate) pending: BTreeMap<i64, Vec<(u32, f64, u8)>>,
    /// Samples that arrived per series (= evaluations of its kernel instances).
    pub(crate) arrivals: Vec<u64>,
    /// Kernel instances of this outlet: (kernel rule, lo, hi).
    kranges: Vec<(u32, u32, u32)>,
    /// No series feeds a window or triggers an interpreted instance (every rule here runs
    /// in the kernel): `apply` skips those lookups.
    lean: bool,
}

/// Per-rule totals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RuleStats {
    /// Rule id.
    pub rule: String,
    /// Bound instances.
    pub instances: u64,
    /// Evaluations.
    pub evaluations: u64,
    /// Evaluations where the condition held.
    pub hits: u64,
    /// Alarms opened.
    pub opened: u64,
    /// Alarms closed.
    pub closed: u64,
    /// Alarms open now.
    pub open: u64,
}

/// The streaming monitor. See the module docs.
#[derive(Debug, Clone)]
pub struct Monitor {
    pub(crate) plan: Plan,
    pub(crate) rules: Vec<Arc<CompiledRule>>,
    pub(crate) opts: MonitorOptions,
    pub(crate) outlets: Vec<OutletState>,
    index: HashMap<String, usize>,
    pub(crate) records_input: EnterpriseRecords,
    pub(crate) records: Vec<Inst>,
    record_cal: Calendar,
    pub(crate) last_tick: Option<i64>,
    pub(crate) fingerprint: String,
    seen: Vec<u32>,
    scratch: Vec<u32>,
    pub(crate) kernel: Kernel,
}

struct OutletBinder<'a> {
    o: &'a mut OutletState,
    plan_outlet: &'a CompiledOutlet,
    valid_to: Option<i64>,
}

impl Binder for OutletBinder<'_> {
    fn series(&mut self, p: &'static Pollutant) -> u32 {
        match self.o.codes.iter().position(|c| c.code == p.code) {
            Some(i) => i as u32,
            None => {
                self.o.codes.push(p);
                self.o.series.push(SeriesState::default());
                self.o.series_aggs.push(Vec::new());
                self.o.triggers.push(Vec::new());
                self.o.arrivals.push(0);
                (self.o.codes.len() - 1) as u32
            }
        }
    }
    fn agg(&mut self, series: u32, kind: AggKind, window: i64) -> u32 {
        if let Some(i) = self
            .o
            .aggs
            .iter()
            .position(|a| a.series == series && a.kind == kind && a.window == window)
        {
            return i as u32;
        }
        self.o.aggs.push(Agg::new(series, kind, window));
        let slot = (self.o.aggs.len() - 1) as u32;
        if let Some(v) = self.o.series_aggs.get_mut(series as usize) {
            v.push(slot);
        }
        slot
    }
    fn limit(&self, p: &'static Pollutant) -> Option<f64> {
        limit_of(self.plan_outlet, p)
    }
    fn valid_to(&self) -> Option<i64> {
        self.valid_to
    }
    fn due(&self) -> Option<i64> {
        None
    }
    fn done_at(&self) -> Option<i64> {
        None
    }
}

/// The upper limit a warning compares with: the hour-average limit if the permit sets
/// one, else the first upper limit of the pollutant at the outlet.
pub fn limit_of(o: &CompiledOutlet, p: &'static Pollutant) -> Option<f64> {
    let mine = || {
        o.limits
            .iter()
            .filter(|l| l.pollutant.code == p.code && l.max.is_some())
    };
    mine()
        .find(|l| l.period == Period::Hour)
        .or_else(|| mine().next())
        .and_then(|l| l.max)
}

struct RecordBinder {
    valid_to: Option<i64>,
    due: Option<i64>,
    done: Option<i64>,
}

impl Binder for RecordBinder {
    fn series(&mut self, _p: &'static Pollutant) -> u32 {
        u32::MAX
    }
    fn agg(&mut self, _s: u32, _k: AggKind, _w: i64) -> u32 {
        u32::MAX
    }
    fn limit(&self, _p: &'static Pollutant) -> Option<f64> {
        None
    }
    fn valid_to(&self) -> Option<i64> {
        self.valid_to
    }
    fn due(&self) -> Option<i64> {
        self.due
    }
    fn done_at(&self) -> Option<i64> {
        self.done
    }
}

fn sig_code(s: &Sig, subject: Option<&'static Pollutant>) -> Option<&'static str> {
    match s {
        Sig::Subject => subject.map(|p| p.code),
        Sig::Named(p) => Some(p.code),
    }
}

impl Monitor {
    /// Binds the rules of `packs` to the plan's outlets.
    pub fn new(plan: &Plan, packs: &[CompiledPack]) -> Result<Monitor> {
        Monitor::with_options(plan, packs, MonitorOptions::default())
    }

    /// Like [`Monitor::new`] with options.
    pub fn with_options(
        plan: &Plan,
        packs: &[CompiledPack],
        opts: MonitorOptions,
    ) -> Result<Monitor> {
        Monitor::build(plan, packs, opts, true)
    }

    /// Like [`Monitor::with_options`] but every rule runs in the interpreter (no columnar
    /// kernel). Alarms, statistics and snapshots are identical; this exists so tests and
    /// benchmarks can compare the two.
    pub fn interpreted(
        plan: &Plan,
        packs: &[CompiledPack],
        opts: MonitorOptions,
    ) -> Result<Monitor> {
        Monitor::build(plan, packs, opts, false)
    }

    fn build(
        plan: &Plan,
        packs: &[CompiledPack],
        opts: MonitorOptions,
        use_kernel: bool,
    ) -> Result<Monitor> {
        if opts.lateness < 0 || opts.lateness > 366 * 86_400 {
            return Err(Error::data(
                "bad_lateness",
                format!("lateness {} s is outside 0..=366 days", opts.lateness),
            ));
        }
        let mut rules: Vec<Arc<CompiledRule>> = Vec::new();
        for p in packs {
            for r in &p.rules {
                if rules.iter().any(|q| q.id == r.id) {
                    return Err(Error::pack(
                        "duplicate_rule",
                        format!("rule `{}` is loaded twice", r.id),
                    )
                    .with_help("load each warning pack once"));
                }
                rules.push(Arc::new(r.clone()));
            }
        }
        let valid_to = plan.outlets().first().and_then(|o| o.valid.1);
        let record_cal = plan
            .outlets()
            .first()
            .map(|o| o.calendar.clone())
            .unwrap_or_else(|| Calendar::new(jiff::tz::TimeZone::UTC));
        let mut outlets = Vec::new();
        let mut index = HashMap::new();
        for (oi, po) in plan.outlets().iter().enumerate() {
            let mut o = OutletState {
                id: Arc::from(po.id.as_str()),
                cal: po.calendar.clone(),
                codes: Vec::new(),
                series: Vec::new(),
                aggs: Vec::new(),
                series_aggs: Vec::new(),
                insts: Vec::new(),
                triggers: Vec::new(),
                stamps: Vec::new(),
                clock: Vec::new(),
                sealed: i64::MIN,
                max_ts: i64::MIN,
                pending: BTreeMap::new(),
                arrivals: Vec::new(),
                kranges: Vec::new(),
                lean: false,
            };
            for rule in &rules {
                let s = &rule.subject;
                if !matches!(rule.scope, Scope::Series | Scope::Outlet)
                    || s.outlet_kind.is_some_and(|k| k != po.medium)
                    || s.outlets.as_ref().is_some_and(|l| !l.contains(&po.id))
                {
                    continue;
                }
                let subjects: Vec<Option<&'static Pollutant>> =
                    match (&rule.pollutants, &s.pollutants) {
                        (Some(list), _) => list.iter().map(|p| Some(*p)).collect(),
                        (None, Some(PollutantSelector::Keyword(_))) => {
                            let mut v: Vec<Option<&'static Pollutant>> = Vec::new();
                            for l in &po.limits {
                                if !v
                                    .iter()
                                    .any(|p| p.is_some_and(|p| p.code == l.pollutant.code))
                                {
                                    v.push(Some(l.pollutant));
                                }
                            }
                            v
                        }
                        _ => vec![None],
                    };
                for subj in subjects {
                    let mut b = OutletBinder {
                        o: &mut o,
                        plan_outlet: po,
                        valid_to,
                    };
                    let Some(when) = bind(&rule.when, subj, &mut b) else {
                        continue;
                    };
                    let clear = match &rule.clear {
                        Some(c) => match bind(c, subj, &mut b) {
                            Some(n) => Some(n),
                            None => continue,
                        },
                        None => None,
                    };
                    let peak = rule.peak.as_ref().and_then(|p| bind(p, subj, &mut b));
                    let idx = o.insts.len() as u32;
                    let mut signals: Vec<&'static str> = Vec::new();
                    for sg in &rule.signals {
                        if let Some(code) = sig_code(sg, subj) {
                            if !signals.contains(&code) {
                                signals.push(code);
                            }
                            if let Some(slot) = o.codes.iter().position(|c| c.code == code) {
                                if let Some(t) = o.triggers.get_mut(slot) {
                                    t.push(idx);
                                }
                            }
                        }
                    }
                    if rule.clock {
                        o.clock.push(idx);
                    }
                    let names = match subj {
                        Some(p) => (p.name_zh.to_string(), p.name_en.to_string()),
                        None => (String::new(), String::new()),
                    };
                    let meta = AlarmMeta {
                        rule: Arc::clone(rule),
                        outlet: Some(Arc::clone(&o.id)),
                        outlet_name: po.name.clone(),
                        subject: subj.map(|p| p.code.to_string()),
                        subject_names: names,
                        signals,
                        limit: subj.and_then(|p| limit_of(po, p)),
                        tz: po.calendar.tz().clone(),
                        order: (oi as u32, idx),
                    };
                    o.insts.push(Inst {
                        cold: Box::new(Cold {
                            key: format!("{}|{}", rule.id, subj.map_or("", |p| p.code)),
                            meta: Arc::new(meta),
                            clear,
                            peak,
                        }),
                        when,
                        hold: rule.hold,
                        emit: rule.emit,
                        updates: rule.updates,
                        st: InstState::default(),
                        k: None,
                    });
                }
            }
            o.stamps = vec![i64::MIN; o.insts.len()];
            index.insert(po.id.clone(), outlets.len());
            outlets.push(o);
        }
        let fingerprint = fingerprint(plan, &rules);
        let mut m = Monitor {
            plan: plan.clone(),
            rules,
            opts,
            outlets,
            index,
            records_input: EnterpriseRecords::default(),
            records: Vec::new(),
            record_cal,
            last_tick: None,
            fingerprint,
            seen: Vec::new(),
            scratch: Vec::new(),
            kernel: Kernel::default(),
        };
        if use_kernel {
            m.build_kernel();
        }
        for o in &mut m.outlets {
            o.lean =
                o.series_aggs.iter().all(Vec::is_empty) && o.triggers.iter().all(Vec::is_empty);
        }
        m.set_records(EnterpriseRecords::default())?;
        Ok(m)
    }

    /// Sets the enterprise records deadline rules watch (replacing earlier ones; the
    /// state of records that stay is kept).
    pub fn set_records(&mut self, records: EnterpriseRecords) -> Result<()> {
        let resolved = deadlines::resolve(&records, &self.record_cal)?;
        let valid_to = self.plan.outlets().first().and_then(|o| o.valid.1);
        let n_outlets = self.outlets.len() as u32;
        let mut insts = Vec::new();
        for rule in &self.rules {
            let items: Vec<Option<&ResolvedRecord>> = match rule.scope {
                Scope::Permit => vec![None],
                Scope::Record => resolved
                    .iter()
                    .filter(|r| Some(r.item.kind) == rule.subject.records)
                    .map(Some)
                    .collect(),
                _ => continue,
            };
            for item in items {
                let mut b = RecordBinder {
                    valid_to,
                    due: item.map(|r| r.due),
                    done: item.and_then(|r| r.done),
                };
                let Some(when) = bind(&rule.when, None, &mut b) else {
                    continue;
                };
                let clear = rule.clear.as_ref().and_then(|c| bind(c, None, &mut b));
                let peak = rule.peak.as_ref().and_then(|p| bind(p, None, &mut b));
                let key = format!(
                    "{}|{}",
                    rule.id,
                    item.map_or("permit", |r| r.item.id.as_str())
                );
                let st = self
                    .records
                    .iter()
                    .find(|i| i.cold.key == key)
                    .map(|i| i.st)
                    .unwrap_or_default();
                let title = item
                    .and_then(|r| r.item.title.clone())
                    .or_else(|| item.map(|r| r.item.id.clone()))
                    .unwrap_or_else(|| self.plan.permit().id.clone());
                let idx = insts.len() as u32;
                insts.push(Inst {
                    cold: Box::new(Cold {
                        key,
                        clear,
                        peak,
                        meta: Arc::new(AlarmMeta {
                            rule: Arc::clone(rule),
                            outlet: None,
                            outlet_name: None,
                            subject: Some(item.map_or_else(
                                || self.plan.permit().id.clone(),
                                |r| r.item.id.clone(),
                            )),
                            subject_names: (title.clone(), title),
                            signals: Vec::new(),
                            limit: None,
                            tz: self.record_cal.tz().clone(),
                            order: (n_outlets, idx),
                        }),
                    }),
                    when,
                    hold: rule.hold,
                    emit: rule.emit,
                    updates: rule.updates,
                    st,
                    k: None,
                });
            }
        }
        self.records = insts;
        self.records_input = records;
        Ok(())
    }

    /// The plan.
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// Options.
    pub fn options(&self) -> MonitorOptions {
        self.opts
    }

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
                                "unknown_outlet",
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
        if fail.is_none() && (self.opts.lateness > 0 || multi) {
            'outer: for (f, &oi) in frames.iter().zip(&frame_oi) {
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
                                "duplicate_sample",
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
        let mut cols: Vec<(u32, &[f64], &[u8])> = Vec::new();
        for (f, &oi) in frames.iter().zip(&frame_oi) {
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
                        o.apply(*s, t, v, fl, &mut scratch);
                    }
                    o.evaluate_row(t, &mut self.kernel, &mut scratch, &mut out);
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
                    "clock_backwards",
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

    /// Alarms open now (as `opened` events carrying the current peak).
    pub fn open_alarms(&self) -> Vec<Alarm> {
        let mut out = Vec::new();
        for (inst, st) in self.all_states() {
            if st.open {
                out.push(Alarm {
                    event: AlarmEvent::Opened,
                    meta: Arc::clone(&inst.cold.meta),
                    start: st.start,
                    at: st.last_eval,
                    end: None,
                    value: f64::NAN,
                    peak: f64::from_bits(st.peak),
                    peak_at: st.peak_at,
                });
            }
        }
        out
    }

    /// Totals per rule.
    pub fn stats(&self) -> Vec<RuleStats> {
        let mut out: Vec<RuleStats> = self
            .rules
            .iter()
            .map(|r| RuleStats {
                rule: r.id.to_string(),
                instances: 0,
                evaluations: 0,
                hits: 0,
                opened: 0,
                closed: 0,
                open: 0,
            })
            .collect();
        for (inst, st) in self.all_states() {
            if let Some(s) = out.iter_mut().find(|s| *s.rule == *inst.cold.meta.rule.id) {
                s.instances += 1;
                s.evaluations += st.evals;
                s.hits += st.hits;
                s.opened += st.opened;
                s.closed += st.closed;
                s.open += u64::from(st.open);
            }
        }
        out
    }

    /// How many rule instances the columnar kernel evaluates (the rest run in the
    /// interpreter); a diagnostic for tests and benchmarks.
    pub fn kernel_instances(&self) -> usize {
        self.kernel.rules.iter().map(|r| r.slot.len()).sum()
    }

    /// The state of instance `i` of outlet `o` (from the kernel's columns if it owns it).
    pub(crate) fn inst_state(&self, o: &OutletState, i: usize) -> InstState {
        let Some(inst) = o.insts.get(i) else {
            return InstState::default();
        };
        match inst.k {
            None => inst.st,
            Some((r, j)) => {
                let Some(kr) = self.kernel.rules.get(r as usize) else {
                    return inst.st;
                };
                let slot = kr.slot.get(j as usize).copied().unwrap_or(u32::MAX) as usize;
                let evals = o.arrivals.get(slot).copied().unwrap_or(0);
                let series = o.series.get(slot).copied().unwrap_or_default();
                kr.state(j as usize, evals, &series)
            }
        }
    }

    /// Every instance (outlets in plan order, then records) with its current state.
    pub(crate) fn all_states(&self) -> Vec<(&Inst, InstState)> {
        let mut v = Vec::new();
        for o in &self.outlets {
            for (i, inst) in o.insts.iter().enumerate() {
                v.push((inst, self.inst_state(o, i)));
            }
        }
        for inst in &self.records {
            v.push((inst, inst.st));
        }
        v
    }

    /// Moves every kernel-eligible instance into the columnar kernel (see [`super::kernel`]).
    fn build_kernel(&mut self) {
        let mut kernel = Kernel::default();
        // rule id -> kernel rule index, per rule (instances of one rule share a KRule)
        let mut by_rule: HashMap<Arc<str>, u32> = HashMap::new();
        for (oi, o) in self.outlets.iter_mut().enumerate() {
            let mut ranges: Vec<(u32, u32, u32)> = Vec::new();
            for (i, inst) in o.insts.iter_mut().enumerate() {
                let Some(shape) = shape_of(inst, i as u32, &o.triggers) else {
                    continue;
                };
                let id = Arc::clone(&inst.cold.meta.rule.id);
                let r = match by_rule.get(&id) {
                    Some(&r) if kernel.rules.get(r as usize).is_some_and(|k| k.fits(&shape)) => r,
                    Some(_) => continue,
                    None => {
                        kernel.rules.push(KRule::new(&shape));
                        let r = (kernel.rules.len() - 1) as u32;
                        by_rule.insert(id, r);
                        r
                    }
                };
                let Some(kr) = kernel.rules.get_mut(r as usize) else {
                    continue;
                };
                let j = kr.add(&shape, (oi as u32, i as u32), &inst.st);
                inst.k = Some((r, j));
                match ranges.last_mut() {
                    Some(last) if last.0 == r && last.2 == j => last.2 = j + 1,
                    _ => ranges.push((r, j, j + 1)),
                }
                if let Some(tr) = o.triggers.get_mut(shape.slot as usize) {
                    tr.retain(|&x| x != i as u32);
                }
            }
            o.kranges = ranges;
        }
        self.kernel = kernel;
    }

    /// After a restore wrote `st` of every instance: copies kernel instances' states into
    /// the columns and their evaluation counts into the series' arrival counts.
    pub(crate) fn reload_kernel(&mut self) {
        for o in &mut self.outlets {
            for inst in &o.insts {
                let Some((r, j)) = inst.k else {
                    continue;
                };
                if let Some(kr) = self.kernel.rules.get_mut(r as usize) {
                    kr.load(j as usize, &inst.st);
                    if let Some(&slot) = kr.slot.get(j as usize) {
                        if let Some(n) = o.arrivals.get_mut(slot as usize) {
                            *n = inst.st.evals;
                        }
                    }
                }
            }
        }
    }

    pub(crate) fn outlet_index(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }
}

/// The kernel shape of a bound instance, if it is eligible (see [`super::kernel`]).
fn shape_of(inst: &Inst, idx: u32, triggers: &[Vec<u32>]) -> Option<Shape> {
    let rule = &inst.cold.meta.rule;
    if rule.clock {
        return None;
    }
    let Node::CmpValue(op, slot, thr) = inst.when else {
        return None;
    };
    let clear = match &inst.cold.clear {
        None => None,
        Some(Node::CmpValue(op2, s2, c2)) if *s2 == slot => Some((*op2, *c2)),
        Some(_) => return None,
    };
    let count = inst.emit == Emit::Count;
    let peak = match &inst.cold.peak {
        // a count rule never reads its measure
        _ if count => false,
        None => false,
        Some(Node::Value(s)) if *s == slot => true,
        Some(_) => return None,
    };
    // triggered by its own series and no other
    for (s, tr) in triggers.iter().enumerate() {
        if tr.contains(&idx) != (s == slot as usize) {
            return None;
        }
    }
    Some(Shape {
        op,
        slot,
        thr,
        clear,
        peak,
        count,
        updates: inst.updates,
        hold: inst.hold,
    })
}

fn sort(out: &mut [Alarm]) {
    out.sort_by_key(|a| a.order_key());
}

fn internal() -> Error {
    Error::new(
        ErrorKind::State,
        "state.internal",
        "internal monitor index out of range",
    )
}

fn late(o: &OutletState, t: i64, lateness: i64) -> Error {
    Error::data(
        "late_sample",
        format!("sample of outlet `{}` at {t} is too late: rows up to {} are already evaluated (lateness {lateness} s)", o.id, o.sealed),
    )
    .with_help("send data in time order, or raise MonitorOptions.lateness to accept older data")
}

fn fingerprint(plan: &Plan, rules: &[Arc<CompiledRule>]) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(
        serde_json::to_string(plan.permit())
            .unwrap_or_default()
            .as_bytes(),
    );
    for r in rules {
        h.update(
            format!(
                "{}|{:?}|{:?}|{:?}|{:?}|{:?}",
                r.id, r.when, r.hold, r.clear, r.peak, r.emit
            )
            .as_bytes(),
        );
    }
    let d = h.finalize();
    d.iter().take(12).map(|b| format!("{b:02x}")).collect()
}

/// One interpreted evaluation of an instance at `t`: the condition, the hit count, then
/// the state machine ([`Latch`]) with the instance's measure and clear condition.
fn step_inst(inst: &mut Inst, ctx: &Ctx<'_>, t: i64, out: &mut Vec<Alarm>) {
    let st = &mut inst.st;
    st.evals += 1;
    st.last_eval = t;
    let cond = eval::truth(&inst.when, ctx);
    st.hits += u64::from(cond);
    if inst.emit == Emit::Count {
        return;
    }
    let cold = &inst.cold;
    let latch = Latch {
        hold: inst.hold,
        updates: inst.updates,
        measured: cold.peak.is_some(),
    };
    let measure = || cold.peak.as_ref().map_or(f64::NAN, |p| eval::num(p, ctx));
    let clear = || cold.clear.as_ref().map(|c| eval::truth(c, ctx));
    if let Some(e) = latch.step(st, cond, t, measure, clear) {
        out.push(e.into_alarm(Arc::clone(&cold.meta)));
    }
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
