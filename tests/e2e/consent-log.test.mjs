// Consent-log delivery against the real server (crumbs serve, SQLite): with the endpoint down,
// the visitor decides and moves on; when the server is back, the record arrives exactly once.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { crumbsBin, freePort, startConsentLog } from '../../scripts/consent-log.mjs';
import { startServer } from '../../scripts/serve.mjs';
import { chromiumArgs, reachForBanner } from './harness.mjs';

const env = {};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** The first retry's longest delay (`retry_delay_ms(0, …)`: a 1 s cap), and timer slop. */
const FIRST_RETRY_MS = 1000;
const SLOP_MS = 400;

async function exported(log) {
  const r = await fetch(`${log.url}/v1/consents?format=ndjson`, { headers: { Authorization: `Bearer ${log.adminToken}` } });
  return (await r.text()).trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

/** The log's endpoint, and a browser context whose config posts there. */
async function logContext() {
  const endpoint = `http://127.0.0.1:${env.logPort}/v1/consents`;
  const context = await env.browser.newContext();
  await context.route('**/log.config.json', (route) => route.fulfill({ json: { revision: 2, endpoint } }));
  return { context, endpoint };
}

/** Every fetch the context POSTs to `endpoint`, as it leaves the browser: when, and the records
 *  its body carries. (A beacon sent as the page goes away is not reported: see recordingProxy.) */
function watchPosts(context, endpoint) {
  const posts = [];
  context.on('request', (r) => {
    if (r.url() === endpoint && r.method() === 'POST') posts.push({ at: performance.now(), records: JSON.parse(r.postData() ?? 'null'), request: r });
  });
  return posts;
}

const ids = (records) => records.map((r) => [r.consentId, r.seq, r.method]);
const origin = () => env.site.url.replace(/\/$/, '');
/** A cross-origin answer the page may read (the real log allows the site's origin too). */
const answer = (status) => ({ status, headers: { 'Access-Control-Allow-Origin': origin() }, json: { error: `test: ${status}` } });

async function decide(page) {
  await page.goto(`${env.site.url}test/log/one.html`);
  await page.evaluate(() => window.crumbs.ready);
  await page.locator('[data-action="accept-all"]').click();
  return page.evaluate(() => window.crumbs.getConsent());
}

async function until(what, check, ms = 5000) {
  for (const end = performance.now() + ms; !check();) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** A pass-through proxy on `port` in front of the log at `target`, recording each POST as it
 *  arrives on the wire: Playwright reports no request for a beacon sent as a page goes away. */
async function recordingProxy(port, target) {
  const posts = [];
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const post = req.method === 'POST' ? { headers: req.headers, records: JSON.parse(body.toString() || 'null'), status: null } : null;
      if (post) posts.push(post);
      const out = httpRequest(new URL(req.url, target), { method: req.method, headers: req.headers }, (answer) => {
        if (post) post.status = answer.statusCode;
        res.writeHead(answer.statusCode, answer.headers);
        answer.pipe(res);
      });
      out.end(body);
    });
  });
  await new Promise((r) => server.listen(port, '127.0.0.1', r));
  return { posts, close: () => new Promise((r) => server.close(r)) };
}

before(async () => {
  env.logPort = await freePort();
  env.site = await startServer({ port: 0, connectSrc: `http://127.0.0.1:${env.logPort}` });
  env.browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: chromiumArgs });
});
after(async () => {
  await env.browser?.close();
  await env.site?.close();
});

