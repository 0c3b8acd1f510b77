//! A small, strict JSON reader (RFC 8259) for configs and language files, in the browser and on
//! the host alike, so `crumbs check` reports exactly what the banner does.
//!
//! Hand-written instead of serde_json so the browser build stays small, and pure Rust because
//! the full core's rehearsal (`src/web/rehearsal.rs`) reads the config in an instance that may
//! call no JavaScript, `JSON.parse` included. It keeps object key order (errors and tables follow
//! the file) and reports duplicate keys, which `JSON.parse` and serde_json's maps collapse.
//! `Json` is also a serde type (below), for configs inside other serde documents.

use crate::prelude::*;

/// A parsed JSON value.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    /// `null`
    Null,
    /// `true` / `false`
    Bool(bool),
    /// A number, as its JSON text (configs only need whole numbers, and parsing floats
    /// would add float-parsing tables to the wasm).
    Number(String),
    /// A string, unescaped.
    String(String),
    /// An array.
    Array(Vec<Json>),
    /// An object, its members in file order.
    Object(Vec<(String, Json)>),
}

impl Json {
    /// The value as a whole number within `u64`, if it is one (`3`, `3.0`, `3e2`; not `-1`, `0.5`).
    pub fn as_whole_number(&self) -> Option<u64> {
        let Json::Number(text) = self else { return None };
        let (mantissa, exp) = match text.find(['e', 'E']) {
            Some(i) => (text.get(..i)?, text.get(i + 1..)?.parse::<i32>().ok()?),
            None => (text.as_str(), 0),
        };
        if mantissa.starts_with('-') {
            return (mantissa.trim_start_matches(['-', '0', '.']).is_empty()).then_some(0);
        }
        let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let mut digits: String = int.to_string() + frac;
        let mut exp = exp - frac.len() as i32;
        while exp < 0 {
            // Only trailing zeros may be divided away.
            digits = digits.strip_suffix('0')?.to_string();
            exp += 1;
        }
        let mut n: u64 = if digits.is_empty() { 0 } else { digits.parse().ok()? };
        for _ in 0..exp {
            n = n.checked_mul(10)?;
        }
        Some(n)
    }

    /// The JSON type name, for error messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Number(_) => "a number",
            Json::String(_) => "a string",
            Json::Array(_) => "an array",
            Json::Object(_) => "an object",
        }
    }
}

/// Why a text is not JSON, with the 1-based line and column where reading stopped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// What was wrong.
    pub reason: &'static str,
}

impl core::fmt::Display for JsonError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "line {} column {}: {}", self.line, self.column, self.reason)
    }
}

/// Deepest nesting accepted; deeper input is refused rather than risking the stack.
const MAX_DEPTH: usize = 64;

#[cfg(feature = "serde")]
mod read {
    use super::{Json, MAX_DEPTH};
    use crate::prelude::*;
    use alloc::string::ToString;
    use core::fmt;
    use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

    impl<'de> serde::Deserialize<'de> for Json {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Json, D::Error> {
            Depth(0).deserialize(d)
        }
    }

    /// Reads one value at nesting depth `.0`.
    struct Depth(usize);

    impl<'de> DeserializeSeed<'de> for Depth {
        type Value = Json;
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Json, D::Error> {
            d.deserialize_any(self)
        }
    }

    impl Depth {
        fn inner<E: de::Error>(&self) -> Result<Depth, E> {
            if self.0 >= MAX_DEPTH {
                return Err(E::custom("nested too deeply"));
            }
            Ok(Depth(self.0 + 1))
        }
    }

    impl<'de> Visitor<'de> for Depth {
        type Value = Json;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a JSON value")
        }
        fn visit_unit<E>(self) -> Result<Json, E> {
            Ok(Json::Null)
        }
        fn visit_none<E>(self) -> Result<Json, E> {
            Ok(Json::Null)
        }
        fn visit_bool<E>(self, b: bool) -> Result<Json, E> {
            Ok(Json::Bool(b))
        }
        fn visit_u64<E>(self, n: u64) -> Result<Json, E> {
            Ok(Json::Number(n.to_string()))
        }
        fn visit_i64<E>(self, n: i64) -> Result<Json, E> {
            Ok(Json::Number(n.to_string()))
        }
        fn visit_f64<E>(self, n: f64) -> Result<Json, E> {
            Ok(Json::Number(n.to_string()))
        }
        fn visit_str<E>(self, s: &str) -> Result<Json, E> {
            Ok(Json::String(s.to_string()))
        }
        fn visit_string<E>(self, s: String) -> Result<Json, E> {
            Ok(Json::String(s))
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
            let mut items = vec![];
            while let Some(v) = seq.next_element_seed(self.inner()?)? {
                items.push(v);
            }
            Ok(Json::Array(items))
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
            let mut members: Vec<(String, Json)> = vec![];
            while let Some(key) = map.next_key::<String>()? {
                if members.iter().any(|(k, _)| *k == key) {
                    let mut m = String::from("duplicate key ");
                    super::write_string(&mut m, &key);
                    return Err(de::Error::custom(m));
                }
                let v = map.next_value_seed(self.inner()?)?;
                members.push((key, v));
            }
            Ok(Json::Object(members))
        }
    }
}

