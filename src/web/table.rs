//! The cookie table on the site's policy page: every `[data-crumbs-table]` element gets one
//! table per category, in the page's own light DOM so the site's styles apply. Every cell is
//! set as text.

use super::dom::{append, document, element};
use super::Page;
use wasm_bindgen::JsCast;
use web_sys::Element;

/// Fills every `[data-crumbs-table]` on the page. With a broken config it fills nothing: an
/// empty table would wrongly tell readers that no cookies are used.
pub fn render_tables(page: &Page) {
    let Ok(hosts) = document().query_selector_all("[data-crumbs-table]") else { return };
    for i in 0..hosts.length() {
        let Some(host) = hosts.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else { continue };
        while let Some(c) = host.first_child() {
            let _ = host.remove_child(&c);
        }
        if page.trusted() {
            render_into(page, &host);
            if host.get_attribute("data-crumbs-table").as_deref() == Some("observed") {
                render_observed(page, &host);
            }
        }
    }
}

fn render_into(page: &Page, host: &Element) {
    let table = crate::cookie_table::cookie_table(&page.config, &page.shipped, &page.language);
    for sec in &table.sections {
        let el = element("table", &[("class", "crumbs-table"), ("data-category", sec.category.id())], "");
        append(&el, &[&element("caption", &[], &sec.title)]);
        let head = element("thead", &[], "");
        let tr = element("tr", &[], "");
        for c in &table.columns {
            append(&tr, &[&element("th", &[("scope", "col")], c)]);
        }
        append(&head, &[&tr]);
        let body = element("tbody", &[], "");
        if sec.rows.is_empty() {
            let tr = element("tr", &[], "");
            append(&tr, &[&element("td", &[("colspan", "4")], &table.no_cookies)]);
            append(&body, &[&tr]);
        }
        for row in &sec.rows {
            let tr = element("tr", &[], "");
            for cell in row {
                append(&tr, &[&element("td", &[], cell)]);
            }
            append(&body, &[&tr]);
        }
        append(&el, &[&head, &body]);
        append(host, &[&el]);
    }
}

/// The cookies present in this browser, classified (after the known-cookie table loaded).
fn render_observed(page: &Page, host: &Element) {
    let live = super::known::live_cookie_names();
    let live: Vec<&str> = live.iter().map(String::as_str).collect();
    let rows = super::known::with_table(|t| {
        let empty = crate::classify::KnownCookies::empty();
        crate::cookie_table::observed_rows(&page.config, t.unwrap_or(&empty), &page.shipped, &page.language, &live)
    });
    let t = |text| crate::texts::resolve(&page.config.texts, &page.shipped, &page.language, text);
    use crate::texts::Text;
    let el = element("table", &[("class", "crumbs-table"), ("data-crumbs", "observed")], "");
    append(&el, &[&element("caption", &[], t(Text::TableObserved))]);
    let head = element("thead", &[], "");
    let tr = element("tr", &[], "");
    for c in [Text::TableCookie, Text::TableCategory, Text::TableProvider] {
        append(&tr, &[&element("th", &[("scope", "col")], t(c))]);
    }
    append(&head, &[&tr]);
    let body = element("tbody", &[], "");
    for row in &rows {
        let tr = element("tr", &[], "");
        for cell in row {
            append(&tr, &[&element("td", &[], cell)]);
        }
        append(&body, &[&tr]);
    }
    append(&el, &[&head, &body]);
    append(host, &[&el]);
}
