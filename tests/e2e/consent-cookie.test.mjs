// The consent cookie as the browser keeps it: its Max-Age follows consentLifetimeDays, a record
// older than that brings the banner back, it is Secure on https, and a returning visit whose
// crumbs files come from the HTTP cache applies the stored decision.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startServer } from '../../scripts/serve.mjs';
import { bannerShown, env, open, ran, settled, useBrowser } from './harness.mjs';

useBrowser();

const DAY = 86_400;
const LIFETIME_DAYS = 30;
const config = { revision: 1, consentLifetimeDays: LIFETIME_DAYS, categories: [{ id: 'necessary' }, { id: 'performance' }, { id: 'functionality' }, { id: 'targeting' }] };
const withConfig = (p) => p.route('**/test/test.config.json', (route) => route.fulfill({ json: config }));
const consentCookie = async (context) => (await settled(() => context.cookies(), (cs) => cs.some((c) => c.name === 'crumbs_consent'), 2000)).find((c) => c.name === 'crumbs_consent');
const ALL = ['one', 'inline-two', 'three', 'ads', 'four'];

test('the consent cookie lives consentLifetimeDays from the decision', async () => {
  const { page, context } = await open('/test/order.html', { beforeGoto: withConfig });
  await page.evaluate(() => window.crumbs.acceptAll());
  const cookie = await consentCookie(context);
  const expected = Date.now() / 1000 + LIFETIME_DAYS * DAY;
  assert.ok(Math.abs(cookie.expires - expected) < 120, `expires ${cookie.expires}, expected about ${expected}`);
  assert.equal(cookie.path, '/');
  assert.equal(cookie.sameSite, 'Lax');
  await context.close();
});

// A decision made `daysAgo` days ago (the page's clock set back while it is made), then a page
// view today with that cookie.
async function visitWithDecisionMade(daysAgo) {
  const first = await open('/test/order.html', {
    beforeGoto: async (p, c) => { await withConfig(p); await c.clock.setFixedTime(new Date(Date.now() - daysAgo * DAY * 1000)); },
  });
  await first.page.evaluate(() => window.crumbs.acceptAll());
  await first.page.waitForFunction((n) => window.__demo && window.__demo.ran.length === n, ALL.length);
  const cookie = await consentCookie(first.context);
  await first.context.close();
  const later = await open('/test/order.html', { beforeGoto: async (p, c) => { await withConfig(p); await c.addCookies([cookie]); } });
  await later.page.waitForTimeout(300);
  return later;
}

test('a decision older than consentLifetimeDays brings the banner back and runs nothing', async () => {
  const { page, context, requests } = await visitWithDecisionMade(LIFETIME_DAYS + 1);
  assert.ok(await bannerShown(page), 'the banner is back');
  assert.equal(await page.evaluate(() => window.crumbs.getConsent()), null);
  assert.deepEqual(await ran(page), []);
  assert.deepEqual(requests.filter((u) => /\/test\/vendor\//.test(u)), [], 'no gated script was requested');
  await context.close();
});

test('a decision within consentLifetimeDays still holds (the control for the one above)', async () => {
  const { page, context } = await visitWithDecisionMade(LIFETIME_DAYS - 1);
  await page.waitForFunction((n) => window.__demo && window.__demo.ran.length === n, ALL.length);
  assert.equal(await bannerShown(page), false);
  assert.deepEqual(await ran(page), ALL);
  await context.close();
});

test('the consent cookie is Secure on https, and not on http', async () => {
  for (const [base, secure] of [[env.tls.url, true], [env.server.url, false]]) {
    const context = await env.browser.newContext({ ignoreHTTPSErrors: true });
    const page = await context.newPage();
    await page.goto(`${base}test/order.html`);
    await page.evaluate(() => window.crumbs.ready);
    await page.evaluate(() => window.crumbs.acceptAll());
    const cookie = await consentCookie(context);
    assert.equal(cookie.secure, secure, `${base}: ${JSON.stringify(cookie)}`);
    await context.close();
  }
});

test('a returning visit with crumbs from the HTTP cache applies the stored decision', async () => {
  const server = await startServer({ port: 0, cacheCrumbs: true });
  const context = await env.browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${server.url}test/order.html`);
    await page.evaluate(() => window.crumbs.ready);
    await page.evaluate(() => window.crumbs.acceptAll());
    await page.waitForFunction((n) => window.__demo && window.__demo.ran.length === n, ALL.length);
    await consentCookie(context);
    const firstVisit = server.served.length;
    await page.goto(`${server.url}test/order.html`);
    await page.evaluate(() => window.crumbs.ready);
    await page.waitForFunction((n) => window.__demo && window.__demo.ran.length === n, ALL.length);
    assert.deepEqual(await ran(page), ALL);
    assert.equal(await bannerShown(page), false);
    const second = server.served.slice(firstVisit);
    // The control: the page itself (no-store) was fetched again, crumbs' own files were not.
    assert.ok(second.includes('/test/order.html'), second.join(' '));
    assert.deepEqual(second.filter((p) => p.startsWith('/crumbs/')), [], `crumbs' files came from the cache: ${second.join(' ')}`);
    assert.ok(server.served.slice(0, firstVisit).includes('/crumbs/dist/crumbs_bg.wasm'), 'the first visit fetched the full core');
  } finally {
    await context.close();
    await server.close();
  }
});
