//! Activation of gated `<script type="text/plain" data-category="…">` elements: which the
//! decision allows is decided here; the loader re-creates them as live scripts, in document
//! order (`hooks.release`, www/crumbs/loader/release.js, the one place that does it, shared
//! with the decision module's first-visit "Accept all").

use crate::prelude::*;

use super::dom::{select_all, warn};
use super::hook;
use super::shell::{shell, Shell};
use crate::activation::Verdict;
use crate::session::Session;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Marks a gated element once it is queued, so a later decision never runs it twice.
const QUEUED: &str = "data-crumbs-queued";

fn call_hook(name: &str, arg: &JsValue) -> JsValue {
    let Ok(f) = hook(name).dyn_into::<js_sys::Function>() else { return JsValue::UNDEFINED };
    f.call1(&JsValue::UNDEFINED, arg).unwrap_or(JsValue::UNDEFINED)
}

/// Whether an external script crumbs released is still loading (and not yet given up on).
pub fn loading() -> bool {
    call_hook("loading", &JsValue::UNDEFINED).is_truthy()
}

/// Runs `f` once every external script released so far has loaded or failed, or after the
/// loader's longest wait.
pub fn after_loaded(f: Box<dyn FnOnce()>) {
    call_hook("afterLoaded", &Closure::once_into_js(f));
}

/// The URL an element's `data-src` will load, as the browser resolves it (against its
/// document's base URL): what the UK regime's first-party test judges.
pub fn resolved(el: &web_sys::Element, src: &str) -> String {
    let Some(a) = el.owner_document().and_then(|d| d.create_element("a").ok()) else { return src.into() };
    let a: web_sys::HtmlAnchorElement = a.unchecked_into();
    a.set_href(src);
    a.href()
}

/// The page's host name (what a script URL is judged first-party against).
pub fn page_host() -> String {
    web_sys::window().and_then(|w| w.location().hostname().ok()).unwrap_or_default()
}

/// Queues every gated script the session allows (its decision, or the regional defaults). It
/// runs nothing: call [`run_queue`] once no state is borrowed, because the scripts it runs may
/// call the crumbs API right away.
pub fn queue_allowed(session: &Session) {
    let host = page_host();
    for el in select_all("script[type=\"text/plain\"][data-category], script[type=\"text/plain\"][data-service]") {
        if el.has_attribute(QUEUED) {
            continue;
        }
        let category = el.get_attribute("data-category");
        let service = el.get_attribute("data-service");
        let src = el.get_attribute("data-src").map(|s| resolved(&el, &s));
        match session.script_verdict(category.as_deref(), service.as_deref(), src.as_deref(), &host) {
            Verdict::Run => {
                let _ = el.set_attribute(QUEUED, "");
                shell(|Shell { script_queue: q, .. }| q.borrow_mut().push(el));
            }
            Verdict::Wait => {}
            Verdict::Never => {
                // Unknown category or service: never run it, and tell the site owner once.
                let _ = el.set_attribute(QUEUED, "never");
                let mut m = String::from("a gated script names an unknown category or service (data-category=\"");
                m.push_str(category.as_deref().unwrap_or(""));
                m.push_str("\" data-service=\"");
                m.push_str(service.as_deref().unwrap_or(""));
                m.push_str("\"); it will never run");
                warn(&m);
            }
        }
    }
}

/// Hands the queued scripts to the loader, which runs them in order. Called once no state is
/// borrowed: an inline script runs as it is inserted, and may call the crumbs API at once.
pub fn run_queue() {
    let scripts = js_sys::Array::new();
    for el in shell(|Shell { script_queue: q, .. }| core::mem::take(&mut *q.borrow_mut())) {
        scripts.push(&el);
    }
    if scripts.length() > 0 {
        call_hook("release", &scripts);
    }
}
