//! Compiles crumbs' known-vendor table (`known.bin`): the vendor knowledge base
//! (`vendor_base.rs`) and the Open Cookie Database CSV, in one compact text the browser fetches
//! after the banner.
//!
//! Self-contained on purpose (std and the `csv` crate only): the CLI's build script includes this
//! file and `vendor_base.rs` to compile the table at build time, and `crumbs compile-db` runs the
//! same function.
//!
//! Format, UTF-8 text (small, and it compresses well):
//! ```text
//! crumbs-known 2
//! <number of providers>
//! <provider>                         one line each, referred to by index
//! <category><kind><origin>\t<provider index>\t<name, prefix, pattern or host/path>
//! ```
//! `category` is `n`, `p`, `f`, `t` (necessary, performance, functionality, targeting) or `z`
//! (a host that stores nothing); `kind` and `origin` are `vendor_base::Kind` and `Origin`
//! codes. Descriptions are left out.

use crate::prelude::*;

#[cfg(not(target_arch = "wasm32"))]
use super::vendor_base::{strictness, vendor_entries, Entry, Kind, Origin, VendorLists};

/// First line of every table this version writes.
pub const MAGIC: &str = "crumbs-known 2";

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

/// Words of a description that say a cookie keeps the site working or secure, or the visitor's
/// consent: such a `Functional` row stays strictly necessary.
#[cfg(not(target_arch = "wasm32"))]
const NECESSARY_WORDS: &[&str] = &[
    "session",
    "secur",
    "csrf",
    "forgery",
    "load balanc",
    "load-balanc",
    "authenticat",
    "log in",
    "login",
    "logged",
    "fraud",
    "bot",
    "captcha",
    "consent",
    "opt out",
    "opt-out",
    "opted out",
    "do not track",
    "cookie preferences",
    "cookie choice",
    "cart",
    "checkout",
    "basket",
    "firewall",
    "ddos",
    "token",
    "spam",
];
/// Words that say a cookie remembers the visitor's choices or serves a feature they use.
#[cfg(not(target_arch = "wasm32"))]
const FUNCTIONALITY_WORDS: &[&str] = &[
    "language",
    "locale",
    "currency",
    "country",
    "region",
    "chat",
    "recently viewed",
    "compare",
    "comparison",
    "wishlist",
    "wish list",
    "font size",
    "volume",
    "video player",
    "survey",
    "feedback",
    "poll",
    "remember",
    "preferen",
    "comment",
    "emoji",
    "widget",
    "recently",
    "launcher",
    "sidebar",
];
/// Words that say a cookie measures the visit.
#[cfg(not(target_arch = "wasm32"))]
const PERFORMANCE_WORDS: &[&str] = &["analytic", "statistic", "a/b", "experiment", "heatmap", "session recording", "measure"];

/// The upstream `Functional` category means "technical, essential or strictly necessary", but
/// also holds preference, chat and analytics cookies (data README): the description tells
/// them apart. Descriptions are read here only, at build time; none reaches the table.
#[cfg(not(target_arch = "wasm32"))]
fn functional_by_description(description: &str) -> char {
    let d = description.to_lowercase();
    let any = |words: &[&str]| words.iter().any(|w| d.contains(w));
    if any(NECESSARY_WORDS) {
        'n'
    } else if any(PERFORMANCE_WORDS) {
        'p'
    } else if any(FUNCTIONALITY_WORDS) {
        'f'
    } else {
        'n'
    }
}

/// Cleans a name: stray whitespace (one row ends in a TAB) and soft hyphens (U+00AD) removed.
pub fn clean_name(name: &str) -> String {
    name.trim().chars().filter(|&c| c != '\u{AD}' && !c.is_whitespace()).collect()
}

/// The Open Cookie Database's facts (RFC 4180 CSV, read by the `csv` crate); an error names the
/// missing column or the row that is not CSV.
#[cfg(not(target_arch = "wasm32"))]
pub fn database_entries(csv: &str) -> Result<Vec<Entry>, String> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(csv.as_bytes());
    let header = reader.headers().map_err(|e| e.to_string())?.clone();
    if header.is_empty() {
        return Err("empty CSV".into());
    }
    let col = |name: &str| header.iter().position(|h| h.trim() == name).ok_or(format!("no column {name:?}"));
    let (c_platform, c_category, c_name, c_wild) = (col("Platform")?, col("Category")?, col("Cookie / Data Key name")?, col("Wildcard match")?);
    let c_description = col("Description").ok();
    let mut entries = vec![];
    for row in reader.records() {
        let row = row.map_err(|e| e.to_string())?;
        let get = |i: usize| row.get(i).unwrap_or("");
        let Some(mut code) = category_code(get(c_category)) else { continue };
        if get(c_category).trim() == "Functional" {
            code = functional_by_description(c_description.map_or("", get));
        }
        let name = clean_name(get(c_name));
        let is_prefix = get(c_wild).trim() == "1" && !NOT_REALLY_PREFIXES.contains(&name.as_str());
        if name.is_empty() || (is_prefix && name.chars().count() < MIN_PREFIX) {
            continue;
        }
        let kind = if is_prefix { Kind::Prefix } else { Kind::Exact };
        entries.push(Entry { kind, pattern: name, code, provider: get(c_platform).trim().to_string(), origin: Origin::OpenCookieDatabase });
    }
    Ok(entries)
}

