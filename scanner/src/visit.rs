//! One page in one consent state, in a browser context of its own (fresh cookies and storage):
//! every request with its initiator, every cookie from the browser's store, the page's
//! storage keys, links and crumbs config, and what crumbs still holds after "Accept all".

use crate::cdp::{Connection, Event};
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::time::{Duration, Instant};
use tokio::sync::mpsc::UnboundedReceiver;

/// The three states a page is visited in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum State {
    /// First visit, nothing clicked.
    NoDecision,
    /// After crumbs' "Reject all", and a reload with the decision stored.
    RejectAll,
    /// After crumbs' "Accept all", and a reload.
    AcceptAll,
}

impl State {
    /// All three, in visiting order.
    pub const ALL: [State; 3] = [State::NoDecision, State::RejectAll, State::AcceptAll];

    /// Stable id, as the JSON and reports write it.
    pub fn id(self) -> &'static str {
        match self {
            State::NoDecision => "no-decision",
            State::RejectAll => "reject-all",
            State::AcceptAll => "accept-all",
        }
    }
}

/// A cookie from the browser's store.
#[derive(Clone, Debug, Serialize)]
pub struct CookieSeen {
    pub name: String,
    pub domain: String,
    pub path: String,
    /// Unix seconds; `None` for a session cookie.
    pub expires: Option<f64>,
    pub http_only: bool,
    pub secure: bool,
}

/// A request the page (or one of its frames) made.
#[derive(Clone, Debug, Serialize)]
pub struct RequestSeen {
    pub url: String,
    /// `Document`, `Script`, `Image`, `Fetch`, `XHR`, `Ping`…
    pub resource_type: String,
    /// `parser`, `script`, `preload`, `redirect`, `other`.
    pub initiator_type: String,
    /// The script or document that made it, when the browser says.
    pub initiator_url: Option<String>,
    pub status: Option<u16>,
    /// The network error, when it failed (`net::ERR_…`, or a blocked reason).
    pub failed: Option<String>,
}

/// A redirect the browser followed.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Redirect {
    pub from: String,
    pub to: String,
}

/// An element crumbs still holds (a gated script or frame, or an embed placeholder).
#[derive(Clone, Debug, Serialize)]
pub struct Held {
    pub tag: String,
    pub src: String,
    pub category: String,
    pub service: String,
}

/// What one visit saw.
#[derive(Clone, Debug, Serialize)]
pub struct Visit {
    pub state: State,
    /// Where the page ended up (after redirects).
    pub final_url: String,
    /// The document's HTTP status.
    pub status: Option<u16>,
    /// Why the visit is incomplete: a navigation error, a timeout, an off-site redirect.
    pub error: Option<String>,
    /// Whether `window.crumbs` was on the page.
    pub crumbs: bool,
    /// crumbs' own config errors (`window.crumbs.errors()`).
    pub crumbs_errors: Vec<String>,
    pub cookies: Vec<CookieSeen>,
    pub local_storage: Vec<String>,
    pub session_storage: Vec<String>,
    pub requests: Vec<RequestSeen>,
    pub redirects: Vec<Redirect>,
    pub held: Vec<Held>,
    /// Absolute link targets on the page (for the crawl).
    #[serde(skip)]
    pub links: Vec<String>,
    /// The page's crumbs config text (inline, or fetched from `data-config`).
    #[serde(skip)]
    pub config_text: Option<String>,
}

/// Records network events into a visit.
#[derive(Default)]
struct Collector {
    requests: Vec<RequestSeen>,
    by_id: HashMap<String, usize>,
    redirects: Vec<Redirect>,
    loaded: bool,
}

