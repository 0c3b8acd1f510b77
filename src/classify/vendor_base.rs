//! The vendor knowledge base: reads the vendor lists in `data/vendors/` (tarteaucitron's
//! services, c15t's scripts, WhoTracks.me's tracker domains) into table entries — hosts with a
//! path prefix, cookie names, prefixes and patterns — each with an ICC category.
//!
//! Facts only: names, hosts and categories; no descriptions. Host only and self-contained
//! (std alone), because the CLI's build script includes this file beside `db.rs`.
//!
//! The category of each source word follows `data/vendors/README.md`; where that table says a
//! word is contested, the per-vendor decisions below settle it, stricter when in doubt.

use crate::prelude::*;

/// Where a table entry came from; its code is the entry's third character in the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Origin {
    /// The Open Cookie Database.
    OpenCookieDatabase,
    /// tarteaucitron's services.
    Tarteaucitron,
    /// c15t's scripts.
    C15t,
    /// WhoTracks.me's tracker domains.
    WhoTracksMe,
}

impl Origin {
    /// Every origin, with its code.
    pub const ALL: [(Origin, char); 4] =
        [(Origin::OpenCookieDatabase, 'o'), (Origin::Tarteaucitron, 't'), (Origin::C15t, 'c'), (Origin::WhoTracksMe, 'w')];

    /// The code written in the table.
    pub fn code(self) -> char {
        Origin::ALL.iter().find(|(o, _)| *o == self).map_or('o', |(_, c)| *c)
    }

    /// The origin a table code stands for.
    pub fn from_code(code: char) -> Option<Origin> {
        Origin::ALL.iter().find(|(_, c)| *c == code).map(|(o, _)| *o)
    }

    /// The source's name, as `crumbs classify --explain` prints it.
    pub fn name(self) -> &'static str {
        match self {
            Origin::OpenCookieDatabase => "Open Cookie Database",
            Origin::Tarteaucitron => "tarteaucitron services",
            Origin::C15t => "c15t scripts",
            Origin::WhoTracksMe => "WhoTracks.me",
        }
    }
}

/// What an entry matches.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// A cookie name (`=`).
    Exact,
    /// A cookie name prefix (`*`).
    Prefix,
    /// A cookie name pattern with `*` for an id inside it (`~`), e.g. `mp_*_mixpanel`.
    Pattern,
    /// A host and its subdomains, with a path prefix after the first `/` (`@`).
    Host,
}

impl Kind {
    /// Every kind, with its code.
    pub const ALL: [(Kind, char); 4] = [(Kind::Exact, '='), (Kind::Prefix, '*'), (Kind::Pattern, '~'), (Kind::Host, '@')];

    /// The code written in the table.
    pub fn code(self) -> char {
        Kind::ALL.iter().find(|(k, _)| *k == self).map_or('=', |(_, c)| *c)
    }

    /// The kind a table code stands for.
    pub fn from_code(code: char) -> Option<Kind> {
        Kind::ALL.iter().find(|(_, c)| *c == code).map(|(k, _)| *k)
    }
}

/// The category codes of the table: the four ICC categories, and `z` for hosts that store
/// nothing on the visitor's device and so need no consent (public library CDNs).
pub const NO_STORAGE: char = 'z';

/// One fact about a vendor.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Entry {
    /// What it matches.
    pub kind: Kind,
    /// The name, prefix (without its `*`), pattern, or `host/path`.
    pub pattern: String,
    /// `n`, `p`, `f`, `t` or [`NO_STORAGE`].
    pub code: char,
    /// The vendor.
    pub provider: String,
    /// The source.
    pub origin: Origin,
}

/// Shortest vendor cookie name kept: the lists carry generic short names (`id`, `uid`, `lang`)
/// that a site's own cookies share. A prefix or pattern keeps as short a fixed part as the
/// database's prefixes (`db::MIN_PREFIX`).
const MIN_VENDOR_COOKIE: usize = 5;
const MIN_VENDOR_PREFIX: usize = 4;

