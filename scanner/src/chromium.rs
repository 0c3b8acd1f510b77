//! Finding and launching headless Chromium: a fresh profile in a temporary folder, no
//! background traffic, the DevTools protocol on a random local port.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

/// What to launch and how.
#[derive(Clone, Debug, Default)]
pub struct LaunchOptions {
    /// `--chromium PATH`, else the usual install paths.
    pub chromium: Option<PathBuf>,
    /// Chromium's `--host-resolver-rules` (e.g. `MAP js.stripe.com 127.0.0.1`): tests map vendor
    /// hosts to local stand-ins, as tests/e2e/harness.mjs does.
    pub host_rules: Option<String>,
    /// Accept self-signed certificates (the tests' https stand-ins).
    pub ignore_certificate_errors: bool,
}

/// The usual places Chromium and Chrome are installed, per platform, in order of preference.
fn candidates() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = Vec::new();
    if cfg!(target_os = "macos") {
        for app in ["Chromium", "Google Chrome", "Google Chrome Canary", "Microsoft Edge"] {
            out.push(format!("/Applications/{app}.app/Contents/MacOS/{app}").into());
        }
    } else if cfg!(windows) {
        let bases = ["PROGRAMFILES", "PROGRAMFILES(X86)", "LOCALAPPDATA"].into_iter().filter_map(std::env::var_os);
        for base in bases {
            for rel in [r"Chromium\Application\chrome.exe", r"Google\Chrome\Application\chrome.exe", r"Microsoft\Edge\Application\msedge.exe"] {
                out.push(Path::new(&base).join(rel));
            }
        }
    } else {
        for p in [
            "/usr/bin/chromium",
            "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome",
            "/usr/bin/google-chrome-stable",
            "/snap/bin/chromium",
            "/opt/google/chrome/chrome",
        ] {
            out.push(p.into());
        }
    }
    out
}

/// The browser to run: `--chromium`, then `$CHROMIUM`, then the usual paths.
pub fn find(explicit: Option<&Path>) -> Result<PathBuf, String> {
    if let Some(p) = explicit {
        return if p.is_file() { Ok(p.to_path_buf()) } else { Err(format!("--chromium {}: no such file", p.display())) };
    }
    if let Some(p) = std::env::var_os("CHROMIUM").map(PathBuf::from).filter(|p| p.is_file()) {
        return Ok(p);
    }
    candidates()
        .into_iter()
        .find(|p| p.is_file())
        .ok_or_else(|| "no Chromium or Chrome found at the usual paths: install one, or pass --chromium PATH".to_string())
}

/// A running headless browser; killed, and its profile removed, when dropped.
pub struct Browser {
    child: Child,
    profile: PathBuf,
    /// The DevTools WebSocket URL.
    pub ws_url: String,
}

impl Browser {
    /// Waits (3 s at most) for the browser to exit after `Browser.close`, so that dropping it
    /// removes a profile nothing writes to any more.
    pub async fn wait_closed(mut self) {
        let _ = tokio::time::timeout(Duration::from_secs(3), self.child.wait()).await;
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.start_kill();
        // The profile folder may still be held for a moment by the exiting browser.
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// A fresh, empty profile folder under the system's temporary folder.
fn fresh_profile() -> Result<PathBuf, String> {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    let dir = std::env::temp_dir().join(format!("crumbs-scan-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: cannot create a browser profile: {e}", dir.display()))?;
    Ok(dir)
}

/// Launches Chromium headless and waits for its DevTools endpoint.
pub async fn launch(options: &LaunchOptions) -> Result<Browser, String> {
    let exe = find(options.chromium.as_deref())?;
    let profile = fresh_profile()?;
    let mut cmd = Command::new(&exe);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--mute-audio",
        // Cross-site frames in the page's own process: the page's Network domain then sees
        // every frame's requests (a scanner, not a browser people use).
        "--disable-site-isolation-trials",
        "--disable-features=IsolateOrigins,site-per-process",
        "--remote-debugging-port=0",
        "--remote-debugging-address=127.0.0.1",
    ]);
    cmd.arg(format!("--user-data-dir={}", profile.display()));
    if let Some(rules) = &options.host_rules {
        cmd.arg(format!("--host-resolver-rules={rules}"));
    }
    if options.ignore_certificate_errors {
        cmd.arg("--ignore-certificate-errors");
    }
    cmd.arg("about:blank").stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::piped()).kill_on_drop(true);
    let mut child = cmd.spawn().map_err(|e| format!("{}: cannot start: {e}", exe.display()))?;
    let stderr = child.stderr.take().ok_or("no stderr from Chromium")?;
    let mut lines = BufReader::new(stderr).lines();
    let found = tokio::time::timeout(Duration::from_secs(30), async {
        let mut tail = Vec::new();
        while let Ok(Some(line)) = lines.next_line().await {
            if let Some(url) = line.strip_prefix("DevTools listening on ") {
                return Ok(url.trim().to_string());
            }
            tail.push(line);
        }
        Err(format!("Chromium exited before its DevTools endpoint was up:\n{}", tail.join("\n")))
    })
    .await;
    let ws_url = match found {
        Ok(Ok(u)) => u,
        Ok(Err(e)) => return Err(e),
        Err(_) => return Err(format!("{}: no DevTools endpoint after 30 s", exe.display())),
    };
    // Keep draining stderr so a chatty browser never blocks on a full pipe.
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    Ok(Browser { child, profile, ws_url })
}
