//! The consent-log server for real: on 127.0.0.1, with a real SQLite file, over HTTP.

use crumbs_consent_log::server::{start, Options};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};

const TOKEN: &str = "test-admin-token-0123456789";
const ORIGIN: &str = "https://site.example";

fn options(name: &str, rate: f64) -> Options {
    let db = std::env::temp_dir().join(format!("crumbs-server-{}-{name}.sqlite", std::process::id()));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    Options {
        db: db.to_string_lossy().into_owned(),
        listen: "127.0.0.1:0".parse().unwrap(),
        origins: vec![ORIGIN.into()],
        admin_token: TOKEN.into(),
        retain_days: None,
        rate_limit: rate,
        www: None,
    }
}

/// One HTTP/1.1 request; returns (status, headers lower-cased, body).
fn http(addr: SocketAddr, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> (u16, String, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    let mut req = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n", body.len());
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    s.write_all(req.as_bytes()).unwrap();
    s.write_all(body).unwrap();
    let mut out = Vec::new();
    s.read_to_end(&mut out).unwrap();
    let text = String::from_utf8_lossy(&out).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let head = head.to_lowercase();
    let body = if head.contains("transfer-encoding: chunked") { dechunk(body) } else { body.to_string() };
    (status, head, body)
}

/// Decodes an HTTP/1.1 chunked body (streamed exports are sent that way).
fn dechunk(mut s: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = s.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 {
            break;
        }
        out.push_str(&rest[..n]);
        s = &rest[n + 2..];
    }
    out
}

fn record(id: &str, seq: u32, method: &str) -> String {
    format!(
        r#"{{"consentId":"{id}","seq":{seq},"decidedAt":"2026-01-02T10:00:00Z","revision":3,"granted":["necessary","performance"],"refused":["functionality","targeting"],"method":"{method}","language":"en","page":"https://site.example/contact"}}"#
    )
}

