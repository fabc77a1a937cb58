//! Compiling warning packs: parse and type-check every expression once, then
//! instantiate rules per outlet / pollutant / record into evaluation nodes.
//!
//! Errors in an expression point into the pack file: the TOML span of the expression
//! string plus the offset inside it gives the line and column.

use super::check::{self, Ir, Scope, Sig};
use super::ir::{CompiledPack, CompiledRule, Node};
use super::parse::{self, BinOp, Hold};
use super::template;
use super::window::AggKind;
use crate::diag::error::{Error, Result};
use crate::diag::source::{Format, SourceText};
use crate::domain::pollutant::Pollutant;
use crate::packs::warning::{Messages, PollutantSelector, Subject, WarnRule, WarningPack};
use crate::plan::PackRef;
use crate::ErrorCode;
use std::sync::Arc;

/// Parses and checks a warning pack document (TOML or JSON).
pub fn compile_pack(src: &SourceText) -> Result<CompiledPack> {
    let pack = crate::packs::warning::parse_warning_doc(src)?;
    compile_document(src, &pack)
}

/// Checks every rule of a parsed warning pack (`src` is the text it was read from, for
/// error positions).
pub(crate) fn compile_document(src: &SourceText, pack: &WarningPack) -> Result<CompiledPack> {
    let fail = |e: Error| src.locate(e);
    let pack_ref = Arc::new(PackRef {
        id: pack.id.clone(),
        version: pack.version.clone(),
        hash: crate::packs::catalog::content_hash(pack),
    });
    let mut rules = Vec::new();
    for (i, r) in pack.rules.iter().enumerate() {
        let path = format!("rules[{i}]");
        if pack.rules.iter().take(i).any(|q| q.id == r.id) {
            return Err(fail(
                Error::pack(
                    ErrorCode::PackDuplicateRule,
                    format!("rule `{}` appears twice", r.id),
                )
                .with_path(format!("{path}.id")),
            ));
        }
        rules.push(compile_rule(src, &pack_ref, &path, r)?);
    }
    Ok(CompiledPack {
        id: pack.id.clone(),
        version: pack.version.clone(),
        title: pack.title.clone(),
        source: pack.source.clone(),
        rules,
    })
}

/// Checks one rule (at `path` in the pack) and compiles its expressions.
fn compile_rule(
    src: &SourceText,
    pack: &Arc<PackRef>,
    path: &str,
    r: &WarnRule,
) -> Result<CompiledRule> {
    let scope = rule_scope(src, path, &r.subject)?;
    let pollutants = subject_pollutants(src, path, &r.subject)?;
    let (when, hold) = expr(src, &format!("{path}.when"), &r.when, scope, true)?;
    let clear = match &r.clear {
        Some(t) => Some(expr(src, &format!("{path}.clear"), t, scope, false)?.0),
        None => None,
    };
    let peak = match &r.peak {
        Some(t) => Some(numeric(src, &format!("{path}.peak"), t, scope)?),
        None => check::measure(&when),
    };
    check_placeholders(src, path, &r.message)?;
    let mut signals = Vec::new();
    check::signals(&when, &mut signals);
    if let Some(c) = &clear {
        check::signals(c, &mut signals);
    }
    if let Some(p) = &peak {
        check::signals(p, &mut signals);
    }
    if scope != Scope::Record
        && scope != Scope::Permit
        && signals.is_empty()
        && !check::uses_clock(&when)
    {
        return Err(src.locate(Error::new(ErrorCode::RuleNoSignal, "the condition reads no signal, so it would never be evaluated")
            .with_path(format!("{path}.when"))
            .with_help("read a signal (value(x), current(fan), ...) or make the subject a record or the permit")));
    }
    let clock = check::uses_clock(&when) || clear.as_ref().is_some_and(check::uses_clock);
    Ok(CompiledRule {
        id: Arc::from(format!("{}/{}", pack.id, r.id).as_str()),
        pack: Arc::clone(pack),
        severity: r.severity,
        subject: r.subject.clone(),
        pollutants,
        scope,
        when,
        hold,
        clear,
        peak,
        emit: r.emit,
        updates: r.updates,
        message: r.message.clone(),
        signals,
        clock,
    })
}

