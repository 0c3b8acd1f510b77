// Shared set-up for the end-to-end suites: the static server on a random port, headless
// Chromium through playwright-core, and per-page collection of console errors, page errors,
// CSP violations and requests.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import { freePort, startConsentLog } from '../../scripts/consent-log.mjs';
import { startServer } from '../../scripts/serve.mjs';

const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
/** Every vendor host the reference sites (www/sites/) use, including ones that must never be
 *  requested (Zoom and social-login links): all answered by the local test servers. */
export const SITE_VENDOR_HOSTS = ['region1.google-analytics.com', 'js.hs-scripts.com', 'js.hs-analytics.net', 'track.hubspot.com',
  'js.hsforms.net', 'forms.hsforms.com', 's3.amazonaws.com', 'us21.list-manage.com', 'www.google.com', 'www.gstatic.com',
  'fonts.googleapis.com', 'fonts.gstatic.com', 'secure.gravatar.com', 'www.eventbrite.co.uk', 'm.stripe.com', 'zoom.us',
  '*.zoom.us', 'www.linkedin.com', 'accounts.google.com'];

/** Chromium flags for this machine: no sandbox as root, no background traffic. */
export const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  // The vendor stand-ins are served over https with a throwaway self-signed certificate.
  '--ignore-certificate-errors',
  // Test host names, all served by the local test server.
  '--host-resolver-rules=MAP example.co.uk 127.0.0.1, MAP *.example.co.uk 127.0.0.1, MAP www.googletagmanager.com 127.0.0.1, '
    + 'MAP connect.facebook.net 127.0.0.1, MAP static.hotjar.com 127.0.0.1, MAP www.youtube.com 127.0.0.1, MAP js.stripe.com 127.0.0.1, '
    + 'MAP tracker.unknown-vendor.example 127.0.0.1, MAP player.vimeo.com 127.0.0.1, MAP cdn.mxpnl.com 127.0.0.1, '
    // The reference sites' vendors (www/sites/vendors/ stand-ins).
    + SITE_VENDOR_HOSTS.map((h) => `MAP ${h} 127.0.0.1`).join(', ')];

/** The third-party test hosts, for filtering requests. */
export const THIRD_PARTY = /^https?:\/\/(www\.googletagmanager\.com|connect\.facebook\.net|static\.hotjar\.com|www\.youtube\.com|js\.stripe\.com|tracker\.unknown-vendor\.example|player\.vimeo\.com|cdn\.mxpnl\.com)[:/]/;

/** Filled by `before`: `{ server, browser }`. */
export const env = {};

