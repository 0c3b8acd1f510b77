//! The consent-log server for real: on 127.0.0.1, with a real SQLite file, over HTTP.

#[path = "support/http_client.rs"]
mod http_client;

use crumbs_consent_log::server::{start, Options};
use http_client::http;
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
        admin_token_file: None,
        admin_token: Some(TOKEN.into()),
        retain_days: None,
        rate_limit: rate,
        trust_proxy: false,
        max_connections: 512,
        signing_key: None,
        sign_every: 60,
        heads_file: None,
        admin_session_secs: 3600,
        www: None,
    }
}

fn record(id: &str, seq: u32, method: &str) -> String {
    format!(
        r#"{{"consentId":"{id}","seq":{seq},"decidedAt":"2026-01-02T10:00:00Z","revision":3,"granted":["necessary","performance"],"refused":["functionality","targeting"],"method":"{method}","language":"en","page":"https://site.example/contact"}}"#
    )
}

const ID: &str = "0f8b6c1e-3c1a-4e55-9a43-2d3f7c1b9e21";
/// What the browser sends with every record: text/plain, from the site's origin.
const SITE: &[(&str, &str)] = &[("Content-Type", "text/plain;charset=UTF-8"), ("Origin", ORIGIN)];

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
        let (st, head, _) = http(a, "POST", "/v1/consents", SITE, batch.as_bytes());
        assert_eq!(st, 201);
        assert!(head.contains("access-control-allow-origin: https://site.example"), "{head}");
        assert!(head.contains("x-content-type-options: nosniff"), "{head}");
        assert_eq!(http(a, "POST", "/v1/consents", SITE, batch.as_bytes()).0, 200, "idempotent retry");
        // Another record under a stored seq is kept, flagged, and never refused for good.
        let (st, _, body) = http(a, "POST", "/v1/consents", SITE, record(ID, 2, "custom").as_bytes());
        assert_eq!((st, body.as_str()), (201, r#"{"duplicates":0,"flagged":1,"stored":0}"#));
        let (st, head, _) = http(a, "OPTIONS", "/v1/consents", &[("Origin", ORIGIN), ("Access-Control-Request-Method", "POST")], b"");
        assert!(st == 200 && head.contains("access-control-allow-methods"), "{st} {head}");
        // Errors name the field.
        let (st, _, body) = http(a, "POST", "/v1/consents", SITE, record(ID, 0, "accept_all").as_bytes());
        assert_eq!((st, body.as_str()), (400, r#"{"error":".seq: expected a whole number ≥ 1"}"#));
        assert_eq!(http(a, "POST", "/v1/consents", SITE, b"not json").0, 400);
        assert_eq!(http(a, "POST", "/v1/consents", SITE, &vec![b' '; crumbs_consent_log::server::MAX_BODY + 1]).0, 413);
        let form = [("Content-Type", "application/x-www-form-urlencoded"), ("Origin", ORIGIN)];
        assert_eq!(http(a, "POST", "/v1/consents", &form, record(ID, 3, "custom").as_bytes()).0, 415);
        // Admin: history, export, erasure.
        assert_eq!(http(a, "GET", &format!("/v1/consents/{ID}"), &[], b"").0, 401);
        assert_eq!(http(a, "GET", &format!("/v1/consents/{ID}"), &[("Authorization", "Bearer wrong-token-0123456789ab")], b"").0, 401);
        let (st, _, body) = http(a, "GET", &format!("/v1/consents/{ID}"), &[auth], b"");
        assert_eq!(st, 200);
        let hist: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(hist.as_array().unwrap().len(), 3);
        assert_eq!((&hist[1]["method"], &hist[1]["status"]), (&"withdraw".into(), &"ok".into()));
        assert_eq!(hist[2]["status"], "conflict");
        let (st, head, body) = http(a, "GET", "/v1/consents?format=csv&from=2020-01-01T00:00:00Z", &[auth], b"");
        assert!(st == 200 && head.contains("text/csv"), "{st}");
        assert_eq!(body.lines().count(), 4, "the flagged record is exported with its status");
        assert!(body.lines().nth(1).unwrap().contains(",accept_all,necessary performance,functionality targeting,"), "{body}");
        assert!(body.lines().nth(3).unwrap().ends_with(",conflict,https://site.example,,"), "no texts, no texts_hash, no regime: {body}");
        // The US opt-out, under its regime: its own method, the regime in the export.
        const US: &str = "2f8b6c1e-3c1a-4e55-9a43-2d3f7c1b9e21";
        let opt_out = record(US, 1, "do_not_sell").replace(r#""page""#, r#""regime":"us-opt-out","page""#);
        assert_eq!(http(a, "POST", "/v1/consents", SITE, opt_out.as_bytes()).0, 201);
        let (_, _, body) = http(a, "GET", "/v1/consents?format=csv&from=2020-01-01T00:00:00Z", &[auth], b"");
        assert!(body.lines().next().unwrap().ends_with(",texts_hash,regime"), "{body}");
        assert!(body.lines().any(|l| l.contains(US) && l.contains(",do_not_sell,") && l.ends_with(",ok,https://site.example,,us-opt-out")), "{body}");
        let (_, _, nd) = http(a, "GET", "/v1/consents", &[auth], b"");
        assert_eq!(nd.lines().count(), 4, "three records of one visitor, one of another");
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
        (1..=8).map(|i| http(a, "POST", "/v1/consents", SITE, record(ID, i, "api").as_bytes()).0).collect::<Vec<_>>()
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
    let (st, _, body) = tokio::task::spawn_blocking(move || http(a, "POST", "/v1/consents", SITE, record(ID, 1, "api").as_bytes())).await.unwrap();
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
        s.write_all(b"POST /v1/consents HTTP/1.1\r\nHost: x\r\nOrigin: https://site.example\r\nContent-Type: text/plain\r\nContent-Length: 500\r\n\r\n{\"consentId\":").unwrap();
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
    let (page, redirect, traversal, missing, open_redirect, dotfile) = tokio::task::spawn_blocking(move || {
        (
            http(a, "GET", "/sites/charity/", &[], b""),
            http(a, "GET", "/sites/charity", &[], b""),
            http(a, "GET", "/../Cargo.toml", &[], b"").0,
            http(a, "GET", "/nope.html", &[], b"").0,
            http(a, "GET", "//sites", &[], b""),
            http(a, "GET", "/sites/.hidden", &[], b"").0,
        )
    })
    .await
    .unwrap();
    assert_eq!(page.0, 200);
    assert!(page.1.contains("content-security-policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval'"), "{}", page.1);
    assert!(page.1.contains("frame-ancestors 'self'; base-uri 'self'; form-action 'self'"), "{}", page.1);
    assert!(page.1.contains("x-content-type-options: nosniff"), "{}", page.1);
    assert!(page.2.contains("/crumbs/crumbs.js"));
    assert!(matches!(redirect.0, 301 | 307 | 308) && redirect.1.contains("location: /sites/charity/"), "{redirect:?}");
    assert_eq!(missing, 404);
    assert!(traversal == 403 || traversal == 404, "{traversal}");
    assert!(open_redirect.0 == 404 && !open_redirect.1.contains("location:"), "GET //x must not redirect off-site: {open_redirect:?}");
    assert_eq!(dotfile, 404);
    tokio::time::timeout(std::time::Duration::from_secs(5), srv.stop()).await.expect("shutdown finishes");
}

/// The review's forgery: another origin posts seq 2–31 under the visitor's consent id.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forged_decisions_from_another_origin_are_refused_and_the_visitors_choice_arrives() {
    let srv = start(options("forgery", 1000.0)).await.unwrap();
    let a = srv.addr;
    let res = tokio::task::spawn_blocking(move || {
        assert_eq!(http(a, "POST", "/v1/consents", SITE, record(ID, 1, "reject_all").as_bytes()).0, 201);
        for seq in 2..=31 {
            let evil = [("Content-Type", "text/plain;charset=UTF-8"), ("Origin", "https://evil.example")];
            let (st, head, _) = http(a, "POST", "/v1/consents", &evil, record(ID, seq, "accept_all").as_bytes());
            assert_eq!(st, 403, "seq {seq}");
            assert!(!head.contains("access-control-allow-origin"));
            // Without an Origin (a script outside any browser) it is refused too.
            assert_eq!(http(a, "POST", "/v1/consents", &[("Content-Type", "text/plain")], record(ID, seq, "accept_all").as_bytes()).0, 403);
        }
        // The site's origin, but a record claiming another site's page.
        let other_page = record(ID, 2, "accept_all").replace("https://site.example/contact", "https://evil.example/");
        let (st, _, body) = http(a, "POST", "/v1/consents", SITE, other_page.as_bytes());
        assert_eq!((st, body.as_str()), (403, r#"{"error":"[0].page: not on the origin that sent it"}"#));
        // The visitor's real second decision is stored as theirs.
        assert_eq!(http(a, "POST", "/v1/consents", SITE, record(ID, 2, "custom").as_bytes()).0, 201);
        let (_, _, body) = http(a, "GET", &format!("/v1/consents/{ID}"), &[("Authorization", "Bearer test-admin-token-0123456789")], b"");
        let hist: serde_json::Value = serde_json::from_str(&body).unwrap();
        let rows: Vec<(String, String)> =
            hist.as_array().unwrap().iter().map(|r| (r["method"].as_str().unwrap().into(), r["status"].as_str().unwrap().into())).collect();
        assert_eq!(rows, [("reject_all".to_string(), "ok".to_string()), ("custom".into(), "ok".into())]);
    })
    .await;
    srv.stop().await;
    res.unwrap();
}

/// A script on the site's own page can post as the site; what it cannot do is make the
/// visitor's own record vanish: that one is kept, flagged beside the forged one.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_same_origin_forgery_never_suppresses_the_real_record() {
    let srv = start(options("same-origin", 1000.0)).await.unwrap();
    let a = srv.addr;
    let res = tokio::task::spawn_blocking(move || {
        assert_eq!(http(a, "POST", "/v1/consents", SITE, record(ID, 1, "reject_all").as_bytes()).0, 201);
        for seq in 2..=5 {
            assert_eq!(http(a, "POST", "/v1/consents", SITE, record(ID, seq, "accept_all").as_bytes()).0, 201);
        }
        let real = format!("[{},{}]", record(ID, 2, "reject_all").replace("\"revision\":3", "\"revision\":4"), record(ID, 3, "custom"));
        let (st, _, body) = http(a, "POST", "/v1/consents", SITE, real.as_bytes());
        assert_eq!((st, body.as_str()), (201, r#"{"duplicates":0,"flagged":2,"stored":0}"#), "stored, never a final refusal");
    })
    .await;
    srv.stop().await;
    res.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn behind_the_proxy_each_visitor_has_a_bucket_of_their_own() {
    let post = |a: SocketAddr, i: u32, from: &str| {
        let h = [("Content-Type", "text/plain"), ("Origin", ORIGIN), ("X-Forwarded-For", from)];
        http(a, "POST", "/v1/consents", &h, record(&format!("{}{i:02}", &ID[..34]), 1, "api").as_bytes()).0
    };
    for trust in [false, true] {
        let mut o = options(if trust { "proxy-trusted" } else { "proxy" }, 2.0);
        o.trust_proxy = trust;
        let srv = start(o).await.unwrap();
        let a = srv.addr;
        let statuses =
            tokio::task::spawn_blocking(move || (0..8).map(|i| post(a, i, &format!("203.0.113.{}", i % 2))).collect::<Vec<_>>()).await.unwrap();
        srv.stop().await;
        if trust {
            assert!(statuses.iter().all(|s| *s == 201), "two visitors, four requests each, within their bursts: {statuses:?}");
        } else {
            assert!(statuses.contains(&429), "the proxy's one address shares one bucket: {statuses:?}");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_admin_tokens_are_rate_limited() {
    let srv = start(options("admin-rate", 1000.0)).await.unwrap();
    let a = srv.addr;
    let statuses = tokio::task::spawn_blocking(move || {
        (0..30).map(|i| http(a, "GET", "/v1/consents", &[("Authorization", &format!("Bearer guess-{i:020}"))], b"").0).collect::<Vec<_>>()
    })
    .await
    .unwrap();
    srv.stop().await;
    assert_eq!(statuses[0], 401);
    assert!(statuses.iter().skip(20).all(|s| *s == 429), "{statuses:?}");
}

/// Idle and half-sent connections are closed at the header timeout; the connection limit
/// holds new ones back until then, and a stop does not wait for them past its deadline.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_clients_are_closed_and_cannot_hold_the_server() {
    let mut o = options("slowloris", 1000.0);
    o.max_connections = 4;
    let srv = start(o).await.unwrap();
    let a = srv.addr;
    let (closed_after, healthz_after) = tokio::task::spawn_blocking(move || {
        let started = std::time::Instant::now();
        let mut slow: Vec<TcpStream> = (0..4).map(|_| TcpStream::connect(a).unwrap()).collect();
        slow[0].write_all(b"POST /v1/consents HTTP/1.1\r\nHost: x\r\n").unwrap();
        slow[1].write_all(b"GET /healthz HTTP/1.1\r\nX-Slow: ").unwrap();
        // A fifth client waits for a slot: it gets one once the slow ones are closed.
        let fifth = std::thread::spawn(move || {
            let (st, _, _) = http(a, "GET", "/healthz", &[], b"");
            (st, started.elapsed())
        });
        for s in &mut slow {
            s.set_read_timeout(Some(std::time::Duration::from_secs(30))).unwrap();
            let mut buf = Vec::new();
            let _ = s.read_to_end(&mut buf);
        }
        (started.elapsed(), fifth.join().unwrap())
    })
    .await
    .unwrap();
    assert!(closed_after.as_secs() >= 9 && closed_after.as_secs() < 16, "closed after {closed_after:?}");
    assert_eq!(healthz_after.0, 200);
    assert!(healthz_after.1.as_secs() >= 9, "the limit held the fifth connection back: {:?}", healthz_after.1);
    // A connection left open does not hold the stop past its deadline.
    let idle = TcpStream::connect(a).unwrap();
    let t = std::time::Instant::now();
    tokio::time::timeout(std::time::Duration::from_secs(8), srv.stop()).await.expect("the stop meets its deadline");
    assert!(t.elapsed().as_secs() < 8);
    drop(idle);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signed_heads_let_verify_log_catch_a_cut_tail() {
    let dir = std::env::temp_dir().join(format!("crumbs-keys-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let bin = env!("CARGO_BIN_EXE_crumbs-consent-log");
    let secret = dir.join("head.key");
    let out = std::process::Command::new(bin).args(["log-keygen", "--out"]).arg(&secret).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let public = String::from_utf8(out.stdout).unwrap().trim().to_string();
    let heads = dir.join("heads.txt");
    let mut o = options("signed", 1000.0);
    o.signing_key = Some(secret.to_string_lossy().into());
    o.heads_file = Some(heads.to_string_lossy().into());
    let db = o.db.clone();
    let srv = start(o).await.unwrap();
    let a = srv.addr;
    tokio::task::spawn_blocking(move || {
        let batch = format!("[{},{}]", record(ID, 1, "accept_all"), record(ID, 2, "withdraw"));
        assert_eq!(http(a, "POST", "/v1/consents", SITE, batch.as_bytes()).0, 201);
    })
    .await
    .unwrap();
    srv.stop().await; // signs the head
    let verify = |extra: &[&str]| {
        let out = std::process::Command::new(bin).args(["verify-log", "--db", &db, "--key", &public]).args(extra).output().unwrap();
        (out.status.success(), String::from_utf8_lossy(&out.stdout).into_owned())
    };
    let (ok, said) = verify(&["--heads-file", heads.to_str().unwrap()]);
    // The head signed at the stop: once in the log, once in the heads file.
    assert!(ok && said.contains("2 signed heads hold; 0 rows after"), "{said}");
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute("DELETE FROM consents WHERE id = 2", []).unwrap();
    conn.execute("DELETE FROM heads", []).unwrap();
    drop(conn);
    let (ok, said) = verify(&[]);
    assert!(!ok, "{said}");
    let (ok, said) = verify(&["--heads-file", heads.to_str().unwrap()]);
    assert!(!ok && said.contains("gone"), "{said}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_admin_token_comes_from_a_file_or_the_environment_never_argv() {
    let mut o = options("token", 1000.0);
    o.admin_token = None;
    let f = std::env::temp_dir().join(format!("crumbs-token-{}", std::process::id()));
    std::fs::write(&f, "short\n").unwrap();
    o.admin_token_file = Some(f.clone());
    assert!(start(o.clone()).await.err().unwrap().to_string().contains("at least 16 characters"));
    std::fs::write(&f, "file-token-0123456789\n").unwrap();
    let srv = start(o).await.unwrap();
    let a = srv.addr;
    let st = tokio::task::spawn_blocking(move || {
        http(a, "GET", &format!("/v1/consents/{ID}"), &[("Authorization", "Bearer file-token-0123456789")], b"").0
    })
    .await
    .unwrap();
    srv.stop().await;
    assert_eq!(st, 404, "authorised: no records yet");
    let help = std::process::Command::new(env!("CARGO_BIN_EXE_crumbs-consent-log")).args(["serve", "--help"]).output().unwrap();
    let help = String::from_utf8_lossy(&help.stdout);
    assert!(help.contains("--admin-token-file") && !help.contains("--admin-token <"), "{help}");
}
