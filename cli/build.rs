//! Compiles the Open Cookie Database into the CLI at build time, with the same code
//! `crumbs compile-db` runs.

/// What `db.rs` takes from the crate's prelude (the library's, for its `no_std` builds).
#[allow(unused_imports)]
mod prelude {
    pub use std::{string::String, string::ToString, vec, vec::Vec};
}

#[path = "../src/classify/db.rs"]
#[allow(dead_code)]
mod db;

fn main() {
    let csv_path = "../data/open-cookie-database/open-cookie-database.csv";
    println!("cargo:rerun-if-changed={csv_path}");
    println!("cargo:rerun-if-changed=../src/classify/db.rs");
    let csv = std::fs::read_to_string(csv_path).expect("the Open Cookie Database CSV is in data/");
    let table = db::compile_csv(&csv).expect("the CSV has the expected columns");
    let out = std::path::Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("cookies.bin");
    std::fs::write(out, table).expect("OUT_DIR is writable");
}
