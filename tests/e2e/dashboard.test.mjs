// The site owner's dashboard (/admin/ of `crumbs serve`) in real Chromium, on a log seeded with
// known rates: the numbers shown, sign-in and sessions, CSRF, axe-core, keyboard-only use and
// the strict CSP (0 violations).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { freePort, startConsentLog } from '../../scripts/consent-log.mjs';
import { startServer } from '../../scripts/serve.mjs';
import { dayAgo, SEED_ORIGIN, seedId, seedLog } from '../../scripts/dashboard-seed.mjs';
import { chromiumArgs } from './harness.mjs';

const env = {};
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

before(async () => {
  env.dir = mkdtempSync(join(tmpdir(), 'crumbs-dashboard-'));
  // A site beside the log, whose banner's records the proof page must show as the banner showed them.
  const logPort = await freePort();
  env.site = await startServer({ port: 0, connectSrc: `http://127.0.0.1:${logPort}` });
  env.siteOrigin = env.site.url.replace(/\/$/, '');
  env.log = await startConsentLog({ db: join(env.dir, 'log.sqlite'), origins: [SEED_ORIGIN, env.siteOrigin], rateLimit: 1000, port: logPort });
  await seedLog(env.log.url);
  env.browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: chromiumArgs });
  // One session for the tests that are not about signing in: sign-in allows five attempts at once per address.
  const { context, page } = await fresh();
  await signIn(page);
  env.signedIn = await context.storageState();
  await context.close();
});
after(async () => {
  await env.browser?.close();
  await env.log?.stop();
  await env.short?.stop();
  await env.site?.close();
  if (env.dir) rmSync(env.dir, { recursive: true, force: true });
});

/** A fresh context and page, collecting CSP violations, console errors and page errors. */
async function fresh(contextOptions = {}) {
  const context = await env.browser.newContext(contextOptions);
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = await context.newPage();
  const seen = { errors: [] };
  page.on('console', (m) => { if (m.type() === 'error') seen.errors.push(m.text()); });
  page.on('pageerror', (e) => seen.errors.push(e.message));
  return { context, page, seen };
}

async function signIn(page, token = env.log.adminToken, log = env.log) {
  await page.goto(`${log.url}/admin/`);
  assert.equal(new URL(page.url()).pathname, '/admin/login', 'signed out: sent to sign in');
  await page.getByLabel('Admin token').fill(token);
  const [answer] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/admin/login') && r.request().method() === 'POST'),
    page.getByRole('button', { name: 'Sign in' }).click()]);
  await page.waitForLoadState();
  return answer;
}

const texts = (page, selector) => page.locator(selector).evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.textContent.trim())));

test('the sign-in page has 0 axe-core violations', async () => {
  const { context, page } = await fresh({ bypassCSP: true });
  await page.goto(`${env.log.url}/admin/login`);
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => (await window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
  })).violations.map((v) => v.id));
  assert.deepEqual(violations, []);
  await context.close();
});

