//! DOM-layer tests, run in headless Chromium by `wasm-bindgen-test` (see scripts/test.mjs).
//! They drive the exported entry points exactly as the loader does and inspect the page.
#![cfg(target_arch = "wasm32")]

use crumbs::web;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlDocument, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

const CONFIG: &str = r#"{"revision": 4, "policyUrl": "/privacy",
  "categories": [{"id": "necessary"}, {"id": "performance"}, {"id": "targeting"}],
  "texts": {"en": {"bannerTitle": "<b>Cookies</b> & you"}}}"#;

#[wasm_bindgen::prelude::wasm_bindgen(module = "/www/crumbs/loader/release.js")]
extern "C" {
    /// The loader's release of gated scripts (the full core hands it the scripts it allows).
    fn releaser(policy: wasm_bindgen::JsValue) -> wasm_bindgen::JsValue;
}

/// What the loader hands the full core that these tests need: the banner's stylesheet and its
/// release of gated scripts.
fn loader_hooks() -> js_sys::Object {
    let hooks = js_sys::Object::new();
    js_sys::Reflect::set(&hooks, &"bannerCss".into(), &include_str!("../www/crumbs/banner.css").into()).unwrap();
    let released = releaser(wasm_bindgen::JsValue::UNDEFINED);
    for name in ["release", "afterLoaded", "loading"] {
        js_sys::Reflect::set(&hooks, &name.into(), &js_sys::Reflect::get(&released, &name.into()).unwrap()).unwrap();
    }
    hooks
}

fn doc() -> HtmlDocument {
    web_sys::window().unwrap().document().unwrap().unchecked_into()
}

fn cookie() -> String {
    doc().cookie().unwrap()
}

fn clear_consent() {
    doc().set_cookie("crumbs_consent=; Path=/; Max-Age=0").unwrap();
}

fn banner_button(action: &str) -> Option<HtmlElement> {
    let host = doc().get_element_by_id("crumbs")?;
    let root = host.shadow_root()?;
    root.query_selector(&format!("[data-action=\"{action}\"]")).ok()??.dyn_into().ok()
}

/// Adds a gated inline script that appends `name` to `window.__ran` when it runs.
fn add_gated(category: &str, name: &str) {
    let s = doc().create_element("script").unwrap();
    s.set_attribute("type", "text/plain").unwrap();
    s.set_attribute("data-category", category).unwrap();
    s.set_text_content(Some(&format!("(window.__ran = window.__ran || []).push('{name}')")));
    doc().body().unwrap().append_child(&s).unwrap();
}

fn ran() -> Vec<String> {
    let v = js_sys::Reflect::get(&web_sys::window().unwrap(), &"__ran".into()).unwrap();
    if v.is_undefined() {
        return vec![];
    }
    js_sys::Array::from(&v).iter().map(|x| x.as_string().unwrap()).collect()
}

fn reset_ran() {
    js_sys::Reflect::set(&web_sys::window().unwrap(), &"__ran".into(), &js_sys::Array::new()).unwrap();
}

// One test walks the whole flow: the module keeps one page state, as a real page does.
#[wasm_bindgen_test]
fn banner_decision_storage_and_activation() {
    clear_consent();
    reset_ran();
    add_gated("performance", "perf");
    add_gated("targeting", "ads");
    add_gated("!targeting", "no-ads");
    add_gated("tracking", "never");

    web::start(Some(CONFIG.into()), None, None, loader_hooks().into());
    assert!(banner_button("accept-all").is_some(), "banner shown without a decision");
    assert!(banner_button("reject-all").is_some() && banner_button("preferences").is_some());
    // Config texts are text, not HTML.
    let root = doc().get_element_by_id("crumbs").unwrap().shadow_root().unwrap();
    let title = root.query_selector("#crumbs-title").unwrap().unwrap();
    assert_eq!(title.text_content().unwrap(), "<b>Cookies</b> & you");
    assert_eq!(title.child_element_count(), 0);
    assert!(ran().is_empty(), "nothing gated runs before a decision");
    assert!(!web::has_consent("performance"));

    // Grant performance only.
    web::accept(vec!["performance".into()]);
    assert!(banner_button("accept-all").is_none(), "banner closes after a decision");
    assert_eq!(ran(), vec!["perf", "no-ads"]);
    assert!(cookie().contains("crumbs_consent=1.3.0.4.1."), "{}", cookie());
    assert!(web::has_consent("performance") && !web::has_consent("targeting"));

    // A later, wider decision, on the reopened banner's own button, runs only what was not run
    // yet, and counts the sequence.
    web::show();
    banner_button("accept-all").expect("the banner reopens").click();
    assert_eq!(ran(), vec!["perf", "no-ads", "ads"]);
    assert!(cookie().contains("crumbs_consent=1.b.0.4.2."), "{}", cookie());

    // A fresh page view with the stored decision shows no banner.
    web::start(Some(CONFIG.into()), None, None, loader_hooks().into());
    assert!(banner_button("accept-all").is_none());

    // A corrupted cookie means no consent: the banner is back.
    let v = cookie().split("crumbs_consent=").nth(1).unwrap().split(';').next().unwrap().to_string();
    let damaged = v.replacen(".b.", ".f.", 1);
    doc().set_cookie(&format!("crumbs_consent={damaged}; Path=/")).unwrap();
    web::start(Some(CONFIG.into()), None, None, loader_hooks().into());
    assert!(banner_button("accept-all").is_some(), "a tampered cookie brings the banner back");

    // A bumped revision brings the banner back too.
    doc().set_cookie(&format!("crumbs_consent={v}; Path=/")).unwrap();
    web::start(Some(CONFIG.replace("\"revision\": 4", "\"revision\": 5")), None, None, loader_hooks().into());
    assert!(banner_button("accept-all").is_some(), "a new revision asks again");
}

