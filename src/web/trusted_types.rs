//! Trusted Types: on a page that enforces `require-trusted-types-for 'script'`, a script's
//! `src` and text take only values made by a policy. The loader creates crumbs' policy
//! (`crumbs`, which the site lists in its CSP) and hands it over as `hooks.policy`; crumbs
//! releases only what the page's own markup or code gave it, so the policy passes those on.

use super::hook;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// `value` made into a policy's value by `policy[method]`, or left a string where there is no
/// policy (a page without Trusted Types takes strings).
fn made(method: &str, value: &str) -> JsValue {
    let policy = hook("policy");
    let make = js_sys::Reflect::get(&policy, &method.into()).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    make.and_then(|f| f.call1(&policy, &value.into()).ok()).unwrap_or_else(|| value.into())
}

/// Sets `script.src` to `url`; false when the page refused it (a Trusted Types violation).
pub fn set_script_src(script: &web_sys::HtmlScriptElement, url: &str) -> bool {
    js_sys::Reflect::set(script, &"src".into(), &made("createScriptURL", url)).unwrap_or(false)
}

/// Sets `script.text` to `code`; false when the page refused it.
pub fn set_script_text(script: &web_sys::HtmlScriptElement, code: &str) -> bool {
    js_sys::Reflect::set(script, &"text".into(), &made("createScript", code)).unwrap_or(false)
}
