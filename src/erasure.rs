//! Erasure on refusal or withdrawal: which cookies and storage keys to delete, and the
//! `document.cookie` strings that delete a cookie on every path and domain it may live on.
//!
//! A cookie is only deleted by a write with the same name, path and domain it was set with,
//! and the page cannot see those. So crumbs writes an expired cookie for every path from the
//! current one up to `/`, host-only and for every domain from the host up. Writes for a public
//! suffix (`co.uk`, `github.io`) are refused by the browser itself, which applies its own,
//! current public-suffix list; crumbs does not ship one (the maintained `psl` crate alone
//! compiles to 921 KB of wasm). HttpOnly cookies cannot be touched from the page at all.

use crate::prelude::*;

use crate::category::CategorySet;
use crate::config::{Config, StorageKind};

/// What to erase for a set of refused categories.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Erasure {
    /// Cookie names.
    pub cookies: Vec<String>,
    /// `localStorage` keys.
    pub local_storage: Vec<String>,
    /// `sessionStorage` keys.
    pub session_storage: Vec<String>,
}

/// The declared cookies and storage keys of every refused category: exact names always (they
/// may live on paths this page cannot see), prefixes as matched by the `live` names seen.
pub fn what_to_erase(config: &Config, refused: CategorySet, live_cookies: &[&str], live_local: &[&str], live_session: &[&str]) -> Erasure {
    let mut e = Erasure::default();
    for c in config.categories.iter().filter(|c| refused.contains(c.category)) {
        for d in &c.cookies {
            let (list, live) = match d.kind {
                StorageKind::Cookie => (&mut e.cookies, live_cookies),
                StorageKind::Local => (&mut e.local_storage, live_local),
                StorageKind::Session => (&mut e.session_storage, live_session),
            };
            if d.is_prefix {
                list.extend(live.iter().filter(|n| d.matches(n)).map(|n| n.to_string()));
            } else {
                list.push(d.name.clone());
            }
        }
    }
    for list in [&mut e.cookies, &mut e.local_storage, &mut e.session_storage] {
        crate::sort::sort_dedup(list);
    }
    e
}

/// Live cookies that no declaration covers but the classifier puts in a refused category.
/// (Unknown cookies are reported, not erased: they may be the site's own.)
pub fn classified_to_erase(config: &Config, db: &crate::classify::KnownTable, refused: CategorySet, live: &[&str]) -> Vec<String> {
    live.iter()
        .filter(|n| config.declared_cookie(n).is_none())
        .filter(|n| crate::classify::classify_cookie(n, None, config, db).category.is_some_and(|c| refused.contains(c)))
        .map(|n| n.to_string())
        .collect()
}

/// The paths a cookie visible at `path` may have been set on: `/a/b/c` gives `/a/b/c`,
/// `/a/b/`, `/a/b`, `/a/`, `/a` and `/`.
pub fn candidate_paths(path: &str) -> Vec<String> {
    let mut out = vec![];
    let mut p = if path.starts_with('/') { path.to_string() } else { "/".to_string() };
    loop {
        if !out.contains(&p) {
            out.push(p.clone());
        }
        if p == "/" {
            break;
        }
        if p.ends_with('/') {
            p.pop();
        } else {
            let cut = p.rfind('/').unwrap_or(0);
            p.truncate(cut + 1);
        }
    }
    out
}

/// The domains a cookie visible on `host` may have been set for: host-only (`None`), then the
/// host and each parent domain (`Some`), down to two labels. IP addresses are host-only.
pub fn candidate_domains(host: &str) -> Vec<Option<String>> {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    let mut out = vec![None];
    // IPv4 is all digits and dots; IPv6 has colons. (No IP parser: it would add to the wasm.)
    let is_ip = host.contains(':') || host.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    if is_ip || !host.contains('.') {
        return out;
    }
    let mut d = host.as_str();
    while d.contains('.') {
        out.push(Some(d.to_string()));
        d = d.split_once('.').map_or("", |(_, parent)| parent);
    }
    out
}

