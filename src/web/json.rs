//! JSON texts (the config, a language file) read by the browser's own `JSON.parse`, whose
//! result becomes the core's [`Json`] value (what serde_json gives the host through the same
//! type's `Deserialize`).
//!
//! The walk below is hand-written because serde-wasm-bindgen's `from_value` in its place brings
//! serde's error messages, and with them float formatting, into the wasm (measured in
//! bench/README.md).

use crate::json::{Json, MAX_DEPTH};
use crate::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// A JSON text as `JSON.parse` reads it (a byte-order mark, which Windows editors write, is
/// ignored as RFC 8259 allows); `Err` says why it is not JSON.
pub fn read_json(text: &str) -> Result<Json, String> {
    let parsed = js_sys::JSON::parse(text.strip_prefix('\u{feff}').unwrap_or(text)).map_err(|e| {
        let mut m = String::from("not valid JSON: ");
        m.push_str(&String::from(js_sys::Error::from(e).message()));
        m
    })?;
    from_parsed(&parsed, 0).ok_or_else(|| String::from("not valid JSON: nested too deeply"))
}

/// What `JSON.parse` made (plain objects, arrays, strings, numbers, booleans, null) at nesting
/// `depth`; `None` past [`MAX_DEPTH`].
fn from_parsed(v: &JsValue, depth: u32) -> Option<Json> {
    if let Some(b) = v.as_bool() {
        return Some(Json::Bool(b));
    }
    if let Some(n) = v.as_f64() {
        return Some(Json::Number(crate::json::whole(n)));
    }
    if let Some(s) = v.as_string() {
        return Some(Json::String(s));
    }
    if depth >= MAX_DEPTH && v.is_object() {
        return None;
    }
    if let Some(items) = v.dyn_ref::<js_sys::Array>() {
        return items.iter().map(|item| from_parsed(&item, depth + 1)).collect::<Option<_>>().map(Json::Array);
    }
    if let Some(o) = v.dyn_ref::<js_sys::Object>() {
        // Own members in the text's order (JSON.parse kept the last of a repeated key).
        let entries = js_sys::Object::entries(o);
        let members = entries.iter().map(|pair| {
            let pair: js_sys::Array = pair.unchecked_into();
            Some((pair.get(0).as_string()?, from_parsed(&pair.get(1), depth + 1)?))
        });
        return members.collect::<Option<_>>().map(Json::Object);
    }
    Some(Json::Null)
}