test('a wrong token is refused; the right one signs in to the overview, which shows exactly the seeded numbers', async () => {
  const { context, page, seen } = await fresh();
  const wrong = await signIn(page, 'wrong-token-0123456789ab');
  assert.equal(wrong.status(), 401);
  await page.getByRole('alert').filter({ hasText: 'That is not the admin token.' }).waitFor();
  assert.deepEqual(await context.cookies(), [], 'no session for a wrong token');
  const right = await signIn(page);
  assert.equal(right.status(), 303);
  assert.equal(new URL(page.url()).pathname, '/admin/');
  const [cookie] = await context.cookies();
  assert.deepEqual([cookie.name, cookie.httpOnly, cookie.sameSite, cookie.path], ['crumbs_admin', true, 'Strict', '/admin']);
  assert.ok(cookie.expires > Date.now() / 1000 && cookie.expires < Date.now() / 1000 + 3700, 'the session cookie expires');

  await page.getByLabel('From').fill(dayAgo(3));
  await page.getByLabel('To').fill(dayAgo(0));
  await page.getByRole('button', { name: 'Show' }).click();
  await page.waitForURL(/from=/);
  assert.equal(await page.locator('#total').textContent(), '12');
  assert.equal(await page.locator('#flagged').textContent(), '1');
  assert.deepEqual(await texts(page, '#days tbody tr'), [
    [dayAgo(2), '10', '40.0%', '30.0%', '20.0%', '10.0%', '0.0%'],
    [dayAgo(1), '2', '50.0%', '50.0%', '0.0%', '0.0%', '0.0%'],
  ]);
  assert.deepEqual(await texts(page, '#days tfoot tr'), [['All days', '12', '41.7%', '33.3%', '16.7%', '8.3%', '0.0%']]);
  assert.deepEqual(await texts(page, '#categories tbody tr'), [
    ['Performance', '7', '5', '58.3%'], ['Functionality', '6', '6', '50.0%'], ['Targeting', '5', '7', '41.7%']]);
  // The charts are drawn: one stacked bar per day with decisions, and the rates written beside their bars.
  assert.equal(await page.locator('svg.chart rect.accept').count(), 2);
  assert.deepEqual(await page.locator('svg.chart text.label').allTextContents(),
    ['Performance', '58.3%', 'Functionality', '50.0%', 'Targeting', '41.7%']);
  const box = await page.locator('svg.chart rect.accept').first().boundingBox();
  assert.ok(box.height > 10 && box.width > 3, `a visible bar: ${JSON.stringify(box)}`);
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(seen.errors.filter((e) => !e.includes('status of 401 (Unauthorized)')), [], 'only the wrong token\'s answer');
  await context.close();
});

test('records filter by page, method and revision; proof shows the chain and renders page data as text', async () => {
  const { context, page, seen } = await fresh({ storageState: env.signedIn });
  await page.goto(`${env.log.url}/admin/`);
  await page.getByRole('link', { name: 'Records' }).click();
  assert.equal(await page.locator('#shown').textContent(), '13');
  await page.getByLabel('Method').selectOption('custom');
  await page.getByRole('button', { name: 'Filter' }).click();
  await page.waitForURL(/method=custom/);
  assert.equal(await page.locator('#records tbody tr').count(), 2);
  await page.getByLabel('Method').selectOption('');
  await page.getByLabel('Page contains').fill('/pricing');
  await page.getByLabel('Revision').fill('4');
  await page.getByRole('button', { name: 'Filter' }).click();
  await page.waitForURL(/revision=4/);
  assert.deepEqual((await texts(page, '#records tbody tr')).map((r) => [r[1], r[3], r[4]]),
    [[seedId(9), 'custom', '4'], [seedId(8), 'custom', '4']]);
  await page.getByRole('link', { name: seedId(8) }).click();
  await page.getByRole('heading', { name: 'Decision 1: row 8 of 13' }).waitFor();
  assert.match(await page.locator('.proof').textContent(), /the row's hash and the payload hash recompute from what is stored/);
  assert.match(await page.locator('pre.record').textContent(), /"page":"https:\/\/site.example\/pricing"/);
  await page.getByRole('button', { name: 'Print or save as PDF' }).waitFor();
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test('export downloads a CSV of the range, streamed; the proof prints without the navigation', async () => {
  const { context, page, seen } = await fresh({ storageState: env.signedIn, acceptDownloads: true });
  await page.goto(`${env.log.url}/admin/export`);
  await page.getByLabel('From').fill(dayAgo(0));
  await page.getByLabel('To').fill(dayAgo(0));
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download' }).click()]);
  assert.equal(download.suggestedFilename(), `consents-${dayAgo(0)}-${dayAgo(0)}.csv`);
  const csv = readFileSync(await download.path(), 'utf8').trim().split('\n');
  assert.equal(csv.length, 14, 'a header and the 13 records received today');
  assert.match(csv[0], /^received_at,consent_id,seq,decided_at,revision,method,/);
  await page.goto(`${env.log.url}/admin/proof?id=${seedId(2)}`);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('header.top').isVisible(), false, 'no navigation on paper');
  assert.equal(await page.getByRole('button', { name: 'Print or save as PDF' }).isVisible(), false);
  assert.equal(await page.locator('section.proof').isVisible(), true);
  const pdf = await page.pdf();
  assert.ok(pdf.length > 5000 && pdf.subarray(0, 5).toString() === '%PDF-', `a PDF of ${pdf.length} bytes`);
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test('a form without the CSRF token fails, and nothing is erased', async () => {
  const { context, page } = await fresh({ storageState: env.signedIn });
  await page.goto(`${env.log.url}/admin/integrity`);
  await page.locator('main input[name="csrf"]').evaluate((i) => i.remove());
  const [answer] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: 'Verify the log' }).click()]);
  assert.equal(answer.status(), 403);
  await page.getByText('did not carry the session\'s CSRF token').waitFor();
  const status = await page.evaluate(async (id) => (await fetch('/admin/erase', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: `id=${id}&confirm=yes` })).status, seedId(6));
  assert.equal(status, 403);
  await page.goto(`${env.log.url}/admin/proof?id=${seedId(6)}`);
  assert.match(await page.locator('pre.record').textContent(), /reject_all/, 'still there');
  await context.close();
});

