//! The known-vendor table in the browser: fetched from `dist/known.bin`, with crumbs' own rules
//! from `dist/rules.bin` and `dist/url-rules.bin`, after the banner is shown (they are not needed
//! to show it), then used to classify the page's cookies and the URLs of the third-party elements
//! the pre-blocker holds.

use crate::prelude::*;
use alloc::rc::Rc;
use core::cell::RefCell;

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

/// Whether the table is yet to settle on this page: it is fetched at the end of the takeover
/// when the config is trusted and the loader gave `dist` (`finish_start`).
pub fn table_coming(trusted: bool) -> bool {
    trusted && !table_settled() && super::hook("dist").is_string()
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

/// Fetches the table and crumbs' own rules (two files, read as one text) from `dist` (the
/// loader's `dist/` URL), all at once, then calls `done` once all are in or failed. Without the
/// rules (either file) there is no table at all: the vendor facts alone would be weaker than the
/// rules that come before them (`youtube.com` needs targeting consent whatever a vendor list
/// says), so every URL stays unknown and needs targeting consent. Without the vendor facts the
/// rules still classify.
pub fn load(dist: &str, done: fn()) {
    let got: Rc<RefCell<[Fetched; 3]>> = Rc::default();
    for (i, file) in ["known.bin", "rules.bin", "url-rules.bin"].into_iter().enumerate() {
        let mut url = dist.to_string();
        url.push_str(file);
        let got = got.clone();
        fetch_bytes(&url, move |bytes| {
            let all = {
                let mut g = got.borrow_mut();
                g[i] = Some(bytes);
                match &mut *g {
                    [Some(known), Some(rules), Some(url_rules)] => {
                        let rules = rules.take().zip(url_rules.take()).map(|(mut r, u)| {
                            r.extend_from_slice(&u);
                            r
                        });
                        Some((known.take(), rules))
                    }
                    _ => None,
                }
            };
            if let Some((known, rules)) = all {
                settle(known, rules);
                done();
            }
        });
    }
}

/// A file's body (`None` if it could not be had) once its fetch is over.
type Fetched = Option<Option<Vec<u8>>>;

/// Keeps the table made of the files' bodies, the rules' two as one (see [`load`]).
fn settle(known: Option<Vec<u8>>, rules: Option<Vec<u8>>) {
    let vendors = known.and_then(|k| KnownTable::from_bytes(k).ok());
    if vendors.is_none() {
        warn("could not load or read the known-vendor table (known.bin); cookies and URLs are classified by the config and crumbs' rules only");
    }
    let table = rules.and_then(|r| vendors.unwrap_or_default().with_rules(r).ok());
    if table.is_none() {
        warn("could not load or read crumbs' rules (rules.bin, url-rules.bin); cookies and URLs are classified by the config only");
    }
    shell(|s| {
        *s.known_table.borrow_mut() = table;
        s.table_settled.set(true);
    });
}

/// Fetches `url` and calls `done` once, with its body or `None` if it could not be had.
fn fetch_bytes(url: &str, done: impl FnOnce(Option<Vec<u8>>) + 'static) {
    let Some(window) = web_sys::window() else { return };
    let done = Rc::new(RefCell::new(Some(done)));
    let call = move |bytes: Option<Vec<u8>>| {
        if let Some(f) = done.borrow_mut().take() {
            f(bytes);
        }
    };
    let on_error_call = call.clone();
    let on_response = Closure::once(move |resp: JsValue| {
        let Some(buffer) = resp.dyn_into::<web_sys::Response>().ok().filter(|r| r.ok()).and_then(|r| r.array_buffer().ok()) else {
            return call(None);
        };
        let on_failed_call = call.clone();
        let on_bytes = Closure::once(move |buf: JsValue| call(Some(js_sys::Uint8Array::new(&buf).to_vec())));
        let on_failed = Closure::once(move |_: JsValue| on_failed_call(None));
        let _ = buffer.then2(&on_bytes, &on_failed);
        on_bytes.forget();
        on_failed.forget();
    });
    let on_error = Closure::once(move |_: JsValue| on_error_call(None));
    let _ = window.fetch_with_str(url).then2(&on_response, &on_error);
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
