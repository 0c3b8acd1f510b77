//! "Verify the log": the same chain check as `crumbs verify-log` (with the server's own key when
//! it signs heads), naming the first broken row.

use super::html::{csrf_field, esc};
use super::{form, SignedIn};
use crate::server::{with_reader, AppState};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use std::sync::Arc;

fn form_html(who: &SignedIn) -> String {
    format!(
        "<p>Walks the whole chain: every row must link to the one before it, no record may be edited, removed or renumbered, \
         and every erased record must be accounted for by an erasure row; with <code>--signing-key</code>, every signed head must hold.</p>\
         <form method=\"post\" action=\"/admin/integrity\">{}<button type=\"submit\">Verify the log</button></form>",
        csrf_field(&who.0.csrf)
    )
}

pub(crate) async fn page(who: SignedIn) -> Response {
    who.page(StatusCode::OK, "Integrity", "/admin/integrity", &form_html(&who))
}

pub(crate) async fn run(who: SignedIn, State(state): State<Arc<AppState>>, body: Bytes) -> Response {
    if let Some(refused) = who.refuse_without_csrf(&form(&body)) {
        return refused;
    }
    let key = state.verifying_key;
    let result = match with_reader(&state, move |s| s.verify(key.as_ref(), &[])).await {
        Ok(r) => r,
        Err(e) => return super::unavailable(&who, "/admin/integrity", &e),
    };
    let verdict = match result {
        Ok(v) if key.is_some() => format!(
            "<p role=\"status\" id=\"verdict\" class=\"notice good\">The chain is intact: {} rows; {} signed heads hold; {} rows after the last signed head.</p>",
            v.rows, v.heads, v.unsigned_tail
        ),
        Ok(v) => format!(
            "<p role=\"status\" id=\"verdict\" class=\"notice good\">The chain is intact: {} rows. (Without <code>--signing-key</code>, a chain rewritten or cut at its end cannot be told apart.)</p>",
            v.rows
        ),
        Err(b) => {
            format!("<p role=\"alert\" id=\"verdict\" class=\"notice bad\">The log is broken at row <strong>{}</strong>: {}.</p>", b.row, esc(&b.reason))
        }
    };
    who.page(StatusCode::OK, "Integrity", "/admin/integrity", &format!("{verdict}{}", form_html(&who)))
}
