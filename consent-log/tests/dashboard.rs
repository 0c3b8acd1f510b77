//! The dashboard (/admin/) over real HTTP, on a SQLite file and on a real PostgreSQL: sign-in,
//! sessions and CSRF, and the numbers each page shows for a log seeded with known rates.

#[path = "support/temp_postgres.rs"]
mod temp_postgres;

#[path = "support/http_client.rs"]
mod http_client;

use crumbs_consent_log::server::{start, Options};
use http_client::http;
use std::net::SocketAddr;

const TOKEN: &str = "test-admin-token-0123456789";
const ORIGIN: &str = "https://site.example";
const SITE: &[(&str, &str)] = &[("Content-Type", "text/plain;charset=UTF-8"), ("Origin", ORIGIN)];
const FORM: (&str, &str) = ("Content-Type", "application/x-www-form-urlencoded");
/// How long a session lasts here: the expiry test waits it out.
const SESSION_SECS: u64 = 2;

fn options(db: String) -> Options {
    Options {
        db,
        listen: "127.0.0.1:0".parse().unwrap(),
        origins: vec![ORIGIN.into()],
        admin_token_file: None,
        admin_token: Some(TOKEN.into()),
        retain_days: None,
        rate_limit: 1000.0,
        trust_proxy: true,
        max_connections: 512,
        signing_key: None,
        sign_every: 60,
        heads_file: None,
        admin_session_secs: SESSION_SECS,
        www: None,
    }
}

fn id(i: u32) -> String {
    format!("{i:08x}-0000-4000-8000-{i:012x}")
}

/// `YYYY-MM-DD` of `days` ago (UTC).
fn day(days_ago: i64) -> String {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    let d = time::OffsetDateTime::from_unix_timestamp(now - days_ago * 86_400).unwrap().date();
    format!("{:04}-{:02}-{:02}", d.year(), d.month() as u8, d.day())
}

fn record(id: &str, seq: u32, day: &str, method: &str, granted: &[&str], revision: u32, page: &str) -> String {
    let refused: Vec<&str> = ["performance", "functionality", "targeting"].into_iter().filter(|c| !granted.contains(c)).collect();
    let mut g = vec!["necessary"];
    g.extend_from_slice(granted);
    serde_json::json!({"consentId": id, "seq": seq, "decidedAt": format!("{day}T10:00:00Z"), "revision": revision, "granted": g,
        "refused": refused, "method": method, "language": "en", "page": format!("https://site.example{page}")})
    .to_string()
}

