//! The `crumbs` binary, run for real: output formats, exit codes and bad input.

use std::io::Write;
use std::process::{Command, Stdio};

fn crumbs(args: &[&str], stdin: &[u8]) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_crumbs"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("crumbs runs");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    let out = child.wait_with_output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

fn temp_file(name: &str, content: &[u8]) -> String {
    let dir = std::env::temp_dir().join(format!("crumbs-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, content).unwrap();
    p.to_string_lossy().into_owned()
}

#[test]
fn classify_prints_tab_separated_lines() {
    let (code, out, _) = crumbs(&["classify"], b"_ga\n\nASP.NET_SessionId\r\nnever_heard_of_it\n");
    assert_eq!(code, 0);
    assert_eq!(out, "_ga\tperformance\tGoogle Analytics\trule\nASP.NET_SessionId\tnecessary\tASP.NET\trule\nnever_heard_of_it\tunknown\t\tunknown\n");
}

#[test]
fn classify_survives_hostile_input() {
    let mut input = vec![b'x'; 4096];
    input.extend_from_slice(b"\n\x00\x01ctl\n\xff\xfe\xfd\n_gid\x07\n");
    let (code, out, _) = crumbs(&["classify"], &input);
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4);
    assert!(lines[0].starts_with(&"x".repeat(4096)));
    assert!(lines[1].starts_with("\\u{0}\\u{1}ctl\t"), "control characters are escaped: {}", lines[1]);
    assert!(lines.iter().all(|l| l.split('\t').count() == 4));
}

#[test]
fn classify_urls() {
    let (code, out, _) = crumbs(&["classify", "--urls"], b"https://www.googletagmanager.com/gtag/js?id=G-1\njavascript:alert(1)\n/local.js\n");
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "https://www.googletagmanager.com/gtag/js?id=G-1\tperformance\tGoogle Analytics\trule\njavascript:alert(1)\tunknown\t\tinvalid\n/local.js\tunknown\t\tfirst-party\n"
    );
}

#[test]
fn classify_applies_the_config() {
    let cfg = temp_file(
        "c.json",
        br#"{"categories": [{"id": "targeting", "cookies": [{"name": "my_*", "provider": "Us", "purpose": "x", "expiry": "1 day"}]}]}"#,
    );
    let (code, out, _) = crumbs(&["classify", "--config", &cfg], b"my_cookie\n");
    assert_eq!((code, out.as_str()), (0, "my_cookie\ttargeting\tUs\tdeclared\n"));
}

#[test]
fn check_reports_every_error_and_exits_1() {
    let ok = temp_file("ok.json", br#"{"revision": 2}"#);
    assert_eq!(crumbs(&["check", &ok], b"").0, 0);
    let bad = temp_file("bad.json", br#"{"categories": [{"id": "tracking"}, {"id": "necessary"}, {"id": "necessary"}], "colour": 1}"#);
    let (code, out, _) = crumbs(&["check", &bad], b"");
    assert_eq!(code, 1);
    assert!(out.contains("categories[0].id: unknown category \"tracking\""), "{out}");
    assert!(out.contains("categories[2].id: duplicate category \"necessary\""), "{out}");
    assert!(out.contains("colour: unknown field"), "{out}");
    for (name, content) in [("nojson.json", &b"not json"[..]), ("shape.json", b"[1, 2]"), ("bin.json", b"\xff\xfe")] {
        let p = temp_file(name, content);
        let (code, out, err) = crumbs(&["check", &p], b"");
        assert_eq!(code, 1, "{name}");
        assert!(!out.is_empty() || !err.is_empty(), "{name} says why");
    }
    assert_eq!(crumbs(&["check", "/no/such/file.json"], b"").0, 1);
    assert_eq!(crumbs(&["check"], b"").0, 2);
    assert_eq!(crumbs(&["frobnicate"], b"").0, 2);
}

#[test]
fn check_refuses_a_public_suffix_as_cookie_domain() {
    for domain in ["example.co.uk", "institute.example", "mediation.github.io"] {
        let p = temp_file("domain-ok.json", format!(r#"{{"cookieDomain": "{domain}"}}"#).as_bytes());
        let (code, out, _) = crumbs(&["check", &p], b"");
        assert_eq!(code, 0, "{domain}: {out}");
    }
    for domain in ["co.uk", "github.io", "com", "org.uk"] {
        let p = temp_file("domain-bad.json", format!(r#"{{"cookieDomain": "{domain}"}}"#).as_bytes());
        let (code, out, _) = crumbs(&["check", &p], b"");
        assert_eq!(code, 1, "{domain}: {out}");
        assert!(out.contains(&format!("cookieDomain: \"{domain}\" is a public suffix")), "{domain}: {out}");
    }
}

#[test]
fn table_in_markdown_and_escaped_html() {
    let cfg = temp_file("t.json", br#"{"categories": [{"id": "performance", "cookies": [{"name": "_ga", "provider": "<script>x</script>", "purpose": "p", "expiry": "2 years"}]}]}"#);
    let (code, md, _) = crumbs(&["table", &cfg], b"");
    assert_eq!(code, 0);
    assert!(md.contains("### Targeting\n\nNo cookies used"));
    let (code, html, _) = crumbs(&["table", &cfg, "--html"], b"");
    assert_eq!(code, 0);
    assert!(html.contains("&lt;script&gt;x&lt;/script&gt;") && !html.contains("<script>"));
    assert_eq!(html.matches("<table").count(), 4);
}

#[test]
fn compile_db_writes_the_table_the_browser_loads() {
    let out = std::env::temp_dir().join(format!("crumbs-db-{}.bin", std::process::id()));
    let csv = concat!(env!("CARGO_MANIFEST_DIR"), "/../data/open-cookie-database/open-cookie-database.csv");
    let (code, _, _) = crumbs(&["compile-db", csv, out.to_str().unwrap()], b"");
    assert_eq!(code, 0);
    let db = crumbs::classify::KnownCookies::from_bytes(std::fs::read(&out).unwrap()).unwrap();
    assert!(db.len() > 2000, "{}", db.len());
    assert_eq!(db.lookup("_hjSessionUser_123").map(|k| k.provider), Some("Hotjar"));
    assert_eq!(crumbs(&["compile-db", "/no/such.csv", "/tmp/x"], b"").0, 1);
}

#[test]
fn labelled_cookies_never_put_necessary_into_targeting_and_stay_accurate() {
    let list = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/data/labelled-cookies.tsv")).unwrap();
    let rows: Vec<Vec<&str>> = list.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).map(|l| l.split('\t').collect()).collect();
    let input: String = rows.iter().map(|r| format!("{}\n", r[0])).collect();
    let (code, out, _) = crumbs(&["classify"], input.as_bytes());
    assert_eq!(code, 0);
    let got: Vec<&str> = out.lines().map(|l| l.split('\t').nth(1).unwrap()).collect();
    assert_eq!(got.len(), rows.len());
    let mut correct = 0;
    for (row, category) in rows.iter().zip(&got) {
        assert!(!(row[1] == "necessary" && *category == "targeting"), "{} is strictly necessary", row[0]);
        correct += usize::from(row[1] == *category);
    }
    assert!(correct * 100 >= rows.len() * 95, "accuracy {correct}/{}", rows.len());
}
