//! The HTTP side of the consent log (axum on hyper and tokio).
//!
//! Writes go through one writer thread that takes every record waiting and stores them in one
//! transaction (group commit): one fsync for many requests, and each request is answered only
//! after its transaction committed. Connections are accepted by our own loop, so the header
//! timeout, the connection limit and the shutdown deadline are ours to set.

use crate::chain::SignedHead;
use crate::limits::{ClientKey, ClientLimiter};
use crate::record::{parse_rfc3339_utc, validate_body, ConsentEntry};
use crate::store::{Arrival, Flag, Outcome, Row, Store, StoreError};
use axum::body::Bytes;
use axum::extract::{ConnectInfo, DefaultBodyLimit, MatchedPath, Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use tokio::sync::{mpsc, oneshot, Semaphore};
use tower::ServiceExt;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::set_header::SetResponseHeaderLayer;

/// Largest POST body accepted.
pub const MAX_BODY: usize = crumbs::consent_log::MAX_BATCH_BYTES;
/// Most records written in one transaction.
const MAX_GROUP: usize = 512;
/// How long a client may take to send a request's headers, and then its body.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a request may take to arrive and be answered.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a stop waits for open requests before it closes their connections.
pub const SHUTDOWN_DEADLINE: Duration = Duration::from_secs(5);
/// Address keys are hashed under one key for this long without `--retain-days`.
const DEFAULT_KEY_PERIOD_DAYS: u64 = 30;

/// How the server runs: the options of `crumbs serve` and `crumbs-consent-log serve`.
#[derive(Clone, Debug, clap::Args)]
pub struct Options {
    /// The log: a SQLite file (created if missing), or a PostgreSQL URL (`postgres://user@host/db`;
    /// several servers may share one database).
    #[arg(long, value_name = "PATH|URL", value_parser = clap::builder::NonEmptyStringValueParser::new())]
    pub db: String,
    /// Address to listen on.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8787", value_parser = parse_listen)]
    pub listen: SocketAddr,
    /// Site origins allowed to post records (checked on `Origin` and on each record's page; CORS); repeat for several.
    #[arg(long = "origin", value_name = "URL", value_parser = parse_origin)]
    pub origins: Vec<String>,
    /// File holding the bearer token for the admin endpoints (at least 16 characters); else the
    /// environment variable CRUMBS_ADMIN_TOKEN. Never on the command line, where `ps` shows it.
    #[arg(long, value_name = "PATH")]
    pub admin_token_file: Option<std::path::PathBuf>,
    /// The admin token itself, when a caller sets it directly (tests, embedding).
    #[arg(skip)]
    pub admin_token: Option<String>,
    /// Records older than this many days are erased (1 to 36500).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=36_500))]
    pub retain_days: Option<u64>,
    /// Requests per second and client address (burst: twice as many).
    #[arg(long, value_name = "N", default_value_t = 20.0, value_parser = parse_rate_limit)]
    pub rate_limit: f64,
    /// The server is behind a reverse proxy: the client is the last address in X-Forwarded-For.
    #[arg(long)]
    pub trust_proxy: bool,
    /// Most connections open at once; more wait to be accepted.
    #[arg(long, value_name = "N", default_value_t = 512, value_parser = clap::value_parser!(u32).range(1..=65_535))]
    pub max_connections: u32,
    /// File holding the ed25519 key (`crumbs log-keygen`) the chain's head is signed with.
    #[arg(long, value_name = "PATH")]
    pub signing_key: Option<String>,
    /// Signs the head every this many seconds, when rows arrived (and at shutdown).
    #[arg(long, value_name = "SECS", default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub sign_every: u64,
    /// Appends each signed head to this file too: keep it away from the database.
    #[arg(long, value_name = "PATH")]
    pub heads_file: Option<String>,
    /// How long a dashboard (/admin/) sign-in lasts, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 3600, value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub admin_session_secs: u64,
    /// A folder of static files (the demo sites) to serve beside the log.
    #[arg(long, value_name = "DIR")]
    pub www: Option<std::path::PathBuf>,
}

fn parse_listen(v: &str) -> Result<SocketAddr, String> {
    v.parse().map_err(|_| "expected an address such as 127.0.0.1:8787".to_string())
}

/// Origins compare as the browser sends them: scheme, host and port, no path.
fn parse_origin(v: &str) -> Result<String, String> {
    let url = url::Url::parse(v).map_err(|_| "expected an origin such as https://example.org".to_string())?;
    if !matches!(url.scheme(), "http" | "https") || url.path() != "/" || url.query().is_some() {
        return Err("expected an origin such as https://example.org, without a path".into());
    }
    Ok(url.origin().ascii_serialization())
}

fn parse_rate_limit(v: &str) -> Result<f64, String> {
    v.parse().ok().filter(|r: &f64| *r > 0.0 && *r <= 1_000_000.0).ok_or("expected a number above 0 and at most 1000000".to_string())
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// No admin token, or a short one.
    #[error("admin token: {0}")]
    AdminToken(String),
    /// The log file.
    #[error("{0}: cannot open the log: {1}")]
    Store(String, crate::store::StoreError),
    /// The signing key.
    #[error("--signing-key {0}")]
    Key(#[from] crate::chain::KeyError),
    /// The address.
    #[error("{0}: cannot listen: {1}")]
    Listen(SocketAddr, std::io::Error),
}

impl Options {
    /// The admin token: set directly, else from `--admin-token-file`, else from the environment.
    fn resolve_admin_token(&self) -> Result<String, StartError> {
        let token = match (&self.admin_token, &self.admin_token_file) {
            (Some(t), _) => t.clone(),
            (None, Some(f)) => std::fs::read_to_string(f).map_err(|e| StartError::AdminToken(format!("{}: {e}", f.display())))?.trim().to_string(),
            (None, None) => {
                std::env::var("CRUMBS_ADMIN_TOKEN").map_err(|_| StartError::AdminToken("set --admin-token-file or CRUMBS_ADMIN_TOKEN".into()))?
            }
        };
        if token.len() < 16 {
            return Err(StartError::AdminToken("must be at least 16 characters".into()));
        }
        Ok(token)
    }

    fn key_period_secs(&self) -> i64 {
        self.retain_days.unwrap_or(DEFAULT_KEY_PERIOD_DAYS).saturating_mul(86_400).min(i64::MAX as u64) as i64
    }
}

/// Seconds since the Unix epoch.
pub fn now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

struct Job {
    entries: Vec<ConsentEntry>,
    arrival: Arrival,
    reply: oneshot::Sender<Result<Vec<Outcome>, String>>,
}

pub(crate) struct AppState {
    writer: mpsc::Sender<Job>,
    /// Reads, erasures and purges; used from blocking tasks only (see [`with_reader`]).
    pub(crate) reader: Arc<Mutex<Store>>,
    origins: Vec<String>,
    pub(crate) admin_token: String,
    pub(crate) trust_proxy: bool,
    key_period_secs: i64,
    posts: ClientLimiter,
    /// Admin requests, right or wrong token: a token cannot be guessed faster than this.
    admin_attempts: ClientLimiter,
    /// The dashboard's sessions and sign-in limit.
    pub(crate) dashboard: crate::admin::Dashboard,
    /// The public half of `--signing-key`: the dashboard's integrity check verifies heads with it.
    pub(crate) verifying_key: Option<ed25519_dalek::VerifyingKey>,
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
        let groups: Vec<(&[ConsentEntry], &Arrival)> = jobs.iter().map(|j| (j.entries.as_slice(), &j.arrival)).collect();
        match store.insert_groups(&groups) {
            Ok(outcomes) => {
                for (j, o) in jobs.into_iter().zip(outcomes) {
                    let _ = j.reply.send(Ok(o));
                }
            }
            Err(e) => {
                tracing::error!(records = count, reason = %e, "write failed, nothing stored");
                for j in jobs {
                    let _ = j.reply.send(Err(e.to_string()));
                }
            }
        }
    }
}

/// Runs `work` on the reader in a blocking task: a database call never blocks the async workers.
pub(crate) async fn with_reader<T: Send + 'static>(
    state: &AppState,
    work: impl FnOnce(&mut Store) -> Result<T, StoreError> + Send + 'static,
) -> Result<T, StoreError> {
    let reader = state.reader.clone();
    match tokio::task::spawn_blocking(move || work(&mut reader.lock().unwrap_or_else(|e| e.into_inner()))).await {
        Ok(r) => r,
        Err(e) => std::panic::resume_unwind(e.into_panic()),
    }
}

