// The Mixed-Methods Research Institute reference site (www/sites/research/): first-party
// authentication, identification and security cookies and Stripe are strictly necessary and
// work before any choice; only Google Analytics (performance) and personalisation
// (functionality) wait for consent, and each is erased when withdrawn.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  bannerShown, cspViolations, declaredCategory, declaredTables, open, ran, renderedTables, screenshot, servicesOf, settled,
  siteConfig, useBrowser,
} from './harness.mjs';

useBrowser();

const SITE = '/sites/research/';
const config = siteConfig('research');
const RULES = [
  ['google-analytics', 'www.googletagmanager.com', /^\/gtag\/js$/],
  ['google-analytics', 'region1.google-analytics.com', /^\/g\/collect$/],
  ['preferences', 'self', /\/assets\/preferences\.js$/],
  ['stripe', 'js.stripe.com', /^\/v3\/$/],
  ['stripe', 'm.stripe.com', /^\/6$/],
];
const BY_CATEGORY = { necessary: ['stripe'], performance: ['google-analytics'], functionality: ['preferences'] };
const NECESSARY = ['__stripe_mid', '__stripe_sid', 'mmri_auth', 'mmri_guard', 'mmri_id'];
const COOKIES = { performance: ['_ga', '_ga_MMRI7Q2', '_gid'], functionality: ['mmri_prefs'] };
const names = async (context) => (await context.cookies()).map((c) => c.name).filter((n) => n !== 'crumbs_consent').sort();

/** Signs in, visits every page, pays (mounts Stripe) and tries to set a larger text size. */
async function tour(page, context, requests) {
  const go = async (path) => {
    await page.goto(new URL(path, page.url()).href);
    await page.evaluate(() => window.crumbs.ready);
    await page.waitForLoadState('networkidle');
  };
  await go(`${SITE}account.html`);
  await page.locator('#email').fill('researcher@example.org');
  await page.locator('#password').fill('secret');
  await page.locator('#sign-in button').click();
  await page.waitForURL(/account\.html$/);
  assert.equal(await page.locator('#signed-in').textContent(), 'Signed in as researcher.');
  await go(`${SITE}courses.html`);
  await page.locator('#card-element input').waitFor();
  if (await page.locator('#text-size').isEnabled()) await page.locator('#text-size').selectOption('large');
  await go(SITE);
  await page.waitForTimeout(600); // crumbs' erasure checks again after 0.5 s
  return servicesOf(requests, RULES);
}

test('before a choice: sign-in, security and Stripe work; no analytics or personalisation', async () => {
  const { page, context, requests, pageErrors, consoleErrors } = await open(SITE);
  assert.ok(await bannerShown(page));
  await screenshot(page, 'site-research-banner');
  assert.deepEqual(await names(context), ['mmri_guard'], 'the security cookie is set on the first page view');
  assert.deepEqual(await tour(page, context, requests), ['stripe']);
  assert.deepEqual(await names(context), NECESSARY);
  assert.equal(await page.locator('#text-size').isDisabled(), true, 'preferences wait for consent');
  assert.deepEqual(await ran(page), []);
  assert.ok(await bannerShown(page), 'still asked');
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(pageErrors, []);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

for (const category of ['performance', 'functionality']) {
  test(`granting only ${category} enables exactly its service and cookies`, async () => {
    const { page, context, requests } = await open(SITE);
    await page.evaluate((c) => window.crumbs.accept([c]), category);
    assert.deepEqual(await tour(page, context, requests), [...BY_CATEGORY.necessary, ...BY_CATEGORY[category]].sort());
    assert.deepEqual(await names(context), [...NECESSARY, ...COOKIES[category]].sort());
    for (const n of await names(context)) assert.ok(['necessary', category].includes(declaredCategory(config, n)), n);
    if (category === 'functionality') {
      assert.equal(await page.evaluate(() => document.body.classList.contains('text-large')), true, 'the preference is remembered');
    }
    assert.deepEqual(await cspViolations(page), []);
    await context.close();
  });
}

test('withdrawal erases analytics and personalisation cookies, never sign-in, security or Stripe', async () => {
  const { page, context, requests } = await open(SITE);
  await page.locator('[data-action="accept-all"]').click();
  await tour(page, context, requests);
  assert.deepEqual(await names(context), [...NECESSARY, ...COOKIES.performance, ...COOKIES.functionality].sort());
  await page.evaluate(() => window.crumbs.accept(['performance']));
  const afterF = [...NECESSARY, ...COOKIES.performance].sort();
  assert.deepEqual(await settled(() => names(context), (v) => v.length === afterF.length, 3000), afterF);
  await page.locator('footer [data-crumbs-open]').click();
  await page.locator('[data-crumbs="preferences"] input[data-category="performance"]').uncheck();
  await page.locator('[data-crumbs="preferences"] [data-action="save"]').click();
  assert.deepEqual(await settled(() => names(context), (v) => v.length === NECESSARY.length, 3000), NECESSARY);
  await page.reload();
  await page.evaluate(() => window.crumbs.ready);
  assert.equal(await page.locator('#signed-in').count(), 0);
  assert.deepEqual(await ran(page), []);
  assert.deepEqual(await names(context), NECESSARY, 'still signed in');
  await context.close();
});

test('the policy page table equals the declared table, cell by cell', async () => {
  const { page, context } = await open(`${SITE}privacy.html`);
  assert.deepEqual(await renderedTables(page), declaredTables(config));
  assert.deepEqual((await renderedTables(page)).map((t) => [t.category, t.rows.map((r) => r[0])]), [
    ['necessary', ['mmri_auth', 'mmri_id', 'mmri_guard', '__stripe_mid', '__stripe_sid']],
    ['performance', ['_ga', '_ga_*', '_gid']],
    ['functionality', ['mmri_prefs']],
    ['targeting', ['No cookies used']],
  ]);
  // Personalisation is functionality; authentication, identification and security are necessary.
  const purposes = Object.fromEntries((await renderedTables(page)).flatMap((t) => t.rows.filter((r) => r.length === 4).map((r) => [r[0], [t.category, r[2].split(':')[0]]])));
  assert.deepEqual([purposes.mmri_auth, purposes.mmri_id, purposes.mmri_guard, purposes.mmri_prefs], [
    ['necessary', 'Authentication'], ['necessary', 'Identification'], ['necessary', 'Security'], ['functionality', 'Personalisation'],
  ]);
  await page.locator('[data-action="reject-all"]').click();
  await screenshot(page, 'site-research-policy', { fullPage: true });
  assert.deepEqual(await cspViolations(page), []);
  await context.close();
});
