//! What crumbs shows: the banner (first layer), the preferences dialog (a modal), or the
//! floating "Cookie settings" button; and the clicks and keys inside them.

use crate::prelude::*;

use super::dom::{append, element, mount};
use super::root::{self, focus};
use super::Page;
use crate::category::Category;
use crate::session::Action;
use crate::texts::Text;
use crate::view::{ACCEPT_ALL, PREFERENCES, REJECT_ALL};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement, KeyboardEvent, ShadowRoot};

/// One of the things crumbs can show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    /// The first layer: title, text, accept / reject / choose.
    Banner,
    /// The modal with one switch per category.
    Preferences,
    /// Only the floating button that reopens the preferences.
    SettingsButton,
    /// Nothing at all.
    Nothing,
}

/// Replaces whatever is shown with `view`, and moves focus into it.
pub fn render(page: &Page, view: View) {
    if view == View::Nothing {
        root::remove();
        return;
    }
    let Some(root) = root::root(page.config().theme.id()) else { return };
    root::clear(&root);
    let t = |text| page.text(text);
    let shown = match view {
        View::Banner => mount(&banner(page)),
        View::Preferences => preferences(page, &t),
        _ => element("button", &[("type", "button"), ("class", "settings"), ("data-action", PREFERENCES)], t(Text::SettingsButton)),
    };
    // The banner's tree carries its own lang and dir; the other views get them here.
    if view != View::Banner {
        let _ = shown.set_attribute("lang", page.language());
        let _ = shown.set_attribute("dir", crate::texts::direction(page.language()));
    }
    let _ = root.append_child(&shown);
    match view {
        View::Banner => focus(&shown),
        View::Preferences => {
            // Start at the first choice the visitor can make, else the first button.
            let first = shown.query_selector("input:not([disabled])").ok().flatten().or_else(|| shown.query_selector("button").ok().flatten());
            if let Some(first) = first {
                focus(&first);
            }
        }
        _ => {}
    }
}

/// The banner's tree for this page view.
pub fn banner(page: &Page) -> crate::view::Element {
    let input = crate::view::BannerInput {
        layout: page.config().layout,
        policy_url: page.config().policy_url.as_deref(),
        gpc: page.session.gpc(),
        language: page.language(),
        rules: page.session.rules(),
    };
    crate::view::banner(&input, |text| page.text(text))
}

fn button(action: &str, class: &str, label: &str) -> HtmlElement {
    mount(&crate::view::button(action, class, label))
}

fn preferences<'a>(page: &'a Page, t: &impl Fn(Text) -> &'a str) -> HtmlElement {
    let backdrop = element("div", &[("class", "backdrop")], "");
    let dialog = element(
        "section",
        &[("class", "modal"), ("data-crumbs", "preferences"), ("role", "dialog"), ("aria-modal", "true"), ("aria-labelledby", "crumbs-prefs-title")],
        "",
    );
    let header = element("div", &[("class", "header")], "");
    let title = element("h2", &[("id", "crumbs-prefs-title")], t(Text::PreferencesTitle));
    let close = element("button", &[("type", "button"), ("data-action", "close"), ("class", "close"), ("aria-label", t(Text::Close))], "×");
    append(&header, &[&title, &close]);
    append(&dialog, &[&header]);
    if page.session.gpc() {
        append(&dialog, &[&element("p", &[("class", "gpc"), ("data-crumbs", "gpc")], t(Text::GpcHonoured))]);
    }
    let list = element("ul", &[("class", "categories")], "");
    let found = found_cookies(page);
    for c in &page.config().categories {
        let here: Vec<(String, String)> = found.iter().filter(|(cat, _, _)| *cat == c.category).map(|(_, n, p)| (n.clone(), p.clone())).collect();
        append(&list, &[&category_item(c, &here, page.session.standing(), page.decision(), t)]);
    }
    let buttons = element("div", &[("class", "buttons")], "");
    append(
        &buttons,
        &[
            &button(ACCEPT_ALL, "choice", t(Text::AcceptAll)),
            &button(REJECT_ALL, "choice", t(Text::RejectAll)),
            &button("save", "secondary", t(Text::SaveChoices)),
        ],
    );
    append(&dialog, &[&list, &buttons]);
    append(&backdrop, &[&dialog]);
    backdrop
}

