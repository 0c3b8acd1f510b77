// Consent-log delivery against the real server (crumbs serve, SQLite): with the endpoint down,
// the visitor decides and moves on; when the server is back, the record arrives exactly once.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { crumbsBin, freePort, startConsentLog } from '../../scripts/consent-log.mjs';
import { startServer } from '../../scripts/serve.mjs';
import { chromiumArgs } from './harness.mjs';

const env = {};

async function exported(log) {
  const r = await fetch(`${log.url}/v1/consents?format=ndjson`, { headers: { Authorization: `Bearer ${log.adminToken}` } });
  return (await r.text()).trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
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
