//! The site owner's JSON config: its model, its defaults and its validation.
//!
//! Validation collects every error (not just the first) with the JSON path of the offending
//! field, so the console and `crumbs check` can list them all at once.

use crate::prelude::*;

use crate::category::{Category, CategorySet};
use crate::json::{self, Json};
use crate::region::{Region, RegionDefaults};
use crate::texts::{Text, TextOverrides};

/// Default consent lifetime: six months, the period regulators commonly accept.
pub const DEFAULT_LIFETIME_DAYS: u32 = 182;
/// Chromium and Firefox cap cookie lifetimes at 400 days; a longer setting would silently shrink.
pub const MAX_LIFETIME_DAYS: u32 = 400;
/// Longest cookie name or prefix accepted in a declaration.
const MAX_COOKIE_NAME: usize = 256;
/// Longest free text (purpose, banner text) accepted.
const MAX_TEXT: usize = 4096;

/// Where and how the first layer (the banner) appears.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Layout {
    /// A full-width bar at the bottom of the window.
    #[default]
    BarBottom,
    /// A full-width bar at the top of the window.
    BarTop,
    /// A box in the bottom-right corner (bottom-left in right-to-left languages).
    BoxCorner,
    /// A box in the middle of the window (not modal: the page stays usable).
    BoxCentre,
}

impl Layout {
    /// Config ids, in the order of the variants.
    pub const IDS: [(&'static str, Layout); 4] =
        [("bar-bottom", Layout::BarBottom), ("bar-top", Layout::BarTop), ("box-corner", Layout::BoxCorner), ("box-centre", Layout::BoxCentre)];

    /// The id, also used as a CSS class.
    pub fn id(self) -> &'static str {
        Layout::IDS.iter().find(|(_, l)| *l == self).map_or("bar-bottom", |(id, _)| id)
    }
}

/// Colour scheme of the banner and dialog.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Theme {
    /// Follow the visitor's system setting (`prefers-color-scheme`).
    #[default]
    Auto,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl Theme {
    /// Config ids.
    pub const IDS: [(&'static str, Theme); 3] = [("auto", Theme::Auto), ("light", Theme::Light), ("dark", Theme::Dark)];

    /// The id, also used as the host's `data-theme`.
    pub fn id(self) -> &'static str {
        Theme::IDS.iter().find(|(_, t)| *t == self).map_or("auto", |(id, _)| id)
    }
}

/// A validated config. As a serde type it is read through [`validate`], so a config inside
/// another document (the CLI's, the server's) gets the same checks, every error in one value.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize), serde(try_from = "Json"))]
pub struct Config {
    /// Bumped by the site owner when the cookie use changes; older consents are asked again.
    pub revision: u32,
    /// Days a decision stays valid.
    pub consent_lifetime_days: u32,
    /// Link to the privacy or cookie policy page.
    pub policy_url: Option<String>,
    /// Language forced by the site owner, else the page's.
    pub language: Option<String>,
    /// The categories this site uses, strictly necessary first, in ICC order.
    pub categories: Vec<CategoryConfig>,
    /// Per-language text overrides.
    pub texts: Vec<TextOverrides>,
    /// Where every decision is sent as a consent-log entry, if anywhere.
    pub endpoint: Option<String>,
    /// Banner placement.
    pub layout: Layout,
    /// Colour scheme.
    pub theme: Theme,
    /// Whether a floating "Cookie settings" button stays on the page after a decision.
    pub settings_button: bool,
    /// Whether the Global Privacy Control signal also refuses performance (it always refuses targeting).
    pub gpc_refuses_performance: bool,
    /// Google Consent Mode v2: `Some(wait_for_update ms)` when on.
    pub google_consent_mode: Option<u32>,
    /// Whether Microsoft UET consent mode signals are sent.
    pub microsoft_consent_mode: bool,
    /// Whether the page reloads after a withdrawal, so scripts that already run are gone too.
    pub reload_on_withdraw: bool,
    /// Third-party hosts (and their subdomains) the site owner lets load without consent.
    pub allow_hosts: Vec<String>,
    /// Third-party hosts (and their subdomains) the site owner holds until targeting consent,
    /// whatever crumbs' classifier says.
    pub hold_hosts: Vec<String>,
    /// The domain the consent cookie is shared across (its `Domain=`), lower case: one decision
    /// for a site and its subdomains. None keeps it host-only.
    pub cookie_domain: Option<String>,
    /// The region a page view is in when its tag names none (`defaultRegion`).
    pub default_region: Region,
    /// What the owner allows before a decision, per region (`regions`; see `region.rs`).
    pub region_defaults: RegionDefaults,
}

/// A category the site uses, with the cookies it declares for it.
#[derive(Clone, Debug, PartialEq)]
pub struct CategoryConfig {
    /// Which category.
    pub category: Category,
    /// Cookies declared in this category, in config order.
    pub cookies: Vec<DeclaredCookie>,
    /// Services in this category the visitor may allow one by one.
    pub services: Vec<ServiceConfig>,
}

/// A named third-party service (e.g. YouTube) that can be allowed on its own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceConfig {
    /// Id used in `data-service` attributes and the consent record (`[a-z0-9_-]`, ≤ 32).
    pub id: String,
    /// Name shown to visitors.
    pub name: String,
    /// What it does, shown under its switch.
    pub purpose: Option<String>,
}

/// Where a declared item lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum StorageKind {
    /// A cookie.
    #[default]
    Cookie,
    /// A `localStorage` key.
    Local,
    /// A `sessionStorage` key.
    Session,
}

impl StorageKind {
    /// Config ids.
    pub const IDS: [(&'static str, StorageKind); 3] =
        [("cookie", StorageKind::Cookie), ("localStorage", StorageKind::Local), ("sessionStorage", StorageKind::Session)];
}

/// A cookie (or storage key) the site owner declares, as its policy page lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeclaredCookie {
    /// The exact name, or the prefix when `is_prefix` (written `name*` in the config).
    pub name: String,
    /// Whether `name` is a prefix (`_ga_*`).
    pub is_prefix: bool,
    /// Who sets it, e.g. "Google Analytics".
    pub provider: String,
    /// What it is for.
    pub purpose: String,
    /// How long it lasts, as the policy says it ("Session", "2 years").
    pub expiry: String,
    /// Cookie, or a web-storage key.
    pub kind: StorageKind,
}

impl DeclaredCookie {
    /// Whether a live cookie name is covered by this declaration.
    pub fn matches(&self, name: &str) -> bool {
        if self.is_prefix {
            name.starts_with(&self.name)
        } else {
            name == self.name
        }
    }

