//! The crawl: same-origin links breadth first (or the pages sitemap.xml lists), robots.txt
//! respected, several pages at once, each page in its three states, progress on stderr.

use crate::cdp::Connection;
use crate::robots::Robots;
use crate::visit::{fetch_text, visit, State, Visit};
use serde::Serialize;
use std::collections::{HashSet, VecDeque};
use std::io::IsTerminal;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::task::JoinSet;
use url::Url;

/// How to crawl.
#[derive(Clone, Debug)]
pub struct CrawlOptions {
    /// At most this many pages.
    pub pages: usize,
    /// The pages sitemap.xml lists instead of following links.
    pub sitemap: bool,
    /// Pages visited at once.
    pub concurrency: usize,
    /// Per page and state.
    pub timeout: Duration,
    /// The states each page is visited in.
    pub states: Vec<State>,
}

/// One page and its visits.
#[derive(Clone, Debug, Serialize)]
pub struct PageResult {
    pub url: String,
    pub visits: Vec<Visit>,
}

/// What the crawl did besides visiting.
#[derive(Clone, Debug, Default, Serialize)]
pub struct CrawlNotes {
    /// Pages robots.txt kept the scanner from.
    pub disallowed: Vec<String>,
    /// Whether robots.txt was found.
    pub robots_txt: bool,
    /// Pages listed in sitemap.xml (with --sitemap).
    pub sitemap_pages: Option<usize>,
    /// Seconds the crawl took.
    pub seconds: f64,
}

/// Parses the start URL, or says clearly why it is not one.
pub fn parse_start(url: &str) -> Result<Url, String> {
    let u = Url::parse(url).map_err(|e| format!("{url}: not a URL ({e}); give an absolute http(s) URL such as https://example.org/"))?;
    if !matches!(u.scheme(), "http" | "https") || u.host_str().is_none() {
        return Err(format!("{url}: not an http(s) URL with a host"));
    }
    Ok(u)
}

/// A link worth visiting: same origin, under the start page's folder (scanning `/shop/`
/// stays in the shop; scan `/` for the whole site), no fragment, not a file download.
fn normalise(link: &str, start: &Url) -> Option<Url> {
    let mut u = Url::parse(link).ok()?;
    u.set_fragment(None);
    let folder = &start.path()[..start.path().rfind('/').map_or(0, |i| i + 1)];
    if u.origin() != start.origin() || !u.path().starts_with(folder) {
        return None;
    }
    let path = u.path().to_ascii_lowercase();
    let skip = [".pdf", ".zip", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".css", ".js", ".json", ".xml", ".txt", ".ico", ".woff2", ".mp4", ".webp"];
    (!skip.iter().any(|s| path.ends_with(s))).then_some(u)
}

