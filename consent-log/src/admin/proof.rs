//! Proof of one visitor's consent: every row of a consent id as the chain holds it, its place
//! in the chain, the hashes that link it, whether each hash recomputes, and the signed head
//! that covers it. Printable (admin.css has print rules; the Print button is admin.js).

use super::html::{esc, time};
use super::SignedIn;
use crate::chain::{payload_hash, row_hash, SignedHead};
use crate::server::{with_reader, AppState};
use crate::store::ChainRow;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use std::collections::HashMap;
use std::fmt::Write;
use std::sync::Arc;

fn read(store: &mut crate::store::Store, id: &str) -> Result<(Vec<ChainRow>, i64, Vec<SignedHead>), crate::store::StoreError> {
    Ok((store.chain_of(id)?, store.last_id()?, store.heads()?))
}

fn item(name: &str, value: &str) -> String {
    format!("<dt>{name}</dt><dd>{}</dd>", esc(value))
}

fn hash(name: &str, value: &str) -> String {
    format!("<dt>{name}</dt><dd><code class=\"hash\">{}</code></dd>", esc(value))
}

pub(crate) async fn page(who: SignedIn, State(state): State<Arc<AppState>>, Query(q): Query<HashMap<String, String>>) -> Response {
    let id = q.get("id").map(|v| v.trim().to_string()).unwrap_or_default();
    let mut body = format!(
        "<form method=\"get\" action=\"/admin/proof\" class=\"range noprint\"><label for=\"id\">Consent id</label>\
         <input id=\"id\" name=\"id\" type=\"text\" size=\"40\" value=\"{}\" spellcheck=\"false\" autocomplete=\"off\"><button type=\"submit\">Show proof</button></form>",
        esc(&id)
    );
    if id.is_empty() {
        body.push_str("<p>Enter the consent id from the visitor's <code>crumbs_consent</code> cookie, or open one from Records.</p>");
        return who.page(StatusCode::OK, "Proof", "/admin/proof", &body);
    }
    let lookup = id.clone();
    let (rows, last, heads) = match with_reader(&state, move |s| read(s, &lookup)).await {
        Ok(r) => r,
        Err(e) => return super::unavailable(&who, "/admin/proof", &e),
    };
    if rows.is_empty() {
        let _ = write!(body, "<p role=\"alert\" class=\"notice bad\">No records for consent id <code>{}</code>.</p>", esc(&id));
        return who.page(StatusCode::NOT_FOUND, "Proof", "/admin/proof", &body);
    }
    let _ = write!(
        body,
        "<p class=\"summary\">Consent id <code id=\"consent-id\">{}</code>: <span id=\"row-count\">{}</span> records in a chain of {last} rows. \
         <button type=\"button\" class=\"noprint\" data-print>Print or save as PDF</button></p>",
        esc(&id),
        rows.len()
    );
    for r in &rows {
        let f = &r.fields;
        let linked = row_hash(&r.prev_hash, f) == r.hash;
        let payload_ok = match (&r.salt, &r.payload) {
            (Some(s), Some(p)) => Some(payload_hash(s, p) == f.payload_hash),
            _ => None,
        };
        let head = heads.iter().filter(|h| h.row >= f.id).min_by_key(|h| h.row);
        let _ = write!(
            body,
            "<section class=\"proof\" aria-labelledby=\"row-{id}\"><h2 id=\"row-{id}\">Decision {seq}: row {id} of {last}</h2><dl>",
            id = f.id,
            seq = f.seq
        );
        body.push_str(&item("Status", &f.status));
        body.push_str(&item("Decided at", &time(f.decided_at)));
        body.push_str(&item("Received at", &time(f.received_at)));
        body.push_str(&item("Sent from (Origin)", &f.origin));
        body.push_str(&item("Address hash (keyed, per retention period)", &f.ip_hash));
        match &r.payload {
            Some(p) => {
                // Exactly the stored text: it is what the payload hash covers.
                let _ = write!(body, "<dt>Record, as stored and hashed</dt><dd><pre class=\"record\">{}</pre></dd>", esc(p));
                body.push_str(&hash("Salt", r.salt.as_deref().unwrap_or("")));
            }
            None => body.push_str(&item("Record", "erased (its text and salt were removed; an erasure row in the chain accounts for it)")),
        }
        body.push_str(&hash("Payload hash", &f.payload_hash));
        body.push_str(&hash("Previous row's hash", &r.prev_hash));
        body.push_str(&hash("This row's hash", &r.hash));
        let check = match (linked, payload_ok) {
            (true, Some(true)) => "the row's hash and the payload hash recompute from what is stored",
            (true, None) => "the row's hash recomputes; the payload hash cannot, its record being erased",
            _ => "DOES NOT RECOMPUTE: run Integrity to find the first broken row",
        };
        let _ = write!(body, "<dt>Checked here</dt><dd class=\"{}\">{check}</dd>", if linked && payload_ok != Some(false) { "good" } else { "bad" });
        let covered = match head {
            Some(h) => format!("row {} (hash {}…), signed at {}", h.row, h.hash.get(..16).unwrap_or(&h.hash), time(h.signed_at)),
            None => "none yet (without --signing-key, or signed at the next interval)".into(),
        };
        body.push_str(&item("Covered by the signed head at", &covered));
        body.push_str("</dl></section>");
    }
    body.push_str(
        "<section aria-labelledby=\"how\"><h2 id=\"how\">How to check these hashes</h2><p>Payload hash = SHA-256 of the lines \
         <code>crumbs-payload-v2</code>, salt, record. Row hash = SHA-256 of the lines <code>crumbs-row-v2</code>, previous row's hash, row id, \
         kind (<code>record</code>), consent id, seq, status, decided and received times (Unix seconds), origin, address hash, payload hash. \
         Each row's previous hash is the row before it's hash, so a change anywhere breaks every later link; \
         <code>crumbs verify-log --key</code> checks the whole chain and its signed heads.</p></section>",
    );
    who.page(StatusCode::OK, "Proof", "/admin/proof", &body)
}