fn json_error(status: StatusCode, msg: &str) -> Response {
    (status, [(header::CONTENT_TYPE, "application/json")], serde_json::json!({"error": msg}).to_string()).into_response()
}

pub(crate) fn client(state: &AppState, peer: SocketAddr, headers: &HeaderMap) -> ClientKey {
    ClientKey::from_request(peer.ip(), headers, state.trust_proxy)
}

async fn post_consents(State(state): State<Arc<AppState>>, ConnectInfo(peer): ConnectInfo<SocketAddr>, headers: HeaderMap, body: Bytes) -> Response {
    let who = client(&state, peer, &headers);
    if !state.posts.allow(who) {
        return json_error(StatusCode::TOO_MANY_REQUESTS, "too many requests from this address; retry later");
    }
    // The browser sends text/plain (a CORS-simple request, like sendBeacon); JSON is allowed too.
    let kind = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let essence = kind.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    if essence != "text/plain" && essence != "application/json" {
        return json_error(StatusCode::UNSUPPORTED_MEDIA_TYPE, "Content-Type: expected text/plain or application/json");
    }
    let origin = headers.get(header::ORIGIN).and_then(|o| o.to_str().ok()).unwrap_or("");
    if !state.origins.iter().any(|o| o == origin) {
        return json_error(StatusCode::FORBIDDEN, "Origin: this origin may not post consent records (see --origin)");
    }
    let entries = match validate_body(&body, now()) {
        Ok(e) => e,
        Err(e) => return json_error(StatusCode::BAD_REQUEST, &e.to_string()),
    };
    if let Some(i) = entries.iter().position(|e| e.page_origin != origin) {
        return json_error(StatusCode::FORBIDDEN, &format!("[{i}].page: not on the origin that sent it"));
    }
    let n = entries.len();
    let arrival = Arrival { received_at: now(), origin: origin.to_string(), client: who.to_string(), key_period_secs: state.key_period_secs };
    let (tx, rx) = oneshot::channel();
    if state.writer.send(Job { entries, arrival, reply: tx }).await.is_err() {
        return json_error(StatusCode::SERVICE_UNAVAILABLE, "the log is shutting down");
    }
    match rx.await {
        Ok(Ok(outcomes)) => {
            let count = |f: fn(&Outcome) -> bool| outcomes.iter().filter(|o| f(o)).count();
            let created = count(|o| *o == Outcome::Created);
            let flagged = count(|o| matches!(o, Outcome::Flagged(_)));
            let conflicts = count(|o| *o == Outcome::Flagged(Flag::Conflict));
            if flagged > 0 {
                tracing::warn!(flagged, conflicts, "records stored flagged: not the next decision of their consent id");
            }
            // Flagged records are stored too: the client's copy is safe and must not be resent.
            let status = if created + flagged > 0 { StatusCode::CREATED } else { StatusCode::OK };
            let body = serde_json::json!({"stored": created, "flagged": flagged, "duplicates": n - created - flagged});
            (status, [(header::CONTENT_TYPE, "application/json")], body.to_string()).into_response()
        }
        _ => json_error(StatusCode::SERVICE_UNAVAILABLE, "the record could not be stored; retry later"),
    }
}