/// Parses one JSON document (surrounding white space allowed, nothing else).
pub fn parse(text: &str) -> Result<Json, JsonError> {
    let mut r = Reader { s: text.as_bytes(), pos: 0 };
    r.skip_ws();
    let v = r.value(0)?;
    r.skip_ws();
    if r.pos != r.s.len() {
        return Err(r.error("unexpected text after the JSON value"));
    }
    Ok(v)
}

struct Reader<'a> {
    s: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn error(&self, reason: &'static str) -> JsonError {
        let upto = &self.s[..self.pos.min(self.s.len())];
        let line = 1 + upto.iter().filter(|&&b| b == b'\n').count();
        let line_start = upto.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        // Count characters, not bytes (continuation bytes are 0b10xxxxxx).
        let column = 1 + upto[line_start..].iter().filter(|&&b| b & 0xC0 != 0x80).count();
        JsonError { line, column, reason }
    }

    fn peek(&self) -> Option<u8> {
        self.s.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn expect_word(&mut self, word: &[u8], v: Json) -> Result<Json, JsonError> {
        if self.s[self.pos..].starts_with(word) {
            self.pos += word.len();
            Ok(v)
        } else {
            Err(self.error("expected a JSON value"))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json, JsonError> {
        if depth > MAX_DEPTH {
            return Err(self.error("nested too deeply"));
        }
        match self.peek() {
            None => Err(self.error("unexpected end of input")),
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => self.string().map(Json::String),
            Some(b't') => self.expect_word(b"true", Json::Bool(true)),
            Some(b'f') => self.expect_word(b"false", Json::Bool(false)),
            Some(b'n') => self.expect_word(b"null", Json::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.error("expected a JSON value")),
        }
    }

    fn object(&mut self, depth: usize) -> Result<Json, JsonError> {
        self.pos += 1;
        let mut members: Vec<(String, Json)> = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Json::Object(members));
        }
        loop {
            self.skip_ws();
            if self.peek() != Some(b'"') {
                return Err(self.error("expected a string key"));
            }
            let key_pos = self.pos;
            let key = self.string()?;
            if members.iter().any(|(k, _)| *k == key) {
                self.pos = key_pos;
                return Err(self.error("duplicate key"));
            }
            self.skip_ws();
            if self.peek() != Some(b':') {
                return Err(self.error("expected ':' after the key"));
            }
            self.pos += 1;
            self.skip_ws();
            let v = self.value(depth + 1)?;
            members.push((key, v));
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Json::Object(members));
                }
                _ => return Err(self.error("expected ',' or '}'")),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Json, JsonError> {
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Json::Array(items));
        }
        loop {
            self.skip_ws();
            items.push(self.value(depth + 1)?);
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Json::Array(items));
                }
                _ => return Err(self.error("expected ',' or ']'")),
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let digits = self.s.get(self.pos..self.pos + 4).ok_or_else(|| self.error("truncated \\u escape"))?;
        let mut v = 0u32;
        for &d in digits {
            let n = (d as char).to_digit(16).ok_or_else(|| self.error("bad \\u escape"))?;
            v = v * 16 + n;
        }
        self.pos += 4;
        Ok(v)
    }

    fn string(&mut self) -> Result<String, JsonError> {
        self.pos += 1; // opening quote
        let mut out = String::new();
        loop {
            let start = self.pos;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            // The input is a &str and we stopped at ASCII bytes, so this slice is valid UTF-8.
            out.push_str(core::str::from_utf8(&self.s[start..self.pos]).unwrap_or_default());
            match self.peek() {
                None => return Err(self.error("unterminated string")),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let esc = self.peek().ok_or_else(|| self.error("unterminated string"))?;
                    self.pos += 1;
                    match esc {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let hi = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&hi) {
                                if !self.s[self.pos..].starts_with(b"\\u") {
                                    return Err(self.error("unpaired surrogate in \\u escape"));
                                }
                                self.pos += 2;
                                let lo = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&lo) {
                                    return Err(self.error("unpaired surrogate in \\u escape"));
                                }
                                0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                            } else {
                                hi
                            };
                            out.push(char::from_u32(code).ok_or_else(|| self.error("unpaired surrogate in \\u escape"))?);
                        }
                        _ => {
                            self.pos -= 1;
                            return Err(self.error("unknown escape"));
                        }
                    }
                }
                Some(_) => return Err(self.error("control character in string")),
            }
        }
    }

    fn number(&mut self) -> Result<Json, JsonError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.error("bad number")),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error("bad number"));
            }
            self.digits();
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error("bad number"));
            }
            self.digits();
        }
        let text = core::str::from_utf8(&self.s[start..self.pos]).unwrap_or_default();
        Ok(Json::Number(text.to_string()))
    }

    fn digits(&mut self) {
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
    }
}

