//! The HTTP side of the consent log (axum on tokio).
//!
//! Writes go through one writer thread that takes every record waiting and stores them in one
//! transaction (group commit): one fsync for many requests, and each request is answered only
//! after its transaction committed.

use crate::record::{parse_rfc3339_utc, validate_body, ConsentEntry};
use crate::store::{Outcome, Store};
use axum::body::Bytes;
use axum::extract::{ConnectInfo, DefaultBodyLimit, Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Instant, SystemTime, UNIX_EPOCH};
use tokio::sync::{mpsc, oneshot};

/// Largest POST body accepted.
pub const MAX_BODY: usize = crumbs::consent_log::MAX_BATCH_BYTES;
/// Most records written in one transaction.
const MAX_GROUP: usize = 512;

/// How the server runs: the options of `crumbs serve` and `crumbs-consent-log serve`.
#[derive(Clone, Debug, clap::Args)]
pub struct Options {
    /// SQLite file.
    #[arg(long, value_name = "PATH", value_parser = clap::builder::NonEmptyStringValueParser::new())]
    pub db: String,
    /// Address to listen on.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8787", value_parser = parse_listen)]
    pub listen: SocketAddr,
    /// Site origins allowed to post from the browser (CORS); repeat for several.
    #[arg(long = "origin", value_name = "URL", value_parser = parse_origin)]
    pub origins: Vec<String>,
    /// Bearer token for the admin endpoints (at least 16 characters).
    #[arg(long, value_name = "T", value_parser = parse_admin_token)]
    pub admin_token: String,
    /// Records older than this many days are erased.
    #[arg(long, value_name = "N")]
    pub retain_days: Option<u64>,
    /// Requests per second and client address (burst: twice as many).
    #[arg(long, value_name = "N", default_value_t = 20.0, value_parser = parse_rate_limit)]
    pub rate_limit: f64,
    /// A folder of static files (the demo sites) to serve beside the log.
    #[arg(long, value_name = "DIR")]
    pub www: Option<std::path::PathBuf>,
}

// The value checks the hand-written parser made, with its messages.
fn parse_listen(v: &str) -> Result<SocketAddr, String> {
    v.parse().map_err(|_| "expected an address such as 127.0.0.1:8787".to_string())
}

/// Origins compare as the browser sends them: no trailing slash.
fn parse_origin(v: &str) -> Result<String, String> {
    Ok(v.trim_end_matches('/').to_string())
}

fn parse_admin_token(v: &str) -> Result<String, String> {
    if v.len() < 16 {
        return Err("must be at least 16 characters".into());
    }
    Ok(v.to_string())
}

fn parse_rate_limit(v: &str) -> Result<f64, String> {
    v.parse().ok().filter(|r: &f64| *r > 0.0).ok_or("expected a number > 0".to_string())
}

/// Seconds since the Unix epoch.
pub fn now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

/// One structured log line on stderr.
fn log(fields: serde_json::Value) {
    eprintln!("{}", serde_json::json!({"ts": now(), "event": fields}));
}

struct Job {
    entries: Vec<ConsentEntry>,
    reply: oneshot::Sender<Result<Vec<Outcome>, String>>,
}

struct AppState {
    db: String,
    writer: mpsc::Sender<Job>,
    reader: Mutex<Store>,
    origins: Vec<String>,
    admin_token: String,
    rate: f64,
    buckets: Mutex<HashMap<IpAddr, (f64, Instant)>>,
}

/// The writer thread: group commit until every sender is gone.
fn writer_loop(mut store: Store, mut rx: mpsc::Receiver<Job>) {
    while let Some(first) = rx.blocking_recv() {
        let mut jobs = vec![first];
        let mut count = jobs[0].entries.len();
        while count < MAX_GROUP {
            match rx.try_recv() {
                Ok(j) => {
                    count += j.entries.len();
                    jobs.push(j);
                }
                Err(_) => break,
            }
        }
        let all: Vec<ConsentEntry> = jobs.iter().flat_map(|j| j.entries.iter().cloned()).collect();
        match store.insert_batch(&all, now()) {
            Ok(outcomes) => {
                let mut rest = outcomes.as_slice();
                for j in jobs {
                    let (mine, tail) = rest.split_at(j.entries.len());
                    rest = tail;
                    let _ = j.reply.send(Ok(mine.to_vec()));
                }
            }
            Err(e) => {
                log(serde_json::json!({"error": "write failed, nothing stored", "records": all.len(), "reason": e.to_string()}));
                for j in jobs {
                    let _ = j.reply.send(Err(e.to_string()));
                }
            }
        }
    }
}

