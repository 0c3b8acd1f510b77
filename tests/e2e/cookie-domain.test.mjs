// cookieDomain: one decision for a site and its subdomains (www. and 10years. of example.co.uk,
// both mapped to the test server), a withdrawal on one seen on the other, and the pages it
// cannot hold on: a host off the domain fails closed, a public suffix the browser refuses.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bannerShown, decisionModuleIn, env, settled, url, useBrowser } from './harness.mjs';

useBrowser();

const PAGE = '/test/no-lang.html';

/** The test page on `host` with `config` as its config, in `context` (a visitor's browser). */
async function visit(context, host, config) {
  const page = await context.newPage();
  const seen = { consoleErrors: [] };
  page.on('console', (m) => { if (m.type() === 'error') seen.consoleErrors.push(m.text()); });
  await page.route('**/test.config.json', (route) => route.fulfill({ json: { revision: 1, ...config } }));
  await page.goto(url(PAGE, host));
  await page.locator('[data-crumbs="banner"]').or(page.locator('body')).first().waitFor();
  return { page, ...seen };
}

const consent = (page) => page.evaluate(async () => { await window.crumbs.ready; return window.crumbs.getConsent(); });

test('two subdomains share one decision, and a withdrawal on one is seen on the other', async () => {
  const shared = { cookieDomain: 'example.co.uk' };
  const context = await env.browser.newContext();
  const www = await visit(context, 'www.example.co.uk', shared);
  assert.ok(await bannerShown(www.page), 'asked on www.');
  await www.page.locator('[data-crumbs="banner"] [data-action="accept-all"]').click();
  const cookie = await settled(async () => (await context.cookies()).find((c) => c.name === 'crumbs_consent'), Boolean, 2000);
  assert.equal(cookie.domain, '.example.co.uk', 'Domain=example.co.uk');
  const accepted = await consent(www.page);
  assert.ok(accepted.granted.includes('performance'));

  // The other subdomain: no banner, the same decision.
  const tenYears = await visit(context, '10years.example.co.uk', shared);
  const there = await consent(tenYears.page);
  assert.equal(await bannerShown(tenYears.page), false, 'not asked again on 10years.');
  assert.equal(there.consentId, accepted.consentId);
  assert.deepEqual(there.granted, accepted.granted);

  // Withdrawn on 10years.: www. sees it on its next page.
  await tenYears.page.evaluate(() => window.crumbs.rejectAll());
  await tenYears.page.waitForFunction(() => window.crumbs.getConsent().refused.includes('performance'));
  const back = await visit(context, 'www.example.co.uk', shared);
  const withdrawn = await consent(back.page);
  assert.equal(withdrawn.consentId, accepted.consentId);
  assert.equal(withdrawn.seq, accepted.seq + 1);
  assert.ok(withdrawn.refused.includes('performance') && !withdrawn.granted.includes('performance'), JSON.stringify(withdrawn));
  const names = (await context.cookies()).filter((c) => c.name === 'crumbs_consent');
  assert.equal(names.length, 1, 'one consent cookie for both hosts');
  assert.deepEqual([...www.consoleErrors, ...tenYears.consoleErrors, ...back.consoleErrors], []);
  await context.close();
});

test('without cookieDomain each subdomain asks on its own (host-only, as before)', async () => {
  const context = await env.browser.newContext();
  const www = await visit(context, 'www.example.co.uk', {});
  await www.page.locator('[data-crumbs="banner"] [data-action="accept-all"]').click();
  const cookie = await settled(async () => (await context.cookies()).find((c) => c.name === 'crumbs_consent'), Boolean, 2000);
  assert.equal(cookie.domain, 'www.example.co.uk');
  const other = await visit(context, '10years.example.co.uk', {});
  assert.ok(await bannerShown(other.page));
  await context.close();
});

test('a page off the cookieDomain reports it and fails closed', async () => {
  const context = await env.browser.newContext();
  const { page, consoleErrors } = await visit(context, 'www.example.co.uk', { cookieDomain: 'example.org' });
  await page.locator('[data-crumbs="banner"] [data-action="accept-all"]').click();
  await page.evaluate(() => window.crumbs.ready);
  const errors = await page.evaluate(() => window.crumbs.errors());
  assert.deepEqual(errors, ['cookieDomain: "example.org" is neither this page\'s host "www.example.co.uk" nor a parent of it']);
  assert.ok(consoleErrors.some((e) => e.includes('cookieDomain')), consoleErrors.join('\n'));
  assert.equal(await page.evaluate(() => window.crumbs.getConsent()), null, 'no decision stored');
  assert.deepEqual((await context.cookies()).filter((c) => c.name === 'crumbs_consent'), []);
  await context.close();
});

test('a public suffix the browser refuses: crumbs says so and keeps the decision on this host', async () => {
  const context = await env.browser.newContext();
  const { page, consoleErrors } = await visit(context, 'www.example.co.uk', { cookieDomain: 'co.uk' });
  // Through the full core, which writes, reads back and falls back.
  await page.evaluate(async () => { await window.crumbs.ready; window.crumbs.acceptAll(); });
  const cookie = await settled(async () => (await context.cookies()).find((c) => c.name === 'crumbs_consent'), Boolean, 2000);
  assert.equal(cookie?.domain, 'www.example.co.uk', 'host-only');
  assert.ok(consoleErrors.some((e) => e.includes('refused the consent cookie for cookieDomain "co.uk"')), consoleErrors.join('\n'));
  await context.close();
});

test('a public suffix on the first visit\'s fast path: the decision module\'s click says so too and keeps the decision on this host', async () => {
  const context = await env.browser.newContext();
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  const { page, consoleErrors } = await visit(context, 'www.example.co.uk', { cookieDomain: 'co.uk' });
  // The decision module is in: the click is decided without the full core.
  await decisionModuleIn(page);
  await page.locator('[data-crumbs="banner"] [data-action="accept-all"]').click();
  const cookie = await settled(async () => (await context.cookies()).find((c) => c.name === 'crumbs_consent'), Boolean, 2000);
  assert.equal(cookie?.domain, 'www.example.co.uk', 'host-only');
  assert.ok(consoleErrors.some((e) => e === 'crumbs: the browser refused the consent cookie for cookieDomain "co.uk" (a public suffix?): this decision holds on this host only'),
    consoleErrors.join('\n'));
  await page.waitForTimeout(300);
  assert.ok(!requests.some((u) => u.endsWith('/dist/crumbs_bg.wasm')), 'decided by the decision module, not the full core');
  // The control: a domain the browser takes is shared and reported by no one.
  const ok = await visit(context, 'logbook.example.co.uk', { cookieDomain: 'example.co.uk' });
  await decisionModuleIn(ok.page);
  await ok.page.locator('[data-crumbs="banner"] [data-action="accept-all"]').click();
  const shared = await settled(async () => (await context.cookies()).find((c) => c.name === 'crumbs_consent' && c.domain === '.example.co.uk'), Boolean, 2000);
  assert.ok(shared, 'Domain=example.co.uk');
  assert.deepEqual(ok.consoleErrors, []);
  await context.close();
});