impl Collector {
    fn record(&mut self, e: &Event) {
        let p = &e.params;
        let id = p["requestId"].as_str().unwrap_or("").to_string();
        match e.method.as_str() {
            "Network.requestWillBeSent" => {
                if let Some(r) = p.get("redirectResponse") {
                    if let Some(&i) = self.by_id.get(&id) {
                        self.requests[i].status = r["status"].as_u64().map(|s| s as u16);
                    }
                    let from = r["url"].as_str().unwrap_or("").to_string();
                    self.redirects.push(Redirect { from, to: p["request"]["url"].as_str().unwrap_or("").to_string() });
                }
                let init = &p["initiator"];
                let stack_url =
                    init["stack"]["callFrames"].as_array().and_then(|f| f.iter().find_map(|c| c["url"].as_str().filter(|u| !u.is_empty())));
                let initiator_url = init["url"].as_str().filter(|u| !u.is_empty()).or(stack_url).map(str::to_string);
                self.by_id.insert(id, self.requests.len());
                self.requests.push(RequestSeen {
                    url: p["request"]["url"].as_str().unwrap_or("").to_string(),
                    resource_type: p["type"].as_str().unwrap_or("Other").to_string(),
                    initiator_type: if p.get("redirectResponse").is_some() {
                        "redirect".into()
                    } else {
                        init["type"].as_str().unwrap_or("other").to_string()
                    },
                    initiator_url,
                    status: None,
                    failed: None,
                });
            }
            "Network.responseReceived" => {
                if let Some(&i) = self.by_id.get(&id) {
                    self.requests[i].status = p["response"]["status"].as_u64().map(|s| s as u16);
                }
            }
            "Network.loadingFailed" => {
                if let Some(&i) = self.by_id.get(&id) {
                    let reason = p["blockedReason"].as_str().or(p["corsErrorStatus"]["corsError"].as_str());
                    let text = p["errorText"].as_str().unwrap_or("failed");
                    self.requests[i].failed = Some(match reason {
                        Some(r) => format!("{text} ({r})"),
                        None => text.to_string(),
                    });
                }
            }
            "Page.loadEventFired" => self.loaded = true,
            _ => {}
        }
    }
}

/// Feeds events to the collector until `done` holds or `deadline` passes; whether `done` held.
async fn pump(rx: &mut UnboundedReceiver<Event>, col: &mut Collector, deadline: Instant, done: impl Fn(&Collector) -> bool) -> bool {
    while !done(col) {
        let left = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, rx.recv()).await {
            Ok(Some(e)) => col.record(&e),
            _ => return done(col),
        }
    }
    true
}

/// Feeds events until the network has been quiet for `idle`, or `max` passes.
async fn quiet(rx: &mut UnboundedReceiver<Event>, col: &mut Collector, idle: Duration, max: Duration) {
    let end = Instant::now() + max;
    loop {
        let left = end.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return;
        }
        match tokio::time::timeout(idle.min(left), rx.recv()).await {
            Ok(Some(e)) => col.record(&e),
            _ => return,
        }
    }
}

/// Evaluates an expression in the page (awaiting a promise), returning its JSON value.
async fn eval(conn: &Connection, session: &str, expr: &str) -> Result<Value, String> {
    let r = conn.call(Some(session), "Runtime.evaluate", json!({ "expression": expr, "awaitPromise": true, "returnByValue": true })).await?;
    if let Some(ex) = r.get("exceptionDetails") {
        return Err(ex["exception"]["description"].as_str().or(ex["text"].as_str()).unwrap_or("exception").to_string());
    }
    Ok(r["result"]["value"].clone())
}

/// Makes the decision through crumbs' own API, once its core is ready (5 s at most).
fn decide_js(call: &str) -> String {
    format!(
        "(async () => {{ if (!window.crumbs) return false; \
         await Promise.race([window.crumbs.ready, new Promise((r) => setTimeout(r, 5000))]); \
         window.crumbs.{call}(); return true; }})()"
    )
}

/// Reads everything the page itself knows: storage keys, links, crumbs' state and config,
/// what crumbs still holds. Page data is only ever returned as strings.
const READ_PAGE_JS: &str = r#"(async () => {
  const keys = (s) => { try { return Object.keys(window[s]); } catch (e) { return []; } };
  const c = window.crumbs;
  let config = null;
  const inline = document.getElementById('crumbs-config');
  const tag = document.querySelector('script[data-config]');
  if (inline) config = inline.textContent;
  else if (tag) {
    try { const r = await fetch(tag.getAttribute('data-config'), { credentials: 'same-origin' }); if (r.ok) config = await r.text(); } catch (e) {}
  }
  const held = [...document.querySelectorAll('script[type="text/plain"][data-src], iframe[data-src]:not([src]), crumbs-embed')].map((e) => ({
    tag: e.tagName.toLowerCase(), src: String(e.getAttribute('data-src') || ''),
    category: String(e.getAttribute('data-category') || ''), service: String(e.getAttribute('data-service') || '') }));
  return {
    href: String(location.href),
    local: keys('localStorage'), session: keys('sessionStorage'),
    links: [...document.querySelectorAll('a[href]')].map((a) => String(a.href)),
    crumbs: typeof c === 'object' && c !== null,
    errors: (c && typeof c.errors === 'function') ? c.errors().map(String) : [],
    config, held,
  };
})()"#;

