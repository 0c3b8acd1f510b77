//! `/admin/`: the site owner's dashboard. Signing in takes the admin token once; the browser then
//! holds a session cookie (HttpOnly, SameSite=Strict, Secure behind https, expiring) and every
//! form that changes something carries the session's CSRF token.
//!
//! Each section is its own module: [`overview`] (decisions per day, acceptance per category),
//! [`records`], [`proof`], [`integrity`], [`export`] and [`erasure`]; [`html`] renders and
//! escapes, [`session`] keeps the sessions. The assets are `consent-log/admin-assets/`.

mod chart;
mod days;
mod erasure;
mod export;
pub(crate) mod html;
mod integrity;
mod overview;
mod proof;
mod records;
mod session;

use crate::limits::ClientLimiter;
use crate::server::{client, AppState};
use axum::body::Bytes;
use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use html::{esc, respond};
use session::{same_secret, Session, Sessions};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

/// The session cookie's name.
const COOKIE: &str = "crumbs_admin";

/// Sign-in attempts per address: five at once, then one every ten seconds.
const SIGN_IN_PER_SECOND: f64 = 0.1;
const SIGN_IN_BURST: u32 = 5;

/// The dashboard's part of the server's state.
pub struct Dashboard {
    sessions: Sessions,
    sign_ins: ClientLimiter,
}

impl Dashboard {
    /// Sessions that last `session_secs`.
    pub fn new(session_secs: u64) -> Dashboard {
        Dashboard { sessions: Sessions::new(Duration::from_secs(session_secs)), sign_ins: ClientLimiter::new(SIGN_IN_PER_SECOND, SIGN_IN_BURST) }
    }

    /// Forgets addresses whose sign-in bucket is full again.
    pub fn prune(&self) {
        self.sign_ins.prune();
    }
}

/// The dashboard's routes.
pub(crate) fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/admin", get(|| async { see_other("/admin/") }))
        .route("/admin/", get(overview::page))
        .route("/admin/login", get(sign_in_form).post(sign_in))
        .route("/admin/logout", axum::routing::post(sign_out))
        .route("/admin/records", get(records::page))
        .route("/admin/proof", get(proof::page))
        .route("/admin/integrity", get(integrity::page).post(integrity::run))
        .route("/admin/export", get(export::page))
        .route("/admin/export/download", get(export::download))
        .route("/admin/erase", get(erasure::page).post(erasure::run))
        .route("/admin/assets/admin.css", get(|| async { asset("text/css; charset=utf-8", include_str!("../../admin-assets/admin.css")) }))
        .route("/admin/assets/favicon.svg", get(|| async { asset("image/svg+xml", include_str!("../../admin-assets/favicon.svg")) }))
        .route("/admin/assets/admin.js", get(|| async { asset("text/javascript; charset=utf-8", include_str!("../../admin-assets/admin.js")) }))
}

fn asset(kind: &'static str, body: &'static str) -> Response {
    let mut resp = ([(header::CONTENT_TYPE, kind)], body).into_response();
    html::protect(&mut resp);
    resp
}

fn see_other(to: &str) -> Response {
    let mut resp = (StatusCode::SEE_OTHER, [(header::LOCATION, to.to_string())]).into_response();
    html::protect(&mut resp);
    resp
}

/// A form body or a query string, as name → value (the last of a repeated name).
pub(crate) fn form(body: &[u8]) -> HashMap<String, String> {
    url::form_urlencoded::parse(body).into_owned().collect()
}

/// A signed-in request: its session. Without one (none, expired, signed out), the request is
/// sent to the sign-in page.
pub(crate) struct SignedIn(pub Session);

impl axum::extract::FromRequestParts<Arc<AppState>> for SignedIn {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut axum::http::request::Parts, state: &Arc<AppState>) -> Result<SignedIn, Response> {
        let id = cookie(&parts.headers, COOKIE);
        match id.as_deref().and_then(|id| state.dashboard.sessions.get(id)) {
            Some(s) => Ok(SignedIn(s)),
            None if id.is_some() => Err(see_other("/admin/login?expired=1")),
            None => Err(see_other("/admin/login")),
        }
    }
}

