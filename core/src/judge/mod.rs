//! Judging windows against limits: the batch evaluation.
//!
//! For every compiled limit of every outlet: build the windows of its period from the
//! outlet's data (see [`crate::prepare::window`]), judge each valid window (a window **above** the
//! maximum exceeds — equality complies, "超过" is strict; a window **below** the minimum of a
//! range such as pH 6–9 breaches it too), merge consecutive breaching windows into events,
//! and count everything in the statistics.

pub mod comply;
pub mod events;
pub mod messages;
pub mod warn;

use crate::diag::error::Result;
use crate::domain::calendar::{Calendar, Grain};
use crate::domain::period::Period;
use crate::domain::pollutant::{Pollutant, OXYGEN};
use crate::ingest::readings::Readings;
use crate::plan::{CompiledLimit, CompiledOutlet, Plan};
use crate::prepare::validity::{SampleCounts, SampleRules};
use crate::prepare::window::{correct_o2, roll_up, rolling, sample_windows, Window, WindowStatus};
use crate::report::{
    Evidence, Finding, FindingKind, Message, Note, Report, Severity, Statistic, WindowCounts,
};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Options of one evaluation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct EvaluateOptions {
    /// Judge only windows from this Unix second on (windows straddling it are counted as outside the period).
    pub from: Option<i64>,
    /// Judge only windows ending by this Unix second.
    pub to: Option<i64>,
    /// Produce one finding per breaching window (default true). Statistics and events are always produced.
    pub findings: bool,
}

impl Default for EvaluateOptions {
    fn default() -> Self {
        EvaluateOptions {
            from: None,
            to: None,
            findings: true,
        }
    }
}

/// One window of a rule, as judged.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct JudgedWindow {
    /// The window.
    pub window: Window,
    /// The value compared with the limit (rounded where prescribed), NaN if invalid.
    pub value: f64,
    /// The breach, if any.
    pub breach: Option<FindingKind>,
}

impl Plan {
    /// Evaluates readings with default options.
    pub fn evaluate(&self, readings: &Readings<'_>) -> Result<Report> {
        self.evaluate_with(readings, &EvaluateOptions::default())
    }

    /// Evaluates readings.
    pub fn evaluate_with(&self, readings: &Readings<'_>, opts: &EvaluateOptions) -> Result<Report> {
        let mut report = Report {
            permit: self.permit().id.clone(),
            enterprise: self.permit().enterprise.name.clone(),
            findings: Vec::new(),
            events: Vec::new(),
            statistics: Vec::new(),
            notes: Vec::new(),
            packs: self.packs().to_vec(),
        };
        for outlet in readings.outlets() {
            if self.outlet(outlet).is_none() {
                report.notes.push(Note {
                    code: "unknown_outlet".into(),
                    outlet: Some(outlet.to_string()),
                    pollutant: None,
                    message: Message {
                        zh: format!("数据中的排放口{outlet}不在许可证中，未评价"),
                        en: format!("outlet {outlet} in the data is not in the permit and was not evaluated"),
                    },
                });
            }
        }
        for outlet in self.outlets() {
            let mut cache = SeriesCache::default();
            for limit in &outlet.limits {
                let absent = readings
                    .series(&outlet.id, limit.pollutant.code)
                    .is_none_or(|(f, _)| f.is_empty());
                let noted = report.notes.iter().any(|n| {
                    n.code == "no_data"
                        && n.outlet.as_deref() == Some(outlet.id.as_str())
                        && n.pollutant.as_deref() == Some(limit.pollutant.code)
                });
                if absent && !noted {
                    report.notes.push(Note {
                        code: "no_data".into(),
                        outlet: Some(outlet.id.clone()),
                        pollutant: Some(limit.pollutant.code.into()),
                        message: Message {
                            zh: format!(
                                "排放口{}没有{}的监测数据",
                                outlet.id, limit.pollutant.name_zh
                            ),
                            en: format!(
                                "no monitoring data for {} at outlet {}",
                                limit.pollutant.short_name(),
                                outlet.id
                            ),
                        },
                    });
                }
                let (windows, samples) = cache.windows(readings, outlet, limit, opts);
                let judged = judge_windows(&windows, limit);
                events::collect(&mut report, outlet, limit, &judged, samples, opts.findings);
            }
        }
        Ok(report)
    }

