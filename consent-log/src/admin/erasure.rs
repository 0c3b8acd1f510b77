//! Erasure of one consent id's personal data, in two steps: the first POST shows what would be
//! erased, the second (with `confirm`) erases it. The store removes each record's text and salt
//! and appends an erasure row naming them, so the chain still verifies; this page says so.

use super::html::{csrf_field, esc};
use super::{form, SignedIn};
use crate::server::{now, with_reader, AppState};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use std::sync::Arc;

fn ask(who: &SignedIn, id: &str) -> String {
    format!(
        "<p>Removes the text of every record of one consent id (the visitor's choices, page, language) and its salt. \
         The chain keeps the rows' hashes and gains an erasure row naming them, so it still verifies.</p>\
         <form method=\"post\" action=\"/admin/erase\" class=\"stack\">{}<label for=\"id\">Consent id</label>\
         <input id=\"id\" name=\"id\" type=\"text\" size=\"40\" value=\"{}\" required spellcheck=\"false\" autocomplete=\"off\">\
         <button type=\"submit\">Review erasure</button></form>",
        csrf_field(&who.0.csrf),
        esc(id)
    )
}

pub(crate) async fn page(who: SignedIn) -> Response {
    who.page(StatusCode::OK, "Erasure", "/admin/erase", &ask(&who, ""))
}

pub(crate) async fn run(who: SignedIn, State(state): State<Arc<AppState>>, body: Bytes) -> Response {
    let f = form(&body);
    if let Some(refused) = who.refuse_without_csrf(&f) {
        return refused;
    }
    let id = f.get("id").map(|v| v.trim().to_string()).unwrap_or_default();
    let lookup = id.clone();
    let history = match with_reader(&state, move |s| s.history(&lookup)).await {
        Ok(h) => h,
        Err(e) => return super::unavailable(&who, "/admin/erase", &e),
    };
    let erasable = history.iter().filter(|r| r.payload.is_some()).count();
    if erasable == 0 {
        let what = if history.is_empty() { "No records for this consent id." } else { "Every record of this consent id is already erased." };
        let body = format!("<p role=\"alert\" class=\"notice bad\">{what}</p>{}", ask(&who, &id));
        return who.page(StatusCode::NOT_FOUND, "Erasure", "/admin/erase", &body);
    }
    if f.get("confirm").map(String::as_str) != Some("yes") {
        let body = format!(
            "<p role=\"alert\" class=\"notice\">Erase <strong id=\"erasable\">{erasable}</strong> records of consent id <code>{}</code>? This cannot be undone.</p>\
             <form method=\"post\" action=\"/admin/erase\" class=\"actions\">{}<input type=\"hidden\" name=\"id\" value=\"{}\">\
             <input type=\"hidden\" name=\"confirm\" value=\"yes\"><button type=\"submit\" class=\"danger\">Erase {erasable} records</button>\
             <a href=\"/admin/erase\">Cancel</a></form>",
            esc(&id),
            csrf_field(&who.0.csrf),
            esc(&id)
        );
        return who.page(StatusCode::OK, "Confirm erasure", "/admin/erase", &body);
    }
    let key = state.verifying_key;
    let done = with_reader(&state, move |s| {
        let n = s.erase(&id, now())?;
        Ok((n, s.verify(key.as_ref(), &[])?))
    })
    .await;
    match done {
        Ok((n, verified)) => {
            // The count only: an erased consent id must not live on in the server's logs.
            tracing::info!(erased = n, "erasure from the dashboard");
            let chain = match verified {
                Ok(v) => format!("The chain still verifies: {} rows.", v.rows),
                Err(b) => format!("The chain does not verify: broken at row {}: {}.", b.row, esc(&b.reason)),
            };
            let body = format!("<p role=\"status\" class=\"notice good\" id=\"erased\">Erased {n} records. {chain}</p>{}", ask(&who, ""));
            who.page(StatusCode::OK, "Erasure", "/admin/erase", &body)
        }
        Err(e) => super::unavailable(&who, "/admin/erase", &e),
    }
}
