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

/// Writes the consent cookie (`crate::consent::cookie_assignment`), for the config's
/// `cookieDomain` if it has one. The browser refuses a `Domain=` that is a public suffix: then
/// crumbs says so and keeps the decision on this host alone.
pub fn write_consent_cookie(value: &str, max_age_secs: u64, domain: Option<&str>) {
    let Some(d) = html_document() else { return };
    let https = is_https();
    if domain.is_some() {
        // A host-only cookie from before the config shared it would shadow the shared one.
        let _ = d.set_cookie(&crate::consent::cookie_assignment("", 0, https, None));
    }
    let _ = d.set_cookie(&crate::consent::cookie_assignment(value, max_age_secs, https, domain));
    if let Some(domain) = domain.filter(|_| read_cookie(crate::consent::COOKIE_NAME).as_deref() != Some(value)) {
        super::dom::error(&format!(
            "the browser refused the consent cookie for cookieDomain \"{domain}\" (a public suffix?): this decision holds on this host only"
        ));
        let _ = d.set_cookie(&crate::consent::cookie_assignment(value, max_age_secs, https, None));
    }
}
