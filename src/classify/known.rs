//! The compiled known-vendor table at run time: parsing (never panics, whatever the bytes) and
//! lookup of cookie names and URL hosts.

use crate::prelude::*;

use super::db::{MAGIC, MIN_PREFIX};
use super::rules::{initial_category, HOSTS_SECTION, RULES_MAGIC, SECTIONS};
use super::vendor_base::{Kind, Origin, NO_STORAGE};
use crate::category::Category;
use crate::sort::sort_by;

/// One known cookie name or prefix: where its name is in the table's text. The table stays
/// one string with small index entries, because the browser keeps it for the whole page view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Entry {
    start: u32,
    len: u16,
    provider: u16,
    category: Category,
    origin: Origin,
    stores_nothing: bool,
}

/// The vendor knowledge base and the Open Cookie Database, as compiled by `db::compile_known`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KnownTable {
    /// The compiled file; every name and provider below is a range of it.
    text: String,
    /// Provider names, by index.
    providers: Vec<(u32, u16)>,
    /// Exact names, sorted by name.
    exact: Vec<Entry>,
    /// Prefixes, longest first.
    prefixes: Vec<Entry>,
    /// Name patterns with `*` inside, longest first.
    patterns: Vec<Entry>,
    /// `host/path` prefixes, sorted.
    hosts: Vec<Entry>,
    /// The browser's copy only: a Bloom filter of the targeting hosts it leaves out
    /// (`browser_table`), as where its hex digits are in `text` and how many bits a host sets.
    left_out: (u32, u32, u8),
    /// crumbs' own rules (`rules.bin`), which come before every fact above.
    rules: OwnRules,
}

/// crumbs' own rules as `rules::compile_rules` writes them: the text of each section, as the
/// rule modules read it (`rules::rule_for`, `urls::classify_url`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OwnRules {
    text: String,
    /// Where each of `rules::SECTIONS` is in `text`.
    sections: [(u32, u32); 5],
}

impl OwnRules {
    /// Parses `rules.bin`: refused unless every line is a rule of its section (never panics).
    pub fn from_bytes(bytes: impl Into<Vec<u8>>) -> Result<OwnRules, DbError> {
        let text = String::from_utf8(bytes.into()).map_err(|_| DbError::Malformed)?;
        let base = text.as_ptr() as usize;
        let offset = |part: &str| u32::try_from(part.as_ptr() as usize - base).map_err(|_| DbError::Malformed);
        let mut lines = text.split_inclusive('\n');
        if lines.next().map(|l| l.trim_end_matches('\n')) != Some(RULES_MAGIC) {
            return Err(DbError::Malformed);
        }
        let mut sections = [(0u32, 0u32); 5];
        let mut at: Option<usize> = None;
        for line in lines {
            let bare = line.trim_end_matches('\n');
            let next = at.map_or(0, |i| i + 1);
            if SECTIONS.get(next) == Some(&bare) {
                let start = offset(line)? + line.len() as u32;
                sections[next] = (start, start);
                at = Some(next);
                continue;
            }
            let section = at.ok_or(DbError::Malformed)?;
            if !rule_line(section, bare) {
                return Err(DbError::Malformed);
            }
            sections[section].1 = offset(line)? + line.len() as u32;
        }
        if at != Some(SECTIONS.len() - 1) {
            return Err(DbError::Malformed);
        }
        Ok(OwnRules { text, sections })
    }

    fn section(&self, i: usize) -> &str {
        let (start, end) = self.sections[i];
        self.text.get(start as usize..end as usize).unwrap_or_default()
    }

    /// The cookie rules (`rules::RULES`).
    pub fn cookies(&self) -> &str {
        self.section(0)
    }

    /// The generic words in cookie names (`rules::WORDS`).
    pub fn words(&self) -> &str {
        self.section(1)
    }

    /// The host rules (`urls::RULES`).
    pub fn hosts(&self) -> &str {
        self.section(HOSTS_SECTION)
    }

    /// The rules for paths on any host (`urls::ANY_HOST_PATHS`).
    pub fn paths(&self) -> &str {
        self.section(3)
    }

    /// The self-hosted products' subdomain labels (`urls::SELF_HOSTED`).
    pub fn self_hosted(&self) -> &str {
        self.section(4)
    }
}

/// Whether `line` is a rule of section `section` (see `rules::SECTIONS`): a non-empty name,
/// host, path or label; a category initial (`Z`, stores nothing, for hosts only); a provider.
fn rule_line(section: usize, line: &str) -> bool {
    let fields: Vec<&str> = line.split('\t').collect();
    // The host rules have a path column, and `Z` for a host that stores nothing.
    let hosts = section == HOSTS_SECTION;
    let (name, initial, count) = if hosts { (fields[0], fields.get(2), 4) } else { (fields[0], fields.get(1), 3) };
    let initial_ok = initial.is_some_and(|i| initial_category(i).is_some() || (hosts && *i == "Z"));
    fields.len() == count && !name.is_empty() && initial_ok
}