/// Twelve decisions with known shares (two days), one flagged record, one page with markup in it.
fn seed(a: SocketAddr) {
    let (d2, d1) = (day(2), day(1));
    let all = ["performance", "functionality", "targeting"];
    let mut batch = vec![];
    let mut n = 0;
    let mut add = |day: &str, method: &str, granted: &[&str], revision: u32, page: &str| {
        n += 1;
        batch.push(record(&id(n), 1, day, method, granted, revision, page));
    };
    for _ in 0..4 {
        add(&d2, "accept_all", &all, 3, "/");
    }
    for _ in 0..3 {
        add(&d2, "reject_all", &[], 3, "/pricing");
    }
    for _ in 0..2 {
        add(&d2, "custom", &["performance"], 4, "/pricing");
    }
    add(&d2, "gpc", &["functionality"], 4, "/a<b>\"x\"");
    add(&d1, "accept_all", &all, 4, "/");
    add(&d1, "reject_all", &[], 4, "/");
    let (st, _, body) = http(a, "POST", "/v1/consents", SITE, format!("[{}]", batch.join(",")).as_bytes());
    assert_eq!(st, 201, "{body}");
    // Another record under a stored seq: kept, flagged, and left out of the overview's counts.
    let (st, _, body) = http(a, "POST", "/v1/consents", SITE, record(&id(1), 1, &d2, "reject_all", &[], 3, "/").as_bytes());
    assert_eq!((st, body.as_str()), (201, r#"{"duplicates":0,"flagged":1,"stored":0}"#));
}

/// Signs in: the session cookie (`crumbs_admin=…`) and the Set-Cookie line.
fn sign_in(a: SocketAddr, extra: &[(&str, &str)]) -> (String, String) {
    let mut h = vec![FORM];
    h.extend_from_slice(extra);
    let (st, head, _) = http(a, "POST", "/admin/login", &h, format!("token={TOKEN}").as_bytes());
    assert_eq!(st, 303, "{head}");
    assert!(head.contains("location: /admin/"), "{head}");
    let line = head.lines().find(|l| l.starts_with("set-cookie: ")).expect("a session cookie").trim_start_matches("set-cookie: ").to_string();
    let cookie = line.split(';').next().unwrap().to_string();
    (cookie, line)
}

fn csrf_of(page: &str) -> String {
    let at = page.find("name=\"csrf\" value=\"").expect("a CSRF field") + 19;
    page[at..at + 64].to_string()
}

fn row(cells: &[&str]) -> String {
    let (head, rest) = cells.split_first().unwrap();
    format!("<tr><th scope=\"row\">{head}</th>{}</tr>", rest.iter().map(|c| format!("<td>{c}</td>")).collect::<String>())
}

/// Every check, against one server on `db`; `tamper` edits row 3's record behind the server's back.
/// `count` asks the database for one number behind the server's back.
fn scenario(a: SocketAddr, tamper: &dyn Fn(&str), count: &dyn Fn(&str) -> i64) {
    seed(a);
    // Signed out: every page sends you to sign in; a wrong token is refused.
    let (st, head, _) = http(a, "GET", "/admin/", &[], b"");
    assert!(st == 303 && head.contains("location: /admin/login"), "{head}");
    let (st, head, body) = http(a, "POST", "/admin/login", &[FORM], b"token=wrong-token-0123456789ab");
    assert_eq!(st, 401, "{body}");
    assert!(body.contains("That is not the admin token") && !head.contains("set-cookie"), "{head}");
    assert!(http(a, "GET", "/admin/", &[("Cookie", "crumbs_admin=0123")], b"").1.contains("location: /admin/login?expired=1"), "an unknown session");

    // The cookie: HttpOnly, SameSite=Strict, expiring, scoped to /admin; Secure when the proxy says https.
    let (cookie, line) = sign_in(a, &[]);
    assert_eq!(line, format!("{cookie}; path=/admin; max-age={SESSION_SECS}; httponly; samesite=strict"), "(the head is lower-cased)");
    let (_, secure) = sign_in(a, &[("X-Forwarded-Proto", "https")]);
    assert!(secure.ends_with("; samesite=strict; secure"), "behind an https proxy: {secure}");
    let (_, secure) = sign_in(a, &[("Origin", "https://log.site.example")]);
    assert!(secure.ends_with("; samesite=strict; secure"), "a form on an https page: {secure}");
    let auth = [("Cookie", cookie.as_str())];

    // Overview: exactly the seeded numbers.
    let q = format!("/admin/?from={}&to={}", day(3), day(0));
    let (st, head, page) = http(a, "GET", &q, &auth, b"");
    assert_eq!(st, 200, "{page}");
    assert!(head.contains("content-security-policy: default-src 'none'; script-src 'self'; style-src 'self';"), "{head}");
    assert!(!page.contains("style=") && !page.contains("<script>"), "nothing inline");
    assert!(page.contains("<span id=\"total\">12</span>") && page.contains("<span id=\"flagged\">1</span>"), "{page}");
    assert!(page.contains(&row(&[&day(2), "10", "40.0%", "30.0%", "20.0%", "10.0%", "0.0%"])), "{page}");
    assert!(page.contains(&row(&[&day(1), "2", "50.0%", "50.0%", "0.0%", "0.0%", "0.0%"])), "{page}");
    assert!(page.contains(&row(&["All days", "12", "41.7%", "33.3%", "16.7%", "8.3%", "0.0%"])), "{page}");
    assert!(page.contains(&row(&["Performance", "7", "5", "58.3%"])), "{page}");
    assert!(page.contains(&row(&["Functionality", "6", "6", "50.0%"])), "{page}");
    assert!(page.contains(&row(&["Targeting", "5", "7", "41.7%"])), "{page}");
    assert_eq!(page.matches("<rect class=\"accept\"").count(), 2, "one accept-all segment per day with decisions");
    let (st, _, page) = http(a, "GET", &format!("/admin/?from={}&to={}", day(1), day(1)), &auth, b"");
    assert!(st == 200 && page.contains("<span id=\"total\">2</span>"), "the range bounds the counts");
    assert_eq!(http(a, "GET", "/admin/?from=2026-13-01", &auth, b"").0, 400);

    // Records: newest first, filtered.
    let shown = |q: &str| {
        let (st, _, page) = http(a, "GET", &format!("/admin/records{q}"), &auth, b"");
        assert_eq!(st, 200, "{page}");
        let at = page.find("<span id=\"shown\">").unwrap() + 17;
        page[at..page[at..].find('<').unwrap() + at].parse::<usize>().unwrap()
    };
    assert_eq!(shown(""), 13);
    assert_eq!(shown("?method=custom"), 2);
    assert_eq!(shown("?page=%2Fpricing"), 5);
    assert_eq!(shown("?revision=4"), 5);
    assert_eq!(shown("?revision=4&method=reject_all"), 1);
    assert_eq!(http(a, "GET", "/admin/records?method=%3Cx%3E", &auth, b"").0, 400);

    // Proof: the rows, their place in the chain, the hashes; page data rendered as text.
    let (st, _, page) = http(a, "GET", &format!("/admin/proof?id={}", id(10)), &auth, b"");
    assert_eq!(st, 200, "{page}");
    assert!(page.contains("Decision 1: row 10 of 13") && page.contains("recompute from what is stored"), "{page}");
    assert!(page.contains("/a&lt;b&gt;\\&quot;x\\&quot;") && !page.contains("/a<b>"), "escaped: {page}");
    let (_, _, page) = http(a, "GET", &format!("/admin/proof?id={}", id(1)), &auth, b"");
    assert!(page.contains("<span id=\"row-count\">2</span>") && page.contains("conflict"), "both rows of id 1");
    assert_eq!(http(a, "GET", "/admin/proof?id=ffffffff-0000-4000-8000-000000000000", &auth, b"").0, 404);

    // Export: every record received in the range, streamed.
    let (st, head, csv) = http(a, "GET", &format!("/admin/export/download?from={}&to={}&format=csv", day(0), day(0)), &auth, b"");
    assert!(st == 200 && head.contains("content-disposition: attachment;") && head.contains("transfer-encoding: chunked"), "{head}");
    assert_eq!(csv.lines().count(), 14, "a header and 13 records");
    let (_, _, nd) = http(a, "GET", &format!("/admin/export/download?from={}&to={}&format=ndjson", day(0), day(0)), &auth, b"");
    assert_eq!(nd.lines().filter(|l| serde_json::from_str::<serde_json::Value>(l).is_ok()).count(), 13);
    let (_, _, none) = http(a, "GET", &format!("/admin/export/download?from={}&to={}&format=csv", day(5), day(4)), &auth, b"");
    assert_eq!(none.lines().count(), 1, "nothing received then");

    // Every change needs the session's CSRF token.
    let (_, _, page) = http(a, "GET", "/admin/integrity", &auth, b"");
    let csrf = csrf_of(&page);
    let post = |path: &str, body: &str| http(a, "POST", path, &[auth[0], FORM], body.as_bytes());
    assert_eq!(post("/admin/integrity", "").0, 403);
    assert_eq!(post("/admin/integrity", "csrf=0000").0, 403);
    assert_eq!(post("/admin/erase", &format!("id={}&confirm=yes", id(2))).0, 403, "no erasure without the token");
    assert_eq!(post("/admin/logout", "").0, 403);
    let (st, _, page) = post("/admin/integrity", &format!("csrf={csrf}"));
    assert!(st == 200 && page.contains("The chain is intact: 13 rows."), "{page}");

    // Erasure: a confirmation step, then the record's text is gone and the chain still verifies.
    let (st, _, page) = post("/admin/erase", &format!("csrf={csrf}&id={}", id(2)));
    assert!(st == 200 && page.contains("Erase <strong id=\"erasable\">1</strong> records"), "{page}");
    let (_, _, proof) = http(a, "GET", &format!("/admin/proof?id={}", id(2)), &auth, b"");
    assert!(proof.contains("&quot;accept_all&quot;") || proof.contains("\"accept_all\""), "not erased before confirming: {proof}");
    let (st, _, page) = post("/admin/erase", &format!("csrf={csrf}&id={}&confirm=yes", id(2)));
    assert!(st == 200 && page.contains("Erased 1 records. The chain still verifies: 14 rows."), "{page}");
    let (_, _, proof) = http(a, "GET", &format!("/admin/proof?id={}", id(2)), &auth, b"");
    assert!(proof.contains("Record</dt><dd>erased") && !proof.contains("accept_all"), "{proof}");
    assert_eq!(post("/admin/erase", &format!("csrf={csrf}&id={}&confirm=yes", id(2))).0, 404, "nothing left to erase");

    // Integrity names the first broken row.
    tamper("UPDATE consents SET payload = replace(payload, 'accept_all', 'reject_all') WHERE id = 3");
    let (_, _, page) = post("/admin/integrity", &format!("csrf={csrf}"));
    assert!(page.contains("The log is broken at row <strong>3</strong>: its record was edited."), "{page}");

    // What the visitor was shown: a German banner's texts, stored once, shown on the proof page as text.
    let texts = serde_json::json!({"bannerTitle": "Wir verwenden <b>Cookies</b>", "bannerText": "Einige Cookies sind nötig.",
        "acceptAll": "Alle akzeptieren", "rejectAll": "Alle ablehnen", "preferences": "Cookies auswählen"});
    let shown = |id: &str, texts: &serde_json::Value| {
        let mut v: serde_json::Value = serde_json::from_str(&record(id, 1, &day(0), "reject_all", &[], 4, "/de/")).unwrap();
        v["language"] = "de".into();
        v["texts"] = texts.clone();
        v.to_string()
    };
    let before = count("SELECT count(*) FROM texts_shown");
    let (st, _, body) = http(a, "POST", "/v1/consents", SITE, shown(&id(100), &texts).as_bytes());
    assert_eq!(st, 201, "{body}");
    assert_eq!(count("SELECT count(*) FROM texts_shown"), before + 1, "one text version stored");
    let (st, _, body) = http(a, "POST", "/v1/consents", SITE, shown(&id(101), &texts).as_bytes());
    assert_eq!(st, 201, "{body}");
    assert_eq!(count("SELECT count(*) FROM texts_shown"), before + 1, "the same texts again: still one version");
    let refused = |texts: serde_json::Value| {
        let (st, _, body) = http(a, "POST", "/v1/consents", SITE, shown(&id(102), &texts).as_bytes());
        assert_eq!(st, 400, "{body}");
        serde_json::from_str::<serde_json::Value>(&body).unwrap()["error"].as_str().unwrap().to_string()
    };
    assert!(refused(serde_json::json!({"bannerTitle": ["x"]})).starts_with(".texts.bannerTitle: invalid type: sequence, expected a string"));
    assert!(refused(serde_json::json!({"script": "x"})).starts_with(".texts.script: not a text the banner shows"));
    assert_eq!(refused(serde_json::json!({"bannerText": "x".repeat(2001)})), ".texts.bannerText: longer than 2000 characters");
    let mut forged: serde_json::Value = serde_json::from_str(&shown(&id(102), &texts)).unwrap();
    forged["textsHash"] = "0".repeat(64).into();
    let (st, _, body) = http(a, "POST", "/v1/consents", SITE, forged.to_string().as_bytes());
    assert!(st == 400 && body.contains(".textsHash: is the consent log's to compute from texts"), "{body}");
    assert_eq!(count("SELECT count(*) FROM consents WHERE consent_id = '00000066-0000-4000-8000-000000000066'"), 0, "nothing of the refused stored");
    let (st, _, page) = http(a, "GET", &format!("/admin/proof?id={}", id(100)), &auth, b"");
    assert_eq!(st, 200, "{page}");
    assert!(page.contains("What the banner showed, in <span class=\"language\">de</span>") && page.contains("lang=\"de\" dir=\"ltr\""), "{page}");
    assert!(page.contains("<dd data-text=\"bannerTitle\">Wir verwenden &lt;b&gt;Cookies&lt;/b&gt;</dd>"), "as text: {page}");
    assert!(page.contains("<dd data-text=\"rejectAll\">Alle ablehnen</dd>") && !page.contains("<b>Cookies"), "{page}");
    assert!(page.contains("is the record's textsHash"), "the texts recompute: {page}");
    let (_, _, old) = http(a, "GET", &format!("/admin/proof?id={}", id(3)), &auth, b"");
    assert!(old.contains("not recorded (sent by a crumbs from before"), "an old client's record: {old}");
    let (_, _, csv) = http(a, "GET", &format!("/admin/export/download?from={}&to={}&format=csv", day(0), day(0)), &auth, b"");
    assert!(csv.lines().next().unwrap().ends_with(",origin,texts_hash,regime"));
    let hash = texts_hash_on(&page);
    assert_eq!(csv.lines().filter(|l| l.contains(&format!(",{hash},"))).count(), 2, "both records name the version: {csv}");
    tamper("UPDATE texts_shown SET texts = replace(texts, 'ablehnen', 'annehmen')");
    let (_, _, page) = http(a, "GET", &format!("/admin/proof?id={}", id(100)), &auth, b"");
    assert!(page.contains("DO NOT RECOMPUTE: the stored texts were changed"), "{page}");

    // Sign-out ends the session; so does its expiry.
    let (st, head, _) = post("/admin/logout", &format!("csrf={csrf}"));
    assert!(st == 303 && head.contains("set-cookie: crumbs_admin=; path=/admin; max-age=0"), "{head}");
    assert!(http(a, "GET", "/admin/", &auth, b"").1.contains("location: /admin/login?expired=1"));
    let (second, _) = sign_in(a, &[]);
    assert_eq!(http(a, "GET", "/admin/records", &[("Cookie", &second)], b"").0, 200);
    std::thread::sleep(std::time::Duration::from_millis(SESSION_SECS * 1000 + 300));
    assert!(http(a, "GET", "/admin/records", &[("Cookie", &second)], b"").1.contains("location: /admin/login?expired=1"), "expired");

    // Sign-in is rate-limited per address (five at once), even for the right token.
    let statuses: Vec<u16> = (0..3).map(|_| http(a, "POST", "/admin/login", &[FORM], format!("token={TOKEN}").as_bytes()).0).collect();
    assert!(statuses.contains(&429), "{statuses:?}");
}

/// The `textsHash` a proof page shows.
fn texts_hash_on(page: &str) -> String {
    let at = page.find("Texts hash (textsHash)</dt><dd><code class=\"hash\">").expect("a texts hash") + 50;
    page[at..at + 64].to_string()
}

async fn run(db: String, tamper: impl Fn(&str) + Send + 'static, count: impl Fn(&str) -> i64 + Send + 'static) {
    let srv = start(options(db)).await.unwrap();
    let a = srv.addr;
    let res = tokio::task::spawn_blocking(move || scenario(a, &tamper, &count)).await;
    srv.stop().await;
    res.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dashboard_on_sqlite() {
    let db = std::env::temp_dir().join(format!("crumbs-dashboard-{}.sqlite", std::process::id()));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    let path = db.to_string_lossy().into_owned();
    let p = path.clone();
    let q = path.clone();
    let count = move |sql: &str| rusqlite::Connection::open(&q).unwrap().query_row(sql, [], |r| r.get(0)).unwrap();
    run(path, move |sql| rusqlite::Connection::open(&p).unwrap().execute_batch(sql).unwrap(), count).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dashboard_on_postgres() {
    let (pg, url) = tokio::task::spawn_blocking(|| {
        let pg = temp_postgres::TempPostgres::start();
        let url = pg.create_db("dashboard");
        (pg, url)
    })
    .await
    .unwrap();
    let u = url.clone();
    let q = url.clone();
    let count = move |sql: &str| postgres::Client::connect(&q, postgres::NoTls).unwrap().query_one(sql, &[]).unwrap().get::<_, i64>(0);
    run(url, move |sql| postgres::Client::connect(&u, postgres::NoTls).unwrap().batch_execute(sql).unwrap(), count).await;
    tokio::task::spawn_blocking(move || drop(pg)).await.unwrap();
}