/// Appends `{"k":"v",…}` to `out`: an object of string members, in the order given.
pub fn write_string_object<'a>(out: &mut String, members: impl IntoIterator<Item = (&'a str, &'a str)>) {
    out.push('{');
    for (i, (k, v)) in members.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_string(out, k);
        out.push(':');
        write_string(out, v);
    }
    out.push('}');
}

/// Appends `s` to `out` as a JSON string literal (quotes included).
pub fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(HEX[(c as usize) >> 4] as char);
                out.push(HEX[(c as usize) & 15] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_values() {
        let v = parse(r#" {"a": [1, -2.5e1, true, null, "x\u00e9\ud83d\ude00\n"], "b": {}} "#).unwrap();
        let Json::Object(m) = v else { panic!() };
        assert_eq!(m[0].0, "a");
        assert_eq!(
            m[0].1,
            Json::Array(vec![Json::Number("1".into()), Json::Number("-2.5e1".into()), Json::Bool(true), Json::Null, Json::String("xé😀\n".into())])
        );
        assert_eq!(m[1].1, Json::Object(vec![]));
    }

    #[test]
    fn whole_numbers() {
        let n = |t: &str| parse(t).unwrap().as_whole_number();
        assert_eq!(n("3"), Some(3));
        assert_eq!(n("3.0"), Some(3));
        assert_eq!(n("3e2"), Some(300));
        assert_eq!(n("2.50e1"), Some(25));
        assert_eq!(n("0"), Some(0));
        assert_eq!(n("-0"), Some(0));
        assert_eq!(n("-1"), None);
        assert_eq!(n("0.5"), None);
        assert_eq!(n("1e-1"), None);
        assert_eq!(n("18446744073709551615"), Some(u64::MAX));
        assert_eq!(n("18446744073709551616"), None);
        assert_eq!(n("1e400"), None);
        assert_eq!(n("\"3\""), None);
    }

    #[test]
    fn reports_position() {
        let e = parse("{\n  \"a\": 1,\n  \"a\": 2\n}").unwrap_err();
        assert_eq!((e.line, e.column, e.reason), (3, 3, "duplicate key"));
        assert_eq!(parse("[1,]").unwrap_err().reason, "expected a JSON value");
        assert_eq!(parse("01").unwrap_err().reason, "unexpected text after the JSON value");
        assert_eq!(parse("\"\\ud800\"").unwrap_err().reason, "unpaired surrogate in \\u escape");
        assert!(parse("").is_err());
        assert!(parse("[1] x").is_err());
        assert!(parse("\"a\tb\"").is_err());
    }

    #[test]
    fn refuses_deep_nesting_without_overflow() {
        let deep = "[".repeat(100_000);
        assert_eq!(parse(&deep).unwrap_err().reason, "nested too deeply");
    }

    #[test]
    fn as_a_serde_type_it_keeps_order_and_refuses_duplicates_and_depth() {
        let text = r#"{"b": [1, true, null, "x"], "a": {}}"#;
        assert_eq!(serde_json::from_str::<Json>(text).unwrap(), parse(text).unwrap());
        assert!(serde_json::from_str::<Json>(r#"{"a": 1, "a": 2}"#).unwrap_err().to_string().starts_with("duplicate key \"a\""));
        let deep = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
        assert!(serde_json::from_str::<Json>(&deep).unwrap_err().to_string().starts_with("nested too deeply"));
    }

    #[test]
    fn writes_strings() {
        let mut s = String::new();
        write_string(&mut s, "a\"b\\c\u{1}é");
        assert_eq!(s, r#""a\"b\\c\u0001é""#);
        assert_eq!(parse(&s).unwrap(), Json::String("a\"b\\c\u{1}é".into()));
    }
}
