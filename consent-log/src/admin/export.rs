//! Export for a date range (by time received, like `GET /v1/consents`), CSV or NDJSON, streamed.

use super::{days, SignedIn};
use crate::server::{now, stream_export, AppState};
use axum::extract::{Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use std::collections::HashMap;
use std::sync::Arc;
use time::Date;

fn form_html(from: Date, to: Date, error: Option<&str>) -> String {
    let error = error.map(|e| format!("<p role=\"alert\" class=\"notice bad\">{}</p>", super::html::esc(e))).unwrap_or_default();
    format!(
        "{error}<p>Every record received in the range (UTC days, both included), flagged ones with their status; erased records are left out.</p>\
         <form method=\"get\" action=\"/admin/export/download\" class=\"stack\">\
         <label for=\"from\">From</label><input id=\"from\" name=\"from\" type=\"date\" value=\"{}\">\
         <label for=\"to\">To</label><input id=\"to\" name=\"to\" type=\"date\" value=\"{}\">\
         <fieldset><legend>Format</legend><label><input type=\"radio\" name=\"format\" value=\"csv\" checked> CSV</label>\
         <label><input type=\"radio\" name=\"format\" value=\"ndjson\"> NDJSON</label></fieldset>\
         <button type=\"submit\">Download</button></form>",
        days::show(from),
        days::show(to)
    )
}

pub(crate) async fn page(who: SignedIn) -> Response {
    let today = days::of(now()).unwrap_or(Date::MIN);
    who.page(StatusCode::OK, "Export", "/admin/export", &form_html(today - time::Duration::days(29), today, None))
}

pub(crate) async fn download(who: SignedIn, State(state): State<Arc<AppState>>, Query(q): Query<HashMap<String, String>>) -> Response {
    let today = days::of(now()).unwrap_or(Date::MIN);
    let get = |k: &str| q.get(k).and_then(|v| days::parse(v));
    let (from, to) = match (get("from"), get("to")) {
        (Some(f), Some(t)) if f <= t => (f, t),
        _ => {
            let body = form_html(today - time::Duration::days(29), today, Some("from, to: expected two dates, from not after to"));
            return who.page(StatusCode::BAD_REQUEST, "Export", "/admin/export", &body);
        }
    };
    let (csv, ext) = match q.get("format").map(String::as_str) {
        Some("ndjson") => (false, "ndjson"),
        _ => (true, "csv"),
    };
    let mut resp = stream_export(&state, days::start(from), days::start(to) + 86_400, csv);
    let name = format!("attachment; filename=\"consents-{}-{}.{ext}\"", days::show(from), days::show(to));
    if let Ok(v) = HeaderValue::from_str(&name) {
        resp.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    super::html::protect(&mut resp);
    resp
}
