//! Parsing warning expressions into a syntax tree.
//!
//! Grammar (lowest precedence first):
//!
//! ```text
//! rule    := expr [ "for" ( DURATION | INT "consecutive" [ "samples" ] ) ]
//! expr    := and ( "or" and )*
//! and     := not ( "and" not )*
//! not     := "not" not | cmp
//! cmp     := sum [ ( "<" | "<=" | ">" | ">=" | "==" | "!=" ) sum ]
//! sum     := product ( ( "+" | "-" ) product )*
//! product := unary ( ( "*" | "/" ) unary )*
//! unary   := "-" unary | atom
//! atom    := NUMBER | QUANTITY | DURATION | STRING | "true" | "false"
//!          | NAME "(" [ expr ( "," expr )* ] ")" | NAME | "(" expr ")"
//! ```
//!
//! The parser is a recursive descent with an explicit depth bound ([`MAX_DEPTH`]) and a node
//! bound ([`MAX_NODES`]): hostile input yields an error, never a stack overflow or a hang.

use super::lex::{Tok, Token};
use crate::domain::units::Unit;

/// Deepest nesting allowed.
pub const MAX_DEPTH: usize = 32;
/// Most syntax nodes in one expression.
pub const MAX_NODES: usize = 256;

/// Binary operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `and`
    And,
    /// `or`
    Or,
}

impl BinOp {
    /// Whether the operator compares.
    pub fn is_cmp(self) -> bool {
        matches!(
            self,
            BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge | BinOp::Eq | BinOp::Ne
        )
    }
}

/// A syntax node kind.
#[derive(Debug, Clone, PartialEq)]
pub enum AstKind {
    /// A number, maybe with a unit.
    Num(f64, Option<Unit>),
    /// A duration in seconds.
    Dur(i64),
    /// `true` / `false`.
    Bool(bool),
    /// A string literal.
    Str(String),
    /// A bare name (a signal or the subject `x`).
    Name(String),
    /// A function call.
    Call(String, Vec<Ast>),
    /// Unary minus.
    Neg(Box<Ast>),
    /// `not`.
    Not(Box<Ast>),
    /// A binary operation.
    Bin(BinOp, Box<Ast>, Box<Ast>),
}

/// A syntax node with its byte span.
#[derive(Debug, Clone, PartialEq)]
pub struct Ast {
    /// What it is.
    pub kind: AstKind,
    /// Start byte.
    pub start: usize,
    /// End byte.
    pub end: usize,
}

/// How long a condition must hold before an alarm opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Hold {
    /// Opens at the first evaluation where the condition holds.
    Immediately,
    /// Holds over a span of at least this many seconds (`for 15m`).
    Duration(i64),
    /// Holds at this many consecutive evaluations (`for 3 consecutive`).
    Consecutive(u32),
}

/// A parsed rule condition.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleAst {
    /// The condition.
    pub cond: Ast,
    /// The `for` clause.
    pub hold: Hold,
}

/// A parse error: message, help, byte span.
#[derive(Debug, Clone, PartialEq)]
pub struct ParseError {
    /// What is wrong.
    pub message: String,
    /// What to do.
    pub help: String,
    /// Start byte.
    pub start: usize,
    /// End byte.
    pub end: usize,
}

struct Parser<'t> {
    toks: &'t [Token],
    i: usize,
    nodes: usize,
}

type PResult<T> = Result<T, ParseError>;

/// Parses a condition with an optional `for` clause.
pub fn parse_rule(toks: &[Token]) -> PResult<RuleAst> {
    let mut p = Parser {
        toks,
        i: 0,
        nodes: 0,
    };
    let cond = p.expr(0)?;
    let mut hold = Hold::Immediately;
    if p.is_word("for") {
        let for_tok = p.bump();
        hold = match p.peek().tok.clone() {
            Tok::Dur(s) => {
                p.bump();
                if s <= 0 {
                    return Err(p.err_at(
                        &for_tok,
                        "`for` needs a positive duration",
                        "write e.g. `for 15m`",
                    ));
                }
                Hold::Duration(s)
            }
            Tok::Num(n) => {
                let t = p.bump();
                if !p.is_word("consecutive") {
                    return Err(p.err_here(
                        "expected `consecutive` after the count",
                        "write `for 3 consecutive` or a duration such as `for 15m`",
                    ));
                }
                p.bump();
                if p.is_word("samples") || p.is_word("evaluations") {
                    p.bump();
                }
                if !((1.0..=1_000_000.0).contains(&n) && n.fract() == 0.0) {
                    return Err(p.err_at(
                        &t,
                        "the count must be a whole number from 1 to 1000000",
                        "write e.g. `for 3 consecutive`",
                    ));
                }
                Hold::Consecutive(n as u32)
            }
            _ => {
                return Err(p.err_here(
                    "expected a duration or a count after `for`",
                    "write `for 15m` or `for 3 consecutive`",
                ))
            }
        };
    }
    if p.peek().tok != Tok::End {
        return Err(p.err_here(
            "unexpected text after the expression",
            "join conditions with `and` / `or`; `for` comes last",
        ));
    }
    Ok(RuleAst { cond, hold })
}

