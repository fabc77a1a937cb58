//! Tokens of the warning-rule language.
//!
//! The lexer turns `avg(x, 1h) >= 0.8 * limit(x) for 15m` into numbers, durations
//! (`15m`, `1h`, `30d`, `90s`: a number glued to `s`, `m`, `h` or `d`), quantities with a
//! unit (`2 A`, `5 mg/m3`, `90 %`), names, strings (`"CD"`), operators and punctuation.
//! Every token keeps its byte span so errors point at the right column.

use crate::domain::units::Unit;

/// A token kind.
#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    /// A plain number.
    Num(f64),
    /// A number with a unit (`2 A`).
    Quantity(f64, Unit),
    /// A duration in seconds (`15m`).
    Dur(i64),
    /// A name (function, signal, keyword).
    Ident(String),
    /// A string literal.
    Str(String),
    /// `(`
    LParen,
    /// `)`
    RParen,
    /// `,`
    Comma,
    /// `+ - * /`
    Arith(char),
    /// `< <= > >= == !=`
    Cmp(&'static str),
    /// End of input.
    End,
}

/// A token and its byte span in the expression text.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// The kind.
    pub tok: Tok,
    /// Start byte.
    pub start: usize,
    /// End byte.
    pub end: usize,
}

/// A lexing error: message, help, byte span.
#[derive(Debug, Clone, PartialEq)]
pub struct LexError {
    /// What is wrong.
    pub message: String,
    /// What to do.
    pub help: String,
    /// Byte offset.
    pub at: usize,
}

/// Largest expression text, in bytes.
pub const MAX_TEXT: usize = 4096;

fn dur_unit(s: &str) -> Option<i64> {
    match s {
        "s" => Some(1),
        "m" | "min" => Some(60),
        "h" => Some(3600),
        "d" => Some(86_400),
        _ => None,
    }
}

fn is_unit_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '/' | '%' | '°' | 'µ' | '³')
}

/// The text being lexed, by character index.
struct Chars<'a> {
    text: &'a str,
    chars: Vec<(usize, char)>,
}

impl Chars<'_> {
    fn at(&self, i: usize) -> Option<char> {
        self.chars.get(i).map(|(_, c)| *c)
    }
    fn pos(&self, i: usize) -> usize {
        self.chars
            .get(i)
            .map(|(p, _)| *p)
            .unwrap_or(self.text.len())
    }
}

/// Splits `text` into tokens.
pub fn lex(text: &str) -> Result<Vec<Token>, LexError> {
    if text.len() > MAX_TEXT {
        return Err(LexError {
            message: format!(
                "expression is {} bytes, more than the bound of {MAX_TEXT}",
                text.len()
            ),
            help: "split the rule into simpler rules".into(),
            at: 0,
        });
    }
    let mut out = Vec::new();
    let s = Chars {
        text,
        chars: text.char_indices().collect(),
    };
    let mut i = 0;
    while let Some(c) = s.at(i) {
        let start = s.pos(i);
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        i = if c.is_ascii_digit() || (c == '.' && s.at(i + 1).is_some_and(|d| d.is_ascii_digit())) {
            number(&s, i, start, &mut out)?
        } else if c.is_alphabetic() || c == '_' {
            word(&s, i, start, &mut out)
        } else if c == '"' || c == '\'' {
            string(&s, i, c, start, &mut out)?
        } else {
            operator(&s, i, c, start, &mut out)?
        };
    }
    out.push(Token {
        tok: Tok::End,
        start: text.len(),
        end: text.len(),
    });
    Ok(out)
}

/// A number at `i`, with a glued duration or unit suffix (`15m`, `5mg/m3`) or a spaced
/// unit (`2 A`); returns the index after it.
fn number(s: &Chars<'_>, i: usize, start: usize, out: &mut Vec<Token>) -> Result<usize, LexError> {
    let mut j = i;
    while s
        .at(j)
        .is_some_and(|d| d.is_ascii_digit() || d == '.' || d == '_')
    {
        j += 1;
    }
    let num_text: String = s
        .text
        .get(start..s.pos(j))
        .unwrap_or("")
        .chars()
        .filter(|c| *c != '_')
        .collect();
    let n: f64 = num_text.parse().map_err(|_| LexError {
        message: format!("`{num_text}` is not a number"),
        help: "write numbers like 12, 0.8 or 1_000".into(),
        at: start,
    })?;
    // glued suffix: duration or unit
    if s.at(j).is_some_and(is_unit_char) {
        let mut k = j;
        while s.at(k).is_some_and(is_unit_char) {
            k += 1;
        }
        let suffix = s.text.get(s.pos(j)..s.pos(k)).unwrap_or("");
        if let Some(mult) = dur_unit(suffix) {
            out.push(Token {
                tok: Tok::Dur(duration(n, mult, start)?),
                start,
                end: s.pos(k),
            });
        } else if let Some(u) = Unit::parse(suffix).filter(|_| !suffix.is_empty()) {
            out.push(Token {
                tok: Tok::Quantity(n, u),
                start,
                end: s.pos(k),
            });
        } else {
            return Err(LexError {
                message: format!("unknown unit or duration `{suffix}`"),
                help: "durations are 90s, 15m, 1h, 30d; units are A, mg/m3, mg/L, %, ppm, kg, kg/h, m3/h, °C, kPa, m/s".into(),
                at: s.pos(j),
            });
        }
        return Ok(k);
    }
    // spaced unit: `2 A`, `5 mg/m3`
    let mut k = j;
    while s.at(k).is_some_and(|c| c == ' ' || c == '\t') {
        k += 1;
    }
    if k > j
        && s.at(k)
            .is_some_and(|c| is_unit_char(c) && !c.is_ascii_digit())
    {
        let mut e = k;
        while s.at(e).is_some_and(is_unit_char) {
            e += 1;
        }
        let word = s.text.get(s.pos(k)..s.pos(e)).unwrap_or("");
        if let Some(u) = Unit::parse(word).filter(|_| !is_keyword(word)) {
            out.push(Token {
                tok: Tok::Quantity(n, u),
                start,
                end: s.pos(e),
            });
            return Ok(e);
        }
    }
    out.push(Token {
        tok: Tok::Num(n),
        start,
        end: s.pos(j),
    });
    Ok(j)
}