    /// The name as written in the config and shown in tables (`_ga_*` for a prefix).
    pub fn display_name(&self) -> String {
        let mut s = self.name.clone();
        if self.is_prefix {
            s.push('*');
        }
        s
    }
}

/// One problem in a config: where and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    /// JSON path, e.g. `categories[2].id`; empty for the document itself.
    pub path: String,
    /// What is wrong, e.g. `unknown category "tracking"`.
    pub reason: String,
}

impl core::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.reason)
        } else {
            write!(f, "{}: {}", self.path, self.reason)
        }
    }
}

impl Config {
    /// The run-time check of `cookieDomain`: a page may only share the consent cookie across
    /// its own host or a parent of it (the browser would silently refuse any other).
    pub fn cookie_domain_error(&self, host: &str) -> Option<String> {
        let domain = self.cookie_domain.as_deref()?;
        (!self.cookie_domain_holds(host))
            .then(|| format!("cookieDomain: {} is neither this page's host {} nor a parent of it", quoted(domain), quoted(host)))
    }

    /// Whether the consent cookie can be stored for `host`: no `cookieDomain`, or one that is
    /// the host or a parent of it (the check alone, for the decision module).
    pub fn cookie_domain_holds(&self, host: &str) -> bool {
        let Some(domain) = self.cookie_domain.as_deref() else { return true };
        let (h, d) = (host.as_bytes(), domain.as_bytes());
        let h = h.strip_suffix(b".").unwrap_or(h);
        let under = h.len() > d.len() && h[h.len() - d.len() - 1] == b'.';
        h.len() >= d.len() && h[h.len() - d.len()..].eq_ignore_ascii_case(d) && (h.len() == d.len() || under)
    }
}

impl Config {
    /// Whether a gated script's URL is the site's own (what the UK regime's defaults may run):
    /// relative, or http(s) on the page's host or under `cookieDomain`. Any other scheme, and
    /// a protocol-relative URL the shell did not resolve, is not.
    pub fn is_own_url(&self, url: &str, page_host: &str) -> bool {
        let url = url.trim_ascii();
        // Browsers read a backslash as `/` and drop tabs and newlines: `/\evil.example` is another
        // host. Byte searches: a str pattern search would add kilobytes to the decision module.
        let b = url.as_bytes();
        let elsewhere = refused_url_scheme(url).is_some() || b.starts_with(b"//") || b.contains(&b'\\') || has_blank(url);
        if !b.windows(3).any(|w| w == b"://") {
            return !elsewhere;
        }
        let host = host_of(url);
        !elsewhere
            && !host.is_empty()
            && (host.eq_ignore_ascii_case(page_host.strip_suffix('.').unwrap_or(page_host))
                || (self.cookie_domain.is_some() && self.cookie_domain_holds(host)))
    }
}

/// The host of an absolute URL (`www.example.org` in `https://www.example.org:8443/a`), or "".
pub fn host_of(url: &str) -> &str {
    let b = url.as_bytes();
    let Some(start) = b.windows(3).position(|w| w == b"://").map(|i| i + 3) else { return "" };
    let end = b[start..].iter().position(|c| matches!(c, b'/' | b':' | b'?' | b'#')).map_or(b.len(), |i| start + i);
    url.get(start..end).unwrap_or_default()
}

impl Default for Config {
    /// The config crumbs falls back to: all four categories, no declarations, English texts.
    fn default() -> Self {
        Config {
            revision: 1,
            consent_lifetime_days: DEFAULT_LIFETIME_DAYS,
            policy_url: None,
            language: None,
            categories: Category::ALL.into_iter().map(|category| CategoryConfig { category, cookies: vec![], services: vec![] }).collect(),
            texts: vec![],
            endpoint: None,
            layout: Layout::default(),
            theme: Theme::default(),
            settings_button: false,
            gpc_refuses_performance: false,
            google_consent_mode: None,
            microsoft_consent_mode: false,
            cookie_domain: None,
            reload_on_withdraw: false,
            allow_hosts: vec![],
            hold_hosts: vec![],
            default_region: Region::default(),
            region_defaults: RegionDefaults::default(),
        }
    }
}

impl Config {
    /// The site owner's word on a URL host: `holdHosts` (targeting) or `allowHosts` (strictly
    /// necessary), with the listed host that matched (the host itself or a parent).
    pub fn host_override(&self, host: &str) -> Option<(Category, &str)> {
        let covers = |h: &&String| host == h.as_str() || host.strip_suffix(h.as_str()).is_some_and(|p| p.ends_with('.'));
        let held = self.hold_hosts.iter().find(covers).map(|h| (Category::Targeting, h.as_str()));
        held.or_else(|| self.allow_hosts.iter().find(covers).map(|h| (Category::Necessary, h.as_str())))
    }

    /// The set of categories this site uses: what "Accept all" grants.
    pub fn category_set(&self) -> CategorySet {
        self.categories.iter().map(|c| c.category).collect()
    }

    /// The category of a declared service.
    pub fn service_category(&self, id: &str) -> Option<Category> {
        self.categories.iter().find(|c| c.services.iter().any(|s| s.id == id)).map(|c| c.category)
    }

    /// The declaration covering a cookie name: exact names win over prefixes, longer prefixes
    /// over shorter ones.
    pub fn declared_cookie(&self, name: &str) -> Option<(Category, &DeclaredCookie)> {
        let all = || self.categories.iter().flat_map(|c| c.cookies.iter().map(move |d| (c.category, d)));
        all()
            .find(|(_, d)| !d.is_prefix && d.name == name)
            .or_else(|| all().filter(|(_, d)| d.is_prefix && d.matches(name)).max_by_key(|(_, d)| d.name.len()))
    }
}

/// Parses and validates a config text: the config, or every error found.
pub fn parse_config(text: &str) -> Result<Config, Vec<ConfigError>> {
    // Editors on Windows often save a byte-order mark; RFC 8259 allows ignoring it.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let doc = json::parse(text).map_err(|e| vec![ConfigError { path: String::new(), reason: format!("not valid JSON: {e}") }])?;
    validate(&doc)
}

/// Every error of a config, as serde's one error value (see [`Config`]'s `Deserialize`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigErrors(pub Vec<ConfigError>);