test('keyboard alone: sign in, verify the log, find a record, erase it through the confirmation, sign out', async () => {
  const { context, page, seen } = await fresh();
  await page.goto(`${env.log.url}/admin/login`);
  /** Presses Tab until the focused element matches `selector`. */
  const tabTo = async (selector) => {
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return;
    }
    throw new Error(`Tab never reached ${selector}`);
  };
  await tabTo('#token');
  await page.keyboard.type(env.log.adminToken);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Overview' }).waitFor();
  await tabTo('a.skip');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main', 'the skip link moves focus to the content');
  await page.goto(`${env.log.url}/admin/`);
  await tabTo('a[href="/admin/integrity"]');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Integrity' }).waitFor();
  await tabTo('main button');
  await page.keyboard.press('Enter');
  await page.locator('#verdict').filter({ hasText: 'The chain is intact: 13 rows.' }).waitFor();
  await tabTo('a[href="/admin/erase"]');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Erasure' }).waitFor();
  await tabTo('#id');
  await page.keyboard.type(seedId(12));
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Confirm erasure' }).waitFor();
  assert.equal(await page.locator('#erasable').textContent(), '1');
  await tabTo('button.danger');
  await page.keyboard.press('Enter');
  await page.locator('#erased').filter({ hasText: 'Erased 1 records. The chain still verifies: 14 rows.' }).waitFor();
  await tabTo('.signout button');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await page.goto(`${env.log.url}/admin/records`);
  assert.equal(new URL(page.url()).pathname, '/admin/login', 'signed out');
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test('an expired session is refused', async () => {
  env.short = await startConsentLog({ db: join(env.dir, 'short.sqlite'), sessionSecs: 1 });
  const { context, page } = await fresh();
  await signIn(page, env.short.adminToken, env.short);
  await page.getByRole('heading', { name: 'Overview' }).waitFor();
  const [cookie] = await context.cookies();
  await new Promise((r) => setTimeout(r, 1300));
  // The browser drops the cookie itself at Max-Age; the server must refuse it too.
  const answer = await fetch(`${env.short.url}/admin/records`, { headers: { Cookie: `crumbs_admin=${cookie.value}` }, redirect: 'manual' });
  assert.equal(answer.status, 303);
  assert.equal(answer.headers.get('location'), '/admin/login?expired=1');
  await page.goto(`${env.short.url}/admin/records`);
  assert.equal(new URL(page.url()).pathname, '/admin/login');
  await context.close();
});

test('axe-core finds 0 violations on every page of the dashboard; light and 320 px', async () => {
  // axe is injected by evaluation, which the page's CSP would refuse as eval.
  for (const viewport of [{ width: 1280, height: 800 }, { width: 320, height: 640 }]) {
    const { context, page } = await fresh({ bypassCSP: true, viewport, storageState: env.signedIn });
    const axe = async (where) => {
      await page.evaluate(axeSource);
      const violations = await page.evaluate(async () => (await window.axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      })).violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`));
      assert.deepEqual(violations, [], `${where} at ${viewport.width} px`);
      // Nothing wider than the screen but the charts' and tables' own scrolling regions.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${where} scrolls sideways by ${overflow} px at ${viewport.width} px`);
    };
    for (const path of ['/admin/', '/admin/records', `/admin/proof?id=${seedId(1)}`, '/admin/integrity', '/admin/export', '/admin/erase']) {
      await page.goto(`${env.log.url}${path}`);
      await axe(path);
    }
    await page.getByRole('link', { name: 'Integrity' }).click();
    await page.getByRole('button', { name: 'Verify the log' }).click();
    await page.locator('#verdict').waitFor();
    await axe('integrity result');
    await page.goto(`${env.log.url}/admin/erase`);
    await page.getByLabel('Consent id').fill(seedId(5));
    await page.getByRole('button', { name: 'Review erasure' }).click();
    await page.getByRole('heading', { name: 'Confirm erasure' }).waitFor();
    await axe('erasure confirmation');
    await context.close();
  }
});

