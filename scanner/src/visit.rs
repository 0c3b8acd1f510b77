//! One page in one consent state, in a browser context of its own (fresh cookies and storage):
//! every request with its initiator, from the page, its frames and its workers (dedicated,
//! shared and service workers, attached with `Target.setAutoAttach`), every cookie from the
//! browser's store, the storage keys of the page and of each frame, its forms, links and crumbs
//! config, and what crumbs still holds after "Accept all".

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
    /// The document of the child frame that made it (`None`: the top page).
    pub frame: Option<String>,
    /// The worker that made it: its kind and script URL.
    pub worker: Option<WorkerRef>,
    /// Names of the cookies its response set (`Set-Cookie`, less those the browser refused).
    pub cookies_set: Vec<String>,
}

/// A worker: `worker`, `shared_worker` or `service_worker`, and its script URL.
#[derive(Clone, Debug, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct WorkerRef {
    pub kind: String,
    pub url: String,
}

/// A worker the page started (or a service worker that ran for it).
#[derive(Clone, Debug, Serialize)]
pub struct WorkerSeen {
    #[serde(flatten)]
    pub worker: WorkerRef,
    /// The Cache Storage caches and IndexedDB databases of its origin (`cache:NAME`,
    /// `indexedDB:NAME`), as it sees them once the page has settled.
    pub storage: Vec<String>,
}

/// A child frame (same-origin or cross-origin iframe) and what it keeps.
#[derive(Clone, Debug, Serialize)]
pub struct FrameSeen {
    pub url: String,
    /// The storage of the frame's origin (partitioned for a third-party frame).
    pub local_storage: Vec<String>,
    pub session_storage: Vec<String>,
    /// Cookies the frame's script can read (`document.cookie` names).
    pub cookies: Vec<String>,
}

/// A form field: its name and type, never its value.
#[derive(Clone, Debug, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct FieldSeen {
    pub name: String,
    pub kind: String,
}

/// A form on the page or in one of its frames.
#[derive(Clone, Debug, Serialize)]
pub struct FormSeen {
    /// Where it sends what is typed in it (absolute; the document's URL when it names none).
    pub action: String,
    /// Other targets its buttons' `formaction` override it with.
    pub button_actions: Vec<String>,
    pub method: String,
    pub fields: Vec<FieldSeen>,
    /// The frame it is in (`None`: the top page).
    pub frame: Option<String>,
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
    pub frames: Vec<FrameSeen>,
    pub workers: Vec<WorkerSeen>,
    pub forms: Vec<FormSeen>,
    /// The cookies the top page's script can read (to tell which only a frame can).
    #[serde(skip)]
    pub script_cookies: Vec<String>,
    /// Absolute link targets on the page (for the crawl).
    #[serde(skip)]
    pub links: Vec<String>,
    /// The page's crumbs config text (inline, or fetched from `data-config`).
    #[serde(skip)]
    pub config_text: Option<String>,
}

/// What a session is: the page itself, or a target attached under it.
#[derive(Clone, Debug)]
struct Target {
    kind: String,
    url: String,
}

/// Records network events into a visit.
#[derive(Default)]
struct Collector {
    /// The page's own session and its main frame's id (the page's target id).
    page_session: String,
    main_frame: String,
    requests: Vec<RequestSeen>,
    /// Request index by (session, request id).
    by_id: HashMap<(String, String), usize>,
    /// `Set-Cookie` names by (session, request id), from the response's extra info (which may
    /// come before or after the request itself).
    set_cookies: HashMap<(String, String), Vec<String>>,
    redirects: Vec<Redirect>,
    loaded: bool,
    /// Targets attached under the page (frames in a process of their own, workers), by session.
    targets: HashMap<String, Target>,
    /// Targets attached since the last look, still waiting to be set up and resumed.
    attached: Vec<String>,
}

/// The cookie names a raw `Set-Cookie` header value (one cookie a line) sets.
fn set_cookie_names(header: &str) -> Vec<String> {
    header.lines().filter_map(|l| l.split_once('=').map(|(n, _)| n.trim().to_string())).filter(|n| !n.is_empty()).collect()
}

