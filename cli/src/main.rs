//! The `crumbs` command line: checks configs, classifies cookies and script URLs, prints the
//! policy-page cookie table, and compiles the cookie table the browser loads.

use crumbs::classify::{classify_cookie, KnownCookies};
use crumbs::config::{parse_config, Config};
use std::io::{Read, Write};
use std::process::ExitCode;

/// The Open Cookie Database, compiled by build.rs.
const COOKIES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/cookies.bin"));

const USAGE: &str = "usage:
  crumbs check CONFIG                     validate a config; every error with its JSON path
  crumbs classify [--config CONFIG]       classify cookie names read from stdin, one a line
  crumbs classify --urls                  classify script/iframe URLs read from stdin
  crumbs table CONFIG [--html|--markdown] print the policy-page cookie table
  crumbs compile-db CSV OUT               compile the Open Cookie Database for the browser
  crumbs serve --db PATH --listen ADDR --origin URL --admin-token T [--retain-days N] [--rate-limit N]
                                          run the consent-log server
  crumbs verify-log --db PATH             check the consent log's hash chain";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let rest = args.get(1..).unwrap_or(&[]);
    match args.first().map(String::as_str) {
        Some("check") => check(rest),
        Some("classify") => classify(rest),
        Some("table") => table(rest),
        Some("compile-db") => compile_db(rest),
        Some("serve") => crumbs_consent_log::serve_main(rest),
        Some("verify-log") => crumbs_consent_log::verify_log_main(rest),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => usage(),
    }
}

fn usage() -> ExitCode {
    eprintln!("{USAGE}");
    ExitCode::from(2)
}

/// Reads a file as UTF-8, or says why not.
fn read_text(path: &str) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{path}: cannot read: {e}"))?;
    String::from_utf8(bytes).map_err(|_| format!("{path}: not UTF-8 text"))
}

/// Reads and validates a config, printing every error; `None` when it has any.
fn load_config(path: &str) -> Option<Config> {
    let text = match read_text(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{e}");
            return None;
        }
    };
    match parse_config(&text) {
        Ok(c) => Some(c),
        Err(errors) => {
            for e in &errors {
                println!("{path}: {e}");
            }
            None
        }
    }
}

/// `crumbs check CONFIG`: exit 1 on any error, 0 when clean.
fn check(args: &[String]) -> ExitCode {
    let [path] = args else { return usage() };
    match load_config(path) {
        Some(_) => {
            println!("{path}: ok");
            ExitCode::SUCCESS
        }
        None => ExitCode::from(1),
    }
}

/// Makes a name safe to print in one TSV field: control characters become `\u{..}` escapes.
fn printable(s: &str) -> String {
    s.chars().map(|c| if c.is_control() { c.escape_unicode().to_string() } else { c.to_string() }).collect()
}

/// `crumbs classify`: `name<TAB>category<TAB>provider<TAB>source` per input line.
fn classify(args: &[String]) -> ExitCode {
    let urls = args.first().is_some_and(|a| a == "--urls");
    let args = if urls { &args[1..] } else { args };
    let config = match args {
        [] => Config::default(),
        [flag, path] if flag == "--config" => match load_config(path) {
            Some(c) => c,
            None => return ExitCode::from(1),
        },
        _ => return usage(),
    };
    let db = KnownCookies::from_bytes(COOKIES).unwrap_or_default();
    let mut input = Vec::new();
    if let Err(e) = std::io::stdin().read_to_end(&mut input) {
        eprintln!("cannot read stdin: {e}");
        return ExitCode::from(1);
    }
    // Invalid UTF-8 is replaced, not refused: the rest of the line still classifies.
    let text = String::from_utf8_lossy(&input);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for line in text.lines() {
        let name = line.trim_end_matches('\r');
        if name.trim().is_empty() {
            continue;
        }
        let (category, provider, source) = if urls {
            let c = crumbs::classify::urls::classify_url(name, None);
            (c.category, c.provider.to_string(), c.source)
        } else {
            let c = classify_cookie(name, None, &config, &db);
            (c.category, c.provider, c.source.id())
        };
        let category = category.map_or("unknown", |c| c.id());
        if writeln!(out, "{}\t{}\t{}\t{}", printable(name), category, printable(&provider), source).is_err() {
            return ExitCode::from(1);
        }
    }
    ExitCode::SUCCESS
}

/// `crumbs table CONFIG [--html|--markdown]`.
fn table(args: &[String]) -> ExitCode {
    let (path, html) = match args {
        [p] => (p, false),
        [p, f] if f == "--markdown" => (p, false),
        [p, f] if f == "--html" => (p, true),
        _ => return usage(),
    };
    let Some(config) = load_config(path) else { return ExitCode::from(1) };
    let language = config.language.clone().unwrap_or_else(|| "en".into());
    let t = crumbs::cookie_table::cookie_table(&config, &[], &language);
    print!("{}", if html { t.to_html() } else { t.to_markdown() });
    ExitCode::SUCCESS
}

/// `crumbs compile-db CSV OUT`.
fn compile_db(args: &[String]) -> ExitCode {
    let [csv, out] = args else { return usage() };
    let table = match read_text(csv).and_then(|t| crumbs::classify::db::compile_csv(&t)) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(1);
        }
    };
    match std::fs::write(out, &table) {
        Ok(()) => {
            println!("{out}: {} bytes", table.len());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{out}: cannot write: {e}");
            ExitCode::from(1)
        }
    }
}