test('endpoint down: decide, navigate, server back; the record arrives exactly once', async () => {
  const db = join(mkdtempSync(join(tmpdir(), 'crumbs-log-')), 'log.sqlite');
  const origin = env.site.url.replace(/\/$/, '');
  const context = await env.browser.newContext();
  await context.route('**/log.config.json', (route) => route.fulfill({ json: { revision: 2, endpoint: `http://127.0.0.1:${env.logPort}/v1/consents` } }));
  const posts = watchPosts(context, `http://127.0.0.1:${env.logPort}/v1/consents`);
  const page = await context.newPage();
  await page.goto(`${env.site.url}test/log/one.html`);
  await page.evaluate(() => window.crumbs.ready);
  await page.locator('[data-action="accept-all"]').click();
  const consent = await page.evaluate(() => window.crumbs.getConsent());
  await page.waitForFunction(() => localStorage.getItem('crumbs_log_queue'), null, { timeout: 5000 });
  await page.locator('#next').click();
  await page.waitForURL('**/two.html');
  await page.evaluate(() => window.crumbs.ready);
  assert.ok(await page.evaluate(() => localStorage.getItem('crumbs_log_queue')), 'still queued while the log is down');

  const log = await startConsentLog({ db, origins: [origin], port: env.logPort });
  try {
    let rows = [];
    for (let i = 0; i < 150 && rows.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 200));
      rows = await exported(log);
    }
    await page.waitForFunction(() => !localStorage.getItem('crumbs_log_queue'), null, { timeout: 10_000 });
    await page.reload(); // a fresh page view must not send it again
    await page.evaluate(() => window.crumbs.ready);
    await new Promise((r) => setTimeout(r, 500));
    rows = await exported(log);
    assert.equal(rows.length, 1, JSON.stringify(rows));
    // The log stores a resend once, so count the POSTs: the one it answered is the last one sent.
    const answers = await Promise.all(posts.map(async (p) => (await p.request.response())?.status() ?? 'failed'));
    assert.deepEqual(answers.slice(-1), [201], JSON.stringify(answers));
    assert.ok(answers.slice(0, -1).every((a) => a === 'failed'), JSON.stringify(answers));
    assert.equal(rows[0].consentId, consent.consentId);
    assert.equal(rows[0].seq, 1);
    assert.equal(rows[0].method, 'accept_all');
    assert.equal(rows[0].page, `${origin}/test/log/one.html`);
    assert.deepEqual(rows[0].granted, ['necessary', 'performance', 'functionality', 'targeting']);
  } finally {
    await log.stop();
    await context.close();
  }
  const verify = spawn(crumbsBin, ['verify-log', '--db', db]);
  assert.equal(await new Promise((r) => verify.once('exit', r)), 0, 'the chain verifies');
});

test('GPC: the automatic refusal reaches the log before the visitor decides, and their choice follows it', async () => {
  const db = join(mkdtempSync(join(tmpdir(), 'crumbs-log-')), 'log.sqlite');
  const origin = env.site.url.replace(/\/$/, '');
  const log = await startConsentLog({ db, origins: [origin], port: env.logPort });
  const context = await env.browser.newContext();
  try {
    await context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }));
    await context.route('**/log.config.json', (route) => route.fulfill({ json: { revision: 2, endpoint: `http://127.0.0.1:${env.logPort}/v1/consents` } }));
    const page = await context.newPage();
    await page.goto(`${env.site.url}test/log/one.html`);
    await page.evaluate(() => window.crumbs.ready);
    const auto = await page.evaluate(() => window.crumbs.getConsent());
    assert.equal(auto.byVisitor, false);
    await page.waitForFunction(() => !localStorage.getItem('crumbs_log_queue'), null, { timeout: 10_000 });
    await page.locator('[data-action="accept-all"]').click();
    await page.waitForFunction(() => window.crumbs.getConsent()?.seq === 2);
    await page.waitForFunction(() => !localStorage.getItem('crumbs_log_queue'), null, { timeout: 10_000 });
    const rows = await exported(log);
    assert.deepEqual(rows.map((r) => [r.consentId, r.seq, r.method, r.gpc]),
      [[auto.consentId, 1, 'gpc', true], [auto.consentId, 2, 'accept_all', true]]);
    assert.ok(!rows[1].granted.includes('targeting'), 'the signal still refuses targeting after "Accept all"');
  } finally {
    await log.stop();
    await context.close();
  }
});

