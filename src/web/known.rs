//! The known-vendor table in the browser: fetched from `dist/known.bin` after the banner is
//! shown (it is not needed to show it), then used to classify the page's cookies and the URLs
//! of the third-party elements the pre-blocker holds.

use crate::prelude::*;

use super::dom::{document, warn};
use super::shell::{shell, Shell};
use crate::category::Category;
use crate::classify::{classify_cookie, classify_url, KnownTable, UrlClassification};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Runs `f` with the table once it is loaded (`None` before).
pub fn with_table<R>(f: impl FnOnce(Option<&KnownTable>) -> R) -> R {
    shell(|Shell { known_table: t, .. }| f(t.borrow().as_ref()))
}

/// Whether the table has loaded, or failed to.
pub fn table_settled() -> bool {
    shell(|s| s.table_settled.get())
}

/// The category a third-party URL needs, by the config, crumbs' rules and the table; for a URL
/// none of them knows, targeting — an unknown third party needs the strictest consent.
pub fn url_category(url: &str, config: &crate::config::Config) -> Category {
    classify_page_url(url, config).category.unwrap_or(Category::Targeting)
}

/// A URL's classification on this page: its host is the first party.
pub fn classify_page_url(url: &str, config: &crate::config::Config) -> UrlClassification {
    let host = web_sys::window().and_then(|w| w.location().hostname().ok());
    with_table(|t| classify_url(url, host.as_deref(), config, t.unwrap_or(&KnownTable::empty())))
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

/// Fetches the table from `dist` (the loader's `dist/` URL), then calls `done`, also when it
/// could not be loaded (then crumbs' rules alone classify).
pub fn load(dist: &str, done: fn()) {
    let Some(window) = web_sys::window() else { return };
    let mut url = dist.to_string();
    url.push_str("known.bin");
    let settle = move |table: Option<KnownTable>, problem: &str| {
        if table.is_none() {
            warn(problem);
        }
        shell(|s| {
            *s.known_table.borrow_mut() = table;
            s.table_settled.set(true);
        });
        done();
    };
    let unreachable = "could not load the known-vendor table; cookies and URLs are classified by the config and crumbs' rules only";
    let on_response = Closure::once(move |resp: JsValue| {
        let Some(buffer) = resp.dyn_into::<web_sys::Response>().ok().filter(|r| r.ok()).and_then(|r| r.array_buffer().ok()) else {
            return settle(None, unreachable);
        };
        let on_bytes = Closure::once(move |buf: JsValue| {
            let table = KnownTable::from_bytes(js_sys::Uint8Array::new(&buf).to_vec()).ok();
            settle(table, "the known-vendor table is damaged; cookies and URLs are classified by the config and crumbs' rules only");
        });
        let on_failed = Closure::once(move |_: JsValue| settle(None, unreachable));
        let _ = buffer.then2(&on_bytes, &on_failed);
        on_bytes.forget();
        on_failed.forget();
    });
    let on_error = Closure::once(move |_: JsValue| settle(None, unreachable));
    let _ = window.fetch_with_str(&url).then2(&on_response, &on_error);
    on_response.forget();
    on_error.forget();
}

/// Classifies the page's cookies, remembers the unknown ones and warns about new ones once.
pub fn report_unclassified(config: &crate::config::Config) {
    let unknown: Vec<String> = with_table(|t| {
        let empty = KnownTable::empty();
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
