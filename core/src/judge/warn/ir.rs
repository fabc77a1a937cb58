//! The compiled form of warning rules, between the pack text and the running monitor.
//!
//! A warning pack is compiled in two stages. Once per pack, every expression is lexed,
//! parsed and type-checked into an [`Ir`] tree (units agreed, functions resolved, windows
//! fixed), and each rule becomes a [`CompiledRule`]: its condition, its hold (`for 15m`,
//! `for 3 consecutive`), its clear condition, its peak measure and its message templates.
//! Then, once per *instance* (a rule bound to one outlet and pollutant, one enterprise
//! record, or the permit), the tree is bound to that outlet's series and window slots and
//! to its constants (the permit limit, the permit's end, a record's due date): a [`Node`]
//! tree that evaluates with no lookups (see [`super::eval`]). `0.8 * limit(x)` becomes one
//! number per instance, and `value(x) >= c` the fast comparison [`Node::CmpValue`] that the
//! columnar kernel recognises.
//!
//! This file holds only the shapes; [`super::compile`] builds them.

use super::check::{Ir, Scope, Sig};
use super::parse::{BinOp, Hold};
use crate::domain::pollutant::Pollutant;
use crate::packs::warning::{Emit, Level, Messages, Subject, WarnSource};
use crate::plan::PackRef;
use std::sync::Arc;

/// One rule, checked.
#[derive(Debug, Clone)]
pub struct CompiledRule {
    /// `<pack>/<rule>`.
    pub id: Arc<str>,
    /// The pack (id, version, content hash) alarms cite.
    pub pack: Arc<PackRef>,
    /// The pack's word for its alarms.
    pub severity: Level,
    /// Subject as written.
    pub subject: Subject,
    /// Named pollutants of the subject (None: `limited` or no pollutant subject).
    pub pollutants: Option<Vec<&'static Pollutant>>,
    /// Scope the expressions were checked in.
    pub scope: Scope,
    /// Condition.
    pub when: Ir,
    /// `for` clause.
    pub hold: Hold,
    /// Clear condition.
    pub clear: Option<Ir>,
    /// Peak measure.
    pub peak: Option<Ir>,
    /// Alarm or count.
    pub emit: Emit,
    /// Emit updates.
    pub updates: bool,
    /// Templates.
    pub message: Messages,
    /// Signals read (by `when`, `clear`, `peak`).
    pub signals: Vec<Sig>,
    /// Depends on the clock.
    pub clock: bool,
}

/// A checked pack.
#[derive(Debug, Clone)]
pub struct CompiledPack {
    /// Id.
    pub id: String,
    /// Version.
    pub version: String,
    /// Title.
    pub title: String,
    /// Citation.
    pub source: WarnSource,
    /// Rules.
    pub rules: Vec<CompiledRule>,
}

/// A runtime evaluation node: the checked tree bound to one outlet's series slots and constants.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// Number/duration/time constant.
    Const(f64),
    /// Boolean constant.
    Bool(bool),
    /// Latest normal value of series slot.
    Value(u32),
    /// Latest raw value.
    Raw(u32),
    /// Latest flag in mask.
    Flagged(u32, u8),
    /// Aggregate slot (number).
    Agg(u32),
    /// Aggregate slot (flat-line boolean).
    Flat(u32),
    /// Gap before the latest sample.
    Gap(u32),
    /// Age of the latest sample.
    Age(u32),
    /// Evaluation time.
    Now,
    /// End of the local year.
    YearEnd,
    /// Cap date from a year-total slot.
    CapDate(u32, Box<Node>),
    /// Record done-at time (NaN: not done).
    DoneAt(f64),
    /// Negation.
    Neg(Box<Node>),
    /// Absolute value.
    Abs(Box<Node>),
    /// Arithmetic.
    Arith(BinOp, Box<Node>, Box<Node>),
    /// Comparison.
    Cmp(BinOp, Box<Node>, Box<Node>),
    /// Fast path: `value(slot) op constant`.
    CmpValue(BinOp, u32, f64),
    /// Conjunction.
    And(Box<Node>, Box<Node>),
    /// Disjunction.
    Or(Box<Node>, Box<Node>),
    /// Negation.
    Not(Box<Node>),
}
