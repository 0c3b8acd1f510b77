// Google Consent Mode v2 and Microsoft UET on a page that asks for them on the tag, as the
// README says: the defaults are queued before the first tag runs, every decision sends an
// update, a stored decision is sent on load, and each of Google's seven types follows its
// category.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decisionModuleIn, isFullCore, open, quiet, useBrowser } from './harness.mjs';

useBrowser();

const TYPES = {
  ad_storage: 'targeting', ad_user_data: 'targeting', ad_personalization: 'targeting',
  analytics_storage: 'performance', functionality_storage: 'functionality', personalization_storage: 'functionality',
  security_storage: 'necessary',
};
/** Google's consent object for these granted categories. */
const google = (granted) => Object.fromEntries(Object.entries(TYPES).map(([t, c]) => [t, granted.includes(c) ? 'granted' : 'denied']));
const consentCalls = (page) => page.evaluate(() => window.dataLayer.map((a) => Array.from(a)).filter((a) => a[0] === 'consent'));
const uet = (page) => page.evaluate(() => window.uetq.slice());

test('the defaults are queued as the loader runs, before the first tag: all denied but security, wait_for_update as the tag says', async () => {
  const { page, context } = await open('/test/consent-mode.html', { wait: false });
  // In the loader's own task (its load event), and at the tag after it.
  for (const at of ['__atLoaderEnd', '__atFirstTag']) {
    const seen = await page.evaluate((name) => window[name], at);
    assert.deepEqual(seen.dataLayer, [['consent', 'default', { ...google(['necessary']), wait_for_update: 700 }]], at);
    assert.deepEqual(seen.uetq, ['consent', 'default', { ad_storage: 'denied' }], at);
  }
  await context.close();
});

test('every decision sends an update that maps all seven types, and a stored decision is sent on load', async () => {
  const { page, context } = await open('/test/consent-mode.html');
  await page.locator('[data-action="accept-all"]').click();
  await page.waitForFunction(() => window.dataLayer.filter((a) => a[0] === 'consent').length === 2);
  let calls = await consentCalls(page);
  assert.deepEqual(calls[1], ['consent', 'update', google(['necessary', 'performance', 'functionality', 'targeting'])]);
  assert.deepEqual((await uet(page)).slice(3), ['consent', 'update', { ad_storage: 'granted' }]);

  await page.evaluate(() => window.crumbs.accept(['performance']));
  await page.waitForFunction(() => window.dataLayer.filter((a) => a[0] === 'consent').length === 3);
  calls = await consentCalls(page);
  assert.deepEqual(calls[2], ['consent', 'update', google(['necessary', 'performance'])]);
  assert.deepEqual((await uet(page)).slice(6), ['consent', 'update', { ad_storage: 'denied' }]);

  await page.evaluate(() => window.crumbs.accept(['functionality']));
  await page.waitForFunction(() => window.dataLayer.filter((a) => a[0] === 'consent').length === 4);
  assert.deepEqual((await consentCalls(page))[3], ['consent', 'update', google(['necessary', 'functionality'])]);

  await page.reload();
  await page.evaluate(() => window.crumbs.ready);
  calls = await consentCalls(page);
  assert.deepEqual(calls, [
    ['consent', 'default', { ...google(['necessary']), wait_for_update: 700 }],
    ['consent', 'update', google(['necessary', 'functionality'])],
  ], 'on load: the default, then the stored decision');
  assert.deepEqual(await uet(page), ['consent', 'default', { ad_storage: 'denied' }, 'consent', 'update', { ad_storage: 'denied' }]);
  await context.close();
});

// A first visit's "Accept all" or "Reject all" is decided by the decision module (decide.js),
// not the full core: its update follows the default just the same, and the full core is never
// fetched for it.
for (const [action, granted, adStorage] of [['accept-all', ['necessary', 'performance', 'functionality', 'targeting'], 'granted'], ['reject-all', ['necessary'], 'denied']]) {
  test(`a first visit's "${action}" on the fast path sends the update that maps all seven types, without the full core`, async () => {
    const { page, context, requests } = await open('/test/consent-mode.html', { wait: false });
    await decisionModuleIn(page);
    await page.locator(`[data-crumbs="banner"] [data-action="${action}"]`).click();
    await page.waitForFunction(() => document.cookie.includes('crumbs_consent='));
    await quiet(page);
    assert.deepEqual(await consentCalls(page), [
      ['consent', 'default', { ...google(['necessary']), wait_for_update: 700 }],
      ['consent', 'update', google(granted)],
    ]);
    assert.deepEqual(await uet(page), ['consent', 'default', { ad_storage: 'denied' }, 'consent', 'update', { ad_storage: adStorage }]);
    assert.deepEqual(requests.filter(isFullCore), [], 'decided by the decision module: the full core never fetched');
    await context.close();
  });
}
