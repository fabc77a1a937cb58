//! Persisting and restoring a monitor.
//!
//! `Monitor::snapshot()` writes the whole mutable state — every series' latest sample,
//! every window's samples and running sums, every rule instance's counters and open
//! alarm, pending rows and the sealed frontier — as versioned JSON. Floats are stored as
//! their IEEE bit patterns, so a restored monitor continues bit-for-bit: after a crash a
//! platform restores the last snapshot, re-sends the data after it, and gets exactly the
//! alarms an uninterrupted monitor would have produced, none lost, none doubled.
//!
//! A snapshot is tied to the plan and rules that made it (a fingerprint of the permit and
//! every compiled rule); restoring it against different ones is a `state` error.

use super::state::OutletState;
use super::{Monitor, MonitorOptions};
use crate::diag::error::{Error, Result};
use crate::judge::warn::deadlines::EnterpriseRecords;
use crate::judge::warn::hold::InstState;
use crate::judge::warn::ir::CompiledPack;
use crate::judge::warn::window::Agg;
use crate::plan::Plan;
use crate::ErrorCode;
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;

/// Snapshot format version.
pub const SNAPSHOT_VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Snapshot {
    format: String,
    version: u32,
    fingerprint: String,
    options: MonitorOptions,
    last_tick: Option<i64>,
    records: EnterpriseRecords,
    record_states: Vec<(String, InstState)>,
    outlets: Vec<OutletSnap>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct OutletSnap {
    id: String,
    sealed: i64,
    max_ts: i64,
    pending: Vec<(i64, Vec<PendingSample>)>,
    series: Vec<SeriesSnap>,
    aggs: Vec<AggSnap>,
    insts: Vec<(String, InstState)>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct AggSnap {
    key: String,
    buf: Vec<(i64, u64)>,
    hi: Vec<(i64, u64)>,
    lo: Vec<(i64, u64)>,
    sums: [u64; 4],
    anchor: i64,
    year: (i64, i64),
}

/// (code, last_ts, prev_ts, value bits, raw bits, flag bit)
type SeriesSnap = (String, i64, i64, u64, u64, u8);

/// (series code, value bits, flag letter)
type PendingSample = (String, u64, u8);

fn bits(d: &VecDeque<(i64, f64)>) -> Vec<(i64, u64)> {
    d.iter().map(|(t, v)| (*t, v.to_bits())).collect()
}

fn unbits(v: &[(i64, u64)]) -> VecDeque<(i64, f64)> {
    v.iter().map(|(t, b)| (*t, f64::from_bits(*b))).collect()
}

fn agg_key(codes: &[&'static crate::domain::pollutant::Pollutant], a: &Agg) -> String {
    let code = codes.get(a.series as usize).map_or("?", |p| p.code);
    format!("{code}|{:?}|{}", a.kind, a.window)
}

fn state_err(msg: impl Into<String>) -> Error {
    Error::new(ErrorCode::StateSnapshot, msg)
        .with_help("restore a snapshot with the same permit and warning packs that produced it")
}

impl Monitor {
    /// The monitor's state as versioned JSON bytes.
    pub fn snapshot(&self) -> Vec<u8> {
        let snap = Snapshot {
            format: "ecorules-monitor".into(),
            version: SNAPSHOT_VERSION,
            fingerprint: self.fingerprint.clone(),
            options: self.opts,
            last_tick: self.last_tick,
            records: self.records_input.clone(),
            record_states: self
                .records
                .iter()
                .map(|i| (i.cold.key.clone(), i.st))
                .collect(),
            outlets: self
                .outlets
                .iter()
                .map(|o| OutletSnap {
                    id: o.id.to_string(),
                    sealed: o.sealed,
                    max_ts: o.max_ts,
                    pending: o
                        .pending
                        .iter()
                        .map(|(t, row)| {
                            (
                                *t,
                                row.iter()
                                    .map(|(s, v, f)| {
                                        (
                                            o.codes
                                                .get(*s as usize)
                                                .map_or("?", |p| p.code)
                                                .to_string(),
                                            v.to_bits(),
                                            *f,
                                        )
                                    })
                                    .collect(),
                            )
                        })
                        .collect(),
                    series: o
                        .codes
                        .iter()
                        .zip(&o.series)
                        .map(|(p, s)| {
                            (
                                p.code.to_string(),
                                s.last_ts,
                                s.prev_ts,
                                s.value.to_bits(),
                                s.raw.to_bits(),
                                s.flag,
                            )
                        })
                        .collect(),
                    aggs: o
                        .aggs
                        .iter()
                        .map(|a| AggSnap {
                            key: agg_key(&o.codes, a),
                            buf: bits(&a.buf),
                            hi: bits(&a.hi),
                            lo: bits(&a.lo),
                            sums: a.sums.map(f64::to_bits),
                            anchor: a.anchor,
                            year: a.year,
                        })
                        .collect(),
                    insts: o
                        .insts
                        .iter()
                        .enumerate()
                        .map(|(k, i)| (i.cold.key.clone(), self.inst_state(o, k)))
                        .collect(),
                })
                .collect(),
        };
        serde_json::to_vec(&snap).unwrap_or_default()
    }

    /// Rebuilds a monitor from the plan and packs and a snapshot made with the same ones.
    pub fn restore(plan: &Plan, packs: &[CompiledPack], bytes: &[u8]) -> Result<Monitor> {
        let snap: Snapshot = serde_json::from_slice(bytes)
            .map_err(|e| state_err(format!("unreadable monitor snapshot: {e}")))?;
        if snap.format != "ecorules-monitor" || snap.version != SNAPSHOT_VERSION {
            return Err(state_err(format!("snapshot format `{}` version {} is not supported (expected version {SNAPSHOT_VERSION})", snap.format, snap.version)));
        }
        let mut m = Monitor::with_options(plan, packs, snap.options)?;
        if m.fingerprint != snap.fingerprint {
            return Err(state_err(
                "the snapshot was made with a different permit or different warning rules",
            ));
        }
        m.set_records(snap.records)?;
        for (key, st) in snap.record_states {
            match m.records.iter_mut().find(|i| i.cold.key == key) {
                Some(i) => i.st = st,
                None => {
                    return Err(state_err(format!(
                        "snapshot has unknown record instance `{key}`"
                    )))
                }
            }
        }
        m.last_tick = snap.last_tick;
        for os in snap.outlets {
            let oi = m
                .outlet_index(&os.id)
                .ok_or_else(|| state_err(format!("snapshot has unknown outlet `{}`", os.id)))?;
            let Some(o) = m.outlets.get_mut(oi) else {
                continue;
            };
            restore_outlet(o, os)?;
        }
        m.reload_kernel();
        Ok(m)
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
}

/// Writes one outlet's saved state into the freshly bound outlet.
fn restore_outlet(o: &mut OutletState, os: OutletSnap) -> Result<()> {
    o.sealed = os.sealed;
    o.max_ts = os.max_ts;
    let slot = |codes: &[&'static crate::domain::pollutant::Pollutant], c: &str| -> Result<u32> {
        codes
            .iter()
            .position(|p| p.code == c)
            .map(|i| i as u32)
            .ok_or_else(|| state_err(format!("snapshot has unknown series `{c}`")))
    };
    for (t, row) in os.pending {
        let mut r = Vec::new();
        for (c, v, f) in row {
            r.push((slot(&o.codes, &c)?, f64::from_bits(v), f));
        }
        o.pending.insert(t, r);
    }
    for (c, last, prev, value, raw, flag) in os.series {
        let s = slot(&o.codes, &c)? as usize;
        if let Some(st) = o.series.get_mut(s) {
            st.last_ts = last;
            st.prev_ts = prev;
            st.value = f64::from_bits(value);
            st.raw = f64::from_bits(raw);
            st.flag = flag;
        }
    }
    for a in os.aggs {
        let codes = o.codes.clone();
        let g = o
            .aggs
            .iter_mut()
            .find(|g| agg_key(&codes, g) == a.key)
            .ok_or_else(|| state_err(format!("snapshot has unknown window `{}`", a.key)))?;
        g.buf = unbits(&a.buf);
        g.hi = unbits(&a.hi);
        g.lo = unbits(&a.lo);
        g.sums = a.sums.map(f64::from_bits);
        g.anchor = a.anchor;
        g.year = a.year;
    }
    for (key, st) in os.insts {
        match o.insts.iter_mut().find(|i| i.cold.key == key) {
            Some(i) => i.st = st,
            None => {
                return Err(state_err(format!(
                    "snapshot has unknown rule instance `{key}`"
                )))
            }
        }
    }
    Ok(())
}
