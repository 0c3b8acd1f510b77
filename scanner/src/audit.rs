//! `crumbs audit`: the compliance check for CI. Before any decision and after "Reject all"
//! nothing that needs consent may be set or requested; after "Accept all" what still failed
//! (over-blocking) is listed; with a config, what is seen but undeclared and declared but unseen.

use crate::findings::{same_site, Findings};
use crate::visit::State;
use crumbs::config::{Config, StorageKind};
use serde::Serialize;

/// One thing that needed consent and did not have it.
#[derive(Clone, Debug, Serialize)]
pub struct Violation {
    pub page: String,
    pub state: State,
    /// `cookie`, `localStorage`, `sessionStorage` or `request`.
    pub kind: &'static str,
    /// The cookie or key name, or the request URL.
    pub what: String,
    pub category: &'static str,
    pub provider: String,
    /// Domain for a cookie; initiator for a request.
    pub detail: String,
    /// The child frame or worker it came from (`None`: the top page).
    pub from: Option<String>,
}

/// The audit's result.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Audit {
    pub violations: Vec<Violation>,
    /// After "Accept all": requests that failed, and elements crumbs still holds.
    pub failed_after_accept: Vec<String>,
    /// First-party URLs that redirected to a third party.
    pub redirects: Vec<String>,
    /// Pages that could not be audited (each fails the audit: nothing is proven about them).
    pub page_errors: Vec<String>,
    /// Whether crumbs was on every page.
    pub crumbs_missing: Vec<String>,
    /// Forms that send what visitors type to a third party (listed, not failed: it takes the
    /// visitor's own submission).
    pub off_site_forms: Vec<String>,
    /// With --config: cookies seen but not declared, and declared but never seen.
    pub undeclared: Vec<String>,
    pub unseen: Vec<String>,
}

impl Audit {
    /// Passes when nothing needed consent before it was given, and every page was audited.
    pub fn passed(&self) -> bool {
        self.violations.is_empty() && self.page_errors.is_empty()
    }
}

/// Audits what a crawl found; `declared` is the --config file's declarations.
pub fn audit(f: &Findings, declared: Option<&Config>) -> Audit {
    let mut a = Audit::default();
    let guarded = |s: State| matches!(s, State::NoDecision | State::RejectAll);
    for c in &f.cookies {
        if !c.verdict.needs_consent() {
            continue;
        }
        for &state in c.states.iter().filter(|s| guarded(**s)) {
            for page in &c.pages {
                // A cookie item lists every page it was on; find the visits that really had it.
                let had = f
                    .pages
                    .iter()
                    .filter(|p| &p.url == page)
                    .flat_map(|p| &p.visits)
                    .any(|v| v.state == state && v.cookies.iter().any(|x| x.name == c.name && x.domain == c.domain && x.path == c.path));
                if had {
                    a.violations.push(Violation {
                        page: page.clone(),
                        state,
                        kind: "cookie",
                        what: c.name.clone(),
                        category: c.verdict.category_id(),
                        provider: c.verdict.provider.clone(),
                        detail: format!("domain {}{}", c.domain, if c.http_only { ", HttpOnly" } else { "" }),
                        from: c.frames.iter().next().cloned().or_else(|| c.workers.iter().next().map(worker_words)),
                    });
                }
            }
        }
    }
    for s in &f.storage {
        if !s.verdict.needs_consent() {
            continue;
        }
        for p in &f.pages {
            for v in p.visits.iter().filter(|v| guarded(v.state)) {
                let top = [(None, &v.local_storage, &v.session_storage)];
                let frames = v.frames.iter().map(|fr| (Some(&fr.url), &fr.local_storage, &fr.session_storage));
                for (from, local, session) in top.into_iter().chain(frames) {
                    let keys = if s.kind == "localStorage" { local } else { session };
                    if keys.contains(&s.name) {
                        a.violations.push(Violation {
                            page: p.url.clone(),
                            state: v.state,
                            kind: s.kind,
                            what: s.name.clone(),
                            category: s.verdict.category_id(),
                            provider: s.verdict.provider.clone(),
                            detail: String::new(),
                            from: from.map(|u| format!("frame {u}")),
                        });
                    }
                }
            }
        }
    }
    for vendor in &f.vendors {
        if !vendor.verdict.needs_consent() {
            continue;
        }
        for r in vendor.requests.iter().filter(|r| guarded(r.state)) {
            let by = match &r.initiator_url {
                Some(u) => format!("{} by {} ({})", r.resource_type, u, r.initiator_type),
                None => format!("{} ({})", r.resource_type, r.initiator_type),
            };
            a.violations.push(Violation {
                page: r.page.clone(),
                state: r.state,
                kind: "request",
                what: r.url.clone(),
                category: vendor.verdict.category_id(),
                provider: vendor.name.clone(),
                detail: by,
                from: r.frame.as_ref().map(|u| format!("frame {u}")).or_else(|| r.worker.as_ref().map(worker_words)),
            });
        }
    }
    for p in &f.pages {
        for v in &p.visits {
            if let Some(e) = &v.error {
                a.page_errors.push(format!("{} ({}): {e}", p.url, v.state.id()));
            }
            if v.state == State::NoDecision && !v.crumbs && v.error.is_none() {
                a.crumbs_missing.push(p.url.clone());
            }
            if v.state != State::AcceptAll || v.error.is_some() {
                continue;
            }
            // A config crumbs refuses makes it fail closed: nothing gated runs, even accepted.
            for e in &v.crumbs_errors {
                a.failed_after_accept.push(format!("{}: crumbs config error, so nothing gated runs: {e}", p.url));
            }
            for r in &v.requests {
                // A beacon answered 204 reports ERR_ABORTED after its response: not a failure.
                let answered = r.status.is_some_and(|s| s < 400);
                if (r.failed.is_some() && !answered) || r.status.is_some_and(|s| s >= 400) {
                    let why = r.failed.clone().unwrap_or_else(|| format!("HTTP {}", r.status.unwrap_or(0)));
                    a.failed_after_accept.push(format!("{}: {} ({why})", p.url, r.url));
                }
            }
            for h in &v.held {
                let what = if h.src.is_empty() { format!("<{}>", h.tag) } else { format!("<{}> {}", h.tag, h.src) };
                let cat = if h.category.is_empty() { String::new() } else { format!(" (data-category={})", h.category) };
                a.failed_after_accept.push(format!("{}: still held by crumbs: {what}{cat}", p.url));
            }
        }
    }
    for form in f.forms.iter().filter(|x| x.flagged()) {
        let vendors = if form.vendors.is_empty() { String::new() } else { format!(" ({})", form.vendors.join(", ")) };
        let inside = form.frame.as_ref().map(|u| format!(" in frame {u}")).unwrap_or_default();
        let personal = if form.personal_fields.is_empty() { String::new() } else { format!("; asks for {}", form.personal_fields.join(", ")) };
        a.off_site_forms.push(format!("{}{inside}: {} form to {}{vendors}{personal}", form.page, form.method, form.off_site.join(", ")));
    }
    for r in &f.redirects {
        a.redirects.push(format!("{} ({}): {} → {} ({}, {})", r.page, r.state.id(), r.from, r.to, r.verdict.provider, r.verdict.category_id()));
    }
    if let Some(config) = declared {
        let seen_names: Vec<(&str, StorageKind)> = f
            .cookies
            .iter()
            .map(|c| (c.name.as_str(), StorageKind::Cookie))
            .chain(f.storage.iter().map(|s| (s.name.as_str(), if s.kind == "localStorage" { StorageKind::Local } else { StorageKind::Session })))
            .collect();
        for c in &f.cookies {
            if c.verdict.provider != "crumbs" && config.declared_cookie(&c.name).is_none() && !a.undeclared.contains(&c.name) {
                a.undeclared.push(c.name.clone());
            }
        }
        for cat in &config.categories {
            for d in &cat.cookies {
                if !seen_names.iter().any(|(n, k)| *k == d.kind && d.matches(n)) {
                    a.unseen.push(d.display_name());
                }
            }
        }
    }
    a
}

