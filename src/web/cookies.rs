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

/// Writes the consent cookie (`crate::consent::cookie_assignment`).
pub fn write_consent_cookie(value: &str, max_age_secs: u64) {
    if let Some(d) = html_document() {
        let _ = d.set_cookie(&crate::consent::cookie_assignment(value, max_age_secs, is_https()));
    }
}
