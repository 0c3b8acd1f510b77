// Consent-log delivery against the real server (crumbs serve, SQLite): with the endpoint down,
// the visitor decides and moves on; when the server is back, the record arrives exactly once.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';
import { chromiumArgs } from './harness.mjs';

const bin = join(import.meta.dirname, '..', '..', 'target', 'debug', 'crumbs');
const TOKEN = 'e2e-admin-token-0123456789';
const env = {};

function freePort() {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

/** Starts `crumbs serve` on `port`; resolves once it answers /healthz. */
async function startLog(port, db, origin) {
  const child = spawn(bin, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, '--origin', origin, '--admin-token', TOKEN], { stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr.on('data', () => {});
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return child;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('crumbs serve did not start');
}

function stopLog(child) {
  return new Promise((r) => { child.once('exit', r); child.kill('SIGTERM'); });
}

async function exported(port) {
  const r = await fetch(`http://127.0.0.1:${port}/v1/consents?format=ndjson`, { headers: { Authorization: `Bearer ${TOKEN}` } });
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

  const log = await startLog(env.logPort, db, origin);
  try {
    let rows = [];
    for (let i = 0; i < 150 && rows.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 200));
      rows = await exported(env.logPort);
    }
    await page.waitForFunction(() => !localStorage.getItem('crumbs_log_queue'), null, { timeout: 10_000 });
    await page.reload(); // a fresh page view must not send it again
    await page.evaluate(() => window.crumbs.ready);
    await new Promise((r) => setTimeout(r, 500));
    rows = await exported(env.logPort);
    assert.equal(rows.length, 1, JSON.stringify(rows));
    assert.equal(rows[0].consentId, consent.consentId);
    assert.equal(rows[0].seq, 1);
    assert.equal(rows[0].method, 'accept_all');
    assert.equal(rows[0].page, `${origin}/test/log/one.html`);
    assert.deepEqual(rows[0].granted, ['necessary', 'performance', 'functionality', 'targeting']);
  } finally {
    await stopLog(log);
    await context.close();
  }
  const verify = spawn(bin, ['verify-log', '--db', db]);
  assert.equal(await new Promise((r) => verify.once('exit', r)), 0, 'the chain verifies');
});
