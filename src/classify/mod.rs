//! Classification: which category a cookie belongs to, and on what evidence.
//!
//! Order of evidence for a cookie: the site owner's declarations, crumbs' own vendor rules, the
//! known-vendor table (the Open Cookie Database and the vendor knowledge base; the stricter
//! where both know a name), generic name patterns; otherwise unknown, which needs consent.
//! For a URL: the config's `allowHosts`/`holdHosts`, crumbs' rules, the vendor knowledge base.
//! The table (`known.bin`) and crumbs' rules (`rules.bin`, read into the same `KnownTable`) are
//! what the browser fetches after the banner; the rules' texts are compiled on the host only.

use crate::prelude::*;

#[cfg(not(target_arch = "wasm32"))]
pub mod browser_table;
pub mod db;
mod known;
pub mod rules;
pub mod urls;
pub mod vendor_base;

pub use known::{DbError, Known, KnownTable, OwnRules};
pub use urls::{classify_url, UrlClassification};

use crate::category::Category;
use crate::config::Config;

/// What decided a classification.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// The site owner's config.
    Declared,
    /// crumbs' own rule table.
    Rule,
    /// The vendor knowledge base (tarteaucitron, c15t, WhoTracks.me).
    Vendor,
    /// The Open Cookie Database.
    Database,
    /// A generic name pattern (`__Host-`, `session`, `csrf`…).
    Pattern,
    /// Nothing matched.
    Unknown,
    /// A URL of the page's own site (or relative): no third party.
    FirstParty,
    /// Not an http(s) URL crumbs can classify.
    Invalid,
}

