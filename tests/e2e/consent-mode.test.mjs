// Google Consent Mode v2 and Microsoft UET on a page that asks for them on the tag, as the
// README says: the defaults are queued before the first tag runs, every decision sends an
// update, a stored decision is sent on load, and each of Google's seven types follows its
// category.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { open, useBrowser } from './harness.mjs';

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

test('the defaults are queued before the first tag runs: all denied but security, wait_for_update as the tag says', async () => {
  const { page, context } = await open('/test/consent-mode.html', { wait: false });
  const first = await page.evaluate(() => window.__atFirstTag);
  assert.deepEqual(first.dataLayer, [['consent', 'default', { ...google(['necessary']), wait_for_update: 700 }]]);
  assert.deepEqual(first.uetq, ['consent', 'default', { ad_storage: 'denied' }]);
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
