//! The known-cookie table in the browser: fetched from `dist/cookies.bin` after the banner is
//! shown (it is not needed to show it), then used to classify the cookies on the page.

use crate::prelude::*;

use super::dom::{document, warn};
use super::shell::{shell, Shell};
use crate::classify::{classify_cookie, KnownCookies};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Runs `f` with the table once it is loaded (`None` before).
pub fn with_table<R>(f: impl FnOnce(Option<&KnownCookies>) -> R) -> R {
    shell(|Shell { known_cookies: t, .. }| f(t.borrow().as_ref()))
}

/// Names of the cookies the page can see.
pub fn live_cookie_names() -> Vec<String> {
    let doc: web_sys::HtmlDocument = document().unchecked_into();
    let all = doc.cookie().unwrap_or_default();
    let mut names: Vec<String> = all.split(';').filter_map(|p| p.split('=').next()).map(|n| n.trim().to_string()).filter(|n| !n.is_empty()).collect();
    crate::sort::sort_dedup(&mut names);
    names
}

/// The unknown cookies found so far.
pub fn unclassified() -> Vec<String> {
    shell(|Shell { unclassified: u, .. }| u.borrow().clone())
}

/// Fetches the table from `dist` (the loader's `dist/` URL), then calls `done`.
pub fn load(dist: &str, done: fn()) {
    let Some(window) = web_sys::window() else { return };
    let mut url = dist.to_string();
    url.push_str("cookies.bin");
    let on_response = Closure::once(move |resp: JsValue| {
        let Ok(resp) = resp.dyn_into::<web_sys::Response>() else { return };
        if !resp.ok() {
            warn("could not load the known-cookie table; cookies are classified by the config and crumbs' rules only");
            return;
        }
        let Ok(buffer) = resp.array_buffer() else { return };
        let on_bytes = Closure::once(move |buf: JsValue| {
            let bytes = js_sys::Uint8Array::new(&buf).to_vec();
            match KnownCookies::from_bytes(bytes) {
                Ok(t) => shell(|Shell { known_cookies: slot, .. }| *slot.borrow_mut() = Some(t)),
                Err(_) => warn("the known-cookie table is damaged; cookies are classified by the config and crumbs' rules only"),
            }
            done();
        });
        let _ = buffer.then(&on_bytes);
        on_bytes.forget();
    });
    let _ = window.fetch_with_str(&url).then(&on_response);
    on_response.forget();
}

/// Classifies the page's cookies, remembers the unknown ones and warns about new ones once.
pub fn report_unclassified(config: &crate::config::Config) {
    let unknown: Vec<String> = with_table(|t| {
        let empty = KnownCookies::empty();
        let db = t.unwrap_or(&empty);
        live_cookie_names().into_iter().filter(|n| classify_cookie(n, None, config, db).category.is_none()).collect()
    });
    let new: Vec<String> = shell(|Shell { unclassified: u, .. }| {
        let mut u = u.borrow_mut();
        let new: Vec<String> = unknown.iter().filter(|n| !u.contains(n)).cloned().collect();
        u.extend(new.iter().cloned());
        new
    });
    if !new.is_empty() {
        let mut m = String::from("cookies no declaration or table knows, treated as needing consent (declare them in the config): ");
        m.push_str(&crate::lean_str::join(&new, ", "));
        warn(&m);
    }
}
