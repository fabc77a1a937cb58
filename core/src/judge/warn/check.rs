//! Type checking: every expression is checked once, when its pack is loaded.
//!
//! Four types: **number** with an optional unit (`2 A`, `limit(so2)` in mg/m3, a bare `0.8`
//! is unitless), **boolean**, **duration** (seconds) and **time** (an instant). The checker
//! resolves every function and signal name, enforces units (amperes never compare with
//! mg/m3; a bare number adopts the other side's unit), and produces the typed tree
//! [`Ir`] that [`super::compile`] turns into per-series evaluation nodes.

use super::parse::{Ast, AstKind, BinOp};
use super::window::AggKind;
use crate::domain::pollutant::Pollutant;
use crate::domain::units::Unit;
use crate::ingest::readings::Flag;

/// A value type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ty {
    /// A number, in a unit or unitless.
    Num(Option<Unit>),
    /// True or false.
    Bool,
    /// A length of time.
    Dur,
    /// An instant.
    Time,
}

impl Ty {
    fn name(self) -> String {
        match self {
            Ty::Num(Some(u)) => format!("number in {}", u.symbol()),
            Ty::Num(None) => "unitless number".into(),
            Ty::Bool => "boolean".into(),
            Ty::Dur => "duration".into(),
            Ty::Time => "time".into(),
        }
    }
}

/// What the rule's `x` and record functions refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// One pollutant series of an outlet: `x` is that pollutant.
    Series,
    /// A whole outlet: signals are named.
    Outlet,
    /// One enterprise record (ledger, approval, rectification): `due()`, `done()`.
    Record,
    /// The permit itself: `valid_to()`.
    Permit,
}

/// A signal an expression reads.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Sig {
    /// The rule's subject pollutant, `x`.
    Subject,
    /// A named pollutant or operating signal.
    Named(&'static Pollutant),
}

/// A typed expression tree.
#[derive(Debug, Clone, PartialEq)]
pub enum Ir {
    /// A number, duration or time constant (seconds for the latter two).
    Const(f64),
    /// A boolean constant.
    Bool(bool),
    /// Latest normal value.
    Value(Sig),
    /// Latest value of any flag.
    Raw(Sig),
    /// Latest sample's flag is in the mask.
    Flagged(Sig, u8),
    /// The permit limit (upper, hour period preferred) of the signal at this outlet.
    Limit(Sig),
    /// A windowed aggregate over `window` seconds.
    Agg(Sig, AggKind, i64),
    /// Seconds between the latest two samples.
    Gap(Sig),
    /// Seconds since the latest sample.
    Age(Sig),
    /// The evaluation time.
    Now,
    /// End of the local year containing now.
    YearEnd,
    /// Projected time the year total reaches the cap.
    CapDate(Sig, Box<Ir>),
    /// End of the permit's validity.
    ValidTo,
    /// The record's due time.
    Due,
    /// The record is done (by now).
    Done,
    /// Negation.
    Neg(Box<Ir>),
    /// Absolute value.
    Abs(Box<Ir>),
    /// Arithmetic or comparison or logic.
    Bin(BinOp, Box<Ir>, Box<Ir>),
    /// Logical not.
    Not(Box<Ir>),
}

/// A type error: message, help, span.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckError {
    /// What is wrong.
    pub message: String,
    /// What to do.
    pub help: String,
    /// Start byte.
    pub start: usize,
    /// End byte.
    pub end: usize,
}

fn err<T>(a: &Ast, message: impl Into<String>, help: impl Into<String>) -> Result<T, CheckError> {
    Err(CheckError {
        message: message.into(),
        help: help.into(),
        start: a.start,
        end: a.end,
    })
}

/// The functions, for help texts.
pub const FUNCTIONS: &str = "value, current, raw, flagged, limit, avg, min, max, slope, count, flags, flat, gap, age, year_total, cap_date, year_end, now, valid_to, due, done, abs (and avg_1h-style shorthands)";