/// Parses a plain expression (no `for` clause).
pub fn parse_expr(toks: &[Token]) -> PResult<Ast> {
    let r = parse_rule(toks)?;
    if r.hold != Hold::Immediately {
        return Err(ParseError {
            message: "`for` is only allowed in a rule's `when` condition".into(),
            help: "remove the `for` clause here".into(),
            start: r.cond.end,
            end: r.cond.end,
        });
    }
    Ok(r.cond)
}

impl<'t> Parser<'t> {
    fn peek(&self) -> &Token {
        self.toks
            .get(self.i)
            .or_else(|| self.toks.last())
            .unwrap_or(&END)
    }

    fn bump(&mut self) -> Token {
        let t = self.peek().clone();
        if self.i < self.toks.len() {
            self.i += 1;
        }
        t
    }

    fn is_word(&self, w: &str) -> bool {
        matches!(&self.peek().tok, Tok::Ident(s) if s == w)
    }

    fn err_here(&self, message: &str, help: &str) -> ParseError {
        let t = self.peek();
        ParseError {
            message: message.into(),
            help: help.into(),
            start: t.start,
            end: t.end,
        }
    }

    fn err_at(&self, t: &Token, message: &str, help: &str) -> ParseError {
        ParseError {
            message: message.into(),
            help: help.into(),
            start: t.start,
            end: t.end,
        }
    }