/// Names too generic to pin on one vendor, whatever their length.
const GENERIC_COOKIES: &[&str] = &["check", "consent", "session", "token", "visitor", "locale", "language", "CONSENT"];

/// How much consent a code needs, to settle facts listed twice: the stricter one wins.
pub fn strictness(code: char) -> u8 {
    match code {
        NO_STORAGE => 0,
        'n' => 1,
        'f' => 2,
        'p' => 3,
        _ => 4,
    }
}

/// tarteaucitron services whose `type` does not say their category (`other`, and contested
/// `api`/`analytic` ones): tag managers and lead tracking need targeting consent, captchas are
/// strictly necessary, the rest is an embedded feature or analytics.
const TARTEAUCITRON_KEYS: &[(&str, char)] = &[
    ("googletagmanager", 't'),
    ("multiplegoogletagmanager", 't'),
    ("tagcommander", 't'),
    ("recaptcha", 'n'),
    ("mtcaptcha", 'n'),
    ("hcaptcha", 'n'),
    ("marketomunchkin", 't'),
    ("kompass", 't'),
    ("leadinfo", 't'),
    ("leadforensicsold", 't'),
    ("pardot", 't'),
    ("sharpspring", 't'),
    ("force24", 't'),
    ("plezi", 't'),
    ("getquanty", 't'),
    ("getplus", 't'),
    ("activecampaignvgo", 't'),
    ("sendinblue", 't'),
    ("posthog", 'p'),
    ("goptimize", 'p'),
    ("gallica", 'p'),
    ("abtasty", 'p'),
    ("fillout", 'f'),
    ("collectchat", 'f'),
    ("googlesignin", 'f'),
    ("calendly", 'f'),
    ("tolkai", 'f'),
    ("trustpilot", 'f'),
    ("issuu", 'f'),
    ("matterport", 'f'),
    ("faciliti", 'f'),
    ("maps_noapi", 'f'),
    ("gagenda", 'f'),
    ("gdocs", 'f'),
    ("gsheets", 'f'),
    ("gslides", 'f'),
    ("gforms", 'f'),
    ("crisp", 'f'),
];

/// tarteaucitron's tag-manager services.
const TAG_MANAGERS: &[&str] = &["googletagmanager", "multiplegoogletagmanager", "tagcommander", "matomotm"];

fn tarteaucitron_type(t: &str) -> Option<char> {
    match t {
        "ads" | "social" => Some('t'),
        "analytic" => Some('p'),
        "video" | "support" | "api" | "comment" => Some('f'),
        _ => None,
    }
}

fn c15t_category(c: &str) -> Option<char> {
    match c {
        "functionality" => Some('f'),
        "experience" | "measurement" => Some('p'),
        "marketing" => Some('t'),
        // c15t files Google Tag Manager as necessary; a container loads any tag (README).
        _ => None,
    }
}

fn whotracksme_category(c: &str) -> Option<char> {
    match c {
        "advertising" | "pornvertising" | "social_media" => Some('t'),
        "site_analytics" => Some('p'),
        "audio_video_player" | "customer_interaction" | "comments" => Some('f'),
        "cdn" | "hosting" => Some(NO_STORAGE),
        // `essential` mixes consent managers with tag managers and personalisation; `misc`,
        // `unknown` and `extensions` say nothing: crumbs' own rules decide those vendors.
        _ => None,
    }
}

