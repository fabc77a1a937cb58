//! Streaming early warnings: a monitor fed batches of readings, emitting alarms that
//! open, update and close (each event a [`Finding`] of kind `Alarm`, its [`AlarmDetail`] in
//! `detail`); its state saved and restored as bytes.
//!
//! [`AlarmDetail`]: crate::records::AlarmDetail

use crate::error::{binding_error, Result};
use crate::packs::PackDocument;
use crate::plan::{DataFormat, Plan, Series};
use crate::records::Finding;
use ecorules::ErrorCode;
use std::sync::{Arc, Mutex};

/// Alarm events as findings of kind `Alarm` (the core's `Alarm::view`), converted after the
/// monitor's lock is released.
fn alarms(v: Vec<ecorules::Alarm>) -> Result<Vec<Finding>> {
    v.iter().map(|a| a.view().try_into()).collect()
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
    pub fn push_series(&self, series: Vec<Series>) -> Result<Vec<Finding>> {
        let r = crate::plan::readings_of(&series, ecorules::DuplicatePolicy::Error)?;
        alarms(self.with(|m| Ok(m.push(&r)?))?)
    }

    /// Pushes a batch given as CSV or JSON text.
    pub fn push_data(&self, data: String, format: DataFormat) -> Result<Vec<Finding>> {
        let r = ecorules::host::load_data(&data, format.into(), &Default::default())?;
        alarms(self.with(|m| Ok(m.push(&r)?))?)
    }

    /// Advances the clock to `now` (Unix s): deadlines, gaps.
    pub fn tick(&self, now: i64) -> Result<Vec<Finding>> {
        alarms(self.with(|m| Ok(m.tick(now)?))?)
    }

    /// Closes what can be closed at the end of a stream.
    pub fn flush(&self) -> Result<Vec<Finding>> {
        alarms(self.with(|m| Ok(m.flush()))?)
    }

    /// Alarms open now.
    pub fn open_alarms(&self) -> Result<Vec<Finding>> {
        alarms(self.with(|m| Ok(m.open_alarms()))?)
    }

    /// The state as bytes, for [`Monitor::restore`].
    pub fn snapshot(&self) -> Result<Vec<u8>> {
        self.with(|m| Ok(m.snapshot()))
    }
}
