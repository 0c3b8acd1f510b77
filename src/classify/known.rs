//! The compiled cookie table at run time: parsing (never panics, whatever the bytes) and lookup.

use super::db::{MAGIC, MIN_PREFIX};
use crate::category::Category;
use crate::sort::sort_by;

/// One known cookie name or prefix.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Entry {
    name: String,
    lower: String,
    is_prefix: bool,
    category: Category,
    provider: u16,
}

/// The Open Cookie Database, as compiled by `db::compile_csv`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KnownCookies {
    providers: Vec<String>,
    /// Exact names, sorted by name.
    exact: Vec<Entry>,
    /// Indexes into `exact`, sorted by lower-case name.
    by_lower: Vec<usize>,
    /// Prefixes, longest first.
    prefixes: Vec<Entry>,
}

/// Why bytes are not a cookie table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DbError {
    /// Not UTF-8, wrong first line, or a malformed line.
    Malformed,
}

/// A database hit: category and provider.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Known<'a> {
    /// The category.
    pub category: Category,
    /// The platform that sets it.
    pub provider: &'a str,
    /// Whether a prefix (not the exact name) matched.
    pub by_prefix: bool,
}

fn code_category(c: char) -> Option<Category> {
    match c {
        'n' => Some(Category::Necessary),
        'p' => Some(Category::Performance),
        'f' => Some(Category::Functionality),
        't' => Some(Category::Targeting),
        _ => None,
    }
}

impl KnownCookies {
    /// A table that knows nothing (before the real one has loaded).
    pub fn empty() -> Self {
        KnownCookies::default()
    }

    /// Parses a compiled table.
    pub fn from_bytes(bytes: &[u8]) -> Result<KnownCookies, DbError> {
        let text = core::str::from_utf8(bytes).map_err(|_| DbError::Malformed)?;
        let mut lines = text.lines();
        if lines.next() != Some(MAGIC) {
            return Err(DbError::Malformed);
        }
        let n: usize = lines.next().and_then(|l| l.parse().ok()).ok_or(DbError::Malformed)?;
        if n > u16::MAX as usize {
            return Err(DbError::Malformed);
        }
        let mut db = KnownCookies::empty();
        for _ in 0..n {
            db.providers.push(lines.next().ok_or(DbError::Malformed)?.to_string());
        }
        for line in lines {
            let mut parts = line.splitn(3, '\t');
            let (Some(head), Some(idx), Some(name)) = (parts.next(), parts.next(), parts.next()) else {
                return Err(DbError::Malformed);
            };
            let mut hc = head.chars();
            let (Some(code), Some(kind), None) = (hc.next(), hc.next(), hc.next()) else { return Err(DbError::Malformed) };
            let category = code_category(code).ok_or(DbError::Malformed)?;
            let provider: u16 = idx.parse().map_err(|_| DbError::Malformed)?;
            if provider as usize >= db.providers.len() || name.is_empty() {
                return Err(DbError::Malformed);
            }
            let entry = Entry { name: name.to_string(), lower: name.to_ascii_lowercase(), is_prefix: kind == '*', category, provider };
            match kind {
                '=' => db.exact.push(entry),
                '*' if name.chars().count() >= MIN_PREFIX => db.prefixes.push(entry),
                '*' => {}
                _ => return Err(DbError::Malformed),
            }
        }
        // The compiler writes names sorted, so these sorts are (nearly) linear.
        sort_by(&mut db.exact, |a, b| a.name < b.name);
        db.by_lower = (0..db.exact.len()).collect();
        let exact = &db.exact;
        sort_by(&mut db.by_lower, |&a, &b| exact[a].lower < exact[b].lower);
        sort_by(&mut db.prefixes, |a, b| a.name.len() > b.name.len());
        Ok(db)
    }

    /// How many names and prefixes the table knows.
    pub fn len(&self) -> usize {
        self.exact.len() + self.prefixes.len()
    }

    /// Whether the table knows nothing.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn known(&self, e: &Entry, by_prefix: bool) -> Known<'_> {
        Known { category: e.category, provider: self.providers.get(e.provider as usize).map_or("", String::as_str), by_prefix }
    }

    /// Looks a cookie name up: exact, then case-insensitive, then the longest prefix.
    pub fn lookup(&self, name: &str) -> Option<Known<'_>> {
        if let Ok(i) = self.exact.binary_search_by(|e| e.name.as_str().cmp(name)) {
            return Some(self.known(&self.exact[i], false));
        }
        // Cookie names are ASCII tokens: ASCII case folding is enough and keeps Unicode tables out.
        let lower = name.to_ascii_lowercase();
        if let Ok(i) = self.by_lower.binary_search_by(|&i| self.exact[i].lower.as_str().cmp(&lower)) {
            return Some(self.known(&self.exact[self.by_lower[i]], false));
        }
        self.prefixes.iter().find(|e| name.starts_with(&e.name)).map(|e| self.known(e, true))
    }
}
