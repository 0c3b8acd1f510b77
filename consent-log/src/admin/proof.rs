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

/// The versions of the texts shown that these rows name, by hash (`None`: not in the log).
type Shown = Vec<(String, Option<String>)>;

fn read(store: &mut crate::store::Store, id: &str) -> Result<(Vec<ChainRow>, i64, Vec<SignedHead>, Shown), crate::store::StoreError> {
    let rows = store.chain_of(id)?;
    let mut shown: Shown = vec![];
    for hash in rows.iter().filter_map(|r| texts_hash_of(r.payload.as_deref()?)) {
        if !shown.iter().any(|(h, _)| *h == hash) {
            let texts = store.texts_of(&hash)?;
            shown.push((hash, texts));
        }
    }
    Ok((rows, store.last_id()?, store.heads()?, shown))
}

/// A stored record's `textsHash`.
fn texts_hash_of(payload: &str) -> Option<String> {
    let v: serde_json::Value = serde_json::from_str(payload).ok()?;
    Some(v.get("textsHash")?.as_str()?.to_string())
}

/// What the banner said, as the log keeps it: each text, in the order the banner shows them,
/// as text in the record's language, and whether the texts still hash to the record's name for them.
fn shown_html(language: &str, hash: &str, texts: Option<&str>) -> String {
    let Some(stored) = texts else {
        return "<dt>What the banner showed</dt><dd class=\"bad\">NOT IN THE LOG: the record names texts the log does not have (run Integrity)</dd>"
            .into();
    };
    let texts: std::collections::BTreeMap<String, String> = serde_json::from_str(stored).unwrap_or_default();
    let mut out = format!(
        "<dt>What the banner showed, in <span class=\"language\">{}</span></dt><dd><dl class=\"shown\" lang=\"{}\" dir=\"{}\">",
        esc(language),
        esc(language),
        crumbs::texts::direction(language)
    );
    let ordered = crumbs::consent_log::SHOWN_TEXTS.iter().map(|t| t.key()).filter_map(|k| texts.get_key_value(k));
    for (key, text) in ordered {
        let _ = write!(out, "<dt lang=\"en\" dir=\"ltr\"><code>{}</code></dt><dd data-text=\"{}\">{}</dd>", esc(key), esc(key), esc(text));
    }
    out.push_str("</dl></dd>");
    let (class, check) = if crate::record::texts_hash(stored) == hash {
        ("good", "SHA-256 of these texts (canonical JSON, as stored) is the record's textsHash")
    } else {
        ("bad", "DO NOT RECOMPUTE: the stored texts were changed; run Integrity")
    };
    let _ = write!(out, "<dt>Texts checked here</dt><dd class=\"{class}\">{check}</dd>");
    out
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
    let (rows, last, heads, shown) = match with_reader(&state, move |s| read(s, &lookup)).await {
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
                let v: serde_json::Value = serde_json::from_str(p).unwrap_or_default();
                match (v["textsHash"].as_str(), v["language"].as_str()) {
                    (Some(h), language) => {
                        body.push_str(&hash("Texts hash (textsHash)", h));
                        let texts = shown.iter().find(|(x, _)| x == h).and_then(|(_, t)| t.as_deref());
                        body.push_str(&shown_html(language.unwrap_or("en"), h, texts));
                    }
                    (None, _) => {
                        body.push_str(&item("What the banner showed", "not recorded (sent by a crumbs from before records carried their texts)"))
                    }
                }
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
         the record's <code>textsHash</code> is SHA-256 of the texts the banner showed, as one JSON object with sorted keys and no whitespace \
         (RFC 8785), kept once per version and shown above; \
         <code>crumbs verify-log --key</code> checks the whole chain and its signed heads.</p></section>",
    );
    who.page(StatusCode::OK, "Proof", "/admin/proof", &body)
}
