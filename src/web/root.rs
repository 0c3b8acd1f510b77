//! The isolated root crumbs draws into: a host element with an open shadow root, its
//! stylesheet, event delegation and focus bookkeeping.

use super::dom::{document, element};
use super::shell::{shell, Shell};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, ShadowRoot, ShadowRootInit, ShadowRootMode};

/// The id of the host element crumbs adds to `<body>`.
pub const HOST_ID: &str = "crumbs";
/// Marks a host drawn by the loader's first paint, which the full module replaces.
const FIRST_PAINT: &str = "data-crumbs-first-paint";
/// The styles after the banner's (`crumbs.css`, minified by build.rs), applied with them as one
/// constructable stylesheet (a strict CSP allows it; no request). The banner's own come from
/// the loader (`hooks.bannerCss`), which carries them for its first paint.
const CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/crumbs.min.css"));

/// Attaches an open shadow root to `host` with crumbs' stylesheet adopted.
pub fn shadow_with_styles(host: &Element) -> Option<ShadowRoot> {
    let root = host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open)).ok()?;
    let sheet = shell(|Shell { sheet: s, .. }| {
        let mut s = s.borrow_mut();
        if s.is_none() {
            // Browsers without constructable stylesheets get an unstyled but working banner.
            let mut text = super::hook("bannerCss").as_string().unwrap_or_default();
            text.push_str(CSS);
            *s = web_sys::CssStyleSheet::new().ok().inspect(|sheet| drop(sheet.replace_sync(&text)));
        }
        s.clone()
    });
    if let Some(sheet) = sheet {
        root.set_adopted_style_sheets(&js_sys::Array::of1(&sheet));
    }
    Some(root)
}

/// The shadow root, created with its styles and event handlers on first use.
pub fn root(theme: &str) -> Option<ShadowRoot> {
    let doc = document();
    if let Some(host) = doc.get_element_by_id(HOST_ID) {
        // The full module takes over from the first paint with a root of its own, drawn in the
        // same task, so nothing flickers or moves.
        if !host.has_attribute(FIRST_PAINT) {
            let _ = host.set_attribute("data-theme", theme);
            return host.shadow_root();
        }
        host.remove();
    }
    let body = doc.body()?;
    // A custom element name: site rules aimed at `div` cannot reach the host.
    let host = element("crumbs-consent", &[("id", HOST_ID), ("data-theme", theme)], "");
    // Inline !important beats any site stylesheet, so hostile page CSS cannot hide the host.
    let style = host.style();
    let _ = style.set_property_with_priority("all", "initial", "important");
    let _ = style.set_property_with_priority("display", "block", "important");
    let root = shadow_with_styles(&host)?;
    listen(&root, "click", super::ui::on_click);
    listen(&root, "keydown", super::ui::on_keydown);
    listen(&root, "change", super::ui::on_change);
    let _ = body.append_child(&host);
    Some(root)
}

/// Adds a page-lifetime event listener.
pub fn listen(target: &ShadowRoot, event: &str, handler: fn(web_sys::Event)) {
    gloo_events::EventListener::new(target, event.to_string(), move |e| handler(e.clone())).forget();
    // lives as long as the page
}

/// Empties the root.
pub fn clear(root: &ShadowRoot) {
    while let Some(child) = root.first_child() {
        let _ = root.remove_child(&child);
    }
}

/// Removes the host and everything in it.
pub fn remove() {
    if let Some(host) = document().get_element_by_id(HOST_ID) {
        host.remove();
    }
}

/// The element that has focus, looking inside crumbs' own shadow root.
pub fn focused() -> Option<HtmlElement> {
    let active = document().active_element()?;
    let inner = active.shadow_root().and_then(|r| r.active_element());
    inner.unwrap_or(active).dyn_into().ok()
}

/// Remembers where focus is now, to return it with [`restore_focus`].
pub fn remember_focus() {
    shell(|Shell { return_focus: f, .. }| *f.borrow_mut() = focused());
}

/// Gives focus back to where it was when [`remember_focus`] ran, if that is still on the page.
pub fn restore_focus() {
    if let Some(el) = shell(|Shell { return_focus: f, .. }| f.borrow_mut().take()) {
        if el.is_connected() {
            let _ = el.focus();
        }
    }
}

/// Moves focus to `el` without scrolling the page.
pub fn focus(el: &Element) {
    let opts = web_sys::FocusOptions::new();
    opts.set_prevent_scroll(true);
    let _ = el.unchecked_ref::<HtmlElement>().focus_with_options(&opts);
}
