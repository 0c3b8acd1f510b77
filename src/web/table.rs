//! The cookie table on the site's policy page: every `[data-crumbs-table]` element gets one
//! table per category, in the page's own light DOM so the site's styles apply. Every cell is
//! set as text.

use super::dom::{append, document, element};
use super::Page;
use crate::category::Category;
use crate::texts::{resolve, Text};
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
        }
    }
}

fn render_into(page: &Page, host: &Element) {
    let t = |text| resolve(&page.config.texts, &page.shipped, &page.language, text);
    let columns = [Text::TableCookie, Text::TableProvider, Text::TablePurpose, Text::TableExpires];
    for category in Category::ALL {
        let declared = page.config.categories.iter().find(|c| c.category == category).map(|c| c.cookies.as_slice()).unwrap_or(&[]);
        let table = element("table", &[("class", "crumbs-table"), ("data-category", category.id())], "");
        append(&table, &[&element("caption", &[], t(Text::category_title(category)))]);
        let head = element("thead", &[], "");
        let tr = element("tr", &[], "");
        for c in columns {
            append(&tr, &[&element("th", &[("scope", "col")], t(c))]);
        }
        append(&head, &[&tr]);
        let body = element("tbody", &[], "");
        if declared.is_empty() {
            let tr = element("tr", &[], "");
            append(&tr, &[&element("td", &[("colspan", "4")], t(Text::TableNoCookies))]);
            append(&body, &[&tr]);
        }
        for d in declared {
            let tr = element("tr", &[], "");
            let name = d.display_name();
            for cell in [name.as_str(), &d.provider, &d.purpose, &d.expiry] {
                append(&tr, &[&element("td", &[], cell)]);
            }
            append(&body, &[&tr]);
        }
        append(&table, &[&head, &body]);
        append(host, &[&table]);
    }
}