impl core::fmt::Display for ConfigErrors {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl TryFrom<Json> for Config {
    type Error = ConfigErrors;
    fn try_from(doc: Json) -> Result<Config, ConfigErrors> {
        validate(&doc).map_err(ConfigErrors)
    }
}

/// Validates an already parsed JSON document as a config.
pub fn validate(doc: &Json) -> Result<Config, Vec<ConfigError>> {
    let mut v = Validator { errors: vec![] };
    let config = v.config(doc);
    if v.errors.is_empty() {
        Ok(config)
    } else {
        Err(v.errors)
    }
}

struct Validator {
    errors: Vec<ConfigError>,
}

fn quoted(s: &str) -> String {
    let mut out = String::new();
    json::write_string(&mut out, s);
    out
}

impl Validator {
    fn err(&mut self, path: &str, reason: impl Into<String>) {
        self.errors.push(ConfigError { path: path.to_string(), reason: reason.into() });
    }

    /// The members of an object, or an error naming what was found instead.
    fn object<'a>(&mut self, path: &str, v: &'a Json) -> Option<&'a [(String, Json)]> {
        match v {
            Json::Object(m) => Some(m),
            other => {
                self.err(path, format!("expected an object, found {}", other.type_name()));
                None
            }
        }
    }

    /// The object items of an array, each with its path (`path[i]`); anything else is an error.
    fn objects<'a>(&mut self, path: &str, v: &'a Json) -> Vec<(String, &'a [(String, Json)])> {
        let Json::Array(items) = v else {
            self.err(path, format!("expected an array, found {}", v.type_name()));
            return vec![];
        };
        let mut out = vec![];
        for (i, item) in items.iter().enumerate() {
            let item_path = format!("{path}[{i}]");
            if let Some(members) = self.object(&item_path, item) {
                out.push((item_path, members));
            }
        }
        out
    }

    /// Reports each of `fields` that the object lacks.
    fn require(&mut self, path: &str, members: &[(String, Json)], fields: &[&str]) {
        for f in fields {
            if !members.iter().any(|(key, _)| key == f) {
                self.err(&format!("{path}.{f}"), "missing");
            }
        }
    }

    fn string(&mut self, path: &str, v: &Json, max: usize) -> Option<String> {
        match v {
            Json::String(s) if s.trim().is_empty() => self.err(path, "must not be empty"),
            Json::String(s) if s.len() > max => self.err(path, format!("longer than {max} bytes")),
            Json::String(s) => return Some(s.clone()),
            other => self.err(path, format!("expected a string, found {}", other.type_name())),
        }
        None
    }

    fn integer(&mut self, path: &str, v: &Json, min: u32, max: u32) -> Option<u32> {
        match v {
            Json::Number(_) => match v.as_whole_number() {
                Some(n) if n >= min as u64 && n <= max as u64 => return Some(n as u32),
                _ => self.err(path, format!("expected a whole number from {min} to {max}")),
            },
            other => self.err(path, format!("expected a whole number, found {}", other.type_name())),
        }
        None
    }

    fn config(&mut self, doc: &Json) -> Config {
        let mut c = Config::default();
        let Some(members) = self.object("", doc) else { return c };
        for (key, v) in members {
            let path = key.as_str();
            match path {
                "$schema" | "$comment" => {}
                "revision" => c.revision = self.integer(path, v, 0, u32::MAX).unwrap_or(c.revision),
                "consentLifetimeDays" => c.consent_lifetime_days = self.integer(path, v, 1, MAX_LIFETIME_DAYS).unwrap_or(c.consent_lifetime_days),
                "policyUrl" => c.policy_url = self.url(path, v),
                "endpoint" => c.endpoint = self.url(path, v),
                "layout" => c.layout = self.choice(path, v, &Layout::IDS).unwrap_or_default(),
                "theme" => c.theme = self.choice(path, v, &Theme::IDS).unwrap_or_default(),
                "settingsButton" => c.settings_button = self.boolean(path, v).unwrap_or(false),
                "gpcRefusesPerformance" => c.gpc_refuses_performance = self.boolean(path, v).unwrap_or(false),
                "googleConsentMode" => c.google_consent_mode = self.google_consent_mode(path, v),
                "microsoftConsentMode" => c.microsoft_consent_mode = self.boolean(path, v).unwrap_or(false),
                "reloadOnWithdraw" => c.reload_on_withdraw = self.boolean(path, v).unwrap_or(false),
                "allowHosts" => c.allow_hosts = self.hosts(path, v),
                "holdHosts" => c.hold_hosts = self.hosts(path, v),
                "cookieDomain" => c.cookie_domain = self.cookie_domain(path, v),
                "defaultRegion" => c.default_region = self.region(path, v).unwrap_or_default(),
                "regions" => c.region_defaults = self.regions(path, v),
                "language" => c.language = self.language(path, v),
                "categories" => c.categories = self.categories(v),
                "texts" => c.texts = self.texts(v),
                _ => self.err(path, "unknown field"),
            }
        }
        // Checked once the categories are known, whatever the order of the fields.
        if let Some((key, Json::Object(regions))) = members.iter().find(|(k, _)| k == "regions") {
            for (region, rule) in regions {
                let Json::Object(rule) = rule else { continue };
                let Some((_, Json::Array(list))) = rule.iter().find(|(k, _)| k == "allowByDefault") else { continue };
                for (i, id) in list.iter().enumerate() {
                    let Json::String(id) = id else { continue };
                    if let Some(cat) = Category::from_id(id).filter(|c| *c != Category::Necessary) {
                        if !c.category_set().contains(cat) {
                            self.err(
                                &format!("{key}.{region}.allowByDefault[{i}]"),
                                format!("the site does not use {} (it is not in categories)", quoted(cat.id())),
                            );
                        }
                    }
                }
            }
        }
        for (i, h) in c.hold_hosts.iter().enumerate() {
            if c.allow_hosts.contains(h) {
                self.err(&format!("holdHosts[{i}]"), format!("{} is also in allowHosts", quoted(h)));
            }
        }
        c
    }

    /// A list of host names (`cdn.example.com`), each valid and listed once.
    fn hosts(&mut self, path: &str, v: &Json) -> Vec<String> {
        let Json::Array(items) = v else {
            self.err(path, format!("expected an array of host names, found {}", v.type_name()));
            return vec![];
        };
        let mut out: Vec<String> = vec![];
        for (i, item) in items.iter().enumerate() {
            let p = format!("{path}[{i}]");
            let Some(h) = self.string(&p, item, 253) else { continue };
            match host_name_problem(&h) {
                Some(why) => self.err(&p, why),
                None if out.contains(&h) => self.err(&p, format!("{} is listed twice", quoted(&h))),
                None => out.push(h),
            }
        }
        out
    }

    /// `true`, `false`, or `{"waitForUpdate": ms}`.
    fn google_consent_mode(&mut self, path: &str, v: &Json) -> Option<u32> {
        match v {
            Json::Bool(true) => Some(500),
            Json::Bool(false) => None,
            Json::Object(members) => {
                let mut wait = 500;
                for (key, v) in members {
                    let p = format!("{path}.{key}");
                    match key.as_str() {
                        "waitForUpdate" => wait = self.integer(&p, v, 0, 10_000).unwrap_or(wait),
                        _ => self.err(&p, "unknown field"),
                    }
                }
                Some(wait)
            }
            other => {
                self.err(path, format!("expected true, false or an object, found {}", other.type_name()));
                None
            }
        }
    }

    fn boolean(&mut self, path: &str, v: &Json) -> Option<bool> {
        match v {
            Json::Bool(b) => Some(*b),
            other => {
                self.err(path, format!("expected true or false, found {}", other.type_name()));
                None
            }
        }
    }

    /// One of a fixed set of string ids.
    fn choice<T: Copy>(&mut self, path: &str, v: &Json, ids: &[(&str, T)]) -> Option<T> {
        let s = self.string(path, v, 64)?;
        if let Some(t) = find_id(&s, ids) {
            return Some(t);
        }
        let expected: Vec<String> = ids.iter().map(|(id, _)| quoted(id)).collect();
        self.err(path, format!("unknown value {} (expected one of {})", quoted(&s), crate::lean_str::join(expected, ", ")));
        None
    }

    fn url(&mut self, path: &str, v: &Json) -> Option<String> {
        let s = self.string(path, v, 2048)?;
        match refused_url_scheme(&s) {
            Some(sc) => self.err(path, format!("only http, https and relative URLs are allowed, not {}", quoted(sc))),
            None if has_blank(&s) => self.err(path, "URL contains spaces or control characters"),
            None => return Some(s),
        }
        None
    }

    /// A domain name of two labels or more. Which ones are public suffixes (`co.uk`) the
    /// browser knows at run time and `crumbs check` from the public-suffix list.
    fn cookie_domain(&mut self, path: &str, v: &Json) -> Option<String> {
        let s = self.string(path, v, 253)?.to_ascii_lowercase();
        // Byte searches and one message built by hand: str pattern searches and more format!
        // calls would add kilobytes to every wasm module.
        let b = s.as_bytes();
        let name = b.split(|c| *c == b'.').all(is_dns_label) && !b.iter().all(|c| c.is_ascii_digit() || *c == b'.');
        if name && b.contains(&b'.') {
            return Some(s);
        }
        let reason = if name {
            " is a public suffix: no site may set a cookie for all of it; use your own domain under it"
        } else {
            " is not a domain name such as \"example.org\" (no leading dot, no IP address)"
        };
        self.err(path, quoted(&s) + reason);
        None
    }

    /// `eu`, `uk`, `us` or an ISO 3166 country code (`region::Region::parse`).
    fn region(&mut self, path: &str, v: &Json) -> Option<Region> {
        let s = self.string(path, v, 16)?;
        let region = Region::parse(&s);
        if region.is_none() {
            self.err(
                path,
                format!("unknown region {} (expected \"eu\", \"uk\", \"us\" or an ISO 3166 country code such as \"FR\" or \"US-CA\")", quoted(&s)),
            );
        }
        region
    }

    /// `{"uk": {"allowByDefault": [...]}, "us": {...}}`: what runs before a decision in each
    /// region with an exception of its own (see `region.rs`).
    fn regions(&mut self, path: &str, v: &Json) -> RegionDefaults {
        let mut out = RegionDefaults::default();
        let Some(members) = self.object(path, v) else { return out };
        for (region, rule) in members {
            let p = format!("{path}.{region}");
            let uk = match region.as_str() {
                "uk" => true,
                "us" => false,
                _ => {
                    self.err(&p, "unknown region: only \"uk\" (the DUAA 2025 exception) and \"us\" (opt-out) may allow anything before consent");
                    continue;
                }
            };
            let Some(fields) = self.object(&p, rule) else { continue };
            let mut set = CategorySet::empty();
            for (key, v) in fields {
                let p = format!("{p}.{key}");
                match key.as_str() {
                    "allowByDefault" => set = self.allowed_by_default(&p, v, uk),
                    _ => self.err(&p, "unknown field"),
                }
            }
            self.require(&p, fields, &["allowByDefault"]);
            if uk {
                out.uk = set;
            } else {
                out.us = set;
            }
        }
        out
    }

    /// The categories of a region's `allowByDefault`: never strictly necessary (always
    /// allowed), in the UK only statistics (performance) and appearance (functionality).
    fn allowed_by_default(&mut self, path: &str, v: &Json, uk: bool) -> CategorySet {
        let Json::Array(items) = v else {
            self.err(path, format!("expected an array of category ids, found {}", v.type_name()));
            return CategorySet::empty();
        };
        let mut set = CategorySet::empty();
        for (i, item) in items.iter().enumerate() {
            let p = format!("{path}[{i}]");
            let Some(id) = self.string(&p, item, 64) else { continue };
            match Category::from_id(&id) {
                None => self.err(&p, format!("unknown category {} (expected \"performance\", \"functionality\" or \"targeting\")", quoted(&id))),
                Some(Category::Necessary) => self.err(&p, "strictly necessary is always allowed; list only the categories that run before consent"),
                Some(Category::Targeting) if uk => self.err(
                    &p,
                    "targeting can never be allowed by default in the UK: the DUAA 2025 exception covers statistics (performance) and appearance (functionality) only",
                ),
                Some(c) if set.contains(c) => self.err(&p, format!("{} is listed twice", quoted(&id))),
                Some(c) => set = set.with(c),
            }
        }
        set
    }

    fn language(&mut self, path: &str, v: &Json) -> Option<String> {
        let s = self.string(path, v, 35)?;
        if is_language_tag(&s) {
            Some(s)
        } else {
            self.err(path, format!("{} is not a language code such as \"en\" or \"pt-BR\"", quoted(&s)));
            None
        }
    }

    fn categories(&mut self, v: &Json) -> Vec<CategoryConfig> {
        let mut out: Vec<CategoryConfig> = Vec::new();
        // Where each accepted declaration came from, to name duplicates by their path.
        let mut seen: Vec<(String, String)> = Vec::new();
        let mut seen_services: Vec<(String, String)> = Vec::new();
        for (path, members) in self.objects("categories", v) {
            let mut category = None;
            let mut cookies = vec![];
            let mut services = vec![];
            for (key, v) in members {
                let p = format!("{path}.{key}");
                match key.as_str() {
                    "id" => match v {
                        Json::String(id) => match Category::from_id(id) {
                            Some(c) if out.iter().any(|o| o.category == c) => self.err(&p, format!("duplicate category {}", quoted(id))),
                            Some(c) => category = Some(c),
                            None => self.err(
                                &p,
                                format!(
                                    "unknown category {} (expected one of \"necessary\", \"performance\", \"functionality\", \"targeting\")",
                                    quoted(id)
                                ),
                            ),
                        },
                        other => self.err(&p, format!("expected a string, found {}", other.type_name())),
                    },
                    "cookies" => cookies = self.cookies(&p, v),
                    "services" => services = self.services(&p, v, &mut seen_services),
                    _ => self.err(&p, "unknown field"),
                }
            }
            self.require(&path, members, &["id"]);
            for (j, d) in cookies.iter().enumerate() {
                let here = format!("{path}.cookies[{j}].name");
                let name = d.display_name();
                match seen.iter().find(|(n, _)| *n == name) {
                    Some((_, first)) => self.err(&here, format!("cookie {} is already declared at {first}", quoted(&name))),
                    None => seen.push((name, here)),
                }
            }
            if let Some(category) = category {
                if category == Category::Necessary && !services.is_empty() {
                    self.err(&format!("{path}.services"), "strictly necessary services are always on; declare them without a switch");
                }
                out.push(CategoryConfig { category, cookies, services });
            }
        }
        // Strictly necessary is always present: it cannot be switched off, only left undeclared.
        if !out.iter().any(|c| c.category == Category::Necessary) {
            out.push(CategoryConfig { category: Category::Necessary, cookies: vec![], services: vec![] });
        }
        crate::sort::sort_by(&mut out, |a, b| a.category < b.category);
        out
    }

    fn cookies(&mut self, path: &str, v: &Json) -> Vec<DeclaredCookie> {
        let mut out = vec![];
        for (path, members) in self.objects(path, v) {
            let mut fields: [Option<String>; 4] = Default::default();
            const FIELDS: [&str; 4] = ["name", "provider", "purpose", "expiry"];
            let mut kind = StorageKind::Cookie;
            for (key, v) in members {
                let p = format!("{path}.{key}");
                match FIELDS.iter().position(|f| f == key) {
                    Some(0) => fields[0] = self.cookie_name(&p, v),
                    Some(k) => fields[k] = self.string(&p, v, MAX_TEXT),
                    None if key == "type" => kind = self.choice(&p, v, &StorageKind::IDS).unwrap_or_default(),
                    None => self.err(&p, "unknown field"),
                }
            }
            self.require(&path, members, &FIELDS);
            if let [Some(name), Some(provider), Some(purpose), Some(expiry)] = fields {
                let is_prefix = name.ends_with('*');
                let name = name.trim_end_matches('*').to_string();
                out.push(DeclaredCookie { name, is_prefix, provider, purpose, expiry, kind });
            }
        }
        out
    }

    fn services(&mut self, path: &str, v: &Json, seen: &mut Vec<(String, String)>) -> Vec<ServiceConfig> {
        let mut out = vec![];
        for (path, members) in self.objects(path, v) {
            let (mut id, mut name, mut purpose) = (None, None, None);
            for (key, v) in members {
                let p = format!("{path}.{key}");
                match key.as_str() {
                    "id" => id = self.service_id(&p, v),
                    "name" => name = self.string(&p, v, 128),
                    "purpose" => purpose = self.string(&p, v, MAX_TEXT),
                    _ => self.err(&p, "unknown field"),
                }
            }
            self.require(&path, members, &["id", "name"]);
            if let (Some(id), Some(name)) = (id, name) {
                let here = format!("{path}.id");
                match seen.iter().find(|(s, _)| *s == id) {
                    Some((_, first)) => self.err(&here, format!("service {} is already declared at {first}", quoted(&id))),
                    None => {
                        seen.push((id.clone(), here));
                        out.push(ServiceConfig { id, name, purpose });
                    }
                }
            }
        }
        out
    }

    fn service_id(&mut self, path: &str, v: &Json) -> Option<String> {
        let s = self.string(path, v, 32)?;
        if crate::consent::is_service_id(&s) {
            Some(s)
        } else {
            self.err(path, "use only a-z, 0-9, '-' and '_'");
            None
        }
    }

    fn cookie_name(&mut self, path: &str, v: &Json) -> Option<String> {
        let s = self.string(path, v, MAX_COOKIE_NAME)?;
        let body = s.strip_suffix('*').unwrap_or(&s);
        if body.is_empty() {
            self.err(path, "a prefix needs at least one character before '*'");
            return None;
        }
        if let Some(bad) = body.chars().find(|&ch| ch == '*' || !is_cookie_name_char(ch)) {
            let reason = match bad {
                '*' => "'*' may only end a name, to mark a prefix".to_string(),
                ch if ch.is_control() => "contains a control character".to_string(),
                ch => format!("contains {}, which a cookie name cannot", quoted(&ch.to_string())),
            };
            self.err(path, reason);
            return None;
        }
        Some(s)
    }

    fn texts(&mut self, v: &Json) -> Vec<TextOverrides> {
        let Some(langs) = self.object("texts", v) else { return vec![] };
        let mut out = vec![];
        for (lang, texts) in langs {
            let path = format!("texts.{lang}");
            if !is_language_tag(lang) {
                self.err(&path, format!("{} is not a language code such as \"en\" or \"pt-BR\"", quoted(lang)));
                continue;
            }
            let Some(members) = self.object(&path, texts) else { continue };
            let mut o = TextOverrides { language: lang.clone(), texts: vec![] };
            for (key, v) in members {
                let p = format!("{path}.{key}");
                match Text::from_key(key) {
                    Some(t) => {
                        if let Some(s) = self.string(&p, v, MAX_TEXT) {
                            o.texts.push((t, s));
                        }
                    }
                    None => self.err(&p, "unknown text"),
                }
            }
            out.push(o);
        }
        out
    }
}

