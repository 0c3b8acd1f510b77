// Regional rules in real Chromium (src/region.rs): the opt-in default, the UK DUAA 2025 regime
// (the site's own statistics run before any click; the one-click objection stops and erases
// them; a third party's never run by default), the US opt-out regime (runs by default; GPC and
// "Do not sell or share" refuse targeting), how data-region and defaultRegion choose, and the
// regime each consent-log record carries. Every absence is a request check against a control:
// the same page without crumbs (`?control=ungated`: its gated scripts as plain ones) runs it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { env, open, ran, settled, useBrowser } from './harness.mjs';

useBrowser();

const STATS = /\/test\/zoo\/stats\.js$/;
const HOTJAR = /^https:\/\/static\.hotjar\.com:\d+\/h\.js/;
const FB = /^https:\/\/connect\.facebook\.net:\d+\/p\/ads\.js/;
const requested = (requests, re) => requests.some((u) => re.test(u));
const gpc = { beforeGoto: (p) => p.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true })) };

/** The consent-log records posted from `page` (their bodies, flattened) and whether each was stored. */
function watchLog(page) {
  const posted = [];
  page.on('response', async (r) => {
    if (!r.url().endsWith('/v1/consents') || r.request().method() !== 'POST') return;
    const body = JSON.parse(r.request().postData());
    for (const rec of [].concat(body)) posted.push({ ...rec, status: r.status() });
  });
  return posted;
}

/** The records the consent log itself stored for a consent id (its ndjson export). */
async function stored(consentId) {
  const r = await fetch(`${env.log.url}/v1/consents?format=ndjson`, { headers: { Authorization: `Bearer ${env.log.adminToken}` } });
  return (await r.text()).trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)).filter((x) => JSON.stringify(x).includes(consentId));
}

/** Waits a moment for anything that would still load, then what ran. */
async function settle(page) {
  await page.waitForTimeout(600);
  return ran(page);
}

async function cookie(context, name) {
  return (await context.cookies()).find((c) => c.name === name);
}

test('the control: without crumbs the page fetches and runs all three scripts', async () => {
  for (const page of ['regions.html?', 'regions.html?region=GB&', 'regions.html?region=US-CA&']) {
    const v = await open(`/test/zoo/${page}control=ungated`, { wait: false });
    const names = await settled(() => ran(v.page), (r) => r.length === 3, 3000);
    assert.deepEqual([...names].sort(), ['fb', 'hotjar', 'stats'], page);
    for (const re of [STATS, HOTJAR, FB]) assert.ok(requested(v.requests, re), `${page}: ${re}`);
    await v.context.close();
  }
});

test('opt-in stays the default: no region, an EU country, or a region the owner allows nothing in', async () => {
  for (const [path, why] of [['regions.html?config=regions', 'no data-region, no defaultRegion'], ['regions.html?region=GB', 'GB, but the config has no regions'],
    ['regions.html?region=US-CA', 'US, but the config has no regions']]) {
    const v = await open(`/test/zoo/${path}`);
    assert.deepEqual(await settle(v.page), [], why);
    for (const re of [STATS, HOTJAR, FB]) assert.ok(!requested(v.requests, re), `${why}: ${re} was requested`);
    const banner = v.page.locator('[data-crumbs="banner"]');
    assert.equal(await banner.locator('[data-crumbs="region"]').count(), 0, why);
    assert.equal(await banner.locator('[data-action="reject-all"]').textContent(), 'Reject all');
    assert.equal(await v.page.locator('[data-action="do-not-sell"]').count(), 0);
    assert.deepEqual(v.consoleErrors, [], why);
    await v.context.close();
  }
});