    /// The judged windows of every rule of an outlet, in the order of its limits, sharing one
    /// pass over the minutes per pollutant (as [`Plan::evaluate_with`] does).
    pub fn judged_windows_of_outlet(
        &self,
        readings: &Readings<'_>,
        outlet: &str,
        opts: &EvaluateOptions,
    ) -> Option<Vec<(String, Vec<JudgedWindow>)>> {
        let o = self.outlet(outlet)?;
        let mut cache = SeriesCache::default();
        Some(
            o.limits
                .iter()
                .map(|limit| {
                    let (windows, _) = cache.windows(readings, o, limit, opts);
                    (limit.rule_id.clone(), judge_windows(&windows, limit))
                })
                .collect(),
        )
    }

    /// The judged windows of one rule (for charts: hourly averages against the limit).
    pub fn judged_windows(
        &self,
        readings: &Readings<'_>,
        outlet: &str,
        rule_id: &str,
        opts: &EvaluateOptions,
    ) -> Option<Vec<JudgedWindow>> {
        let o = self.outlet(outlet)?;
        let limit = o.limits.iter().find(|l| l.rule_id == rule_id)?;
        let mut cache = SeriesCache::default();
        let (windows, _) = cache.windows(readings, o, limit, opts);
        Some(judge_windows(&windows, limit))
    }
}

/// Relative distance within which a value counts as *equal* to a limit.
///
/// An O2-corrected mean is computed in binary floating point: 40 mg/m3 at 16 % O2 corrected
/// to 15 % is 40 × 6 / (21 − 16.2) = 50 exactly, but comes out as 50.00000000000018. Equality
/// complies ("超过" is strict), so a verdict must not hang on that last bit. 10⁻¹² is a
/// thousand times above the error of any mean the engine computes and a million times below
/// the resolution of any analyser, so no real exceedance is ever absorbed.
pub const EQUALITY_TOLERANCE: f64 = 1e-12;

/// Whether `v` equals `limit` up to floating-point noise ([`EQUALITY_TOLERANCE`]).
pub fn equal_within_tolerance(v: f64, limit: f64) -> bool {
    (v - limit).abs() <= limit.abs().max(f64::MIN_POSITIVE) * EQUALITY_TOLERANCE
}

/// Whether `v` is strictly above `limit`, beyond floating-point noise.
pub fn above(v: f64, limit: f64) -> bool {
    v > limit && !equal_within_tolerance(v, limit)
}

fn judge_windows(windows: &[Window], limit: &CompiledLimit) -> Vec<JudgedWindow> {
    windows
        .iter()
        .map(|w| {
            if !w.is_valid() {
                return JudgedWindow {
                    window: *w,
                    value: f64::NAN,
                    breach: None,
                };
            }
            let v = match &limit.rounding {
                Some(r) => crate::domain::decimal::round(w.value, r),
                None => w.value,
            };
            let breach = if limit.max.is_some_and(|m| above(v, m)) {
                Some(FindingKind::Exceedance)
            } else if limit.min.is_some_and(|m| above(m, v)) {
                Some(FindingKind::BelowRange)
            } else {
                None
            };
            JudgedWindow {
                window: *w,
                value: v,
                breach,
            }
        })
        .collect()
}

/// Work shared by the limits of one outlet: calendar segments per timestamp column and hour
/// windows per pollutant, so an hourly and a daily limit on SO2 (and the O2 they both need)
/// cost one pass over the minutes.
#[derive(Default)]
struct SeriesCache {
    segments: Vec<(usize, Grain, Arc<Vec<crate::prepare::window::Segment>>)>,
    base: Vec<(&'static str, usize, Grain, Vec<Window>, SampleCounts)>,
}

impl SeriesCache {
    fn segments(
        &mut self,
        ts: &[i64],
        cal: &Calendar,
        grain: Grain,
    ) -> Arc<Vec<crate::prepare::window::Segment>> {
        let key = ts.as_ptr() as usize ^ ts.len().rotate_left(32);
        if let Some((_, _, s)) = self
            .segments
            .iter()
            .find(|(k, g, _)| *k == key && *g == grain)
        {
            return Arc::clone(s);
        }
        let s = Arc::new(crate::prepare::window::segment(ts, cal, grain));
        self.segments.push((key, grain, Arc::clone(&s)));
        s
    }

