// The foundation slice on the charity demo site: nothing before a choice, the right things
// after it, the choice kept, and every way a stored choice can go bad bringing the banner back.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { bannerShown, cookieNames, cspViolations, env, open, quiet, ran, requestsTo, url, useBrowser } from './harness.mjs';

useBrowser();

const HOME = '/sites/charity/';
const NECESSARY = ['ASP.NET_SessionId', '__cfduid'];
const TRACKING = ['__zlcmid', '_ga', '_gat', '_gid'];
const VENDOR = /\/sites\/charity\/vendor\//;
const STAND_INS = ['analytics', 'chat'];

/** The control for an absence check on this page: the visitor accepts, and within the same
 *  quiet wait both stand-ins are requested and run (so the wait was long enough to see them). */
async function acceptRunsBoth({ page, requests }, from = 0) {
  if (!(await bannerShown(page))) await page.evaluate(() => window.crumbs.show());
  await page.locator('[data-crumbs="banner"] [data-action="accept-all"]').click();
  await quiet(page);
  assert.deepEqual(await ran(page), STAND_INS, 'control: "Accept all" runs both stand-ins');
  assert.deepEqual(requestsTo(requests, VENDOR, from).map((r) => r.split('/').pop()), ['analytics.js', 'zopim.js'], 'control: and requests them');
}

test('before a choice: banner, only necessary cookies, no gated script run or even requested', async () => {
  const opened = await open(HOME);
  const { page, context, requests, pageErrors } = opened;
  await quiet(page);
  assert.ok(await bannerShown(page), 'the banner is shown');
  for (const action of ['accept-all', 'reject-all', 'preferences']) {
    assert.ok(await page.locator(`[data-crumbs="banner"] [data-action="${action}"]`).isVisible(), `${action} button visible`);
  }
  assert.deepEqual(await cookieNames(context), NECESSARY);
  assert.deepEqual(await ran(page), []);
  assert.deepEqual(requests.filter((r) => VENDOR.test(r)), [], 'gated scripts are not downloaded');
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(pageErrors, []);
  await acceptRunsBoth(opened);
  await context.close();
});

test('"Accept all" runs the analytics and chat stand-ins, which set their cookies', async () => {
  const { page, context } = await open(HOME);
  await page.locator('[data-action="accept-all"]').click();
  await page.waitForFunction(() => window.__demo && window.__demo.ran.length === 2);
  assert.deepEqual(await ran(page), ['analytics', 'chat'], 'in document order');
  assert.deepEqual(await cookieNames(context), [...NECESSARY, ...TRACKING, 'crumbs_consent'].sort());
  assert.equal(await page.locator('[data-crumbs="banner"]').count(), 0, 'banner gone');
  const consent = await page.evaluate(() => window.crumbs.getConsent());
  assert.deepEqual(consent.granted, ['necessary', 'performance', 'functionality', 'targeting']);
  // A reload keeps the choice: no banner, and the scripts run again without asking.
  await page.reload();
  await page.evaluate(() => window.crumbs.ready);
  await page.waitForFunction(() => window.__demo && window.__demo.ran.length === 2);
  assert.equal(await page.locator('[data-crumbs="banner"]').count(), 0, 'no banner after reload');
  assert.equal((await page.evaluate(() => window.crumbs.getConsent())).consentId, consent.consentId);
  assert.deepEqual(await cspViolations(page), []);
  await context.close();
});

test('"Reject all" runs nothing and sets nothing, also after a reload', async () => {
  const opened = await open(HOME);
  const { page, context, requests } = opened;
  await page.locator('[data-action="reject-all"]').click();
  await page.waitForFunction(() => window.crumbs.getConsent() !== null);
  await quiet(page);
  assert.deepEqual(await ran(page), []);
  await page.reload();
  await page.evaluate(() => window.crumbs.ready);
  await quiet(page);
  assert.equal(await page.locator('[data-crumbs="banner"]').count(), 0, 'no banner after reload');
  assert.deepEqual(await ran(page), []);
  assert.deepEqual(await cookieNames(context), [...NECESSARY, 'crumbs_consent'].sort());
  assert.deepEqual(requestsTo(requests, VENDOR), []);
  // The control: the same page view, once the visitor changes their mind.
  await acceptRunsBoth(opened);
  await context.close();
});

