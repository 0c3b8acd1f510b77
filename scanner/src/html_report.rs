//! The scan's HTML report: one self-contained file (inline styles, no script, no external
//! asset), per category, per vendor and per page. Everything from the pages is escaped text.

use crate::findings::Findings;
use crate::visit::State;
use crumbs::category::Category;
use std::fmt::Write;

/// Escapes text for HTML element content and quoted attributes (the core's one escaper).
pub use crumbs::html::escape_html as escape;

const STYLE: &str = "body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:72rem;padding:1rem 1.5rem;color:#1d1d1f;background:#fbfbfd}\
h1{font-size:1.6rem;margin-bottom:.2rem}h2{margin-top:2.2rem;border-bottom:2px solid #ddd;padding-bottom:.2rem}\
.sub{color:#555;margin-top:0}.cards{display:flex;gap:.8rem;flex-wrap:wrap;margin:1rem 0}\
.card{flex:1 1 9rem;border-radius:.6rem;padding:.7rem 1rem;background:#fff;border:1px solid #e3e3e8}\
.card b{display:block;font-size:1.8rem}.necessary{border-left:6px solid #2e7d32}.performance{border-left:6px solid #1565c0}\
.functionality{border-left:6px solid #8e24aa}.targeting{border-left:6px solid #c62828}.unknown{border-left:6px solid #757575}\
table{border-collapse:collapse;width:100%;margin:.6rem 0 1.2rem;background:#fff}th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #eee;vertical-align:top}\
th{background:#f2f2f5;font-weight:600}td.url{word-break:break-all;font-family:ui-monospace,monospace;font-size:.85em}\
.tag{display:inline-block;border-radius:.3rem;padding:0 .4rem;font-size:.8em;background:#eee;margin:.1rem}\
.bad{background:#ffebee;color:#b71c1c}.ok{background:#e8f5e9;color:#1b5e20}details{margin:.4rem 0}summary{cursor:pointer;font-weight:600}";

/// The states an item was seen in; red where it needed consent and had none.
fn states(set: &std::collections::BTreeSet<State>, needs_consent: bool) -> String {
    set.iter()
        .map(|s| {
            let class = if *s == State::AcceptAll || !needs_consent { "tag ok" } else { "tag bad" };
            format!("<span class=\"{class}\">{}</span>", s.id())
        })
        .collect()
}

fn lifetime(s: Option<f64>) -> String {
    crate::draft_config::expiry_words(s)
}

/// Where a request came from: the page itself, a child frame, or a worker.
fn from(r: &crate::findings::VendorRequest) -> String {
    match (&r.frame, &r.worker) {
        (Some(f), _) => format!("frame {f}"),
        (None, Some(w)) => format!("{} {}", w.kind.replace('_', " "), w.url),
        (None, None) => "page".into(),
    }
}

fn list(items: impl IntoIterator<Item = impl AsRef<str>>) -> String {
    items.into_iter().map(|i| escape(i.as_ref())).collect::<Vec<_>>().join(", ")
}

