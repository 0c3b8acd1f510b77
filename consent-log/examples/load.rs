//! Load generator for the consent log (loopback only): `load --addr 127.0.0.1:PORT
//! --concurrency N --seconds S [--acked FILE]`. Each worker keeps one HTTP/1.1 connection and
//! posts fresh records; prints one JSON line with throughput and latency percentiles. With
//! `--acked`, writes every acknowledged consent id, one a line, as soon as it is acknowledged
//! (the crash test compares them with what the database holds after a `kill -9`).

use std::io::Write;
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

fn uuid(worker: u64, n: u64) -> String {
    let x = (worker << 40) ^ n ^ 0x5a5a_1234_0000;
    format!(
        "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
        (x >> 16) as u32,
        (x & 0xffff) as u16,
        (worker & 0xfff) as u16,
        (n & 0xfff) as u16,
        x & 0xffff_ffff_ffff
    )
}

async fn worker(addr: String, id: u64, deadline: Instant, acked: Option<std::sync::Arc<std::sync::Mutex<std::fs::File>>>) -> (Vec<f64>, u64) {
    let mut lat = vec![];
    let mut errors = 0;
    let Ok(stream) = TcpStream::connect(&addr).await else { return (lat, 1) };
    let mut stream = BufReader::new(stream);
    let mut n = 0u64;
    while Instant::now() < deadline {
        n += 1;
        let consent_id = uuid(id, n);
        let body = format!(
            r#"{{"consentId":"{consent_id}","seq":1,"decidedAt":"2026-11-22T10:00:00Z","revision":1,"granted":["necessary","performance"],"refused":["functionality","targeting"],"method":"accept_all","language":"en","page":"https://site.example/"}}"#
        );
        let req =
            format!("POST /v1/consents HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nOrigin: https://site.example\r\nContent-Length: {}\r\n\r\n{body}", body.len());
        let started = Instant::now();
        if stream.get_mut().write_all(req.as_bytes()).await.is_err() {
            errors += 1;
            break;
        }
        let mut status_line = String::new();
        if stream.read_line(&mut status_line).await.unwrap_or(0) == 0 {
            errors += 1;
            break;
        }
        let mut len = 0usize;
        loop {
            let mut h = String::new();
            if stream.read_line(&mut h).await.unwrap_or(0) == 0 {
                break;
            }
            if h == "\r\n" {
                break;
            }
            if let Some(v) = h.to_ascii_lowercase().strip_prefix("content-length:") {
                len = v.trim().parse().unwrap_or(0);
            }
        }
        let mut buf = vec![0; len];
        if stream.read_exact(&mut buf).await.is_err() {
            errors += 1;
            break;
        }
        if status_line.split(' ').nth(1).is_some_and(|s| s.starts_with('2')) {
            lat.push(started.elapsed().as_secs_f64() * 1000.0);
            if let Some(f) = &acked {
                let _ = writeln!(f.lock().unwrap(), "{consent_id}");
            }
        } else {
            errors += 1;
        }
    }
    (lat, errors)
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |k: &str| args.iter().position(|a| a == k).and_then(|i| args.get(i + 1)).cloned();
    // Several servers, comma-separated: the workers are spread over them in turn.
    let addrs: Vec<String> = arg("--addr").expect("--addr 127.0.0.1:PORT[,127.0.0.1:PORT…]").split(',').map(str::to_string).collect();
    assert!(addrs.iter().all(|a| a.starts_with("127.") || a.starts_with("localhost")), "loopback only");
    let conc: u64 = arg("--concurrency").and_then(|c| c.parse().ok()).unwrap_or(8);
    let secs: f64 = arg("--seconds").and_then(|c| c.parse().ok()).unwrap_or(3.0);
    let acked = arg("--acked").map(|p| std::sync::Arc::new(std::sync::Mutex::new(std::fs::File::create(p).expect("acked file"))));
    let started = Instant::now();
    let deadline = started + Duration::from_secs_f64(secs);
    let tasks: Vec<_> = (0..conc)
        .map(|i| tokio::spawn(worker(addrs[i as usize % addrs.len()].clone(), i + (std::process::id() as u64) * 1000, deadline, acked.clone())))
        .collect();
    let mut lat = vec![];
    let mut errors = 0;
    for t in tasks {
        let (l, e) = t.await.unwrap_or_default();
        lat.extend(l);
        errors += e;
    }
    let elapsed = started.elapsed().as_secs_f64();
    lat.sort_by(|a, b| a.total_cmp(b));
    let pct = |p: f64| if lat.is_empty() { 0.0 } else { lat[((lat.len() as f64 - 1.0) * p) as usize] };
    println!(
        "{{\"concurrency\":{conc},\"accepted\":{},\"errors\":{errors},\"per_second\":{:.0},\"p50_ms\":{:.2},\"p99_ms\":{:.2}}}",
        lat.len(),
        lat.len() as f64 / elapsed,
        pct(0.5),
        pct(0.99)
    );
}