/// What a rule's expressions refer to, from its subject (one kind of subject at most).
fn rule_scope(src: &SourceText, path: &str, s: &Subject) -> Result<Scope> {
    let kinds = usize::from(s.pollutants.is_some())
        + usize::from(s.records.is_some())
        + usize::from(s.permit);
    if kinds > 1 {
        return Err(src.locate(
            Error::pack(
                ErrorCode::PackSubject,
                "a subject selects pollutants, records or the permit, not several",
            )
            .with_path(format!("{path}.subject")),
        ));
    }
    let scope = if s.pollutants.is_some() {
        Scope::Series
    } else if s.records.is_some() {
        Scope::Record
    } else if s.permit {
        Scope::Permit
    } else {
        Scope::Outlet
    };
    Ok(scope)
}

/// The pollutants a subject names (`None`: every limited one, or not a pollutant subject).
fn subject_pollutants(
    src: &SourceText,
    path: &str,
    s: &Subject,
) -> Result<Option<Vec<&'static Pollutant>>> {
    Ok(match &s.pollutants {
        Some(PollutantSelector::Keyword(k)) if k == "limited" => None,
        Some(PollutantSelector::Keyword(k)) => {
            return Err(src.locate(
                Error::pack(
                    ErrorCode::PackSubject,
                    format!("unknown pollutant selector `{k}`"),
                )
                .with_path(format!("{path}.subject.pollutants"))
                .with_help("write \"limited\" or a list of pollutants"),
            ));
        }
        Some(PollutantSelector::List(list)) => {
            let mut out = Vec::new();
            for (j, name) in list.iter().enumerate() {
                match super::signals::lookup(name) {
                    Some(p) => out.push(p),
                    None => {
                        return Err(src.locate(
                            Error::pack(
                                ErrorCode::PackUnknownPollutant,
                                format!("unknown pollutant `{name}`"),
                            )
                            .with_path(format!("{path}.subject.pollutants[{j}]"))
                            .with_help_opt(
                                super::signals::suggest(name)
                                    .map(|s| format!("did you mean `{s}`?")),
                            ),
                        ));
                    }
                }
            }
            Some(out)
        }
        None => None,
    })
}

/// Every `{placeholder}` of both message templates is known.
fn check_placeholders(src: &SourceText, path: &str, message: &Messages) -> Result<()> {
    for (lang, t) in [("zh", &message.zh), ("en", &message.en)] {
        if let Some(bad) = template::unknown_placeholder(t) {
            return Err(src.locate(
                Error::new(
                    ErrorCode::RulePlaceholder,
                    format!("unknown placeholder `{{{bad}}}` in the {lang} message"),
                )
                .with_path(format!("{path}.message.{lang}"))
                .with_help(format!(
                    "placeholders: {}",
                    template::PLACEHOLDERS.join(", ")
                )),
            ));
        }
    }
    Ok(())
}

/// Where an expression sits: its pack file, its field path and its text. Every diagnostic of
/// the expression is located through it.
struct Site<'a> {
    src: &'a SourceText,
    path: &'a str,
    text: &'a str,
}

impl Site<'_> {
    /// An error over `start..end` of the expression: a span in the TOML file, or (JSON) a
    /// position inside the expression text.
    fn error(
        &self,
        start: usize,
        end: usize,
        code: ErrorCode,
        message: String,
        help: String,
    ) -> Error {
        let mut e = Error::new(code, message)
            .with_help(help)
            .with_path(self.path.to_string())
            .with_file(self.src.name().to_string());
        if self.src.format() == Format::Toml {
            if let Some(base) = expr_offset(self.src.text(), self.path, self.text) {
                let full: Arc<str> = Arc::from(self.src.text());
                e = e.with_span(&full, base + start, base + end.max(start));
            }
        } else {
            // JSON: point into the expression itself (line 1, column = offset + 1).
            let (l, c) = crate::diag::error::line_column(self.text, start);
            e = e.at(l, c);
        }
        e
    }

    /// Lexes and parses the text: a rule (`cond for 30min`) when `allow_for`, else a bare
    /// expression. Errors are `rule.syntax`.
    fn parse(&self, allow_for: bool) -> Result<parse::RuleAst> {
        let toks = super::lex::lex(self.text)
            .map_err(|e| self.error(e.at, e.at + 1, ErrorCode::RuleSyntax, e.message, e.help))?;
        if allow_for {
            parse::parse_rule(&toks)
        } else {
            parse::parse_expr(&toks).map(|c| parse::RuleAst {
                cond: c,
                hold: Hold::Immediately,
            })
        }
        .map_err(|e| self.error(e.start, e.end, ErrorCode::RuleSyntax, e.message, e.help))
    }

    /// Type-checks a parsed expression in `scope`; errors are `rule.type`.
    fn check(&self, ast: &parse::Ast, scope: Scope) -> Result<(Ir, check::Ty)> {
        check::check(ast, scope)
            .map_err(|e| self.error(e.start, e.end, ErrorCode::RuleType, e.message, e.help))
    }
}

