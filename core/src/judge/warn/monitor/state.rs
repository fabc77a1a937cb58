//! What the monitor keeps per outlet and per rule instance.
//!
//! An outlet keeps one [`SeriesState`] per signal it reads (the latest sample), the
//! windowed aggregates over those series, its bound rule instances, and which instances
//! each series triggers. Rows not yet sealed wait in `pending`, keyed by time. An instance
//! keeps its bound condition and the counters of its alarm ([`InstState`]); what is read
//! only when an alarm is reported (its key, metadata, clear and peak trees) sits out of
//! line in [`Cold`], so the records evaluated at every sample stay small.

use crate::domain::calendar::Calendar;
use crate::domain::pollutant::Pollutant;
use crate::judge::warn::alarm::{Alarm, AlarmMeta};
use crate::judge::warn::eval::{self, Ctx, SeriesState};
use crate::judge::warn::hold::{InstState, Latch};
use crate::judge::warn::ir::Node;
use crate::judge::warn::parse::Hold;
use crate::judge::warn::window::Agg;
use crate::packs::warning::Emit;
use std::collections::BTreeMap;
use std::sync::Arc;

/// One rule bound to one subject.
#[derive(Debug, Clone)]
pub(crate) struct Inst {
    pub(super) when: Node,
    pub(crate) st: InstState,
    pub(super) hold: Hold,
    pub(super) emit: Emit,
    pub(super) updates: bool,
    /// What an evaluation rarely needs, kept out of line so the hot records stay small.
    pub(crate) cold: Box<Cold>,
    /// (kernel rule, index) when the columnar kernel owns this instance's state (`st` is
    /// then unused; read it with [`super::Monitor::inst_state`]).
    pub(crate) k: Option<(u32, u32)>,
}

/// The rarely used part of an instance.
#[derive(Debug, Clone)]
pub(crate) struct Cold {
    pub(crate) key: String,
    pub(crate) meta: Arc<AlarmMeta>,
    pub(super) clear: Option<Node>,
    pub(super) peak: Option<Node>,
}

/// One outlet's series, aggregates and instances.
#[derive(Debug, Clone)]
pub(crate) struct OutletState {
    pub(crate) id: Arc<str>,
    pub(crate) cal: Calendar,
    pub(crate) codes: Vec<&'static Pollutant>,
    pub(crate) series: Vec<SeriesState>,
    pub(crate) aggs: Vec<Agg>,
    pub(super) series_aggs: Vec<Vec<u32>>,
    pub(crate) insts: Vec<Inst>,
    pub(super) triggers: Vec<Vec<u32>>,
    pub(super) stamps: Vec<i64>,
    pub(super) clock: Vec<u32>,
    pub(crate) sealed: i64,
    pub(crate) max_ts: i64,
    pub(crate) pending: BTreeMap<i64, Vec<(u32, f64, u8)>>,
    /// Samples that arrived per series (= evaluations of its kernel instances).
    pub(crate) arrivals: Vec<u64>,
    /// Kernel instances of this outlet: (kernel rule, lo, hi).
    pub(super) kranges: Vec<(u32, u32, u32)>,
    /// No series feeds a window or triggers an interpreted instance (every rule here runs
    /// in the kernel): `apply` skips those lookups.
    pub(super) lean: bool,
}

/// One interpreted evaluation of an instance at `t`: the condition, the hit count, then
/// the state machine ([`Latch`]) with the instance's measure and clear condition.
pub(super) fn step_inst(inst: &mut Inst, ctx: &Ctx<'_>, t: i64, out: &mut Vec<Alarm>) {
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
