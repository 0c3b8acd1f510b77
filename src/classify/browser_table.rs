//! The browser's copy of the known-vendor table (`dist/known.bin`), compiled on the host by
//! `crumbs compile-db`. It leaves out the hosts that need targeting consent: the browser holds
//! every host it does not know until targeting consent anyway, and those hosts (with their
//! provider names) are most of the table's bytes.
//!
//! A host is left out only where the browser still holds it then. Without its own entry a
//! tracker's host could match a laxer fact after it: a parent host (`cloudfront.net`, a
//! hosting domain that stores nothing), a generic path, or a product-named subdomain
//! (`metrics.`). Those hosts stay in.

use crate::prelude::*;

use super::db::{known_entries, write_table};
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
    kept.extend(targeting.into_iter().filter(|e| laxer(&e.pattern)));
    Ok(write_table(kept))
}
