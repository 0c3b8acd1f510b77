// The family-mediation charity reference site (www/sites/charity/): what foundation.test.mjs
// does not cover from issue #8 — each category alone enables exactly its services, withdrawal
// erases their cookies, and screenshots of the banner and the policy page.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cookieNames, cspViolations, declaredTables, open, ran, renderedTables, screenshot, settled, siteConfig, useBrowser } from './harness.mjs';

useBrowser();

const HOME = '/sites/charity/';
const NECESSARY = ['ASP.NET_SessionId', '__cfduid'];
const BY_CATEGORY = {
  performance: { ran: ['analytics'], cookies: ['_ga', '_gat', '_gid'] },
  functionality: { ran: ['chat'], cookies: ['__zlcmid'] },
  targeting: { ran: [], cookies: [] }, // the charity's policy: no targeting cookies
};
const names = async (context) => (await cookieNames(context)).filter((n) => n !== 'crumbs_consent');

for (const [category, expected] of Object.entries(BY_CATEGORY)) {
  test(`granting only ${category} runs exactly its stand-ins and sets exactly its cookies`, async () => {
    const { page, context, requests } = await open(HOME);
    await page.evaluate((c) => window.crumbs.accept([c]), category);
    await page.goto(new URL('/sites/charity/contact.html', page.url()).href);
    await page.evaluate(() => window.crumbs.ready);
    await page.waitForLoadState('networkidle');
    assert.deepEqual(await ran(page), expected.ran);
    assert.deepEqual(await names(context), [...NECESSARY, ...expected.cookies].sort());
    const vendor = requests.filter((r) => r.includes('/sites/charity/vendor/')).map((r) => r.split('/').pop()).sort();
    assert.deepEqual([...new Set(vendor)], expected.ran.map((n) => ({ analytics: 'analytics.js', chat: 'zopim.js' })[n]).sort());
    assert.equal(await page.locator('#zopim-chat').count(), category === 'functionality' ? 1 : 0);
    assert.deepEqual(await cspViolations(page), []);
    await context.close();
  });
}

test('withdrawing each category erases its cookies; the necessary ones stay', async () => {
  const { page, context } = await open(HOME);
  await page.locator('[data-action="accept-all"]').click();
  await page.waitForFunction(() => window.__demo && window.__demo.ran.length === 2);
  const all = [...NECESSARY, '__zlcmid', '_ga', '_gat', '_gid'].sort();
  assert.deepEqual(await settled(() => names(context), (v) => v.length === all.length), all);
  await page.evaluate(() => window.crumbs.accept(['functionality']));
  const chatOnly = [...NECESSARY, '__zlcmid'].sort();
  assert.deepEqual(await settled(() => names(context), (v) => v.length === chatOnly.length, 3000), chatOnly, 'analytics cookies erased');
  await page.evaluate(() => window.crumbs.rejectAll());
  assert.deepEqual(await settled(() => names(context), (v) => v.length === NECESSARY.length, 3000), NECESSARY, 'chat cookie erased');
  await page.reload();
  await page.evaluate(() => window.crumbs.ready);
  assert.deepEqual(await ran(page), []);
  assert.deepEqual(await names(context), NECESSARY);
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