/// Checks an expression in a scope; returns its tree and type.
pub fn check(a: &Ast, scope: Scope) -> Result<(Ir, Ty), CheckError> {
    match &a.kind {
        AstKind::Num(n, u) => Ok((Ir::Const(*n), Ty::Num(*u))),
        AstKind::Dur(s) => Ok((Ir::Const(*s as f64), Ty::Dur)),
        AstKind::Bool(b) => Ok((Ir::Bool(*b), Ty::Bool)),
        AstKind::Str(_) => err(
            a,
            "a string is only allowed as a flag list",
            "write flags like flags(x, \"CD\", 24h)",
        ),
        AstKind::Name(n) => err(
            a,
            format!("`{n}` is a name, not a value"),
            format!("read a signal with value({n}) or current({n}); functions: {FUNCTIONS}"),
        ),
        AstKind::Neg(e) => {
            let (ir, t) = check(e, scope)?;
            match t {
                Ty::Num(_) | Ty::Dur => Ok((Ir::Neg(Box::new(ir)), t)),
                _ => err(
                    a,
                    format!("cannot negate a {}", t.name()),
                    "only numbers and durations have a sign",
                ),
            }
        }
        AstKind::Not(e) => {
            let (ir, t) = check(e, scope)?;
            if t != Ty::Bool {
                return err(
                    e,
                    format!("`not` needs a boolean, found a {}", t.name()),
                    "compare first, e.g. `not (x > 1)`",
                );
            }
            Ok((Ir::Not(Box::new(ir)), Ty::Bool))
        }
        AstKind::Bin(op, l, r) => {
            let (li, lt) = check(l, scope)?;
            let (ri, rt) = check(r, scope)?;
            let t = bin_type(a, *op, lt, rt)?;
            Ok((Ir::Bin(*op, Box::new(li), Box::new(ri)), t))
        }
        AstKind::Call(name, args) => call(a, name, args, scope),
    }
}

fn units_agree(a: Option<Unit>, b: Option<Unit>) -> bool {
    a.is_none() || b.is_none() || a == b
}

fn bin_type(a: &Ast, op: BinOp, lt: Ty, rt: Ty) -> Result<Ty, CheckError> {
    use BinOp::*;
    use Ty::*;
    let bad = |help: &str| {
        err(
            a,
            format!(
                "cannot apply `{}` to a {} and a {}",
                op_text(op),
                lt.name(),
                rt.name()
            ),
            help.to_string(),
        )
    };
    match op {
        And | Or => match (lt, rt) {
            (Bool, Bool) => Ok(Bool),
            _ => bad("`and` / `or` join conditions (booleans)"),
        },
        _ if op.is_cmp() => match (lt, rt) {
            (Num(x), Num(y)) if units_agree(x, y) => Ok(Bool),
            (Num(_), Num(_)) => bad("compare values in the same unit, e.g. `current(fan) < 2 A`"),
            (Dur, Dur) | (Time, Time) => Ok(Bool),
            (Bool, Bool) if matches!(op, Eq | Ne) => Ok(Bool),
            _ => bad("both sides of a comparison must have the same type"),
        },
        Add | Sub => match (lt, rt) {
            (Num(x), Num(y)) if units_agree(x, y) => Ok(Num(x.or(y))),
            (Num(_), Num(_)) => bad("add values in the same unit"),
            (Dur, Dur) => Ok(Dur),
            (Time, Dur) => Ok(Time),
            (Dur, Time) if op == Add => Ok(Time),
            (Time, Time) if op == Sub => Ok(Dur),
            _ => bad(
                "times and durations combine as time ± duration, time − time, duration ± duration",
            ),
        },
        Mul => match (lt, rt) {
            (Num(x), Num(y)) if x.is_none() || y.is_none() => Ok(Num(x.or(y))),
            (Num(None), Dur) | (Dur, Num(None)) => Ok(Dur),
            _ => bad("multiply by a unitless factor, e.g. `0.8 * limit(x)`"),
        },
        Div => match (lt, rt) {
            (Num(x), Num(y)) if x == y => Ok(Num(None)),
            (Num(x), Num(None)) => Ok(Num(x)),
            (Dur, Num(None)) => Ok(Dur),
            (Dur, Dur) => Ok(Num(None)),
            _ => bad("divide by a unitless number or by a value of the same unit"),
        },
        _ => bad("unknown operator"),
    }
}