/// A vendor URL as `host/path-prefix`: `*.` before the host is dropped (subdomains match
/// anyway). `None` for a URL whose host itself varies.
pub fn host_pattern(url: &str) -> Option<String> {
    let rest = url.trim();
    let rest = rest.strip_prefix("https:").or_else(|| rest.strip_prefix("http:")).unwrap_or(rest);
    let rest = rest.strip_prefix("//")?;
    let rest = rest.strip_prefix("*.").unwrap_or(rest);
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let host = rest[..end].split(':').next().unwrap_or("").to_ascii_lowercase();
    if host.is_empty() || !host.contains('.') || host.contains(['*', '@']) {
        return None;
    }
    let path = rest[end..].split(['?', '#']).next().unwrap_or("");
    // An id (`*`) cuts the path at its folder; so does a file in a folder (other versions and
    // files of that folder are the same vendor's); a file at the root stays, since a shared
    // host (`www.google.com/jsapi`) serves other vendors' code beside it.
    let path = match path.find('*') {
        Some(i) => &path[..path[..i].rfind('/').map_or(0, |j| j + 1)],
        None => match path.rfind('/') {
            Some(0) | None => path,
            Some(j) => &path[..j + 1],
        },
    };
    let path = if path == "/" { "" } else { path };
    Some(format!("{host}{path}"))
}

/// A vendor cookie name as an entry kind and pattern, or `None` if it is too generic to keep.
fn cookie_pattern(name: &str) -> Option<(Kind, String)> {
    let name = name.trim();
    let literal: usize = name.split('*').map(str::len).sum();
    let min = if name.contains('*') { MIN_VENDOR_PREFIX } else { MIN_VENDOR_COOKIE };
    if literal < min || GENERIC_COOKIES.contains(&name) || name.contains(char::is_whitespace) {
        return None;
    }
    match name.find('*') {
        None => Some((Kind::Exact, name.to_string())),
        Some(i) if i == name.len() - 1 => Some((Kind::Prefix, name[..i].to_string())),
        Some(0) => None,
        Some(_) => Some((Kind::Pattern, name.to_string())),
    }
}

/// Rows of a TSV with a header: each row as its fields, looked up by column name.
fn rows<'a>(tsv: &'a str, file: &str, columns: &[&str]) -> Result<Vec<Vec<&'a str>>, String> {
    let mut lines = tsv.lines();
    let header: Vec<&str> = lines.next().ok_or(format!("{file}: empty"))?.split('\t').collect();
    let mut at = vec![];
    for c in columns {
        at.push(header.iter().position(|h| h == c).ok_or(format!("{file}: no column {c:?}"))?);
    }
    Ok(lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .map(|f| at.iter().map(|&i| f.get(i).copied().unwrap_or("")).collect())
        .collect())
}

/// The three vendor lists, as text.
pub struct VendorLists<'a> {
    /// `tarteaucitron-services.tsv`.
    pub tarteaucitron: &'a str,
    /// `c15t-scripts.tsv`.
    pub c15t: &'a str,
    /// `whotracksme-domains.tsv`.
    pub whotracksme: &'a str,
}