test('choosing only performance in the preferences runs analytics, not chat', async () => {
  const { page, context } = await open(HOME);
  await page.locator('[data-crumbs="banner"] [data-action="preferences"]').click();
  const dialog = page.locator('[data-crumbs="preferences"]');
  assert.equal(await dialog.getAttribute('aria-modal'), 'true');
  await dialog.locator('input[data-category="performance"]').check();
  await dialog.locator('[data-action="save"]').click();
  await page.waitForFunction(() => window.__demo && window.__demo.ran.length === 1);
  assert.deepEqual(await ran(page), ['analytics']);
  const names = await cookieNames(context);
  assert.ok(names.includes('_ga') && !names.includes('__zlcmid'), names.join(','));
  await context.close();
});

test('a corrupt or edited consent cookie brings the banner back without any console exception', async () => {
  for (const value of ['garbage', '1.f.0.1.1.1795000000.AAAAAAAAAAAAAAAAAAAAAA.00000000', '9.f', '']) {
    const opened = await open(HOME, {
      beforeGoto: (_, ctx) => ctx.addCookies([{ name: 'crumbs_consent', value, url: url('/') }]),
    });
    const { page, context, requests, pageErrors } = opened;
    await quiet(page);
    assert.ok(await bannerShown(page), `banner for ${JSON.stringify(value)}`);
    assert.deepEqual(await ran(page), []);
    assert.deepEqual(requestsTo(requests, VENDOR), [], `nothing requested for ${JSON.stringify(value)}`);
    assert.deepEqual(pageErrors, []);
    await acceptRunsBoth(opened);
    await context.close();
  }
  // A real, valid value edited by hand (granting more than was chosen) is refused too.
  const opened = await open(HOME);
  const { page, context, requests } = opened;
  await page.locator('[data-action="reject-all"]').click();
  await page.waitForFunction(() => window.crumbs.getConsent() !== null);
  const value = (await context.cookies()).find((c) => c.name === 'crumbs_consent').value;
  const tampered = value.replace(/^1\.1\./, '1.f.');
  assert.notEqual(tampered, value, 'the edit changed the cookie');
  await context.addCookies([{ name: 'crumbs_consent', value: tampered, url: url('/') }]);
  await page.reload();
  await page.evaluate(() => window.crumbs.ready);
  await quiet(page);
  assert.ok(await bannerShown(page), 'tampered grant refused');
  assert.deepEqual(await ran(page), []);
  assert.deepEqual(requestsTo(requests, VENDOR), []);
  await acceptRunsBoth(opened);
  await context.close();
});

test('a bumped config revision brings the banner back', async () => {
  const { page, context, requests } = await open(HOME);
  await page.locator('[data-action="accept-all"]').click();
  await page.waitForFunction(() => window.__demo && window.__demo.ran.length === 2);
  await context.route('**/crumbs.config.json', async (route) => {
    const response = await route.fetch();
    const config = await response.json();
    config.revision += 1;
    await route.fulfill({ response, json: config });
  });
  const from = requests.length;
  await page.reload();
  await page.evaluate(() => window.crumbs.ready);
  await quiet(page);
  assert.ok(await bannerShown(page), 'banner is back');
  assert.deepEqual(await ran(page), [], 'nothing runs on the old consent');
  assert.deepEqual(requestsTo(requests, VENDOR, from), [], 'nor is requested');
  await acceptRunsBoth({ page, requests }, from);
  await context.close();
});

