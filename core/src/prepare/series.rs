//! Base averages for the methods, built with the engine's window machinery
//! ([`crate::prepare::window::aggregate_samples`], [`crate::prepare::window::correct_o2`]) under the permit
//! limit's validity pack and reference O2, restricted to the assessed period, the permit's
//! validity and the limit's effective range.

use crate::domain::calendar::Grain;
use crate::domain::pollutant::{Pollutant, OXYGEN};
use crate::ingest::readings::Readings;
use crate::judge::comply::records::CompiledState;
use crate::packs::method::OperatingState;
use crate::plan::{CompiledLimit, CompiledOutlet};
use crate::prepare::validity::{SampleCounts, SampleRules};
use crate::prepare::window::{aggregate_samples, correct_o2, Window};

/// Hour or half-hour windows of `pollutant` at `outlet`, corrected to the limit's reference O2
/// when `correct`, keeping only windows inside `[lo, hi)`.
pub fn base_windows(
    readings: &Readings<'_>,
    outlet: &CompiledOutlet,
    limit: &CompiledLimit,
    pollutant: &'static Pollutant,
    grain: Grain,
    correct: bool,
    (lo, hi): (i64, i64),
) -> Vec<Window> {
    let v = &limit.validity;
    let min = match grain {
        Grain::HalfHour => v.half_hour.as_ref().map_or(1, |r| r.min_valid),
        _ => v.hour.min_valid,
    };
    let build = |p: &'static Pollutant| -> Vec<Window> {
        let mut counts = SampleCounts::default();
        match readings.series(&outlet.id, p.code) {
            Some((f, c)) => aggregate_samples(
                f.ts(),
                c.values(),
                c.flags(),
                &SampleRules::new(v, p),
                &outlet.calendar,
                grain,
                min,
                &mut counts,
            ),
            None => Vec::new(),
        }
    };
    let mut w = build(pollutant);
    if correct && !limit.data_corrected {
        if let (Some(r), Some(o2)) = (limit.ref_o2, Pollutant::by_code(OXYGEN)) {
            let o2w = build(o2);
            correct_o2(&mut w, &o2w, r);
        }
    }
    let (plo, phi) = outlet.valid;
    let (elo, ehi) = limit.effective;
    w.retain(|x| {
        x.start >= lo
            && x.end <= hi
            && plo.is_none_or(|p| x.start >= p)
            && phi.is_none_or(|p| x.end <= p)
            && elo.is_none_or(|p| x.start >= p)
            && ehi.is_none_or(|p| x.end <= p)
    });
    w
}

/// Whether `[start, end)` at `outlet` overlaps a period in one of `exempt` states.
pub fn exempt(
    states: &[CompiledState],
    outlet: &str,
    start: i64,
    end: i64,
    exempt: &[OperatingState],
) -> bool {
    !exempt.is_empty()
        && states.iter().any(|s| {
            s.outlet == outlet && exempt.contains(&s.state) && s.start < end && start < s.end
        })
}

/// The `[lo, hi)` of a limit's effective range intersected with the period.
pub fn clamp(limit: &CompiledLimit, (lo, hi): (i64, i64)) -> (i64, i64) {
    (
        limit.effective.0.map_or(lo, |e| e.max(lo)),
        limit.effective.1.map_or(hi, |e| e.min(hi)),
    )
}