fn op_text(op: BinOp) -> &'static str {
    match op {
        BinOp::Add => "+",
        BinOp::Sub => "-",
        BinOp::Mul => "*",
        BinOp::Div => "/",
        BinOp::Lt => "<",
        BinOp::Le => "<=",
        BinOp::Gt => ">",
        BinOp::Ge => ">=",
        BinOp::Eq => "==",
        BinOp::Ne => "!=",
        BinOp::And => "and",
        BinOp::Or => "or",
    }
}

fn sig(a: &Ast, scope: Scope) -> Result<(Sig, Option<Unit>), CheckError> {
    let AstKind::Name(n) = &a.kind else {
        return err(
            a,
            "expected a signal name",
            "write a pollutant or signal name (`so2`, `fan`) or `x` for the rule's subject",
        );
    };
    if n == "x" {
        if scope != Scope::Series {
            return err(
                a,
                "`x` is only defined when the rule's subject selects pollutants",
                "set `subject.pollutants`, or name the signal",
            );
        }
        return Ok((Sig::Subject, None));
    }
    match super::signals::lookup(n) {
        Some(p) => Ok((Sig::Named(p), Some(p.unit))),
        None => err(
            a,
            format!("unknown signal `{n}`"),
            match super::signals::suggest(n) {
                Some(s) => format!("did you mean `{s}`?"),
                None => "signals are HJ 212 pollutant codes or names (so2, nox, cod) and operating signals (fan, production_line, esp, ...)".into(),
            },
        ),
    }
}

fn flag_mask(a: &Ast) -> Result<u8, CheckError> {
    let AstKind::Str(s) = &a.kind else {
        return err(
            a,
            "expected a string of flag letters",
            "write e.g. \"CD\" for calibration and fault",
        );
    };
    let mut m = 0u8;
    for c in s.chars() {
        let f = u8::try_from(c).ok().and_then(Flag::from_byte);
        match f.and_then(|f| Flag::ALL.iter().position(|g| *g == f)) {
            Some(i) => m |= 1 << i,
            None => {
                return err(
                    a,
                    format!("`{c}` is not an HJ 212 flag"),
                    "flags are N, F, M, S, D, C, T, B",
                )
            }
        }
    }
    Ok(m)
}

fn dur_arg(a: &Ast, scope: Scope) -> Result<i64, CheckError> {
    let (ir, t) = check(a, scope)?;
    match (ir, t) {
        (Ir::Const(s), Ty::Dur) if s > 0.0 && s <= 366.0 * 86_400.0 => Ok(s as i64),
        _ => err(
            a,
            "expected a window length like `1h` (at most 366d)",
            "windows are duration literals: 15m, 1h, 24h, 7d",
        ),
    }
}

fn arity(a: &Ast, name: &str, args: &[Ast], n: usize, usage: &str) -> Result<(), CheckError> {
    if args.len() != n {
        return err(
            a,
            format!("`{name}` takes {n} argument(s), found {}", args.len()),
            format!("usage: {usage}"),
        );
    }
    Ok(())
}

fn call(a: &Ast, name: &str, args: &[Ast], scope: Scope) -> Result<(Ir, Ty), CheckError> {
    // shorthand: avg_1h(x) == avg(x, 1h)
    if let Some((base, win)) = name.split_once('_') {
        if matches!(base, "avg" | "min" | "max" | "slope" | "count") {
            if let Ok(toks) = super::lex::lex(win) {
                if let [t, _end] = toks.as_slice() {
                    if let super::lex::Tok::Dur(s) = t.tok {
                        let mut full = args.to_vec();
                        full.push(Ast {
                            kind: AstKind::Dur(s),
                            start: a.start,
                            end: a.end,
                        });
                        return call(a, base, &full, scope);
                    }
                }
            }
        }
    }
    match name {
        "value" | "current" | "raw" | "flagged" | "limit" | "gap" | "age" => {
            sample_call(a, name, args, scope)
        }
        "avg" | "min" | "max" | "slope" | "count" | "flags" | "flat" | "year_total"
        | "cap_date" => window_call(a, name, args, scope),
        "year_end" | "now" | "valid_to" | "due" | "done" => clock_call(a, name, args, scope),
        "abs" => {
            arity(a, name, args, 1, "abs(number)")?;
            let e = args.first().unwrap_or(a);
            let (ir, t) = check(e, scope)?;
            match t {
                Ty::Num(_) | Ty::Dur => Ok((Ir::Abs(Box::new(ir)), t)),
                _ => err(
                    e,
                    "abs needs a number or a duration",
                    "e.g. abs(slope(x, 1h))",
                ),
            }
        }
        _ => err(
            a,
            format!("unknown function `{name}`"),
            match crate::diag::suggest::closest(
                name,
                FUNCTIONS
                    .split(", ")
                    .map(|s| s.split(' ').next().unwrap_or(s)),
            ) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("functions: {FUNCTIONS}"),
            },
        ),
    }
}

