//! The most recent records, newest first, filtered by page, method and revision.

use super::html::{esc, time};
use super::SignedIn;
use crate::server::{with_reader, AppState};
use crate::store::Row;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use crumbs::consent_log::Method;
use std::collections::HashMap;
use std::fmt::Write;
use std::sync::Arc;

/// Records shown at most.
const SHOWN: usize = 50;
/// Rows read at most to find them (a filter that matches little stops here; `sql::RECENT` reads no more).
const SCANNED: usize = 50_000;

/// What the form asks for.
#[derive(Default)]
struct Filter {
    page: String,
    method: String,
    revision: Option<u64>,
}

impl Filter {
    fn matches(&self, v: &serde_json::Value) -> bool {
        (self.page.is_empty() || v["page"].as_str().is_some_and(|p| p.contains(&self.page)))
            && (self.method.is_empty() || v["method"].as_str() == Some(self.method.as_str()))
            && self.revision.is_none_or(|r| v["revision"].as_u64() == Some(r))
    }
}

/// The newest matching records, and whether the scan stopped before the log's start.
fn find(store: &mut crate::store::Store, f: &Filter) -> Result<(Vec<(Row, serde_json::Value)>, bool), crate::store::StoreError> {
    let (mut found, mut scanned) = (vec![], 0);
    let unfiltered = f.page.is_empty() && f.method.is_empty() && f.revision.is_none();
    store.each_recent(&mut |r| {
        scanned += 1;
        let v: serde_json::Value = r.payload.as_deref().and_then(|p| serde_json::from_str(p).ok()).unwrap_or_default();
        if (r.payload.is_none() && unfiltered) || (r.payload.is_some() && f.matches(&v)) {
            found.push((r, v));
        }
        found.len() < SHOWN && scanned < SCANNED
    })?;
    let cut = found.len() < SHOWN && scanned >= SCANNED;
    Ok((found, cut))
}

pub(crate) async fn page(who: SignedIn, State(state): State<Arc<AppState>>, Query(q): Query<HashMap<String, String>>) -> Response {
    let text = |k: &str| q.get(k).map(|v| v.trim().to_string()).unwrap_or_default();
    let mut error = None;
    let revision = match text("revision") {
        r if r.is_empty() => None,
        r => r.parse::<u64>().map_err(|_| error = Some("revision: expected a whole number")).ok(),
    };
    let methods = Method::ALL.map(Method::id);
    let method = text("method");
    if !method.is_empty() && !methods.contains(&method.as_str()) {
        error = Some("method: not a method the log knows");
    }
    let f = Filter { page: text("page"), method, revision };
    let mut body = String::new();
    let options: String = std::iter::once(("", "any"))
        .chain(methods.iter().map(|m| (*m, *m)))
        .map(|(v, label)| format!("<option value=\"{v}\"{}>{label}</option>", if v == f.method { " selected" } else { "" }))
        .collect();
    let _ = write!(
        body,
        "<form method=\"get\" action=\"/admin/records\" class=\"range\">\
         <label for=\"page\">Page contains</label><input id=\"page\" name=\"page\" type=\"text\" value=\"{}\">\
         <label for=\"method\">Method</label><select id=\"method\" name=\"method\">{options}</select>\
         <label for=\"revision\">Revision</label><input id=\"revision\" name=\"revision\" type=\"number\" min=\"0\" value=\"{}\">\
         <button type=\"submit\">Filter</button></form>",
        esc(&f.page),
        f.revision.map(|r| r.to_string()).unwrap_or_default()
    );
    if let Some(e) = error {
        let _ = write!(body, "<p role=\"alert\" class=\"notice bad\">{e}</p>");
        return who.page(StatusCode::BAD_REQUEST, "Records", "/admin/records", &body);
    }
    let (found, cut) = match with_reader(&state, move |s| find(s, &f)).await {
        Ok(r) => r,
        Err(e) => return super::unavailable(&who, "/admin/records", &e),
    };
    let _ = write!(
        body,
        "<p class=\"summary\"><span id=\"shown\">{}</span> records, newest first{}.</p>",
        found.len(),
        if cut { format!("; only the last {SCANNED} rows were searched") } else { String::new() }
    );
    body.push_str(
        "<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Records table\"><table id=\"records\"><thead><tr>\
         <th scope=\"col\">Received</th><th scope=\"col\">Consent id</th><th scope=\"col\">Seq</th><th scope=\"col\">Method</th>\
         <th scope=\"col\">Revision</th><th scope=\"col\">Granted</th><th scope=\"col\">Page</th><th scope=\"col\">Status</th></tr></thead><tbody>",
    );
    for (r, v) in &found {
        let s = |k: &str| v[k].as_str().unwrap_or("").to_string();
        let granted = v["granted"].as_array().map(|a| a.iter().filter_map(|x| x.as_str()).collect::<Vec<_>>().join(" ")).unwrap_or_default();
        let (method, revision) = if r.payload.is_none() { ("erased".to_string(), String::new()) } else { (s("method"), v["revision"].to_string()) };
        let _ = write!(
            body,
            "<tr><td>{}</td><td><a href=\"/admin/proof?id={id}\">{id}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            time(r.received_at),
            r.seq,
            esc(&method),
            esc(&revision),
            esc(&granted),
            esc(&s("page")),
            esc(&r.status),
            id = esc(&r.consent_id),
        );
    }
    body.push_str("</tbody></table></div>");
    who.page(StatusCode::OK, "Records", "/admin/records", &body)
}
