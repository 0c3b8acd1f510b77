//! The banner and its category choices, rendered into an isolated shadow root.

use super::dom::{append, document, element};
use super::Page;
use crate::category::Category;
use crate::texts::{resolve, Text};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement, ShadowRoot, ShadowRootInit, ShadowRootMode};

/// The id of the host element crumbs adds to `<body>`.
const HOST_ID: &str = "crumbs";
/// The banner's styles, applied as a constructable stylesheet (allowed by a strict CSP, no request).
const CSS: &str = include_str!("../../www/crumbs/crumbs.css");

/// The shadow root crumbs renders into, created (with its styles and click handling) on first use.
fn root() -> Option<ShadowRoot> {
    let doc = document();
    if let Some(host) = doc.get_element_by_id(HOST_ID) {
        return host.shadow_root();
    }
    let body = doc.body()?;
    let host = element("div", &[("id", HOST_ID)], "");
    let root = host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open)).ok()?;
    if let Ok(sheet) = web_sys::CssStyleSheet::new() {
        let _ = sheet.replace_sync(CSS);
        root.set_adopted_style_sheets(&js_sys::Array::of1(&sheet));
    }
    let on_click = Closure::<dyn FnMut(web_sys::Event)>::new(on_click);
    let _ = root.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
    on_click.forget(); // lives as long as the page
    let _ = body.append_child(&host);
    Some(root)
}

fn on_click(e: web_sys::Event) {
    let Some(button) = e.target().and_then(|t| t.dyn_into::<Element>().ok()).and_then(|t| t.closest("[data-action]").ok().flatten())
    else {
        return;
    };
    match button.get_attribute("data-action").as_deref() {
        Some("accept-all") => super::accept_all(),
        Some("reject-all") => super::reject_all(),
        Some("preferences") => toggle_preferences(&button),
        Some("save") => super::save_choices(ticked_categories(&button)),
        _ => {}
    }
}

/// Shows the banner, with the category choices open when `preferences` is set.
pub fn show(page: &Page, preferences: bool) {
    let Some(root) = root() else { return };
    while let Some(child) = root.first_child() {
        let _ = root.remove_child(&child);
    }
    let t = |text| resolve(&page.config.texts, &page.shipped, &page.language, text);
    let banner = element(
        "section",
        &[
            ("class", "banner"),
            ("data-crumbs", "banner"),
            ("role", "dialog"),
            ("aria-labelledby", "crumbs-title"),
            ("aria-describedby", "crumbs-text"),
            ("tabindex", "-1"),
        ],
        "",
    );
    banner.set_lang(&page.language);
    banner.set_dir(if crate::texts::is_rtl(&page.language) { "rtl" } else { "ltr" });
    let title = element("h2", &[("id", "crumbs-title")], t(Text::BannerTitle));
    let text = element("p", &[("id", "crumbs-text")], t(Text::BannerText));
    if let Some(url) = &page.config.policy_url {
        let link = element("a", &[("href", url)], t(Text::PolicyLink));
        let _ = text.append_with_str_1(" ");
        append(&text, &[&link]);
    }
    let prefs = preferences_panel(page, &t);
    prefs.set_hidden(!preferences);
    let buttons = element("div", &[("class", "buttons")], "");
    let accept = element("button", &[("type", "button"), ("data-action", "accept-all")], t(Text::AcceptAll));
    let reject = element("button", &[("type", "button"), ("data-action", "reject-all")], t(Text::RejectAll));
    let expanded = if preferences { "true" } else { "false" };
    let choose = element(
        "button",
        &[("type", "button"), ("data-action", "preferences"), ("aria-expanded", expanded), ("aria-controls", "crumbs-preferences")],
        t(Text::Preferences),
    );
    let save = element("button", &[("type", "button"), ("data-action", "save")], t(Text::SaveChoices));
    save.set_hidden(!preferences);
    append(&buttons, &[&accept, &reject, &choose, &save]);
    append(&banner, &[&title, &text, &prefs, &buttons]);
    let _ = root.append_child(&banner);
    let _ = banner.focus();
}

/// Removes the banner.
pub fn hide() {
    if let Some(host) = document().get_element_by_id(HOST_ID) {
        host.remove();
    }
}

fn preferences_panel<'a>(page: &'a Page, t: &impl Fn(Text) -> &'a str) -> HtmlElement {
    let panel = element("div", &[("class", "preferences"), ("id", "crumbs-preferences"), ("data-crumbs", "preferences")], "");
    let heading = element("h3", &[], t(Text::PreferencesTitle));
    let list = element("ul", &[], "");
    let granted = page.decision.as_ref().map(|d| d.granted);
    for c in page.config.categories.iter().map(|c| c.category) {
        let id = c.id();
        let item = element("li", &[], "");
        let label = element("label", &[], "");
        let input: HtmlInputElement =
            element("input", &[("type", "checkbox"), ("role", "switch"), ("data-category", id)], "").unchecked_into();
        // Nothing is pre-ticked; strictly necessary is shown on and locked.
        let on = c == Category::Necessary || granted.is_some_and(|g| g.contains(c));
        input.set_checked(on);
        input.set_disabled(c == Category::Necessary);
        let _ = input.set_attribute("aria-checked", if on { "true" } else { "false" });
        let name = element("span", &[("class", "name")], t(Text::category_title(c)));
        append(&label, &[&input, &name]);
        if c == Category::Necessary {
            let always = element("span", &[("class", "always")], t(Text::AlwaysOn));
            append(&label, &[&always]);
        }
        let desc = element("p", &[("class", "description")], t(Text::category_description(c)));
        append(&item, &[&label, &desc]);
        append(&list, &[&item]);
    }
    // Keep aria-checked in step with the box for assistive technology.
    let on_change = Closure::<dyn FnMut(web_sys::Event)>::new(|e: web_sys::Event| {
        if let Some(input) = e.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) {
            let _ = input.set_attribute("aria-checked", if input.checked() { "true" } else { "false" });
        }
    });
    let _ = list.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
    on_change.forget();
    append(&panel, &[&heading, &list]);
    panel
}

fn toggle_preferences(button: &Element) {
    let Some(root) = root() else { return };
    let (Ok(Some(panel)), Ok(Some(save))) =
        (root.query_selector("[data-crumbs=\"preferences\"]"), root.query_selector("[data-action=\"save\"]"))
    else {
        return;
    };
    let (panel, save): (HtmlElement, HtmlElement) = (panel.unchecked_into(), save.unchecked_into());
    let open = panel.hidden();
    panel.set_hidden(!open);
    save.set_hidden(!open);
    let _ = button.set_attribute("aria-expanded", if open { "true" } else { "false" });
    if open {
        if let Ok(Some(first)) = panel.query_selector("input:not([disabled])") {
            let _ = first.unchecked_into::<HtmlElement>().focus();
        }
    }
}

fn ticked_categories(button: &Element) -> Vec<Category> {
    let Some(banner) = button.closest("[data-crumbs=\"banner\"]").ok().flatten() else { return vec![] };
    let Ok(list) = banner.query_selector_all("input[data-category]") else { return vec![] };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<HtmlInputElement>().ok())
        .filter(|input| input.checked())
        .filter_map(|input| Category::from_id(&input.get_attribute("data-category")?))
        .collect()
}
