//! Classification: which category a cookie belongs to, and on what evidence.
//!
//! Order of evidence: the site owner's declarations, crumbs' own vendor rules, the Open Cookie
//! Database, generic name patterns; otherwise unknown, which needs consent.

use crate::prelude::*;

pub mod db;
mod known;
pub mod rules;
pub mod urls;

pub use known::{DbError, Known, KnownCookies};

use crate::category::Category;
use crate::config::Config;

/// What decided a classification.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// The site owner's config.
    Declared,
    /// crumbs' own rule table.
    Rule,
    /// The Open Cookie Database.
    Database,
    /// A generic name pattern (`__Host-`, `session`, `csrf`…).
    Pattern,
    /// Nothing matched.
    Unknown,
}

impl Source {
    /// Stable id, as `crumbs classify` prints it.
    pub fn id(self) -> &'static str {
        match self {
            Source::Declared => "declared",
            Source::Rule => "rule",
            Source::Database => "database",
            Source::Pattern => "pattern",
            Source::Unknown => "unknown",
        }
    }
}

/// A cookie's category (`None`: unknown, so it needs consent), who sets it and why we think so.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Classification {
    /// The category, if known.
    pub category: Option<Category>,
    /// Who sets it, when known.
    pub provider: String,
    /// The evidence.
    pub source: Source,
}

/// Classifies a cookie name (`_domain`, when known, is reserved for host-specific rules).
pub fn classify_cookie(name: &str, _domain: Option<&str>, config: &Config, db: &KnownCookies) -> Classification {
    let hit = |category, provider: &str, source| Classification { category: Some(category), provider: provider.to_string(), source };
    let name = name.trim();
    if name.is_empty() {
        return Classification { category: None, provider: String::new(), source: Source::Unknown };
    }
    if let Some((c, d)) = config.declared_cookie(name) {
        return hit(c, &d.provider, Source::Declared);
    }
    if let Some((c, p)) = rules::rule_for(name) {
        return hit(c, p, Source::Rule);
    }
    if let Some(k) = db.lookup(name) {
        return hit(k.category, k.provider, Source::Database);
    }
    if let Some(c) = pattern_category(name) {
        return hit(c, "", Source::Pattern);
    }
    Classification { category: None, provider: String::new(), source: Source::Unknown }
}

/// Generic patterns: browser-enforced secure prefixes and session / anti-forgery names.
fn pattern_category(name: &str) -> Option<Category> {
    let lower = name.to_ascii_lowercase();
    let necessary = name.starts_with("__Host-")
        || name.starts_with("__Secure-")
        || ["session", "csrf", "xsrf", "antiforgery"].iter().any(|w| crate::lean_str::contains(&lower, w));
    necessary.then_some(Category::Necessary)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::parse_config;

    fn db() -> KnownCookies {
        let csv = "ID,Platform,Category,Cookie / Data Key name,Domain,Description,Retention period,Data Controller,User Privacy & GDPR Rights Portals,Wildcard match\n\
            1,Shop,Marketing,shop_track,,\"a, quoted \"\"description\"\"\nover two lines\",1y,x,y,0\n\
            2,Shop,Functional,Shop_Pref,,d,1y,x,y,0\n\
            3,Ads,Marketing,adprefix_,,d,1y,x,y,1\n\
            4,Ads,Analytics,adprefix_long_,,d,1y,x,y,1\n\
            5,Bad,Analytics,_s,,d,1y,x,y,1\n\
            6,Both,Functional,token,,d,1y,x,y,0\n\
            7,Both,Marketing,token,,d,1y,x,y,0\n\
            8,Tab,Functional,tabbed\t,,d,1y,x,y,0\n\
            9,Soft,Analytics,soft\u{AD}hyphen,,d,1y,x,y,0\n";
        KnownCookies::from_bytes(db::compile_csv(csv).unwrap()).unwrap()
    }

    #[test]
    fn database_lookup_rules() {
        let db = db();
        let cat = |n: &str| db.lookup(n).map(|k| (k.category, k.by_prefix));
        assert_eq!(cat("shop_track"), Some((Category::Targeting, false)));
        assert_eq!(cat("shop_pref"), Some((Category::Necessary, false)), "case-insensitive");
        assert_eq!(cat("adprefix_long_123"), Some((Category::Performance, true)), "longest prefix");
        assert_eq!(cat("adprefix_9"), Some((Category::Targeting, true)));
        assert_eq!(cat("_session_id"), None, "too-short prefixes are ignored");
        assert_eq!(cat("token"), Some((Category::Targeting, false)), "conflicts: the stricter category");
        assert_eq!(cat("tabbed"), Some((Category::Necessary, false)));
        assert_eq!(cat("softhyphen"), Some((Category::Performance, false)));
        assert_eq!(db.lookup("shop_track").unwrap().provider, "Shop");
    }

    #[test]
    fn evidence_order() {
        let config = parse_config(
            r#"{"categories": [{"id": "functionality", "cookies": [{"name": "_ga", "provider": "Us", "purpose": "x", "expiry": "1 day"}]}]}"#,
        )
        .unwrap();
        let db = db();
        let c = |n: &str| {
            let r = classify_cookie(n, None, &config, &db);
            (r.category, r.source)
        };
        assert_eq!(c("_ga"), (Some(Category::Functionality), Source::Declared));
        assert_eq!(c("_ga_XYZ"), (Some(Category::Performance), Source::Rule));
        assert_eq!(c("ASP.NET_SessionId"), (Some(Category::Necessary), Source::Rule));
        assert_eq!(c("__zlcmid"), (Some(Category::Functionality), Source::Rule));
        assert_eq!(c("_hjSession_123"), (Some(Category::Performance), Source::Rule), "rule beats the session pattern");
        assert_eq!(c("shop_track"), (Some(Category::Targeting), Source::Database));
        assert_eq!(c("__Host-id"), (Some(Category::Necessary), Source::Pattern));
        assert_eq!(c("my_app_session"), (Some(Category::Necessary), Source::Pattern));
        assert_eq!(c("zz_unknown"), (None, Source::Unknown));
        assert_eq!(c(""), (None, Source::Unknown));
    }

    #[test]
    fn damaged_tables_are_refused() {
        assert!(KnownCookies::from_bytes(b"").is_err());
        assert!(KnownCookies::from_bytes(b"crumbs-cookies 1\n1\nP\nx=\t0\tname\n").is_err());
        assert!(KnownCookies::from_bytes(b"crumbs-cookies 1\n1\nP\nn=\t5\tname\n").is_err());
        assert!(KnownCookies::from_bytes([0xff, 0xfe]).is_err());
        assert_eq!(KnownCookies::from_bytes(b"crumbs-cookies 1\n0\n").unwrap().len(), 0);
    }

    #[test]
    fn no_rule_is_shadowed_or_duplicated() {
        for (i, (n, _, _)) in rules::RULES.iter().enumerate() {
            assert!(!rules::RULES[..i].iter().any(|(m, _, _)| m == n), "{n} listed twice");
        }
    }
}