/// A name or keyword at `i`.
fn word(s: &Chars<'_>, i: usize, start: usize, out: &mut Vec<Token>) -> usize {
    let mut j = i;
    while s.at(j).is_some_and(|d| d.is_alphanumeric() || d == '_') {
        j += 1;
    }
    out.push(Token {
        tok: Tok::Ident(s.text.get(start..s.pos(j)).unwrap_or("").to_string()),
        start,
        end: s.pos(j),
    });
    j
}

/// A string quoted with `c` at `i`.
fn string(
    s: &Chars<'_>,
    i: usize,
    c: char,
    start: usize,
    out: &mut Vec<Token>,
) -> Result<usize, LexError> {
    let mut j = i + 1;
    while s.at(j).is_some_and(|d| d != c) {
        j += 1;
    }
    if s.at(j).is_none() {
        return Err(LexError {
            message: "unterminated string".into(),
            help: format!("close the string with {c}"),
            at: start,
        });
    }
    out.push(Token {
        tok: Tok::Str(s.text.get(s.pos(i + 1)..s.pos(j)).unwrap_or("").to_string()),
        start,
        end: s.pos(j + 1),
    });
    Ok(j + 1)
}

/// An operator or parenthesis at `i`.
fn operator(
    s: &Chars<'_>,
    i: usize,
    c: char,
    start: usize,
    out: &mut Vec<Token>,
) -> Result<usize, LexError> {
    let two: String = [Some(c), s.at(i + 1)].iter().flatten().collect();
    let (tok, len) = match (c, two.as_str()) {
        (_, "<=") => (Tok::Cmp("<="), 2),
        (_, ">=") => (Tok::Cmp(">="), 2),
        (_, "==") => (Tok::Cmp("=="), 2),
        (_, "!=") => (Tok::Cmp("!="), 2),
        ('<', _) => (Tok::Cmp("<"), 1),
        ('>', _) => (Tok::Cmp(">"), 1),
        ('(', _) => (Tok::LParen, 1),
        (')', _) => (Tok::RParen, 1),
        (',', _) => (Tok::Comma, 1),
        ('+' | '-' | '*' | '/', _) => (Tok::Arith(c), 1),
        ('=', _) => {
            return Err(LexError {
                message: "`=` is not an operator".into(),
                help: "compare with `==`".into(),
                at: start,
            })
        }
        _ => {
            return Err(LexError {
                message: format!("unexpected character `{c}`"),
                help: "expressions use numbers, names, ( ), comparison and arithmetic operators, and/or/not".into(),
                at: start,
            })
        }
    };
    out.push(Token {
        tok,
        start,
        end: s.pos(i + len),
    });
    Ok(i + len)
}

fn duration(n: f64, mult: i64, at: usize) -> Result<i64, LexError> {
    let s = n * mult as f64;
    if !(s.is_finite() && (0.0..=1e11).contains(&s) && s.fract() == 0.0) {
        return Err(LexError {
            message: format!("duration {n} is not a whole number of seconds within bounds"),
            help: "durations are whole seconds up to about 3000 years".into(),
            at,
        });
    }
    Ok(s as i64)
}

/// Words that are never units.
pub fn is_keyword(w: &str) -> bool {
    matches!(
        w,
        "and" | "or" | "not" | "for" | "consecutive" | "true" | "false"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexes_quantities_and_durations() {
        let t = lex("current(fan) < 2 A and avg(x, 1h) >= 0.8 * limit(x) for 15m").unwrap();
        assert!(t.iter().any(|t| t.tok == Tok::Quantity(2.0, Unit::Ampere)));
        assert!(t.iter().any(|t| t.tok == Tok::Dur(3600)));
        assert!(t.iter().any(|t| t.tok == Tok::Dur(900)));
        let t = lex("x < 5 mg/m3").unwrap();
        assert!(t.iter().any(|t| t.tok == Tok::Quantity(5.0, Unit::MgPerM3)));
        let t = lex("2 and x").unwrap();
        assert_eq!(t.first().unwrap().tok, Tok::Num(2.0));
        assert!(lex("3 furlongs2").is_ok());
        assert!(lex("3furlongs").is_err());
        assert!(lex("a = b").is_err());
    }
}