#[wasm_bindgen_test]
fn bad_config_fails_closed() {
    clear_consent();
    reset_ran();
    add_gated("performance", "perf-bad");
    web::start(Some(r#"{"categories": [{"id": "tracking"}]}"#.into()), None, None, loader_hooks().into());
    assert_eq!(web::errors().len(), 1);
    assert!(web::errors()[0].starts_with("categories[0].id: unknown category \"tracking\""));
    assert!(banner_button("accept-all").is_some(), "the banner still shows, with defaults");
    web::accept_all();
    assert!(ran().iter().all(|r| r != "perf-bad"), "no gated script runs with a broken config");
    assert!(!cookie().contains("crumbs_consent="), "nothing is stored with a broken config");
    assert!(web::get_consent().is_null());
}

#[wasm_bindgen_test]
fn a_service_can_be_allowed_without_its_category() {
    clear_consent();
    reset_ran();
    let s = doc().create_element("script").unwrap();
    s.set_attribute("type", "text/plain").unwrap();
    s.set_attribute("data-service", "youtube").unwrap();
    s.set_text_content(Some("(window.__ran = window.__ran || []).push('yt')"));
    doc().body().unwrap().append_child(&s).unwrap();
    add_gated("targeting", "ads-2");
    let config = r#"{"categories": [{"id": "targeting", "services": [{"id": "youtube", "name": "YouTube"}]}]}"#;
    web::start(Some(config.into()), None, None, loader_hooks().into());
    web::show_preferences();
    let root = doc().get_element_by_id("crumbs").unwrap().shadow_root().unwrap();
    assert!(root.query_selector("input[role=switch][data-service=youtube]").unwrap().is_some(), "a switch per declared service");
    web::accept(vec!["youtube".into()]);
    assert_eq!(ran(), vec!["yt"]);
    assert!(web::has_service("youtube") && !web::has_consent("targeting"));
    assert!(cookie().contains(".youtube."), "{}", cookie());
}

/// Sets or removes `navigator.globalPrivacyControl` for one test.
fn set_gpc(on: bool) {
    let nav = web_sys::window().unwrap().navigator();
    if on {
        let desc = js_sys::Object::new();
        js_sys::Reflect::set(&desc, &"value".into(), &true.into()).unwrap();
        js_sys::Reflect::set(&desc, &"configurable".into(), &true.into()).unwrap();
        js_sys::Object::define_property(&nav, &"globalPrivacyControl".into(), &desc);
    } else {
        js_sys::Reflect::delete_property(&nav, &"globalPrivacyControl".into()).unwrap();
    }
}

#[wasm_bindgen_test]
fn global_privacy_control_refuses_targeting_until_explicitly_granted() {
    clear_consent();
    reset_ran();
    set_gpc(true);
    add_gated("targeting", "ads-gpc");
    add_gated("performance", "perf-gpc");
    web::start(Some(CONFIG.into()), None, None, loader_hooks().into());
    // An automatic decision is stored (necessary only; flags GPC and automatic), banner still up.
    assert!(cookie().contains("crumbs_consent=1.1.3.4.1."), "{}", cookie());
    let root = doc().get_element_by_id("crumbs").unwrap().shadow_root().unwrap();
    assert!(root.query_selector("[data-crumbs=gpc]").unwrap().is_some(), "the banner says the signal was honoured");
    assert!(banner_button("accept-all").is_some());
    assert!(ran().is_empty());
    // "Accept all" leaves targeting refused.
    web::accept_all();
    assert_eq!(ran(), vec!["perf-gpc"]);
    assert!(!web::has_consent("targeting"));
    assert!(cookie().contains("crumbs_consent=1.3.1.4.2."), "{}", cookie());
    // Only an explicit choice grants it.
    web::accept(vec!["performance".into(), "targeting".into()]);
    assert_eq!(ran(), vec!["perf-gpc", "ads-gpc"]);
    set_gpc(false);
}

#[wasm_bindgen_test]
fn google_consent_mode_default_and_updates() {
    use std::cell::RefCell;
    use std::rc::Rc;
    clear_consent();
    let calls: Rc<RefCell<Vec<(String, String, String)>>> = Rc::default();
    let sink = calls.clone();
    let gtag = wasm_bindgen::closure::Closure::<dyn FnMut(String, String, wasm_bindgen::JsValue)>::new(
        move |a: String, b: String, state: wasm_bindgen::JsValue| {
            let get = |k: &str| js_sys::Reflect::get(&state, &k.into()).unwrap().as_string().unwrap_or_default();
            let wait = js_sys::Reflect::get(&state, &"wait_for_update".into()).unwrap().as_f64().map(|w| w.to_string()).unwrap_or_default();
            sink.borrow_mut().push((
                format!("{a} {b}"),
                format!("analytics={} ad={} security={}", get("analytics_storage"), get("ad_storage"), get("security_storage")),
                wait,
            ));
        },
    );
    let hooks = loader_hooks();
    js_sys::Reflect::set(&hooks, &"gtag".into(), gtag.as_ref()).unwrap();
    let config = r#"{"googleConsentMode": {"waitForUpdate": 750}, "categories": [{"id": "performance"}, {"id": "targeting"}]}"#;
    web::start(Some(config.into()), None, None, hooks.into());
    web::accept(vec!["performance".into()]);
    assert_eq!(
        *calls.borrow(),
        vec![
            ("consent default".to_string(), "analytics=denied ad=denied security=granted".to_string(), "750".to_string()),
            ("consent update".to_string(), "analytics=granted ad=denied security=granted".to_string(), String::new()),
        ]
    );
    drop(gtag);
}

fn shadow() -> web_sys::ShadowRoot {
    doc().get_element_by_id("crumbs").expect("crumbs host").shadow_root().expect("open shadow root")
}

fn q(sel: &str) -> Option<HtmlElement> {
    shadow().query_selector(sel).ok()?.and_then(|e| e.dyn_into().ok())
}

fn switch(cat: &str) -> web_sys::HtmlInputElement {
    q(&format!("input[role=switch][data-category={cat}]")).expect("switch").unchecked_into()
}

fn key(target: &HtmlElement, key: &str, shift: bool) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_shift_key(shift);
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_cancelable(true);
    let ev = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&ev).unwrap();
}