/// The `<loc>` values of a sitemap or sitemap index, entity-decoded.
fn sitemap_locs(xml: &str) -> Vec<String> {
    xml.split("<loc>")
        .skip(1)
        .filter_map(|part| part.split_once("</loc>").map(|(loc, _)| loc.trim()))
        .map(|loc| loc.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'"))
        .filter(|l| !l.is_empty())
        .collect()
}

/// Prints progress on stderr: a bar and one line per page when stderr is a terminal, plain
/// lines otherwise (CI logs).
struct Progress {
    total: usize,
    done: usize,
    tty: bool,
}

impl Progress {
    fn page(&mut self, page: &PageResult, secs: f64) {
        self.done += 1;
        let errors: Vec<String> = page.visits.iter().filter_map(|v| v.error.as_ref().map(|e| format!("{}: {e}", v.state.id()))).collect();
        let status = if errors.is_empty() { "ok  ".to_string() } else { "FAIL".to_string() };
        let width = 20;
        let filled = (self.done * width) / self.total.max(1);
        let bar = format!("[{}{}]", "#".repeat(filled.min(width)), ".".repeat(width - filled.min(width)));
        let line = format!(
            "{bar} {:>3}/{:<3} {status} {} ({:.1} s){}",
            self.done,
            self.total,
            page.url,
            secs,
            if errors.is_empty() { String::new() } else { format!(" — {}", errors.join("; ")) }
        );
        if self.tty {
            eprint!("\r\x1b[2K{line}\n");
        } else {
            eprintln!("{line}");
        }
    }
}

/// Crawls from `start`; pages that hang, fail or leave the site are reported in their visits.
pub async fn crawl(conn: Arc<Connection>, start: &Url, options: &CrawlOptions) -> Result<(Vec<PageResult>, CrawlNotes), String> {
    let began = Instant::now();
    let mut notes = CrawlNotes::default();
    let origin = start.origin().ascii_serialization();
    let robots = match fetch_text(&conn, &format!("{origin}/robots.txt")).await? {
        Some(text) => {
            notes.robots_txt = true;
            Robots::parse(&text)
        }
        None => Robots::default(),
    };
    let mut queue: VecDeque<Url> = VecDeque::new();
    let mut seen: HashSet<String> = HashSet::new();
    let allowed = |u: &Url| robots.allows(&format!("{}{}", u.path(), u.query().map(|q| format!("?{q}")).unwrap_or_default()));
    let mut enqueue = |u: Url, queue: &mut VecDeque<Url>, notes: &mut CrawlNotes| {
        if seen.insert(u.as_str().to_string()) {
            if allowed(&u) {
                queue.push_back(u);
            } else {
                notes.disallowed.push(u.to_string());
            }
        }
    };
    if options.sitemap {
        let text = fetch_text(&conn, &format!("{origin}/sitemap.xml")).await?.ok_or_else(|| format!("{origin}/sitemap.xml: not found"))?;
        let mut pages = Vec::new();
        // A sitemap index lists sitemaps: read each (one level).
        for loc in sitemap_locs(&text) {
            if loc.ends_with(".xml") {
                if let Some(more) = fetch_text(&conn, &loc).await? {
                    pages.extend(sitemap_locs(&more));
                }
            } else {
                pages.push(loc);
            }
        }
        notes.sitemap_pages = Some(pages.len());
        for p in pages {
            // Locations are absolute in a sitemap; relative ones are read against the site.
            let Ok(abs) = start.join(&p) else { continue };
            if let Some(u) = normalise(abs.as_str(), start) {
                enqueue(u, &mut queue, &mut notes);
            }
        }
    } else {
        let mut s = start.clone();
        s.set_fragment(None);
        enqueue(s, &mut queue, &mut notes);
    }
    let mut progress = Progress { total: options.pages.min(queue.len().max(1)), done: 0, tty: std::io::stderr().is_terminal() };
    let mut results = Vec::new();
    let mut running: JoinSet<(PageResult, f64)> = JoinSet::new();
    let mut started = 0;
    loop {
        while running.len() < options.concurrency.max(1) && started < options.pages {
            let Some(url) = queue.pop_front() else { break };
            started += 1;
            let (conn, states, timeout) = (conn.clone(), options.states.clone(), options.timeout);
            running.spawn(async move {
                let t = Instant::now();
                // The first state alone: a page that does not load at all is reported once,
                // not three times. The others at once, each in its own browser context.
                let mut visits = Vec::new();
                let mut rest = states.iter();
                if let Some(&first) = rest.next() {
                    let v = visit(&conn, url.as_str(), first, timeout).await;
                    let unreachable = v.error.as_deref().is_some_and(|e| e.starts_with("cannot load"));
                    visits.push(v);
                    if !unreachable {
                        visits.extend(futures_util::future::join_all(rest.map(|&s| visit(&conn, url.as_str(), s, timeout))).await);
                    }
                }
                (PageResult { url: url.to_string(), visits }, t.elapsed().as_secs_f64())
            });
        }
        let Some(joined) = running.join_next().await else { break };
        let (mut page, secs) = joined.map_err(|e| format!("a page visit panicked: {e}"))?;
        for v in &mut page.visits {
            // A page that ends up elsewhere is reported; its links are not followed.
            if let Ok(end) = Url::parse(&v.final_url) {
                if end.origin() != start.origin() && v.error.is_none() {
                    v.error = Some(format!("redirected off-site to {}", v.final_url));
                }
            }
        }
        if !options.sitemap {
            let links: Vec<String> = page.visits.iter().filter(|v| v.error.is_none()).flat_map(|v| v.links.clone()).collect();
            for l in links {
                if let Some(u) = normalise(&l, start) {
                    enqueue(u, &mut queue, &mut notes);
                }
            }
        }
        progress.total = options.pages.min(started + queue.len()).max(progress.done + 1);
        progress.page(&page, secs);
        results.push(page);
    }
    // Visit order depends on timing; reports list pages in a stable order.
    results.sort_by(|a, b| a.url.cmp(&b.url));
    notes.seconds = began.elapsed().as_secs_f64();
    Ok((results, notes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_stay_on_the_origin() {
        let start = Url::parse("https://example.org/a/").unwrap();
        assert_eq!(normalise("https://example.org/a/b#x", &start).map(|u| u.to_string()).as_deref(), Some("https://example.org/a/b"));
        assert!(normalise("https://other.example/", &start).is_none());
        assert!(normalise("http://example.org/", &start).is_none(), "another scheme is another origin");
        assert!(normalise("https://example.org/a/doc.pdf", &start).is_none());
        assert!(normalise("mailto:a@example.org", &start).is_none());
        assert!(normalise("https://example.org/", &start).is_none(), "outside the start folder");
        assert!(normalise("https://example.org/a/b/c?x", &start).is_some());
    }

    #[test]
    fn sitemap_locations() {
        let xml = "<urlset><url><loc> https://e.org/a?x=1&amp;y=2 </loc></url><url><loc>/b</loc></url><url><loc></loc></url></urlset>";
        assert_eq!(sitemap_locs(xml), ["https://e.org/a?x=1&y=2", "/b"]);
    }

    #[test]
    fn bad_start_urls_say_why() {
        assert!(parse_start("example.org").unwrap_err().contains("absolute"));
        assert!(parse_start("ftp://example.org/").unwrap_err().contains("http"));
        assert!(parse_start("https://example.org/").is_ok());
    }
}
