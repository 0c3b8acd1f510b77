//! `--www`: the demo sites, served by tower-http's `ServeDir` behind three guards it lacks (no
//! dotfiles, nothing reached through a symlink out of the root, no `//host` paths that a
//! directory redirect would turn into an open redirect) and with the sites' security headers.

use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use std::path::{Path, PathBuf};
use tower::ServiceExt;
use tower_http::services::ServeDir;

/// The policy the sites are served with: crumbs must work under it.
pub const HTML_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; frame-src 'self'; \
     connect-src 'self'; frame-ancestors 'self'; base-uri 'self'; form-action 'self'";

/// SVG opened as a document runs no script and loads nothing.
const SVG_CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

/// Whether `path` (the request's, percent-decoded) may be served from `root`.
fn allowed(root: &Path, path: &str) -> bool {
    if path.starts_with("//") || path.contains('\\') || path.split('/').any(|seg| seg.starts_with('.')) {
        return false;
    }
    // Resolved, the file must still be inside the root (a symlink may point anywhere).
    let target = root.join(path.trim_start_matches('/'));
    match (target.canonicalize(), root.canonicalize()) {
        (Ok(t), Ok(r)) => t.starts_with(r),
        // A missing file is ServeDir's 404 to give.
        (Err(_), _) => true,
        (_, Err(_)) => false,
    }
}

fn not_found() -> Response {
    (StatusCode::NOT_FOUND, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], "not found").into_response()
}

/// Serves one request from `root`.
pub async fn serve(root: PathBuf, req: Request) -> Response {
    let decoded = percent_decode(req.uri().path());
    if !decoded.as_deref().is_some_and(|p| allowed(&root, p)) {
        return not_found();
    }
    let mut resp = match ServeDir::new(&root).oneshot(req).await {
        Ok(r) => r.into_response(),
        Err(e) => match e {},
    };
    let h = resp.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    let kind = h.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
    if kind.starts_with("text/html") {
        h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(HTML_CSP));
    } else if kind.starts_with("image/svg") {
        h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(SVG_CSP));
    }
    resp
}

/// The path percent-decoded; `None` when it is not UTF-8 afterwards.
fn percent_decode(path: &str) -> Option<String> {
    percent_encoding::percent_decode_str(path).decode_utf8().ok().map(|p| p.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guards() {
        let root = std::env::temp_dir().join(format!("crumbs-www-{}", std::process::id()));
        std::fs::create_dir_all(root.join("site")).unwrap();
        std::fs::write(root.join("site/index.html"), "hi").unwrap();
        let _ = std::os::unix::fs::symlink("/etc", root.join("escape"));
        assert!(allowed(&root, "/site/index.html"));
        assert!(allowed(&root, "/missing.html"));
        assert!(!allowed(&root, "/.git/config"));
        assert!(!allowed(&root, "/site/.env"));
        assert!(!allowed(&root, "//evil.example"));
        assert!(!allowed(&root, "/escape/passwd"));
        assert!(!allowed(&root, "/../etc/passwd"));
        assert_eq!(percent_decode("/%2e%2e/x").as_deref(), Some("/../x"));
    }
}
