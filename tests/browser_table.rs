//! The browser's known-vendor table leaves out the hosts that need targeting consent, because
//! the browser holds an unknown host until then anyway (`classify::browser_table`). That only
//! holds if nothing after the table (a parent host, generic paths, product-named subdomains)
//! gives such a host a laxer answer in the browser than the whole table gives the CLI.
#![cfg(not(target_arch = "wasm32"))]

use crumbs::category::Category;
use crumbs::classify::browser_table::compile_browser_table;
use crumbs::classify::db::compile_known;
use crumbs::classify::vendor_base::{vendor_entries, Kind, VendorLists};
use crumbs::classify::{classify_url, KnownTable};
use crumbs::config::Config;

fn data(path: &str) -> String {
    std::fs::read_to_string(format!("{}/data/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

#[test]
fn a_host_left_out_of_the_browsers_table_is_never_judged_laxer_there() {
    let (csv, t, c, w) = (
        data("open-cookie-database/open-cookie-database.csv"),
        data("vendors/tarteaucitron-services.tsv"),
        data("vendors/c15t-scripts.tsv"),
        data("vendors/whotracksme-domains.tsv"),
    );
    let lists = VendorLists { tarteaucitron: &t, c15t: &c, whotracksme: &w };
    let table = |bytes: Vec<u8>| KnownTable::from_bytes(bytes).unwrap().with_own_rules();
    let (cli, browser) = (table(compile_known(&csv, &lists).unwrap()), table(compile_browser_table(&csv, &lists).unwrap()));
    let config = Config::default();
    let left_out: Vec<String> =
        vendor_entries(&lists).unwrap().into_iter().filter(|e| e.kind == Kind::Host && e.code == 't').map(|e| e.pattern).collect();
    assert!(left_out.len() > 1000, "the vendor lists are missing: {}", left_out.len());
    let mut laxer = Vec::new();
    for pattern in &left_out {
        let url = format!("https://{pattern}");
        let whole = classify_url(&url, Some("example.org"), &config, &cli).category;
        let there = classify_url(&url, Some("example.org"), &config, &browser).category;
        // Unknown in the browser means held until targeting consent: never laxer.
        if there.is_some() && there != whole && there != Some(Category::Targeting) {
            laxer.push(format!("{url}: {there:?} in the browser, {whole:?} with the whole table"));
        }
    }
    assert!(laxer.is_empty(), "{} hosts judged laxer in the browser:\n{}", laxer.len(), laxer.join("\n"));
    // And the browser's copy still leaves most of them out: its byte budget depends on it.
    let unknown = left_out.iter().filter(|p| classify_url(&format!("https://{p}"), None, &config, &browser).category.is_none()).count();
    assert!(unknown * 10 > left_out.len() * 9, "only {unknown} of {} left out", left_out.len());
}