/// The scheme of a URL crumbs will not link to or load: anything but http and https (relative
/// URLs have none). A scheme is whatever precedes the first ':' before any '/', '?' or '#'.
/// Whether `l` is one label of a lower-case host name: 1 to 63 letters, digits and inner
/// hyphens (the `cookieDomain` and `allowHosts`/`holdHosts` checks).
fn is_dns_label(l: &[u8]) -> bool {
    (1..=63).contains(&l.len())
        && l.iter().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
        && l[0] != b'-'
        && l[l.len() - 1] != b'-'
}

/// Why a config's host name is not one (`None`: it is): lower-case labels of letters, digits and
/// inner hyphens, at least two of them, with no scheme, port, path or wildcard.
fn host_name_problem(h: &str) -> Option<&'static str> {
    if h.contains('/') || h.contains(':') {
        return Some("expected a host name such as cdn.example.com, not a URL");
    }
    if h.starts_with("*.") {
        return Some("write the host without \"*.\": its subdomains are included");
    }
    if !h.as_bytes().split(|c| *c == b'.').all(is_dns_label) {
        return Some("expected a host name of lower-case letters, digits, hyphens and dots");
    }
    if !h.contains('.') {
        return Some("expected a host name with a dot, such as cdn.example.com, not a top-level domain");
    }
    None
}

