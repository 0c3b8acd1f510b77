//! Reading and writing `document.cookie`.

use crate::prelude::*;

use super::dom::document;
use wasm_bindgen::JsCast;
use web_sys::HtmlDocument;

fn html_document() -> Option<HtmlDocument> {
    document().dyn_into::<HtmlDocument>().ok()
}

/// The value of the first cookie called `name`, if any.
pub fn read_cookie(name: &str) -> Option<String> {
    let all = html_document()?.cookie().ok()?;
    all.split(';').find_map(|pair| {
        let (k, v) = pair.trim_start().split_once('=')?;
        (k == name).then(|| v.to_string())
    })
}

/// Whether the page is served over https, so cookies must be `Secure`.
pub fn is_https() -> bool {
    web_sys::window().and_then(|w| w.location().protocol().ok()).is_some_and(|p| p == "https:")
}

/// Writes a first-party cookie on `Path=/` with `SameSite=Lax`, `Secure` on https.
pub fn write_cookie(name: &str, value: &str, max_age_secs: u64) {
    let mut c = String::with_capacity(name.len() + value.len() + 48);
    c.push_str(name);
    c.push('=');
    c.push_str(value);
    c.push_str("; Path=/; Max-Age=");
    crate::consent::push_dec(&mut c, max_age_secs);
    c.push_str("; SameSite=Lax");
    if is_https() {
        c.push_str("; Secure");
    }
    if let Some(d) = html_document() {
        let _ = d.set_cookie(&c);
    }
}