/// Writes the table. Where two facts match the same name or host, the stricter category wins,
/// whichever source gives it: the database's `Functional` column holds some tracking cookies
/// (`_pinterest_sess`), and a vendor list names every cookie seen with a service, other
/// vendors' included (Issuu's lists Quantcast's `__qca`). At equal strictness the database's
/// fact is kept, as it describes each cookie.
#[cfg(not(target_arch = "wasm32"))]
pub fn write_table(mut entries: Vec<Entry>) -> Vec<u8> {
    let tier = |e: &Entry| u8::from(e.origin == Origin::OpenCookieDatabase);
    entries.sort_by(|a, b| (a.kind, &a.pattern).cmp(&(b.kind, &b.pattern)).then((strictness(b.code), tier(b)).cmp(&(strictness(a.code), tier(a)))));
    entries.dedup_by(|later, first| later.kind == first.kind && later.pattern == first.pattern);
    let mut providers: Vec<&str> = entries.iter().map(|e| e.provider.as_str()).collect();
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
    for e in &entries {
        let idx = providers.binary_search(&e.provider.as_str()).unwrap_or(0);
        out.push(e.code);
        out.push(e.kind.code());
        out.push(e.origin.code());
        out.push('\t');
        out.push_str(&idx.to_string());
        out.push('\t');
        out.push_str(&e.pattern);
        out.push('\n');
    }
    out.into_bytes()
}

/// Bits a host sets in the browser table's filter of left-out hosts, and bits per host: about
/// one unknown host in a hundred then reads as a left-out tracker.
#[cfg(not(target_arch = "wasm32"))]
const FILTER_K: u8 = 7;
#[cfg(not(target_arch = "wasm32"))]
const FILTER_BITS_PER_HOST: usize = 10;

/// The bits a host sets in the left-out hosts' filter: `k` positions from FNV-1a's 64 bits
/// (double hashing), among the filter's `bits`.
pub fn filter_bits(host: &str, k: u8, bits: u32) -> impl Iterator<Item = u32> {
    let h = host.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    let (h1, h2) = (h as u32, (h >> 32) as u32 | 1);
    (0..u32::from(k)).map(move |i| h1.wrapping_add(i.wrapping_mul(h2)) % bits)
}

/// Appends to a written table the Bloom filter of `hosts` (`KnownTable::left_out_tracker`).
#[cfg(not(target_arch = "wasm32"))]
pub fn write_filter(table: &mut Vec<u8>, hosts: &[&str]) {
    if hosts.is_empty() {
        return;
    }
    let digits = (hosts.len() * FILTER_BITS_PER_HOST).div_ceil(4);
    let mut nibbles = vec![0u8; digits];
    for host in hosts {
        for bit in filter_bits(host, FILTER_K, digits as u32 * 4) {
            nibbles[(bit / 4) as usize] |= 1 << (bit % 4);
        }
    }
    table.extend_from_slice(format!("#{FILTER_K}\t").as_bytes());
    table.extend(nibbles.iter().map(|n| b"0123456789abcdef"[*n as usize]));
    table.push(b'\n');
}

/// Every fact of the database and the vendor lists, as the table's entries (the CLI's table;
/// `browser_table` leaves some out of the browser's copy).
#[cfg(not(target_arch = "wasm32"))]
pub fn known_entries(database_csv: &str, vendors: &VendorLists) -> Result<Vec<Entry>, String> {
    let mut entries = database_entries(database_csv)?;
    entries.extend(vendor_entries(vendors)?);
    Ok(entries)
}

/// Compiles the Open Cookie Database CSV and the vendor lists into the table.
#[cfg(not(target_arch = "wasm32"))]
pub fn compile_known(database_csv: &str, vendors: &VendorLists) -> Result<Vec<u8>, String> {
    Ok(write_table(known_entries(database_csv, vendors)?))
}

/// Compiles the Open Cookie Database alone (tests and tools that have no vendor lists).
#[cfg(not(target_arch = "wasm32"))]
pub fn compile_csv(csv: &str) -> Result<Vec<u8>, String> {
    Ok(write_table(database_entries(csv)?))
}