/// Proof that a request may use the admin endpoints: within the attempt limit, with the token
/// (compared in constant time). Rejected with 429 or 401 otherwise.
struct Admin;

impl axum::extract::FromRequestParts<Arc<AppState>> for Admin {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut axum::http::request::Parts, state: &Arc<AppState>) -> Result<Admin, Response> {
        let peer =
            parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0).ok_or_else(|| json_error(StatusCode::INTERNAL_SERVER_ERROR, "no peer"))?;
        if !state.admin_attempts.allow(client(state, peer, &parts.headers)) {
            return Err(json_error(StatusCode::TOO_MANY_REQUESTS, "too many admin requests from this address; retry later"));
        }
        let given = parts.headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer ")).unwrap_or("");
        let want = state.admin_token.as_bytes();
        if given.len() == want.len() && given.bytes().zip(want).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0 {
            Ok(Admin)
        } else {
            Err(json_error(StatusCode::UNAUTHORIZED, "admin token required"))
        }
    }
}

async fn get_history(_: Admin, State(state): State<Arc<AppState>>, Path(id): Path<String>) -> Response {
    let rows = with_reader(&state, move |s| s.history(&id)).await;
    match rows {
        Ok(r) if r.is_empty() => json_error(StatusCode::NOT_FOUND, "no records for this consent id"),
        Ok(r) => {
            ([(header::CONTENT_TYPE, "application/json")], format!("[{}]", r.iter().map(Row::to_json).collect::<Vec<_>>().join(","))).into_response()
        }
        Err(e) => json_error(StatusCode::SERVICE_UNAVAILABLE, &e.to_string()),
    }
}

