// The family-mediation charity reference site (www/sites/charity/): what foundation.test.mjs
// does not cover from issue #8 — each category alone enables exactly its services, withdrawal
// erases their cookies, and screenshots of the banner and the policy page.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cookieNames, cspViolations, declaredTables, open, quiet, ran, renderedTables, requestsTo, screenshot, settled, siteConfig, useBrowser } from './harness.mjs';

useBrowser();

const HOME = '/sites/charity/';
const NECESSARY = ['ASP.NET_SessionId', '__cfduid'];
const BY_CATEGORY = {
  performance: { ran: ['analytics'], cookies: ['_ga', '_gat', '_gid'] },
  functionality: { ran: ['chat'], cookies: ['__zlcmid'] },
  targeting: { ran: [], cookies: [] }, // the charity's policy: no targeting cookies
};
const VENDOR = /\/sites\/charity\/vendor\//;
const file = (r) => r.split('/').pop();
const names = async (context) => (await cookieNames(context)).filter((n) => n !== 'crumbs_consent');

for (const [category, expected] of Object.entries(BY_CATEGORY)) {
  test(`granting only ${category} runs exactly its stand-ins and sets exactly its cookies`, async () => {
    const { page, context, requests } = await open(HOME);
    await page.evaluate((c) => window.crumbs.accept([c]), category);
    await page.goto(new URL('/sites/charity/contact.html', page.url()).href);
    await page.evaluate(() => window.crumbs.ready);
    await quiet(page);
    assert.deepEqual(await ran(page), expected.ran);
    assert.deepEqual(await names(context), [...NECESSARY, ...expected.cookies].sort());
    const vendor = requestsTo(requests, VENDOR).map(file).sort();
    assert.deepEqual([...new Set(vendor)], expected.ran.map((n) => ({ analytics: 'analytics.js', chat: 'zopim.js' })[n]).sort());
    assert.equal(await page.locator('#zopim-chat').count(), category === 'functionality' ? 1 : 0);
    assert.deepEqual(await cspViolations(page), []);
    // The control for what did not run: granting the rest runs it, within the same wait.
    const from = requests.length;
    await page.evaluate(() => window.crumbs.acceptAll());
    await quiet(page);
    assert.deepEqual((await ran(page)).sort(), ['analytics', 'chat'], 'control: "Accept all" runs the rest');
    assert.deepEqual(requestsTo(requests, VENDOR, from).map(file).sort(),
      ['analytics.js', 'zopim.js'].filter((f) => !vendor.includes(f)), 'control: and requests exactly what had not run');
    await context.close();
  });
}

test('withdrawing each category erases its cookies; the necessary ones stay', async () => {
  const { page, context, requests } = await open(HOME);
  await page.locator('[data-action="accept-all"]').click();
  await page.waitForFunction(() => window.__demo && window.__demo.ran.length === 2);
  const all = [...NECESSARY, '__zlcmid', '_ga', '_gat', '_gid'].sort();
  assert.deepEqual(await settled(() => names(context), (v) => v.length === all.length), all);
  await page.evaluate(() => window.crumbs.accept(['functionality']));
  const chatOnly = [...NECESSARY, '__zlcmid'].sort();
  assert.deepEqual(await settled(() => names(context), (v) => v.length === chatOnly.length, 3000), chatOnly, 'analytics cookies erased');
  await page.evaluate(() => window.crumbs.rejectAll());
  assert.deepEqual(await settled(() => names(context), (v) => v.length === NECESSARY.length, 3000), NECESSARY, 'chat cookie erased');
  const from = requests.length;
  await page.reload();
  await page.evaluate(() => window.crumbs.ready);
  await quiet(page);
  assert.deepEqual(await ran(page), []);
  assert.deepEqual(requestsTo(requests, VENDOR, from), [], 'nothing requested after the withdrawal');
  assert.deepEqual(await names(context), NECESSARY);
  // The control: granting again on this page view runs both, within the same wait.
  await page.evaluate(() => window.crumbs.acceptAll());
  await quiet(page);
  assert.deepEqual(await ran(page), ['analytics', 'chat'], 'control: granted again, both run');
  assert.deepEqual(requestsTo(requests, VENDOR, from).map(file).sort(), ['analytics.js', 'zopim.js']);
  await context.close();
});

test('screenshots of the banner and of the policy page, whose table is the declared one', async () => {
  const { page, context } = await open(HOME);
  await screenshot(page, 'site-charity-banner');
  await page.goto(new URL('/sites/charity/privacy.html', page.url()).href);
  await page.evaluate(() => window.crumbs.ready);
  assert.deepEqual(await renderedTables(page), declaredTables(siteConfig('charity')));
  await page.locator('[data-action="reject-all"]').click();
  await screenshot(page, 'site-charity-policy', { fullPage: true });
  await context.close();
});
