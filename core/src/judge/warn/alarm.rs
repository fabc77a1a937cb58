//! Alarms: what the monitor reports when a rule's state changes.
//!
//! An alarm *opens* when its condition has held long enough, may be *updated* while open
//! (when the rule asks for updates and the peak rises), and *closes* when its clear
//! condition holds. Each event carries the start (when the condition began to hold), the
//! event time, the end (for closes), the duration, the current and peak value of the
//! rule's measure, and the signals involved. Messages are rendered from the rule's zh/en
//! templates only when asked for (or serialised), so pushing data stays cheap.

use super::ir::CompiledRule;
use super::template;
use crate::plan::PackRef;
use crate::report::{finding_id, AlarmDetail, Finding, FindingDetail, FindingKind, Lang, Message};
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// What happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
pub enum AlarmEvent {
    /// The alarm opened.
    Opened,
    /// An open alarm reached a new peak.
    Updated,
    /// The alarm closed.
    Closed,
}

/// The fixed facts of one rule instance, shared by all its alarms.
#[derive(Debug, Clone)]
pub struct AlarmMeta {
    /// The rule.
    pub rule: Arc<CompiledRule>,
    /// Outlet id (None for permit and record rules).
    pub outlet: Option<Arc<str>>,
    /// Outlet name.
    pub outlet_name: Option<String>,
    /// Subject: pollutant/signal code or record id.
    pub subject: Option<String>,
    /// Subject display names (zh, en).
    pub subject_names: (String, String),
    /// Signals involved (codes).
    pub signals: Vec<&'static str>,
    /// The subject's permit limit, if any.
    pub limit: Option<f64>,
    /// Zone for formatting times.
    pub tz: TimeZone,
    /// (outlet index, instance index): the canonical order of events at the same time.
    pub order: (u32, u32),
}

/// One alarm event.
#[derive(Debug, Clone)]
pub struct Alarm {
    /// What happened.
    pub event: AlarmEvent,
    /// The rule instance.
    pub meta: Arc<AlarmMeta>,
    /// When the condition began to hold (Unix s).
    pub start: i64,
    /// When this event happened (Unix s).
    pub at: i64,
    /// When the alarm ended (closes only).
    pub end: Option<i64>,
    /// The measure at this event (NaN if none).
    pub value: f64,
    /// The highest measure since the start (NaN if none).
    pub peak: f64,
    /// When the peak was reached.
    pub peak_at: i64,
}

impl Alarm {
    /// Seconds from start to this event.
    pub fn duration(&self) -> i64 {
        self.end.unwrap_or(self.at).saturating_sub(self.start)
    }

    /// The message in a language.
    pub fn message(&self, lang: Lang) -> String {
        let m = &self.meta;
        let t = match lang {
            Lang::Zh => &m.rule.message.zh,
            _ => &m.rule.message.en,
        };
        let time = |ts: i64| crate::domain::zones::format_local(ts, &m.tz);
        let subject = match lang {
            Lang::Zh => m.subject_names.0.clone(),
            _ => m.subject_names.1.clone(),
        };
        template::render(t, |name| match name {
            "rule" => m.rule.id.to_string(),
            "outlet" => m.outlet.as_deref().unwrap_or("-").to_string(),
            "outlet_name" => m
                .outlet_name
                .clone()
                .or_else(|| m.outlet.as_deref().map(str::to_string))
                .unwrap_or_default(),
            "subject" => subject.clone(),
            "value" => template::fmt_num(self.value),
            "peak" => template::fmt_num(self.peak),
            "limit" => m.limit.map_or_else(|| "-".into(), template::fmt_num),
            "start" => time(self.start),
            "at" => time(self.at),
            "end" => self.end.map_or_else(|| "-".into(), time),
            "duration" => template::fmt_dur(self.duration(), lang),
            "signals" => m.signals.join(", "),
            other => format!("{{{other}}}"),
        })
    }

    /// The alarm as a [`Finding`] of kind `alarm` (with both messages), identical in every
    /// binding: the events of one alarm share its id (rule, outlet, subject, start).
    pub fn view(&self) -> Finding {
        let m = &self.meta;
        let opt = |v: f64| if v.is_nan() { None } else { Some(v) };
        let time = |ts: i64| crate::domain::zones::format_local(ts, &m.tz);
        let start = time(self.start);
        Finding {
            id: finding_id(
                m.outlet.as_deref(),
                m.subject.as_deref(),
                &m.rule.id,
                Some(&start),
            ),
            rule_id: m.rule.id.to_string(),
            kind: FindingKind::Alarm,
            severity: m.rule.severity.severity(),
            outlet: m.outlet.as_deref().map(str::to_string),
            pollutant: m
                .subject
                .clone()
                .filter(|_| m.rule.subject.pollutants.is_some()),
            facility: None,
            period: None,
            start: Some(start),
            end: self.end.map(time),
            value: opt(self.value),
            limit: m.limit,
            unit: None,
            ratio: None,
            method: None,
            // A warning rule is the engine's early warning, not a legal limit: the pack it
            // cites names its guidance (`source`), the finding claims no legal basis.
            basis: None,
            pack: Some(PackRef::clone(&m.rule.pack)),
            message: Message {
                zh: self.message(Lang::Zh),
                en: self.message(Lang::En),
            },
            detail: FindingDetail::Alarm(AlarmDetail {
                event: self.event,
                subject: m.subject.clone(),
                at: time(self.at),
                duration_s: self.duration(),
                peak: opt(self.peak),
                peak_at: (!self.peak.is_nan()).then(|| time(self.peak_at)),
                signals: m.signals.iter().map(|s| s.to_string()).collect(),
            }),
        }
    }

    /// Canonical order: time, then outlet, then rule instance.
    pub fn order_key(&self) -> (i64, u32, u32) {
        (self.at, self.meta.order.0, self.meta.order.1)
    }
}

impl Serialize for Alarm {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.view().serialize(s)
    }
}
