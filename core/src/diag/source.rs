//! Input documents (packs, permits) in TOML or JSON, with positions for errors.
//!
//! A rule-pack author who mistypes a pollutant code deserves `gb4287.toml:14:13`, the field
//! path `categories[0].limits[2].pollutant`, and "did you mean `w01018`?". [`SourceText`]
//! deserialises a document (TOML through its JSON form, so one deserializer serves both), finds
//! the field path of an error from its position ([`crate::diag::json_path`]), and
//! [`SourceText::locate`] turns the path of a later, semantic error back into a line and
//! column by walking the spanned TOML tree.

use crate::diag::code::ErrorCode;
use crate::diag::error::{Error, ErrorKind, Result};
use crate::diag::json_path::{self, Seg};
use serde::de::DeserializeOwned;
use std::sync::Arc;

/// The syntax of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// TOML 1.1.
    Toml,
    /// JSON.
    Json,
}

/// A document's text, its name and syntax.
#[derive(Debug, Clone)]
pub struct SourceText {
    name: String,
    text: Arc<str>,
    format: Format,
}

impl SourceText {
    /// A document whose syntax is guessed from the name (`.json`) or the first character.
    pub fn new(name: impl Into<String>, text: impl Into<Arc<str>>) -> Self {
        let name = name.into();
        let text: Arc<str> = text.into();
        let first = text.trim_start().chars().next();
        let format = if name.ends_with(".json")
            || matches!(first, Some('{') | Some('[')) && !name.ends_with(".toml")
        {
            Format::Json
        } else {
            Format::Toml
        };
        SourceText { name, text, format }
    }

    /// The document's name (file name or a label).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The syntax.
    pub fn format(&self) -> Format {
        self.format
    }

    /// Deserialises the document into `T`; errors are of `kind` with code
    /// `<kind>.syntax` or `<kind>.schema` and carry file, path, line and column.
    ///
    /// Both syntaxes go through one deserializer (serde_json's): a TOML document is first
    /// written as JSON text, so every `Deserialize` impl exists once in the binary. The field
    /// path of an error is recomputed from its position ([`crate::diag::json_path`]), and for
    /// TOML the position from the path, as [`SourceText::locate`] does.
    pub fn parse<T: DeserializeOwned>(&self, kind: ErrorKind) -> Result<T> {
        match self.format {
            Format::Toml => self.parse_toml(kind),
            Format::Json => self.parse_json(kind),
        }
    }

    fn parse_toml<T: DeserializeOwned>(&self, kind: ErrorKind) -> Result<T> {
        let root = toml::de::DeTable::parse(&self.text).map_err(|e| {
            let err = Error::new(
                ErrorCode::syntax(kind),
                format!("invalid TOML: {}", e.message().trim()),
            );
            self.with_toml_span(err, e.span())
        })?;
        let mut json = String::with_capacity(self.text.len() * 2);
        if let Err((msg, span)) = toml_table_json(root.get_ref(), &mut json) {
            let err = Error::new(ErrorCode::schema(kind), msg);
            return Err(self.with_toml_span(err, Some(span)));
        }
        serde_json::from_str::<T>(&json).map_err(|e| {
            let msg = json_message(&e);
            let at = json_path::path_at(
                &json,
                json_path::offset_of(&json, e.line(), e.column()),
                msg.starts_with("duplicate field"),
            );
            let path = at.render();
            let err =
                Error::new(ErrorCode::schema(kind), msg.clone()).with_help_opt(schema_help(&msg));
            let err = if path.is_empty() {
                err
            } else {
                err.with_path(path)
            };
            let span = span_of_segs(&root, &at.segs, at.at_key);
            self.with_toml_span(err, span)
        })
    }

    fn parse_json<T: DeserializeOwned>(&self, kind: ErrorKind) -> Result<T> {
        serde_json::from_str::<T>(&self.text).map_err(|inner| {
            let code = if inner.is_syntax() || inner.is_eof() {
                ErrorCode::syntax(kind)
            } else {
                ErrorCode::schema(kind)
            };
            let msg = json_message(&inner);
            let path = self.json_error_path::<T>(&msg, &inner);
            let mut err = Error::new(code, msg.clone())
                .with_help_opt(schema_help(&msg))
                .with_file(self.name.clone());
            if !path.is_empty() {
                err = err.with_path(path);
            }
            err.at(
                u32::try_from(inner.line()).unwrap_or(0),
                u32::try_from(inner.column()).unwrap_or(0),
            )
        })
    }

    /// The field path of a JSON error: found in a re-spaced copy of the text (same tokens,
    /// so the same error, at an unambiguous position), else at the original position.
    fn json_error_path<T: DeserializeOwned>(&self, msg: &str, first: &serde_json::Error) -> String {
        let container = msg.starts_with("duplicate field");
        let spaced = json_path::spaced(&self.text);
        if let Err(e) = serde_json::from_str::<T>(&spaced) {
            if json_message(&e) == msg {
                let off = json_path::offset_of(&spaced, e.line(), e.column());
                return json_path::path_at(&spaced, off, container).render();
            }
        }
        let off = json_path::offset_of(&self.text, first.line(), first.column());
        json_path::path_at(&self.text, off, container).render()
    }

    fn with_toml_span(&self, err: Error, span: Option<std::ops::Range<usize>>) -> Error {
        let err = err.with_file(self.name.clone());
        match span {
            Some(r) => err.with_span(&self.text, r.start, r.end),
            None => err,
        }
    }

    /// Adds the file name and, when the error has a field path that exists in a TOML
    /// document, its line and column.
    pub fn locate(&self, err: Error) -> Error {
        let err = err.with_file(self.name.clone());
        if self.format != Format::Toml || err.envelope().line.is_some() {
            return err;
        }
        let Some(path) = err.envelope().path else {
            return err;
        };
        match span_of_path(&self.text, &path) {
            Some(r) => err.with_span(&self.text, r.start, r.end),
            None => err,
        }
    }
}

