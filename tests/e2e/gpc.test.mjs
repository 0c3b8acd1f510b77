// Global Privacy Control in the browser (README: Global Privacy Control): with the signal on,
// crumbs refuses targeting at once and logs that as a `gpc` record; "Accept all" leaves
// targeting refused (and performance too, with gpcRefusesPerformance); only switching the
// category on by name grants it; every record made under the signal carries the flag. Each
// refusal has its control: the same page and click without the signal runs what was refused.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bannerShown, open, quiet, ran, requestsTo, useBrowser, withGpc } from './harness.mjs';

useBrowser();

const PAGE = '/test/first-visit.html';
const GATED = /\/test\/vendor\//;
const file = (r) => r.split('/').pop();

/** Opens the page with the signal on or off, the config sending records to the consent log,
 *  and every record the client POSTs collected in `records`. */
async function openWith({ gpc, gpcRefusesPerformance = false }) {
  const records = [];
  const opened = await open(PAGE, {
    beforeGoto: async (p) => {
      if (gpc) await withGpc(p);
      await p.route('**/test/test.config.json', (route) => route.fulfill({
        json: { revision: 1, endpoint: '/v1/consents', gpcRefusesPerformance, categories: [{ id: 'necessary' }, { id: 'performance' }, { id: 'functionality' }, { id: 'targeting' }] },
      }));
      p.on('request', (r) => { if (r.method() === 'POST' && r.url().includes('/v1/consents')) records.push(...[JSON.parse(r.postData())].flat()); });
    },
  });
  return { ...opened, records };
}
const consent = (page) => page.evaluate(() => window.crumbs.getConsent());
const acceptAll = async (page) => { await page.locator('[data-crumbs="banner"] [data-action="accept-all"]').click(); await quiet(page); };
/** Waits until every record made so far has been sent. */
const delivered = (page) => page.waitForFunction(() => !localStorage.getItem('crumbs_log_queue'), null, { timeout: 10_000 });

test('GPC refuses targeting at once, logged as a gpc record; "Accept all" leaves it refused; every record carries the flag', async () => {
  const { page, context, requests, records } = await openWith({ gpc: true });
  await quiet(page);
  const auto = await consent(page);
  assert.equal(auto.byVisitor, false, 'an automatic decision');
  assert.ok(auto.refused.includes('targeting'), JSON.stringify(auto));
  assert.ok(await bannerShown(page), 'the banner still asks about the other categories');
  assert.equal(await page.locator('[data-crumbs="banner"] [data-crumbs="gpc"]').count(), 1, 'and says the signal was honoured');
  assert.deepEqual(await ran(page), ['no-ads'], 'targeting refused at once: only !targeting runs');

  await acceptAll(page);
  assert.deepEqual((await consent(page)).refused, ['targeting'], '"Accept all" leaves targeting refused');
  assert.deepEqual(await ran(page), ['no-ads', 'one', 'inline-two', 'three']);
  assert.deepEqual(requestsTo(requests, /\/test\/vendor\/ads\.js/), [], 'the targeting script is never requested');

  // Switching targeting on by name grants it.
  await page.evaluate(() => window.crumbs.accept(['performance', 'functionality', 'targeting']));
  await quiet(page);
  assert.deepEqual((await consent(page)).refused, []);
  assert.ok((await ran(page)).includes('ads'), 'named, targeting runs');

  await delivered(page);
  assert.deepEqual(records.map((r) => [r.method, r.gpc]), [['gpc', true], ['accept_all', true], ['api', true]], 'every record carries the flag');
  // The automatic record grants nothing optional: the rest is the visitor's to decide.
  assert.deepEqual([records[0].granted, records[0].refused], [['necessary'], ['performance', 'functionality', 'targeting']]);
  await context.close();
});

test('the control: without the signal, the same "Accept all" runs the targeting script, and no record has the flag', async () => {
  const { page, context, requests, records } = await openWith({ gpc: false });
  await quiet(page);
  assert.equal(await consent(page), null, 'no automatic decision');
  assert.equal(await page.locator('[data-crumbs="banner"] [data-crumbs="gpc"]').count(), 0);
  await acceptAll(page);
  assert.deepEqual((await consent(page)).refused, []);
  assert.deepEqual(await ran(page), ['one', 'inline-two', 'three', 'ads']);
  assert.equal(requestsTo(requests, /\/test\/vendor\/ads\.js/).length, 1);
  await delivered(page);
  assert.deepEqual(records.map((r) => [r.method, r.gpc]), [['accept_all', false]]);
  await context.close();
});

test('gpcRefusesPerformance: GPC refuses performance too, "Accept all" leaves both refused, and naming performance grants it', async () => {
  const { page, context, requests, records } = await openWith({ gpc: true, gpcRefusesPerformance: true });
  await quiet(page);
  assert.deepEqual((await consent(page)).refused.filter((c) => c !== 'functionality'), ['performance', 'targeting']);
  await acceptAll(page);
  assert.deepEqual((await consent(page)).refused, ['performance', 'targeting']);
  assert.deepEqual(await ran(page), ['no-ads', 'three'], 'only !targeting and functionality run');
  assert.deepEqual(requestsTo(requests, GATED).map(file).sort(), ['no-ads.js', 'three.js'], 'performance and targeting scripts never requested');
  // The control within the page: naming performance grants it, and its scripts run.
  await page.evaluate(() => window.crumbs.accept(['performance', 'functionality']));
  await quiet(page);
  assert.deepEqual((await consent(page)).refused, ['targeting']);
  assert.deepEqual(await ran(page), ['no-ads', 'three', 'one', 'inline-two']);
  await delivered(page);
  assert.ok(records.length === 3 && records.every((r) => r.gpc === true), JSON.stringify(records.map((r) => [r.method, r.gpc])));
  assert.deepEqual(records[0].refused.filter((c) => c !== 'functionality'), ['performance', 'targeting']);
  await context.close();
});
