//! Sends Google Consent Mode v2 and Microsoft UET consent signals (see `crate::consent_mode`).

use super::dom::warn;
use super::shell::{shell, Shell};
use crate::category::CategorySet;
use crate::config::Config;
use crate::consent_mode::{google_consent, microsoft_consent};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// What the loader hands over: its `gtag` pusher and which defaults it already sent.
pub struct Hooks {
    gtag: Option<js_sys::Function>,
    google_default_sent: bool,
    microsoft_default_sent: bool,
}

fn field(o: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(o, &name.into()).unwrap_or(JsValue::UNDEFINED)
}

/// Keeps the loader's hooks; sends the defaults the loader could not send (it sends them
/// synchronously, before any Google or Microsoft tag, when the script tag asks for it).
pub fn start(hooks: &JsValue, config: &Config) {
    let hooks = Hooks {
        gtag: field(hooks, "gtag").dyn_into().ok(),
        google_default_sent: field(hooks, "googleDefaultSent").is_truthy(),
        microsoft_default_sent: field(hooks, "microsoftDefaultSent").is_truthy(),
    };
    let (google_late, microsoft_late) = (!hooks.google_default_sent, !hooks.microsoft_default_sent);
    shell(|Shell { consent_mode: h, .. }| *h.borrow_mut() = Some(hooks));
    if let Some(wait) = config.google_consent_mode.filter(|_| google_late) {
        warn("googleConsentMode is on but the script tag lacks data-google-consent-mode, so the default is set late; add the attribute to set it before any Google tag");
        google("default", CategorySet::necessary_only(), Some(wait));
    }
    if config.microsoft_consent_mode && microsoft_late {
        microsoft("default", CategorySet::necessary_only());
    }
}

/// Sends `consent update` for a decision to every platform the config turns on.
pub fn update(config: &Config, granted: CategorySet) {
    if config.google_consent_mode.is_some() {
        google("update", granted, None);
    }
    if config.microsoft_consent_mode {
        microsoft("update", granted);
    }
}

fn google(kind: &str, granted: CategorySet, wait_for_update: Option<u32>) {
    let Some(gtag) = shell(|Shell { consent_mode: h, .. }| h.borrow().as_ref().and_then(|h| h.gtag.clone())) else { return };
    let state = js_sys::Object::new();
    for (t, v) in google_consent(granted) {
        let _ = js_sys::Reflect::set(&state, &t.into(), &v.into());
    }
    if let Some(ms) = wait_for_update {
        let _ = js_sys::Reflect::set(&state, &"wait_for_update".into(), &ms.into());
    }
    let _ = gtag.call3(&JsValue::NULL, &"consent".into(), &kind.into(), &state);
}

fn microsoft(kind: &str, granted: CategorySet) {
    let Some(window) = web_sys::window() else { return };
    let mut queue = field(&window, "uetq");
    if !js_sys::Array::is_array(&queue) && !queue.is_object() {
        queue = js_sys::Array::new().into();
        let _ = js_sys::Reflect::set(&window, &"uetq".into(), &queue);
    }
    let (t, v) = microsoft_consent(granted);
    let state = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&state, &t.into(), &v.into());
    if let Ok(push) = field(&queue, "push").dyn_into::<js_sys::Function>() {
        let _ = push.call3(&queue, &"consent".into(), &kind.into(), &state);
    }
}