fn focused_action() -> Option<String> {
    shadow().active_element()?.get_attribute("data-action")
}

#[wasm_bindgen_test]
fn preferences_are_honest_and_keyboard_operable() {
    clear_consent();
    web::start(Some(CONFIG.into()), None, None, loader_hooks().into());
    // "Accept all" and "Reject all" look exactly alike.
    let (a, r) = (q("[data-action=accept-all]").unwrap(), q("[data-action=reject-all]").unwrap());
    let style = |e: &HtmlElement| {
        let s = web_sys::window().unwrap().get_computed_style(e).unwrap().unwrap();
        ["background-color", "color", "font-weight", "font-size", "border-top-color", "height", "width"].map(|p| s.get_property_value(p).unwrap())
    };
    assert_eq!(style(&a), style(&r));
    let (ra, rr) = (a.get_bounding_client_rect(), r.get_bounding_client_rect());
    assert_eq!((ra.width(), ra.height()), (rr.width(), rr.height()));

    // Nothing is pre-ticked; strictly necessary is on and locked.
    web::show_preferences();
    assert!(q("[data-crumbs=preferences][role=dialog][aria-modal=true]").is_some());
    assert!(switch("necessary").checked() && switch("necessary").disabled());
    assert!(!switch("performance").checked() && !switch("targeting").checked());
    assert_eq!(shadow().active_element().unwrap().get_attribute("data-category").as_deref(), Some("performance"));

    // Tab from the last control wraps to the first, Shift+Tab from the first to the last.
    let dialog = q("[data-crumbs=preferences]").unwrap();
    let last = q("[data-crumbs=preferences] [data-action=save]").unwrap();
    last.focus().unwrap();
    key(&last, "Tab", false);
    assert_eq!(focused_action().as_deref(), Some("close"), "focus wraps to the first control");
    let first = q("[data-action=close]").unwrap();
    key(&first, "Tab", true);
    assert_eq!(focused_action().as_deref(), Some("save"), "Shift+Tab wraps to the last control");

    // Escape closes without deciding: the banner is back, nothing granted.
    key(&dialog, "Escape", false);
    assert!(q("[data-crumbs=preferences]").is_none());
    assert!(q("[data-crumbs=banner]").is_some());
    assert!(web::get_consent().is_null());

    // Save a custom choice; reopening shows it.
    web::show_preferences();
    switch("performance").click();
    q("[data-crumbs=preferences] [data-action=save]").unwrap().click();
    assert!(web::has_consent("performance") && !web::has_consent("targeting"));
    web::show_preferences();
    assert!(switch("performance").checked() && !switch("targeting").checked());
    q("[data-action=close]").unwrap().click();
}