fn strings(v: &Value) -> Vec<String> {
    v.as_array().map(|a| a.iter().filter_map(Value::as_str).map(str::to_string).collect()).unwrap_or_default()
}

/// Visits `url` in `state` in a fresh browser context; never fails, errors are in the visit.
pub async fn visit(conn: &Connection, url: &str, state: State, timeout: Duration) -> Visit {
    let mut v = Visit {
        state,
        final_url: url.to_string(),
        status: None,
        error: None,
        crumbs: false,
        crumbs_errors: vec![],
        cookies: vec![],
        local_storage: vec![],
        session_storage: vec![],
        requests: vec![],
        redirects: vec![],
        held: vec![],
        links: vec![],
        config_text: None,
    };
    let context = match conn.call(None, "Target.createBrowserContext", json!({ "disposeOnDetach": true })).await {
        Ok(r) => r["browserContextId"].as_str().unwrap_or("").to_string(),
        Err(e) => {
            v.error = Some(e);
            return v;
        }
    };
    let mut col = Collector::default();
    let result = tokio::time::timeout(timeout, run(conn, &context, url, state, &mut v, &mut col)).await;
    v.requests = std::mem::take(&mut col.requests);
    v.redirects = std::mem::take(&mut col.redirects);
    match result {
        Ok(Ok(())) => {}
        Ok(Err(e)) => v.error = v.error.take().or(Some(e)),
        Err(_) => v.error = Some(format!("timed out after {} s", timeout.as_secs())),
    }
    if let Err(e) = conn.call(None, "Target.disposeBrowserContext", json!({ "browserContextId": context })).await {
        v.error.get_or_insert(e);
    }
    v
}

async fn run(conn: &Connection, context: &str, url: &str, state: State, v: &mut Visit, col: &mut Collector) -> Result<(), String> {
    let target = conn.call(None, "Target.createTarget", json!({ "url": "about:blank", "browserContextId": context })).await?;
    let target_id = target["targetId"].as_str().unwrap_or("");
    let attached = conn.call(None, "Target.attachToTarget", json!({ "targetId": target_id, "flatten": true })).await?;
    let session = attached["sessionId"].as_str().unwrap_or("").to_string();
    let mut rx = conn.subscribe(&session);
    let outcome = drive(conn, &session, context, url, state, v, col, &mut rx).await;
    conn.unsubscribe(&session);
    outcome
}

/// Replaces the page's modal dialogs by their default answers (in every frame, before its scripts).
const NO_DIALOGS_JS: &str = "window.alert = () => {}; window.confirm = () => true; window.prompt = () => null;";

/// How long the network must be quiet before a page counts as settled, and the most we wait.
const IDLE: Duration = Duration::from_millis(500);
const SETTLE_MAX: Duration = Duration::from_secs(4);
const LOAD_MAX: Duration = Duration::from_secs(10);