/// Every fact the three lists give; an error names the file and the missing column.
pub fn vendor_entries(lists: &VendorLists) -> Result<Vec<Entry>, String> {
    let mut out = vec![];
    let mut add = |kind, pattern: String, code, provider: &str, origin| {
        out.push(Entry { kind, pattern, code, provider: provider.trim().to_string(), origin });
    };
    for r in rows(lists.tarteaucitron, "tarteaucitron-services.tsv", &["key", "type", "name", "cookies", "urls"])? {
        let code = TARTEAUCITRON_KEYS.iter().find(|(k, _)| *k == r[0]).map(|(_, c)| *c).or_else(|| tarteaucitron_type(r[1]));
        let Some(code) = code else { continue };
        // A tag manager's list names the cookies of the tags it loads, not its own.
        let cookies = if TAG_MANAGERS.contains(&r[0]) { "" } else { r[3] };
        for c in cookies.split(',').filter_map(cookie_pattern) {
            add(c.0, c.1, code, r[2], Origin::Tarteaucitron);
        }
        for u in r[4].split(' ').filter_map(host_pattern) {
            add(Kind::Host, u, code, r[2], Origin::Tarteaucitron);
        }
    }
    for r in rows(lists.c15t, "c15t-scripts.tsv", &["category", "label", "urls"])? {
        let Some(code) = c15t_category(r[0]) else { continue };
        for u in r[2].split(' ').filter_map(host_pattern) {
            add(Kind::Host, u, code, r[1], Origin::C15t);
        }
    }
    for r in rows(lists.whotracksme, "whotracksme-domains.tsv", &["domain", "tracker_name", "category"])? {
        let Some(code) = whotracksme_category(r[2]) else { continue };
        if let Some(h) = host_pattern(&format!("//{}", r[0])) {
            add(Kind::Host, h, code, r[1], Origin::WhoTracksMe);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vendor_urls_become_host_and_path_prefixes() {
        let p = |u: &str| host_pattern(u);
        assert_eq!(p("https://static.hotjar.com/c/hotjar-*.js?sv=").as_deref(), Some("static.hotjar.com/c/"));
        assert_eq!(p("//js.hs-scripts.com/*.js*").as_deref(), Some("js.hs-scripts.com"));
        assert_eq!(p("https://*.kameleoon.eu/kameleoon.js").as_deref(), Some("kameleoon.eu/kameleoon.js"));
        assert_eq!(p("https://www.googletagmanager.com/gtag/js?id=").as_deref(), Some("www.googletagmanager.com/gtag/"));
        assert_eq!(p("https://www.google.com/jsapi").as_deref(), Some("www.google.com/jsapi"));
        assert_eq!(p("https://cdn.amplitude.com/libs/amplitude-5.8.0-min.gz.js").as_deref(), Some("cdn.amplitude.com/libs/"));
        assert_eq!(p("https://Basket.Databuddy.cc").as_deref(), Some("basket.databuddy.cc"));
        assert_eq!(p("https://cdn-*.example.com/x.js"), None);
        assert_eq!(p("/relative.js"), None);
    }

    #[test]
    fn vendor_cookies_keep_ids_as_patterns_and_drop_generic_names() {
        assert_eq!(cookie_pattern("mp_*_mixpanel"), Some((Kind::Pattern, "mp_*_mixpanel".into())));
        assert_eq!(cookie_pattern("_ga_*"), Some((Kind::Prefix, "_ga_".into())));
        assert_eq!(cookie_pattern("_hjid"), Some((Kind::Exact, "_hjid".into())));
        for generic in ["id", "uid", "lang", "check", "*_x", "CONSENT"] {
            assert_eq!(cookie_pattern(generic), None, "{generic}");
        }
    }

    #[test]
    fn source_words_map_as_documented_and_contested_vendors_are_decided() {
        let t = "key\ttype\tname\tcookies\turls\npardot\tanalytic\tPardot\tvisitor_id\thttps://pi.pardot.com/pd.js\n\
                 gcmsecurity\tgoogle\tSecurity\t\t\nyoutube\tvideo\tYouTube\t\thttps://www.youtube.com/iframe_api\n";
        let c = "category\tlabel\turls\nnecessary\tGoogle Tag Manager\thttps://www.googletagmanager.com/gtm.js?id=\n";
        let w = "domain\ttracker_name\tcategory\njsdelivr.net\tjsDelivr\tcdn\ncookiebot.com\tCookiebot\tessential\n";
        let e = vendor_entries(&VendorLists { tarteaucitron: t, c15t: c, whotracksme: w }).unwrap();
        let code = |p: &str| e.iter().find(|x| x.pattern == p).map(|x| x.code);
        assert_eq!(code("visitor_id"), Some('t'), "lead tracking needs targeting consent");
        assert_eq!(code("pi.pardot.com/pd.js"), Some('t'));
        assert_eq!(code("www.youtube.com/iframe_api"), Some('f'), "own rules put youtube.com under targeting first");
        assert_eq!(code("jsdelivr.net"), Some(NO_STORAGE));
        assert_eq!(code("www.googletagmanager.com/gtm.js"), None, "c15t's necessary is contested");
        assert_eq!(code("cookiebot.com"), None, "WhoTracks.me's essential is contested");
        assert_eq!(e.len(), 4);
        assert!(vendor_entries(&VendorLists { tarteaucitron: "key\n", c15t: c, whotracksme: w }).unwrap_err().contains("no column"));
    }
}
