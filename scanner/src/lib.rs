//! `crumbs scan` and `crumbs audit`: what a site really sets, seen in headless Chromium over the
//! DevTools protocol, and the CI check that the banner holds.
//!
//! The browser is driven by a small untyped DevTools client ([`cdp`]) on tokio-tungstenite
//! rather than chromiumoxide: chromiumoxide's generated protocol crate costs minutes of compile
//! time, and breaks on events from a Chromium newer than its protocol; the scanner uses about
//! fifteen commands, as JSON.
//!
//! - [`chromium`]: finding and launching the browser;
//! - [`visit`]: one page in one consent state; [`crawl`]: the pages, robots.txt and sitemap;
//! - [`classifier`]: the one door to crumbs' classifier; [`findings`]: items, classified;
//! - [`draft_config`], [`html_report`]: what a scan writes; [`audit`]: the CI check.

pub mod audit;
pub mod cdp;
pub mod chromium;
pub mod classifier;
pub mod crawl;
pub mod draft_config;
pub mod findings;
pub mod html_report;
pub mod robots;
pub mod vendor_purposes;
pub mod visit;

use clap::{Args, Subcommand};
use classifier::Classifier;
use crumbs::config::{parse_config, Config};
use serde_json::json;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;
use visit::State;

/// The browser options both commands take.
#[derive(Args, Clone, Debug)]
pub struct BrowserArgs {
    /// Chromium or Chrome to run (default: $CHROMIUM, then the usual install paths).
    #[arg(long, value_name = "PATH")]
    pub chromium: Option<PathBuf>,
    /// Chromium's --host-resolver-rules, e.g. "MAP js.stripe.com 127.0.0.1" (tests map vendor
    /// hosts to local stand-ins with it).
    #[arg(long, value_name = "RULES")]
    pub host_rules: Option<String>,
    /// Accept invalid TLS certificates (local test servers).
    #[arg(long)]
    pub ignore_certificate_errors: bool,
    /// Seconds each page may take in each state before it counts as hung.
    #[arg(long, default_value_t = 30, value_name = "SECS")]
    pub timeout: u64,
    /// Pages visited at once.
    #[arg(long, default_value_t = 4, value_name = "N")]
    pub concurrency: usize,
}

/// `crumbs scan` and `crumbs audit`, flattened into the `crumbs` command.
#[derive(Subcommand, Clone, Debug)]
pub enum Command {
    /// Crawl a site in headless Chromium; write a JSON record, an HTML report and a draft config.
    Scan {
        /// The site's start page (http or https).
        url: String,
        /// Visit at most this many pages.
        #[arg(long, default_value_t = 20, value_name = "N")]
        pages: usize,
        /// Visit the pages sitemap.xml lists instead of following links.
        #[arg(long)]
        sitemap: bool,
        /// Where to write scan.json, report.html and crumbs.config.draft.json.
        #[arg(long, default_value = "crumbs-scan", value_name = "DIR")]
        out: PathBuf,
        #[command(flatten)]
        browser: BrowserArgs,
    },
    /// Check that nothing needing consent is set or requested before it; exit 1 if anything is.
    Audit {
        /// The page to audit (http or https).
        url: String,
        /// Compare with this config's declarations (default: classify with the page's own).
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
        /// Also audit same-origin pages linked from it, up to this many in all.
        #[arg(long, default_value_t = 1, value_name = "N")]
        pages: usize,
        /// Print the audit as JSON.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        browser: BrowserArgs,
    },
}

impl Command {
    /// Runs the command; `cookie_table` is the compiled Open Cookie Database (the CLI's).
    pub fn run(self, cookie_table: &[u8]) -> ExitCode {
        let runtime = match tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build() {
            Ok(r) => r,
            Err(e) => {
                eprintln!("cannot start the async runtime: {e}");
                return ExitCode::from(2);
            }
        };
        let classifier = Classifier::new(cookie_table);
        let result = runtime.block_on(async {
            match self {
                Command::Scan { url, pages, sitemap, out, browser } => scan(&url, pages, sitemap, &out, &browser, &classifier).await,
                Command::Audit { url, config, pages, json, browser } => audit(&url, config.as_deref(), pages, json, &browser, &classifier).await,
            }
        });
        runtime.shutdown_timeout(Duration::from_secs(1));
        match result {
            Ok(code) => code,
            Err(e) => {
                eprintln!("{e}");
                ExitCode::from(2)
            }
        }
    }
}