/// The frames, workers and forms sections.
fn frames_workers_forms(h: &mut String, f: &Findings) {
    let e = escape;
    h.push_str("<h2>Frames</h2>");
    if f.frames.is_empty() {
        h.push_str("<p>No frames.</p>");
    } else {
        h.push_str("<table><thead><tr><th>frame</th><th>party</th><th>vendors it called</th><th>storage keys</th><th>cookies only it reads</th><th>seen in</th><th>pages</th></tr></thead><tbody>");
        for fr in &f.frames {
            let cookies: Vec<&str> = f.cookies.iter().filter(|c| c.frames.contains(&fr.url)).map(|c| c.name.as_str()).collect();
            let _ = write!(
                h,
                "<tr><td class=\"url\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                e(&fr.url),
                if fr.third_party { "third party" } else { "same site" },
                list(&fr.vendors),
                list(&fr.storage),
                list(cookies),
                states(&fr.states, !fr.vendors.is_empty()),
                fr.pages.len()
            );
        }
        h.push_str("</tbody></table>");
    }
    h.push_str("<h2>Workers</h2>");
    if f.workers.is_empty() {
        h.push_str("<p>No workers.</p>");
    } else {
        h.push_str("<table><thead><tr><th>worker</th><th>kind</th><th>vendors it called</th><th>cookies it set</th><th>caches and databases of its origin</th><th>seen in</th><th>pages</th></tr></thead><tbody>");
        for w in &f.workers {
            let _ = write!(
                h,
                "<tr><td class=\"url\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                e(&w.worker.url),
                e(&w.worker.kind.replace('_', " ")),
                list(&w.vendors),
                list(&w.cookies),
                list(&w.storage),
                states(&w.states, !w.vendors.is_empty()),
                w.pages.len()
            );
        }
        h.push_str("</tbody></table>");
    }
    h.push_str("<h2>Forms</h2>");
    if f.forms.is_empty() {
        h.push_str("<p>No forms.</p>");
    } else {
        h.push_str("<table><thead><tr><th>sends to</th><th>method</th><th>fields</th><th>personal data</th><th>hidden fields</th><th>page</th></tr></thead><tbody>");
        for form in &f.forms {
            let to = if form.flagged() {
                let who = if form.vendors.is_empty() { "third party".to_string() } else { list(&form.vendors) };
                format!("{} <span class=\"tag bad\">{who}</span>", list(&form.actions))
            } else {
                format!("{} <span class=\"tag ok\">this site</span>", list(&form.actions))
            };
            let page = match &form.frame {
                Some(fr) => format!("{} (frame {})", e(&form.page), e(fr)),
                None => e(&form.page),
            };
            let _ = write!(
                h,
                "<tr><td class=\"url\">{to}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"url\">{page}</td></tr>",
                e(&form.method),
                list(&form.fields),
                list(&form.personal_fields),
                list(&form.hidden_fields)
            );
        }
        h.push_str("</tbody></table>");
    }
}

