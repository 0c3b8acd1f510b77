//! Activation of gated `<script type="text/plain" data-category="…">` elements.
//!
//! Allowed scripts are re-created as real scripts in document order. Consecutive external ones
//! are inserted together with `async = false`: the browser fetches them in parallel and runs
//! them in insertion order. An inline script runs the moment it is inserted, so one that
//! follows external scripts waits until the last of them has loaded (or failed) and so has run.

use crate::prelude::*;

use super::dom::{select_all, warn};
use super::shell::{shell, Shell};
use crate::activation::{verdict, Verdict};
use crate::config::Config;
use crate::consent::ConsentRecord;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlScriptElement};

/// Marks a gated element once it is queued, so a later decision never runs it twice.
const QUEUED: &str = "data-crumbs-queued";

/// The longest work waits for a script that neither loads nor fails.
const MAX_WAIT_MS: u32 = 500;

/// Whether an external script crumbs inserted is still loading (and not yet given up on).
pub fn loading() -> bool {
    shell(|Shell { loading: l, .. }| l.borrow().is_some()) && !shell(|s| s.stalled.get())
}

/// Runs `f` once every external script inserted so far has loaded or failed (and what they
/// held back in the queue has run), or after [`MAX_WAIT_MS`] at most. (The timer of an earlier
/// wait may end a later one sooner: the wait orders work, it guarantees nothing.)
pub fn after_loaded(f: Box<dyn FnOnce()>) {
    let first = shell(|Shell { after_loaded: a, .. }| {
        let mut a = a.borrow_mut();
        a.push(f);
        a.len() == 1
    });
    if first {
        gloo_timers::callback::Timeout::new(MAX_WAIT_MS, || {
            shell(|s| s.stalled.set(true));
            release_waiting();
        })
        .forget();
    }
}

fn release_waiting() {
    for f in shell(|Shell { after_loaded: a, .. }| core::mem::take(&mut *a.borrow_mut())) {
        f();
    }
}

/// Queues every gated script the decision allows. It runs nothing: call [`run_queue`] once no
/// state is borrowed, because the scripts it runs may call the crumbs API right away.
pub fn queue_allowed(decision: Option<&ConsentRecord>, config: &Config) {
    for el in select_all("script[type=\"text/plain\"][data-category], script[type=\"text/plain\"][data-service]") {
        if el.has_attribute(QUEUED) {
            continue;
        }
        let category = el.get_attribute("data-category");
        let service = el.get_attribute("data-service");
        match verdict(category.as_deref(), service.as_deref(), decision, config) {
            Verdict::Run => {
                let _ = el.set_attribute(QUEUED, "");
                shell(|Shell { script_queue: q, .. }| q.borrow_mut().push_back(el));
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

/// Runs queued scripts in order, pausing before an inline script until the external scripts
/// inserted ahead of it have run.
pub fn run_queue() {
    while let Some(old) = shell(|Shell { script_queue: q, .. }| q.borrow().front().cloned()) {
        if old.parent_node().is_none() {
            shell(|Shell { script_queue: q, .. }| q.borrow_mut().pop_front());
            continue; // removed by the page meanwhile
        }
        let external = old.has_attribute("data-src");
        // In-order scripts run in insertion order, so once the last one has loaded all have run;
        // its load handler calls this again.
        if !external && shell(|Shell { loading: l, .. }| l.borrow().is_some()) {
            return;
        }
        shell(|Shell { script_queue: q, .. }| q.borrow_mut().pop_front());
        let Some(new) = recreate(&old) else { continue };
        if external {
            let me = new.clone();
            let done = Closure::<dyn FnMut()>::new(move || {
                let last = shell(|Shell { loading: l, .. }| {
                    let mut l = l.borrow_mut();
                    let last = l.as_ref().is_some_and(|s| s == &me);
                    if last {
                        *l = None;
                    }
                    last
                });
                if last {
                    run_queue();
                    if !loading() {
                        release_waiting();
                    }
                }
            });
            new.set_onload(Some(done.as_ref().unchecked_ref()));
            new.set_onerror(Some(done.as_ref().unchecked_ref()));
            done.forget(); // one small closure per external script, alive until it fires
            shell(|Shell { loading: l, .. }| *l.borrow_mut() = Some(new.clone()));
            shell(|s| s.stalled.set(false));
        }
        let _ = old.replace_with_with_node_1(&new);
    }
}

/// A live copy of a gated script: every attribute but the gating ones, nonce and text kept.
fn recreate(old: &Element) -> Option<HtmlScriptElement> {
    // In the script's own document: a frame's realm runs it.
    let new: HtmlScriptElement = old.owner_document()?.create_element("script").ok()?.unchecked_into();
    let attrs = old.attributes();
    for i in 0..attrs.length() {
        let Some(a) = attrs.item(i) else { continue };
        let name = a.name();
        // `src` is a Trusted Types sink: it is set below, through crumbs' policy.
        if !matches!(name.as_str(), "type" | "src" | "data-src" | "data-type" | "data-crumbs-held" | QUEUED) {
            let _ = new.set_attribute(&name, &a.value());
        }
    }
    // Tells the pre-blocker this one is crumbs' own release, decided already.
    let _ = new.set_attribute("data-crumbs-activated", "");
    if let Some(t) = old.get_attribute("data-type") {
        new.set_type(&t);
    }
    // Browsers hide the nonce attribute after parsing; only the property still holds it.
    let nonce = old.unchecked_ref::<HtmlElement>().nonce();
    if !nonce.is_empty() {
        new.unchecked_ref::<HtmlElement>().set_nonce(&nonce);
    }
    let released = match old.get_attribute("data-src").or_else(|| old.get_attribute("src")) {
        Some(src) => {
            new.set_async(false);
            super::trusted_types::set_script_src(&new, &src)
        }
        None => super::trusted_types::set_script_text(&new, &old.text_content().unwrap_or_default()),
    };
    if !released {
        super::dom::error("a gated script could not be released: the page's Trusted Types policy refused it (add `trusted-types crumbs` to its CSP)");
        return None;
    }
    Some(new)
}
