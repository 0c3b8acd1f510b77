//! The draft crumbs config a scan writes: every cookie and storage key seen, under its
//! category, with provider, the observed lifetime as expiry, and a purpose: the site's own
//! declaration, else crumbs' sentence for the vendor, else crumbs' wording for the category,
//! else a note for the owner. It always passes `crumbs check`.

use crate::classifier::{Classifier, Verdict};
use crate::findings::Findings;
use crumbs::category::Category;
use crumbs::config::Config;
use serde_json::{json, Value};

/// The purpose written when neither the site nor crumbs can say: the owner must.
pub const PURPOSE_TODO: &str = "TODO: say what this is for, in words a visitor understands.";

/// An observed lifetime as a policy page says it.
pub fn expiry_words(seconds: Option<f64>) -> String {
    let Some(s) = seconds else { return "Session".into() };
    let plural = |n: f64, unit: &str| {
        let n = n.round().max(1.0) as u64;
        format!("{n} {unit}{}", if n == 1 { "" } else { "s" })
    };
    let days = s / 86_400.0;
    // Whole years only when the lifetime is one: browsers cap cookies at 400 days, and a
    // 2-year cookie observed at 400 days is "400 days".
    if days >= 360.0 && (days - 365.0 * (days / 365.0).round()).abs() <= 7.0 {
        plural(days / 365.0, "year")
    } else if days >= 1.5 {
        plural(days, "day")
    } else if s >= 3600.0 {
        plural(s / 3600.0, "hour")
    } else {
        plural(s / 60.0, "minute")
    }
}

/// The category a draft files an item under: unknown ones under targeting, the strictest,
/// until the owner says otherwise.
fn filed_under(v: &Verdict) -> Category {
    v.category.unwrap_or(Category::Targeting)
}

struct Entry {
    category: Category,
    decl: Value,
}

fn entry(
    name: &str,
    kind: Option<&str>,
    v: &Verdict,
    provider_fallback: &str,
    lifetime: Option<f64>,
    config: &Config,
    classifier: &Classifier,
) -> Entry {
    let declared = config.declared_cookie(name).map(|(_, d)| d);
    let provider = if !v.provider.is_empty() { v.provider.clone() } else { provider_fallback.to_string() };
    let purpose = declared.map(|d| d.purpose.clone()).or_else(|| classifier.purpose(&provider, v)).unwrap_or_else(|| PURPOSE_TODO.into());
    let expiry = declared.map(|d| d.expiry.clone()).unwrap_or_else(|| expiry_words(lifetime));
    let mut decl = json!({ "name": name, "provider": provider, "purpose": purpose, "expiry": expiry });
    if let Some(k) = kind {
        decl["type"] = json!(k);
    }
    Entry { category: filed_under(v), decl }
}

