//! The JSON value a config or a language file is validated from.
//!
//! The text is read by the ecosystem's readers: `JSON.parse` in the browser (its object crosses
//! into the wasm through serde-wasm-bindgen), serde_json on the host. Both go through the same
//! serde `Deserialize` below into this tree, which keeps object key order (errors and tables
//! follow the file), so the validator can report every error with its path instead of serde's
//! first one.

use crate::prelude::*;

/// A JSON value.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    /// `null`
    Null,
    /// `true` / `false`
    Bool(bool),
    /// A number: the whole number it is, or `None` for a negative, fractional or too large one
    /// (configs only take whole numbers).
    Number(Option<u64>),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Json>),
    /// An object, its members in file order.
    Object(Vec<(String, Json)>),
}

impl Json {
    /// The value as a whole number within `u64`, if it is one (`3`, `3.0`, `3e2`; not `-1`, `0.5`).
    pub fn as_whole_number(&self) -> Option<u64> {
        match self {
            Json::Number(n) => *n,
            _ => None,
        }
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

/// A JSON number read as a float: the whole number within `u64` it is, if it is one.
pub fn whole(v: f64) -> Option<u64> {
    // 2^64: `as` would saturate at it.
    ((0.0..18_446_744_073_709_551_616.0).contains(&v) && v as u64 as f64 == v).then_some(v as u64)
}

/// Deepest nesting accepted; deeper input is refused rather than risking the stack (the
/// browser's `JSON.parse` builds objects of any depth).
pub const MAX_DEPTH: u32 = 64;

#[cfg(feature = "serde")]
mod read {
    use super::{Json, MAX_DEPTH};
    use crate::prelude::*;
    use core::fmt;
    use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

    impl<'de> serde::Deserialize<'de> for Json {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Json, D::Error> {
            Depth(0).deserialize(d)
        }
    }

    /// Reads one value at nesting depth `.0`.
    struct Depth(u32);

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
            Ok(Json::Number(Some(n)))
        }
        fn visit_i64<E>(self, n: i64) -> Result<Json, E> {
            Ok(Json::Number(u64::try_from(n).ok()))
        }
        fn visit_f64<E>(self, n: f64) -> Result<Json, E> {
            Ok(Json::Number(super::whole(n)))
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
                // serde_json hands over every member; JSON.parse has kept the last already.
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

/// Reads one JSON document (a leading byte-order mark, which Windows editors write, is
/// ignored as RFC 8259 allows). Host only: the browser has `JSON.parse`.
#[cfg(all(feature = "serde", not(target_arch = "wasm32")))]
pub fn parse(text: &str) -> Result<Json, String> {
    serde_json::from_str(text.strip_prefix('\u{feff}').unwrap_or(text)).map_err(|e| e.to_string())
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
        assert_eq!(m[0].1, Json::Array(vec![Json::Number(Some(1)), Json::Number(None), Json::Bool(true), Json::Null, Json::String("xé😀\n".into())]));
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
        assert_eq!(n("\"3\""), None);
    }

    #[test]
    fn refuses_duplicates_and_what_is_not_json() {
        assert!(parse("{\n  \"a\": 1,\n  \"a\": 2\n}").unwrap_err().contains("duplicate key \"a\""));
        assert!(parse("[1,]").is_err());
        assert!(parse("01").is_err());
        assert!(parse("").is_err());
        assert!(parse("[1] x").is_err());
        assert!(parse("\"a\tb\"").is_err());
        assert_eq!(parse("\u{feff}[]").unwrap(), Json::Array(vec![]));
    }

    #[test]
    fn refuses_deep_nesting_without_overflow() {
        let deep = "[".repeat(100_000);
        assert!(parse(&deep).is_err());
        let ok = "[".repeat(MAX_DEPTH as usize) + &"]".repeat(MAX_DEPTH as usize);
        assert!(parse(&ok).is_ok());
        let over = "[".repeat(MAX_DEPTH as usize + 2) + &"]".repeat(MAX_DEPTH as usize + 2);
        assert!(parse(&over).unwrap_err().contains("nested too deeply"));
    }

    #[test]
    fn writes_strings() {
        let mut s = String::new();
        write_string(&mut s, "a\"b\\c\u{1}é");
        assert_eq!(s, r#""a\"b\\c\u0001é""#);
        assert_eq!(parse(&s).unwrap(), Json::String("a\"b\\c\u{1}é".into()));
    }
}