    fn node(&mut self, kind: AstKind, start: usize, end: usize) -> PResult<Ast> {
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            return Err(ParseError {
                message: format!("expression has more than {MAX_NODES} nodes"),
                help: "split the rule into simpler rules".into(),
                start,
                end,
            });
        }
        Ok(Ast { kind, start, end })
    }

    fn deeper(&self, depth: usize) -> PResult<usize> {
        if depth >= MAX_DEPTH {
            return Err(self.err_here(
                &format!("expression nests deeper than {MAX_DEPTH} levels"),
                "flatten the expression",
            ));
        }
        Ok(depth + 1)
    }

    fn bin(&mut self, op: BinOp, l: Ast, r: Ast) -> PResult<Ast> {
        let (s, e) = (l.start, r.end);
        self.node(AstKind::Bin(op, Box::new(l), Box::new(r)), s, e)
    }

    fn expr(&mut self, depth: usize) -> PResult<Ast> {
        let d = self.deeper(depth)?;
        let mut l = self.and(d)?;
        while self.is_word("or") {
            self.bump();
            let r = self.and(d)?;
            l = self.bin(BinOp::Or, l, r)?;
        }
        Ok(l)
    }

    fn and(&mut self, d: usize) -> PResult<Ast> {
        let mut l = self.not(d)?;
        while self.is_word("and") {
            self.bump();
            let r = self.not(d)?;
            l = self.bin(BinOp::And, l, r)?;
        }
        Ok(l)
    }

    fn not(&mut self, depth: usize) -> PResult<Ast> {
        if self.is_word("not") {
            let t = self.bump();
            let d = self.deeper(depth)?;
            let e = self.not(d)?;
            let end = e.end;
            return self.node(AstKind::Not(Box::new(e)), t.start, end);
        }
        self.cmp(depth)
    }

    fn cmp(&mut self, d: usize) -> PResult<Ast> {
        let l = self.sum(d)?;
        if let Tok::Cmp(op) = self.peek().tok {
            self.bump();
            let op = match op {
                "<" => BinOp::Lt,
                "<=" => BinOp::Le,
                ">" => BinOp::Gt,
                ">=" => BinOp::Ge,
                "==" => BinOp::Eq,
                _ => BinOp::Ne,
            };
            let r = self.sum(d)?;
            if let Tok::Cmp(_) = self.peek().tok {
                return Err(self.err_here("comparisons do not chain", "write `a < b and b < c`"));
            }
            return self.bin(op, l, r);
        }
        Ok(l)
    }

    fn sum(&mut self, d: usize) -> PResult<Ast> {
        let mut l = self.product(d)?;
        while let Tok::Arith(c @ ('+' | '-')) = self.peek().tok {
            self.bump();
            let r = self.product(d)?;
            l = self.bin(if c == '+' { BinOp::Add } else { BinOp::Sub }, l, r)?;
        }
        Ok(l)
    }

    fn product(&mut self, d: usize) -> PResult<Ast> {
        let mut l = self.unary(d)?;
        while let Tok::Arith(c @ ('*' | '/')) = self.peek().tok {
            self.bump();
            let r = self.unary(d)?;
            l = self.bin(if c == '*' { BinOp::Mul } else { BinOp::Div }, l, r)?;
        }
        Ok(l)
    }

    fn unary(&mut self, depth: usize) -> PResult<Ast> {
        if self.peek().tok == Tok::Arith('-') {
            let t = self.bump();
            let d = self.deeper(depth)?;
            let e = self.unary(d)?;
            let end = e.end;
            return self.node(AstKind::Neg(Box::new(e)), t.start, end);
        }
        self.atom(depth)
    }

    fn atom(&mut self, depth: usize) -> PResult<Ast> {
        let t = self.bump();
        let (s, e) = (t.start, t.end);
        match t.tok {
            Tok::Num(n) => self.node(AstKind::Num(n, None), s, e),
            Tok::Quantity(n, u) => self.node(AstKind::Num(n, Some(u)), s, e),
            Tok::Dur(secs) => self.node(AstKind::Dur(secs), s, e),
            Tok::Str(text) => self.node(AstKind::Str(text), s, e),
            Tok::LParen => {
                let d = self.deeper(depth)?;
                let inner = self.expr(d)?;
                if self.peek().tok != Tok::RParen {
                    return Err(self.err_here("expected `)`", "close the parenthesis"));
                }
                self.bump();
                Ok(inner)
            }
            Tok::Ident(name) => {
                if name == "true" || name == "false" {
                    return self.node(AstKind::Bool(name == "true"), s, e);
                }
                if super::lex::is_keyword(&name) {
                    return Err(self.err_at(
                        &Token {
                            tok: Tok::End,
                            start: s,
                            end: e,
                        },
                        &format!("`{name}` cannot start an operand"),
                        "an operand is a number, a name or a function call",
                    ));
                }
                if self.peek().tok != Tok::LParen {
                    return self.node(AstKind::Name(name), s, e);
                }
                self.bump();
                let d = self.deeper(depth)?;
                let mut args = Vec::new();
                if self.peek().tok != Tok::RParen {
                    loop {
                        args.push(self.expr(d)?);
                        if self.peek().tok == Tok::Comma {
                            self.bump();
                            continue;
                        }
                        break;
                    }
                }
                if self.peek().tok != Tok::RParen {
                    return Err(self.err_here(
                        "expected `,` or `)` in the argument list",
                        "separate arguments with commas and close with `)`",
                    ));
                }
                let close = self.bump();
                self.node(AstKind::Call(name, args), s, close.end)
            }
            Tok::End => Err(ParseError {
                message: "the expression ends too early".into(),
                help: "complete the expression".into(),
                start: s,
                end: e,
            }),
            _ => Err(ParseError {
                message: "expected a number, a name or `(`".into(),
                help: "an operand is a number (`0.8`, `2 A`, `15m`), a name or a function call"
                    .into(),
                start: s,
                end: e,
            }),
        }
    }
}

static END: Token = Token {
    tok: Tok::End,
    start: 0,
    end: 0,
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::judge::warn::lex::lex;

    fn p(s: &str) -> PResult<RuleAst> {
        parse_rule(&lex(s).unwrap())
    }

    #[test]
    fn parses_rules() {
        let r = p("current(fan) < 2 A and current(production_line) > 5 A for 15m").unwrap();
        assert_eq!(r.hold, Hold::Duration(900));
        assert!(matches!(r.cond.kind, AstKind::Bin(BinOp::And, _, _)));
        assert_eq!(
            p("x > 1 for 3 consecutive").unwrap().hold,
            Hold::Consecutive(3)
        );
        assert!(p("a < b < c").is_err());
        assert!(p("(a").is_err());
        assert!(p("a > 1 for").is_err());
    }

    #[test]
    fn bounds_depth() {
        let deep = "(".repeat(100) + "1" + &")".repeat(100);
        let e = p(&deep).unwrap_err();
        assert!(e.message.contains("deeper"));
        let wide = vec!["1"; 300].join(" + ");
        assert!(p(&wide).unwrap_err().message.contains("nodes"));
    }
}