/// Builds the draft; entries `crumbs check` would refuse (a storage key that is no valid
/// cookie name, or shares a cookie's name) are left out and returned by name, so the draft itself always passes.
pub fn draft(findings: &Findings, config: &Config, classifier: &Classifier) -> (Value, Vec<String>) {
    let mut entries: Vec<Entry> = Vec::new();
    let mut names: Vec<(String, Option<&str>)> = Vec::new();
    for c in &findings.cookies {
        // crumbs' own consent cookie is crumbs' to describe.
        if c.verdict.provider == "crumbs" || names.iter().any(|(n, k)| n == &c.name && k.is_none()) {
            continue;
        }
        names.push((c.name.clone(), None));
        let fallback = if c.third_party { c.domain.trim_start_matches('.').to_string() } else { "This website".into() };
        entries.push(entry(&c.name, None, &c.verdict, &fallback, c.lifetime_seconds, config, classifier));
    }
    for s in &findings.storage {
        if s.verdict.provider == "crumbs" || names.iter().any(|(n, k)| n == &s.name && *k == Some(s.kind)) {
            continue;
        }
        names.push((s.name.clone(), Some(s.kind)));
        let lifetime = if s.kind == "localStorage" { Some(f64::INFINITY) } else { None };
        // A key only a third-party frame keeps is that third party's.
        let frame_host = s.frames.iter().next().map(|f| crate::findings::page_host(f)).filter(|h| !s.top && !h.is_empty());
        let fallback = frame_host.unwrap_or_else(|| "This website".into());
        let mut e = entry(&s.name, Some(s.kind), &s.verdict, &fallback, lifetime, config, classifier);
        if lifetime.is_some() && config.declared_cookie(&s.name).is_none() {
            e.decl["expiry"] = json!("Until cleared");
        }
        entries.push(e);
    }
    let mut dropped = Vec::new();
    loop {
        let doc = document(&entries);
        match crumbs::config::parse_config(&doc.to_string()) {
            Ok(_) => return (doc, dropped),
            Err(errors) => {
                // Paths are `categories[i].cookies[j]…`: drop each entry named, then re-check.
                let mut bad: Vec<(usize, usize)> = errors.iter().filter_map(|e| entry_index(&e.path)).collect();
                bad.sort_unstable();
                bad.dedup();
                if bad.is_empty() {
                    // Not an entry's fault: should not happen; the bare skeleton always passes.
                    dropped.extend(entries.drain(..).map(|e| e.decl["name"].as_str().unwrap_or("").to_string()));
                    continue;
                }
                let order = Category::ALL;
                let mut remove = Vec::new();
                for (ci, ei) in bad {
                    let cat = order[ci];
                    if let Some((idx, _)) = entries.iter().enumerate().filter(|(_, e)| e.category == cat).nth(ei) {
                        remove.push(idx);
                    }
                }
                remove.sort_unstable();
                for idx in remove.into_iter().rev() {
                    dropped.push(entries.remove(idx).decl["name"].as_str().unwrap_or("").to_string());
                }
            }
        }
    }
}

/// `categories[i].cookies[j]` → `(i, j)`.
fn entry_index(path: &str) -> Option<(usize, usize)> {
    let rest = path.strip_prefix("categories[")?;
    let (i, rest) = rest.split_once(']')?;
    let rest = rest.strip_prefix(".cookies[")?;
    let (j, _) = rest.split_once(']')?;
    Some((i.parse().ok()?, j.parse().ok()?))
}

