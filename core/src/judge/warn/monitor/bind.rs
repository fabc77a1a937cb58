//! Binding rules to their subjects.
//!
//! A rule names what it watches: pollutants (a list, or every pollutant the permit limits
//! at the outlet), a whole outlet, enterprise records of a kind, or the permit. Binding
//! makes one *instance* per subject: the rule's checked tree bound to that outlet's series
//! and window slots and constants ([`crate::judge::warn::compile::bind`]); a rule whose tree needs a
//! constant the subject lacks (`limit(x)` where the permit sets none) has no instance there.
//! Each instance gets the metadata its alarms carry (rule, outlet, subject names, limit,
//! zone) and its canonical place in the event order. Instances of the simplest shape
//! (`value(x) op c`, see [`crate::judge::warn::kernel`]) are then moved into the columnar kernel.
//!
//! A monitor's fingerprint (permit and every compiled rule) is taken here too: a snapshot
//! is restored only into a monitor with the same one.

use super::state::{Cold, Inst, OutletState};
use super::{Monitor, MonitorOptions};
use crate::diag::error::{Error, Result};
use crate::domain::calendar::Calendar;
use crate::domain::period::Period;
use crate::domain::pollutant::Pollutant;
use crate::judge::warn::alarm::AlarmMeta;
use crate::judge::warn::check::{Scope, Sig};
use crate::judge::warn::compile::{bind, Binder};
use crate::judge::warn::deadlines::{self, EnterpriseRecords, ResolvedRecord};
use crate::judge::warn::eval::SeriesState;
use crate::judge::warn::hold::InstState;
use crate::judge::warn::ir::{CompiledPack, CompiledRule, Node};
use crate::judge::warn::kernel::{KRule, Kernel, Shape};
use crate::judge::warn::window::{Agg, AggKind};
use crate::packs::warning::{Emit, PollutantSelector};
use crate::plan::{CompiledOutlet, Plan};
use crate::ErrorCode;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

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
                ErrorCode::DataBadLateness,
                format!("lateness {} s is outside 0..=366 days", opts.lateness),
            ));
        }
        let rules = loaded_rules(packs)?;
        let valid_to = plan.outlets().first().and_then(|o| o.valid.1);
        let record_cal = plan
            .outlets()
            .first()
            .map(|o| o.calendar.clone())
            .unwrap_or_else(|| Calendar::new(jiff::tz::TimeZone::UTC));
        let mut outlets = Vec::new();
        let mut index = HashMap::new();
        for (oi, po) in plan.outlets().iter().enumerate() {
            let o = bind_outlet(oi, po, &rules, valid_to);
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
}

/// Every rule of the packs, once each.
fn loaded_rules(packs: &[CompiledPack]) -> Result<Vec<Arc<CompiledRule>>> {
    let mut rules: Vec<Arc<CompiledRule>> = Vec::new();
    for p in packs {
        for r in &p.rules {
            if rules.iter().any(|q| q.id == r.id) {
                return Err(Error::pack(
                    ErrorCode::PackDuplicateRule,
                    format!("rule `{}` is loaded twice", r.id),
                )
                .with_help("load each warning pack once"));
            }
            rules.push(Arc::new(r.clone()));
        }
    }
    Ok(rules)
}

/// Outlet `oi` of the plan with an instance of every series or outlet rule that applies.
fn bind_outlet(
    oi: usize,
    po: &CompiledOutlet,
    rules: &[Arc<CompiledRule>],
    valid_to: Option<i64>,
) -> OutletState {
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
    for rule in rules {
        let s = &rule.subject;
        if !matches!(rule.scope, Scope::Series | Scope::Outlet)
            || s.outlet_kind.is_some_and(|k| k != po.medium)
            || s.outlets.as_ref().is_some_and(|l| !l.contains(&po.id))
        {
            continue;
        }
        for subj in subjects(rule, po) {
            bind_instance(&mut o, oi, po, rule, subj, valid_to);
        }
    }
    o.stamps = vec![i64::MIN; o.insts.len()];
    o
}

/// The pollutants a rule makes instances for at an outlet (`None`: one instance, no
/// subject pollutant).
fn subjects(rule: &CompiledRule, po: &CompiledOutlet) -> Vec<Option<&'static Pollutant>> {
    match (&rule.pollutants, &rule.subject.pollutants) {
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
    }
}

/// Binds `rule` for `subj` at outlet `o` and appends the instance (none when the rule
/// needs a constant the outlet lacks).
fn bind_instance(
    o: &mut OutletState,
    oi: usize,
    po: &CompiledOutlet,
    rule: &Arc<CompiledRule>,
    subj: Option<&'static Pollutant>,
    valid_to: Option<i64>,
) {
    let mut b = OutletBinder {
        o,
        plan_outlet: po,
        valid_to,
    };
    let Some(when) = bind(&rule.when, subj, &mut b) else {
        return;
    };
    let clear = match &rule.clear {
        Some(c) => match bind(c, subj, &mut b) {
            Some(n) => Some(n),
            None => return,
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
