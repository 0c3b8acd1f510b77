//! What a crawl found, per item: each cookie, storage key and vendor, classified, with the
//! pages and states it was seen in. The JSON, the HTML report, the draft config and the audit
//! all read this.

use crate::classifier::{Classifier, Verdict};
use crate::crawl::{CrawlNotes, PageResult};
use crate::visit::{State, WorkerRef};
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
    /// Child frames whose responses set it, or whose script can read it when the top page's
    /// cannot (a same-origin frame reads all the site's cookies: those stay the page's).
    pub frames: BTreeSet<String>,
    /// Workers whose responses set it.
    pub workers: BTreeSet<WorkerRef>,
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
    /// Child frames whose origin keeps it (a third-party frame's storage is its own).
    pub frames: BTreeSet<String>,
    /// Whether the top page's own storage has it (not only a frame's).
    pub top: bool,
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
    /// The child frame that made it.
    pub frame: Option<String>,
    /// The worker that made it.
    pub worker: Option<WorkerRef>,
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

/// A child frame of the pages.
#[derive(Clone, Debug, Serialize)]
pub struct FrameItem {
    pub url: String,
    /// On another site than the page's.
    pub third_party: bool,
    pub pages: BTreeSet<String>,
    pub states: BTreeSet<State>,
    /// Vendors it sent requests to.
    pub vendors: BTreeSet<String>,
    pub storage: BTreeSet<String>,
    pub cookies: BTreeSet<String>,
}

/// A worker the pages started (dedicated, shared or service worker).
#[derive(Clone, Debug, Serialize)]
pub struct WorkerItem {
    #[serde(flatten)]
    pub worker: WorkerRef,
    pub pages: BTreeSet<String>,
    pub states: BTreeSet<State>,
    /// Vendors it sent requests to.
    pub vendors: BTreeSet<String>,
    /// Cookies its responses set.
    pub cookies: BTreeSet<String>,
    /// The caches and databases of its origin.
    pub storage: BTreeSet<String>,
}

/// A form on a page or in one of its frames: where what is typed in it goes.
#[derive(Clone, Debug, Serialize)]
pub struct FormItem {
    pub page: String,
    pub frame: Option<String>,
    pub method: String,
    /// Its action and its buttons' `formaction`s.
    pub actions: Vec<String>,
    /// Those that leave the page's site: what the visitor types goes to a third party.
    pub off_site: Vec<String>,
    /// The vendors crumbs knows among them.
    pub vendors: Vec<String>,
    /// Field names (never values).
    pub fields: Vec<String>,
    /// Fields that ask for personal data (e-mail, phone, name, address, password…).
    pub personal_fields: Vec<String>,
    /// Hidden fields, which a script may fill with tracking ids.
    pub hidden_fields: Vec<String>,
    pub states: BTreeSet<State>,
}

impl FormItem {
    /// Whether it sends what is typed to a third party.
    pub fn flagged(&self) -> bool {
        !self.off_site.is_empty()
    }
}

