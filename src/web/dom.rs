//! Small DOM helpers: build elements from text only (never HTML strings) and log to the console.

use crate::prelude::*;

use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement};

/// The page's document. Only called from the browser, where it always exists.
pub fn document() -> Document {
    web_sys::window().and_then(|w| w.document()).expect("crumbs runs in a page")
}

/// Every element matching `selector` in the page and in the same-origin frames' documents and
/// shadow roots the pre-blocker watches (`hooks.roots`, the page first).
pub fn select_all(selector: &str) -> Vec<Element> {
    let roots = super::hook("roots");
    let roots = if roots.is_array() { roots.unchecked_into::<js_sys::Array>() } else { js_sys::Array::of1(&document()) };
    let mut found = Vec::new();
    for root in roots.iter() {
        // Document and ShadowRoot both have it.
        if let Ok(list) = root.unchecked_into::<web_sys::DocumentFragment>().query_selector_all(selector) {
            // Not dyn_into: a frame's elements are not instances of the page's Element.
            found.extend((0..list.length()).filter_map(|i| Some(list.item(i)?.unchecked_into::<Element>())));
        }
    }
    found
}

/// Creates `<tag>` with the given attributes and text content (set as text, never parsed).
pub fn element(tag: &str, attrs: &[(&str, &str)], text: &str) -> HtmlElement {
    let el: HtmlElement = document().create_element(tag).expect("valid tag").unchecked_into();
    for (k, v) in attrs {
        let _ = el.set_attribute(k, v);
    }
    if !text.is_empty() {
        el.set_text_content(Some(text));
    }
    el
}

/// Draws a tree built by the core (`crate::view`): every text as a text node, never parsed.
pub fn mount(tree: &crate::view::Element) -> HtmlElement {
    let attrs: Vec<(&str, &str)> = tree.attrs.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let el = element(tree.tag, &attrs, "");
    for child in &tree.children {
        match child {
            crate::view::Node::Element(e) => drop(el.append_child(&mount(e))),
            crate::view::Node::Text(t) => drop(el.append_with_str_1(t)),
        }
    }
    el
}

/// Appends children to a parent, ignoring the (impossible here) hierarchy errors.
pub fn append(parent: &Element, children: &[&Element]) {
    for c in children {
        let _ = parent.append_child(c);
    }
}

/// `console.error` with the `crumbs:` prefix site owners search for.
pub fn error(message: &str) {
    web_sys::console::error_1(&prefixed(message).into());
}

/// `console.warn` with the `crumbs:` prefix.
pub fn warn(message: &str) {
    web_sys::console::warn_1(&prefixed(message).into());
}

fn prefixed(message: &str) -> String {
    let mut s = String::from("crumbs: ");
    s.push_str(message);
    s
}