async fn delete_history(_: Admin, State(state): State<Arc<AppState>>, Path(id): Path<String>) -> Response {
    let erased = with_reader(&state, move |s| s.erase(&id, now())).await;
    match erased {
        Ok(0) => json_error(StatusCode::NOT_FOUND, "no records for this consent id"),
        Ok(n) => {
            // The count only: an erased consent id must not live on in the server's logs.
            tracing::info!(erased = n, "erasure on request");
            ([(header::CONTENT_TYPE, "application/json")], serde_json::json!({"erased": n}).to_string()).into_response()
        }
        Err(e) => json_error(StatusCode::SERVICE_UNAVAILABLE, &e.to_string()),
    }
}

/// A CSV cell: quoted when needed, and a leading `= + - @` (a spreadsheet formula) made text.
fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{s}") } else { s.to_string() };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

async fn export(_: Admin, State(state): State<Arc<AppState>>, Query(q): Query<HashMap<String, String>>) -> Response {
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
    stream_export(&state, from, to, csv)
}

/// An export of the records received in `[from, to)`, streamed: a blocking task reads the log in
/// pages on its own connection and sends chunks.
pub(crate) fn stream_export(state: &AppState, from: i64, to: i64, csv: bool) -> Response {
    let (tx, rx) = mpsc::channel::<Result<String, std::io::Error>>(8);
    let reader = state.reader.clone();
    tokio::task::spawn_blocking(move || {
        let opened = reader.lock().unwrap_or_else(|e| e.into_inner()).reopen();
        let mut store = match opened {
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
                    after = page.last().map_or(after, |r| r.id);
                    let chunk: String = page.iter().map(|r| if csv { csv_row(r) } else { format!("{}\n", r.to_json()) }).collect();
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

const CSV_HEADER: &str =
    "received_at,consent_id,seq,decided_at,revision,method,granted,refused,services,gpc,language,page,status,origin,texts_hash,regime\n";

/// One CSV line of an export.
fn csv_row(r: &Row) -> String {
    let v: serde_json::Value = r.payload.as_deref().and_then(|p| serde_json::from_str(p).ok()).unwrap_or_default();
    let s = |k: &str| v.get(k).map(|x| x.as_str().map(str::to_string).unwrap_or_else(|| x.to_string())).unwrap_or_default();
    let list =
        |k: &str| v.get(k).and_then(|a| a.as_array()).map(|a| a.iter().filter_map(|x| x.as_str()).collect::<Vec<_>>().join(" ")).unwrap_or_default();
    let cells = [
        r.received_at.to_string(),
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
        r.status.clone(),
        r.origin.clone(),
        s("textsHash"),
        s("regime"),
    ];
    let mut line = cells.iter().map(|c| csv_field(c)).collect::<Vec<_>>().join(",");
    line.push('\n');
    line
}

/// One log line per request, by route (never the path itself: it may hold a consent id);
/// requests that take longer than [`REQUEST_TIMEOUT`] to arrive and be answered get 408.
async fn access_log(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let route = req.extensions().get::<MatchedPath>().map_or("static", |p| p.as_str()).to_string();
    let (method, started) = (req.method().clone(), Instant::now());
    // The timeout covers the body's arrival and the answer's start, not a streamed export's length.
    let resp = match tokio::time::timeout(REQUEST_TIMEOUT, next.run(req)).await {
        Ok(r) => r,
        Err(_) => json_error(StatusCode::REQUEST_TIMEOUT, "the request took too long"),
    };
    tracing::info!(method = method.as_str(), route, status = resp.status().as_u16(), ms = started.elapsed().as_secs_f64() * 1000.0, "request");
    resp
}

/// A running server: its address, and a handle that stops it gracefully.
pub struct Running {
    /// Where it listens.
    pub addr: SocketAddr,
    stop: oneshot::Sender<()>,
    done: tokio::task::JoinHandle<()>,
    writer: std::thread::JoinHandle<()>,
    signer: Option<Signer>,
}

/// What signs the chain's head.
#[derive(Clone)]
struct Signer {
    store: Arc<Mutex<Store>>,
    key: Arc<ed25519_dalek::SigningKey>,
    heads_file: Option<String>,
}

impl Signer {
    /// Signs the head if rows arrived since the last one; appends it to the heads file.
    fn sign(&self) {
        let signed = self.store.lock().unwrap_or_else(|e| e.into_inner()).sign_head(&self.key, now());
        match signed {
            Ok(Some(head)) => {
                tracing::info!(head = head.to_line(), "chain head signed");
                if let Some(f) = &self.heads_file {
                    if let Err(e) = append_line(f, &head) {
                        tracing::error!(file = f.as_str(), reason = %e, "cannot append the signed head");
                    }
                }
            }
            Ok(None) => {}
            Err(e) => tracing::error!(reason = %e, "cannot sign the chain head"),
        }
    }
}

fn append_line(path: &str, head: &SignedHead) -> std::io::Result<()> {
    use std::io::Write;
    let mut f = std::fs::OpenOptions::new().create(true).append(true).open(path)?;
    writeln!(f, "{}", head.to_line())?;
    f.sync_all()
}

impl Running {
    /// Stops accepting, finishes in-flight requests (closing what is still open after
    /// [`SHUTDOWN_DEADLINE`]) and writes, signs the head, then returns.
    pub async fn stop(self) {
        let _ = self.stop.send(());
        let _ = self.done.await;
        let _ = tokio::task::spawn_blocking(move || {
            let _ = self.writer.join();
            if let Some(s) = self.signer {
                s.sign();
            }
        })
        .await;
    }
}

/// Opens the log and starts serving (call inside a tokio runtime).
pub async fn start(o: Options) -> Result<Running, StartError> {
    let admin_token = o.resolve_admin_token()?;
    // The handles on the log (writer, reader, and the signer's with a key), opened off the
    // async workers: the PostgreSQL client blocks.
    let (db, signs) = (o.db.clone(), o.signing_key.is_some());
    let opened = tokio::task::spawn_blocking(move || -> Result<(Store, Option<Store>, Store), crate::store::StoreError> {
        let reader = Store::open(&db)?;
        Ok((reader.reopen()?, if signs { Some(reader.reopen()?) } else { None }, reader))
    });
    let (store, signer_store, reader) = opened
        .await
        .map_err(|e| StartError::Store(crate::store::shown(&o.db), crate::store::StoreError::Gone(e.to_string())))?
        .map_err(|e| StartError::Store(crate::store::shown(&o.db), e))?;
    let signer = match (&o.signing_key, signer_store) {
        (Some(path), Some(signer_store)) => Some(Signer {
            store: Arc::new(Mutex::new(signer_store)),
            key: Arc::new(crate::chain::read_signing_key(path)?),
            heads_file: o.heads_file.clone(),
        }),
        _ => None,
    };
    let (tx, rx) = mpsc::channel::<Job>(4096);
    let writer = std::thread::spawn(move || writer_loop(store, rx));
    let burst = (o.rate_limit * 2.0).ceil().clamp(1.0, u32::MAX as f64) as u32;
    let state = Arc::new(AppState {
        writer: tx,
        reader: Arc::new(Mutex::new(reader)),
        origins: o.origins.clone(),
        admin_token,
        trust_proxy: o.trust_proxy,
        key_period_secs: o.key_period_secs(),
        posts: ClientLimiter::new(o.rate_limit, burst),
        admin_attempts: ClientLimiter::new(1.0, 20),
        dashboard: crate::admin::Dashboard::new(o.admin_session_secs),
        verifying_key: signer.as_ref().map(|s| s.key.verifying_key()),
    });
    spawn_housekeeping(&state, o.retain_days, signer.clone(), o.sign_every);
    let cors = CorsLayer::new()
        .allow_origin(AllowOrigin::list(o.origins.iter().filter_map(|o| HeaderValue::from_str(o).ok())))
        .allow_methods([Method::POST])
        .allow_headers([header::CONTENT_TYPE]);
    let mut app = Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/v1/consents", post(post_consents).layer(cors).get(export))
        .route("/v1/consents/{id}", get(get_history).delete(delete_history))
        .merge(crate::admin::routes());
    app = match o.www.clone() {
        Some(root) => app.fallback(move |req: axum::extract::Request| crate::static_files::serve(root.clone(), req)),
        None => app.fallback(|| async { json_error(StatusCode::NOT_FOUND, "not found") }),
    };
    let app = app
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(axum::middleware::from_fn(access_log))
        .layer(SetResponseHeaderLayer::overriding(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .with_state(state);
    let listener = tokio::net::TcpListener::bind(o.listen).await.map_err(|e| StartError::Listen(o.listen, e))?;
    let addr = listener.local_addr().map_err(|e| StartError::Listen(o.listen, e))?;
    let (stop, stopped) = oneshot::channel::<()>();
    let done = tokio::spawn(accept_loop(listener, app, o.max_connections as usize, stopped));
    tracing::info!(listening = %addr, db = crate::store::shown(&o.db), "consent log started");
    Ok(Running { addr, stop, done, writer, signer })
}

/// Retention purges (hourly) and head signing (every `sign_every` seconds).
fn spawn_housekeeping(state: &Arc<AppState>, retain_days: Option<u64>, signer: Option<Signer>, sign_every: u64) {
    // Weak references: housekeeping must not keep the state (and so the writer) alive at shutdown.
    let st = Arc::downgrade(state);
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(60));
        let mut last_purge: Option<Instant> = None;
        while let Some(state) = st.upgrade() {
            state.posts.prune();
            state.admin_attempts.prune();
            state.dashboard.prune();
            if let Some(days) = retain_days.filter(|_| last_purge.is_none_or(|t| t.elapsed() >= Duration::from_secs(3600))) {
                let cutoff = now().saturating_sub(days.saturating_mul(86_400).min(i64::MAX as u64) as i64);
                let period = state.key_period_secs;
                let purged = with_reader(&state, move |s| s.purge_before(cutoff, now(), period)).await;
                match purged {
                    Ok(n) => tracing::info!(retention_days = days, purged = n, "retention"),
                    Err(e) => tracing::error!(reason = %e, "retention purge failed"),
                }
                last_purge = Some(Instant::now());
            }
            drop(state);
            tick.tick().await;
        }
    });
    if let Some(signer) = signer {
        let st = Arc::downgrade(state);
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(sign_every));
            tick.tick().await;
            loop {
                tick.tick().await;
                if st.upgrade().is_none() {
                    return;
                }
                let s = signer.clone();
                let _ = tokio::task::spawn_blocking(move || s.sign()).await;
            }
        });
    }
}