#[allow(clippy::too_many_arguments)]
async fn drive(
    conn: &Connection,
    session: &str,
    context: &str,
    url: &str,
    state: State,
    v: &mut Visit,
    col: &mut Collector,
    rx: &mut UnboundedReceiver<Event>,
) -> Result<(), String> {
    let s = Some(session);
    conn.call(s, "Network.enable", json!({})).await?;
    conn.call(s, "Page.enable", json!({})).await?;
    // A modal dialog would stop the page until the timeout: answer each at once.
    conn.call(s, "Page.addScriptToEvaluateOnNewDocument", json!({ "source": NO_DIALOGS_JS })).await?;
    let nav = conn.call(s, "Page.navigate", json!({ "url": url })).await?;
    if let Some(e) = nav["errorText"].as_str().filter(|e| !e.is_empty()) {
        quiet(rx, col, Duration::from_millis(100), Duration::from_millis(300)).await;
        return Err(format!("cannot load: {e}"));
    }
    let loader = nav["loaderId"].as_str().unwrap_or("").to_string();
    if !pump(rx, col, Instant::now() + LOAD_MAX, |c| c.loaded).await {
        v.error = Some(format!("no load event in {} s", LOAD_MAX.as_secs()));
    }
    quiet(rx, col, IDLE, SETTLE_MAX).await;
    v.status = col.by_id.get(&loader).and_then(|&i| col.requests[i].status);
    if let Some(s) = v.status.filter(|s| *s >= 400) {
        v.error = Some(format!("HTTP {s}"));
    }
    let decision = match state {
        State::NoDecision => None,
        State::RejectAll => Some("rejectAll"),
        State::AcceptAll => Some("acceptAll"),
    };
    if let Some(call) = decision {
        // With crumbs absent there is nothing to decide: the state is the page as it is.
        if eval(conn, session, &decide_js(call)).await?.as_bool() == Some(true) {
            quiet(rx, col, IDLE, SETTLE_MAX).await;
            // The next page view, with the decision stored.
            col.loaded = false;
            conn.call(s, "Page.reload", json!({})).await?;
            pump(rx, col, Instant::now() + LOAD_MAX, |c| c.loaded).await;
            quiet(rx, col, IDLE, SETTLE_MAX).await;
        }
    }
    let page = eval(conn, session, READ_PAGE_JS).await?;
    v.final_url = page["href"].as_str().unwrap_or(url).to_string();
    v.local_storage = strings(&page["local"]);
    v.session_storage = strings(&page["session"]);
    v.links = strings(&page["links"]);
    v.crumbs = page["crumbs"].as_bool().unwrap_or(false);
    v.crumbs_errors = strings(&page["errors"]);
    v.config_text = page["config"].as_str().map(str::to_string);
    v.held = page["held"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|h| Held {
                    tag: h["tag"].as_str().unwrap_or("").into(),
                    src: h["src"].as_str().unwrap_or("").into(),
                    category: h["category"].as_str().unwrap_or("").into(),
                    service: h["service"].as_str().unwrap_or("").into(),
                })
                .collect()
        })
        .unwrap_or_default();
    // The browser's own store: every cookie of the context, third-party and HttpOnly included.
    let cookies = conn.call(None, "Storage.getCookies", json!({ "browserContextId": context })).await?;
    v.cookies = cookies["cookies"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|c| CookieSeen {
                    name: c["name"].as_str().unwrap_or("").into(),
                    domain: c["domain"].as_str().unwrap_or("").into(),
                    path: c["path"].as_str().unwrap_or("/").into(),
                    expires: c["expires"].as_f64().filter(|_| !c["session"].as_bool().unwrap_or(false)).filter(|e| *e > 0.0),
                    http_only: c["httpOnly"].as_bool().unwrap_or(false),
                    secure: c["secure"].as_bool().unwrap_or(false),
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(())
}

/// Reads a text file (robots.txt, sitemap.xml) through the browser, so host rules and
/// certificates apply as they do to pages: `Ok(None)` when the server has none (not 2xx).
pub async fn fetch_text(conn: &Connection, url: &str) -> Result<Option<String>, String> {
    let ctx = conn.call(None, "Target.createBrowserContext", json!({ "disposeOnDetach": true })).await?;
    let context = ctx["browserContextId"].as_str().unwrap_or("").to_string();
    let out: Result<Option<String>, String> = tokio::time::timeout(Duration::from_secs(15), async {
        let target = conn.call(None, "Target.createTarget", json!({ "url": "about:blank", "browserContextId": context })).await?;
        let attached = conn.call(None, "Target.attachToTarget", json!({ "targetId": target["targetId"], "flatten": true })).await?;
        let session = attached["sessionId"].as_str().unwrap_or("").to_string();
        let mut rx = conn.subscribe(&session);
        let mut col = Collector::default();
        conn.call(Some(&session), "Network.enable", json!({})).await?;
        conn.call(Some(&session), "Page.enable", json!({})).await?;
        let nav = conn.call(Some(&session), "Page.navigate", json!({ "url": url })).await?;
        if nav["errorText"].as_str().is_some_and(|e| !e.is_empty()) {
            conn.unsubscribe(&session);
            return Ok(None);
        }
        let loader = nav["loaderId"].as_str().unwrap_or("").to_string();
        pump(&mut rx, &mut col, Instant::now() + LOAD_MAX, |c| c.loaded).await;
        conn.unsubscribe(&session);
        let status = col.by_id.get(&loader).and_then(|&i| col.requests[i].status).unwrap_or(0);
        if !(200..300).contains(&status) {
            return Ok(None);
        }
        // The response body as the server sent it (an XML document may be shown as a tree).
        let expr = "fetch(location.href, { credentials: 'same-origin' }).then((r) => r.text())";
        eval(conn, &session, expr).await.map(|v| v.as_str().map(str::to_string))
    })
    .await
    .unwrap_or_else(|_| Err(format!("{url}: timed out")));
    let _ = conn.call(None, "Target.disposeBrowserContext", json!({ "browserContextId": context })).await;
    out
}
