//! Compiles the Open Cookie Database CSV into crumbs' compact cookie table (`cookies.bin`).
//!
//! Self-contained on purpose (std and the `csv` crate only): the CLI's build script includes this
//! file to compile the table at build time, and `crumbs compile-db` runs the same function.
//!
//! Format, UTF-8 text (small, and it compresses well):
//! ```text
//! crumbs-cookies 1
//! <number of providers>
//! <provider>                     one line each, referred to by index
//! <category><kind>\t<provider index>\t<name>
//! ```
//! `category` is `n`, `p`, `f` or `t` (necessary, performance, functionality, targeting);
//! `kind` is `=` for an exact name or `*` for a prefix. Descriptions are left out.

use crate::prelude::*;

/// First line of every table this version writes.
pub const MAGIC: &str = "crumbs-cookies 1";

/// Shortest wildcard prefix kept: shorter ones (`_s`, `SR`, `tp`) match unrelated cookies.
pub const MIN_PREFIX: usize = 4;

/// Rows the database flags as wildcards that are really exact names.
#[cfg(not(target_arch = "wasm32"))]
const NOT_REALLY_PREFIXES: [&str; 2] = ["JSESSIONID", "usprivacy"];

/// The crumbs category code of an Open Cookie Database category, per its README.
#[cfg(not(target_arch = "wasm32"))]
fn category_code(ocd: &str) -> Option<char> {
    match ocd.trim() {
        "Functional" | "Security" | "Necessary" => Some('n'),
        "Personalization" => Some('f'),
        "Analytics" => Some('p'),
        "Marketing" => Some('t'),
        _ => None,
    }
}

/// How much consent a code needs, to settle names listed twice: the stricter one wins.
#[cfg(not(target_arch = "wasm32"))]
fn strictness(code: char) -> u8 {
    match code {
        'n' => 0,
        'f' => 1,
        'p' => 2,
        _ => 3,
    }
}

/// Cleans a name: stray whitespace (one row ends in a TAB) and soft hyphens (U+00AD) removed.
pub fn clean_name(name: &str) -> String {
    name.trim().chars().filter(|&c| c != '\u{AD}' && !c.is_whitespace()).collect()
}

/// Compiles the CSV (RFC 4180, read by the `csv` crate) into the table; an error names the
/// missing column or the row that is not CSV. Host only: the browser gets the table.
#[cfg(not(target_arch = "wasm32"))]
pub fn compile_csv(csv: &str) -> Result<Vec<u8>, String> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(csv.as_bytes());
    let header = reader.headers().map_err(|e| e.to_string())?.clone();
    if header.is_empty() {
        return Err("empty CSV".into());
    }
    let col = |name: &str| header.iter().position(|h| h.trim() == name).ok_or(format!("no column {name:?}"));
    let (c_platform, c_category, c_name, c_wild) = (col("Platform")?, col("Category")?, col("Cookie / Data Key name")?, col("Wildcard match")?);
    // (name, is_prefix) → (code, provider), settling duplicates by strictness.
    let mut entries: Vec<(String, bool, char, String)> = vec![];
    for row in reader.records() {
        let row = row.map_err(|e| e.to_string())?;
        let get = |i: usize| row.get(i).unwrap_or("");
        let Some(code) = category_code(get(c_category)) else { continue };
        let name = clean_name(get(c_name));
        let mut is_prefix = get(c_wild).trim() == "1";
        if NOT_REALLY_PREFIXES.contains(&name.as_str()) {
            is_prefix = false;
        }
        if name.is_empty() || (is_prefix && name.chars().count() < MIN_PREFIX) {
            continue;
        }
        let provider = get(c_platform).trim().to_string();
        match entries.iter_mut().find(|e| e.0 == name && e.1 == is_prefix) {
            Some(e) if strictness(code) > strictness(e.2) => {
                e.2 = code;
                e.3 = provider;
            }
            Some(_) => {}
            None => entries.push((name, is_prefix, code, provider)),
        }
    }
    entries.sort();
    let mut providers: Vec<&str> = entries.iter().map(|e| e.3.as_str()).collect();
    providers.sort_unstable();
    providers.dedup();
    let mut out = String::new();
    out.push_str(MAGIC);
    out.push('\n');
    out.push_str(&providers.len().to_string());
    out.push('\n');
    for p in &providers {
        out.push_str(p);
        out.push('\n');
    }
    for (name, is_prefix, code, provider) in &entries {
        let idx = providers.binary_search(&provider.as_str()).unwrap_or(0);
        out.push(*code);
        out.push(if *is_prefix { '*' } else { '=' });
        out.push('\t');
        out.push_str(&idx.to_string());
        out.push('\t');
        out.push_str(name);
        out.push('\n');
    }
    Ok(out.into_bytes())
}