#[wasm_bindgen_test]
fn right_to_left_languages_are_mirrored() {
    clear_consent();
    web::start(Some(r#"{"language": "ar"}"#.into()), None, Some(r#"{"acceptAll": "قبول الكل"}"#.into()), loader_hooks().into());
    let banner = q("[data-crumbs=banner]").unwrap();
    assert_eq!(banner.get_attribute("dir").as_deref(), Some("rtl"));
    assert_eq!(banner.get_attribute("lang").as_deref(), Some("ar"));
    assert_eq!(q("[data-action=accept-all]").unwrap().text_content().as_deref(), Some("قبول الكل"));
    // A string the language file lacks falls back to English.
    assert_eq!(q("[data-action=reject-all]").unwrap().text_content().as_deref(), Some("Reject all"));
}

/// crumbs' size-class allocator (the global allocator of this test binary too): blocks of every
/// class, reused after freeing, keep their contents, their alignment and never overlap.
#[wasm_bindgen_test]
fn the_allocator_keeps_blocks_apart_aligned_and_intact() {
    let mut blocks: Vec<Vec<u8>> = vec![];
    for round in 0..3u8 {
        for size in [1usize, 7, 8, 9, 16, 31, 100, 1000, 4096, 70_000, 300_000] {
            let fill = (size as u8).wrapping_add(round);
            blocks.push(vec![fill; size]);
        }
        // Free every other block, then allocate again into the freed classes.
        let mut i = 0;
        blocks.retain(|_| {
            i += 1;
            i % 2 == 0
        });
    }
    for b in &blocks {
        assert!(b.iter().all(|&x| x == b[0]), "a block of {} bytes was overwritten", b.len());
    }
    let mut grown = String::new();
    for i in 0..5000 {
        grown.push(char::from(b'a' + (i % 26) as u8));
    }
    assert!(grown.bytes().enumerate().all(|(i, c)| c == b'a' + (i % 26) as u8), "realloc kept the contents");
    #[repr(align(64))]
    struct Wide([u8; 64]);
    let wide: Vec<Box<Wide>> = (0..4).map(|i| Box::new(Wide([i; 64]))).collect();
    for (i, w) in wide.iter().enumerate() {
        assert_eq!((&**w as *const Wide as usize) % 64, 0, "over-aligned block");
        assert!(w.0.iter().all(|&x| x == i as u8));
    }
    let small: Vec<Box<u64>> = (0..100).map(Box::new).collect();
    for (i, b) in small.iter().enumerate() {
        assert_eq!((&**b as *const u64 as usize) % 8, 0);
        assert_eq!(**b, i as u64);
    }
}

/// The wasm stack is 64 KiB (.cargo/config.toml): the deepest recursion, the JSON reader at
/// its 64-level cap, fits, and anything deeper is a reported error, not a trap.
#[wasm_bindgen_test]
fn deeply_nested_configs_fit_the_small_stack() {
    for (depth, want) in [(63usize, "unknown field"), (400, "nested")] {
        let config = format!("{{\"revision\": 1, \"deep\": {}{}}}", "[".repeat(depth), "]".repeat(depth));
        assert_eq!(web::language_file(Some(config.clone())), None);
        web::start(Some(config), None, None, loader_hooks().into());
        let errors = web::errors();
        assert_eq!(errors.len(), 1, "{depth}: {errors:?}");
        assert!(errors[0].contains(want), "{depth}: {}", errors[0]);
    }
}
