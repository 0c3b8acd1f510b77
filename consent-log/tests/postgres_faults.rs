//! Two `crumbs-consent-log serve` processes on one real PostgreSQL, under load, through a
//! `kill -9` of one of them and a crash-stop of PostgreSQL itself: every acknowledged record
//! is kept, the one chain verifies (with both instances' signed heads), and nothing is
//! acknowledged while the database is down.

#[path = "support/temp_postgres.rs"]
mod temp_postgres;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use temp_postgres::TempPostgres;

const TOKEN: &str = "test-admin-token-0123456789";
const ORIGIN: &str = "https://site.example";
const BIN: &str = env!("CARGO_BIN_EXE_crumbs-consent-log");

/// Starts one server on a free port: the process and its address.
fn serve(db: &str, key: &std::path::Path) -> (Child, SocketAddr) {
    let mut child = Command::new(BIN)
        .args(["serve", "--db", db, "--listen", "127.0.0.1:0", "--origin", ORIGIN, "--rate-limit", "1000000", "--sign-every", "1"])
        .arg("--signing-key")
        .arg(key)
        .env("CRUMBS_ADMIN_TOKEN", TOKEN)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let addr =
        line.trim().strip_prefix("crumbs consent log: http://").and_then(|l| l.strip_suffix("/v1/consents")).unwrap_or_else(|| panic!("{line}"));
    (child, addr.parse().unwrap())
}

/// One request; the status (0 when the connection failed) and the body.
fn http(addr: SocketAddr, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> (u16, String) {
    let Ok(mut s) = TcpStream::connect_timeout(&addr, Duration::from_secs(2)) else { return (0, String::new()) };
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let mut req = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n", body.len());
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    if s.write_all(req.as_bytes()).and_then(|_| s.write_all(body)).is_err() {
        return (0, String::new());
    }
    let mut out = Vec::new();
    if s.read_to_end(&mut out).is_err() {
        return (0, String::new());
    }
    let text = String::from_utf8_lossy(&out).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let body = if head.to_lowercase().contains("transfer-encoding: chunked") { dechunk(body) } else { body.to_string() };
    (status, body)
}

fn dechunk(mut s: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = s.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 || rest.len() < n + 2 {
            break;
        }
        out.push_str(&rest[..n]);
        s = &rest[n + 2..];
    }
    out
}

fn record(id: &str) -> String {
    format!(
        r#"{{"consentId":"{id}","seq":1,"decidedAt":"2026-01-02T10:00:00Z","revision":3,"granted":["necessary"],"refused":["targeting"],"method":"reject_all","language":"en","page":"https://site.example/"}}"#
    )
}

/// One request of the load: which consent id, to which instance, when sent and answered, and the answer.
struct Sent {
    id: String,
    instance: usize,
    sent: Instant,
    answered: Instant,
    status: u16,
}