    fn base(
        &mut self,
        readings: &Readings<'_>,
        outlet: &CompiledOutlet,
        pollutant: &'static Pollutant,
        limit: &CompiledLimit,
        grain: Grain,
    ) -> (Vec<Window>, SampleCounts) {
        let key = Arc::as_ptr(&limit.validity) as usize;
        if let Some((_, _, _, w, c)) = self
            .base
            .iter()
            .find(|(p, k, g, _, _)| *p == pollutant.code && *k == key && *g == grain)
        {
            return (w.clone(), *c);
        }
        let rules = SampleRules::new(&limit.validity, pollutant);
        let min = match grain {
            Grain::HalfHour => limit.validity.half_hour.as_ref().map_or(1, |r| r.min_valid),
            _ => limit.validity.hour.min_valid,
        };
        let mut counts = SampleCounts::default();
        let windows = match readings.series(&outlet.id, pollutant.code) {
            Some((f, c)) => {
                let segs = self.segments(f.ts(), &outlet.calendar, grain);
                crate::prepare::window::aggregate_segments(
                    &segs,
                    c.values(),
                    c.flags(),
                    &rules,
                    min,
                    &mut counts,
                )
            }
            None => Vec::new(),
        };
        self.base
            .push((pollutant.code, key, grain, windows.clone(), counts));
        (windows, counts)
    }