fn expr(
    src: &SourceText,
    path: &str,
    text: &str,
    scope: Scope,
    allow_for: bool,
) -> Result<(Ir, Hold)> {
    let site = Site { src, path, text };
    let r = site.parse(allow_for)?;
    let (ir, ty) = site.check(&r.cond, scope)?;
    if ty != check::Ty::Bool {
        return Err(site.error(
            r.cond.start,
            r.cond.end,
            ErrorCode::RuleType,
            "a condition must be true or false".into(),
            "compare the value, e.g. `avg(x, 1h) >= 0.8 * limit(x)`".into(),
        ));
    }
    Ok((ir, r.hold))
}

fn numeric(src: &SourceText, path: &str, text: &str, scope: Scope) -> Result<Ir> {
    let site = Site { src, path, text };
    let a = site.parse(false)?.cond;
    let (ir, ty) = site.check(&a, scope)?;
    if !matches!(ty, check::Ty::Num(_) | check::Ty::Dur) {
        return Err(site.error(
            a.start,
            a.end,
            ErrorCode::RuleType,
            "a peak measure must be a number or a duration".into(),
            "e.g. `avg(x, 1h)` or `now() - due()`".into(),
        ));
    }
    Ok(ir)
}

/// Byte offset in the TOML file where the expression text at `path` starts.
fn expr_offset(file: &str, path: &str, text: &str) -> Option<usize> {
    let root = toml::de::DeTable::parse(file).ok()?;
    let mut node: Option<&toml::Spanned<toml::de::DeValue<'_>>> = None;
    let mut table: Option<&toml::de::DeTable<'_>> = Some(root.get_ref());
    for part in path.split('.') {
        let (key, idx) = match part.split_once('[') {
            Some((k, rest)) => (k, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (part, None),
        };
        let t = match (table, node) {
            (Some(t), _) => t,
            (None, Some(n)) => n.get_ref().as_table()?,
            _ => return None,
        };
        let (_, v) = t.iter().find(|(k, _)| k.get_ref().as_ref() == key)?;
        node = Some(v);
        table = None;
        if let Some(i) = idx {
            node = Some(node?.get_ref().as_array()?.get(i)?);
        }
    }
    let span = node?.span();
    let raw = file.get(span.clone())?;
    let mut off = if raw.starts_with("\"\"\"") || raw.starts_with("'''") {
        3
    } else {
        1
    };
    if off == 3 && raw.get(3..).is_some_and(|r| r.starts_with('\n')) {
        off += 1;
    } else if off == 3 && raw.get(3..).is_some_and(|r| r.starts_with("\r\n")) {
        off += 2;
    }
    // Escapes would shift columns; when the raw text differs, fall back to the string start.
    let body = raw.get(off..)?;
    if body.starts_with(text) {
        Some(span.start + off)
    } else {
        Some(span.start)
    }
}

/// What instantiation needs from the monitor for one outlet (or record).
pub trait Binder {
    /// The series slot of a signal.
    fn series(&mut self, p: &'static Pollutant) -> u32;
    /// The aggregate slot of (series, kind, window).
    fn agg(&mut self, series: u32, kind: AggKind, window: i64) -> u32;
    /// The upper limit of a pollutant at the outlet, in the data unit.
    fn limit(&self, p: &'static Pollutant) -> Option<f64>;
    /// Permit end (exclusive), Unix seconds.
    fn valid_to(&self) -> Option<i64>;
    /// Record due time.
    fn due(&self) -> Option<i64>;
    /// Record done time.
    fn done_at(&self) -> Option<i64>;
}

/// Binds a checked tree; `None` when a needed constant (a limit) does not exist here.
pub fn bind(ir: &Ir, subject: Option<&'static Pollutant>, b: &mut dyn Binder) -> Option<Node> {
    let resolve = |s: &Sig| -> Option<&'static Pollutant> {
        match s {
            Sig::Subject => subject,
            Sig::Named(p) => Some(p),
        }
    };
    let bx = |n: Node| Box::new(n);
    Some(match ir {
        Ir::Const(c) => Node::Const(*c),
        Ir::Bool(v) => Node::Bool(*v),
        Ir::Value(s) => Node::Value(b.series(resolve(s)?)),
        Ir::Raw(s) => Node::Raw(b.series(resolve(s)?)),
        Ir::Flagged(s, m) => Node::Flagged(b.series(resolve(s)?), *m),
        Ir::Limit(s) => Node::Const(b.limit(resolve(s)?)?),
        Ir::Agg(s, k, w) => {
            let sl = b.series(resolve(s)?);
            let slot = b.agg(sl, *k, *w);
            if matches!(k, AggKind::Flat(_)) {
                Node::Flat(slot)
            } else {
                Node::Agg(slot)
            }
        }
        Ir::Gap(s) => Node::Gap(b.series(resolve(s)?)),
        Ir::Age(s) => Node::Age(b.series(resolve(s)?)),
        Ir::Now => Node::Now,
        Ir::YearEnd => Node::YearEnd,
        Ir::CapDate(s, cap) => {
            let sl = b.series(resolve(s)?);
            let slot = b.agg(sl, AggKind::YearTotal, 0);
            Node::CapDate(slot, bx(bind(cap, subject, b)?))
        }
        Ir::ValidTo => Node::Const(b.valid_to().map_or(f64::NAN, |t| t as f64)),
        Ir::Due => Node::Const(b.due().map_or(f64::NAN, |t| t as f64)),
        Ir::Done => Node::DoneAt(b.done_at().map_or(f64::NAN, |t| t as f64)),
        Ir::Neg(e) => fold(Node::Neg(bx(bind(e, subject, b)?))),
        Ir::Abs(e) => fold(Node::Abs(bx(bind(e, subject, b)?))),
        Ir::Not(e) => Node::Not(bx(bind(e, subject, b)?)),
        Ir::Bin(op, l, r) => {
            let (l, r) = (bind(l, subject, b)?, bind(r, subject, b)?);
            match op {
                BinOp::And => Node::And(bx(l), bx(r)),
                BinOp::Or => Node::Or(bx(l), bx(r)),
                _ if op.is_cmp() => match (l, r) {
                    (Node::Value(s), Node::Const(c)) => Node::CmpValue(*op, s, c),
                    (Node::Const(c), Node::Value(s)) => Node::CmpValue(flip(*op), s, c),
                    (l, r) => Node::Cmp(*op, bx(l), bx(r)),
                },
                _ => fold(Node::Arith(*op, bx(l), bx(r))),
            }
        }
    })
}

fn flip(op: BinOp) -> BinOp {
    match op {
        BinOp::Lt => BinOp::Gt,
        BinOp::Le => BinOp::Ge,
        BinOp::Gt => BinOp::Lt,
        BinOp::Ge => BinOp::Le,
        o => o,
    }
}

fn fold(n: Node) -> Node {
    match &n {
        Node::Neg(e) => match **e {
            Node::Const(c) => Node::Const(-c),
            _ => n,
        },
        Node::Abs(e) => match **e {
            Node::Const(c) => Node::Const(c.abs()),
            _ => n,
        },
        Node::Arith(op, l, r) => match (&**l, &**r) {
            (Node::Const(a), Node::Const(b)) => Node::Const(super::eval::arith(*op, *a, *b)),
            _ => n,
        },
        _ => n,
    }
}