test('a German visitor\'s "Reject all": the proof page shows exactly what their banner said, in German, as text; 0 axe and CSP violations', async () => {
  const visitor = await env.browser.newContext();
  const endpoint = `${env.log.url}/v1/consents`;
  await visitor.route('**/log.config.json', (route) => route.fulfill({ json: { revision: 5, endpoint, language: 'de', policyUrl: '/privacy.html' } }));
  const posted = new Promise((resolve) => visitor.on('request', (r) => { if (r.url() === endpoint && r.method() === 'POST') resolve(JSON.parse(r.postData())); }));
  const site = await visitor.newPage();
  await site.goto(`${env.site.url}test/log/one.html`);
  await site.locator('#crumbs [data-action="reject-all"]').waitFor();
  // The strings the visitor's banner rendered, read from the page.
  const banner = await site.evaluate(() => {
    const root = document.getElementById('crumbs').shadowRoot;
    const text = (sel) => root.querySelector(sel).textContent;
    return { bannerTitle: text('#crumbs-title'), bannerText: root.querySelector('#crumbs-text').firstChild.textContent, policyLink: text('#crumbs-text a'),
      acceptAll: text('[data-action="accept-all"]'), rejectAll: text('[data-action="reject-all"]'), preferences: text('[data-action="preferences"]') };
  });
  assert.equal(banner.acceptAll, 'Alle akzeptieren', 'a German banner');
  await site.locator('#crumbs [data-action="reject-all"]').click();
  const [record] = await posted;
  await site.waitForFunction(() => !localStorage.getItem('crumbs_log_queue'), null, { timeout: 10_000 });
  await visitor.close();

  const { context, page, seen } = await fresh({ storageState: env.signedIn });
  await page.goto(`${env.log.url}/admin/proof?id=${record.consentId}`);
  await page.getByRole('heading', { name: /^Decision 1: row \d+ of \d+$/ }).waitFor();
  const shown = page.locator('dl.shown');
  assert.equal(await shown.getAttribute('lang'), 'de');
  const onProof = Object.fromEntries(await shown.locator('dd').evaluateAll((dds) => dds.map((d) => [d.dataset.text, d.textContent])));
  for (const [key, value] of Object.entries(banner)) assert.equal(onProof[key], value, `${key} as the banner showed it`);
  assert.deepEqual(onProof, record.texts, 'every text the record carried, and nothing else');
  assert.match(await page.locator('.proof').textContent(), /SHA-256 of these texts \(canonical JSON, as stored\) is the record's textsHash/);
  assert.match(await page.locator('pre.record').textContent(), /"textsHash":"[0-9a-f]{64}"}$/);
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(seen.errors, []);
  await context.close();

  for (const viewport of [{ width: 1280, height: 800 }, { width: 320, height: 640 }]) {
    const { context, page } = await fresh({ bypassCSP: true, viewport, storageState: env.signedIn });
    await page.goto(`${env.log.url}/admin/proof?id=${record.consentId}`);
    await page.evaluate(axeSource);
    const violations = await page.evaluate(async () => (await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    })).violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`));
    assert.deepEqual(violations, [], `the proof with its texts at ${viewport.width} px`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `scrolls sideways by ${overflow} px at ${viewport.width} px`);
    await context.close();
  }
});