/// The report, as one HTML document.
pub fn render(f: &Findings) -> String {
    let mut h = String::new();
    let e = escape;
    let _ = write!(
        h,
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\
         <title>crumbs scan: {}</title><style>{STYLE}</style></head><body>",
        e(&f.site)
    );
    let _ = write!(
        h,
        "<h1>What {} sets</h1><p class=\"sub\">{} pages, each before any decision, after “Reject all” and after “Accept all”, in {:.1} s.{}</p>",
        e(&f.site),
        f.pages.len(),
        f.notes.seconds,
        if f.notes.robots_txt { " robots.txt respected." } else { "" }
    );
    // Summary cards per category.
    h.push_str("<div class=\"cards\">");
    let ids: Vec<&str> = Category::ALL.iter().map(|c| c.id()).chain(["unknown"]).collect();
    for id in &ids {
        let n =
            f.cookies.iter().filter(|c| c.verdict.category_id() == *id).count() + f.storage.iter().filter(|s| s.verdict.category_id() == *id).count();
        let v = f.vendors.iter().filter(|v| v.verdict.category_id() == *id).count();
        let _ = write!(h, "<div class=\"card {id}\"><b>{n}</b>{id} cookies and keys<br>{v} vendor{}</div>", if v == 1 { "" } else { "s" });
    }
    h.push_str("</div>");
    let early: usize = f.cookies.iter().filter(|c| c.verdict.needs_consent() && c.states.iter().any(|s| *s != State::AcceptAll)).count();
    if early > 0 {
        let _ = write!(h, "<p><span class=\"tag bad\">{early} cookies that need consent were set before it, or after “Reject all”</span></p>");
    }

    h.push_str("<h2>By category</h2>");
    for id in &ids {
        let cookies: Vec<_> = f.cookies.iter().filter(|c| c.verdict.category_id() == *id).collect();
        let storage: Vec<_> = f.storage.iter().filter(|s| s.verdict.category_id() == *id).collect();
        if cookies.is_empty() && storage.is_empty() {
            continue;
        }
        let _ = write!(h, "<h3 class=\"card {id}\">{id}</h3><table><thead><tr><th>name</th><th>type</th><th>provider</th><th>domain</th><th>lifetime</th><th>seen in</th><th>pages</th><th>evidence</th></tr></thead><tbody>");
        for c in cookies {
            let flags = format!("cookie{}{}", if c.http_only { ", HttpOnly" } else { "" }, if c.third_party { ", third party" } else { "" });
            let _ = write!(
                h,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                e(&c.name),
                flags,
                e(&c.verdict.provider),
                e(&c.domain),
                lifetime(c.lifetime_seconds),
                states(&c.states, c.verdict.needs_consent()),
                c.pages.len(),
                c.verdict.source
            );
        }
        for s in storage {
            let _ = write!(
                h,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td></td><td></td><td>{}</td><td>{}</td><td>{}</td></tr>",
                e(&s.name),
                s.kind,
                e(&s.verdict.provider),
                states(&s.states, s.verdict.needs_consent()),
                s.pages.len(),
                s.verdict.source
            );
        }
        h.push_str("</tbody></table>");
    }

    h.push_str("<h2>By vendor</h2>");
    if f.vendors.is_empty() {
        h.push_str("<p>No third-party requests.</p>");
    }
    for v in &f.vendors {
        let st: std::collections::BTreeSet<State> = v.requests.iter().map(|r| r.state).collect();
        let pages: std::collections::BTreeSet<&str> = v.requests.iter().map(|r| r.page.as_str()).collect();
        let _ = write!(
            h,
            "<details><summary><span class=\"card {}\">{}</span> — {}, {} requests on {} pages, hosts {} {}</summary><table><thead><tr><th>request</th><th>type</th><th>initiator</th><th>page</th><th>from</th><th>state</th></tr></thead><tbody>",
            v.verdict.category_id(),
            e(&v.name),
            v.verdict.category_id(),
            v.requests.len(),
            pages.len(),
            e(&v.hosts.iter().cloned().collect::<Vec<_>>().join(", ")),
            states(&st, v.verdict.needs_consent())
        );
        for r in &v.requests {
            let init = format!("{} {}", r.initiator_type, r.initiator_url.as_deref().unwrap_or(""));
            let failed = r.failed.as_deref().map(|x| format!(" <span class=\"tag bad\">{}</span>", e(x))).unwrap_or_default();
            let _ = write!(
                h,
                "<tr><td class=\"url\">{}{failed}</td><td>{}</td><td class=\"url\">{}</td><td class=\"url\">{}</td><td class=\"url\">{}</td><td>{}</td></tr>",
                e(&r.url),
                e(&r.resource_type),
                e(&init),
                e(&r.page),
                e(&from(r)),
                r.state.id()
            );
        }
        h.push_str("</tbody></table></details>");
    }

    if !f.redirects.is_empty() {
        h.push_str("<h2>First-party redirects to third parties</h2><table><thead><tr><th>from</th><th>to</th><th>vendor</th><th>page</th><th>state</th></tr></thead><tbody>");
        for r in &f.redirects {
            let _ = write!(
                h,
                "<tr><td class=\"url\">{}</td><td class=\"url\">{}</td><td>{}</td><td class=\"url\">{}</td><td>{}</td></tr>",
                e(&r.from),
                e(&r.to),
                e(&r.verdict.provider),
                e(&r.page),
                r.state.id()
            );
        }
        h.push_str("</tbody></table>");
    }

    frames_workers_forms(&mut h, f);

    h.push_str("<h2>By page</h2><table><thead><tr><th>page</th><th>state</th><th>status</th><th>cookies</th><th>storage keys</th><th>requests</th><th>crumbs</th><th>problems</th></tr></thead><tbody>");
    for p in &f.pages {
        for v in &p.visits {
            let problem = v.error.as_deref().map(e).unwrap_or_default();
            let cookies: Vec<String> = v.cookies.iter().map(|c| e(&c.name)).collect();
            let _ = write!(
                h,
                "<tr><td class=\"url\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{problem}</td></tr>",
                e(&p.url),
                v.state.id(),
                v.status.map(|s| s.to_string()).unwrap_or_default(),
                cookies.join(", "),
                v.local_storage.len() + v.session_storage.len(),
                v.requests.len(),
                if v.crumbs { "yes" } else { "no" }
            );
        }
    }
    h.push_str("</tbody></table>");
    if !f.notes.disallowed.is_empty() {
        let _ = write!(
            h,
            "<h2>Left out by robots.txt</h2><ul>{}</ul>",
            f.notes.disallowed.iter().map(|u| format!("<li>{}</li>", e(u))).collect::<String>()
        );
    }
    h.push_str("<p class=\"sub\">Written by <code>crumbs scan</code>. Classification: the site's declarations, crumbs' own vendor rules, the Open Cookie Database, name patterns; unknown items need consent.</p></body></html>\n");
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_data_is_text() {
        assert_eq!(escape("<img src=x onerror='a()'>&\""), "&lt;img src=x onerror=&#39;a()&#39;&gt;&amp;&quot;");
        assert_eq!(escape("a\u{0}b"), "a\u{FFFD}b");
    }
}