/// A labelled switch row: `(attribute, value)` marks what it controls.
fn switch_row(key: (&str, &str), label: &str, description: Option<&str>, on: bool, locked: bool, locked_note: &str) -> HtmlElement {
    let mut input_id = String::from("crumbs-");
    input_id.push_str(key.0);
    input_id.push('-');
    input_id.push_str(key.1);
    let mut desc_id = input_id.clone();
    desc_id.push_str("-desc");
    let wrap = element("div", &[], "");
    let row = element("div", &[("class", "row")], "");
    let label = element("label", &[("for", &input_id)], label);
    let mut attrs = vec![("type", "checkbox"), ("role", "switch"), ("id", input_id.as_str()), key];
    if description.is_some() {
        attrs.push(("aria-describedby", &desc_id));
    }
    let input: HtmlInputElement = element("input", &attrs, "").unchecked_into();
    input.set_checked(on);
    input.set_disabled(locked);
    append(&row, &[&label]);
    if locked {
        append(&row, &[&element("span", &[("class", "always")], locked_note)]);
    }
    append(&row, &[&input]);
    append(&wrap, &[&row]);
    if let Some(d) = description {
        append(&wrap, &[&element("p", &[("class", "description"), ("id", &desc_id)], d)]);
    }
    wrap
}

fn category_item<'a>(
    c: &'a crate::config::CategoryConfig,
    found: &[(String, String)],
    standing: crate::category::CategorySet,
    decision: Option<&crate::consent::ConsentRecord>,
    t: &impl Fn(Text) -> &'a str,
) -> HtmlElement {
    let item = element("li", &[("class", "category")], "");
    // Nothing is pre-ticked but what is in force: the visitor's own earlier choice, what the
    // regional rules run by default (which the switch turns off), and the locked necessary.
    let necessary = c.category == Category::Necessary;
    let on = necessary || standing.contains(c.category);
    let head = switch_row(
        ("data-category", c.category.id()),
        t(Text::category_title(c.category)),
        Some(t(Text::category_description(c.category))),
        on,
        necessary,
        t(Text::AlwaysOn),
    );
    append(&item, &[&head]);
    if !c.services.is_empty() {
        let services = element("ul", &[("class", "services")], "");
        for s in &c.services {
            let on = decision.is_some_and(|d| d.allows_service(&s.id, Some(c.category)));
            let li = element("li", &[("data-parent", c.category.id())], "");
            append(&li, &[&switch_row(("data-service", &s.id), &s.name, s.purpose.as_deref(), on, false, "")]);
            append(&services, &[&li]);
        }
        append(&item, &[&services]);
    }
    if !c.cookies.is_empty() || !found.is_empty() {
        let details = element("details", &[], "");
        let summary = element("summary", &[], t(Text::ShowCookies));
        let table = element("table", &[], "");
        let columns = [Text::TableCookie, Text::TableProvider, Text::TablePurpose, Text::TableExpires].map(t);
        let head = element("tr", &[], "");
        for h in columns {
            append(&head, &[&element("th", &[("scope", "col")], h)]);
        }
        append(&table, &[&head]);
        for d in &c.cookies {
            let tr = element("tr", &[], "");
            let name = d.display_name();
            for (cell, label) in [name.as_str(), &d.provider, &d.purpose, &d.expiry].into_iter().zip(columns) {
                append(&tr, &[&element("td", &[("data-label", label)], cell)]);
            }
            append(&table, &[&tr]);
        }
        // Cookies in this browser that the classifier puts here though the site did not declare them.
        for (name, provider) in found {
            let tr = element("tr", &[("data-found", "")], "");
            for (cell, label) in [name.as_str(), provider, "", ""].into_iter().zip(columns) {
                append(&tr, &[&element("td", &[("data-label", label)], cell)]);
            }
            append(&table, &[&tr]);
        }
        append(&details, &[&summary, &table]);
        append(&item, &[&details]);
    }
    item
}

/// Undeclared cookies in this browser that the classifier knows: `(category, name, provider)`.
fn found_cookies(page: &Page) -> Vec<(Category, String, String)> {
    let live = super::known::live_cookie_names();
    super::known::with_table(|db| {
        let empty = crate::classify::KnownTable::empty();
        let db = db.unwrap_or(&empty);
        live.into_iter()
            .filter(|n| page.config().declared_cookie(n).is_none())
            .filter_map(|n| {
                let c = crate::classify::classify_cookie(&n, None, page.config(), db);
                c.category.map(|cat| (cat, n, c.provider))
            })
            .collect()
    })
}