test('sixty decisions queued while the endpoint is down all reach the log: batches stay within the server\'s limits', async () => {
  const db = join(mkdtempSync(join(tmpdir(), 'crumbs-log-')), 'log.sqlite');
  const origin = env.site.url.replace(/\/$/, '');
  const context = await env.browser.newContext();
  await context.route('**/log.config.json', (route) => route.fulfill({ json: { revision: 2, endpoint: `http://127.0.0.1:${env.logPort}/v1/consents` } }));
  const page = await context.newPage();
  const refused = [];
  page.on('console', (m) => { if (/refused/.test(m.text())) refused.push(m.text()); });
  await page.goto(`${env.site.url}test/log/one.html`);
  await page.evaluate(() => window.crumbs.ready);
  await page.evaluate(() => { for (let i = 0; i < 60; i++) window.crumbs.accept(i % 2 ? ['performance'] : []); });
  assert.equal((await page.evaluate(() => window.crumbs.getConsent())).seq, 60);
  const log = await startConsentLog({ db, origins: [origin], port: env.logPort });
  try {
    await page.reload(); // the next page view sends what is queued
    await page.evaluate(() => window.crumbs.ready);
    await page.waitForFunction(() => !localStorage.getItem('crumbs_log_queue'), null, { timeout: 20_000 });
    const rows = await exported(log);
    assert.deepEqual(rows.map((r) => r.seq), Array.from({ length: 60 }, (_, i) => i + 1));
    assert.deepEqual(refused, [], 'no batch was refused');
  } finally {
    await log.stop();
    await context.close();
  }
});

test('log up: one decision is exactly one POST carrying it, and no later page view sends it again', async () => {
  const db = join(mkdtempSync(join(tmpdir(), 'crumbs-log-')), 'log.sqlite');
  const log = await startConsentLog({ db, origins: [origin()], port: env.logPort });
  const { context, endpoint } = await logContext();
  const posts = watchPosts(context, endpoint);
  try {
    const page = await context.newPage();
    const consent = await decide(page);
    await until('the POST', () => posts.length > 0);
    await page.waitForFunction(() => !localStorage.getItem('crumbs_log_queue'), null, { timeout: 5000 });
    assert.equal((await posts[0].request.response())?.status(), 201, 'the log stored it');
    await page.locator('#next').click();
    await page.waitForURL('**/two.html');
    await page.evaluate(() => window.crumbs.ready);
    await page.reload();
    await page.evaluate(() => window.crumbs.ready);
    await sleep(FIRST_RETRY_MS);
    assert.deepEqual(posts.map((p) => ids(p.records)), [[[consent.consentId, 1, 'accept_all']]], 'one POST, one record');
    assert.equal((await exported(log)).length, 1);
  } finally {
    await context.close();
    await log.stop();
  }
});

test('pagehide: a record still queued (its POST unanswered) goes by sendBeacon, and the log stores it', async () => {
  const db = join(mkdtempSync(join(tmpdir(), 'crumbs-log-')), 'log.sqlite');
  const log = await startConsentLog({ db, origins: [origin()] });
  const wire = await recordingProxy(env.logPort, log.url);
  const { context, endpoint } = await logContext();
  const posts = watchPosts(context, endpoint);
  // The first POST is held unanswered (it never reaches the wire): the record stays queued, no retry is due.
  await context.route(endpoint, () => {}, { times: 1 });
  try {
    const page = await context.newPage();
    const consent = await decide(page);
    await until('the held POST', () => posts.length === 1);
    assert.ok(await page.evaluate(() => localStorage.getItem('crumbs_log_queue')), 'queued while unanswered');
    await page.goto('about:blank'); // a page without crumbs: only the beacon can send it
    await until('the beacon', () => wire.posts[0]?.status, 3000).catch(() => {});
    assert.equal(wire.posts.length, 1, 'one POST on the wire');
    // crumbs' fetch is a CORS request; a text/plain beacon is no-cors.
    assert.equal(wire.posts[0].headers['sec-fetch-mode'], 'no-cors', 'a beacon, not a fetch');
    assert.deepEqual(ids(wire.posts[0].records), [[consent.consentId, 1, 'accept_all']]);
    assert.equal(wire.posts[0].status, 201, 'the log took the beacon');
    assert.deepEqual(ids(await exported(log)), [[consent.consentId, 1, 'accept_all']]);
  } finally {
    await context.close();
    await wire.close();
    await log.stop();
  }
});

