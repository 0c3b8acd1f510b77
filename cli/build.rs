//! Compiles the known-vendor table (the vendor lists and the Open Cookie Database) into the CLI
//! at build time, with the same code `crumbs compile-db` runs.

/// What `db.rs` and `vendor_base.rs` take from the crate's prelude (the library's, for its
/// `no_std` builds).
#[allow(unused_imports)]
mod prelude {
    pub use std::{string::String, string::ToString, vec, vec::Vec};
}

#[path = "../src/classify/vendor_base.rs"]
#[allow(dead_code)]
mod vendor_base;

#[path = "../src/classify/db.rs"]
#[allow(dead_code)]
mod db;

fn main() {
    let read = |path: &str| {
        println!("cargo:rerun-if-changed={path}");
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
    };
    println!("cargo:rerun-if-changed=../src/classify/db.rs");
    println!("cargo:rerun-if-changed=../src/classify/vendor_base.rs");
    let csv = read("../data/open-cookie-database/open-cookie-database.csv");
    let (t, c, w) = (
        read("../data/vendors/tarteaucitron-services.tsv"),
        read("../data/vendors/c15t-scripts.tsv"),
        read("../data/vendors/whotracksme-domains.tsv"),
    );
    let lists = vendor_base::VendorLists { tarteaucitron: &t, c15t: &c, whotracksme: &w };
    let table = db::compile_known(&csv, &lists).expect("the data files have the expected columns");
    let out = std::path::Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("known.bin");
    std::fs::write(out, table).expect("OUT_DIR is writable");
}