/// "did you mean" for serde's unknown-field and unknown-variant messages.
fn schema_help(msg: &str) -> Option<String> {
    let mut ticks = msg.split('`').skip(1).step_by(2);
    let unknown = ticks.next()?;
    let expected: Vec<&str> = ticks.collect();
    if !(msg.starts_with("unknown field") || msg.starts_with("unknown variant"))
        || expected.is_empty()
    {
        return None;
    }
    match crate::diag::suggest::closest(unknown, expected.iter().copied()) {
        Some(s) => Some(format!("did you mean `{s}`?")),
        None => Some(format!(
            "expected one of {}",
            expected
                .iter()
                .map(|e| format!("`{e}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// Byte span of the value at `path` (`a.b[2].c`) in a TOML document.
fn span_of_path(text: &str, path: &str) -> Option<std::ops::Range<usize>> {
    let root = toml::de::DeTable::parse(text).ok()?;
    span_of_segs(&root, &split_path(path), false)
}

/// Byte span of the value (or, with `at_key`, the key) at `segs` in a parsed TOML document;
/// the whole document for an empty path.
fn span_of_segs(
    root: &toml::Spanned<toml::de::DeTable<'_>>,
    segs: &[Seg],
    at_key: bool,
) -> Option<std::ops::Range<usize>> {
    let mut node: Option<&toml::Spanned<toml::de::DeValue<'_>>> = None;
    let mut table: Option<&toml::de::DeTable<'_>> = Some(root.get_ref());
    let mut key_span = None;
    for seg in segs {
        match seg {
            Seg::Key(k) => {
                let t = match (table, node) {
                    (Some(t), _) => t,
                    (None, Some(n)) => n.get_ref().as_table()?,
                    _ => return None,
                };
                let (key, v) = t
                    .iter()
                    .find(|(key, _)| key.get_ref().as_ref() == k.as_str())?;
                key_span = Some(key.span());
                node = Some(v);
                table = None;
            }
            Seg::Index(i) => {
                let arr = node?.get_ref().as_array()?;
                node = Some(arr.get(*i)?);
                key_span = None;
                table = None;
            }
        }
    }
    if at_key {
        if let Some(k) = key_span {
            return Some(k);
        }
    }
    match node {
        Some(n) => Some(n.span()),
        None => Some(root.span()),
    }
}

/// serde_json's message without its " at line L column C" suffix.
fn json_message(e: &serde_json::Error) -> String {
    let full = e.to_string();
    full.split(" at line ").next().unwrap_or(&full).to_string()
}

/// Writes a TOML table as JSON text, members in document order, a newline before every `,`
/// and closing bracket (see [`json_path::spaced`]). Errors: values JSON cannot hold.
fn toml_table_json(
    t: &toml::de::DeTable<'_>,
    out: &mut String,
) -> std::result::Result<(), (String, std::ops::Range<usize>)> {
    out.push('{');
    for (i, (k, v)) in t.iter().enumerate() {
        if i > 0 {
            out.push_str("\n,");
        }
        json_path::push_json_string(out, k.get_ref());
        out.push(':');
        toml_value_json(v, out)?;
    }
    out.push_str("\n}");
    Ok(())
}

fn toml_value_json(
    v: &toml::Spanned<toml::de::DeValue<'_>>,
    out: &mut String,
) -> std::result::Result<(), (String, std::ops::Range<usize>)> {
    use toml::de::DeValue;
    match v.get_ref() {
        DeValue::String(s) => json_path::push_json_string(out, s),
        DeValue::Integer(n) => {
            let digits = n.as_str();
            if let Ok(x) = i64::from_str_radix(digits, n.radix()) {
                out.push_str(&x.to_string());
            } else if let Ok(x) = u64::from_str_radix(digits, n.radix()) {
                out.push_str(&x.to_string());
            } else {
                return Err(("integer number overflowed".to_string(), v.span()));
            }
        }
        DeValue::Float(f) => {
            let x: f64 = f.as_str().parse().unwrap_or(f64::NAN);
            if !x.is_finite() {
                return Err(("floating-point number is not finite".to_string(), v.span()));
            }
            // `{:?}` round-trips and keeps `1.0` a float.
            out.push_str(&format!("{x:?}"));
        }
        DeValue::Boolean(b) => out.push_str(if *b { "true" } else { "false" }),
        // As the TOML deserializer presents a datetime: a one-member map.
        DeValue::Datetime(d) => {
            out.push_str("{\"$__toml_private_datetime\":");
            json_path::push_json_string(out, &d.to_string());
            out.push_str("\n}");
        }
        DeValue::Array(a) => {
            out.push('[');
            for (i, e) in a.iter().enumerate() {
                if i > 0 {
                    out.push_str("\n,");
                }
                toml_value_json(e, out)?;
            }
            out.push_str("\n]");
        }
        DeValue::Table(t) => toml_table_json(t, out)?,
    }
    Ok(())
}

fn split_path(path: &str) -> Vec<Seg> {
    let mut out = Vec::new();
    for part in path.split('.') {
        let (key, rest) = match part.find('[') {
            Some(i) => (part.get(..i).unwrap_or(""), part.get(i..).unwrap_or("")),
            None => (part, ""),
        };
        if !key.is_empty() {
            out.push(Seg::Key(key.to_string()));
        }
        for idx in rest.split('[').filter(|s| !s.is_empty()) {
            if let Ok(i) = idx.trim_end_matches(']').parse() {
                out.push(Seg::Index(i));
            }
        }
    }
    out
}