/// Whether a form field asks for personal data, by its type or its name.
pub fn personal_field(name: &str, kind: &str) -> bool {
    let n = name.to_ascii_lowercase();
    matches!(kind, "email" | "tel" | "password")
        || ["mail", "name", "phone", "tel", "mobile", "address", "street", "zip", "postcode", "postal", "birth", "card", "iban"]
            .iter()
            .any(|w| n.contains(w))
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
    pub frames: Vec<FrameItem>,
    pub workers: Vec<WorkerItem>,
    pub forms: Vec<FormItem>,
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
    let mut frames: BTreeMap<String, FrameItem> = BTreeMap::new();
    let mut workers: BTreeMap<WorkerRef, WorkerItem> = BTreeMap::new();
    let mut forms: BTreeMap<(String, Option<String>, Vec<String>), FormItem> = BTreeMap::new();
    for page in &pages {
        let host = page_host(&page.url);
        for v in &page.visits {
            for f in &v.frames {
                let item = frames.entry(f.url.clone()).or_insert_with(|| FrameItem {
                    url: f.url.clone(),
                    third_party: !same_site(&page_host(&f.url), &host),
                    pages: BTreeSet::new(),
                    states: BTreeSet::new(),
                    vendors: BTreeSet::new(),
                    storage: BTreeSet::new(),
                    cookies: BTreeSet::new(),
                });
                item.pages.insert(page.url.clone());
                item.states.insert(v.state);
                item.storage.extend(f.local_storage.iter().chain(&f.session_storage).cloned());
                item.cookies.extend(f.cookies.iter().cloned());
            }
            for w in &v.workers {
                let item = workers.entry(w.worker.clone()).or_insert_with(|| WorkerItem {
                    worker: w.worker.clone(),
                    pages: BTreeSet::new(),
                    states: BTreeSet::new(),
                    vendors: BTreeSet::new(),
                    cookies: BTreeSet::new(),
                    storage: BTreeSet::new(),
                });
                item.pages.insert(page.url.clone());
                item.states.insert(v.state);
                item.storage.extend(w.storage.iter().cloned());
            }
            // Who set each cookie: the responses that set it, and the frames that can read it.
            let mut set_in_frames: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
            let mut set_by_workers: BTreeMap<&str, BTreeSet<WorkerRef>> = BTreeMap::new();
            for r in &v.requests {
                for n in &r.cookies_set {
                    if let Some(f) = &r.frame {
                        set_in_frames.entry(n).or_default().insert(f.clone());
                    }
                    if let Some(w) = &r.worker {
                        set_by_workers.entry(n).or_default().insert(w.clone());
                        if let Some(item) = workers.get_mut(w) {
                            item.cookies.insert(n.clone());
                        }
                    }
                }
            }
            // A cookie the top page can read too is the site's: a same-origin frame reads them all.
            for f in &v.frames {
                for n in f.cookies.iter().filter(|n| !v.script_cookies.contains(n)) {
                    set_in_frames.entry(n).or_default().insert(f.url.clone());
                }
            }
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
                    frames: BTreeSet::new(),
                    workers: BTreeSet::new(),
                });
                if let Some(e) = c.expires {
                    let life = (e - t).max(0.0).round();
                    item.lifetime_seconds = Some(item.lifetime_seconds.map_or(life, |l: f64| l.max(life)));
                }
                item.pages.insert(page.url.clone());
                item.states.insert(v.state);
                item.frames.extend(set_in_frames.get(c.name.as_str()).into_iter().flatten().cloned());
                item.workers.extend(set_by_workers.get(c.name.as_str()).into_iter().flatten().cloned());
            }
            // The top page's storage, then each frame's (classified on the frame's host).
            let top = [(None, host.clone(), &v.local_storage, &v.session_storage)];
            let in_frames = v.frames.iter().map(|f| (Some(f.url.clone()), page_host(&f.url), &f.local_storage, &f.session_storage));
            for (frame, on_host, local, session) in top.into_iter().chain(in_frames) {
                for (kind, keys) in [("localStorage", local), ("sessionStorage", session)] {
                    for k in keys {
                        let item = storage.entry((kind, k.clone())).or_insert_with(|| StorageItem {
                            kind,
                            name: k.clone(),
                            verdict: classifier.cookie(k, &on_host, config),
                            pages: BTreeSet::new(),
                            states: BTreeSet::new(),
                            frames: BTreeSet::new(),
                            top: false,
                        });
                        item.pages.insert(page.url.clone());
                        item.states.insert(v.state);
                        match &frame {
                            Some(f) => {
                                item.frames.insert(f.clone());
                            }
                            None => item.top = true,
                        }
                    }
                }
            }
            for r in &v.requests {
                let Some(verdict) = classifier.request(&r.url, &host, config) else { continue };
                let r_host = Classifier::host(&r.url).unwrap_or_default();
                let name = if verdict.provider.is_empty() { r_host.clone() } else { verdict.provider.clone() };
                if let Some(f) = r.frame.as_ref().and_then(|f| frames.get_mut(f)) {
                    f.vendors.insert(name.clone());
                }
                if let Some(w) = r.worker.as_ref().and_then(|w| workers.get_mut(w)) {
                    w.vendors.insert(name.clone());
                }
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
                    frame: r.frame.clone(),
                    worker: r.worker.clone(),
                });
            }
            for f in &v.forms {
                let actions: Vec<String> = std::iter::once(&f.action).chain(&f.button_actions).filter(|a| !a.is_empty()).cloned().collect();
                let key = (page.url.clone(), f.frame.clone(), actions.clone());
                let item = forms.entry(key).or_insert_with(|| {
                    let off_site: Vec<String> =
                        actions.iter().filter(|a| Classifier::host(a).is_some_and(|h| !same_site(&h, &host))).cloned().collect();
                    let mut known: Vec<String> = off_site
                        .iter()
                        .filter_map(|a| classifier.request(a, &host, config))
                        .filter(|v| v.source != "unknown" && !v.provider.is_empty())
                        .map(|v| v.provider)
                        .collect();
                    known.dedup();
                    FormItem {
                        page: page.url.clone(),
                        frame: f.frame.clone(),
                        method: f.method.clone(),
                        actions,
                        off_site,
                        vendors: known,
                        fields: f.fields.iter().map(|x| x.name.clone()).collect(),
                        personal_fields: f.fields.iter().filter(|x| personal_field(&x.name, &x.kind)).map(|x| x.name.clone()).collect(),
                        hidden_fields: f.fields.iter().filter(|x| x.kind == "hidden").map(|x| x.name.clone()).collect(),
                        states: BTreeSet::new(),
                    }
                });
                item.states.insert(v.state);
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
        frames: frames.into_values().collect(),
        workers: workers.into_values().collect(),
        forms: forms.into_values().collect(),
        pages,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::visit::{CookieSeen, FieldSeen, FormSeen, FrameSeen, RequestSeen, Visit, WorkerSeen};

    const PAGE: &str = "https://example.org/";
    const FRAME: &str = "https://widgets.example.net/frame.html";

    fn request(url: &str, frame: Option<&str>, worker: Option<&WorkerRef>, cookies_set: &[&str]) -> RequestSeen {
        RequestSeen {
            url: url.into(),
            resource_type: "Fetch".into(),
            initiator_type: "script".into(),
            initiator_url: None,
            status: Some(200),
            failed: None,
            frame: frame.map(str::to_string),
            worker: worker.cloned(),
            cookies_set: cookies_set.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn cookie(name: &str) -> CookieSeen {
        CookieSeen { name: name.into(), domain: "example.org".into(), path: "/".into(), expires: None, http_only: false, secure: false }
    }

    fn visit() -> Visit {
        let sw = WorkerRef { kind: "service_worker".into(), url: "https://example.org/sw.js".into() };
        Visit {
            state: State::NoDecision,
            final_url: PAGE.into(),
            status: Some(200),
            error: None,
            crumbs: true,
            crumbs_errors: vec![],
            cookies: vec![cookie("site_pref"), cookie("sw_set"), cookie("frame_only")],
            local_storage: vec!["shared_key".into()],
            session_storage: vec![],
            requests: vec![
                request("https://connect.facebook.net/en_US/fbevents.js", Some(FRAME), None, &[]),
                request("https://static.hotjar.com/c/hotjar-1.js", None, Some(&sw), &[]),
                request("https://example.org/sw-cookie", None, Some(&sw), &["sw_set"]),
            ],
            redirects: vec![],
            held: vec![],
            frames: vec![FrameSeen {
                url: FRAME.into(),
                local_storage: vec!["widget_key".into()],
                session_storage: vec![],
                cookies: vec!["site_pref".into(), "frame_only".into()],
            }],
            workers: vec![WorkerSeen { worker: sw, storage: vec!["cache:v1".into()] }],
            forms: vec![
                FormSeen {
                    action: "https://forms.example.net/post".into(),
                    button_actions: vec![],
                    method: "post".into(),
                    fields: vec![FieldSeen { name: "email".into(), kind: "email".into() }, FieldSeen { name: "gclid".into(), kind: "hidden".into() }],
                    frame: None,
                },
                FormSeen { action: "https://example.org/search".into(), button_actions: vec![], method: "get".into(), fields: vec![], frame: None },
            ],
            script_cookies: vec!["site_pref".into(), "sw_set".into()],
            links: vec![],
            config_text: None,
        }
    }

    #[test]
    fn frames_workers_and_forms_are_attributed_and_audited() {
        let pages = vec![PageResult { url: PAGE.into(), visits: vec![visit()] }];
        let f = build(PAGE, pages, CrawlNotes::default(), &Classifier::new(b""), &Config::default());
        let meta = f.vendors.iter().find(|v| v.name == "Meta").expect("the frame's request is found");
        assert_eq!(meta.requests[0].frame.as_deref(), Some(FRAME));
        let hotjar = f.vendors.iter().find(|v| v.name == "Hotjar").expect("the worker's request is found");
        assert_eq!(hotjar.requests[0].worker.as_ref().map(|w| w.kind.as_str()), Some("service_worker"));
        assert_eq!(
            (f.frames.len(), f.frames[0].third_party, f.frames[0].vendors.iter().map(String::as_str).collect::<Vec<_>>()),
            (1, true, vec!["Meta"])
        );
        assert_eq!(f.workers[0].cookies.iter().collect::<Vec<_>>(), ["sw_set"]);
        assert_eq!(f.workers[0].vendors.iter().collect::<Vec<_>>(), ["Hotjar"]);
        let by = |n: &str| f.cookies.iter().find(|c| c.name == n).unwrap();
        // Only the frame reads it: the frame's. The top page reads it too: the site's.
        assert_eq!(by("frame_only").frames.iter().collect::<Vec<_>>(), [FRAME]);
        assert!(by("site_pref").frames.is_empty());
        assert_eq!(by("sw_set").workers.len(), 1);
        let key = f.storage.iter().find(|s| s.name == "widget_key").unwrap();
        assert!(!key.top && key.frames.contains(FRAME));
        let off = f.forms.iter().find(|x| x.actions[0].starts_with("https://forms.")).unwrap();
        let own = f.forms.iter().find(|x| x.actions[0].starts_with(PAGE)).unwrap();
        assert!(off.flagged() && !own.flagged(), "{:?}", f.forms);
        assert_eq!((off.personal_fields.clone(), off.hidden_fields.clone()), (vec!["email".to_string()], vec!["gclid".to_string()]));

        let a = crate::audit::audit(&f, None);
        assert!(!a.passed());
        let from = |what: &str| a.violations.iter().find(|v| v.what.contains(what)).and_then(|v| v.from.clone());
        assert_eq!(from("fbevents").as_deref(), Some("frame https://widgets.example.net/frame.html"));
        assert_eq!(from("hotjar").as_deref(), Some("service_worker https://example.org/sw.js"));
        assert_eq!(from("widget_key").as_deref(), Some("frame https://widgets.example.net/frame.html"));
        assert_eq!(a.off_site_forms, ["https://example.org/: post form to https://forms.example.net/post; asks for email"]);
    }

    #[test]
    fn personal_fields_by_type_or_name() {
        assert!(personal_field("x", "email") && personal_field("your-phone", "text") && personal_field("LastName", "text"));
        assert!(!personal_field("q", "search") && !personal_field("gclid", "hidden"));
    }
}
