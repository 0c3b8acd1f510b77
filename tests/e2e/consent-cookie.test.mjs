// The consent cookie as the browser keeps it: its Max-Age follows consentLifetimeDays, a record
// older than that brings the banner back, it is Secure on https, and a returning visit whose
// crumbs files come from the HTTP cache applies the stored decision.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startServer } from '../../scripts/serve.mjs';
import { bannerShown, decisionModuleIn, env, isFullCore, open, ran, settled, useBrowser } from './harness.mjs';

useBrowser();

const DAY = 86_400;
const LIFETIME_DAYS = 30;
const config = { revision: 1, consentLifetimeDays: LIFETIME_DAYS, categories: [{ id: 'necessary' }, { id: 'performance' }, { id: 'functionality' }, { id: 'targeting' }] };
const withConfig = (p) => p.route('**/test/test.config.json', (route) => route.fulfill({ json: config }));
const consentCookie = async (context) => (await settled(() => context.cookies(), (cs) => cs.some((c) => c.name === 'crumbs_consent'), 2000)).find((c) => c.name === 'crumbs_consent');
const ALL = ['one', 'inline-two', 'three', 'ads', 'four'];

/** The two ways a first visit's "Accept all" is carried out, each as [name, start(path, options),
 *  accept(opened)]: by the full core, started by the page; and on the fast path, by the decision
 *  module on the first paint's banner (the full core never fetched: both write the cookie by
 *  consent::consent_cookie_write, each in its own build). On first-visit.html, which has no work
 *  for the full core before a click (order.html's unknown category would start it). */
const STARTS = [
  ['full core', (path, options) => open(path, options), ({ page }) => page.evaluate(() => window.crumbs.acceptAll())],
  ['fast path (decision module)', async (path, options) => {
    const opened = await open(path, { ...options, wait: false });
    await decisionModuleIn(opened.page);
    return opened;
  }, async ({ page, requests }) => {
    await page.locator('[data-crumbs="banner"] [data-action="accept-all"]').click();
    await page.waitForFunction(() => document.cookie.includes('crumbs_consent='));
    assert.deepEqual(requests.filter(isFullCore), [], 'decided without the full core');
  }],
];

for (const [start, startAt, accept] of STARTS) {
  test(`${start}: the consent cookie lives consentLifetimeDays from the decision`, async () => {
    const opened = await startAt('/test/first-visit.html', { beforeGoto: withConfig });
    await accept(opened);
    const cookie = await consentCookie(opened.context);
    const expected = Date.now() / 1000 + LIFETIME_DAYS * DAY;
    assert.ok(Math.abs(cookie.expires - expected) < 120, `expires ${cookie.expires}, expected about ${expected}`);
    assert.equal(cookie.path, '/');
    assert.equal(cookie.sameSite, 'Lax');
    await opened.context.close();
  });
}

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

for (const [start, startAt, accept] of STARTS) {
  test(`${start}: the consent cookie is Secure on https, and not on http`, async () => {
    for (const [server, secure] of [[env.tls, true], [env.server, false]]) {
      const opened = await startAt(new URL('test/first-visit.html', server.url).href, { contextOptions: { ignoreHTTPSErrors: true } });
      await accept(opened);
      const cookie = await consentCookie(opened.context);
      assert.equal(cookie.secure, secure, `${server.url}: ${JSON.stringify(cookie)}`);
      await opened.context.close();
    }
  });
}

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