#[test]
fn acknowledged_records_survive_a_killed_instance_and_a_crashed_database() {
    let pg = TempPostgres::start();
    let db = pg.create_db("faults");
    let key = pg.dir().join("head.key");
    let keygen = Command::new(BIN).arg("log-keygen").arg("--out").arg(&key).output().unwrap();
    assert!(keygen.status.success());
    let public = String::from_utf8_lossy(&keygen.stdout).trim().to_string();

    // Both start at once on an empty database: the migration runs once, under the lock.
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(|| serve(&db, &key));
        let b = s.spawn(|| serve(&db, &key));
        (a.join().unwrap(), b.join().unwrap())
    });
    let (mut a_proc, a_addr) = a;
    let (mut b_proc, b_addr) = b;
    let addrs = [a_addr, b_addr];

    let stop = Arc::new(AtomicBool::new(false));
    let counter = Arc::new(AtomicU64::new(0));
    let log: Arc<Mutex<Vec<Sent>>> = Arc::default();
    let clients: Vec<_> = (0..8)
        .map(|_| {
            let (stop, counter, log) = (stop.clone(), counter.clone(), log.clone());
            std::thread::spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    let n = counter.fetch_add(1, Ordering::Relaxed);
                    let id = format!("{:08x}-0000-4000-8000-{:012x}", n, n);
                    let instance = (n % 2) as usize;
                    let sent = Instant::now();
                    let headers = [("Content-Type", "text/plain;charset=UTF-8"), ("Origin", ORIGIN)];
                    let (status, _) = http(addrs[instance], "POST", "/v1/consents", &headers, record(&id).as_bytes());
                    log.lock().unwrap().push(Sent { id, instance, sent, answered: Instant::now(), status });
                    if status != 201 {
                        std::thread::sleep(Duration::from_millis(20));
                    }
                }
            })
        })
        .collect();

    std::thread::sleep(Duration::from_millis(1500));
    a_proc.kill().unwrap(); // SIGKILL, mid-load
    a_proc.wait().unwrap();
    let killed = Instant::now();
    std::thread::sleep(Duration::from_millis(1500));
    pg.stop_immediately();
    let down = Instant::now();
    // Longer than a write's wait for a connection (3 s) twice over: requests sent after the
    // stop are answered while the database is still down.
    std::thread::sleep(Duration::from_secs(9));
    let restarting = Instant::now();
    pg.start_again();
    std::thread::sleep(Duration::from_secs(5));
    stop.store(true, Ordering::Relaxed);
    for c in clients {
        c.join().unwrap();
    }

    let log = log.lock().unwrap();
    let acked: Vec<&Sent> = log.iter().filter(|s| (200..300).contains(&s.status)).collect();
    let count = |f: &dyn Fn(&Sent) -> bool| log.iter().filter(|s| f(s)).count();
    assert!(count(&|s| s.instance == 0 && s.status == 201) > 10, "instance A took load before it was killed");
    assert!(count(&|s| s.instance == 1 && s.status == 201 && s.answered < down) > 10, "instance B took load");
    assert!(count(&|s| s.instance == 0 && s.sent > killed && s.status != 0) == 0, "a killed instance answers nothing");
    // Sent after the database went down and answered before it came back: never acknowledged.
    let during = |s: &Sent| s.instance == 1 && s.sent > down && s.answered < restarting;
    assert_eq!(count(&|s| during(s) && (200..300).contains(&s.status)), 0, "acknowledged while PostgreSQL was down");
    assert!(count(&|s| during(s) && s.status == 503) > 0, "the outage was answered 503");
    assert!(count(&|s| s.instance == 1 && s.status == 201 && s.sent > restarting) > 10, "instance B recovered once PostgreSQL was back");

    // Every acknowledged record is in the log, read back through the surviving instance.
    let (st, export) = http(b_addr, "GET", "/v1/consents?format=ndjson", &[("Authorization", &format!("Bearer {TOKEN}"))], b"");
    assert_eq!(st, 200);
    let stored: std::collections::HashSet<String> =
        export.lines().map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["consentId"].as_str().unwrap().to_string()).collect();
    let lost: Vec<&str> = acked.iter().map(|s| s.id.as_str()).filter(|id| !stored.contains(*id)).collect();
    assert!(lost.is_empty(), "{} of {} acknowledged records lost, e.g. {:?}", lost.len(), acked.len(), &lost[..lost.len().min(3)]);

    std::thread::sleep(Duration::from_millis(1500)); // a signed head covering the tail
    b_proc.kill().unwrap();
    b_proc.wait().unwrap();
    let out = Command::new(BIN).args(["verify-log", "--db", &db, "--key", &public]).output().unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{said}{}", String::from_utf8_lossy(&out.stderr));
    let rows: usize = said.split("chain intact, ").nth(1).and_then(|r| r.split(' ').next()).and_then(|n| n.parse().ok()).unwrap();
    assert!(rows >= acked.len(), "{said}");
    eprintln!("{} acknowledged, {} requests in all; {said}", acked.len(), log.len());
}