impl Source {
    /// Stable id, as `crumbs classify` prints it.
    pub fn id(self) -> &'static str {
        match self {
            Source::Declared => "declared",
            Source::Rule => "rule",
            Source::Vendor => "vendor",
            Source::Database => "database",
            Source::Pattern => "pattern",
            Source::Unknown => "unknown",
            Source::FirstParty => "first-party",
            Source::Invalid => "invalid",
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
    /// The declaration, rule, table entry or pattern that matched (for `--explain`).
    pub matched: String,
    /// The list a table entry comes from (`None` for any other evidence).
    pub origin: Option<vendor_base::Origin>,
}

impl Classification {
    fn unknown() -> Classification {
        Classification { category: None, provider: String::new(), source: Source::Unknown, matched: String::new(), origin: None }
    }
}

/// The evidence a table hit is: the vendor base's or the database's.
fn table_source(k: &Known) -> Source {
    match k.origin {
        vendor_base::Origin::OpenCookieDatabase => Source::Database,
        _ => Source::Vendor,
    }
}

/// Classifies a cookie name (`_domain`, when known, is reserved for host-specific rules).
pub fn classify_cookie(name: &str, _domain: Option<&str>, config: &Config, db: &KnownTable) -> Classification {
    let hit = |category, provider: &str, source, matched: &str| Classification {
        category: Some(category),
        provider: provider.to_string(),
        source,
        matched: matched.to_string(),
        origin: None,
    };
    let name = name.trim();
    if name.is_empty() {
        return Classification::unknown();
    }
    if let Some((c, d)) = config.declared_cookie(name) {
        return hit(c, &d.provider, Source::Declared, &d.name);
    }
    if let Some((c, p, rule)) = rules::rule_for(name, db.rules().cookies()) {
        return hit(c, p, Source::Rule, rule);
    }
    if let Some(k) = db.lookup(name) {
        return Classification { origin: Some(k.origin), ..hit(k.category, k.provider, table_source(&k), k.matched) };
    }
    if let Some((c, w)) = pattern_category(name) {
        return hit(c, "", Source::Pattern, w);
    }
    if let Some((c, w)) = rules::word_for(name, db.rules().words()) {
        return hit(c, "", Source::Pattern, w);
    }
    Classification::unknown()
}

/// Whether `name` fits `pattern`, whose `*`s stand for any text (an id). Searched and sliced
/// through `lean_str` and `get`, which keep the two-way searcher and the slicing panic's
/// formatting out of the browser build (see `lean_str`).
pub(crate) fn matches_pattern(pattern: &str, name: &str) -> bool {
    let mut parts = pattern.split('*');
    let first = parts.next().unwrap_or("");
    let Some(mut rest) = name.strip_prefix(first) else { return false };
    let mut parts: Vec<&str> = parts.collect();
    let last = parts.pop().unwrap_or("");
    for p in parts {
        match crate::lean_str::find(rest, p) {
            Some(i) => rest = rest.get(i + p.len()..).unwrap_or_default(),
            None => return false,
        }
    }
    rest.ends_with(last)
}

/// Generic patterns: browser-enforced secure prefixes, and words that say what a name is for —
/// a session, anti-forgery token, sign-in or consent record (strictly necessary), or a
/// language or locale choice (functionality); the pattern that matched.
fn pattern_category(name: &str) -> Option<(Category, &'static str)> {
    let lower = name.to_ascii_lowercase();
    let has = |w: &str| crate::lean_str::contains(&lower, w);
    let prefix = ["__Host-", "__Secure-"].into_iter().find(|p| name.starts_with(p));
    let necessary = || ["session", "csrf", "xsrf", "antiforgery", "consent", "gdpr", "oauth", "jwt"].into_iter().find(|w| has(w));
    let sign_in = || (has("auth") && !has("author")).then_some("auth");
    // A cookie banner's own record: `cookie` with a word for the choice (`cookie_prefs`,
    // `cookies_accepted`, `cookie-agreed`, `cookie_notice_dismissed`).
    let banner = || {
        has("cookie")
            .then(|| ["pref", "accept", "agree", "notice", "banner", "policy", "law", "allow", "choice", "setting"].into_iter().find(|w| has(w)))
            .flatten()
    };
    let necessary = prefix.or_else(necessary).or_else(sign_in).or_else(banner).map(|w| (Category::Necessary, w));
    // The visitor's choices for the page: language, currency, time zone, theme and accessibility.
    let choice = [
        "lang",
        "locale",
        "currency",
        "i18n",
        "culture",
        "timezone",
        "dark_mode",
        "darkmode",
        "color_scheme",
        "contrast",
        "fontsize",
        "font_size",
        "a11y",
    ];
    necessary.or_else(|| choice.into_iter().find(|w| has(w)).map(|w| (Category::Functionality, w)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::parse_config;

    fn db() -> KnownTable {
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
        KnownTable::from_bytes(db::compile_csv(csv).unwrap()).unwrap().with_own_rules()
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
        assert_eq!(c("site_cookie_settings"), (Some(Category::Necessary), Source::Pattern), "a cookie banner's record");
        assert_eq!(c("cookieBannerDismissed"), (Some(Category::Necessary), Source::Pattern));
        assert_eq!(c("cookie_jar_size"), (None, Source::Unknown), "`cookie` alone says nothing");
        assert_eq!(c("app_i18n_redirected"), (Some(Category::Functionality), Source::Pattern));
        assert_eq!(c("site_timezone"), (Some(Category::Functionality), Source::Pattern));
        assert_eq!(c("a11y_high_contrast"), (Some(Category::Functionality), Source::Pattern));
        assert_eq!(c("zz_unknown"), (None, Source::Unknown));
        assert_eq!(c(""), (None, Source::Unknown));
    }

    fn vendor_table() -> KnownTable {
        use vendor_base::{Entry, Kind, Origin};
        let e = |kind, pattern: &str, code, provider: &str, origin| Entry { kind, pattern: pattern.into(), code, provider: provider.into(), origin };
        KnownTable::from_bytes(db::write_table(vec![
            e(Kind::Host, "cdn.vendor.example/libs/", 'p', "Vendor analytics", Origin::Tarteaucitron),
            e(Kind::Host, "vendor.example", 'f', "Vendor", Origin::WhoTracksMe),
            e(Kind::Host, "vendor.example.evil", 't', "Evil", Origin::WhoTracksMe),
            e(Kind::Host, "files.example", vendor_base::NO_STORAGE, "Files", Origin::WhoTracksMe),
            e(Kind::Pattern, "xv_*_vendor", 'p', "Vendor X", Origin::Tarteaucitron),
            e(Kind::Exact, "shared_cookie", 'f', "Embed", Origin::Tarteaucitron),
            e(Kind::Exact, "shared_cookie", 't', "Ads", Origin::OpenCookieDatabase),
        ]))
        .unwrap()
        .with_own_rules()
    }

    #[test]
    fn vendor_table_hosts_patterns_and_conflicts() {
        let t = vendor_table();
        let url = |u: &str| {
            let c = classify_url(u, Some("site.example"), &Config::default(), &t);
            (c.category, c.source, c.matched, c.stores_nothing)
        };
        let p = Some(Category::Performance);
        assert_eq!(url("https://cdn.vendor.example/libs/v2/a.js"), (p, Source::Vendor, "cdn.vendor.example/libs/".into(), false));
        assert_eq!(url("https://cdn.vendor.example/other.js").0, Some(Category::Functionality), "the parent host's entry");
        assert_eq!(url("https://eu.vendor.example/x").0, Some(Category::Functionality));
        assert_eq!(url("https://notvendor.example/x").1, Source::Unknown);
        assert_eq!(url("https://files.example/x.js"), (Some(Category::Necessary), Source::Vendor, "files.example".into(), true));
        assert!(url("https://cdn.jsdelivr.net/npm/jquery").3, "crumbs' own list of CDNs");
        let with = parse_config(r#"{"holdHosts": ["cdn.jsdelivr.net"], "allowHosts": ["vendor.example"]}"#).unwrap();
        let c = classify_url("https://cdn.jsdelivr.net/npm/x", None, &with, &t);
        assert_eq!((c.category, c.source), (Some(Category::Targeting), Source::Declared));
        assert_eq!(classify_url("https://cdn.vendor.example/libs/a.js", None, &with, &t).category, Some(Category::Necessary));
        let cookie = |n: &str| {
            let c = classify_cookie(n, None, &Config::default(), &t);
            (c.category, c.source, c.provider)
        };
        assert_eq!(cookie("xv_0a1b2c3d_vendor"), (p, Source::Vendor, "Vendor X".into()));
        assert_eq!(cookie("xv_vendor").1, Source::Unknown, "the id is missing");
        assert_eq!(cookie("shared_cookie"), (Some(Category::Targeting), Source::Database, "Ads".into()), "the stricter fact");
    }

    #[test]
    fn damaged_tables_are_refused() {
        assert!(KnownTable::from_bytes(b"").is_err());
        assert!(KnownTable::from_bytes(b"crumbs-cookies 1\n0\n").is_err(), "the old format");
        assert!(KnownTable::from_bytes(b"crumbs-known 2\n1\nP\nx=o\t0\tname\n").is_err());
        assert!(KnownTable::from_bytes(b"crumbs-known 2\n1\nP\nn=o\t5\tname\n").is_err());
        assert!(KnownTable::from_bytes(b"crumbs-known 2\n1\nP\nn=q\t0\tname\n").is_err());
        assert!(KnownTable::from_bytes(b"crumbs-known 2\n1\nP\nn?o\t0\tname\n").is_err());
        assert!(KnownTable::from_bytes(b"crumbs-known 2\n1\nP\nn=\t0\tname\n").is_err());
        assert!(KnownTable::from_bytes([0xff, 0xfe]).is_err());
        assert_eq!(KnownTable::from_bytes(b"crumbs-known 2\n0\n").unwrap().len(), 0);
        assert_eq!(KnownTable::from_bytes(b"crumbs-known 2\n1\nP\nz@w\t0\tcdn.example\n").unwrap().len(), 1);
    }

    #[test]
    fn the_left_out_hosts_filter() {
        let mut bytes = b"crumbs-known 2\n1\nP\nz@w\t0\tcdn.example\n".to_vec();
        db::write_filter(&mut bytes, &["ads.example", "pixel.example"]);
        let t = KnownTable::from_bytes(bytes.clone()).unwrap();
        assert!(t.left_out_tracker("ads.example") && t.left_out_tracker("eu.ads.example"), "a host and its subdomains");
        assert!(!t.left_out_tracker("example") && !t.left_out_tracker("ads.example.org"));
        assert!(!KnownTable::from_bytes(b"crumbs-known 2\n0\n".to_vec()).unwrap().left_out_tracker("ads.example"), "no filter, no hit");
        let damaged = |from: &str, to: &str| String::from_utf8(bytes.clone()).unwrap().replace(from, to);
        for (from, to) in [("#7\t", "#0\t"), ("#7\t", "#x\t"), ("#7\t", "#7"), ("#7\t", "#17\t")] {
            assert!(KnownTable::from_bytes(damaged(from, to)).is_err(), "{to}");
        }
        let digits = damaged("", "").rsplit('\t').next().unwrap().trim_end().to_string();
        assert!(KnownTable::from_bytes(damaged(&digits, "zz")).is_err(), "not hex");
    }

    #[test]
    fn damaged_rules_are_refused() {
        let ok = |s: &str| OwnRules::from_bytes(s.as_bytes().to_vec()).is_ok();
        let sections =
            |c: &str, h: &str, p: &str, s: &str| format!("crumbs-rules 3\n[cookies]\n{c}[words]\n[hosts]\n{h}[paths]\n{p}[self-hosted]\n{s}");
        assert!(ok(&sections("", "", "", "")));
        assert!(ok(&sections("_ga\tP\tGA\n", "cdn.example\t\tZ\tCDN\n", "/x/\tN\tX\n", "plausible\tP\tPlausible\n")));
        assert!(!ok(""));
        assert!(!ok("crumbs-rules 3\n"), "sections missing");
        assert!(!ok(&sections("_ga\tZ\tGA\n", "", "", "")), "Z is for hosts only");
        assert!(!ok(&sections("_ga\tQ\tGA\n", "", "", "")));
        assert!(!ok(&sections("_ga\tP\n", "", "", "")), "a field missing");
        assert!(!ok(&sections("\tP\tGA\n", "", "", "")), "no name");
        assert!(!ok(&sections("", "cdn.example\tZ\tCDN\n", "", "")));
        assert!(!ok(&sections("", "", "", "").replace("[paths]\n", "")), "a section missing");
        assert!(!ok(&sections("", "", "", "").replace("[hosts]\n[paths]", "[paths]\n[hosts]")), "sections out of order");
        assert!(!ok(&sections("", "", "", "").replace("crumbs-rules 3", "crumbs-rules 2")), "an older order of sections");
        assert!(!ok(&sections("", "", "", "").replace("[words]\n", "")), "the words missing (an older table)");
        let words = |w: &str| sections("", "", "", "").replace("[words]\n", &format!("[words]\n{w}"));
        assert!(ok(&words("*visitor_id\tP\t\n")));
        assert!(!ok(&words("*visitor_id\tZ\t\n")));
        assert!(!ok(sections("", "", "", "").split("[hosts]").next().unwrap()), "rules.bin without url-rules.bin");
        assert!(OwnRules::from_bytes(vec![0xff, 0xfe]).is_err());
        let compiled = rules::compile_rules();
        for cut in [1, compiled.len() / 3, compiled.len() - 1] {
            // A table cut short mid-line is refused or shorter, never a panic.
            let _ = OwnRules::from_bytes(compiled[..cut].to_vec());
        }
        let t = KnownTable::empty()
            .with_rules(b"crumbs-rules 3\n[cookies]\nzz_rule\tF\tZed\n[words]\nzz_*\tT\t\n*widget\tF\t\n[hosts]\n[paths]\n[self-hosted]\n".to_vec())
            .unwrap();
        let c = classify_cookie("zz_rule", None, &Config::default(), &t);
        assert_eq!((c.category, c.source, c.provider.as_str()), (Some(Category::Functionality), Source::Rule, "Zed"), "rules come from the table");
        let c = classify_cookie("ZZ_other", None, &Config::default(), &t);
        assert_eq!((c.category, c.source, c.matched.as_str()), (Some(Category::Targeting), Source::Pattern, "zz_*"), "after the rules, the words");
        let c = classify_cookie("chat_session_widget", None, &Config::default(), &t);
        assert_eq!((c.category, c.matched.as_str()), (Some(Category::Necessary), "session"), "the built-in patterns come first");
        assert_eq!(classify_cookie("_ga", None, &Config::default(), &KnownTable::empty()).source, Source::Unknown, "a table without rules has none");
    }

    #[test]
    fn compiled_rules_are_the_rules_as_written() {
        let own = KnownTable::empty().with_own_rules();
        let r = own.rules();
        assert_eq!((r.cookies(), r.hosts(), r.paths(), r.self_hosted()), (rules::RULES, urls::RULES, urls::ANY_HOST_PATHS, urls::SELF_HOSTED));
        assert_eq!(r.words(), rules::WORDS);
        // The browser reads the two files one after the other: together they are the rules, and
        // the first holds the cookie sections only.
        let [cookies, url_rules] = rules::compile_rule_files();
        assert_eq!([cookies.clone(), url_rules.clone()].concat(), rules::compile_rules());
        assert!(url_rules.starts_with(b"[hosts]\n") && !cookies.windows(7).any(|w| w == b"[hosts]"));
        assert_eq!(KnownTable::empty().with_rules([cookies, url_rules].concat()).unwrap().rules(), r);
    }

    #[test]
    fn no_rule_is_shadowed_or_duplicated() {
        let all: Vec<_> = rules::cookie_rules(rules::RULES).collect();
        assert_eq!(all.len(), rules::RULES.lines().count(), "every rule line parses");
        for (i, (n, _, _)) in all.iter().enumerate() {
            assert!(!all[..i].iter().any(|(m, _, _)| m == n), "{n} listed twice");
        }
        let hosts: Vec<_> = urls::host_rules(urls::RULES).collect();
        assert_eq!(hosts.len(), urls::RULES.lines().count(), "every host rule line parses");
        for (i, (h, p, _, _, _)) in hosts.iter().enumerate() {
            assert!(!hosts[..i].iter().any(|(g, q, _, _, _)| g == h && q == p), "{h}{p} listed twice");
        }
    }
}
