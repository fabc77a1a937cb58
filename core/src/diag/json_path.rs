//! Field paths of JSON deserialisation errors, recomputed from the error's position.
//!
//! Every document (TOML or JSON) is deserialised by one deserializer, serde_json's, so every
//! `Deserialize` impl is instantiated once. serde_json reports a line and column but no field
//! path; this module scans the JSON text up to the error's position and names the member that
//! was being read there, in the notation of the error envelopes (`outlets[0].limits[1].value`).
//!
//! The scan is only unambiguous when every value is followed by whitespace before the next
//! `,`, `]` or `}` (an error *in* the last member of an object and an error *of* the object,
//! such as a missing field, otherwise sit at the same byte). [`spaced`] rewrites a JSON text
//! that way without changing its tokens, and the TOML path writes its JSON text that way.

/// One step of a field path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Seg {
    /// An object member.
    Key(String),
    /// An array element.
    Index(usize),
}

/// The location of an error: the path, and whether it points at the member's key (an unknown
/// field) rather than at its value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct FieldPath {
    pub(crate) segs: Vec<Seg>,
    pub(crate) at_key: bool,
}

impl FieldPath {
    /// `a.b[2].c`; empty for the document itself.
    pub(crate) fn render(&self) -> String {
        let mut out = String::new();
        for (i, s) in self.segs.iter().enumerate() {
            match s {
                Seg::Key(k) => {
                    if i > 0 {
                        out.push('.');
                    }
                    out.push_str(k);
                }
                Seg::Index(n) => {
                    out.push('[');
                    out.push_str(&n.to_string());
                    out.push(']');
                }
            }
        }
        out
    }
}

/// The JSON text with a newline before every `,`, `]` and `}` outside strings (same tokens,
/// so a deserialiser sees the same document).
pub(crate) fn spaced(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let mut in_str = false;
    let mut escaped = false;
    for c in text.chars() {
        if in_str {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_str = false;
            }
        } else if c == '"' {
            in_str = true;
        } else if matches!(c, ',' | ']' | '}') {
            out.push('\n');
        }
        out.push(c);
    }
    out
}

/// The byte offset of serde_json's (1-based line, column) position: the number of bytes read.
pub(crate) fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let mut start = 0;
    if line > 1 {
        let mut seen = 1;
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                seen += 1;
                if seen == line {
                    start = i + 1;
                    break;
                }
            }
        }
    }
    (start + column).min(text.len())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum St {
    /// After `{` or `[`.
    Start,
    /// Inside a key string.
    InKey,
    /// A key read, before `:`.
    AfterKey,
    /// After `:`, before the value.
    Colon,
    /// Inside a scalar value.
    InValue,
    /// A value complete; `true` once whitespace followed it.
    Done(bool),
    /// After `,`.
    Comma,
}

#[derive(Debug)]
struct Frame {
    object: bool,
    key: String,
    index: usize,
    st: St,
}

impl Frame {
    fn seg(&self) -> Seg {
        if self.object {
            Seg::Key(self.key.clone())
        } else {
            Seg::Index(self.index)
        }
    }
}