/// Every `document.cookie` string that deletes cookie `name` as seen at `host` and `path`.
pub fn deletion_strings(name: &str, host: &str, path: &str, https: bool) -> Vec<String> {
    let mut out = vec![];
    for d in candidate_domains(host) {
        for p in candidate_paths(path) {
            let mut s = String::with_capacity(name.len() + 64);
            s.push_str(name);
            s.push_str("=; Max-Age=0; Path=");
            s.push_str(&p);
            if let Some(d) = &d {
                s.push_str("; Domain=");
                s.push_str(d);
            }
            // __Secure- and __Host- cookies can only be written, so deleted, with Secure.
            if https {
                s.push_str("; Secure");
            }
            out.push(s);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::category::Category;
    use crate::config::parse_config;

    #[test]
    fn classified_live_cookies_of_refused_categories() {
        let c = parse_config("{}").unwrap();
        let db = crate::classify::KnownTable::empty().with_own_rules();
        let refused = CategorySet::all().without(Category::Necessary).without(Category::Functionality);
        let live = ["_fbp", "_hjSessionUser_1", "__zlcmid", "PHPSESSID", "mystery"];
        assert_eq!(classified_to_erase(&c, &db, refused, &live), vec!["_fbp", "_hjSessionUser_1"]);
    }

    #[test]
    fn paths_up_to_root() {
        assert_eq!(candidate_paths("/a/b/c"), vec!["/a/b/c", "/a/b/", "/a/b", "/a/", "/a", "/"]);
        assert_eq!(candidate_paths("/"), vec!["/"]);
        assert_eq!(candidate_paths("/shop/"), vec!["/shop/", "/shop", "/"]);
        assert_eq!(candidate_paths(""), vec!["/"]);
    }

    #[test]
    fn domains_from_the_host_up() {
        let d = |h| candidate_domains(h).into_iter().map(|d| d.unwrap_or_else(|| "(host-only)".into())).collect::<Vec<_>>();
        // co.uk is tried too; the browser's public-suffix list refuses that write.
        assert_eq!(d("www.example.co.uk"), vec!["(host-only)", "www.example.co.uk", "example.co.uk", "co.uk"]);
        assert_eq!(d("Example.ORG."), vec!["(host-only)", "example.org"]);
        assert_eq!(d("127.0.0.1"), vec!["(host-only)"]);
        assert_eq!(d("localhost"), vec!["(host-only)"]);
    }

    #[test]
    fn deletion_strings_cover_every_variant() {
        let s = deletion_strings("_ga", "www.example.co.uk", "/a/b", true);
        assert_eq!(s.len(), 4 * 4);
        assert!(s.contains(&"_ga=; Max-Age=0; Path=/a/; Domain=example.co.uk; Secure".to_string()));
        assert!(s.contains(&"_ga=; Max-Age=0; Path=/a/b; Secure".to_string()));
    }

    #[test]
    fn erases_declared_names_and_live_prefix_matches_of_refused_categories_only() {
        let c = parse_config(
            r#"{"categories": [
                {"id": "necessary", "cookies": [{"name": "sid", "provider": "p", "purpose": "x", "expiry": "s"}]},
                {"id": "performance", "cookies": [
                    {"name": "_ga", "provider": "p", "purpose": "x", "expiry": "s"},
                    {"name": "_ga_*", "provider": "p", "purpose": "x", "expiry": "s"},
                    {"name": "ajs_user", "type": "localStorage", "provider": "p", "purpose": "x", "expiry": "s"},
                    {"name": "hjViewport", "type": "sessionStorage", "provider": "p", "purpose": "x", "expiry": "s"}]}]}"#,
        )
        .unwrap();
        let refused = CategorySet::all().without(Category::Necessary);
        let e = what_to_erase(&c, refused, &["sid", "_ga_ABC", "_ga_DEF", "other"], &[], &[]);
        assert_eq!(e.cookies, vec!["_ga", "_ga_ABC", "_ga_DEF"]);
        assert_eq!(e.local_storage, vec!["ajs_user"]);
        assert_eq!(e.session_storage, vec!["hjViewport"]);
        assert_eq!(what_to_erase(&c, CategorySet::empty(), &["_ga"], &[], &[]), Erasure::default());
    }
}