/// The signal a function reads: its first argument.
fn first(
    a: &Ast,
    name: &str,
    args: &[Ast],
    scope: Scope,
) -> Result<(Sig, Option<Unit>), CheckError> {
    args.first().map_or_else(
        || {
            err(
                a,
                format!("`{name}` needs a signal argument"),
                "e.g. value(so2)",
            )
        },
        |f| sig(f, scope),
    )
}

/// Functions of the current sample: `value`, `current`, `raw`, `flagged`, `limit`, `gap`, `age`.
fn sample_call(a: &Ast, name: &str, args: &[Ast], scope: Scope) -> Result<(Ir, Ty), CheckError> {
    match name {
        "value" | "current" | "raw" => {
            arity(a, name, args, 1, &format!("{name}(signal)"))?;
            let (s, u) = first(a, name, args, scope)?;
            Ok((
                if name == "raw" {
                    Ir::Raw(s)
                } else {
                    Ir::Value(s)
                },
                Ty::Num(u),
            ))
        }
        "flagged" => {
            arity(a, name, args, 2, "flagged(signal, \"TD\")")?;
            let (s, _) = first(a, name, args, scope)?;
            let m = flag_mask(args.get(1).unwrap_or(a))?;
            Ok((Ir::Flagged(s, m), Ty::Bool))
        }
        "limit" => {
            arity(a, name, args, 1, "limit(signal)")?;
            let (s, u) = first(a, name, args, scope)?;
            Ok((Ir::Limit(s), Ty::Num(u)))
        }
        "gap" | "age" => {
            arity(a, name, args, 1, &format!("{name}(signal)"))?;
            let (s, _) = first(a, name, args, scope)?;
            Ok((
                if name == "gap" {
                    Ir::Gap(s)
                } else {
                    Ir::Age(s)
                },
                Ty::Dur,
            ))
        }
        _ => err(
            a,
            format!("unknown function `{name}`"),
            format!("functions: {FUNCTIONS}"),
        ),
    }
}

/// Functions over a window or the year: `avg`, `min`, `max`, `slope`, `count`, `flags`,
/// `flat`, `year_total`, `cap_date`.
fn window_call(a: &Ast, name: &str, args: &[Ast], scope: Scope) -> Result<(Ir, Ty), CheckError> {
    match name {
        "avg" | "min" | "max" | "slope" | "count" => {
            arity(a, name, args, 2, &format!("{name}(signal, 1h)"))?;
            let (s, u) = first(a, name, args, scope)?;
            let w = dur_arg(args.get(1).unwrap_or(a), scope)?;
            let (k, t) = match name {
                "avg" => (AggKind::Avg, Ty::Num(u)),
                "min" => (AggKind::Min, Ty::Num(u)),
                "max" => (AggKind::Max, Ty::Num(u)),
                "slope" => (AggKind::Slope, Ty::Num(u)),
                _ => (AggKind::Count, Ty::Num(None)),
            };
            Ok((Ir::Agg(s, k, w), t))
        }
        "flags" => {
            arity(a, name, args, 3, "flags(signal, \"CD\", 24h)")?;
            let (s, _) = first(a, name, args, scope)?;
            let m = flag_mask(args.get(1).unwrap_or(a))?;
            let w = dur_arg(args.get(2).unwrap_or(a), scope)?;
            Ok((Ir::Agg(s, AggKind::Flags(m), w), Ty::Num(None)))
        }
        "flat" => {
            arity(a, name, args, 3, "flat(signal, 6h, 0.1 mg/m3)")?;
            let (s, u) = first(a, name, args, scope)?;
            let w = dur_arg(args.get(1).unwrap_or(a), scope)?;
            let tol_ast = args.get(2).unwrap_or(a);
            match check(tol_ast, scope)? {
                (Ir::Const(t), Ty::Num(tu)) if t >= 0.0 && units_agree(u, tu) => {
                    Ok((Ir::Agg(s, AggKind::Flat(t), w), Ty::Bool))
                }
                _ => err(
                    tol_ast,
                    "the tolerance must be a non-negative number in the signal's unit",
                    "e.g. flat(so2, 6h, 0.1)",
                ),
            }
        }
        "year_total" => {
            arity(a, name, args, 1, "year_total(signal)")?;
            let (s, u) = first(a, name, args, scope)?;
            Ok((Ir::Agg(s, AggKind::YearTotal, 0), Ty::Num(u)))
        }
        "cap_date" => {
            arity(a, name, args, 2, "cap_date(signal, cap)")?;
            let (s, u) = first(a, name, args, scope)?;
            let cap_ast = args.get(1).unwrap_or(a);
            let (cap, ct) = check(cap_ast, scope)?;
            match ct {
                Ty::Num(cu) if units_agree(u, cu) => Ok((Ir::CapDate(s, Box::new(cap)), Ty::Time)),
                _ => err(
                    cap_ast,
                    "the cap must be a number in the signal's unit",
                    "e.g. cap_date(x, 1200)",
                ),
            }
        }
        _ => err(
            a,
            format!("unknown function `{name}`"),
            format!("functions: {FUNCTIONS}"),
        ),
    }
}