impl Collector {
    fn record(&mut self, e: &Event) {
        let p = &e.params;
        let key = (e.session.clone(), p["requestId"].as_str().unwrap_or("").to_string());
        match e.method.as_str() {
            "Network.requestWillBeSent" => {
                if let Some(r) = p.get("redirectResponse") {
                    if let Some(&i) = self.by_id.get(&key) {
                        self.requests[i].status = r["status"].as_u64().map(|s| s as u16);
                    }
                    let from = r["url"].as_str().unwrap_or("").to_string();
                    self.redirects.push(Redirect { from, to: p["request"]["url"].as_str().unwrap_or("").to_string() });
                }
                let init = &p["initiator"];
                let stack_url =
                    init["stack"]["callFrames"].as_array().and_then(|f| f.iter().find_map(|c| c["url"].as_str().filter(|u| !u.is_empty())));
                let initiator_url = init["url"].as_str().filter(|u| !u.is_empty()).or(stack_url).map(str::to_string);
                let target = self.targets.get(&e.session);
                let worker = target.filter(|t| t.kind.ends_with("worker")).map(|t| WorkerRef { kind: t.kind.clone(), url: t.url.clone() });
                // A child frame's request: in the page's process (frame id other than the main
                // frame's), or in a frame target of its own.
                let frame_id = p["frameId"].as_str().unwrap_or("");
                let child_frame = match target {
                    Some(t) => t.kind == "iframe",
                    None => !frame_id.is_empty() && frame_id != self.main_frame,
                };
                let frame = child_frame.then(|| p["documentURL"].as_str().unwrap_or("").to_string()).filter(|u| !u.is_empty());
                self.by_id.insert(key, self.requests.len());
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
                    frame,
                    worker,
                    cookies_set: vec![],
                });
            }
            "Network.responseReceived" => {
                if let Some(&i) = self.by_id.get(&key) {
                    self.requests[i].status = p["response"]["status"].as_u64().map(|s| s as u16);
                }
            }
            "Network.responseReceivedExtraInfo" => {
                let headers = p["headers"].as_object();
                let raw =
                    headers.and_then(|h| h.iter().find(|(k, _)| k.eq_ignore_ascii_case("set-cookie"))).and_then(|(_, v)| v.as_str()).unwrap_or("");
                let refused: Vec<String> = p["blockedCookies"]
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(|b| b["cookie"]["name"].as_str().or(b["cookieLine"].as_str().and_then(|l| l.split('=').next())))
                            .map(|n| n.trim().to_string())
                            .collect()
                    })
                    .unwrap_or_default();
                let names: Vec<String> = set_cookie_names(raw).into_iter().filter(|n| !refused.contains(n)).collect();
                if !names.is_empty() {
                    self.set_cookies.entry(key).or_default().extend(names);
                }
            }
            "Network.loadingFailed" => {
                if let Some(&i) = self.by_id.get(&key) {
                    let reason = p["blockedReason"].as_str().or(p["corsErrorStatus"]["corsError"].as_str());
                    let text = p["errorText"].as_str().unwrap_or("failed");
                    self.requests[i].failed = Some(match reason {
                        Some(r) => format!("{text} ({r})"),
                        None => text.to_string(),
                    });
                }
            }
            "Page.loadEventFired" if e.session == self.page_session => self.loaded = true,
            "Target.attachedToTarget" => {
                let session = p["sessionId"].as_str().unwrap_or("").to_string();
                let info = &p["targetInfo"];
                let kind = info["type"].as_str().unwrap_or("other").to_string();
                // A service worker may be attached twice (for the page and for its context).
                let url = info["url"].as_str().unwrap_or("").to_string();
                let twice = kind.ends_with("worker") && self.targets.values().any(|t| t.kind == kind && t.url == url);
                if !session.is_empty() && !twice {
                    self.targets.insert(session.clone(), Target { kind, url });
                }
                if !session.is_empty() {
                    self.attached.push(session);
                }
            }
            _ => {}
        }
    }

    /// The page's own request with this id (its document's, by loader id).
    fn page_request(&self, id: &str) -> Option<&RequestSeen> {
        self.by_id.get(&(self.page_session.clone(), id.to_string())).map(|&i| &self.requests[i])
    }

    /// The requests, each with the cookie names its response set.
    fn take_requests(&mut self) -> Vec<RequestSeen> {
        for (key, names) in self.set_cookies.drain() {
            if let Some(&i) = self.by_id.get(&key) {
                self.requests[i].cookies_set = names;
            }
        }
        std::mem::take(&mut self.requests)
    }
}