fn json_error(status: StatusCode, msg: &str) -> Response {
    (status, [(header::CONTENT_TYPE, "application/json")], serde_json::json!({"error": msg}).to_string()).into_response()
}

/// CORS headers for an allowed site origin; none for any other.
fn cors(state: &AppState, headers: &HeaderMap, resp: &mut Response) {
    let Some(origin) = headers.get(header::ORIGIN).and_then(|o| o.to_str().ok()) else { return };
    if state.origins.iter().any(|o| o == origin) {
        if let Ok(v) = HeaderValue::from_str(origin) {
            let h = resp.headers_mut();
            h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, v);
            h.insert(header::VARY, HeaderValue::from_static("Origin"));
            h.insert(header::ACCESS_CONTROL_ALLOW_METHODS, HeaderValue::from_static("POST, OPTIONS"));
            h.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, HeaderValue::from_static("Content-Type"));
        }
    }
}

/// Token bucket per client address.
fn allow(state: &AppState, ip: IpAddr) -> bool {
    let mut b = state.buckets.lock().unwrap_or_else(|e| e.into_inner());
    let now = Instant::now();
    let (tokens, last) = b.entry(ip).or_insert((state.rate * 2.0, now));
    *tokens = (*tokens + now.duration_since(*last).as_secs_f64() * state.rate).min(state.rate * 2.0);
    *last = now;
    if *tokens >= 1.0 {
        *tokens -= 1.0;
        true
    } else {
        false
    }
}

async fn post_consents(State(state): State<Arc<AppState>>, ConnectInfo(addr): ConnectInfo<SocketAddr>, headers: HeaderMap, body: Bytes) -> Response {
    let mut resp = if !allow(&state, addr.ip()) {
        json_error(StatusCode::TOO_MANY_REQUESTS, "too many requests from this address; retry later")
    } else {
        match validate_body(&body, now()) {
            Err(e) => json_error(StatusCode::BAD_REQUEST, &e),
            Ok(entries) => {
                let (tx, rx) = oneshot::channel();
                let n = entries.len();
                if state.writer.send(Job { entries, reply: tx }).await.is_err() {
                    json_error(StatusCode::SERVICE_UNAVAILABLE, "the log is shutting down")
                } else {
                    match rx.await {
                        Ok(Ok(outcomes)) if outcomes.contains(&Outcome::Conflict) => {
                            json_error(StatusCode::CONFLICT, "a record with this consentId and seq is stored with other content")
                        }
                        Ok(Ok(outcomes)) => {
                            let created = outcomes.iter().filter(|o| **o == Outcome::Created).count();
                            let status = if created > 0 { StatusCode::CREATED } else { StatusCode::OK };
                            (
                                status,
                                [(header::CONTENT_TYPE, "application/json")],
                                serde_json::json!({"stored": created, "duplicates": n - created}).to_string(),
                            )
                                .into_response()
                        }
                        _ => json_error(StatusCode::SERVICE_UNAVAILABLE, "the record could not be stored; retry later"),
                    }
                }
            }
        }
    };
    cors(&state, &headers, &mut resp);
    resp
}

async fn preflight(State(state): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    let mut resp = StatusCode::NO_CONTENT.into_response();
    cors(&state, &headers, &mut resp);
    resp
}

/// Whether the request carries the admin token (compared in constant time).
fn admin(state: &AppState, headers: &HeaderMap) -> bool {
    let given = headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer ")).unwrap_or("");
    let want = state.admin_token.as_bytes();
    given.len() == want.len() && given.bytes().zip(want).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
}

async fn get_history(State(state): State<Arc<AppState>>, headers: HeaderMap, Path(id): Path<String>) -> Response {
    if !admin(&state, &headers) {
        return json_error(StatusCode::UNAUTHORIZED, "admin token required");
    }
    let rows = state.reader.lock().unwrap_or_else(|e| e.into_inner()).history(&id);
    match rows {
        Ok(r) if r.is_empty() => json_error(StatusCode::NOT_FOUND, "no records for this consent id"),
        Ok(r) => ([(header::CONTENT_TYPE, "application/json")], format!("[{}]", r.join(","))).into_response(),
        Err(e) => json_error(StatusCode::SERVICE_UNAVAILABLE, &e.to_string()),
    }
}

