//! The compiled cookie table at run time: parsing (never panics, whatever the bytes) and lookup.

use crate::prelude::*;

use super::db::{MAGIC, MIN_PREFIX};
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
}

/// The Open Cookie Database, as compiled by `db::compile_csv`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KnownCookies {
    /// The compiled file; every name and provider below is a range of it.
    text: String,
    /// Provider names, by index.
    providers: Vec<(u32, u16)>,
    /// Exact names, sorted by name.
    exact: Vec<Entry>,
    /// Prefixes, longest first.
    prefixes: Vec<Entry>,
}

/// Why bytes are not a cookie table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DbError {
    /// Not UTF-8, wrong first line, a malformed line, or more entries than the index holds.
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

    /// Parses a compiled table (taking the bytes, which it keeps as its text).
    pub fn from_bytes(bytes: impl Into<Vec<u8>>) -> Result<KnownCookies, DbError> {
        let text = String::from_utf8(bytes.into()).map_err(|_| DbError::Malformed)?;
        let mut db = KnownCookies::empty();
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
            let (start, len) = range(name)?;
            let entry = Entry { start, len, provider, category };
            match kind {
                '=' => db.exact.push(entry),
                '*' if name.chars().count() >= MIN_PREFIX => db.prefixes.push(entry),
                '*' => {}
                _ => return Err(DbError::Malformed),
            }
        }
        db.exact.shrink_to_fit();
        db.prefixes.shrink_to_fit();
        db.text = text;
        // The compiler writes names sorted, so this sort is linear; it only guards the lookup
        // against a table written otherwise. The browser parses the table on the page's main
        // thread, so nothing here may be quadratic in the table's size.
        let KnownCookies { text, exact, prefixes, .. } = &mut db;
        let name = |e: &Entry| text.get(e.start as usize..e.start as usize + e.len as usize).unwrap_or_default();
        sort_by(exact, |a, b| name(a) < name(b));
        sort_by(prefixes, |a, b| a.len > b.len);
        Ok(db)
    }

    fn name(&self, e: &Entry) -> &str {
        self.text.get(e.start as usize..e.start as usize + e.len as usize).unwrap_or_default()
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
        let provider = self
            .providers
            .get(e.provider as usize)
            .map_or("", |&(start, len)| self.text.get(start as usize..start as usize + len as usize).unwrap_or_default());
        Known { category: e.category, provider, by_prefix }
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
        self.prefixes.iter().find(|e| name.starts_with(self.name(e))).map(|e| self.known(e, true))
    }
}