/// Sets up the targets attached since the last look: their requests recorded, their own
/// frames and workers attached in turn, then let run (they wait for that). The three commands
/// go out together: a paused service worker answers `Network.enable` only once it runs, and
/// the browser handles them in order, so none of its requests is missed.
async fn set_up_attached(conn: &Connection, col: &mut Collector) {
    for session in std::mem::take(&mut col.attached) {
        let s = Some(session.as_str());
        let run = conn.call(s, "Runtime.runIfWaitingForDebugger", json!({}));
        let setup = async {
            if col.targets.contains_key(&session) {
                let auto = json!({ "autoAttach": true, "waitForDebuggerOnStart": true, "flatten": true });
                let _ = futures_util::future::join3(conn.call(s, "Network.enable", json!({})), conn.call(s, "Target.setAutoAttach", auto), run).await;
            } else {
                // The second session of a worker already recorded: let it run, and leave it.
                let _ = run.await;
                let _ = conn.call(None, "Target.detachFromTarget", json!({ "sessionId": session })).await;
            }
        };
        // A target that went away meanwhile never answers: it holds the visit up no longer.
        let _ = tokio::time::timeout(Duration::from_secs(2), setup).await;
    }
}

/// Feeds events to the collector until `done` holds or `deadline` passes; whether `done` held.
async fn pump(
    conn: &Connection,
    rx: &mut UnboundedReceiver<Event>,
    col: &mut Collector,
    deadline: Instant,
    done: impl Fn(&Collector) -> bool,
) -> bool {
    while !done(col) {
        let left = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, rx.recv()).await {
            Ok(Some(e)) => {
                col.record(&e);
                set_up_attached(conn, col).await;
            }
            _ => return done(col),
        }
    }
    true
}

/// Feeds events until the network has been quiet for `idle`, or `max` passes.
async fn quiet(conn: &Connection, rx: &mut UnboundedReceiver<Event>, col: &mut Collector, idle: Duration, max: Duration) {
    let end = Instant::now() + max;
    loop {
        let left = end.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return;
        }
        match tokio::time::timeout(idle.min(left), rx.recv()).await {
            Ok(Some(e)) => {
                col.record(&e);
                set_up_attached(conn, col).await;
            }
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

/// Waits for crumbs' full core (5 s at most); reading `crumbs.ready` starts it.
const WAIT_READY_JS: &str =
    "(async () => { if (window.crumbs) await Promise.race([window.crumbs.ready, new Promise((r) => setTimeout(r, 5000))]); return true; })()";

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

/// Reads a frame in a world of the scanner's own (the page's scripts cannot change what it
/// sees): its storage keys, the cookie names its script can read, its forms. Field values are
/// never read.
const READ_FRAME_JS: &str = r#"(() => {
  const keys = (s) => { try { return Object.keys(window[s]); } catch (e) { return []; } };
  let cookies = [];
  try { cookies = document.cookie.split(';').map((c) => c.split('=')[0].trim()).filter(Boolean); } catch (e) {}
  const abs = (u) => { try { return String(new URL(u, document.baseURI)); } catch (e) { return ''; } };
  const elements = Object.getOwnPropertyDescriptor(HTMLFormElement.prototype, 'elements').get;
  const forms = [...document.querySelectorAll('form')].map((f) => {
    const action = f.getAttribute('action');
    return {
      action: abs(action === null || action.trim() === '' ? document.URL : action),
      method: String(f.getAttribute('method') || 'get').toLowerCase(),
      button_actions: [...f.querySelectorAll('[formaction]')].map((b) => abs(b.getAttribute('formaction'))).filter(Boolean),
      fields: [...elements.call(f)].filter((e) => e.getAttribute('name')).map((e) => ({
        name: String(e.getAttribute('name')), kind: String(e.getAttribute('type') || e.tagName.toLowerCase()).toLowerCase() })),
    };
  });
  return { href: String(location.href), local: keys('localStorage'), session: keys('sessionStorage'), cookies, forms };
})()"#;

