//! The browser's copy of the known-vendor table (`dist/known.bin`), compiled on the host by
//! `crumbs compile-db`. It leaves out the hosts that need targeting consent: the browser holds
//! every host it does not know until targeting consent anyway, and those hosts (with their
//! provider names) are most of the table's bytes.
//!
//! A host is left out only where the browser still holds it then. Without its own entry a
//! tracker's host could match a laxer fact after it: a parent host (`cloudfront.net`, a
//! hosting domain that stores nothing), a generic path, or a product-named subdomain
//! (`metrics.`). Those that match one with their bare address stay in; every other left-out host
//! goes into a Bloom filter at the table's end, which `classify_url` asks before any generic
//! path, file name or subdomain label, so no path on them is judged laxer either.

use crate::prelude::*;

use super::db::{known_entries, write_filter, write_table};
use super::vendor_base::{Kind, VendorLists};
use super::{classify_url, KnownTable};
use crate::category::Category;
use crate::config::Config;

/// Compiles the browser's table from the same facts as the CLI's.
pub fn compile_browser_table(database_csv: &str, vendors: &VendorLists) -> Result<Vec<u8>, String> {
    let (mut kept, targeting): (Vec<_>, Vec<_>) =
        known_entries(database_csv, vendors)?.into_iter().partition(|e| !(e.kind == Kind::Host && e.code == 't'));
    let without = KnownTable::from_bytes(write_table(kept.clone())).map_err(|e| format!("{e:?}"))?.with_own_rules();
    let config = Config::default();
    let laxer = |pattern: &str| {
        let url = format!("https://{pattern}");
        classify_url(&url, None, &config, &without).category.is_some_and(|c| c != Category::Targeting)
    };
    let (laxer, left_out): (Vec<_>, Vec<_>) = targeting.into_iter().partition(|e| laxer(&e.pattern));
    kept.extend(laxer);
    let mut table = write_table(kept);
    // The hosts of those left out (a `host/path` fact by its host), so that the browser still
    // holds them when a generic path or file name would match them (`classify_url`).
    let mut hosts: Vec<&str> = left_out.iter().map(|e| e.pattern.split('/').next().unwrap_or_default()).collect();
    hosts.sort_unstable();
    hosts.dedup();
    write_filter(&mut table, &hosts);
    Ok(table)
}