/// Functions of the clock and of records: `year_end`, `now`, `valid_to`, `due`, `done`.
fn clock_call(a: &Ast, name: &str, args: &[Ast], scope: Scope) -> Result<(Ir, Ty), CheckError> {
    match name {
        "year_end" | "now" | "valid_to" => {
            arity(a, name, args, 0, &format!("{name}()"))?;
            Ok((
                match name {
                    "year_end" => Ir::YearEnd,
                    "now" => Ir::Now,
                    _ => Ir::ValidTo,
                },
                Ty::Time,
            ))
        }
        "due" | "done" => {
            arity(a, name, args, 0, &format!("{name}()"))?;
            if scope != Scope::Record {
                return err(
                    a,
                    format!("`{name}()` is only defined for rules whose subject is a record"),
                    "set `subject.records = \"ledger\"` (or approval, rectification)",
                );
            }
            Ok(if name == "due" {
                (Ir::Due, Ty::Time)
            } else {
                (Ir::Done, Ty::Bool)
            })
        }
        _ => err(
            a,
            format!("unknown function `{name}`"),
            format!("functions: {FUNCTIONS}"),
        ),
    }
}

/// The signals an expression reads, in order of first use.
pub fn signals(ir: &Ir, out: &mut Vec<Sig>) {
    let mut add = |s: &Sig| {
        if !out.contains(s) {
            out.push(*s);
        }
    };
    match ir {
        Ir::Value(s)
        | Ir::Raw(s)
        | Ir::Flagged(s, _)
        | Ir::Agg(s, _, _)
        | Ir::Gap(s)
        | Ir::Age(s) => add(s),
        Ir::CapDate(s, c) => {
            add(s);
            signals(c, out);
        }
        Ir::Neg(e) | Ir::Abs(e) | Ir::Not(e) => signals(e, out),
        Ir::Bin(_, l, r) => {
            signals(l, out);
            signals(r, out);
        }
        _ => {}
    }
}

/// Whether the expression depends on the clock (`now`, `age`, deadlines), so ticks re-evaluate it.
pub fn uses_clock(ir: &Ir) -> bool {
    match ir {
        Ir::Now | Ir::Age(_) | Ir::YearEnd | Ir::Done | Ir::CapDate(..) => true,
        Ir::Neg(e) | Ir::Abs(e) | Ir::Not(e) => uses_clock(e),
        Ir::Bin(_, l, r) => uses_clock(l) || uses_clock(r),
        _ => false,
    }
}

/// The left operand of the first numeric comparison: what an alarm's peak tracks.
pub fn measure(ir: &Ir) -> Option<Ir> {
    match ir {
        Ir::Bin(op, l, r) if op.is_cmp() => {
            if matches!(**l, Ir::Const(_)) {
                Some((**r).clone())
            } else {
                Some((**l).clone())
            }
        }
        Ir::Bin(_, l, r) => measure(l).or_else(|| measure(r)),
        Ir::Not(e) => measure(e),
        _ => None,
    }
}
