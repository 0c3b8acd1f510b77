//! The browser's known-vendor table leaves out the hosts that need targeting consent, because
//! the browser holds an unknown host until then anyway (`classify::browser_table`). That only
//! holds if nothing after the table (a parent host, generic paths and file names, subdomain
//! labels) gives such a host, or any path on it, a laxer answer in the browser than the whole
//! table gives the CLI.
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
    // The bare address, and paths and file names a generic rule, the fonts API's shape or a
    // subdomain label would match on a host the table does not know.
    let paths = [
        "",
        "/js/jquery.min.js",
        "/v1/captcha.js",
        "/cdn-cgi/x.js",
        "/wp-includes/js/x.js",
        "/wp-content/themes/x/y.js",
        "/pub/static/x.js",
        "/js/cookie-consent.js",
        "/checkout.js",
        "/widget/x.js",
        "/css?family=Roboto",
        "/analytics.js",
        "/maps/x.js",
    ];
    let mut laxer = Vec::new();
    for pattern in &left_out {
        for path in paths {
            let url = format!("https://{}{path}", pattern.trim_end_matches('/'));
            let there = classify_url(&url, Some("example.org"), &config, &browser).category;
            // Unknown in the browser means held until targeting consent: never laxer.
            if there.is_none() || there == Some(Category::Targeting) {
                continue;
            }
            let whole = classify_url(&url, Some("example.org"), &config, &cli).category;
            if there != whole {
                laxer.push(format!("{url}: {there:?} in the browser, {whole:?} with the whole table"));
            }
        }
    }
    assert!(laxer.is_empty(), "{} URLs judged laxer in the browser:\n{}", laxer.len(), laxer.join("\n").chars().take(4000).collect::<String>());
    // And the browser's copy still leaves most of them out: its byte budget depends on it.
    assert!(cli.len() - browser.len() > left_out.len() * 9 / 10, "only {} of {} left out", cli.len() - browser.len(), left_out.len());
    // A host the lists do not know is rarely taken for a left-out one (the filter's false hits).
    let strangers = (0..2000).filter(|i| browser.left_out_tracker(&format!("site-{i}.example"))).count();
    assert!(strangers < 60, "{strangers} of 2000 unknown hosts read as left-out trackers");
}