/// Why bytes are not a cookie table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DbError {
    /// Not UTF-8, wrong first line, a malformed line, or more entries than the index holds.
    Malformed,
}

/// A table hit: category, provider and the fact that matched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Known<'a> {
    /// The category.
    pub category: Category,
    /// The platform that sets it.
    pub provider: &'a str,
    /// Whether a prefix or pattern (not the exact name) matched.
    pub by_prefix: bool,
    /// The name, prefix, pattern or `host/path` that matched.
    pub matched: &'a str,
    /// The list the fact comes from.
    pub origin: Origin,
    /// A host that stores nothing on the visitor's device.
    pub stores_nothing: bool,
}

fn code_category(c: char) -> Option<Category> {
    match c {
        'n' | NO_STORAGE => Some(Category::Necessary),
        'p' => Some(Category::Performance),
        'f' => Some(Category::Functionality),
        't' => Some(Category::Targeting),
        _ => None,
    }
}

impl KnownTable {
    /// A table that knows nothing (before the real one has loaded).
    pub fn empty() -> Self {
        KnownTable::default()
    }

    /// Parses a compiled table (taking the bytes, which it keeps as its text).
    pub fn from_bytes(bytes: impl Into<Vec<u8>>) -> Result<KnownTable, DbError> {
        let text = String::from_utf8(bytes.into()).map_err(|_| DbError::Malformed)?;
        let mut db = KnownTable::empty();
        let base = text.as_ptr() as usize;
        let range = |part: &str| -> Result<(u32, u16), DbError> {
            let len = u16::try_from(part.len()).map_err(|_| DbError::Malformed)?;
            Ok(((part.as_ptr() as usize - base) as u32, len))
        };
        let mut lines = text.lines();
        if lines.next() != Some(MAGIC) {
            return Err(DbError::Malformed);
        }
        let n: usize = lines.next().and_then(|l| l.parse().ok()).ok_or(DbError::Malformed)?;
        if n > u16::MAX as usize {
            return Err(DbError::Malformed);
        }
        db.providers.reserve_exact(n);
        for _ in 0..n {
            db.providers.push(range(lines.next().ok_or(DbError::Malformed)?)?);
        }
        for line in lines {
            // `#<k><TAB><hex>`: the left-out hosts' filter (`db::write_filter`), after the entries.
            if let Some(filter) = line.strip_prefix('#') {
                let (k, hex) = filter.split_once('\t').ok_or(DbError::Malformed)?;
                let k: u8 = k.parse().map_err(|_| DbError::Malformed)?;
                if k == 0 || k > 16 || hex.is_empty() || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                    return Err(DbError::Malformed);
                }
                db.left_out = ((hex.as_ptr() as usize - base) as u32, hex.len() as u32, k);
                continue;
            }
            let mut parts = line.splitn(3, '\t');
            let (Some(head), Some(idx), Some(name)) = (parts.next(), parts.next(), parts.next()) else {
                return Err(DbError::Malformed);
            };
            let mut hc = head.chars();
            let (Some(code), Some(kind), Some(origin), None) = (hc.next(), hc.next(), hc.next(), hc.next()) else {
                return Err(DbError::Malformed);
            };
            let category = code_category(code).ok_or(DbError::Malformed)?;
            let origin = Origin::from_code(origin).ok_or(DbError::Malformed)?;
            let provider: u16 = idx.parse().map_err(|_| DbError::Malformed)?;
            if provider as usize >= db.providers.len() || name.is_empty() {
                return Err(DbError::Malformed);
            }
            let (start, len) = range(name)?;
            let entry = Entry { start, len, provider, category, origin, stores_nothing: code == NO_STORAGE };
            match Kind::from_code(kind).ok_or(DbError::Malformed)? {
                Kind::Exact => db.exact.push(entry),
                Kind::Prefix if name.chars().count() >= MIN_PREFIX => db.prefixes.push(entry),
                Kind::Prefix => {}
                Kind::Pattern => db.patterns.push(entry),
                Kind::Host => db.hosts.push(entry),
            }
        }
        db.exact.shrink_to_fit();
        db.prefixes.shrink_to_fit();
        db.patterns.shrink_to_fit();
        db.hosts.shrink_to_fit();
        db.text = text;
        // The compiler writes names sorted, so this sort is linear; it only guards the lookup
        // against a table written otherwise. The browser parses the table on the page's main
        // thread, so nothing here may be quadratic in the table's size.
        let KnownTable { text, exact, prefixes, patterns, hosts, .. } = &mut db;
        let name = |e: &Entry| text.get(e.start as usize..e.start as usize + e.len as usize).unwrap_or_default();
        sort_by(exact, |a, b| name(a) < name(b));
        sort_by(hosts, |a, b| name(a) < name(b));
        sort_by(prefixes, |a, b| a.len > b.len);
        sort_by(patterns, |a, b| a.len > b.len);
        Ok(db)
    }

    fn name(&self, e: &Entry) -> &str {
        self.text.get(e.start as usize..e.start as usize + e.len as usize).unwrap_or_default()
    }

    /// The table with crumbs' own rules (`rules.bin`), which it refuses if damaged.
    pub fn with_rules(mut self, bytes: impl Into<Vec<u8>>) -> Result<KnownTable, DbError> {
        self.rules = OwnRules::from_bytes(bytes)?;
        Ok(self)
    }

    /// The table with crumbs' own rules as this build compiles them (the CLI, the scanner and
    /// tests; the browser fetches `rules.bin` instead).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn with_own_rules(self) -> KnownTable {
        // `compile_rules` writes what `OwnRules` reads (tested), so this never fails.
        let rules = OwnRules::from_bytes(super::rules::compile_rules()).unwrap_or_default();
        KnownTable { rules, ..self }
    }

    /// crumbs' own rules (none until `with_rules`).
    pub fn rules(&self) -> &OwnRules {
        &self.rules
    }

    /// How many names, prefixes, patterns and hosts the table knows.
    pub fn len(&self) -> usize {
        self.exact.len() + self.prefixes.len() + self.patterns.len() + self.hosts.len()
    }

    /// Whether the table knows nothing.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn known(&self, e: &Entry, by_prefix: bool) -> Known<'_> {
        let provider = self
            .providers
            .get(e.provider as usize)
            .map_or("", |&(start, len)| self.text.get(start as usize..start as usize + len as usize).unwrap_or_default());
        Known { category: e.category, provider, by_prefix, matched: self.name(e), origin: e.origin, stores_nothing: e.stores_nothing }
    }

    /// Looks a cookie name up: exact, then case-insensitive, then the longest prefix.
    pub fn lookup(&self, name: &str) -> Option<Known<'_>> {
        if let Ok(i) = self.exact.binary_search_by(|e| self.name(e).cmp(name)) {
            return Some(self.known(&self.exact[i], false));
        }
        // Cookie names are ASCII tokens: ASCII case folding is enough and keeps Unicode tables out.
        // A miss is rare and the page has few cookies, so a scan costs less than an index kept
        // for the whole page view.
        if let Some(e) = self.exact.iter().find(|e| self.name(e).eq_ignore_ascii_case(name)) {
            return Some(self.known(e, false));
        }
        let prefix = self.prefixes.iter().find(|e| name.starts_with(self.name(e)));
        prefix.or_else(|| self.patterns.iter().find(|e| super::matches_pattern(self.name(e), name))).map(|e| self.known(e, true))
    }

    /// Whether `host` or a parent of it is one of the targeting hosts the browser's copy leaves
    /// out (never for the CLI's whole table, which has no filter; a false hit, about one host in
    /// a hundred, only holds a host until targeting consent, as an unknown one is).
    pub fn left_out_tracker(&self, host: &str) -> bool {
        let (start, len, k) = self.left_out;
        let Some(hex) = self.text.get(start as usize..(start + len) as usize).filter(|h| !h.is_empty()) else { return false };
        let mut suffix = host;
        loop {
            if filter_holds(hex, k, suffix) {
                return true;
            }
            match suffix.split_once('.') {
                Some((_, parent)) if parent.contains('.') => suffix = parent,
                _ => return false,
            }
        }
    }

    /// Looks a URL's host and path up: the longest `host/path` entry whose host is the URL's
    /// host or a parent of it and whose path starts the URL's path.
    pub fn lookup_host(&self, host: &str, path: &str) -> Option<Known<'_>> {
        let mut best: Option<&Entry> = None;
        let mut suffix = host;
        loop {
            // Entries for this host sit together, sorted, from the first `suffix` or `suffix/…`.
            let from = self.hosts.partition_point(|e| self.name(e) < suffix);
            for e in &self.hosts[from..] {
                let n = self.name(e);
                let Some(entry_path) = n.strip_prefix(suffix) else { break };
                // `suffix` itself or `suffix/path`, not a longer host such as `suffix.evil`.
                if !(entry_path.is_empty() || entry_path.starts_with('/')) {
                    continue;
                }
                if path.starts_with(entry_path) && best.is_none_or(|b| b.len < e.len) {
                    best = Some(e);
                }
            }
            if best.is_some() {
                break;
            }
            match suffix.split_once('.') {
                Some((_, parent)) if parent.contains('.') => suffix = parent,
                _ => break,
            }
        }
        best.map(|e| self.known(e, true))
    }
}

/// Whether every bit `host` sets is set in `hex` (4 bits a digit, the lowest first).
fn filter_holds(hex: &str, k: u8, host: &str) -> bool {
    let bytes = hex.as_bytes();
    super::db::filter_bits(host, k, bytes.len() as u32 * 4).all(|bit| {
        let digit = bytes.get((bit / 4) as usize).and_then(|d| (*d as char).to_digit(16)).unwrap_or(0);
        digit >> (bit % 4) & 1 == 1
    })
}
