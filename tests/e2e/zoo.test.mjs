// The tracker zoo: third-party trackers added in twelve different ways, most before crumbs'
// wasm is ready, served from stand-in hosts (Chromium maps them to the test server).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { THIRD_PARTY, open, ran, settled, useBrowser } from './harness.mjs';

useBrowser();

const PAGE = '/test/zoo/';
const zooCookies = async (context) => (await context.cookies()).map((c) => c.name).filter((n) => n.startsWith('zoo_')).sort();
const names = (requests) => requests.filter((r) => THIRD_PARTY.test(r)).map((r) => new URL(r).searchParams.get('n') || new URL(r).pathname);

async function settle(page) {
  await page.waitForFunction(() => window.__zooInjectDone && document.readyState === 'complete');
  await page.waitForFunction(() => window.__demo && window.__demo.ran.includes('stripe'));
  await page.waitForTimeout(300);
}

test('before consent: only the strictly necessary tracker runs; the rest are neither run nor fetched', async () => {
  const { page, context, requests } = await open(PAGE);
  await settle(page);
  assert.deepEqual(await ran(page), ['stripe']);
  // The parser-inserted tag may be fetched by the browser's preload scanner (a documented
  // limit); everything added by code is never even requested.
  assert.deepEqual(names(requests).filter((n) => n !== 'parser'), ['stripe']);
  assert.deepEqual(await zooCookies(context), ['zoo_stripe']);
  for (const id of ['yt', 'vimeo', 'yt2']) {
    assert.equal(await page.locator(`#${id}`).getAttribute('src'), null, `${id} has no src`);
  }
  assert.equal(await page.locator('crumbs-embed').count(), 3, 'each iframe has a placeholder');
  assert.match(await page.locator('crumbs-embed:has(+ #yt) p').textContent(), /YouTube.*Targeting/);
  await context.close();
});

test('granting one category runs exactly its trackers, in document order; more later, then withdrawal erases', async () => {
  const { page, context, requests } = await open(PAGE);
  await settle(page);
  await page.evaluate(() => window.crumbs.accept(['performance']));
  await page.waitForFunction(() => window.__demo.ran.length === 5);
  await page.waitForTimeout(200);
  assert.deepEqual(await ran(page), ['stripe', 'ga', 'hotjar', 'hotjar2', 'parser']);
  assert.ok(!names(requests).some((n) => ['fb', 'fbwrite', 'ads', 'unknown'].includes(n)), 'no targeting request');
  assert.equal(await page.locator('#yt').getAttribute('src'), null);

  await page.evaluate(() => window.crumbs.acceptAll());
  await page.waitForFunction(() => window.__demo.ran.length === 9);
  assert.deepEqual((await ran(page)).slice(5), ['fb', 'unknown', 'ads', 'fbwrite']);
  await page.frameLocator('#yt').locator('#embedded').waitFor();
  await page.frameLocator('#vimeo').locator('#embedded').waitFor();
  assert.deepEqual(await zooCookies(context), ['zoo_ads', 'zoo_fb', 'zoo_fbwrite', 'zoo_ga', 'zoo_hotjar', 'zoo_hotjar2', 'zoo_parser', 'zoo_stripe', 'zoo_unknown']);

  await page.evaluate(() => window.crumbs.accept(['performance', 'functionality']));
  const kept = ['zoo_ga', 'zoo_hotjar', 'zoo_hotjar2', 'zoo_parser', 'zoo_stripe'];
  assert.deepEqual(await settled(() => zooCookies(context), (v) => v.length === kept.length), kept, 'targeting cookies erased');
  await context.close();
});

test('with a stored decision, allowed trackers pass straight through and refused ones stay held', async () => {
  const { page, context, requests } = await open(PAGE);
  await settle(page);
  await page.evaluate(() => window.crumbs.accept(['targeting']));
  await page.waitForFunction(() => window.__demo.ran.length === 5);
  await page.reload();
  await settle(page);
  await page.waitForFunction(() => window.__demo.ran.length === 5);
  assert.deepEqual((await ran(page)).sort(), ['ads', 'fb', 'fbwrite', 'stripe', 'unknown']);
  assert.ok(!names(requests.slice(requests.lastIndexOf(requests.find((r) => r.endsWith('/test/zoo/'))))).some((n) => ['ga', 'hotjar', 'hotjar2'].includes(n)));
  await context.close();
});

test('the owner\'s allowHosts lets an unknown host load before consent, and holdHosts holds a strictly necessary one until targeting consent', async () => {
  // Controls: without crumbs the page fetches and runs both; the first test's page, with the
  // same trackers and no host lists, runs Stripe before consent and holds the unknown vendor.
  const bare = await open('/test/zoo/?config=hosts&control', { wait: false });
  await bare.page.waitForFunction(() => window.__demo && ['stripe', 'unknown'].every((n) => window.__demo.ran.includes(n)));
  await bare.context.close();
  const { page, context, requests } = await open('/test/zoo/?config=hosts');
  await page.waitForFunction(() => window.__zooInjectDone && document.readyState === 'complete');
  await page.waitForFunction(() => window.__demo && window.__demo.ran.includes('unknown'));
  await page.waitForTimeout(300);
  assert.deepEqual(await ran(page), ['unknown'], 'only the allowed host ran');
  assert.ok(!names(requests).includes('stripe'), 'the held host was not even requested');
  assert.equal(await page.locator('script[data-crumbs-held][data-category="targeting"][data-src*="js.stripe.com"]').count(), 1);
  await page.evaluate(() => window.crumbs.accept(['performance', 'functionality']));
  await page.waitForTimeout(300);
  assert.ok(!(await ran(page)).includes('stripe'), 'held until targeting consent');
  await page.evaluate(() => window.crumbs.acceptAll());
  await page.waitForFunction(() => window.__demo.ran.includes('stripe'));
  await context.close();
});

