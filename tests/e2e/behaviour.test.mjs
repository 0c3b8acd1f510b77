// Gated-script activation order, failing closed (bad config, missing config, wasm that does
// not load), config texts as text, and the JavaScript API including calls made too early.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bannerShown, cookieNames, cspViolations, open, ran, useBrowser } from './harness.mjs';

useBrowser();

test('"Accept all" activates gated scripts in document order, nonce and attributes kept', async () => {
  const { page, context } = await open('/test/order.html');
  await page.evaluate(() => window.crumbs.acceptAll());
  await page.waitForFunction(() => window.__demo && window.__demo.ran.length === 5);
  // inline-two only runs if its nonce was carried over (the CSP allows no other inline script).
  assert.deepEqual(await ran(page), ['one', 'inline-two', 'three', 'ads', 'four']);
  assert.equal(await page.locator('script[src="/test/vendor/three.js"][data-extra="kept"]').count(), 1);
  assert.equal(await page.locator('script[type="text/plain"][data-category="!targeting"]').count(), 1, '!targeting stays inert');
  assert.equal(await page.locator('script[type="text/plain"][data-category="tracking"]').count(), 1, 'unknown category never runs');
  await context.close();
});

// The work a decision leaves for later (embeds, erasure, the crumbs:consent event) waits for the
// scripts it started, so they run first; a script that never arrives holds it back only briefly.
for (const [name, delay, expected] of [
  ['loads slowly', 300, ['one', 'inline-two', 'three', 'ads', 'four', 'crumbs:consent']],
  ['never arrives', null, ['one', 'inline-two', 'three', 'ads', 'crumbs:consent']],
]) {
  test(`the work after "Accept all" waits for the scripts it started (one ${name})`, async () => {
    const { page, context } = await open('/test/order.html', {
      beforeGoto: (p) => p.route('**/test/vendor/four.js', async (route) => {
        if (delay === null) return; // never answered
        await new Promise((r) => setTimeout(r, delay));
        await route.fulfill({ contentType: 'text/javascript', body: "(window.__demo = window.__demo || { ran: [] }).ran.push('four');" }).catch(() => {});
      }),
    });
    await page.evaluate(() => document.addEventListener('crumbs:consent', () => (window.__demo = window.__demo || { ran: [] }).ran.push('crumbs:consent')));
    const clicked = Date.now();
    await page.locator('[data-action="accept-all"]').click();
    await page.waitForFunction((n) => window.__demo && window.__demo.ran.length === n, expected.length, { timeout: 5000 });
    const waited = Date.now() - clicked;
    assert.deepEqual(await ran(page), expected);
    if (delay === null) assert.ok(waited < 2000, `the event came ${waited} ms after the click`);
    await context.close();
  });
}

test('"Reject all" runs only the !targeting script', async () => {
  const { page, context } = await open('/test/order.html');
  await page.locator('[data-action="reject-all"]').click();
  await page.waitForFunction(() => window.__demo && window.__demo.ran.length === 1);
  assert.deepEqual(await ran(page), ['no-ads']);
  await context.close();
});

test('a later, wider choice runs only what has not run yet', async () => {
  const { page, context } = await open('/test/order.html');
  await page.evaluate(() => window.crumbs.accept(['performance']));
  await page.waitForFunction(() => window.__demo && window.__demo.ran.length === 4);
  assert.deepEqual(await ran(page), ['one', 'inline-two', 'no-ads', 'four']);
  await page.evaluate(() => window.crumbs.acceptAll());
  await page.waitForFunction(() => window.__demo.ran.length === 6);
  assert.deepEqual(await ran(page), ['one', 'inline-two', 'no-ads', 'four', 'three', 'ads']);
  await context.close();
});

test('a bad config is reported with paths, and crumbs fails closed', async () => {
  const { page, context, consoleErrors, requests } = await open('/test/bad-config.html');
  assert.ok(consoleErrors.some((e) => e.startsWith('crumbs: config error: categories[2].id: unknown category "tracking"')), consoleErrors.join('\n'));
  assert.ok(consoleErrors.some((e) => e.startsWith('crumbs: config error: layout: unknown value "sidebar"')), consoleErrors.join('\n'));
  assert.deepEqual(await page.evaluate(() => window.crumbs.errors().length), 2);
  assert.ok(await bannerShown(page), 'banner with defaults');
  await page.locator('[data-action="accept-all"]').click();
  await page.waitForTimeout(200);
  assert.deepEqual(await ran(page), [], 'nothing runs even after "Accept all"');
  assert.ok(!(await cookieNames(context)).includes('crumbs_consent'), 'nothing stored');
  assert.ok(!requests.some((r) => r.includes('/test/vendor/')), 'nothing downloaded');
  await context.close();
});