async fn delete_history(State(state): State<Arc<AppState>>, headers: HeaderMap, Path(id): Path<String>) -> Response {
    if !admin(&state, &headers) {
        return json_error(StatusCode::UNAUTHORIZED, "admin token required");
    }
    let erased = state.reader.lock().unwrap_or_else(|e| e.into_inner()).erase(&id, now());
    match erased {
        Ok(0) => json_error(StatusCode::NOT_FOUND, "no records for this consent id"),
        Ok(n) => {
            log(serde_json::json!({"erased": n, "consentId": id}));
            ([(header::CONTENT_TYPE, "application/json")], serde_json::json!({"erased": n}).to_string()).into_response()
        }
        Err(e) => json_error(StatusCode::SERVICE_UNAVAILABLE, &e.to_string()),
    }
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

async fn export(State(state): State<Arc<AppState>>, headers: HeaderMap, Query(q): Query<HashMap<String, String>>) -> Response {
    if !admin(&state, &headers) {
        return json_error(StatusCode::UNAUTHORIZED, "admin token required");
    }
    let bound = |k: &str, default: i64| match q.get(k) {
        None => Ok(default),
        Some(v) => parse_rfc3339_utc(v).ok_or(format!("{k}: expected an RFC 3339 UTC time")),
    };
    let (from, to) = match (bound("from", 0), bound("to", i64::MAX)) {
        (Ok(f), Ok(t)) => (f, t),
        (Err(e), _) | (_, Err(e)) => return json_error(StatusCode::BAD_REQUEST, &e),
    };
    let csv = match q.get("format").map(String::as_str).unwrap_or("ndjson") {
        "ndjson" => false,
        "csv" => true,
        _ => return json_error(StatusCode::BAD_REQUEST, "format: expected ndjson or csv"),
    };
    // Streamed: a blocking task reads the log in pages on its own connection and sends chunks.
    let (tx, rx) = mpsc::channel::<Result<String, std::io::Error>>(8);
    let db = state.db.clone();
    tokio::task::spawn_blocking(move || {
        let store = match Store::open(&db) {
            Ok(s) => s,
            Err(e) => return drop(tx.blocking_send(Err(std::io::Error::other(e.to_string())))),
        };
        if csv && tx.blocking_send(Ok(CSV_HEADER.to_string())).is_err() {
            return;
        }
        let mut after = 0;
        loop {
            match store.export_page(from, to, after, 1000) {
                Ok(page) if page.is_empty() => return,
                Ok(page) => {
                    after = page.last().map_or(after, |r| r.0);
                    let chunk: String = page.iter().map(|(_, received, p)| if csv { csv_row(*received, p) } else { format!("{p}\n") }).collect();
                    if tx.blocking_send(Ok(chunk)).is_err() {
                        return; // the client went away
                    }
                }
                Err(e) => return drop(tx.blocking_send(Err(std::io::Error::other(e.to_string())))),
            }
        }
    });
    let body = axum::body::Body::from_stream(tokio_stream::wrappers::ReceiverStream::new(rx));
    let kind = if csv { "text/csv; charset=utf-8" } else { "application/x-ndjson" };
    ([(header::CONTENT_TYPE, kind)], body).into_response()
}

const CSV_HEADER: &str = "received_at,consent_id,seq,decided_at,revision,method,granted,refused,services,gpc,language,page\n";

/// One CSV line of an export.
fn csv_row(received: i64, payload: &str) -> String {
    let v: serde_json::Value = serde_json::from_str(payload).unwrap_or_default();
    let s = |k: &str| v.get(k).map(|x| x.as_str().map(str::to_string).unwrap_or_else(|| x.to_string())).unwrap_or_default();
    let list =
        |k: &str| v.get(k).and_then(|a| a.as_array()).map(|a| a.iter().filter_map(|x| x.as_str()).collect::<Vec<_>>().join(" ")).unwrap_or_default();
    let cells = [
        received.to_string(),
        s("consentId"),
        s("seq"),
        s("decidedAt"),
        s("revision"),
        s("method"),
        list("granted"),
        list("refused"),
        list("services"),
        s("gpc"),
        s("language"),
        s("page"),
    ];
    let mut line = cells.iter().map(|c| csv_field(c)).collect::<Vec<_>>().join(",");
    line.push('\n');
    line
}

/// How long a request may take to arrive and be answered (slow or stalled clients).
const REQUEST_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// One log line per request; requests that take longer than [`REQUEST_TIMEOUT`] get 408.
async fn access_log(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let (method, path, started) = (req.method().clone(), req.uri().path().to_string(), Instant::now());
    let streaming = method == axum::http::Method::GET && path == "/v1/consents";
    let resp = if streaming {
        next.run(req).await
    } else {
        match tokio::time::timeout(REQUEST_TIMEOUT, next.run(req)).await {
            Ok(r) => r,
            Err(_) => json_error(StatusCode::REQUEST_TIMEOUT, "the request took too long"),
        }
    };
    log(
        serde_json::json!({"method": method.as_str(), "path": path, "status": resp.status().as_u16(), "ms": started.elapsed().as_secs_f64() * 1000.0}),
    );
    resp
}

/// The policy the sites are served with: crumbs must work under it.
const CSP: &str =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; frame-src 'self'; connect-src 'self'";

/// `--www`: a file from the folder (index.html for directories), never outside it.
async fn static_file(root: Option<std::path::PathBuf>, uri: axum::http::Uri) -> Response {
    let Some(root) = root else { return json_error(StatusCode::NOT_FOUND, "not found") };
    let path = uri.path();
    if path.split('/').any(|seg| seg == ".." || seg.contains('\\')) {
        return json_error(StatusCode::FORBIDDEN, "forbidden");
    }
    let mut file = root.join(path.trim_start_matches('/'));
    if file.is_dir() {
        if !path.ends_with('/') {
            return (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, format!("{path}/"))]).into_response();
        }
        file = file.join("index.html");
    }
    let Ok(bytes) = tokio::fs::read(&file).await else { return json_error(StatusCode::NOT_FOUND, "not found") };
    let kind = match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        _ => "application/octet-stream",
    };
    let mut resp = ([(header::CONTENT_TYPE, kind), (header::CACHE_CONTROL, "no-store")], bytes).into_response();
    if kind.starts_with("text/html") {
        resp.headers_mut().insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    }
    resp
}

