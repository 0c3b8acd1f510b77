//! The `crumbs` command line: checks configs, classifies cookies and script URLs, prints the
//! policy-page cookie table, and compiles the cookie table the browser loads.

use clap::{Parser, Subcommand};
use crumbs::classify::{classify_cookie, classify_url, KnownTable, Source};
use crumbs::config::{parse_config, Config};
use std::io::{Read, Write};
use std::process::ExitCode;

/// The known-vendor table (vendor lists and the Open Cookie Database), compiled by build.rs.
const KNOWN: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/known.bin"));

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
        /// Apply this config's declared cookies and allowHosts/holdHosts.
        #[arg(long, value_name = "CONFIG")]
        config: Option<String>,
        /// Add a fifth column: the declaration, rule, table entry or pattern that decided, and
        /// the list it comes from; and a sixth: what the vendor's cookies are for, in crumbs'
        /// own words (empty when crumbs has no sentence for it).
        #[arg(long)]
        explain: bool,
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
    /// Compile the known-vendor table for the browser (the vendor lists and the Open Cookie
    /// Database, less the hosts that need targeting consent: the browser holds unknown hosts
    /// until then anyway), and crumbs' own rules beside it.
    CompileDb {
        /// The data folder: `open-cookie-database/open-cookie-database.csv` and `vendors/*.tsv`.
        data: String,
        /// Where to write the compiled table.
        out: String,
        /// Where to write crumbs' own cookie rules (default: `rules.bin` beside OUT); the URL
        /// rules go beside it, the file name prefixed with `url-` (`url-rules.bin`).
        rules_out: Option<String>,
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
        Command::Classify { urls, config, explain } => classify(urls, config.as_deref(), explain),
        Command::Table { config, html, .. } => table(&config, html),
        Command::CompileDb { data, out, rules_out } => compile_db(&data, &out, rules_out.as_deref()),
        Command::Log(c) => c.run(),
        Command::Scan(c) => c.run(KNOWN),
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
        Some(c) => match c.cookie_domain.as_deref().filter(|d| is_public_suffix(d)) {
            Some(d) => {
                println!("{path}: cookieDomain: \"{d}\" is a public suffix (on the public-suffix list): no site may set a cookie for all of it; use your own domain under it");
                ExitCode::from(1)
            }
            None => {
                println!("{path}: ok");
                ExitCode::SUCCESS
            }
        },
        None => ExitCode::from(1),
    }
}

/// Whether a domain is on the public-suffix list (`co.uk`, `github.io`), which browsers refuse
/// a cookie's `Domain=` for. The list is compiled into the command only: the wasm relies on the
/// browser's own (see src/erasure.rs).
fn is_public_suffix(domain: &str) -> bool {
    psl::suffix(domain.as_bytes()).is_some_and(|s| s.is_known() && s.as_bytes() == domain.as_bytes())
}

/// Makes a name safe to print in one TSV field: control characters become `\u{..}` escapes.
fn printable(s: &str) -> String {
    s.chars().map(|c| if c.is_control() { c.escape_unicode().to_string() } else { c.to_string() }).collect()
}

/// `crumbs classify`: `name<TAB>category<TAB>provider<TAB>source` per input line, and with
/// `--explain` the evidence that decided and the vendor's purpose.
fn classify(urls: bool, config: Option<&str>, explain: bool) -> ExitCode {
    let config = match config {
        None => Config::default(),
        Some(path) => match load_config(path) {
            Some(c) => c,
            None => return ExitCode::from(1),
        },
    };
    let db = KnownTable::from_bytes(KNOWN).unwrap_or_default().with_own_rules();
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
        let (category, provider, source, matched, origin, stores_nothing) = if urls {
            let c = classify_url(name, None, &config, &db);
            (c.category, c.provider, c.source, c.matched, c.origin.map(|o| o.name()), c.stores_nothing)
        } else {
            let c = classify_cookie(name, None, &config, &db);
            (c.category, c.provider, c.source, c.matched, c.origin.map(|o| o.name()), false)
        };
        let category = category.map_or("unknown", |c| c.id());
        let mut row = format!("{}\t{}\t{}\t{}", printable(name), category, printable(&provider), source.id());
        if explain {
            row.push('\t');
            row.push_str(&printable(&evidence(source, &matched, origin)));
            if stores_nothing {
                row.push_str(" (stores nothing: no consent needed)");
            }
            row.push('\t');
            row.push_str(crumbs_scanner::vendor_purposes::purpose(&provider).unwrap_or(""));
        }
        if writeln!(out, "{row}").is_err() {
            return ExitCode::from(1);
        }
    }
    ExitCode::SUCCESS
}

/// `--explain`'s words for the evidence that decided.
fn evidence(source: Source, matched: &str, origin: Option<&str>) -> String {
    match source {
        Source::Declared => format!("declared in the config: {matched}"),
        Source::Rule => format!("crumbs rule: {matched}"),
        Source::Vendor => format!("vendor base ({}): {matched}", origin.unwrap_or("vendor lists")),
        Source::Database => format!("Open Cookie Database: {matched}"),
        Source::Pattern => format!("name pattern: {matched}"),
        Source::Unknown => "nothing matched: needs consent".into(),
        Source::FirstParty => "the site's own URL".into(),
        Source::Invalid => "not an http(s) URL".into(),
    }
}

/// `crumbs table CONFIG [--html|--markdown]`.
fn table(path: &str, html: bool) -> ExitCode {
    let Some(config) = load_config(path) else { return ExitCode::from(1) };
    let language = config.language.clone().unwrap_or_else(|| "en".into());
    let t = crumbs::cookie_table::cookie_table(&config, &[], &language);
    print!("{}", if html { t.to_html() } else { t.to_markdown() });
    ExitCode::SUCCESS
}

/// `crumbs compile-db DATA OUT [RULES_OUT]`.
fn compile_db(data: &str, out: &str, rules_out: Option<&str>) -> ExitCode {
    let path = |p: &str| std::path::Path::new(data).join(p).to_string_lossy().into_owned();
    let read = |p: &str| read_text(&path(p));
    let table = (|| {
        let (csv, t, c, w) = (
            read("open-cookie-database/open-cookie-database.csv")?,
            read("vendors/tarteaucitron-services.tsv")?,
            read("vendors/c15t-scripts.tsv")?,
            read("vendors/whotracksme-domains.tsv")?,
        );
        let lists = crumbs::classify::vendor_base::VendorLists { tarteaucitron: &t, c15t: &c, whotracksme: &w };
        crumbs::classify::browser_table::compile_browser_table(&csv, &lists)
    })();
    let table = match table {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(1);
        }
    };
    let beside = std::path::Path::new(out).with_file_name("rules.bin").to_string_lossy().into_owned();
    let rules_out = rules_out.unwrap_or(&beside);
    let rules_path = std::path::Path::new(rules_out);
    let url_name = format!("url-{}", rules_path.file_name().map_or("rules.bin".into(), |n| n.to_string_lossy()));
    let url_rules_out = rules_path.with_file_name(url_name).to_string_lossy().into_owned();
    let [rules, url_rules] = crumbs::classify::rules::compile_rule_files();
    for (path, bytes) in [(out, table), (rules_out, rules), (&url_rules_out, url_rules)] {
        if let Err(e) = std::fs::write(path, &bytes) {
            eprintln!("{path}: cannot write: {e}");
            return ExitCode::from(1);
        }
        println!("{path}: {} bytes", bytes.len());
    }
    ExitCode::SUCCESS
}