/// The config document: all four categories in ICC order (so paths index `Category::ALL`).
fn document(entries: &[Entry]) -> Value {
    let categories: Vec<Value> = Category::ALL
        .iter()
        .map(|&c| json!({ "id": c.id(), "cookies": entries.iter().filter(|e| e.category == c).map(|e| e.decl.clone()).collect::<Vec<_>>() }))
        .collect();
    json!({
        "$comment": "Drafted by `crumbs scan`: check each category and purpose (the purposes are crumbs' own words for the vendor, or for the cookie's category; TODO marks the ones crumbs could not describe), remove categories the site does not use, then run `crumbs check`.",
        "revision": 1,
        "categories": categories,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crawl::CrawlNotes;
    use crate::findings::{CookieItem, StorageItem};
    use std::collections::BTreeSet;

    fn verdict(category: Option<Category>, provider: &str, source: &'static str) -> Verdict {
        Verdict { category, provider: provider.into(), source }
    }

    fn cookie(name: &str, domain: &str, v: Verdict, life: Option<f64>) -> CookieItem {
        let third_party = domain != "example.org";
        CookieItem {
            name: name.into(),
            domain: domain.into(),
            path: "/".into(),
            verdict: v,
            lifetime_seconds: life,
            http_only: false,
            secure: false,
            third_party,
            pages: BTreeSet::new(),
            states: BTreeSet::new(),
            frames: BTreeSet::new(),
            workers: BTreeSet::new(),
        }
    }

    #[test]
    fn every_draft_passes_check() {
        let config = crumbs::config::parse_config(r#"{"categories": [{"id": "necessary", "cookies": [{"name": "sid", "provider": "Us", "purpose": "Keeps you signed in.", "expiry": "Session"}]}]}"#).unwrap();
        let f = Findings {
            site: "https://example.org/".into(),
            notes: CrawlNotes::default(),
            cookies: vec![
                cookie("sid", "example.org", verdict(Some(Category::Necessary), "Us", "declared"), None),
                cookie("_ga", "example.org", verdict(Some(Category::Performance), "Google Analytics", "rule"), Some(400.0 * 86_400.0)),
                cookie("_ga", ".other.example", verdict(Some(Category::Performance), "Google Analytics", "rule"), None),
                cookie("zz", "tracker.example", verdict(None, "", "unknown"), Some(3600.0)),
                cookie("obscure", "example.org", verdict(Some(Category::Functionality), "Obscure Widget Co", "database"), None),
                cookie("crumbs_consent", "example.org", verdict(Some(Category::Necessary), "crumbs", "rule"), None),
                cookie("bad name", "example.org", verdict(None, "", "unknown"), None),
            ],
            storage: vec![
                StorageItem {
                    kind: "localStorage",
                    name: "a:b".into(),
                    verdict: verdict(None, "", "unknown"),
                    pages: BTreeSet::new(),
                    states: BTreeSet::new(),
                    frames: BTreeSet::new(),
                    top: true,
                },
                StorageItem {
                    kind: "localStorage",
                    name: "_ga".into(),
                    verdict: verdict(Some(Category::Performance), "Google Analytics", "rule"),
                    pages: BTreeSet::new(),
                    states: BTreeSet::new(),
                    frames: BTreeSet::new(),
                    top: true,
                },
            ],
            vendors: vec![],
            redirects: vec![],
            frames: vec![],
            workers: vec![],
            forms: vec![],
            pages: vec![],
        };
        let (doc, dropped) = draft(&f, &config, &Classifier::new(b""));
        let parsed = crumbs::config::parse_config(&doc.to_string()).expect("the draft passes check");
        let mut dropped = dropped;
        dropped.sort();
        // A storage key may not share a cookie's name in one config.
        assert_eq!(dropped, ["_ga", "a:b", "bad name"]);
        let (c, d) = parsed.declared_cookie("sid").unwrap();
        assert_eq!((c, d.purpose.as_str()), (Category::Necessary, "Keeps you signed in."), "the site's own words kept");
        let (c, d) = parsed.declared_cookie("zz").unwrap();
        assert_eq!((c, d.purpose.as_str(), d.provider.as_str(), d.expiry.as_str()), (Category::Targeting, PURPOSE_TODO, "tracker.example", "1 hour"));
        assert!(parsed.declared_cookie("crumbs_consent").is_none(), "crumbs' own cookie is crumbs' to describe");
        let perf = &parsed.categories.iter().find(|c| c.category == Category::Performance).unwrap().cookies;
        let ga: Vec<_> = perf.iter().map(|d| (d.name.as_str(), d.kind, d.expiry.as_str(), d.purpose.as_str())).collect();
        assert_eq!(ga, [("_ga", crumbs::config::StorageKind::Cookie, "400 days", crate::vendor_purposes::purpose("Google Analytics").unwrap())]);
        // A known vendor crumbs has no sentence for gets the wording of its category.
        let (_, d) = parsed.declared_cookie("obscure").unwrap();
        assert_eq!(d.purpose, "Set by Obscure Widget Co: remembers the visitor's choices or runs a feature they use.");
    }

    #[test]
    fn lifetimes_in_words() {
        assert_eq!(expiry_words(None), "Session");
        assert_eq!(expiry_words(Some(2.0 * 365.0 * 86_400.0 - 5.0)), "2 years");
        assert_eq!(expiry_words(Some(30.0 * 86_400.0)), "30 days");
        assert_eq!(expiry_words(Some(400.0 * 86_400.0 - 1.0)), "400 days");
        assert_eq!(expiry_words(Some(86_400.0)), "24 hours");
        assert_eq!(expiry_words(Some(60.0)), "1 minute");
        assert_eq!(entry_index("categories[3].cookies[12].name"), Some((3, 12)));
        assert_eq!(entry_index("revision"), None);
    }
}
