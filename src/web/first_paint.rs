//! The first paint: a small module built from the same shell with `--features first-paint`.
//! It only decides whether the banner is needed and draws it, so a first visit downloads a
//! fraction of crumbs before the banner is on screen. The full module, fetched once the banner
//! has been painted, replaces it in one task and does everything else; clicks made before then
//! go to `window.crumbs`, whose calls the loader queues until the full module is ready.

use super::ui::{self, View};
use super::Page;
use crate::prelude::*;
use crate::consent::ConsentRecord;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Draws the banner unless the visitor's stored decision applies; true if it drew it. Nothing
/// is stored, run or reported here: the full module does that from the same inputs.
#[wasm_bindgen]
pub fn start(config: Option<String>, load_error: Option<String>, language_texts: Option<String>) -> bool {
    let page = Page::read(config, load_error, language_texts);
    if page.decision.as_ref().is_some_and(ConsentRecord::is_visitors) {
        return false;
    }
    ui::render(&page, View::Banner);
    true
}

/// A click on the first-paint banner becomes the `window.crumbs` call it stands for.
pub fn on_click(e: web_sys::Event) {
    let action = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|t| t.closest("[data-action]").ok().flatten())
        .and_then(|b| b.get_attribute("data-action"));
    let call = match action.as_deref() {
        Some("accept-all") => "acceptAll",
        Some("reject-all") => "rejectAll",
        Some("preferences") => "showPreferences",
        _ => return,
    };
    let api = js_sys::Reflect::get(&js_sys::global(), &"crumbs".into()).unwrap_or(JsValue::UNDEFINED);
    if let Ok(f) = js_sys::Reflect::get(&api, &call.into()).and_then(|f| f.dyn_into::<js_sys::Function>()) {
        let _ = f.call0(&api);
    }
}
