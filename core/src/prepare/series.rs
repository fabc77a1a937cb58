//! Period helpers of the compliance methods: exempt operating states and a limit's effective
//! range within the assessed period. The methods' base averages come from the one window
//! cache ([`crate::prepare::cache::WindowCache::period_windows`]).

use crate::judge::comply::records::CompiledState;
use crate::packs::method::OperatingState;
use crate::plan::CompiledLimit;

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
