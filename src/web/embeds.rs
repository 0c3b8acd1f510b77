//! Embeds: `<iframe data-src="…">` (with `data-category` and/or `data-service`, or a URL the
//! classifier knows) stays empty until allowed, as do the objects, embeds and preload links
//! the pre-blocker held. Meanwhile a placeholder of the same size names
//! the provider and the category and offers "Load once" and "Always allow". Nothing is
//! fetched for the placeholder: no thumbnail, no provider script.

use crate::prelude::*;

use super::dom::{append, document, element, select_all};
use super::known::classify_page_url;
use super::root::{listen, shadow_with_styles};
use super::Page;
use crate::activation::Verdict;
use crate::category::Category;
use crate::texts::Text;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// Marks an iframe crumbs has loaded, so it is left alone afterwards.
const LOADED: &str = "data-crumbs-loaded";

/// The category an embed's markup gives: its `data-category`, else its service's.
fn marked_category(el: &Element, page: &Page) -> Option<Category> {
    el.get_attribute("data-category")
        .and_then(|c| Category::from_id(c.trim()))
        .or_else(|| el.get_attribute("data-service").and_then(|s| page.config().service_category(&s)))
}

/// The category an embed needs: the one its markup gives, else its URL's.
fn embed_category(el: &Element, page: &Page) -> Option<Category> {
    marked_category(el, page).or_else(|| classify_page_url(&el.get_attribute("data-src").unwrap_or_default(), page.config()).category)
}

/// Loads every embed the decision allows and puts placeholders on the others.
pub fn apply(page: &Page) {
    let held = select_all("iframe[data-src], object[data-crumbs-held], embed[data-crumbs-held], link[data-crumbs-held]");
    for frame in held.into_iter().map(JsCast::unchecked_into::<HtmlElement>) {
        // One only its URL can place waits for the table, which carries crumbs' rules: a
        // placeholder drawn before would keep a host for a provider (`table_loaded` comes back).
        if frame.has_attribute(LOADED) || (super::known::table_coming(page.trusted()) && marked_category(&frame, page).is_none()) {
            continue;
        }
        let category = embed_category(&frame, page);
        let condition = category.map(|c| c.id().to_string());
        let service = frame.get_attribute("data-service");
        let src = frame.get_attribute("data-src").map(|s| super::scripts::resolved(&frame, &s));
        let host = super::scripts::page_host();
        match page.session.script_verdict(condition.as_deref(), service.as_deref(), src.as_deref(), &host) {
            Verdict::Run if page.trusted() => load(&frame),
            // A placeholder where the visitor would see the embed, in the page's own document
            // (a frame's document cannot take the page's style sheets).
            _ if frame.local_name() != "link" && frame.owner_document() == Some(document()) => placeholder(&frame, category, page),
            _ => {}
        }
    }
}

/// Gives the iframe its real address and removes its placeholder.
fn load(frame: &HtmlElement) {
    if let Some(p) = frame.previous_element_sibling().filter(|p| p.local_name() == "crumbs-embed") {
        p.remove();
    }
    // The pre-blocker's held mark names the attribute the URL goes back to (`data` for an
    // object, `href` for a link); a site's own gated iframe has none and takes `src`.
    let attribute = frame.get_attribute("data-crumbs-held").filter(|a| !a.is_empty()).unwrap_or_else(|| "src".into());
    let _ = frame.set_attribute(LOADED, "");
    let _ = frame.set_attribute("data-crumbs-activated", "");
    let _ = frame.remove_attribute("data-crumbs-held");
    frame.set_hidden(false);
    if let Some(src) = frame.get_attribute("data-src") {
        let _ = frame.set_attribute(&attribute, &src);
    }
}

fn placeholder(frame: &HtmlElement, category: Option<Category>, page: &Page) {
    if frame.previous_element_sibling().is_some_and(|p| p.local_name() == "crumbs-embed") {
        return;
    }
    let t = |text| page.text(text);
    let url = frame.get_attribute("data-src").unwrap_or_default();
    let provider = frame
        .get_attribute("data-service")
        .and_then(|s| page.config().categories.iter().flat_map(|c| &c.services).find(|x| x.id == s).map(|x| x.name.clone()))
        .unwrap_or_else(|| classify_page_url(&url, page.config()).provider);
    let provider = if provider.is_empty() { crate::classify::urls::url_host(&url).unwrap_or(url.clone()) } else { provider };
    let category_title = category.map_or("", |c| t(Text::category_title(c)));
    let message = crate::lean_str::replace(&crate::lean_str::replace(t(Text::EmbedBlocked), "{provider}", &provider), "{category}", category_title);

    let host = element("crumbs-embed", &[], "");
    // The placeholder takes the iframe's place and size, so the page does not shift.
    let rect = frame.get_bounding_client_rect();
    let size = |attr: &str, measured: f64| {
        frame.get_attribute(attr).filter(|v| v.bytes().all(|b| b.is_ascii_digit()) && !v.is_empty()).map(|v| v + "px").unwrap_or_else(|| {
            let mut s = String::new();
            crate::consent::push_dec(&mut s, measured.max(if attr == "width" { 300.0 } else { 150.0 }) as u64);
            s.push_str("px");
            s
        })
    };
    let style = host.style();
    let _ = style.set_property("display", "block");
    let _ = style.set_property("width", &size("width", rect.width()));
    let _ = style.set_property("max-width", "100%");
    let _ = style.set_property("height", &size("height", rect.height()));
    let Some(root) = shadow_with_styles(&host) else { return };
    let label = frame.get_attribute("title").unwrap_or_else(|| provider.clone());
    let box_ = element("div", &[("class", "embed"), ("role", "group"), ("aria-label", &label)], "");
    append(&box_, &[&element("p", &[], &message)]);
    if page.trusted() {
        let buttons = element("div", &[("class", "buttons")], "");
        append(
            &buttons,
            &[
                &element("button", &[("type", "button"), ("data-action", "load-once")], t(Text::LoadOnce)),
                &element("button", &[("type", "button"), ("data-action", "always-allow")], t(Text::AlwaysAllow)),
            ],
        );
        append(&box_, &[&buttons]);
    }
    let _ = root.append_child(&box_);
    listen(&root, "click", on_click);
    frame.set_hidden(true);
    let _ = frame.before_with_node_1(&host);
}

fn on_click(e: web_sys::Event) {
    let Some(button) = e.target().and_then(|t| t.dyn_into::<Element>().ok()).and_then(|t| t.closest("[data-action]").ok().flatten()) else { return };
    let Some(host) = e.current_target().and_then(|t| t.dyn_into::<web_sys::ShadowRoot>().ok()).map(|r| r.host()) else { return };
    let Some(frame) = host.next_element_sibling().and_then(|f| f.dyn_into::<HtmlElement>().ok()) else { return };
    match button.get_attribute("data-action").as_deref() {
        Some("load-once") => {
            let effects = super::with_page(|p| p.session.load_once(super::actor_of(&e))).unwrap_or_default();
            effects.warnings.iter().for_each(|w| super::dom::warn(w));
            if effects.load_embed {
                load(&frame);
            }
        }
        Some("always-allow") => {
            // Grant the embed's service when it has one, else its category, on top of the current choice.
            let target = super::with_page(|p| {
                frame
                    .get_attribute("data-service")
                    .filter(|s| p.config().service_category(s).is_some())
                    .or_else(|| embed_category(&frame, p).map(|c| c.id().to_string()))
            })
            .flatten();
            if let Some(id) = target {
                super::grant_more(&id, super::actor_of(&e));
            }
        }
        _ => {}
    }
}
