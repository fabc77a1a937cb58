//! # Early warnings: a small rule language and a streaming monitor
//!
//! Platforms do not wait for a violation. They warn when an hourly average approaches
//! its limit, when an analyser's output goes flat, when data stop arriving, when the
//! dust collector's fan stops while the production line runs, and when a permit or a
//! ledger deadline approaches. This module evaluates such *warning rules* over live data
//! ([`Monitor`]) and over history ([`evaluate_batch`], [`Plan::warnings`]), with the same
//! results either way.
//!
//! Rules live in warning packs (`rules/warnings/*.toml`, model in [`model`]) and are
//! written in a small expression language of our own: typed, bounded (no loops, no
//! recursion, at most [`parse::MAX_DEPTH`] levels and [`parse::MAX_NODES`] nodes, at most
//! [`lex::MAX_TEXT`] bytes), deterministic, and compiled once. The full reference with
//! examples is `docs/warnings.md`; in brief:
//!
//! ## Language reference
//!
//! **Types**: number (with an optional unit: `2 A`, `5 mg/m3`, `90 %`; a bare `0.8` is
//! unitless and adopts the other operand's unit), boolean, duration (`90s`, `15m`, `1h`,
//! `30d`), time (an instant).
//!
//! **Operators** (loosest first): `or`; `and`; `not`; `< <= > >= == !=` (no chaining);
//! `+ -`; `* /`; unary `-`. Units must agree; `*` takes at most one operand with a unit;
//! time − time = duration; time ± duration = time.
//!
//! **Signals**: a pollutant by code or name (`so2`, `a21026`, `cod`), an operating signal
//! ([`signals::OPERATING`]: `fan`, `production_line`, `esp`, ...), or `x` — the rule's
//! subject pollutant when `subject.pollutants` is set (one instance per pollutant).
//!
//! | function | type | meaning |
//! |---|---|---|
//! | `value(s)`, `current(s)` | number | the current sample, if its flag is N (else missing) |
//! | `raw(s)` | number | the current sample whatever its flag |
//! | `flagged(s, "TD")` | bool | the current sample's flag is one of the letters |
//! | `limit(s)` | number | the permit's upper limit at this outlet (hour limit preferred) |
//! | `avg(s, W)`, `min(s, W)`, `max(s, W)` | number | over normal samples in `(t−W, t]`; `avg_1h(s)` = `avg(s, 1h)` |
//! | `slope(s, W)` | number | least-squares slope, unit per hour |
//! | `count(s, W)` | number | normal samples in the window |
//! | `flags(s, "CD", W)` | number | samples flagged with one of the letters in the window |
//! | `flat(s, W, tol)` | bool | every normal sample since (the last one at or before) `t−W` lies within `tol` |
//! | `gap(s)` | duration | time between the current sample and the one before |
//! | `age(s)` | duration | time since the latest sample (grows on `tick`) |
//! | `year_total(s)` | number | sum of normal samples since local new year |
//! | `cap_date(s, cap)` | time | when the year total reaches `cap` at the year-to-date rate |
//! | `year_end()`, `now()` | time | end of the local year; the evaluation time |
//! | `valid_to()` | time | end of the permit's validity |
//! | `due()`, `done()` | time, bool | the record's due time; whether it was done by now |
//! | `abs(n)` | number | absolute value |
//!
//! **Holding**: `when = "... for 15m"` (held at every evaluation over a span ≥ 15 min) or
//! `"... for 3 consecutive"` (three evaluations in a row). **Hysteresis**: `clear = "..."`
//! — an open alarm closes only when the clear condition holds (default: when `when`
//! stops holding). Missing values are NaN and every comparison with NaN is false.
//!
//! ## How the pieces stack
//!
//! Each file uses only those above it in this list, so the flow reads top to bottom:
//!
//! | file | step |
//! |---|---|
//! | [`lex`], [`parse`] | rule text to tokens to a syntax tree |
//! | [`signals`], [`window`] | the names a rule may read; the sliding aggregates behind `avg(s, W)` and friends |
//! | [`check`] | types, units and functions: the typed tree |
//! | [`ir`] | the compiled shapes: rules, and trees bound to one subject |
//! | [`template`] | the zh/en message templates and their placeholders |
//! | [`eval`], [`compile`] | evaluating a bound tree; pack to compiled rules, and binding to a subject |
//! | [`alarm`], [`hold`] | alarm events; the one raise/hold/clear state machine |
//! | [`kernel`] | the columnar evaluation of simple threshold rules |
//! | [`deadlines`], [`data`] | enterprise records; data with operating signals |
//! | [`monitor`] | the streaming monitor: bind, state, feed, snapshot |
//!
//! ## Monitor contract
//!
//! See [`monitor`]: rows are evaluated once, in time order, when sealed; late data within
//! `lateness` are accepted, older data are refused with `data.late_sample`; `snapshot` /
//! `restore` continue bit-for-bit. Work per sample is the series update, its windows
//! (amortised O(1)) and the instances reading it; nothing re-scans history.

