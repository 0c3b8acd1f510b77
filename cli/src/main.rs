//! The `crumbs` command line: checks configs, classifies cookies and script URLs, prints the
//! policy-page cookie table, and compiles the cookie table the browser loads.

use clap::{Parser, Subcommand};
use crumbs::classify::{classify_cookie, KnownCookies};
use crumbs::config::{parse_config, Config};
use std::io::{Read, Write};
use std::process::ExitCode;

/// The Open Cookie Database, compiled by build.rs.
const COOKIES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/cookies.bin"));

/// Checks configs, classifies cookies and script URLs, prints cookie tables, runs the consent log,
/// and scans and audits sites in headless Chromium.
#[derive(Parser)]
#[command(name = "crumbs", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Validate a config; every error with its JSON path.
    Check {
        /// The config file (JSON).
        config: String,
    },
    /// Classify cookie names (or, with --urls, script/iframe URLs) read from stdin, one a line.
    Classify {
        /// Classify script/iframe URLs instead of cookie names.
        #[arg(long)]
        urls: bool,
        /// Apply this config's declared cookies.
        #[arg(long, value_name = "CONFIG")]
        config: Option<String>,
    },
    /// Print the policy-page cookie table (Markdown unless --html).
    Table {
        /// The config file (JSON).
        config: String,
        /// HTML instead of Markdown.
        #[arg(long, conflicts_with = "markdown")]
        html: bool,
        /// Markdown (the default).
        #[arg(long)]
        markdown: bool,
    },
    /// Compile the Open Cookie Database for the browser.
    CompileDb {
        /// The Open Cookie Database CSV.
        csv: String,
        /// Where to write the compiled table.
        out: String,
    },
    // serve and verify-log: one definition, shared with the crumbs-consent-log binary.
    #[command(flatten)]
    Log(crumbs_consent_log::Command),
    // scan and audit: headless Chromium over the DevTools protocol (scanner/).
    #[command(flatten)]
    Scan(crumbs_scanner::Command),
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Check { config } => check(&config),
        Command::Classify { urls, config } => classify(urls, config.as_deref()),
        Command::Table { config, html, .. } => table(&config, html),
        Command::CompileDb { csv, out } => compile_db(&csv, &out),
        Command::Log(c) => c.run(),
        Command::Scan(c) => c.run(COOKIES),
    }
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
fn check(path: &str) -> ExitCode {
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
fn classify(urls: bool, config: Option<&str>) -> ExitCode {
    let config = match config {
        None => Config::default(),
        Some(path) => match load_config(path) {
            Some(c) => c,
            None => return ExitCode::from(1),
        },
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
fn table(path: &str, html: bool) -> ExitCode {
    let Some(config) = load_config(path) else { return ExitCode::from(1) };
    let language = config.language.clone().unwrap_or_else(|| "en".into());
    let t = crumbs::cookie_table::cookie_table(&config, &[], &language);
    print!("{}", if html { t.to_html() } else { t.to_markdown() });
    ExitCode::SUCCESS
}

/// `crumbs compile-db CSV OUT`.
fn compile_db(csv: &str, out: &str) -> ExitCode {
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