/// Launches the browser and crawls.
async fn crawl_site(url: &str, pages: usize, sitemap: bool, b: &BrowserArgs) -> Result<(String, Vec<crawl::PageResult>, crawl::CrawlNotes), String> {
    let start = crawl::parse_start(url)?;
    let options = chromium::LaunchOptions {
        chromium: b.chromium.clone(),
        host_rules: b.host_rules.clone(),
        ignore_certificate_errors: b.ignore_certificate_errors,
    };
    let browser = chromium::launch(&options).await?;
    let conn = cdp::Connection::connect(&browser.ws_url).await?;
    // Service and shared workers are the browser's, not a page's: it attaches them here, each
    // routed to the visit that owns its browser context (visit.rs), waiting to run until then.
    let workers = json!([{ "type": "service_worker" }, { "type": "shared_worker" }]);
    conn.call(None, "Target.setAutoAttach", json!({ "autoAttach": true, "waitForDebuggerOnStart": true, "flatten": true, "filter": workers }))
        .await?;
    let crawl_options = crawl::CrawlOptions {
        pages: pages.max(1),
        sitemap,
        concurrency: b.concurrency,
        timeout: Duration::from_secs(b.timeout.max(1)),
        states: State::ALL.to_vec(),
    };
    let (results, notes) = crawl::crawl(conn.clone(), &start, &crawl_options).await?;
    let _ = conn.call(None, "Browser.close", serde_json::json!({})).await;
    browser.wait_closed().await;
    Ok((start.to_string(), results, notes))
}

fn read_config(path: &std::path::Path) -> Result<Config, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    parse_config(&text).map_err(|errors| errors.iter().map(|e| format!("{}: {e}", path.display())).collect::<Vec<_>>().join("\n"))
}

async fn scan(url: &str, pages: usize, sitemap: bool, out: &std::path::Path, b: &BrowserArgs, classifier: &Classifier) -> Result<ExitCode, String> {
    let (site, results, notes) = crawl_site(url, pages, sitemap, b).await?;
    let config = findings::page_config(&results).unwrap_or_default();
    let found = findings::build(&site, results, notes, classifier, &config);
    let (draft, dropped) = draft_config::draft(&found, &config, classifier);
    std::fs::create_dir_all(out).map_err(|e| format!("{}: cannot create: {e}", out.display()))?;
    let write = |name: &str, text: String| {
        let path = out.join(name);
        std::fs::write(&path, text).map_err(|e| format!("{}: cannot write: {e}", path.display()))
    };
    write("scan.json", serde_json::to_string_pretty(&found).map_err(|e| e.to_string())?)?;
    write("report.html", html_report::render(&found))?;
    write("crumbs.config.draft.json", serde_json::to_string_pretty(&draft).map_err(|e| e.to_string())? + "\n")?;
    for d in dropped {
        eprintln!("left out of the draft (crumbs check refuses the name, or it is declared already): {}", audit::printable(&d));
    }
    let failed = found.pages.iter().filter(|p| p.visits.iter().any(|v| v.error.is_some())).count();
    println!(
        "{} pages ({failed} with problems), {} cookies, {} storage keys, {} vendors, {} frames, {} workers, {} forms ({} off site); wrote {}/scan.json, report.html, crumbs.config.draft.json",
        found.pages.len(),
        found.cookies.len(),
        found.storage.len(),
        found.vendors.len(),
        found.frames.len(),
        found.workers.len(),
        found.forms.len(),
        found.forms.iter().filter(|f| f.flagged()).count(),
        out.display()
    );
    Ok(ExitCode::SUCCESS)
}

async fn audit(
    url: &str,
    config: Option<&std::path::Path>,
    pages: usize,
    json: bool,
    b: &BrowserArgs,
    classifier: &Classifier,
) -> Result<ExitCode, String> {
    let declared = config.map(read_config).transpose()?;
    let (site, results, notes) = crawl_site(url, pages, false, b).await?;
    let config = declared.clone().or_else(|| findings::page_config(&results)).unwrap_or_default();
    let found = findings::build(&site, results, notes, classifier, &config);
    let a = audit::audit(&found, declared.as_ref());
    if json {
        println!("{}", serde_json::to_string_pretty(&a).map_err(|e| e.to_string())?);
    } else {
        print!("{}", audit::render(&a, &site, &findings::page_host(&site), declared.is_some()));
    }
    Ok(if a.passed() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