test('UK: the site\'s own statistics run before any click; the one-click objection stops and erases them', async () => {
  const v = await open('/test/zoo/regions.html?region=GB&config=regions', { beforeGoto: (p) => { p.posted = watchLog(p); } });
  const posted = v.page.posted;
  assert.deepEqual(await settled(() => ran(v.page), (r) => r.length > 0, 3000), ['stats'], 'the first-party statistics ran, nothing else');
  assert.deepEqual(await settle(v.page), ['stats']);
  assert.ok(requested(v.requests, STATS));
  assert.ok(!requested(v.requests, HOTJAR), 'a third party\'s statistics never run by default');
  assert.ok(!requested(v.requests, FB), 'advertising never runs by default');
  assert.ok(await cookie(v.context, 'site_stats'));
  assert.equal(await cookie(v.context, 'crumbs_consent'), undefined, 'no one decided: nothing stored');
  assert.deepEqual(posted, [], 'nothing logged');
  // The banner says so, and the objection is as easy as accepting.
  const banner = v.page.locator('[data-crumbs="banner"]');
  assert.match(await banner.locator('[data-crumbs="region"]').textContent(), /^Some of our own cookies, for statistics and for how the site looks, are on without asking first/);
  const [accept, object] = [banner.locator('[data-action="accept-all"]'), banner.locator('[data-action="reject-all"]')];
  assert.equal(await object.textContent(), 'Turn all off');
  assert.equal(await object.getAttribute('class'), await accept.getAttribute('class'));
  await object.click();
  assert.equal(await settled(async () => (await cookie(v.context, 'site_stats')) ?? null, (c) => c === null, 2000), null, 'erased');
  const [rec] = await settled(() => posted, (p) => p.length > 0, 3000);
  assert.ok(rec.status >= 200 && rec.status < 300, JSON.stringify(rec));
  assert.equal(rec.regime, 'uk-duaa');
  assert.equal(rec.method, 'reject_all');
  assert.deepEqual(rec.refused, ['performance', 'functionality', 'targeting']);
  // The record says what the banner showed: the notice and the objection's own words.
  assert.equal(rec.texts?.turnOffAll, 'Turn all off', JSON.stringify(rec.texts));
  assert.match(rec.texts?.ukDefaultsNotice ?? '', /^Some of our own cookies/);
  assert.equal(rec.texts?.usOptOutNotice, undefined, 'not the US notice');
  assert.equal((await v.page.evaluate(() => window.crumbs.getConsent())).regime, 'uk-duaa', 'getConsent() names the regime');
  assert.equal((await stored(rec.consentId))[0]?.regime, 'uk-duaa', 'the log keeps the regime');
  // The next page view: the objection stands, and the script is not even fetched.
  const before = v.requests.length;
  await v.page.reload();
  await v.page.evaluate(() => window.crumbs.ready);
  assert.deepEqual(await settle(v.page), []);
  assert.ok(!requested(v.requests.slice(before), STATS), 'the objected script is not fetched again');
  assert.equal(await v.page.locator('[data-crumbs="banner"]').count(), 0);
  assert.deepEqual(v.consoleErrors, []);
  await v.context.close();
});

test('UK: accepting grants the rest, third parties included; the preferences start from the defaults', async () => {
  const v = await open('/test/zoo/regions.html?region=GB&config=regions');
  await v.page.locator('[data-action="preferences"]').click();
  const on = await v.page.locator('[data-crumbs="preferences"] input[data-category]').evaluateAll((xs) => xs.map((x) => [x.dataset.category, x.checked]));
  assert.deepEqual(on, [['necessary', true], ['performance', true], ['functionality', true], ['targeting', false]]);
  await v.page.locator('[data-action="close"]').click();
  await v.page.locator('[data-action="accept-all"]').click();
  const names = await settled(() => ran(v.page), (r) => r.length === 3, 3000);
  assert.deepEqual([...names].sort(), ['fb', 'hotjar', 'stats']);
  await v.context.close();
});

test('UK: a config with regional defaults is drawn by the full core (the first paint draws only the opt-in banner)', async () => {
  const noteFirstPaint = (p) => p.addInitScript(() => {
    window.__firstPaint = 0;
    const attach = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function () {
      if (this.hasAttribute('data-crumbs-first-paint')) window.__firstPaint++;
      return attach.apply(this, arguments);
    };
  });
  const v = await open('/test/zoo/regions.html?region=GB&config=regions', { beforeGoto: noteFirstPaint });
  await v.page.locator('crumbs-consent:not([data-crumbs-first-paint])').waitFor({ state: 'attached' });
  await v.page.waitForFunction(() => document.querySelector('crumbs-consent')?.shadowRoot?.querySelector('[data-crumbs="region"]'));
  assert.equal(await v.page.evaluate(() => window.__firstPaint), 0, 'no first paint');
  await v.context.close();
  // Control: the same page with a config without regions gets its first paint.
  const c = await open('/test/zoo/regions.html?region=GB', { beforeGoto: noteFirstPaint });
  await c.page.locator('[data-crumbs="banner"]').waitFor({ state: 'visible' });
  assert.equal(await c.page.evaluate(() => window.__firstPaint), 1, 'the opt-in banner is the first paint\'s');
  await c.context.close();
});

