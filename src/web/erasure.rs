//! Deletes the cookies and storage keys of refused categories (see `crate::erasure`), now and
//! again shortly after, because trackers that already ran may write them back.

use crate::prelude::*;

use super::dom::document;
use super::Page;
use crate::category::CategorySet;
use crate::config::StorageKind;
use crate::erasure::{deletion_strings, what_to_erase};
use wasm_bindgen::JsCast;

/// Seconds after a decision at which erasure runs again.
const RECHECK_MS: [u32; 3] = [500, 2000, 6000];

/// The page's `localStorage` or `sessionStorage`, if the browser gives access to it.
fn storage(window: &web_sys::Window, kind: StorageKind) -> Option<web_sys::Storage> {
    match kind {
        StorageKind::Local => window.local_storage(),
        StorageKind::Session => window.session_storage(),
        StorageKind::Cookie => return None,
    }
    .ok()
    .flatten()
}

/// The keys in one web storage, read only when a refused category declares keys in it: a
/// page's first access to web storage can wait on the browser process, and was most of the
/// time erasure took.
fn storage_keys(page: &Page, refused: CategorySet, window: &web_sys::Window, kind: StorageKind) -> Vec<String> {
    let declared = page.config().categories.iter().filter(|c| refused.contains(c.category)).flat_map(|c| &c.cookies).any(|d| d.kind == kind);
    let Some(s) = declared.then(|| storage(window, kind)).flatten() else { return vec![] };
    (0..s.length().unwrap_or(0)).filter_map(|i| s.key(i).ok().flatten()).collect()
}

/// Erases what `refused` covers, once.
pub fn erase(page: &Page) {
    let refused = page.session.refused();
    if refused == CategorySet::empty() {
        return;
    }
    let Some(window) = web_sys::window() else { return };
    let doc: web_sys::HtmlDocument = document().unchecked_into();
    let names = super::known::live_cookie_names();
    let live: Vec<&str> = names.iter().map(String::as_str).collect();
    let local = storage_keys(page, refused, &window, StorageKind::Local);
    let session = storage_keys(page, refused, &window, StorageKind::Session);
    let local_refs: Vec<&str> = local.iter().map(String::as_str).collect();
    let session_refs: Vec<&str> = session.iter().map(String::as_str).collect();
    let mut e = what_to_erase(page.config(), refused, &live, &local_refs, &session_refs);
    super::known::with_table(|t| {
        if let Some(db) = t {
            e.cookies.extend(crate::erasure::classified_to_erase(page.config(), db, refused, &live));
        }
    });
    let loc = window.location();
    let (host, path) = (loc.hostname().unwrap_or_default(), loc.pathname().unwrap_or_default());
    let https = super::cookies::is_https();
    // Declared names are listed whether set or not. A script can delete only cookies it can
    // see (from this path up, this host and its parents; HttpOnly ones are out of reach either
    // way), so only those present are deleted: the rest were a dozen or more pointless
    // document.cookie writes on every page view.
    for name in e.cookies.iter().filter(|n| live.contains(&n.as_str())) {
        for s in deletion_strings(name, &host, &path, https) {
            let _ = doc.set_cookie(&s);
        }
    }
    for (kind, keys) in [(StorageKind::Local, &e.local_storage), (StorageKind::Session, &e.session_storage)] {
        if keys.is_empty() {
            continue;
        }
        if let Some(s) = storage(&window, kind) {
            keys.iter().for_each(|k| drop(s.remove_item(k)));
        }
    }
}

/// Erases now and schedules the re-checks.
pub fn erase_and_recheck(page: &Page) {
    erase(page);
    for ms in RECHECK_MS {
        gloo_timers::callback::Timeout::new(ms, || {
            super::with_page(|p| erase(p));
        })
        .forget();
    }
}