test('the policy page table equals the declared table, cell by cell', async () => {
  const config = JSON.parse(readFileSync(new URL('../../www/sites/charity/crumbs.config.json', import.meta.url), 'utf8'));
  const { page, context } = await open('/sites/charity/privacy.html');
  const tables = await page.locator('[data-crumbs-table] table').evaluateAll((ts) => ts.map((t) => ({
    category: t.dataset.category,
    caption: t.caption.textContent,
    head: [...t.tHead.rows[0].cells].map((c) => c.textContent),
    rows: [...t.tBodies[0].rows].map((r) => [...r.cells].map((c) => c.textContent)),
  })));
  const titles = { necessary: 'Strictly necessary', performance: 'Performance', functionality: 'Functionality', targeting: 'Targeting' };
  assert.deepEqual(tables.map((t) => t.category), Object.keys(titles));
  for (const t of tables) {
    assert.equal(t.caption, titles[t.category]);
    assert.deepEqual(t.head, ['Cookie', 'Provider', 'Purpose', 'Expires']);
    const declared = config.categories.find((c) => c.id === t.category).cookies;
    const expected = declared.length ? declared.map((c) => [c.name, c.provider, c.purpose, c.expiry]) : [['No cookies used']];
    assert.deepEqual(t.rows, expected, t.category);
  }
  // The charity's own policy: necessary ASP.NET_SessionId and __cfduid; performance _ga,
  // _gat, _gid; functionality __zlcmid; no targeting cookies.
  assert.deepEqual(tables.map((t) => t.rows.map((r) => r[0])), [
    ['ASP.NET_SessionId', '__cfduid'], ['_ga', '_gat', '_gid'], ['__zlcmid'], ['No cookies used'],
  ]);
  assert.deepEqual(await cspViolations(page), []);
  await context.close();
});

test('every demo page loads with zero CSP violations and no page errors', async () => {
  for (const path of ['/', HOME, '/sites/charity/contact.html', '/sites/charity/privacy.html', '/showcase/en.html', '/showcase/ar.html', '/showcase/hostile.html']) {
    const { page, context, pageErrors, consoleErrors } = await open(path, { wait: path !== '/' });
    if (path !== '/') {
      await page.locator('[data-action="accept-all"]').click();
      await page.waitForFunction(() => window.crumbs.getConsent() !== null);
    }
    assert.deepEqual(await cspViolations(page), [], path);
    assert.deepEqual(pageErrors, [], path);
    assert.deepEqual(consoleErrors, [], path);
    await context.close();
  }
});

test('the settings link on the page reopens the preferences with the current choice', async () => {
  const { page, context } = await open(HOME);
  await page.locator('[data-crumbs="banner"] [data-action="preferences"]').click();
  await page.locator('[data-crumbs="preferences"] input[data-category="functionality"]').check();
  await page.locator('[data-crumbs="preferences"] [data-action="save"]').click();
  await page.locator('footer [data-crumbs-open]').click();
  const dialog = page.locator('[data-crumbs="preferences"]');
  assert.ok(await dialog.isVisible());
  assert.equal(await dialog.locator('input[data-category="functionality"]').isChecked(), true);
  assert.equal(await dialog.locator('input[data-category="performance"]').isChecked(), false);
  await page.keyboard.press('Escape');
  assert.equal(await dialog.count(), 0);
  assert.equal(await page.evaluate(() => document.activeElement.hasAttribute('data-crumbs-open')), true, 'focus returns to the opener');
  await context.close();
});

test('each decision on the charity site is recorded in the consent log', async () => {
  const { page, context } = await open(HOME);
  await page.locator('[data-action="reject-all"]').click();
  await page.waitForFunction(() => window.crumbs.getConsent() !== null);
  await page.evaluate(() => window.crumbs.show());
  await page.locator('[data-action="accept-all"]').click();
  await page.waitForFunction(() => window.crumbs.getConsent().seq === 2);
  // A page script's decisions are the API's, never the visitor's click: a call, and a synthetic click.
  await page.evaluate(() => window.crumbs.rejectAll());
  await page.evaluate(() => {
    window.crumbs.show();
    const host = [...document.querySelectorAll('*')].find((e) => e.shadowRoot?.querySelector('[data-action="accept-all"]'));
    host.shadowRoot.querySelector('[data-action="accept-all"]').click();
  });
  await page.waitForFunction(() => window.crumbs.getConsent().seq === 4);
  const id = (await page.evaluate(() => window.crumbs.getConsent())).consentId;
  await page.waitForFunction(() => !localStorage.getItem('crumbs_log_queue'), null, { timeout: 10_000 });
  const res = await fetch(`${env.log.url}/v1/consents/${id}`, { headers: { Authorization: `Bearer ${env.log.adminToken}` } });
  const history = await res.json();
  assert.deepEqual(history.map((r) => [r.seq, r.method, r.status]), [[1, 'reject_all', 'ok'], [2, 'accept_all', 'ok'], [3, 'api', 'ok'], [4, 'api', 'ok']]);
  assert.ok(history.every((r) => r.page.endsWith('/sites/charity/') && !('ip' in r)));
  await context.close();
});