/** Registers the server and browser for the calling test file. */
export function useBrowser() {
  before(async () => {
    // Vendor hosts such as js.stripe.com are on browsers' HSTS preload list: they need https.
    const dir = mkdtempSync(join(tmpdir(), 'crumbs-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=crumbs-test',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    env.tls = await startServer({ port: 0, tls: { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) } });
    rmSync(dir, { recursive: true, force: true });
    // The real consent log, behind the sites' own /v1/ (the charity config posts there).
    env.logDir = mkdtempSync(join(tmpdir(), 'crumbs-log-'));
    const logPort = await freePort();
    env.server = await startServer({ port: 0, vars: { TLS_PORT: env.tls.port }, consentLog: `http://127.0.0.1:${logPort}` });
    const port = new URL(env.server.url).port;
    // The institute's site and subdomains (www/sites/institute/, on *.institute.localhost) post too.
    const origins = ['127.0.0.1', 'www.example.co.uk', 'www.institute.localhost', '10years.institute.localhost', 'logbook.institute.localhost']
      .map((h) => `http://${h}:${port}`);
    env.log = await startConsentLog({ db: join(env.logDir, 'log.sqlite'), port: logPort, origins, rateLimit: 1000, trustProxy: true });
    env.browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
    await env.tls?.close();
    await env.log?.stop();
    if (env.logDir) rmSync(env.logDir, { recursive: true, force: true });
  });
}

/** The absolute URL of a path on the test server, optionally under a mapped test host name. */
export function url(path, host) {
  const u = new URL(path.replace(/^\//, ''), env.server.url);
  if (host) u.hostname = host;
  return u.href;
}

/**
 * A fresh context and page on `path`, waiting until crumbs started (unless `wait: false`).
 * Returns the page plus live arrays of console errors, page errors, CSP violations and
 * requested URLs.
 */
export async function open(path, { wait = true, contextOptions = {}, beforeGoto, host } = {}) {
  const context = await env.browser.newContext(contextOptions);
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    window.__cls = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  const page = await context.newPage();
  const seen = { errors: [], consoleErrors: [], pageErrors: [], requests: [] };
  page.on('console', (m) => { if (m.type() === 'error') seen.consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => seen.pageErrors.push(e.message));
  page.on('request', (r) => seen.requests.push(r.url()));
  trackNetwork(page);
  if (beforeGoto) await beforeGoto(page, context);
  await page.goto(url(path, host));
  if (wait) await page.evaluate(() => window.crumbs.ready);
  return { page, context, ...seen };
}

/** Cookie names in the context, sorted. */
export async function cookieNames(context) {
  return (await context.cookies()).map((c) => c.name).sort();
}

/** What the stand-in scripts recorded as having run. */
export async function ran(page) {
  return page.evaluate(() => (window.__demo ? window.__demo.ran : []));
}

/** CSP violations reported on the page. */
export async function cspViolations(page) {
  return page.evaluate(() => window.__csp);
}

/** Whether the first-layer banner is showing. */
export async function bannerShown(page) {
  return (await page.locator('[data-crumbs="banner"]').count()) === 1 && page.locator('[data-crumbs="banner"]').isVisible();
}

/**
 * Polls `read` until `done(value)` or `ms` pass; returns the last value. Cookie writes from the
 * page reach the browser's store (what context.cookies() reads) asynchronously.
 */
export async function settled(read, done, ms = 400) {
  const start = Date.now();
  let value = await read();
  while (!done(value) && Date.now() - start < ms) {
    await new Promise((r) => setTimeout(r, 25));
    value = await read();
  }
  return value;
}

/** A site's config, read from www/sites/<site>/crumbs.config.json. */
export function siteConfig(site) {
  return JSON.parse(readFileSync(new URL(`../../www/sites/${site}/crumbs.config.json`, import.meta.url), 'utf8'));
}

/** The category a cookie name is declared in (exact name, else the longest `prefix*`), or null. */
export function declaredCategory(config, name) {
  let best = null;
  for (const c of config.categories) {
    for (const d of c.cookies || []) {
      const len = d.name.endsWith('*') ? (name.startsWith(d.name.slice(0, -1)) ? d.name.length - 1 : -1) : (d.name === name ? Infinity : -1);
      if (len >= 0 && (!best || len > best.len)) best = { len, id: c.id };
    }
  }
  return best ? best.id : null;
}

const TABLE_TITLES = { necessary: 'Strictly necessary', performance: 'Performance', functionality: 'Functionality', targeting: 'Targeting' };

/** The policy-page tables crumbs rendered: category, caption, head and every cell. */
export function renderedTables(page) {
  return page.locator('[data-crumbs-table] table').evaluateAll((ts) => ts.map((t) => ({
    category: t.dataset.category,
    caption: t.caption.textContent,
    head: [...t.tHead.rows[0].cells].map((c) => c.textContent),
    rows: [...t.tBodies[0].rows].map((r) => [...r.cells].map((c) => c.textContent)),
  })));
}

/** The tables a config declares, in the same shape: one per category, in ICC order (crumbs
 *  shows all four; a category the config leaves out or leaves empty is "No cookies used"). */
export function declaredTables(config) {
  return Object.keys(TABLE_TITLES).map((id) => {
    const cookies = config.categories.find((c) => c.id === id)?.cookies || [];
    return {
      category: id,
      caption: TABLE_TITLES[id],
      head: ['Cookie', 'Provider', 'Purpose', 'Expires'],
      rows: cookies.length ? cookies.map((c) => [c.name, c.provider, c.purpose, c.expiry]) : [['No cookies used']],
    };
  });
}

/** Writes a PNG to screenshots/ (gitignored) and returns its path. */
export async function screenshot(page, name, options = {}) {
  const dir = new URL('../../screenshots/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  const path = new URL(`${name}.png`, dir).pathname;
  await page.screenshot({ path, ...options });
  return path;
}

/** The services that requests went to, given `[service, host, path regex]` rules; requests to
 *  the test server itself are skipped unless a rule names them (host `self`). A third-party
 *  request no rule knows is reported as `unknown <url>`. */
export function servicesOf(requests, rules) {
  const out = new Set();
  for (const r of requests) {
    const u = new URL(r);
    if (!/^https?:$/.test(u.protocol)) continue;
    const self = u.hostname === '127.0.0.1';
    const hit = rules.find(([, host, path]) => (host === 'self' ? self : host === u.hostname) && path.test(u.pathname));
    if (hit) out.add(hit[0]);
    else if (!self) out.add(`unknown ${r}`);
  }
  return [...out].sort();
}

/** Requests in flight per page (opened by `open`), and when that last changed. Playwright's own
 *  'networkidle' is reached once per navigation, so it cannot tell a later quiet moment. */
const network = new WeakMap();
function trackNetwork(page) {
  const s = { inFlight: 0, changed: Date.now() };
  network.set(page, s);
  page.on('request', () => { s.inFlight++; s.changed = Date.now(); });
  const done = () => { s.inFlight = Math.max(0, s.inFlight - 1); s.changed = Date.now(); };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
}

/**
 * Waits until the page has loaded, no request has been in flight for 500 ms (at most 5 s: a
 * request a test holds forever ends the wait), and `ms` more. An absence check ("nothing ran")
 * made only after this means something: a script crumbs wrongly released would have been
 * requested and run by then. Each such check has a control that releases the script and finds
 * it run within the same wait.
 */
export async function quiet(page, ms = 300) {
  await page.waitForLoadState('load');
  const s = network.get(page);
  const start = Date.now();
  while (s && Date.now() - start < 5000 && (s.inFlight > 0 || Date.now() - s.changed < 500)) await new Promise((r) => setTimeout(r, 25));
  await page.waitForTimeout(ms);
}

/** The requested URLs matching `re` (from `open`'s live `requests`, optionally from index `from`). */
export const requestsTo = (requests, re, from = 0) => requests.slice(from).filter((r) => re.test(r));

/** The full core's files (the first visit's fast path never requests them before there is work). */
export const isFullCore = (u) => u.endsWith('/dist/crumbs_bg.wasm') || u.endsWith('/dist/crumbs.js');

/** The visitor reaches for the banner: the pointer over it, which brings the decision module. */
export const reachForBanner = (page) => page.locator('#crumbs [data-crumbs="banner"]').hover();

/**
 * The first visit's fast path is ready for a click: the first-paint module drew the banner, the
 * visitor reached for it and the decision module has arrived (and a moment more, in which the
 * full core would be fetched, were it to start by itself).
 */
export async function decisionModuleIn(page) {
  await page.locator('#crumbs[data-crumbs-first-paint] >> [data-crumbs="banner"]').waitFor({ state: 'visible' });
  await reachForBanner(page);
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((r) => r.name.endsWith('/dist/crumbs-decide.wasm') && r.responseEnd > 0));
  await page.waitForTimeout(200);
}

/** An init script that turns the browser's Global Privacy Control signal on. */
export const withGpc = (p) => p.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }));
