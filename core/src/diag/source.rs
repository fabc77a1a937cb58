//! Input documents (packs, permits) in TOML or JSON, with positions for errors.
//!
//! A rule-pack author who mistypes a pollutant code deserves `gb4287.toml:14:13`, the field
//! path `categories[0].limits[2].pollutant`, and "did you mean `w01018`?". [`SourceText`]
//! deserialises a document while tracking the field path (serde_path_to_error), and
//! [`SourceText::locate`] turns the path of a later, semantic error back into a line and
//! column by walking the spanned TOML tree.

use crate::diag::error::{Error, ErrorKind, Result};
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
    pub fn parse<T: DeserializeOwned>(&self, kind: ErrorKind) -> Result<T> {
        let prefix = kind.as_str();
        match self.format {
            Format::Toml => {
                let de = toml::Deserializer::parse(&self.text).map_err(|e| {
                    let err = Error::new(
                        kind,
                        format!("{prefix}.syntax"),
                        format!("invalid TOML: {}", e.message().trim()),
                    );
                    self.with_toml_span(err, e.span())
                })?;
                serde_path_to_error::deserialize::<_, T>(de).map_err(|e| {
                    let path = e.path().to_string();
                    let inner = e.into_inner();
                    let msg = inner.message().trim().to_string();
                    let err = Error::new(kind, format!("{prefix}.schema"), msg.clone())
                        .with_help_opt(schema_help(&msg));
                    let err = if path.is_empty() || path == "." {
                        err
                    } else {
                        err.with_path(path)
                    };
                    self.with_toml_span(err, inner.span())
                })
            }
            Format::Json => {
                let mut de = serde_json::Deserializer::from_str(&self.text);
                serde_path_to_error::deserialize::<_, T>(&mut de).map_err(|e| {
                    let path = e.path().to_string();
                    let inner = e.into_inner();
                    let code = if inner.is_syntax() || inner.is_eof() {
                        "syntax"
                    } else {
                        "schema"
                    };
                    let full = inner.to_string();
                    let msg = full.split(" at line ").next().unwrap_or(&full).to_string();
                    let mut err = Error::new(kind, format!("{prefix}.{code}"), msg.clone())
                        .with_help_opt(schema_help(&msg))
                        .with_file(self.name.clone());
                    if !(path.is_empty() || path == ".") {
                        err = err.with_path(path);
                    }
                    err.at(
                        u32::try_from(inner.line()).unwrap_or(0),
                        u32::try_from(inner.column()).unwrap_or(0),
                    )
                })
            }
        }
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
    let mut node: Option<&toml::Spanned<toml::de::DeValue<'_>>> = None;
    let mut table: Option<&toml::de::DeTable<'_>> = Some(root.get_ref());
    for seg in split_path(path) {
        match seg {
            Seg::Key(k) => {
                let t = match (table, node) {
                    (Some(t), _) => t,
                    (None, Some(n)) => n.get_ref().as_table()?,
                    _ => return None,
                };
                let (_, v) = t.iter().find(|(key, _)| key.get_ref().as_ref() == k)?;
                node = Some(v);
                table = None;
            }
            Seg::Index(i) => {
                let arr = node?.get_ref().as_array()?;
                node = Some(arr.get(i)?);
                table = None;
            }
        }
    }
    node.map(|n| n.span())
}

enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

fn split_path(path: &str) -> Vec<Seg<'_>> {
    let mut out = Vec::new();
    for part in path.split('.') {
        let (key, rest) = match part.find('[') {
            Some(i) => (part.get(..i).unwrap_or(""), part.get(i..).unwrap_or("")),
            None => (part, ""),
        };
        if !key.is_empty() {
            out.push(Seg::Key(key));
        }
        for idx in rest.split('[').filter(|s| !s.is_empty()) {
            if let Ok(i) = idx.trim_end_matches(']').parse() {
                out.push(Seg::Index(i));
            }
        }
    }
    out
}