test('US: everything runs by default; "Do not sell or share" refuses targeting in one click, from the banner or a footer link (or a script)', async () => {
  for (const control of ['banner', 'footer', 'a script']) {
    const v = await open('/test/zoo/regions.html?region=US-CA&config=regions', { beforeGoto: (p) => { p.posted = watchLog(p); } });
    const names = await settled(() => ran(v.page), (r) => r.length === 3, 3000);
    assert.deepEqual([...names].sort(), ['fb', 'hotjar', 'stats'], 'opt-out: all of it by default');
    const banner = v.page.locator('[data-crumbs="banner"]');
    assert.match(await banner.locator('[data-crumbs="region"]').textContent(), /may sell or share personal information/);
    if (control === 'banner') await banner.locator('[data-action="do-not-sell"]').click();
    else if (control === 'footer') await v.page.locator('#do-not-sell').click();
    else await v.page.evaluate(() => document.getElementById('do-not-sell').click());
    const [rec] = await settled(() => v.page.posted, (p) => p.length > 0, 3000);
    assert.ok(rec.status >= 200 && rec.status < 300, JSON.stringify(rec));
    assert.deepEqual([rec.regime, rec.refused, rec.granted], ['us-opt-out', ['targeting'], ['necessary', 'performance', 'functionality']], control);
    // The visitor's click, on the banner's button or the site's footer link, is their opt-out;
    // a page script's synthetic click is the API's.
    assert.equal(rec.method, control === 'a script' ? 'api' : 'do_not_sell', control);
    assert.equal(rec.texts?.doNotSell, 'Do not sell or share my personal information', control);
    assert.match(rec.texts?.usOptOutNotice ?? '', /may sell or share personal information/, control);
    assert.equal(await settled(async () => (await cookie(v.context, 'zoo_fb')) ?? null, (c) => c === null, 2000), null, 'the ad cookie is erased');
    const before = v.requests.length;
    await v.page.reload();
    await v.page.evaluate(() => window.crumbs.ready);
    const again = await settled(() => ran(v.page), (r) => r.length === 2, 3000);
    assert.deepEqual([...again].sort(), ['hotjar', 'stats'], control);
    assert.ok(!requested(v.requests.slice(before), FB), `${control}: the advertising script is not fetched after the opt-out`);
    assert.deepEqual(v.consoleErrors, []);
    await v.context.close();
  }
});

test('US: the Global Privacy Control signal means do not sell or share: targeting refused, logged as gpc', async () => {
  const v = await open('/test/zoo/regions.html?region=US-CA&config=regions', { beforeGoto: async (p, c) => { p.posted = watchLog(p); await gpc.beforeGoto(p, c); } });
  const names = await settled(() => ran(v.page), (r) => r.length === 2, 3000);
  assert.deepEqual([...(await settle(v.page))].sort(), ['hotjar', 'stats'], String(names));
  assert.ok(!requested(v.requests, FB), 'the advertising script is not fetched');
  const [rec] = await settled(() => v.page.posted, (p) => p.length > 0, 3000);
  assert.ok(rec.status >= 200 && rec.status < 300, JSON.stringify(rec));
  assert.deepEqual([rec.method, rec.gpc, rec.regime, rec.refused], ['gpc', true, 'us-opt-out', ['targeting']]);
  assert.equal(await v.page.locator('[data-crumbs="banner"] [data-crumbs="gpc"]').count(), 1);
  assert.equal(await v.page.locator('[data-action="do-not-sell"]').count(), 0, 'the signal said it already');
  await v.context.close();
});

test('data-region chooses over defaultRegion; an unknown value fails closed to opt-in and is reported', async () => {
  // defaultRegion "uk" with no data-region: the UK rules.
  const uk = await open('/test/zoo/regions.html?config=regions-uk');
  assert.deepEqual(await settled(() => ran(uk.page), (r) => r.length > 0, 3000), ['stats']);
  assert.ok(!requested(uk.requests, FB) && !requested(uk.requests, HOTJAR));
  await uk.context.close();
  // data-region="US-CA" wins over it.
  const us = await open('/test/zoo/regions.html?region=US-CA&config=regions-uk');
  assert.equal((await settled(() => ran(us.page), (r) => r.length === 3, 3000)).length, 3);
  await us.context.close();
  // data-region="mars": nothing runs, and the console names the value.
  const mars = await open('/test/zoo/regions.html?region=mars&config=regions-uk');
  assert.deepEqual(await settle(mars.page), []);
  for (const re of [STATS, HOTJAR, FB]) assert.ok(!requested(mars.requests, re), `${re} was requested`);
  assert.ok(mars.consoleErrors.some((e) => e.includes('data-region "mars" is not a region crumbs knows')), mars.consoleErrors.join('\n'));
  assert.equal(await mars.page.locator('[data-crumbs="region"]').count(), 0);
  await mars.context.close();
});

test('an opt-in decision is the log\'s "opt-in" regime, and a UK decision is asked again in the US', async () => {
  const v = await open('/test/zoo/regions.html?config=regions', { beforeGoto: (p) => { p.posted = watchLog(p); } });
  await v.page.locator('[data-action="accept-all"]').click();
  const [rec] = await settled(() => v.page.posted, (p) => p.length > 0, 5000);
  assert.ok(rec.status >= 200 && rec.status < 300, JSON.stringify(rec));
  assert.equal(rec.regime, 'opt-in');
  await v.context.close();
  const uk = await open('/test/zoo/regions.html?region=GB&config=regions');
  await uk.page.locator('[data-action="accept-all"]').click();
  await settled(async () => (await cookie(uk.context, 'crumbs_consent')) ?? null, Boolean, 2000);
  const there = await uk.context.newPage();
  await there.goto(uk.page.url().replace('region=GB', 'region=US-CA'));
  await there.evaluate(() => window.crumbs.ready);
  assert.equal(await there.locator('[data-crumbs="banner"]').count(), 1, 'a decision made under the UK rules does not stand under the US ones');
  await uk.context.close();
});