test('a host only the vendor knowledge base knows is classified by the table once it arrives; without the table it needs targeting consent', async () => {
  const held = 'script[data-crumbs-held][data-src*="cdn.mxpnl.com"]';
  // Control: without crumbs the page fetches and runs it.
  const bare = await open('/test/zoo/vendor-base.html?control', { wait: false });
  await bare.page.waitForFunction(() => window.__demo && window.__demo.ran.includes('mixpanel'));
  await bare.context.close();
  const { page, context, requests } = await open('/test/zoo/vendor-base.html');
  await page.waitForFunction((s) => document.querySelector(s)?.dataset.category, held);
  assert.equal(await page.locator(held).getAttribute('data-category'), 'performance');
  assert.deepEqual(await ran(page), []);
  assert.ok(!names(requests).includes('mixpanel'), 'not requested before consent');
  await page.evaluate(() => window.crumbs.accept(['performance']));
  await page.waitForFunction(() => window.__demo && window.__demo.ran.includes('mixpanel'));
  await context.close();

  // Control: the same page with the table refused.
  const refused = await open('/test/zoo/vendor-base.html', { beforeGoto: (p) => p.route(/\/known\.bin$/, (r) => r.fulfill({ status: 404 })) });
  await refused.page.waitForFunction((s) => document.querySelector(s)?.dataset.category, held);
  assert.equal(await refused.page.locator(held).getAttribute('data-category'), 'targeting');
  await refused.page.evaluate(() => window.crumbs.accept(['performance']));
  await refused.page.waitForTimeout(400);
  assert.deepEqual(await ran(refused.page), [], 'still held');
  await refused.page.evaluate(() => window.crumbs.acceptAll());
  await refused.page.waitForFunction(() => window.__demo && window.__demo.ran.includes('mixpanel'));
  await refused.context.close();
});

/** Opens a zoo page (`open` waits for crumbs to be ready) once `done` holds in it, and checks
 *  that nothing has run. */
async function openBeforeConsent(path, done) {
  const opened = await open(path);
  await opened.page.waitForFunction(done);
  await opened.page.waitForTimeout(300);
  assert.deepEqual(await ran(opened.page), [], 'nothing ran before consent');
  return opened;
}

/** Accepts everything and checks that exactly `names` then run. */
async function acceptAllRuns(page, names) {
  await page.evaluate(() => window.crumbs.acceptAll());
  await page.waitForFunction((n) => window.__demo && window.__demo.ran.length === n, names.length);
  assert.deepEqual((await ran(page)).slice().sort(), names);
}

test('a relative URL is judged by the host a <base> sends it to, not by the page\'s own', async () => {
  const { page, context, requests } = await openBeforeConsent('/test/zoo/base.html', () => document.readyState === 'complete');
  const held = await page.evaluate(() => [
    [...document.querySelectorAll('script[data-crumbs-held]')].map((s) => s.dataset.src).sort(),
    ['attribute.js', 'parser.js', 'setter.js'].map((f) => new URL(f, document.baseURI).href.replace(/\?.*/, '')),
  ]);
  assert.deepEqual(held[0].map((u) => u.replace(/\?.*/, '')), held[1], 'each held, with the URL the browser would fetch');
  assert.match(held[1][0], /^https:\/\/static\.hotjar\.com:\d+\/c\//);
  assert.deepEqual(names(requests).filter((n) => n !== 'base-parser'), [], 'the ones added by code are not even requested');
  await acceptAllRuns(page, ['base-attribute', 'base-parser', 'base-setter']);
  await context.close();
});

test('a src set past the src property and setAttribute (setAttributeNS, an Attr node, another realm\'s setter, a contextual fragment) is still held, for scripts and frames', async () => {
  const { page, context } = await openBeforeConsent('/test/zoo/evade.html', () => window.__evadeDone && document.readyState === 'complete');
  // Scripts started loading before they were caught (the browser may fetch them), but none ran;
  // the frame's page is gone.
  assert.deepEqual(page.frames().map((f) => f.url()).filter((u) => u.includes('youtube')), []);
  assert.equal(await page.locator('#evade-frame[data-crumbs-held]').count(), 1, 'the frame is held');
  assert.equal(await page.locator('script[data-crumbs-held]').count(), 4, 'so are the scripts');
  await acceptAllRuns(page, ['evade-attr', 'evade-ns', 'evade-range', 'evade-realm']);
  await context.close();
});
