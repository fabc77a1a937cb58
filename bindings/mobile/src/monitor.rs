//! Streaming early warnings: a monitor fed batches of readings, emitting alarms that
//! open, update and close; its state saved and restored as bytes.

use crate::error::{binding_error, Result};
use crate::packs::PackDocument;
use crate::plan::{DataFormat, Plan, Series};
use ecorules::ErrorCode;
use std::sync::{Arc, Mutex};

/// What happened to an alarm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum AlarmEvent {
    /// Opened.
    Opened,
    /// Reached a new peak.
    Updated,
    /// Closed.
    Closed,
}

/// One alarm event (mirror of the core's `AlarmView`).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Alarm {
    /// Event.
    pub event: AlarmEvent,
    /// `<pack>/<rule>`.
    pub rule: String,
    /// Severity name.
    pub severity: String,
    /// Outlet.
    pub outlet: Option<String>,
    /// Pollutant/signal code or record id.
    pub subject: Option<String>,
    /// Start (Unix s).
    pub start: i64,
    /// Event time.
    pub at: i64,
    /// End (closes).
    pub end: Option<i64>,
    /// Seconds from start.
    pub duration_s: i64,
    /// Measure now.
    pub value: Option<f64>,
    /// Peak.
    pub peak: Option<f64>,
    /// Time of the peak.
    pub peak_at: Option<i64>,
    /// Signals involved.
    pub signals: Vec<String>,
    /// Chinese message.
    pub message_zh: String,
    /// English message.
    pub message_en: String,
}

fn alarms(v: Vec<ecorules::Alarm>) -> Vec<Alarm> {
    v.into_iter()
        .map(|a| {
            let a = a.view();
            Alarm {
                event: match a.event {
                    ecorules::AlarmEvent::Opened => AlarmEvent::Opened,
                    ecorules::AlarmEvent::Updated => AlarmEvent::Updated,
                    ecorules::AlarmEvent::Closed => AlarmEvent::Closed,
                },
                rule: a.rule,
                severity: serde_json::to_value(a.severity)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default(),
                outlet: a.outlet,
                subject: a.subject,
                start: a.start,
                at: a.at,
                end: a.end,
                duration_s: a.duration_s,
                value: a.value,
                peak: a.peak,
                peak_at: a.peak_at,
                signals: a.signals,
                message_zh: a.message_zh,
                message_en: a.message_en,
            }
        })
        .collect()
}

fn packs(embedded: &[String], custom: &[PackDocument]) -> Result<Vec<ecorules::CompiledPack>> {
    let mut v = Vec::new();
    for id in embedded {
        v.push(ecorules::host::embedded_pack(id)?);
    }
    for d in custom {
        v.push(ecorules::host::load_pack(&d.name, &d.text)?);
    }
    Ok(v)
}

/// A streaming monitor over a plan. Thread-safe.
#[derive(Debug, uniffi::Object)]
pub struct Monitor {
    state: Mutex<ecorules::Monitor>,
}

impl Monitor {
    fn with<T>(&self, f: impl FnOnce(&mut ecorules::Monitor) -> Result<T>) -> Result<T> {
        let mut g = self.state.lock().map_err(|_| {
            binding_error(
                ErrorCode::StatePoisoned,
                "the monitor was left inconsistent by a crash in another thread; restore it from the last snapshot",
            )
        })?;
        f(&mut g)
    }
}

#[uniffi::export]
impl Monitor {
    /// A monitor of `plan` with the embedded warning packs named in `embedded`
    /// (e.g. `cn-cems-warnings`) plus custom warning packs.
    #[uniffi::constructor]
    pub fn create(
        plan: Arc<Plan>,
        embedded: Vec<String>,
        custom: Vec<PackDocument>,
    ) -> Result<Arc<Monitor>> {
        let m = ecorules::Monitor::new(&plan.inner, &packs(&embedded, &custom)?)?;
        Ok(Arc::new(Monitor {
            state: Mutex::new(m),
        }))
    }

    /// Restores a monitor from [`Monitor::snapshot`] bytes (same plan and packs).
    #[uniffi::constructor]
    pub fn restore(
        plan: Arc<Plan>,
        embedded: Vec<String>,
        custom: Vec<PackDocument>,
        bytes: Vec<u8>,
    ) -> Result<Arc<Monitor>> {
        let m = ecorules::Monitor::restore(&plan.inner, &packs(&embedded, &custom)?, &bytes)?;
        Ok(Arc::new(Monitor {
            state: Mutex::new(m),
        }))
    }

    /// Pushes a batch given as columns; returns the alarm events it caused.
    pub fn push_series(&self, series: Vec<Series>) -> Result<Vec<Alarm>> {
        let r = crate::plan::readings_of(&series, ecorules::DuplicatePolicy::Error)?;
        self.with(|m| Ok(alarms(m.push(&r)?)))
    }

    /// Pushes a batch given as CSV or JSON text.
    pub fn push_data(&self, data: String, format: DataFormat) -> Result<Vec<Alarm>> {
        let fmt = match format {
            DataFormat::Csv => ecorules::host::DataFormat::Csv,
            DataFormat::Json => ecorules::host::DataFormat::Json,
        };
        let r = ecorules::host::load_data(&data, fmt, &Default::default())?;
        self.with(|m| Ok(alarms(m.push(&r)?)))
    }

    /// Advances the clock to `now` (Unix s): deadlines, gaps.
    pub fn tick(&self, now: i64) -> Result<Vec<Alarm>> {
        self.with(|m| Ok(alarms(m.tick(now)?)))
    }

    /// Closes what can be closed at the end of a stream.
    pub fn flush(&self) -> Result<Vec<Alarm>> {
        self.with(|m| Ok(alarms(m.flush())))
    }

    /// Alarms open now.
    pub fn open_alarms(&self) -> Result<Vec<Alarm>> {
        self.with(|m| Ok(alarms(m.open_alarms())))
    }

    /// The state as bytes, for [`Monitor::restore`].
    pub fn snapshot(&self) -> Result<Vec<u8>> {
        self.with(|m| Ok(m.snapshot()))
    }
}
