//! The dashboard's HTML: every value from the log is escaped (rendered as text), and every page
//! is sent with a strict policy: scripts and styles from /admin/assets/ only, nothing inline.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use time::format_description::well_known::Rfc3339;

/// The dashboard's Content-Security-Policy.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; \
     form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// Text made safe for HTML content and attribute values (the core's one escaper).
pub use crumbs::html::escape_html as esc;

/// Unix seconds as RFC 3339 UTC.
pub fn time(secs: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(secs).ok().and_then(|t| t.format(&Rfc3339).ok()).unwrap_or_else(|| secs.to_string())
}

/// The dashboard's sections, as the navigation lists them.
pub const SECTIONS: [(&str, &str); 6] = [
    ("/admin/", "Overview"),
    ("/admin/records", "Records"),
    ("/admin/proof", "Proof"),
    ("/admin/integrity", "Integrity"),
    ("/admin/export", "Export"),
    ("/admin/erase", "Erasure"),
];

/// A page of the signed-in dashboard: navigation, sign-out (with the CSRF token) and `body`.
pub fn page(title: &str, current: &str, csrf: &str, body: &str) -> String {
    let nav: String = SECTIONS
        .iter()
        .map(|(href, name)| {
            let cur = if *href == current { " aria-current=\"page\"" } else { "" };
            format!("<li><a href=\"{href}\"{cur}>{name}</a></li>")
        })
        .collect();
    let header = format!(
        "<header class=\"top\"><p class=\"brand\">crumbs consent log</p><nav aria-label=\"Dashboard\"><ul>{nav}</ul></nav>\
         <form method=\"post\" action=\"/admin/logout\" class=\"signout\">{}<button type=\"submit\">Sign out</button></form></header>",
        csrf_field(csrf)
    );
    document(title, &header, body)
}

/// A whole document around `header` and `body`.
pub fn document(title: &str, header: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{t} · crumbs consent log</title><link rel=\"icon\" href=\"/admin/assets/favicon.svg\"><link rel=\"stylesheet\" href=\"/admin/assets/admin.css\">\
         <script src=\"/admin/assets/admin.js\" defer></script></head><body><a class=\"skip\" href=\"#main\">Skip to content</a>{header}\
         <main id=\"main\" tabindex=\"-1\"><h1>{t}</h1>{body}</main></body></html>",
        t = esc(title)
    )
}

/// The hidden field that carries the session's CSRF token.
pub fn csrf_field(csrf: &str) -> String {
    format!("<input type=\"hidden\" name=\"csrf\" value=\"{}\">", esc(csrf))
}

/// Sets the headers every dashboard answer carries: the policy, no caching, no referrer, no framing.
pub fn protect(resp: &mut Response) {
    let h = resp.headers_mut();
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
}

/// An HTML answer with the dashboard's headers.
pub fn respond(status: StatusCode, html: String) -> Response {
    let mut resp = (status, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response();
    protect(&mut resp);
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_data_is_text() {
        assert_eq!(esc("<script>alert('x')</script>&\""), "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;");
        assert_eq!(time(0), "1970-01-01T00:00:00Z");
        let p = page("A <b>", "/admin/", "t\"", "");
        assert!(p.contains("<title>A &lt;b&gt; ·") && p.contains("value=\"t&quot;\""), "{p}");
        assert!(!p.contains("style="), "no inline style");
    }
}
