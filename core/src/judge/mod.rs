//! Judging windows against limits: the batch evaluation.
//!
//! For every compiled limit of every outlet: build the windows of its period from the
//! outlet's data (asked of the one window cache of the evaluation, [`crate::prepare::cache`],
//! which the compliance methods share), judge each valid window ([`limits`]: a window
//! **above** the maximum exceeds — equality complies, "超过" is strict; a window **below** the
//! minimum of a range such as pH 6–9 breaches it too), merge consecutive breaching windows
//! into events ([`events`]), and count everything in the statistics ([`findings`]).

pub mod comply;
pub mod events;
pub mod findings;
pub mod limits;
pub mod messages;
pub mod warn;

pub(crate) use findings::{basis_text, finding, severity, statistic};
pub(crate) use limits::{equal_within_tolerance, judge_windows};

use crate::diag::error::Result;
use crate::ingest::readings::Readings;
use crate::plan::{CompiledOutlet, Plan};
use crate::prepare::cache::{Bounds, WindowCache};
use crate::prepare::window::Window;
use crate::report::{FindingKind, Message, Note, Report};
use serde::{Deserialize, Serialize};

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

    /// Evaluates readings: every limit of every outlet, on windows built once for the
    /// whole evaluation.
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
            // One cache per outlet: windows are never shared across outlets, and dropping
            // them after each outlet lets the next reuse the memory (holding every outlet's
            // windows to the end made W1 S1 touch ~1,400 more fresh pages: page faults).
            let cache = WindowCache::new(readings);
            let bounds = Bounds::new(outlet, opts.from, opts.to);
            for limit in &outlet.limits {
                note_no_data(&mut report, readings, outlet, limit);
                let (windows, samples) = cache.limit_windows(outlet, limit, &bounds);
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
        Some(judged_windows_in(&WindowCache::new(readings), o, opts))
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
        let cache = WindowCache::new(readings);
        let bounds = Bounds::new(o, opts.from, opts.to);
        let (windows, _) = cache.limit_windows(o, limit, &bounds);
        Some(judge_windows(&windows, limit))
    }
}

/// The judged windows of every rule of `outlet`, from `cache` (the compliance methods pass
/// the cache of their assessment).
pub(crate) fn judged_windows_in(
    cache: &WindowCache<'_>,
    outlet: &CompiledOutlet,
    opts: &EvaluateOptions,
) -> Vec<(String, Vec<JudgedWindow>)> {
    let bounds = Bounds::new(outlet, opts.from, opts.to);
    outlet
        .limits
        .iter()
        .map(|limit| {
            let (windows, _) = cache.limit_windows(outlet, limit, &bounds);
            (limit.rule_id.clone(), judge_windows(&windows, limit))
        })
        .collect()
}

/// Notes once per outlet and pollutant that a limit has no data to be judged on.
fn note_no_data(
    report: &mut Report,
    readings: &Readings<'_>,
    outlet: &CompiledOutlet,
    limit: &crate::plan::CompiledLimit,
) {
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
}