/// A worker as the audit names it: `service_worker https://…/sw.js`.
fn worker_words(w: &crate::visit::WorkerRef) -> String {
    format!("{} {}", w.kind, w.url)
}

/// Page data made safe for a terminal: control characters (escape sequences) become `\u{..}`.
pub fn printable(s: &str) -> String {
    s.chars().map(|c| if c.is_control() { c.escape_unicode().to_string() } else { c.to_string() }).collect()
}

/// The audit as text, for a CI log; every line passes through [`printable`].
pub fn render(a: &Audit, site: &str, first_party_host: &str, compared: bool) -> String {
    let mut out = String::new();
    let mut section = |title: &str, lines: &[String]| {
        out.push_str(&format!("{title}: {}\n", if lines.is_empty() { "none".to_string() } else { lines.len().to_string() }));
        for l in lines {
            out.push_str(&format!("  {}\n", printable(l)));
        }
    };
    let v: Vec<String> = a
        .violations
        .iter()
        .map(|v| {
            let who = if v.provider.is_empty() { String::new() } else { format!(", {}", v.provider) };
            let party = if v.kind == "cookie" && !same_site(v.detail.trim_start_matches("domain "), first_party_host) { ", third party" } else { "" };
            let from = v.from.as_ref().map(|f| format!(", from {f}")).unwrap_or_default();
            format!("[{}] {} {} ({}{who}{party}) on {}{from} — {}", v.state.id(), v.kind, v.what, v.category, v.page, v.detail)
        })
        .collect();
    section("needs consent but was set or requested before consent / after \"Reject all\"", &v);
    section("failed to load after \"Accept all\" (over-blocking)", &a.failed_after_accept);
    section("first-party redirects to third parties", &a.redirects);
    section("forms that send what visitors type to a third party", &a.off_site_forms);
    section("pages without crumbs", &a.crumbs_missing);
    section("pages that could not be audited", &a.page_errors);
    if compared {
        section("cookies seen but not declared", &a.undeclared);
        section("cookies declared but never seen", &a.unseen);
    }
    out.push_str(&format!("{}: {}\n", printable(site), if a.passed() { "audit passed" } else { "audit FAILED" }));
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn terminal_escapes_are_shown_not_sent() {
        assert_eq!(super::printable("k\u{1b}[2Jx\n"), "k\\u{1b}[2Jx\\u{a}");
    }
}
