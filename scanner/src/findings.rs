//! What a crawl found, per item: each cookie, storage key and vendor, classified, with the
//! pages and states it was seen in. The JSON, the HTML report, the draft config and the audit
//! all read this.

use crate::classifier::{Classifier, Verdict};
use crate::crawl::{CrawlNotes, PageResult};
use crate::visit::State;
use crumbs::config::Config;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// A cookie, by name, domain and path.
#[derive(Clone, Debug, Serialize)]
pub struct CookieItem {
    pub name: String,
    pub domain: String,
    pub path: String,
    #[serde(flatten)]
    pub verdict: Verdict,
    /// The longest lifetime observed, in seconds; `None` for a session cookie.
    pub lifetime_seconds: Option<f64>,
    pub http_only: bool,
    pub secure: bool,
    /// Set on another site than the page's.
    pub third_party: bool,
    pub pages: BTreeSet<String>,
    pub states: BTreeSet<State>,
}

/// A localStorage or sessionStorage key.
#[derive(Clone, Debug, Serialize)]
pub struct StorageItem {
    /// `localStorage` or `sessionStorage`.
    pub kind: &'static str,
    pub name: String,
    #[serde(flatten)]
    pub verdict: Verdict,
    pub pages: BTreeSet<String>,
    pub states: BTreeSet<State>,
}

/// One request to a vendor.
#[derive(Clone, Debug, Serialize)]
pub struct VendorRequest {
    pub url: String,
    pub page: String,
    pub state: State,
    pub resource_type: String,
    pub initiator_type: String,
    pub initiator_url: Option<String>,
    pub failed: Option<String>,
}

/// A third party the pages sent requests to.
#[derive(Clone, Debug, Serialize)]
pub struct VendorItem {
    /// The provider crumbs knows it as, or its host when unknown.
    pub name: String,
    #[serde(flatten)]
    pub verdict: Verdict,
    pub hosts: BTreeSet<String>,
    pub requests: Vec<VendorRequest>,
}

/// A redirect from the site's own URL to a third party.
#[derive(Clone, Debug, Serialize)]
pub struct RedirectItem {
    pub page: String,
    pub state: State,
    pub from: String,
    pub to: String,
    #[serde(flatten)]
    pub verdict: Verdict,
}

/// Everything found.
#[derive(Clone, Debug, Serialize)]
pub struct Findings {
    pub site: String,
    pub notes: CrawlNotes,
    pub cookies: Vec<CookieItem>,
    pub storage: Vec<StorageItem>,
    pub vendors: Vec<VendorItem>,
    pub redirects: Vec<RedirectItem>,
    pub pages: Vec<PageResult>,
}

fn now() -> f64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0.0, |d| d.as_secs_f64())
}

/// Whether `domain` (a cookie's, maybe with a leading dot) belongs to `host`'s site.
pub fn same_site(domain: &str, host: &str) -> bool {
    let d = domain.trim_start_matches('.').to_ascii_lowercase();
    let h = host.to_ascii_lowercase();
    h == d || h.ends_with(&format!(".{d}")) || d.ends_with(&format!(".{h}"))
}

/// The host of a page URL.
pub fn page_host(url: &str) -> String {
    Classifier::host(url).unwrap_or_default()
}

/// The first config the pages carry that crumbs accepts (the site's own declarations).
pub fn page_config(pages: &[PageResult]) -> Option<Config> {
    pages.iter().flat_map(|p| &p.visits).filter_map(|v| v.config_text.as_deref()).find_map(|t| crumbs::config::parse_config(t).ok())
}

/// Classifies and groups what the visits saw; `config` gives the declarations classification
/// starts from.
pub fn build(site: &str, pages: Vec<PageResult>, notes: CrawlNotes, classifier: &Classifier, config: &Config) -> Findings {
    let t = now();
    let mut cookies: BTreeMap<(String, String, String), CookieItem> = BTreeMap::new();
    let mut storage: BTreeMap<(&'static str, String), StorageItem> = BTreeMap::new();
    let mut vendors: BTreeMap<String, VendorItem> = BTreeMap::new();
    let mut redirects = Vec::new();
    for page in &pages {
        let host = page_host(&page.url);
        for v in &page.visits {
            for c in &v.cookies {
                let key = (c.name.clone(), c.domain.clone(), c.path.clone());
                let item = cookies.entry(key).or_insert_with(|| CookieItem {
                    name: c.name.clone(),
                    domain: c.domain.clone(),
                    path: c.path.clone(),
                    verdict: classifier.cookie(&c.name, &c.domain, config),
                    lifetime_seconds: None,
                    http_only: c.http_only,
                    secure: c.secure,
                    third_party: !same_site(&c.domain, &host),
                    pages: BTreeSet::new(),
                    states: BTreeSet::new(),
                });
                if let Some(e) = c.expires {
                    let life = (e - t).max(0.0).round();
                    item.lifetime_seconds = Some(item.lifetime_seconds.map_or(life, |l: f64| l.max(life)));
                }
                item.pages.insert(page.url.clone());
                item.states.insert(v.state);
            }
            for (kind, keys) in [("localStorage", &v.local_storage), ("sessionStorage", &v.session_storage)] {
                for k in keys {
                    let item = storage.entry((kind, k.clone())).or_insert_with(|| StorageItem {
                        kind,
                        name: k.clone(),
                        verdict: classifier.cookie(k, &host, config),
                        pages: BTreeSet::new(),
                        states: BTreeSet::new(),
                    });
                    item.pages.insert(page.url.clone());
                    item.states.insert(v.state);
                }
            }
            for r in &v.requests {
                let Some(verdict) = classifier.request(&r.url, &host, config) else { continue };
                let r_host = Classifier::host(&r.url).unwrap_or_default();
                let name = if verdict.provider.is_empty() { r_host.clone() } else { verdict.provider.clone() };
                let item = vendors.entry(name.clone()).or_insert_with(|| VendorItem { name, verdict, hosts: BTreeSet::new(), requests: vec![] });
                item.hosts.insert(r_host);
                item.requests.push(VendorRequest {
                    url: r.url.clone(),
                    page: page.url.clone(),
                    state: v.state,
                    resource_type: r.resource_type.clone(),
                    initiator_type: r.initiator_type.clone(),
                    initiator_url: r.initiator_url.clone(),
                    failed: r.failed.clone(),
                });
            }
            for rd in &v.redirects {
                let from_host = Classifier::host(&rd.from).unwrap_or_default();
                if from_host != host {
                    continue;
                }
                if let Some(verdict) = classifier.request(&rd.to, &host, config) {
                    redirects.push(RedirectItem { page: page.url.clone(), state: v.state, from: rd.from.clone(), to: rd.to.clone(), verdict });
                }
            }
        }
    }
    Findings {
        site: site.to_string(),
        notes,
        cookies: cookies.into_values().collect(),
        storage: storage.into_values().collect(),
        vendors: vendors.into_values().collect(),
        redirects,
        pages,
    }
}