impl SignedIn {
    /// The refusal (403) of a form that does not carry this session's CSRF token; `None` when it does.
    pub(crate) fn refuse_without_csrf(&self, form: &HashMap<String, String>) -> Option<Response> {
        match form.get("csrf") {
            Some(t) if same_secret(t, &self.0.csrf) => None,
            _ => Some(respond(
                StatusCode::FORBIDDEN,
                html::document(
                    "Refused",
                    "",
                    "<p role=\"alert\">This form did not carry the session's CSRF token, so nothing was done. \
                     <a href=\"/admin/\">Back to the dashboard</a></p>",
                ),
            )),
        }
    }

    /// A dashboard page for this session.
    pub(crate) fn page(&self, status: StatusCode, title: &str, current: &str, body: &str) -> Response {
        respond(status, html::page(title, current, &self.0.csrf, body))
    }
}

/// One cookie's value from the request's `Cookie` headers.
fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// Whether the browser reached us over https: the form's own `Origin` says so (a browser sends it
/// with every form POST), or a trusted proxy does (`X-Forwarded-Proto`). Either only adds `Secure`.
fn over_https(state: &AppState, headers: &HeaderMap) -> bool {
    let last = |name: &str| {
        headers
            .get_all(name)
            .iter()
            .next_back()
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit(',').next())
            .map(|v| v.trim().to_ascii_lowercase())
    };
    last("origin").is_some_and(|o| o.starts_with("https://")) || (state.trust_proxy && last("x-forwarded-proto").as_deref() == Some("https"))
}

fn sign_in_document(status: StatusCode, message: &str) -> Response {
    let body = format!(
        "{message}<form method=\"post\" action=\"/admin/login\" class=\"stack\"><label for=\"token\">Admin token</label>\
         <input id=\"token\" name=\"token\" type=\"password\" autocomplete=\"current-password\" required>\
         <button type=\"submit\">Sign in</button></form>\
         <p class=\"hint\">The token is the server's <code>CRUMBS_ADMIN_TOKEN</code> or <code>--admin-token-file</code>.</p>"
    );
    respond(status, html::document("Sign in", "<header class=\"top\"><p class=\"brand\">crumbs consent log</p></header>", &body))
}

async fn sign_in_form(axum::extract::Query(q): axum::extract::Query<HashMap<String, String>>) -> Response {
    let message = if q.contains_key("expired") { "<p role=\"alert\" class=\"notice\">Your session has ended. Sign in again.</p>" } else { "" };
    sign_in_document(StatusCode::OK, message)
}

async fn sign_in(State(state): State<Arc<AppState>>, ConnectInfo(peer): ConnectInfo<SocketAddr>, headers: HeaderMap, body: Bytes) -> Response {
    if !state.dashboard.sign_ins.allow(client(&state, peer, &headers)) {
        return sign_in_document(
            StatusCode::TOO_MANY_REQUESTS,
            "<p role=\"alert\" class=\"notice bad\">Too many sign-in attempts from this address. Wait a minute and try again.</p>",
        );
    }
    let given = form(&body).remove("token").unwrap_or_default();
    if !same_secret(given.trim(), &state.admin_token) {
        return sign_in_document(StatusCode::UNAUTHORIZED, "<p role=\"alert\" class=\"notice bad\">That is not the admin token.</p>");
    }
    let s = state.dashboard.sessions.create();
    let secure = if over_https(&state, &headers) { "; Secure" } else { "" };
    let cookie = format!("{COOKIE}={}; Path=/admin; Max-Age={}; HttpOnly; SameSite=Strict{secure}", s.id, state.dashboard.sessions.ttl().as_secs());
    let mut resp = see_other("/admin/");
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        resp.headers_mut().insert(header::SET_COOKIE, v);
    }
    tracing::info!("dashboard sign-in");
    resp
}

async fn sign_out(who: SignedIn, State(state): State<Arc<AppState>>, body: Bytes) -> Response {
    if let Some(refused) = who.refuse_without_csrf(&form(&body)) {
        return refused;
    }
    state.dashboard.sessions.remove(&who.0.id);
    let mut resp = see_other("/admin/login");
    resp.headers_mut().insert(header::SET_COOKIE, HeaderValue::from_static("crumbs_admin=; Path=/admin; Max-Age=0; HttpOnly; SameSite=Strict"));
    resp
}

/// The error page for a log that cannot be read.
pub(crate) fn unavailable(who: &SignedIn, current: &str, e: &crate::store::StoreError) -> Response {
    who.page(StatusCode::SERVICE_UNAVAILABLE, "The log cannot be read", current, &format!("<p role=\"alert\">{}</p>", esc(&e.to_string())))
}