pub mod alarm;
pub mod check;
pub mod compile;
pub mod data;
pub mod deadlines;
pub mod eval;
pub(crate) mod hold;
pub mod ir;
pub(crate) mod kernel;
pub mod lex;
pub mod monitor;
pub mod parse;
pub mod signals;
pub mod template;
pub mod window;

pub use alarm::{Alarm, AlarmEvent};
pub use compile::compile_pack;
pub use deadlines::{EnterpriseRecords, RecordItem};
pub use ir::CompiledPack;
pub use monitor::{Monitor, MonitorOptions, RuleStats};

use crate::diag::error::{Error, Result};
use crate::diag::source::SourceText;
use crate::ingest::readings::Readings;
use crate::packs::catalog::{Catalog, CatalogKind};
use crate::packs::warning::{CompiledSlot, LoadedWarning};
use crate::plan::Plan;
use crate::ErrorCode;
use serde::{Deserialize, Serialize};

/// Compiles a warning pack from text (TOML or JSON).
pub fn load_pack(name: &str, text: &str) -> Result<CompiledPack> {
    compile_pack(&SourceText::new(name, text))
}

/// The compiled rules of a catalog's warning pack: compiled the first time they are asked
/// for, then kept in the catalog entry.
pub fn compiled(w: &LoadedWarning) -> Result<CompiledPack> {
    let slot = w.compiled_with(|src, pack| {
        let c: CompiledSlot = std::sync::Arc::new(compile::compile_document(src, pack)?);
        Ok(c)
    })?;
    slot.downcast_ref::<CompiledPack>().cloned().ok_or_else(|| {
        Error::internal(
            ErrorCode::InternalBug,
            "a warning pack's compiled rules are of another type",
        )
    })
}

/// A catalog's warning pack by id, compiled.
pub fn catalog_pack(catalog: &Catalog, id: &str) -> Result<CompiledPack> {
    compiled(catalog.warning(id)?)
}

/// Every embedded warning pack, compiled.
pub fn embedded_packs() -> Result<Vec<CompiledPack>> {
    Catalog::embedded_of(&[CatalogKind::Warning])?
        .warnings()
        .map(|w| compiled(w))
        .collect()
}

/// An embedded warning pack by id.
pub fn embedded_pack(id: &str) -> Result<CompiledPack> {
    catalog_pack(&Catalog::embedded_of(&[CatalogKind::Warning])?, id)
}

/// The result of a batch evaluation over history.
#[derive(Debug, Clone, Serialize)]
pub struct BatchResult {
    /// Every alarm event, in time order.
    pub alarms: Vec<Alarm>,
    /// Per-rule totals.
    pub stats: Vec<RuleStats>,
}

/// Runs warning rules over history: the same as pushing everything into a fresh
/// monitor, flushing, and (if `now` is given) ticking at `now`.
pub fn evaluate_batch(
    plan: &Plan,
    packs: &[CompiledPack],
    readings: &Readings<'_>,
    records: Option<EnterpriseRecords>,
    now: Option<i64>,
    opts: MonitorOptions,
) -> Result<BatchResult> {
    let mut m = Monitor::with_options(plan, packs, opts)?;
    if let Some(r) = records {
        m.set_records(r)?;
    }
    let mut alarms = m.push(readings)?;
    alarms.extend(m.flush());
    if let Some(t) = now {
        alarms.extend(m.tick(t)?);
    }
    alarms.sort_by_key(Alarm::order_key);
    Ok(BatchResult {
        alarms,
        stats: m.stats(),
    })
}

impl Plan {
    /// Warning alarms over history (see [`evaluate_batch`]).
    pub fn warnings(&self, packs: &[CompiledPack], readings: &Readings<'_>) -> Result<Vec<Alarm>> {
        Ok(evaluate_batch(self, packs, readings, None, None, MonitorOptions::default())?.alarms)
    }
}

