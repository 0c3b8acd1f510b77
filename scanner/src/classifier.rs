//! The scanner's only door to crumbs' classifier (src/classify/): cookie names and request URLs
//! to a category, a provider and the evidence. Kept to this module so a change to the core's
//! knowledge base is adapted in one place.

use crumbs::category::Category;
use crumbs::classify::{classify_cookie, classify_url, urls, KnownTable, Source};
use crumbs::config::Config;
use serde::Serialize;

/// A classification as the scanner reports it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Verdict {
    /// `None`: unknown, so it needs consent (crumbs treats it as the strictest).
    #[serde(serialize_with = "category_id")]
    pub category: Option<Category>,
    /// Who sets it, when known.
    pub provider: String,
    /// `declared`, `rule`, `vendor`, `database`, `pattern`, `unknown`, or `stores-nothing` (a
    /// host that keeps nothing on the device, such as a public library CDN).
    pub source: &'static str,
}

/// Categories as their config ids; `unknown` for none.
fn category_id<S: serde::Serializer>(c: &Option<Category>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(c.map_or("unknown", Category::id))
}

impl Verdict {
    /// Whether it needs consent (anything but strictly necessary, unknown included).
    pub fn needs_consent(&self) -> bool {
        self.category != Some(Category::Necessary)
    }

    /// The category id, or `unknown`.
    pub fn category_id(&self) -> &'static str {
        self.category.map_or("unknown", Category::id)
    }
}

/// crumbs' knowledge: the compiled known-vendor table (Open Cookie Database and vendor
/// knowledge base) plus the core's own rules.
pub struct Classifier {
    db: KnownTable,
}

impl Classifier {
    /// From the compiled table (the CLI's `known.bin`) and crumbs' own rules as this build has
    /// them; a damaged table knows nothing but the rules.
    pub fn new(table: &[u8]) -> Classifier {
        Classifier { db: KnownTable::from_bytes(table.to_vec()).unwrap_or_default().with_own_rules() }
    }

    /// A cookie or storage key, with the site's declarations first.
    pub fn cookie(&self, name: &str, domain: &str, config: &Config) -> Verdict {
        let c = classify_cookie(name, Some(domain), config, &self.db);
        Verdict { category: c.category, provider: c.provider, source: c.source.id() }
    }

    /// A request URL from a page on `page_host`, with the site's `allowHosts`/`holdHosts`:
    /// `None` for the site's own requests and for URLs that are not http(s).
    pub fn request(&self, url: &str, page_host: &str, config: &Config) -> Option<Verdict> {
        let c = classify_url(url, Some(page_host), config, &self.db);
        match c.source {
            Source::FirstParty | Source::Invalid => None,
            // Stores nothing on the device: needs no consent, as crumbs' pre-blocker treats it.
            _ if c.stores_nothing => Some(Verdict { category: Some(Category::Necessary), provider: c.provider, source: "stores-nothing" }),
            _ => Some(Verdict { category: c.category, provider: c.provider, source: c.source.id() }),
        }
    }

    /// The host of an absolute http(s) URL, lower case.
    pub fn host(url: &str) -> Option<String> {
        urls::url_host(url)
    }

    /// What crumbs says a cookie is for, in its own words: the vendor's sentence from
    /// `data/vendor-purposes.tsv` ([`crate::vendor_purposes`]), else what its category means,
    /// said of the vendor that sets it. `None` for an unknown cookie or one whose vendor crumbs
    /// cannot name (the draft then leaves the purpose to the site owner).
    pub fn purpose(&self, provider: &str, verdict: &Verdict) -> Option<String> {
        let provider = provider.trim();
        if provider.is_empty() || verdict.source == "unknown" {
            return None;
        }
        if let Some(p) = crate::vendor_purposes::purpose(provider) {
            return Some(p.to_string());
        }
        let what = match verdict.category? {
            Category::Necessary => "needed for the site to work or to keep it secure",
            Category::Performance => "measures how visitors use the site, so it can be improved",
            Category::Functionality => "remembers the visitor's choices or runs a feature they use",
            Category::Targeting => "tracks the visitor for advertising or marketing",
        };
        Some(format!("Set by {provider}: {what}."))
    }
}
