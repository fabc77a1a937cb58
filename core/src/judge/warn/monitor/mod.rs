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
//!
//! The monitor is built in four files: [`bind`] binds every rule to its subjects (an
//! instance per outlet and pollutant, per enterprise record, or for the permit) and moves
//! the simple ones into the columnar kernel; [`state`] is what one outlet and one
//! instance keep; [`feed`] takes data in (`push`, `flush`, `tick`), seals rows and
//! evaluates them; [`snapshot`] writes and restores the whole state. This file holds the
//! monitor itself and what it reports: open alarms and per-rule totals.

mod bind;
mod feed;
pub mod snapshot;
mod state;

use state::{Inst, OutletState};

use super::alarm::{Alarm, AlarmEvent};
use super::deadlines::EnterpriseRecords;
use super::hold::InstState;
use super::ir::CompiledRule;
use super::kernel::Kernel;
use crate::domain::calendar::Calendar;
use crate::plan::Plan;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
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

/// Per-rule totals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
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
    pub(super) index: HashMap<String, usize>,
    pub(crate) records_input: EnterpriseRecords,
    pub(crate) records: Vec<Inst>,
    pub(super) record_cal: Calendar,
    pub(crate) last_tick: Option<i64>,
    pub(crate) fingerprint: String,
    pub(super) seen: Vec<u32>,
    pub(super) scratch: Vec<u32>,
    pub(crate) kernel: Kernel,
}

impl Monitor {
    /// The plan.
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// Options.
    pub fn options(&self) -> MonitorOptions {
        self.opts
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

    pub(crate) fn outlet_index(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }
}