/// A warning pack in a request: an embedded pack id or an inline pack document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum PackInput {
    /// An embedded pack id.
    Id(String),
    /// A pack document (JSON object).
    Inline(serde_json::Value),
}

/// The input of a `warnings` conformance vector (and of the JSON-level host call).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WarningsRequest {
    /// The permit document.
    pub permit: serde_json::Value,
    /// Custom standard packs.
    #[serde(default)]
    pub packs: Vec<serde_json::Value>,
    /// Warning packs.
    pub warnings: Vec<PackInput>,
    /// Data (`{"series": [...]}` or records; operating signals allowed).
    #[serde(default)]
    pub data: Option<serde_json::Value>,
    /// Enterprise records for deadline rules.
    #[serde(default)]
    pub records: Option<EnterpriseRecords>,
    /// "Now" (Unix s or ISO text) for a final tick.
    #[serde(default)]
    pub now: Option<crate::ingest::readings::json::TimeValue>,
    /// Monitor options.
    #[serde(default)]
    pub options: MonitorOptions,
}

/// The output of a `warnings` request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct WarningsReport {
    /// Alarm events in time order.
    pub alarms: Vec<crate::report::Finding>,
    /// Per-rule totals.
    pub stats: Vec<RuleStats>,
}

/// Compiles the warning packs of a request: ids are looked up in `catalog`, inline packs
/// are compiled on their own (they are not added to the catalog, so an inline pack may
/// share the id of an embedded one, as before).
pub fn request_packs(catalog: &Catalog, inputs: &[PackInput]) -> Result<Vec<CompiledPack>> {
    inputs
        .iter()
        .enumerate()
        .map(|(i, p)| match p {
            PackInput::Id(id) => catalog_pack(catalog, id),
            PackInput::Inline(v) => load_pack(&format!("warnings[{i}].json"), &v.to_string()),
        })
        .collect()
}

/// "Now" as Unix seconds: ISO text without an offset is read in the zone of the plan's
/// first outlet (hosts pass the caller's `now` through this, as [`warnings_request`] does).
pub fn resolve_now(plan: &Plan, now: &crate::ingest::readings::json::TimeValue) -> Result<i64> {
    match now {
        crate::ingest::readings::json::TimeValue::Seconds(s) => Ok(*s),
        crate::ingest::readings::json::TimeValue::Text(t) => {
            let tz = plan.outlets().first().map(|o| o.calendar.tz().clone());
            crate::domain::zones::parse_time(t, tz.as_ref()).ok_or_else(|| {
                Error::data(ErrorCode::DataBadTime, format!("cannot read time `{t}`"))
                    .with_path("now")
            })
        }
    }
}

impl WarningsReport {
    /// The `alarms` table (see [`crate::report::WARNINGS_TABLES`]): one row per alarm event.
    ///
    /// # Errors
    /// `data.unknown_table` for any other name.
    pub fn table(&self, name: &str) -> Result<crate::report::Table> {
        use crate::report::table::{findings_table, unknown_table, ALARM_DETAIL};
        if name != "alarms" {
            return Err(unknown_table(name, crate::report::WARNINGS_TABLES));
        }
        Ok(findings_table(ALARM_DETAIL, &self.alarms))
    }
}

/// Runs a [`WarningsRequest`] end to end.
pub fn warnings_request(req: &WarningsRequest) -> Result<WarningsReport> {
    let custom: Vec<(String, String)> = req
        .packs
        .iter()
        .enumerate()
        .map(|(i, p)| (format!("packs[{i}].json"), p.to_string()))
        .collect();
    let mut catalog = Catalog::embedded_of(&[CatalogKind::Standard, CatalogKind::Warning])?;
    catalog.add_all(CatalogKind::Standard, &custom)?;
    let plan = Plan::compile(
        &SourceText::new("permit.json", req.permit.to_string()),
        &catalog,
    )?;
    let packs = request_packs(&catalog, &req.warnings)?;
    let readings = match &req.data {
        Some(d) => data::load_json(
            &d.to_string(),
            &crate::ingest::readings::LoadOptions::default(),
        )?,
        None => Readings::new(),
    };
    let now = req
        .now
        .as_ref()
        .map(|t| resolve_now(&plan, t))
        .transpose()?;
    let r = evaluate_batch(
        &plan,
        &packs,
        &readings,
        req.records.clone(),
        now,
        req.options,
    )?;
    Ok(WarningsReport {
        alarms: r.alarms.iter().map(Alarm::view).collect(),
        stats: r.stats,
    })
}