/// A running server: its address, and a handle that stops it gracefully.
pub struct Running {
    /// Where it listens.
    pub addr: SocketAddr,
    stop: oneshot::Sender<()>,
    done: tokio::task::JoinHandle<()>,
    writer: std::thread::JoinHandle<()>,
}

impl Running {
    /// Stops accepting, finishes in-flight requests and writes, then returns.
    pub async fn stop(self) {
        let _ = self.stop.send(());
        let _ = self.done.await;
        let _ = tokio::task::spawn_blocking(move || self.writer.join()).await;
    }
}

/// Opens the log and starts serving (call inside a tokio runtime).
pub async fn start(o: Options) -> Result<Running, String> {
    let store = Store::open(&o.db).map_err(|e| format!("{}: cannot open the log: {e}", o.db))?;
    let reader = Store::open(&o.db).map_err(|e| format!("{}: cannot open the log: {e}", o.db))?;
    let (tx, rx) = mpsc::channel::<Job>(4096);
    let writer = std::thread::spawn(move || writer_loop(store, rx));
    let state = Arc::new(AppState {
        db: o.db.clone(),
        writer: tx,
        reader: Mutex::new(reader),
        origins: o.origins.clone(),
        admin_token: o.admin_token.clone(),
        rate: o.rate_limit,
        buckets: Mutex::new(HashMap::new()),
    });
    if let Some(days) = o.retain_days {
        // A weak reference: the purge must not keep the state (and so the writer) alive at shutdown.
        let st = Arc::downgrade(&state);
        tokio::spawn(async move {
            while let Some(st) = st.upgrade() {
                let cutoff = now() - (days as i64) * 86_400;
                let purged = st.reader.lock().unwrap_or_else(|e| e.into_inner()).purge_before(cutoff, now());
                log(serde_json::json!({"retention": days, "purged": purged.map_err(|e| e.to_string())}));
                drop(st);
                tokio::time::sleep(std::time::Duration::from_secs(3600)).await;
            }
        });
    }
    let www = o.www.clone();
    let app = Router::new()
        .fallback(move |uri: axum::http::Uri| static_file(www.clone(), uri))
        .route("/healthz", get(|| async { "ok" }))
        .route("/v1/consents", post(post_consents).get(export).options(preflight))
        .route("/v1/consents/{id}", get(get_history).delete(delete_history))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(axum::middleware::from_fn(access_log))
        .with_state(state);
    let listener = tokio::net::TcpListener::bind(o.listen).await.map_err(|e| format!("{}: cannot listen: {e}", o.listen))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let (stop, stopped) = oneshot::channel::<()>();
    let done = tokio::spawn(async move {
        let _ = axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
            .with_graceful_shutdown(async {
                let _ = stopped.await;
            })
            .await;
    });
    log(serde_json::json!({"listening": addr.to_string(), "db": o.db}));
    Ok(Running { addr, stop, done, writer })
}