/// What a worker keeps: its Cache Storage caches and IndexedDB databases.
const READ_WORKER_JS: &str = r#"(async () => {
  const out = [];
  try { for (const c of await caches.keys()) out.push('cache:' + c); } catch (e) {}
  try { for (const d of await indexedDB.databases()) out.push('indexedDB:' + d.name); } catch (e) {}
  return out;
})()"#;

fn forms_of(v: &Value, frame: Option<&str>) -> Vec<FormSeen> {
    v.as_array()
        .map(|a| {
            a.iter()
                .map(|f| FormSeen {
                    action: f["action"].as_str().unwrap_or("").into(),
                    button_actions: strings(&f["button_actions"]),
                    method: f["method"].as_str().unwrap_or("get").into(),
                    fields: f["fields"]
                        .as_array()
                        .map(|x| {
                            x.iter()
                                .map(|e| FieldSeen { name: e["name"].as_str().unwrap_or("").into(), kind: e["kind"].as_str().unwrap_or("").into() })
                                .collect()
                        })
                        .unwrap_or_default(),
                    frame: frame.map(str::to_string),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Evaluates [`READ_FRAME_JS`] in a world of the scanner's own in `frame_id`.
async fn read_frame(conn: &Connection, session: &str, frame_id: &str) -> Result<Value, String> {
    let world = conn.call(Some(session), "Page.createIsolatedWorld", json!({ "frameId": frame_id, "worldName": "crumbs-scan" })).await?;
    let r = conn
        .call(
            Some(session),
            "Runtime.evaluate",
            json!({ "expression": READ_FRAME_JS, "contextId": world["executionContextId"], "returnByValue": true }),
        )
        .await?;
    Ok(r["result"]["value"].clone())
}

/// Every frame of a frame tree (`Page.getFrameTree`), depth first: (id, url).
fn frame_list(tree: &Value, out: &mut Vec<(String, String)>) {
    let f = &tree["frame"];
    out.push((f["id"].as_str().unwrap_or("").into(), f["url"].as_str().unwrap_or("").into()));
    for c in tree["childFrames"].as_array().into_iter().flatten() {
        frame_list(c, out);
    }
}

/// The page's forms, its child frames (in its process, or in frame targets of their own) with
/// their storage, cookies and forms, and its workers with what they keep.
async fn read_frames_and_workers(conn: &Connection, session: &str, col: &Collector, v: &mut Visit) -> Result<(), String> {
    let tree = conn.call(Some(session), "Page.getFrameTree", json!({})).await?;
    let mut frames = vec![];
    frame_list(&tree["frameTree"], &mut frames);
    let mut read = vec![];
    for (i, (id, url)) in frames.iter().enumerate() {
        // A frame that went away meanwhile is simply not there.
        if let Ok(f) = read_frame(conn, session, id).await {
            read.push((i == 0, url.clone(), f));
        }
    }
    for (s, t) in col.targets.iter().filter(|(_, t)| t.kind == "iframe") {
        let r = conn.call(Some(s), "Runtime.evaluate", json!({ "expression": READ_FRAME_JS, "returnByValue": true })).await;
        if let Ok(r) = r {
            read.push((false, t.url.clone(), r["result"]["value"].clone()));
        }
    }
    for (top, url, f) in read {
        let url = f["href"].as_str().map_or(url, str::to_string);
        if top {
            v.forms.extend(forms_of(&f["forms"], None));
            v.script_cookies = strings(&f["cookies"]);
            continue;
        }
        v.forms.extend(forms_of(&f["forms"], Some(&url)));
        // An empty frame (a held iframe's about:blank) or a srcdoc one shares the page's
        // storage: only its forms are its own.
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            continue;
        }
        v.frames.push(FrameSeen {
            url,
            local_storage: strings(&f["local"]),
            session_storage: strings(&f["session"]),
            cookies: strings(&f["cookies"]),
        });
    }
    for (s, t) in col.targets.iter().filter(|(_, t)| t.kind.ends_with("worker")) {
        let r = conn.call(Some(s), "Runtime.evaluate", json!({ "expression": READ_WORKER_JS, "awaitPromise": true, "returnByValue": true })).await;
        let storage = r.map(|r| strings(&r["result"]["value"])).unwrap_or_default();
        v.workers.push(WorkerSeen { worker: WorkerRef { kind: t.kind.clone(), url: t.url.clone() }, storage });
    }
    v.workers.sort_by(|a, b| a.worker.cmp(&b.worker));
    Ok(())
}

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
        frames: vec![],
        workers: vec![],
        forms: vec![],
        script_cookies: vec![],
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
    v.requests = col.take_requests();
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
    // The context's service and shared workers, which the browser attaches (crawl.rs).
    conn.subscribe_context(context, &session);
    col.page_session = session.clone();
    col.main_frame = target_id.to_string();
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
    // Dedicated workers, and frames in a process of their own, attach here, each waiting to
    // run until its requests are recorded.
    conn.call(s, "Target.setAutoAttach", json!({ "autoAttach": true, "waitForDebuggerOnStart": true, "flatten": true })).await?;
    let nav = conn.call(s, "Page.navigate", json!({ "url": url })).await?;
    if let Some(e) = nav["errorText"].as_str().filter(|e| !e.is_empty()) {
        quiet(conn, rx, col, Duration::from_millis(100), Duration::from_millis(300)).await;
        return Err(format!("cannot load: {e}"));
    }
    let loader = nav["loaderId"].as_str().unwrap_or("").to_string();
    if !pump(conn, rx, col, Instant::now() + LOAD_MAX, |c| c.loaded).await {
        v.error = Some(format!("no load event in {} s", LOAD_MAX.as_secs()));
    }
    quiet(conn, rx, col, IDLE, SETTLE_MAX).await;
    v.status = col.page_request(&loader).and_then(|r| r.status);
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
            quiet(conn, rx, col, IDLE, SETTLE_MAX).await;
            // The next page view, with the decision stored.
            col.loaded = false;
            conn.call(s, "Page.reload", json!({})).await?;
            pump(conn, rx, col, Instant::now() + LOAD_MAX, |c| c.loaded).await;
            quiet(conn, rx, col, IDLE, SETTLE_MAX).await;
            // A decision the config's errors kept from being stored leaves a first visit, where
            // only crumbs' full core knows the errors: asked for, as a returning visitor's starts.
            eval(conn, session, WAIT_READY_JS).await?;
            quiet(conn, rx, col, IDLE, SETTLE_MAX).await;
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
    read_frames_and_workers(conn, session, col, v).await?;
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
        let mut col = Collector { page_session: session.clone(), ..Collector::default() };
        conn.call(Some(&session), "Network.enable", json!({})).await?;
        conn.call(Some(&session), "Page.enable", json!({})).await?;
        let nav = conn.call(Some(&session), "Page.navigate", json!({ "url": url })).await?;
        if nav["errorText"].as_str().is_some_and(|e| !e.is_empty()) {
            conn.unsubscribe(&session);
            return Ok(None);
        }
        let loader = nav["loaderId"].as_str().unwrap_or("").to_string();
        pump(conn, &mut rx, &mut col, Instant::now() + LOAD_MAX, |c| c.loaded).await;
        conn.unsubscribe(&session);
        let status = col.page_request(&loader).and_then(|r| r.status).unwrap_or(0);
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