for (const status of [400, 409]) {
  test(`a record the log refuses with ${status} is dropped and reported, not retried`, async () => {
    const { context, endpoint } = await logContext();
    const posts = watchPosts(context, endpoint);
    await context.route(endpoint, (route) => route.fulfill(answer(status)));
    try {
      const page = await context.newPage();
      const errors = [];
      page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
      const consent = await decide(page);
      await page.waitForFunction(() => !localStorage.getItem('crumbs_log_queue'), null, { timeout: 5000 });
      await sleep(FIRST_RETRY_MS + SLOP_MS); // a retry would have come by now
      await page.reload();
      await page.evaluate(() => window.crumbs.ready);
      await sleep(SLOP_MS);
      assert.deepEqual(posts.map((p) => ids(p.records)), [[[consent.consentId, 1, 'accept_all']]], 'sent once');
      assert.ok(errors.some((e) => e.includes(`refused a record for good, with HTTP ${status}`)), JSON.stringify(errors));
    } finally {
      await context.close();
    }
  });
}

test('a 503 is retried on the backoff schedule, then the record is delivered once', async () => {
  const db = join(mkdtempSync(join(tmpdir(), 'crumbs-log-')), 'log.sqlite');
  const log = await startConsentLog({ db, origins: [origin()], port: env.logPort });
  const { context, endpoint } = await logContext();
  // A fixed jitter makes the schedule exact: retry_delay_ms(n, 0.5) is 3/4 of the cap, 750 ms then 1500 ms.
  await context.addInitScript(() => { Math.random = () => 0.5; });
  const schedule = [750, 1500];
  const posts = watchPosts(context, endpoint);
  let answered = 0;
  await context.route(endpoint, (route) => (answered++ < schedule.length ? route.fulfill(answer(503)) : route.fallback()));
  try {
    const page = await context.newPage();
    const warnings = [];
    page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
    const consent = await decide(page);
    await page.waitForFunction(() => !localStorage.getItem('crumbs_log_queue'), null, { timeout: 5000 });
    await sleep(FIRST_RETRY_MS + SLOP_MS); // nothing more may follow the delivery
    assert.equal(posts.length, schedule.length + 1, 'two 503s, then the one that is stored');
    for (const p of posts) assert.deepEqual(ids(p.records), [[consent.consentId, 1, 'accept_all']]);
    schedule.forEach((delay, i) => {
      const gap = posts[i + 1].at - posts[i].at;
      assert.ok(gap >= delay - 50 && gap <= delay + SLOP_MS, `retry ${i + 1} came ${gap.toFixed(0)} ms after the last, not ~${delay} ms`);
    });
    assert.equal((await posts.at(-1).request.response())?.status(), 201);
    assert.equal((await exported(log)).length, 1);
    assert.equal(warnings.filter((w) => w.includes('unreachable')).length, 1, JSON.stringify(warnings));
  } finally {
    await context.close();
    await log.stop();
  }
});

/** What the banner (and, when open, the preferences) shows, read from the page as the visitor
 *  sees it, by the text keys the log records it under. */
function shownOnPage(page) {
  return page.evaluate(() => {
    const root = document.getElementById('crumbs').shadowRoot;
    const text = (sel) => root.querySelector(sel)?.textContent;
    const out = {
      bannerTitle: text('#crumbs-title'), bannerText: root.querySelector('#crumbs-text')?.firstChild.textContent,
      policyLink: text('#crumbs-text a'), acceptAll: text('[data-crumbs="banner"] [data-action="accept-all"]'),
      rejectAll: text('[data-crumbs="banner"] [data-action="reject-all"]'), preferences: text('[data-crumbs="banner"] [data-action="preferences"]'),
    };
    if (root.querySelector('[data-crumbs="preferences"]')) {
      out.preferencesTitle = text('#crumbs-prefs-title');
      out.saveChoices = text('[data-action="save"]');
      for (const c of ['necessary', 'performance', 'functionality', 'targeting']) {
        out[`${c}Title`] = text(`label[for="crumbs-data-category-${c}"]`);
        out[`${c}Description`] = text(`#crumbs-data-category-${c}-desc`);
      }
    }
    return out;
  });
}

/** The log's `textsHash` of a texts object: SHA-256 of its JSON with sorted keys (RFC 8785). */
const textsHash = (texts) => createHash('sha256').update(JSON.stringify(Object.fromEntries(Object.entries(texts).sort(([a], [b]) => (a < b ? -1 : 1))))).digest('hex');