test('a config that cannot be loaded fails closed with one clear error', async () => {
  const { page, context, consoleErrors } = await open('/test/missing-config.html');
  assert.ok(consoleErrors.some((e) => e.includes('crumbs: config error: could not load the config /test/does-not-exist.json: HTTP 404')), consoleErrors.join('\n'));
  await page.locator('[data-action="accept-all"]').click();
  await page.waitForTimeout(200);
  assert.deepEqual(await ran(page), []);
  await context.close();
});

test('a wasm that fails to load leaves everything blocked, with one clear console error', async () => {
  const { page, context, consoleErrors, pageErrors } = await open('/test/order.html', {
    wait: false,
    beforeGoto: (p) => p.route('**/crumbs_bg.wasm', (route) => route.abort()),
  });
  await page.waitForFunction(() => document.readyState === 'complete');
  await page.evaluate(() => window.crumbs.acceptAll()); // queued, and never carried out
  await page.waitForTimeout(300);
  const ours = consoleErrors.filter((e) => e.startsWith('crumbs:'));
  assert.equal(ours.length, 1, consoleErrors.join('\n'));
  assert.match(ours[0], /could not start the consent manager.*every non-essential script stays blocked/);
  assert.deepEqual(await ran(page), []);
  assert.equal(await page.evaluate(() => window.crumbs.getConsent()), null);
  assert.deepEqual(pageErrors, []);
  await context.close();
});

test('config texts are shown as text, never parsed as HTML', async () => {
  const { page, context } = await open('/test/inline-config.html');
  const title = page.locator('#crumbs-title');
  assert.equal(await title.textContent(), '<img src=x onerror=alert(1)> Inline');
  assert.equal(await page.locator('[data-crumbs="banner"] img').count(), 0);
  assert.deepEqual(await cspViolations(page), []);
  await context.close();
});

test('API calls made before the core is ready are queued; the event and getConsent() agree', async () => {
  const { page, context } = await open('/test/api-early.html');
  await page.waitForFunction(() => window.__demo && window.__demo.event);
  const demo = await page.evaluate(() => window.__demo);
  assert.deepEqual(demo.beforeReady, { consent: null, performance: false });
  assert.deepEqual(demo.ran, ['one']);
  const consent = await page.evaluate(() => window.crumbs.getConsent());
  assert.deepEqual(demo.event, consent);
  assert.match(consent.consentId, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(consent.seq, 1);
  assert.equal(consent.revision, 1);
  assert.ok(Math.abs(Date.parse(consent.decidedAt) - Date.now()) < 60_000);
  assert.deepEqual(consent.granted, ['necessary', 'performance']);
  assert.deepEqual(consent.refused, ['functionality', 'targeting']);
  assert.equal(await page.evaluate(() => window.crumbs.hasConsent('performance')), true);
  assert.equal(await page.evaluate(() => window.crumbs.hasConsent('targeting')), false);
  assert.equal(await page.locator('[data-crumbs="banner"]').count(), 0);
  await context.close();
});

test('gated scripts with data-type="module" run as modules after "Accept all", and not before or after "Reject all"', async () => {
  const modules = /\/test\/vendor\/(module|ads-module)\.mjs/;
  const before = await open('/test/module.html');
  await before.page.waitForTimeout(300);
  assert.deepEqual(await ran(before.page), [], 'nothing ran before a decision');
  assert.deepEqual(before.requests.filter((u) => modules.test(u)), [], 'nothing was requested before a decision');
  await before.page.locator('[data-action="reject-all"]').click();
  await before.page.waitForTimeout(300);
  assert.deepEqual(await ran(before.page), [], 'nothing ran after "Reject all"');
  assert.deepEqual(before.requests.filter((u) => modules.test(u)), [], 'nothing was requested after "Reject all"');
  await before.context.close();
  // The positive control: the same page's modules run once accepted, each as a module (a
  // classic script would fail to parse import.meta and record nothing).
  const { page, context, pageErrors } = await open('/test/module.html');
  await page.evaluate(() => window.crumbs.acceptAll());
  await page.waitForFunction(() => window.__demo && window.__demo.ran.length === 3);
  assert.deepEqual((await ran(page)).sort(), ['ads-module', 'inline-module:string', 'module:string']);
  assert.deepEqual(pageErrors, []);
  assert.equal(await page.locator('script[type="module"][src="/test/vendor/module.mjs"]').count(), 1);
  await context.close();
});