const ID: &str = "0f8b6c1e-3c1a-4e55-9a43-2d3f7c1b9e21";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stores_once_proves_exports_and_erases() {
    let o = options("main", 1000.0);
    let db = o.db.clone();
    let srv = start(o).await.unwrap();
    let a = srv.addr;
    let res = tokio::task::spawn_blocking(move || {
        let auth = ("Authorization", "Bearer test-admin-token-0123456789");
        assert_eq!(http(a, "GET", "/healthz", &[], b"").0, 200);
        // The browser posts a batch as text/plain (no preflight); a retry is stored once.
        let batch = format!("[{},{}]", record(ID, 1, "accept_all"), record(ID, 2, "withdraw"));
        let (st, head, _) = http(a, "POST", "/v1/consents", &[("Content-Type", "text/plain;charset=UTF-8"), ("Origin", ORIGIN)], batch.as_bytes());
        assert_eq!(st, 201);
        assert!(head.contains("access-control-allow-origin: https://site.example"), "{head}");
        assert_eq!(http(a, "POST", "/v1/consents", &[], batch.as_bytes()).0, 200, "idempotent retry");
        assert_eq!(http(a, "POST", "/v1/consents", &[], record(ID, 2, "custom").as_bytes()).0, 409);
        // Other origins get no CORS headers.
        let (_, head, _) = http(a, "POST", "/v1/consents", &[("Origin", "https://evil.example")], record(ID, 1, "accept_all").as_bytes());
        assert!(!head.contains("access-control-allow-origin"));
        let (st, head, _) = http(a, "OPTIONS", "/v1/consents", &[("Origin", ORIGIN), ("Access-Control-Request-Method", "POST")], b"");
        assert!(st == 204 && head.contains("access-control-allow-methods"), "{st} {head}");
        // Errors name the field.
        let (st, _, body) = http(a, "POST", "/v1/consents", &[], record(ID, 0, "accept_all").as_bytes());
        assert_eq!((st, body.as_str()), (400, r#"{"error":".seq: expected a whole number ≥ 1"}"#));
        assert_eq!(http(a, "POST", "/v1/consents", &[], b"not json").0, 400);
        assert_eq!(http(a, "POST", "/v1/consents", &[], &vec![b' '; 9000]).0, 413);
        // Admin: history, export, erasure.
        assert_eq!(http(a, "GET", &format!("/v1/consents/{ID}"), &[], b"").0, 401);
        assert_eq!(http(a, "GET", &format!("/v1/consents/{ID}"), &[("Authorization", "Bearer wrong-token-0123456789ab")], b"").0, 401);
        let (st, _, body) = http(a, "GET", &format!("/v1/consents/{ID}"), &[auth], b"");
        assert_eq!(st, 200);
        let hist: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(hist.as_array().unwrap().len(), 2);
        assert_eq!(hist[1]["method"], "withdraw");
        let (st, head, body) = http(a, "GET", "/v1/consents?format=csv&from=2020-01-01T00:00:00Z", &[auth], b"");
        assert!(st == 200 && head.contains("text/csv"), "{st}");
        assert_eq!(body.lines().count(), 3);
        assert!(body.lines().nth(1).unwrap().contains(",accept_all,necessary performance,functionality targeting,"), "{body}");
        let (_, _, nd) = http(a, "GET", "/v1/consents", &[auth], b"");
        assert_eq!(nd.lines().count(), 2);
        assert_eq!(http(a, "DELETE", &format!("/v1/consents/{ID}"), &[auth], b"").0, 200);
        let (_, _, body) = http(a, "GET", &format!("/v1/consents/{ID}"), &[auth], b"");
        assert!(body.contains("\"erased\":true") && !body.contains("performance"), "{body}");
        assert_eq!(http(a, "DELETE", "/v1/consents/1f8b6c1e-3c1a-4e55-9a43-2d3f7c1b9e21", &[auth], b"").0, 404);
    })
    .await;
    srv.stop().await;
    res.unwrap();
    // After erasure the chain still verifies.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_crumbs-consent-log")).args(["verify-log", "--db", &db]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rate_limited_per_address() {
    let srv = start(options("rate", 2.0)).await.unwrap();
    let a = srv.addr;
    let statuses = tokio::task::spawn_blocking(move || {
        (1..=8).map(|i| http(a, "POST", "/v1/consents", &[], record(ID, i, "api").as_bytes()).0).collect::<Vec<_>>()
    })
    .await
    .unwrap();
    srv.stop().await;
    assert!(statuses.iter().take(4).all(|s| *s == 201), "{statuses:?}");
    assert!(statuses.contains(&429), "{statuses:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_write_gets_503_never_a_2xx() {
    let o = options("fail", 1000.0);
    let db = o.db.clone();
    // Stand-in for a full disk: every insert into the log aborts inside SQLite.
    crumbs_consent_log::store::Store::open(&db).unwrap();
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch("CREATE TRIGGER full_disk BEFORE INSERT ON consents BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;").unwrap();
    drop(conn);
    let srv = start(o).await.unwrap();
    let a = srv.addr;
    let (st, _, body) = tokio::task::spawn_blocking(move || http(a, "POST", "/v1/consents", &[], record(ID, 1, "api").as_bytes())).await.unwrap();
    srv.stop().await;
    assert_eq!(st, 503, "{body}");
    let n: i64 = rusqlite::Connection::open(&db).unwrap().query_row("SELECT count(*) FROM consents", [], |r| r.get(0)).unwrap();
    assert_eq!(n, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stalled_client_gets_408_and_nothing_is_stored() {
    let srv = start(options("slow", 1000.0)).await.unwrap();
    let a = srv.addr;
    let (st, elapsed) = tokio::task::spawn_blocking(move || {
        let started = std::time::Instant::now();
        let mut s = TcpStream::connect(a).unwrap();
        s.write_all(b"POST /v1/consents HTTP/1.1\r\nHost: x\r\nContent-Length: 500\r\n\r\n{\"consentId\":").unwrap();
        let mut out = String::new();
        let _ = s.read_to_string(&mut out);
        (out.split(' ').nth(1).and_then(|s| s.parse::<u16>().ok()).unwrap_or(0), started.elapsed())
    })
    .await
    .unwrap();
    srv.stop().await;
    assert_eq!(st, 408);
    assert!(elapsed.as_secs() >= 9 && elapsed.as_secs() < 20, "{elapsed:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serves_the_sites_with_the_strict_policy_and_retention_does_not_block_shutdown() {
    let mut o = options("www", 1000.0);
    o.www = Some(concat!(env!("CARGO_MANIFEST_DIR"), "/../www").into());
    o.retain_days = Some(30);
    let srv = start(o).await.unwrap();
    let a = srv.addr;
    let (page, redirect, traversal, missing) = tokio::task::spawn_blocking(move || {
        (
            http(a, "GET", "/sites/charity/", &[], b""),
            http(a, "GET", "/sites/charity", &[], b"").0,
            http(a, "GET", "/../Cargo.toml", &[], b"").0,
            http(a, "GET", "/nope.html", &[], b"").0,
        )
    })
    .await
    .unwrap();
    assert_eq!(page.0, 200);
    assert!(page.1.contains("content-security-policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval'"), "{}", page.1);
    assert!(page.2.contains("/crumbs/crumbs.js"));
    assert_eq!((redirect, missing), (301, 404));
    assert!(traversal == 403 || traversal == 404, "{traversal}");
    tokio::time::timeout(std::time::Duration::from_secs(5), srv.stop()).await.expect("shutdown finishes");
}