    fn windows(
        &mut self,
        readings: &Readings<'_>,
        outlet: &CompiledOutlet,
        limit: &CompiledLimit,
        opts: &EvaluateOptions,
    ) -> (Vec<Window>, SampleCounts) {
        let cal = &outlet.calendar;
        let v = &limit.validity;
        let correct = limit.ref_o2.filter(|_| !limit.data_corrected);
        let o2 = Pollutant::by_code(OXYGEN);
        let bounds = Bounds::new(outlet, opts);
        let corrected = |cache: &mut SeriesCache, grain: Grain| -> (Vec<Window>, SampleCounts) {
            let (mut w, counts) = cache.base(readings, outlet, limit.pollutant, limit, grain);
            if let (Some(r), Some(o2)) = (correct, o2) {
                let (o2w, _) = cache.base(readings, outlet, o2, limit, grain);
                correct_o2(&mut w, &o2w, r);
            }
            bounds.apply(&mut w);
            (w, counts)
        };
        let share = |n: u16| -> u32 {
            let s = v.rolling_min_share.unwrap_or(0.75);
            let need = (s * f64::from(n)).ceil();
            if need.is_finite() && need >= 1.0 {
                need as u32
            } else {
                1
            }
        };
        let (mut out, counts) = match limit.period {
            Period::Minute => {
                let rules = SampleRules::new(v, limit.pollutant);
                // the sample counts are the hour pass's, shared with the other limits
                let (_, counts) = self.base(readings, outlet, limit.pollutant, limit, Grain::Hour);
                let mut w = match readings.series(&outlet.id, limit.pollutant.code) {
                    Some((f, c)) => sample_windows(f.ts(), c.values(), c.flags(), &rules, 60),
                    None => Vec::new(),
                };
                if let (Some(r), Some(o2p)) = (correct, o2) {
                    let o2w = match readings.series(&outlet.id, OXYGEN) {
                        Some((f, c)) => sample_windows(
                            f.ts(),
                            c.values(),
                            c.flags(),
                            &SampleRules::new(v, o2p),
                            60,
                        ),
                        None => Vec::new(),
                    };
                    correct_o2(&mut w, &o2w, r);
                }
                bounds.apply(&mut w);
                (w, counts)
            }
            Period::HalfHour => corrected(self, Grain::HalfHour),
            Period::Hour => corrected(self, Grain::Hour),
            Period::Day => {
                let (h, c) = corrected(self, Grain::Hour);
                (roll_up(&h, cal, Grain::Day, |_| v.day.min_valid), c)
            }
            Period::Month => {
                let (h, c) = corrected(self, Grain::Hour);
                let d = roll_up(&h, cal, Grain::Day, |_| v.day.min_valid);
                (month_windows(&d, cal, v), c)
            }
            Period::Year => {
                let (h, c) = corrected(self, Grain::Hour);
                let d = roll_up(&h, cal, Grain::Day, |_| v.day.min_valid);
                let m = month_windows(&d, cal, v);
                let need = v.year.as_ref().map_or(1, |r| r.min_valid);
                (roll_up(&m, cal, Grain::Year, |_| need), c)
            }
            Period::RollingHours(n) => {
                let (h, c) = corrected(self, Grain::Hour);
                (rolling(&h, n, 3600, share(n)), c)
            }
            Period::RollingDays(n) => {
                let (h, c) = corrected(self, Grain::Hour);
                let d = roll_up(&h, cal, Grain::Day, |_| v.day.min_valid);
                (rolling(&d, n, 86_400, share(n)), c)
            }
        };
        bounds.apply(&mut out);
        if limit.effective != (None, None) {
            let (lo, hi) = limit.effective;
            out.retain(|w| lo.is_none_or(|lo| w.end > lo) && hi.is_none_or(|hi| w.start < hi));
            for w in &mut out {
                if lo.is_some_and(|lo| w.start < lo) || hi.is_some_and(|hi| w.end > hi) {
                    w.status = WindowStatus::OutsidePeriod;
                }
            }
        }
        (bounds.drop_outside_request(out), counts)
    }
}

fn month_windows(
    days: &[Window],
    cal: &Calendar,
    v: &crate::packs::standard::model::ValidityRules,
) -> Vec<Window> {
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
struct Bounds {
    lo: Option<i64>,
    hi: Option<i64>,
    req_lo: Option<i64>,
    req_hi: Option<i64>,
}

impl Bounds {
    fn new(o: &CompiledOutlet, opts: &EvaluateOptions) -> Self {
        let max = |a: Option<i64>, b: Option<i64>| match (a, b) {
            (Some(x), Some(y)) => Some(x.max(y)),
            (x, None) | (None, x) => x,
        };
        let min = |a: Option<i64>, b: Option<i64>| match (a, b) {
            (Some(x), Some(y)) => Some(x.min(y)),
            (x, None) | (None, x) => x,
        };
        Bounds {
            lo: max(o.valid.0, opts.from),
            hi: min(o.valid.1, opts.to),
            req_lo: opts.from,
            req_hi: opts.to,
        }
    }

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

/// Severity by ratio (engine convention, see [`Severity`]).
pub fn severity(kind: FindingKind, ratio: Option<f64>) -> Severity {
    match (kind, ratio) {
        (FindingKind::BelowRange, _) => Severity::Medium,
        (_, Some(r)) if r >= 2.0 => Severity::High,
        (_, Some(r)) if r >= 1.5 => Severity::Medium,
        _ => Severity::Low,
    }
}

/// Builds a finding for a breaching window.
pub(crate) fn finding(
    outlet: &CompiledOutlet,
    limit: &CompiledLimit,
    j: &JudgedWindow,
    kind: FindingKind,
) -> Finding {
    let tz = outlet.calendar.tz();
    let bound = match kind {
        FindingKind::Exceedance => limit.max.unwrap_or(f64::NAN),
        FindingKind::BelowRange => limit.min.unwrap_or(f64::NAN),
    };
    let ratio = match (kind, limit.max) {
        (FindingKind::Exceedance, Some(m)) if m > 0.0 => Some(j.value / m),
        _ => None,
    };
    let text = messages::BreachText {
        outlet: &outlet.id,
        pollutant: limit.pollutant,
        period: limit.period,
        from: messages::local(j.window.start, tz),
        to: messages::local(j.window.end, tz),
        value: j.value,
        limit: bound,
        above: kind == FindingKind::Exceedance,
        unit: limit.unit.symbol(),
        ref_o2: limit.ref_o2,
        basis: basis_text(limit),
        windows: None,
    };
    Finding {
        rule_id: limit.rule_id.clone(),
        kind,
        severity: severity(kind, ratio),
        outlet: outlet.id.clone(),
        pollutant: limit.pollutant.code.to_string(),
        period: limit.period,
        start: crate::domain::zones::format_local(j.window.start, tz),
        end: crate::domain::zones::format_local(j.window.end, tz),
        value: j.value,
        limit: bound,
        unit: limit.unit.symbol().to_string(),
        ratio,
        method: METHOD.to_string(),
        basis: limit.basis.clone(),
        pack: limit.pack.clone(),
        validity_pack: limit.validity_pack.clone(),
        evidence: Evidence {
            n_valid: j.window.n_valid,
            n_total: j.window.n_total,
            n_required: j.window.n_required,
            raw_value: j.window.value,
            o2: j.window.o2,
            ref_o2: limit.ref_o2.filter(|_| !limit.data_corrected),
        },
        message: messages::breach(&text),
    }
}

/// The method id of window-by-window judgement.
pub const METHOD: &str = "window_limit";

/// `GB 13223-2011 Table 1` or `permit X clause`.
pub(crate) fn basis_text(limit: &CompiledLimit) -> String {
    match &limit.basis.clause {
        Some(c) => format!("{} {}", limit.basis.standard, c),
        None => limit.basis.standard.clone(),
    }
}

/// Builds the statistic of a rule from its judged windows.
pub(crate) fn statistic(
    outlet: &CompiledOutlet,
    limit: &CompiledLimit,
    judged: &[JudgedWindow],
    samples: SampleCounts,
) -> Statistic {
    let mut wc = WindowCounts::default();
    let (mut exc, mut below) = (0u32, 0u32);
    let (mut max_value, mut max_ratio): (Option<f64>, Option<f64>) = (None, None);
    for j in judged {
        wc.present += 1;
        match j.window.status {
            WindowStatus::Valid => {
                wc.valid += 1;
                max_value = Some(max_value.map_or(j.value, |m: f64| m.max(j.value)));
                if let Some(m) = limit.max.filter(|m| *m > 0.0) {
                    let r = j.value / m;
                    max_ratio = Some(max_ratio.map_or(r, |x: f64| x.max(r)));
                }
            }
            WindowStatus::TooFewValid => wc.too_few_valid += 1,
            WindowStatus::O2Invalid => wc.o2_invalid += 1,
            WindowStatus::OutsidePeriod => wc.outside_period += 1,
        }
        match j.breach {
            Some(FindingKind::Exceedance) => exc += 1,
            Some(FindingKind::BelowRange) => below += 1,
            None => {}
        }
    }
    wc.expected = expected_windows(&outlet.calendar, limit.period, judged);
    Statistic {
        rule_id: limit.rule_id.clone(),
        outlet: outlet.id.clone(),
        pollutant: limit.pollutant.code.to_string(),
        period: limit.period,
        max: limit.max,
        min: limit.min,
        windows: wc,
        capture_rate: if wc.expected > 0 {
            f64::from(wc.valid) / f64::from(wc.expected)
        } else {
            0.0
        },
        exceedances: exc,
        below_range: below,
        events: 0,
        longest_event_windows: 0,
        max_value,
        max_ratio,
        samples,
    }
}

fn expected_windows(cal: &Calendar, period: Period, judged: &[JudgedWindow]) -> u32 {
    let (Some(first), Some(last)) = (judged.first(), judged.last()) else {
        return 0;
    };
    let clock = |len: i64| -> Option<u32> {
        // Clock windows are `len` seconds apart unless the UTC offset moves by a fraction of `len`.
        let off = |t: i64| {
            jiff::Timestamp::from_second(t)
                .map(|x| i64::from(cal.tz().to_offset(x).seconds()))
                .unwrap_or(0)
        };
        let (a, b) = (first.window.start, last.window.start);
        (off(a).rem_euclid(len) == off(b).rem_euclid(len))
            .then(|| u32::try_from((b - a) / len + 1).unwrap_or(u32::MAX))
    };
    let grain = match period {
        Period::Minute => {
            let n = (last.window.start - first.window.start) / 60 + 1;
            return u32::try_from(n.max(0)).unwrap_or(u32::MAX);
        }
        Period::HalfHour => match clock(1800) {
            Some(n) => return n,
            None => Grain::HalfHour,
        },
        Period::Hour | Period::RollingHours(_) => match clock(3600) {
            Some(n) => return n,
            None => Grain::Hour,
        },
        Period::Day | Period::RollingDays(_) => {
            let anchor = |w: &Window| {
                if matches!(period, Period::RollingDays(_)) {
                    w.end - 1
                } else {
                    w.start
                }
            };
            let (a, b) = (
                cal.date(anchor(&first.window)),
                cal.date(anchor(&last.window)),
            );
            let days = a.until(b).map(|s| i64::from(s.get_days())).unwrap_or(0);
            return u32::try_from(days + 1).unwrap_or(u32::MAX);
        }
        Period::Month => Grain::Month,
        Period::Year => Grain::Year,
    };
    let anchor = |w: &Window| {
        if matches!(period, Period::RollingHours(_) | Period::RollingDays(_)) {
            w.end - 1
        } else {
            w.start
        }
    };
    let mut n = 0u32;
    let mut t = anchor(&first.window);
    let stop = anchor(&last.window);
    while t <= stop && n < 1_000_000 {
        n += 1;
        let (_, end) = cal.window(grain, t);
        t = end;
    }
    n
}
