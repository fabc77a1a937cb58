//! Evaluating bound nodes against one outlet's state.
//!
//! Numbers, durations and times are all `f64` at run time (durations and times in
//! seconds, exact to 2^53). A missing value is NaN and every comparison with NaN is false,
//! so "no data" never raises an alarm by accident — data gaps have their own functions.

use super::ir::Node;
use super::parse::BinOp;
use super::window::Agg;
use crate::domain::calendar::{Calendar, Grain};

/// The latest state of one series (signal at an outlet).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SeriesState {
    /// Time of the latest arrived sample (any flag), or `i64::MIN`.
    pub last_ts: i64,
    /// Time of the arrived sample before it, or `i64::MIN`.
    pub prev_ts: i64,
    /// Latest normal value (flag N, finite), NaN if none.
    pub value: f64,
    /// Latest value of any flag.
    pub raw: f64,
    /// Flag mask bit of the latest sample.
    pub flag: u8,
}

impl Default for SeriesState {
    fn default() -> Self {
        SeriesState {
            last_ts: i64::MIN,
            prev_ts: i64::MIN,
            value: f64::NAN,
            raw: f64::NAN,
            flag: 0,
        }
    }
}

/// What an evaluation reads.
#[derive(Debug)]
pub struct Ctx<'a> {
    /// Series of the outlet.
    pub series: &'a [SeriesState],
    /// Aggregates of the outlet.
    pub aggs: &'a [Agg],
    /// Evaluation time.
    pub now: i64,
    /// Outlet calendar.
    pub cal: &'a Calendar,
}

/// Arithmetic on numbers.
pub fn arith(op: BinOp, a: f64, b: f64) -> f64 {
    match op {
        BinOp::Add => a + b,
        BinOp::Sub => a - b,
        BinOp::Mul => a * b,
        BinOp::Div => a / b,
        _ => f64::NAN,
    }
}

#[inline]
pub(crate) fn cmp(op: BinOp, a: f64, b: f64) -> bool {
    match op {
        BinOp::Lt => a < b,
        BinOp::Le => a <= b,
        BinOp::Gt => a > b,
        BinOp::Ge => a >= b,
        BinOp::Eq => a == b,
        BinOp::Ne => a != b && !a.is_nan() && !b.is_nan(),
        _ => false,
    }
}

fn series(c: &Ctx<'_>, s: u32) -> SeriesState {
    c.series.get(s as usize).copied().unwrap_or_default()
}

/// Evaluates a numeric (number, duration, time) node; booleans read as 1/0.
pub fn num(n: &Node, c: &Ctx<'_>) -> f64 {
    match n {
        Node::Const(v) => *v,
        Node::Value(s) => series(c, *s).value,
        Node::Raw(s) => series(c, *s).raw,
        Node::Agg(a) => c
            .aggs
            .get(*a as usize)
            .map_or(f64::NAN, |g| g.read(c.now, c.cal)),
        Node::Gap(s) => {
            let st = series(c, *s);
            if st.prev_ts == i64::MIN {
                f64::NAN
            } else {
                st.last_ts.saturating_sub(st.prev_ts) as f64
            }
        }
        Node::Age(s) => {
            let st = series(c, *s);
            if st.last_ts == i64::MIN {
                f64::NAN
            } else {
                c.now.saturating_sub(st.last_ts) as f64
            }
        }
        Node::Now => c.now as f64,
        Node::YearEnd => c.cal.window(Grain::Year, c.now).1 as f64,
        Node::CapDate(a, cap) => {
            let Some(g) = c.aggs.get(*a as usize) else {
                return f64::NAN;
            };
            let total = g.read(c.now, c.cal);
            let cap = num(cap, c);
            let start = c.cal.window(Grain::Year, c.now).0;
            if total >= cap {
                c.now as f64
            } else if total > 0.0 && c.now > start {
                start as f64 + c.now.saturating_sub(start) as f64 * cap / total
            } else {
                f64::NAN
            }
        }
        Node::Neg(e) => -num(e, c),
        Node::Abs(e) => num(e, c).abs(),
        Node::Arith(op, l, r) => arith(*op, num(l, c), num(r, c)),
        _ => {
            if truth(n, c) {
                1.0
            } else {
                0.0
            }
        }
    }
}

/// Evaluates a boolean node.
pub fn truth(n: &Node, c: &Ctx<'_>) -> bool {
    match n {
        Node::CmpValue(op, s, k) => {
            let v = c.series.get(*s as usize).map_or(f64::NAN, |st| st.value);
            cmp(*op, v, *k)
        }
        Node::Bool(b) => *b,
        Node::Cmp(op, l, r) => cmp(*op, num(l, c), num(r, c)),
        Node::And(l, r) => truth(l, c) && truth(r, c),
        Node::Or(l, r) => truth(l, c) || truth(r, c),
        Node::Not(e) => !truth(e, c),
        Node::Flagged(s, m) => series(c, *s).flag & m != 0,
        Node::Flat(a) => c
            .aggs
            .get(*a as usize)
            .is_some_and(|g| g.read(c.now, c.cal) == 1.0),
        Node::DoneAt(t) => *t <= c.now as f64,
        _ => {
            let v = num(n, c);
            v != 0.0 && !v.is_nan()
        }
    }
}