fn refused_url_scheme(url: &str) -> Option<&str> {
    // Byte positions of ASCII characters, so the slice is on a char boundary.
    let colon = url.bytes().position(|b| b == b':')?;
    let scheme = url.get(..colon).filter(|h| !h.bytes().any(|b| matches!(b, b'/' | b'?' | b'#')))?;
    (!scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https")).then_some(scheme)
}

fn has_blank(url: &str) -> bool {
    url.chars().any(|ch| ch.is_control() || ch == ' ')
}

fn find_id<T: Copy>(id: &str, ids: &[(&str, T)]) -> Option<T> {
    ids.iter().find(|(i, _)| *i == id).map(|(_, t)| *t)
}

/// RFC 6265 `token` characters: visible ASCII except separators.
fn is_cookie_name_char(ch: char) -> bool {
    ch.is_ascii_graphic() && !b"()<>@,;:\\\"/[]?={}".contains(&(ch as u8))
}

/// A loose BCP 47 check: 2–3 letters, then `-` separated alphanumeric subtags of 1–8.
// Over bytes, not chars: a tag is ASCII, and the decision module then carries no UTF-8
// searcher.
pub fn is_language_tag(s: &str) -> bool {
    let mut parts = s.as_bytes().split(|&b| b == b'-');
    let first = parts.next().unwrap_or_default();
    (2..=3).contains(&first.len())
        && first.iter().all(u8::is_ascii_alphabetic)
        && parts.all(|p| (1..=8).contains(&p.len()) && p.iter().all(u8::is_ascii_alphanumeric))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookie_domain_is_a_domain_the_page_is_on() {
        let c = parse_config(r#"{"cookieDomain": "Example.CO.uk"}"#).unwrap();
        assert_eq!(c.cookie_domain.as_deref(), Some("example.co.uk"));
        for host in ["example.co.uk", "www.example.co.uk", "10years.example.co.uk", "a.b.example.co.uk", "WWW.Example.co.uk."] {
            assert_eq!(c.cookie_domain_error(host), None, "{host}");
        }
        for host in ["badexample.co.uk", "example.co", "co.uk", "127.0.0.1", "example.co.uk.evil.org", ""] {
            let e = c.cookie_domain_error(host).unwrap_or_else(|| panic!("{host} accepted"));
            assert!(e.starts_with("cookieDomain: \"example.co.uk\" is neither this page's host"), "{e}");
        }
        assert_eq!(parse_config("{}").unwrap().cookie_domain_error("anything"), None, "host-only by default");
        for (domain, reason) in [
            ("com", "\"com\" is a public suffix"),
            (".example.org", "is not a domain name"),
            ("exa mple.org", "is not a domain name"),
            ("-x.org", "is not a domain name"),
            ("a..org", "is not a domain name"),
            ("192.168.0.1", "is not a domain name"),
        ] {
            let errs = parse_config(&format!(r#"{{"cookieDomain": {}}}"#, quoted(domain))).unwrap_err();
            assert!(errs.len() == 1 && errs[0].to_string().contains(reason), "{domain}: {errs:?}");
            assert!(errs[0].to_string().starts_with("cookieDomain: "), "{errs:?}");
        }
        assert!(parse_config(r#"{"cookieDomain": 1}"#).is_err());
    }

    #[test]
    fn regions_allow_by_default_only_what_their_law_allows() {
        let c = parse_config(
            r#"{"defaultRegion": "GB", "regions": {"uk": {"allowByDefault": ["performance", "functionality"]},
                "us": {"allowByDefault": ["performance", "functionality", "targeting"]}}}"#,
        )
        .unwrap();
        assert_eq!(c.default_region, Region::Uk);
        let stats = CategorySet::empty().with(Category::Performance).with(Category::Functionality);
        assert_eq!(c.region_defaults, RegionDefaults { uk: stats, us: stats.with(Category::Targeting) });
        assert_eq!(parse_config("{}").unwrap().region_defaults, RegionDefaults::default(), "opt-in everywhere by default");
        assert_eq!(
            errors(
                r#"{"defaultRegion": "europe", "categories": [{"id": "performance"}],
                    "regions": {"uk": {"allowByDefault": ["targeting", "necessary", "performance", "performance", "tracking", 3, "functionality"], "note": 1},
                      "eu": {"allowByDefault": ["performance"]}, "us": {}, "ca": []}}"#
            ),
            vec![
                "defaultRegion: unknown region \"europe\" (expected \"eu\", \"uk\", \"us\" or an ISO 3166 country code such as \"FR\" or \"US-CA\")",
                "regions.uk.allowByDefault[0]: targeting can never be allowed by default in the UK: the DUAA 2025 exception covers statistics (performance) and appearance (functionality) only",
                "regions.uk.allowByDefault[1]: strictly necessary is always allowed; list only the categories that run before consent",
                "regions.uk.allowByDefault[3]: \"performance\" is listed twice",
                "regions.uk.allowByDefault[4]: unknown category \"tracking\" (expected \"performance\", \"functionality\" or \"targeting\")",
                "regions.uk.allowByDefault[5]: expected a string, found a number",
                "regions.uk.note: unknown field",
                "regions.eu: unknown region: only \"uk\" (the DUAA 2025 exception) and \"us\" (opt-out) may allow anything before consent",
                "regions.us.allowByDefault: missing",
                "regions.ca: unknown region: only \"uk\" (the DUAA 2025 exception) and \"us\" (opt-out) may allow anything before consent",
                "regions.uk.allowByDefault[0]: the site does not use \"targeting\" (it is not in categories)",
                "regions.uk.allowByDefault[6]: the site does not use \"functionality\" (it is not in categories)",
            ]
        );
        assert_eq!(errors(r#"{"regions": []}"#), vec!["regions: expected an object, found an array"]);
        assert_eq!(
            errors(r#"{"regions": {"us": {"allowByDefault": "targeting"}}}"#),
            vec!["regions.us.allowByDefault: expected an array of category ids, found a string"]
        );
    }

    #[test]
    fn own_urls_are_relative_or_on_the_sites_hosts() {
        let c = parse_config(r#"{"cookieDomain": "example.org"}"#).unwrap();
        for own in
            ["/js/stats.js", "stats.js", "https://www.example.org/s.js", "http://WWW.example.org:8080/s.js", "https://logbook.example.org/s.js"]
        {
            assert!(c.is_own_url(own, "www.example.org"), "{own}");
        }
        for other in [
            "https://stats.vendor.example/s.js",
            "//cdn.vendor.example/s.js",
            "/\\vendor.example/s.js",
            "/\t/vendor.example/s.js",
            "data:text/javascript,1",
            "https://www.example.org@vendor.example/s.js",
            "https://example.org.vendor.example/s.js",
        ] {
            assert!(!c.is_own_url(other, "www.example.org"), "{other}");
        }
        let host_only = parse_config("{}").unwrap();
        assert!(host_only.is_own_url("https://www.example.org/s.js", "www.example.org"));
        assert!(!host_only.is_own_url("https://logbook.example.org/s.js", "www.example.org"), "a sibling is only the site's with cookieDomain");
    }

    #[test]
    fn host_of_an_address() {
        for (url, host) in
            [("https://www.example.org:8443/a", "www.example.org"), ("http://127.0.0.1:8080/", "127.0.0.1"), ("http://a.b/", "a.b"), ("x", "")]
        {
            assert_eq!(host_of(url), host, "{url}");
        }
    }

    #[test]
    fn language_tags_and_url_schemes_are_read_byte_by_byte_as_before() {
        for ok in ["en", "pt-BR", "zh-Hant-TW", "sgn-BE-FR", "en-a-12345678"] {
            assert!(is_language_tag(ok), "{ok}");
        }
        for bad in ["", "e", "engl", "en-", "-en", "en--GB", "en-123456789", "en_GB", "é", "en-ü", "12"] {
            assert!(!is_language_tag(bad), "{bad}");
        }
        for (url, refused) in [
            ("https://x/a:b", None),
            ("HTTP://x", None),
            ("/a/b:c", None),
            ("?q=a:b", None),
            ("#a:b", None),
            ("privacy", None),
            ("mailto:x", Some("mailto")),
            ("é:x", Some("é")),
            (":x", Some("")),
        ] {
            assert_eq!(refused_url_scheme(url), refused, "{url}");
        }
    }

    fn errors(text: &str) -> Vec<String> {
        parse_config(text).unwrap_err().iter().map(|e| e.to_string()).collect()
    }

    #[test]
    fn as_a_serde_type_it_is_validated_with_every_error() {
        let c: Config = serde_json::from_str(r#"{"theme": "dark"}"#).unwrap();
        assert_eq!(c.theme, Theme::Dark);
        let e = serde_json::from_str::<Config>(r#"{"theme": "neon", "revision": -1}"#).unwrap_err().to_string();
        assert!(e.starts_with(r#"theme: unknown value "neon""#) && e.contains("; revision: expected a whole number"), "{e}");
    }

    #[test]
    fn empty_object_is_the_default() {
        assert_eq!(parse_config("{}").unwrap(), Config::default());
        assert_eq!(parse_config("\u{feff}{}").unwrap(), Config::default(), "a byte-order mark is ignored");
    }

    #[test]
    fn full_config() {
        let c = parse_config(
            r#"{"revision": 3, "consentLifetimeDays": 90, "policyUrl": "/privacy", "language": "en-GB",
                "categories": [{"id": "performance", "cookies": [
                    {"name": "_ga_*", "provider": "Google Analytics", "purpose": "Counts visits", "expiry": "2 years"}]},
                  {"id": "necessary"}],
                "texts": {"de": {"acceptAll": "Alle akzeptieren"}}}"#,
        )
        .unwrap();
        assert_eq!(c.revision, 3);
        assert_eq!(c.consent_lifetime_days, 90);
        assert_eq!(c.categories.iter().map(|c| c.category).collect::<Vec<_>>(), vec![Category::Necessary, Category::Performance]);
        let (cat, d) = c.declared_cookie("_ga_XYZ").unwrap();
        assert_eq!((cat, d.display_name().as_str()), (Category::Performance, "_ga_*"));
        assert!(c.declared_cookie("_gid").is_none());
        assert_eq!(c.texts[0].texts, vec![(Text::AcceptAll, "Alle akzeptieren".to_string())]);
        assert!(!c.category_set().contains(Category::Targeting));
    }

    #[test]
    fn necessary_is_implicit() {
        let c = parse_config(r#"{"categories": [{"id": "targeting"}]}"#).unwrap();
        assert_eq!(c.category_set(), CategorySet::necessary_only().with(Category::Targeting));
    }

    #[test]
    fn reports_every_error_with_its_path() {
        let e = errors(
            r#"{"revision": -1, "consentLifetimeDays": 500, "policyUrl": "javascript:alert(1)", "colour": 1,
                "categories": [{"id": "necessary"}, {"id": "performance"}, {"id": "tracking"}, {"id": "performance"}, {}],
                "texts": {"en": {"acceptAll": 3, "nope": "x"}, "english!": {}}}"#,
        );
        assert_eq!(
            e,
            vec![
                "revision: expected a whole number from 0 to 4294967295",
                "consentLifetimeDays: expected a whole number from 1 to 400",
                "policyUrl: only http, https and relative URLs are allowed, not \"javascript\"",
                "colour: unknown field",
                "categories[2].id: unknown category \"tracking\" (expected one of \"necessary\", \"performance\", \"functionality\", \"targeting\")",
                "categories[3].id: duplicate category \"performance\"",
                "categories[4].id: missing",
                "texts.en.acceptAll: expected a string, found a number",
                "texts.en.nope: unknown text",
                "texts.english!: \"english!\" is not a language code such as \"en\" or \"pt-BR\"",
            ]
        );
    }

    #[test]
    fn cookie_declarations_are_checked() {
        let e = errors(
            r#"{"categories": [{"id": "performance", "cookies": [
                {"name": "a b", "provider": "p", "purpose": "x", "expiry": "1 day"},
                {"name": "*", "provider": "p", "purpose": "x", "expiry": "1 day"},
                {"name": "a*b", "provider": "p", "purpose": "x", "expiry": "1 day"},
                {"name": "ok", "provider": "", "expiry": "1 day", "colour": "red"}]},
              {"id": "targeting", "cookies": [{"name": "x", "provider": "p", "purpose": "x", "expiry": "1 day"},
                                              {"name": "x", "provider": "p", "purpose": "x", "expiry": "1 day"}]}]}"#,
        );
        assert_eq!(
            e,
            vec![
                "categories[0].cookies[0].name: contains \" \", which a cookie name cannot",
                "categories[0].cookies[1].name: a prefix needs at least one character before '*'",
                "categories[0].cookies[2].name: '*' may only end a name, to mark a prefix",
                "categories[0].cookies[3].provider: must not be empty",
                "categories[0].cookies[3].colour: unknown field",
                "categories[0].cookies[3].purpose: missing",
                "categories[1].cookies[1].name: cookie \"x\" is already declared at categories[1].cookies[0].name",
            ]
        );
    }

    #[test]
    fn host_overrides_are_checked_and_match_subdomains() {
        let e = errors(
            r#"{"allowHosts": ["cdn.example.com", "https://x.example/", "*.cdn.example", "Upper.Example", "com", "cdn.example.com", 3],
                "holdHosts": "widgets.example", "colour": 1}"#,
        );
        assert_eq!(
            e,
            vec![
                "allowHosts[1]: expected a host name such as cdn.example.com, not a URL",
                "allowHosts[2]: write the host without \"*.\": its subdomains are included",
                "allowHosts[3]: expected a host name of lower-case letters, digits, hyphens and dots",
                "allowHosts[4]: expected a host name with a dot, such as cdn.example.com, not a top-level domain",
                "allowHosts[5]: \"cdn.example.com\" is listed twice",
                "allowHosts[6]: expected a string, found a number",
                "holdHosts: expected an array of host names, found a string",
                "colour: unknown field",
            ]
        );
        assert_eq!(errors(r#"{"allowHosts": ["a.example"], "holdHosts": ["a.example"]}"#), vec!["holdHosts[0]: \"a.example\" is also in allowHosts"]);
        let c = parse_config(r#"{"allowHosts": ["cdn.example.com"], "holdHosts": ["ads.cdn.example.com"]}"#).unwrap();
        assert_eq!(c.host_override("cdn.example.com"), Some((Category::Necessary, "cdn.example.com")));
        assert_eq!(c.host_override("eu.cdn.example.com"), Some((Category::Necessary, "cdn.example.com")));
        assert_eq!(c.host_override("x.ads.cdn.example.com"), Some((Category::Targeting, "ads.cdn.example.com")));
        assert_eq!(c.host_override("evilcdn.example.com"), None);
    }

    #[test]
    fn not_json_or_wrong_shape() {
        assert_eq!(errors("{"), vec!["not valid JSON: line 1 column 2: expected a string key"]);
        assert_eq!(errors("[]"), vec!["expected an object, found an array"]);
        assert_eq!(errors(r#"{"categories": {}}"#), vec!["categories: expected an array, found an object"]);
    }

    #[test]
    fn services() {
        let c = parse_config(r#"{"categories": [{"id": "targeting", "services": [{"id": "youtube", "name": "YouTube", "purpose": "Videos"}]}]}"#)
            .unwrap();
        assert_eq!(c.service_category("youtube"), Some(Category::Targeting));
        assert_eq!(c.service_category("vimeo"), None);
        assert_eq!(
            errors(
                r#"{"categories": [{"id": "necessary", "services": [{"id": "csrf", "name": "x"}]},
                    {"id": "targeting", "services": [{"id": "You Tube", "name": "YouTube"}, {"id": "a"}, {"id": "a", "name": "A"}, {"id": "a", "name": "B"}]}]}"#
            ),
            vec![
                "categories[0].services: strictly necessary services are always on; declare them without a switch",
                "categories[1].services[0].id: use only a-z, 0-9, '-' and '_'",
                "categories[1].services[1].name: missing",
                "categories[1].services[3].id: service \"a\" is already declared at categories[1].services[2].id",
            ]
        );
    }

    #[test]
    fn consent_modes() {
        assert_eq!(parse_config(r#"{"googleConsentMode": true}"#).unwrap().google_consent_mode, Some(500));
        let c = parse_config(r#"{"googleConsentMode": {"waitForUpdate": 2000}, "microsoftConsentMode": true}"#).unwrap();
        assert_eq!((c.google_consent_mode, c.microsoft_consent_mode), (Some(2000), true));
        assert_eq!(
            errors(r#"{"googleConsentMode": {"waitForUpdate": -5, "region": "EU"}}"#),
            vec!["googleConsentMode.waitForUpdate: expected a whole number from 0 to 10000", "googleConsentMode.region: unknown field"]
        );
    }

    #[test]
    fn layout_theme_and_button() {
        let c = parse_config(r#"{"layout": "box-corner", "theme": "dark", "settingsButton": true}"#).unwrap();
        assert_eq!((c.layout, c.theme, c.settings_button), (Layout::BoxCorner, Theme::Dark, true));
        assert_eq!(
            errors(r#"{"layout": "sidebar", "theme": 1, "settingsButton": "yes"}"#),
            vec![
                "layout: unknown value \"sidebar\" (expected one of \"bar-bottom\", \"bar-top\", \"box-corner\", \"box-centre\")",
                "theme: expected a string, found a number",
                "settingsButton: expected true or false, found a string",
            ]
        );
    }

    #[test]
    fn relative_and_http_urls_pass() {
        for u in ["/privacy", "privacy.html", "https://example.org/p?a=b:c", "./p#x:y"] {
            let text = format!(r#"{{"policyUrl": "{u}"}}"#);
            assert_eq!(parse_config(&text).unwrap().policy_url.as_deref(), Some(u));
        }
    }
}
