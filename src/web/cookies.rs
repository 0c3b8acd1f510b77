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

/// Writes the consent cookie as `crate::consent::consent_cookie_write` says (the decision
/// module's loader glue does the same): for the config's `cookieDomain` if it has one. The
/// browser refuses a `Domain=` that is a public suffix: then crumbs says so and keeps the
/// decision on this host alone.
pub fn write_consent_cookie(value: &str, max_age_secs: u64, domain: Option<&str>) {
    let Some(d) = html_document() else { return };
    let write = crate::consent::consent_cookie_write(value, max_age_secs, is_https(), domain);
    for a in &write.assignments {
        let _ = d.set_cookie(a);
    }
    if let Some(refused) = write.refused.filter(|_| read_cookie(crate::consent::COOKIE_NAME).as_deref() != Some(value)) {
        super::dom::error(&refused.error);
        let _ = d.set_cookie(&refused.fallback);
    }
}