test('every record carries the texts the banner showed, in the visitor\'s language, from the decision module and from the full core alike', async () => {
  const db = join(mkdtempSync(join(tmpdir(), 'crumbs-log-')), 'log.sqlite');
  const log = await startConsentLog({ db, origins: [origin()], port: env.logPort });
  const endpoint = `http://127.0.0.1:${env.logPort}/v1/consents`;
  const config = { revision: 2, endpoint, language: 'de', policyUrl: '/privacy.html' };
  try {
    // A first visit's "Reject all", decided by the decision module: no full core before the click.
    const first = await env.browser.newContext();
    await first.route('**/log.config.json', (route) => route.fulfill({ json: config }));
    const posts = watchPosts(first, endpoint);
    const fetched = [];
    first.on('request', (r) => fetched.push(r.url()));
    const page = await first.newPage();
    const decideModule = page.waitForResponse((r) => r.url().endsWith('/crumbs-decide.wasm'));
    await page.goto(`${env.site.url}test/log/one.html`);
    await page.locator('#crumbs [data-action="reject-all"]').waitFor();
    await reachForBanner(page);
    await decideModule;
    const banner = await shownOnPage(page);
    assert.equal(banner.rejectAll, 'Alle ablehnen', 'a German banner');
    assert.ok(!fetched.some((u) => u.endsWith('crumbs_bg.wasm')), 'the full core is not in before the click');
    await page.locator('#crumbs [data-action="reject-all"]').click();
    await until('the POST', () => posts.length > 0, 10_000);
    await page.waitForFunction(() => !localStorage.getItem('crumbs_log_queue'), null, { timeout: 10_000 });
    const [sent] = posts[0].records;
    assert.equal(sent.method, 'reject_all');
    // The banner's texts as the visitor saw them, and nothing that was not resolved from the page's wording.
    for (const [key, value] of Object.entries(banner)) assert.equal(sent.texts[key], value, key);
    assert.deepEqual(Object.keys(sent.texts).filter((k) => !(k in banner)).sort(),
      ['functionalityDescription', 'functionalityTitle', 'necessaryDescription', 'necessaryTitle', 'performanceDescription',
        'performanceTitle', 'preferencesTitle', 'saveChoices', 'targetingDescription', 'targetingTitle']);

    // The full core's path: the preferences open (their texts are the record's too), then "Accept all".
    const second = await env.browser.newContext();
    await second.route('**/log.config.json', (route) => route.fulfill({ json: config }));
    const posts2 = watchPosts(second, endpoint);
    const page2 = await second.newPage();
    await page2.goto(`${env.site.url}test/log/one.html`);
    await page2.evaluate(() => window.crumbs.ready);
    const preferences = await shownOnPage(page2);
    await page2.locator('#crumbs [data-crumbs="banner"] [data-action="preferences"]').click();
    await page2.locator('#crumbs [data-crumbs="preferences"]').waitFor();
    for (const [key, value] of Object.entries(await shownOnPage(page2))) if (value !== undefined) preferences[key] = value;
    await page2.locator('#crumbs [data-crumbs="preferences"] [data-action="accept-all"]').click();
    await until('the POST', () => posts2.length > 0, 10_000);
    await page2.waitForFunction(() => !localStorage.getItem('crumbs_log_queue'), null, { timeout: 10_000 });
    const [sent2] = posts2[0].records;
    assert.equal(sent2.method, 'accept_all');
    assert.deepEqual(sent2.texts, preferences, 'exactly what the banner and the preferences showed');
    assert.deepEqual(sent2.texts, sent.texts, 'both modules log one version');

    // Stored: each record names the texts by hash, in place of the texts.
    const rows = await exported(log);
    assert.deepEqual(rows.map((r) => r.method), ['reject_all', 'accept_all']);
    for (const r of rows) {
      assert.equal(r.texts, undefined, 'the texts are kept apart');
      assert.equal(r.textsHash, textsHash(sent.texts));
    }
    await first.close();
    await second.close();
  } finally {
    await log.stop();
  }
  const verify = spawn(crumbsBin, ['verify-log', '--db', db]);
  assert.equal(await new Promise((r) => verify.once('exit', r)), 0, 'the chain verifies');
});
