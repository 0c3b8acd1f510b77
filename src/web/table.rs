//! The cookie table on the site's policy page: every `[data-crumbs-table]` element gets one
//! table per category, in the page's own light DOM so the site's styles apply. Every cell is
//! set as text. `data-crumbs-table="observed"` adds the cookies present in this browser.

use crate::prelude::*;

use super::dom::{append, document, element};
use super::Page;
use crate::texts::Text;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

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
            render_declared(page, &host);
            if host.get_attribute("data-crumbs-table").as_deref() == Some("observed") {
                render_observed(page, &host);
            }
        }
    }
}

/// A `<table>` with a caption, a header row and `rows`; `empty` fills a table without rows.
fn table<S: AsRef<str>>(attrs: &[(&str, &str)], caption: &str, headers: &[&str], rows: &[Vec<S>], empty: &str) -> HtmlElement {
    let el = element("table", attrs, "");
    append(&el, &[&element("caption", &[], caption)]);
    let head = element("thead", &[], "");
    let tr = element("tr", &[], "");
    for h in headers {
        append(&tr, &[&element("th", &[("scope", "col")], h)]);
    }
    append(&head, &[&tr]);
    let body = element("tbody", &[], "");
    if rows.is_empty() {
        let tr = element("tr", &[], "");
        let mut span = String::new();
        crate::consent::push_dec(&mut span, headers.len() as u64);
        append(&tr, &[&element("td", &[("colspan", &span)], empty)]);
        append(&body, &[&tr]);
    }
    for row in rows {
        let tr = element("tr", &[], "");
        for cell in row {
            append(&tr, &[&element("td", &[], cell.as_ref())]);
        }
        append(&body, &[&tr]);
    }
    append(&el, &[&head, &body]);
    el
}

fn render_declared(page: &Page, host: &Element) {
    let t = crate::cookie_table::cookie_table(page.config(), &page.shipped, page.language());
    let headers: Vec<&str> = t.columns.iter().map(String::as_str).collect();
    for sec in &t.sections {
        let rows: Vec<Vec<&str>> = sec.rows.iter().map(|r| r.iter().map(String::as_str).collect()).collect();
        let attrs = [("class", "crumbs-table"), ("data-category", sec.category.id())];
        append(host, &[&table(&attrs, &sec.title, &headers, &rows, &t.no_cookies)]);
    }
}

/// The cookies present in this browser, classified (after the known-cookie table loaded).
fn render_observed(page: &Page, host: &Element) {
    let live = super::known::live_cookie_names();
    let live: Vec<&str> = live.iter().map(String::as_str).collect();
    let rows = super::known::with_table(|t| {
        let empty = crate::classify::KnownTable::empty();
        crate::cookie_table::observed_rows(page.config(), t.unwrap_or(&empty), &page.shipped, page.language(), &live)
    });
    let rows: Vec<Vec<&str>> = rows.iter().map(|r| r.iter().map(String::as_str).collect()).collect();
    let t = |text| page.text(text);
    let headers = [t(Text::TableCookie), t(Text::TableCategory), t(Text::TableProvider)];
    let attrs = [("class", "crumbs-table"), ("data-crumbs", "observed")];
    append(host, &[&table(&attrs, t(Text::TableObserved), &headers, &rows, t(Text::TableNoCookies))]);
}