/// Clicks inside crumbs' root: every control carries a `data-action`.
pub fn on_click(e: web_sys::Event) {
    let Some(button) = e.target().and_then(|t| t.dyn_into::<Element>().ok()).and_then(|t| t.closest("[data-action]").ok().flatten()) else {
        return;
    };
    let actor = super::actor_of(&e);
    match button.get_attribute("data-action").as_deref() {
        Some(ACCEPT_ALL) => super::act(Action::AcceptAll, actor),
        Some(REJECT_ALL) => super::act(Action::RejectAll, actor),
        Some(PREFERENCES) => super::show_preferences(),
        Some(crate::view::DO_NOT_SELL) => super::act(Action::DoNotSell, actor),
        Some("save") => {
            let (categories, services) = ticked(&button);
            super::save_choices(categories, services, actor)
        }
        Some("close") => super::close_preferences(),
        _ => {}
    }
}

/// Clicks on the page: a `data-crumbs-do-not-sell` link (in a footer, say) is crumbs' control
/// too, the visitor's opt-out when the browser says they clicked it.
pub fn on_do_not_sell_link(e: &web_sys::Event) {
    let link = e.target().and_then(|t| t.dyn_into::<Element>().ok()).and_then(|t| t.closest("[data-crumbs-do-not-sell]").ok().flatten());
    if link.is_some() {
        e.prevent_default();
        super::act(Action::DoNotSell, super::actor_of(e));
    }
}

/// Escape closes the preferences; Tab and Shift+Tab stay inside the modal.
pub fn on_keydown(e: web_sys::Event) {
    let Some(e) = e.dyn_ref::<KeyboardEvent>() else { return };
    let Some(dialog) = open_dialog(e) else { return };
    match e.key().as_str() {
        "Escape" => {
            e.prevent_default();
            super::close_preferences();
        }
        "Tab" => {
            let Ok(list) = dialog.query_selector_all("button:not([hidden]), input:not([disabled]), summary, a[href]") else { return };
            let (Some(first), Some(last)) = (list.item(0), list.item(list.length().saturating_sub(1))) else { return };
            let active = root::focused().map(JsCast::unchecked_into::<web_sys::Node>);
            let at = |n: &web_sys::Node| active.as_ref().is_some_and(|a| a.is_same_node(Some(n)));
            if e.shift_key() && at(&first) {
                e.prevent_default();
                focus(last.unchecked_ref());
            } else if !e.shift_key() && at(&last) {
                e.prevent_default();
                focus(first.unchecked_ref());
            }
        }
        _ => {}
    }
}

fn open_dialog(e: &KeyboardEvent) -> Option<Element> {
    let target = e.target()?.dyn_into::<web_sys::Node>().ok()?;
    let root: ShadowRoot = target.get_root_node().dyn_into().ok()?;
    root.query_selector("[data-crumbs=\"preferences\"]").ok().flatten()
}

/// Keeps category and service switches consistent: a category switch sets all its services;
/// switching one service off switches its category off (a granted category means all of them).
pub fn on_change(e: web_sys::Event) {
    let Some(input) = e.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else { return };
    let Some(item) = input.closest(".category").ok().flatten() else { return };
    if input.has_attribute("data-category") {
        if let Ok(list) = item.query_selector_all("input[data-service]") {
            for i in 0..list.length() {
                if let Some(s) = list.item(i).and_then(|n| n.dyn_into::<HtmlInputElement>().ok()) {
                    s.set_checked(input.checked());
                }
            }
        }
    } else if !input.checked() {
        if let Ok(Some(cat)) = item.query_selector("input[data-category]") {
            cat.unchecked_into::<HtmlInputElement>().set_checked(false);
        }
    }
}

/// The categories and services switched on in the preferences dialog.
fn ticked(button: &Element) -> (Vec<Category>, Vec<String>) {
    let mut categories = vec![];
    let mut services = vec![];
    let Some(dialog) = button.closest("[data-crumbs=\"preferences\"]").ok().flatten() else { return (categories, services) };
    let Ok(list) = dialog.query_selector_all("input[data-category], input[data-service]") else { return (categories, services) };
    for input in (0..list.length()).filter_map(|i| list.item(i)?.dyn_into::<HtmlInputElement>().ok()) {
        if !input.checked() {
            continue;
        }
        if let Some(c) = input.get_attribute("data-category").and_then(|id| Category::from_id(&id)) {
            categories.push(c);
        } else if let Some(s) = input.get_attribute("data-service") {
            services.push(s);
        }
    }
    (categories, services)
}