/// Accepts connections until `stopped`, at most `max` at once, each with the header timeout;
/// then waits for open ones up to the shutdown deadline.
async fn accept_loop(listener: tokio::net::TcpListener, app: Router, max: usize, mut stopped: oneshot::Receiver<()>) {
    use hyper_util::rt::{TokioIo, TokioTimer};
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let slots = Arc::new(Semaphore::new(max));
    let mut connections = tokio::task::JoinSet::new();
    loop {
        while connections.try_join_next().is_some() {}
        let permit = tokio::select! {
            p = slots.clone().acquire_owned() => match p { Ok(p) => p, Err(_) => break },
            _ = &mut stopped => break,
        };
        let (stream, peer) = tokio::select! {
            a = listener.accept() => match a {
                Ok(a) => a,
                Err(e) => {
                    tracing::warn!(reason = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = &mut stopped => break,
        };
        let app = app.clone();
        let service = hyper::service::service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
            let mut req = req.map(axum::body::Body::new);
            req.extensions_mut().insert(ConnectInfo(peer));
            app.clone().oneshot(req)
        });
        let conn = hyper::server::conn::http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(HEADER_TIMEOUT)
            .serve_connection(TokioIo::new(stream), service);
        let conn = graceful.watch(conn);
        connections.spawn(async move {
            let _ = conn.await;
            drop(permit);
        });
    }
    drop(listener);
    if tokio::time::timeout(SHUTDOWN_DEADLINE, graceful.shutdown()).await.is_err() {
        tracing::warn!("connections still open at the shutdown deadline were closed");
    }
    connections.abort_all();
}