/// The path of the member being read at byte `offset` of `text`. `container_error` marks
/// errors that serde raises for the enclosing object rather than the member just read
/// (`duplicate field`).
pub(crate) fn path_at(text: &str, offset: usize, container_error: bool) -> FieldPath {
    let bytes = text.as_bytes();
    let end = offset.min(bytes.len());
    let mut stack: Vec<Frame> = Vec::new();
    let mut in_str = false;
    let mut escaped = false;
    let mut key_start = 0usize;
    let mut i = 0usize;
    while i < end {
        let b = bytes.get(i).copied().unwrap_or(b' ');
        if in_str {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_str = false;
                if let Some(top) = stack.last_mut() {
                    if top.st == St::InKey {
                        top.key = unescape(text.get(key_start..i).unwrap_or(""));
                        top.st = St::AfterKey;
                    } else {
                        top.st = St::Done(false);
                    }
                }
            }
            i += 1;
            continue;
        }
        match b {
            b'{' | b'[' => {
                if let Some(top) = stack.last_mut() {
                    top.st = St::InValue;
                }
                stack.push(Frame {
                    object: b == b'{',
                    key: String::new(),
                    index: 0,
                    st: St::Start,
                });
            }
            b'}' | b']' => {
                stack.pop();
                if let Some(top) = stack.last_mut() {
                    top.st = St::Done(false);
                }
            }
            b'"' => {
                in_str = true;
                if let Some(top) = stack.last_mut() {
                    if top.object && matches!(top.st, St::Start | St::Comma) {
                        top.st = St::InKey;
                        key_start = i + 1;
                    } else {
                        top.st = St::InValue;
                    }
                }
            }
            b':' => {
                if let Some(top) = stack.last_mut() {
                    top.st = St::Colon;
                }
            }
            b',' => {
                if let Some(top) = stack.last_mut() {
                    if !top.object {
                        top.index += 1;
                    }
                    top.st = St::Comma;
                }
            }
            b' ' | b'\t' | b'\n' | b'\r' => {
                if let Some(top) = stack.last_mut() {
                    if matches!(top.st, St::InValue | St::Done(_)) {
                        top.st = St::Done(true);
                    }
                }
            }
            _ => {
                if let Some(top) = stack.last_mut() {
                    top.st = St::InValue;
                }
            }
        }
        i += 1;
    }
    let mut out = FieldPath::default();
    let Some((top, outer)) = stack.split_last() else {
        return out;
    };
    out.segs = outer.iter().map(Frame::seg).collect();
    let next = bytes.get(end).copied();
    let include = match top.st {
        St::Start => !top.object && next != Some(b']'),
        St::InKey => false,
        St::AfterKey => {
            out.at_key = true;
            !container_error
        }
        St::Colon | St::InValue | St::Done(false) => true,
        St::Done(true) => false,
        St::Comma => !top.object,
    };
    if include {
        out.segs.push(top.seg());
    } else {
        out.at_key = false;
    }
    out
}

/// A JSON string's content without escapes (keys are rarely escaped; `\uXXXX` pairs decoded
/// through serde_json).
fn unescape(raw: &str) -> String {
    if !raw.contains('\\') {
        return raw.to_string();
    }
    let quoted = format!("\"{raw}\"");
    serde_json::from_str::<String>(&quoted).unwrap_or_else(|_| raw.to_string())
}

/// Writes JSON `s` as a string literal.
pub(crate) fn push_json_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, needle: &str, container: bool) -> String {
        let off = text.find(needle).unwrap_or(0);
        path_at(text, off, container).render()
    }

    #[test]
    fn paths() {
        let t = "{\"a\": [1\n, {\"b\": 2\n}\n]\n, \"c\": \"x\"\n}";
        assert_eq!(at(t, "\n, {", false), "a[0]");
        assert_eq!(at(t, "\n}\n]", false), "a[1].b");
        assert_eq!(at(t, "}\n]", false), "a[1]");
        assert_eq!(at(t, "\n]", false), "a[1]");
        assert_eq!(at(t, "]", false), "a");
        let c = t.rfind("\n}").unwrap_or(0);
        assert_eq!(path_at(t, c, false).render(), "c");
        let end = t.len() - 1;
        assert_eq!(path_at(t, end, false).render(), "");
        let k = "{\"zz\": 1}";
        let p = path_at(k, 5, false);
        assert_eq!((p.render(), p.at_key), ("zz".to_string(), true));
        assert_eq!(path_at(k, 5, true).render(), "");
    }

    #[test]
    fn spacing_keeps_strings() {
        assert_eq!(spaced("{\"a,]\":[1,2]}"), "{\"a,]\":[1\n,2\n]\n}");
        assert_eq!(offset_of("ab\ncd", 2, 1), 4);
    }
}
