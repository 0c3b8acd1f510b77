// A first visit decided by the decision module (src/web/decide.rs, www/crumbs/loader/decide.js):
// "Accept all" and "Reject all" on the first paint's banner are carried out without the full
// core, which is never fetched (the loader sends the record itself; the full core comes only
// when that POST fails); the decision is the one the full core would make (it applies it on the
// next page view); a config with errors is never decided there; and the record reaches the
// consent log exactly once.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bannerShown, cookieNames, decisionModuleIn, env, isFullCore, open, quiet, ran, reachForBanner, settled, useBrowser } from './harness.mjs';

useBrowser();

const PAGE = '/test/first-visit.html';
const gatedRequests = (requests) => requests.filter((u) => u.includes('/test/vendor/'));
const config = (extra = {}) => (p) => p.route('**/test/test.config.json', (route) => route.fulfill({
  json: { revision: 1, categories: [{ id: 'necessary' }, { id: 'performance' }, { id: 'functionality' }, { id: 'targeting' }], ...extra },
}));
/** Notes every crumbs:consent event's detail in `__consents`. */
const noteConsents = (p) => p.addInitScript(() => {
  window.__consents = [];
  document.addEventListener('crumbs:consent', (e) => window.__consents.push(e.detail));
});
/** How many WebAssembly.Module objects the page still holds, after two GCs. */
async function liveWasmModules(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const proto = await cdp.send('Runtime.evaluate', { expression: 'WebAssembly.Module.prototype' });
  const { objects } = await cdp.send('Runtime.queryObjects', { prototypeObjectId: proto.result.objectId });
  const { result } = await cdp.send('Runtime.callFunctionOn', { objectId: objects.objectId, functionDeclaration: 'function () { return this.length; }', returnByValue: true });
  await cdp.detach();
  return result.value;
}

test('"Accept all" on a first visit runs every gated script but !targeting, in order, without the full core', async () => {
  const { page, context, requests } = await open(PAGE, { wait: false, beforeGoto: async (p) => { await config()(p); await noteConsents(p); } });
  await decisionModuleIn(page);
  // Once the network is quiet, so that a script wrongly released would have been fetched and
  // run by now; the click below is the control (the same scripts then run).
  await quiet(page);
  assert.deepEqual(await ran(page), [], 'nothing before the click');
  assert.deepEqual(gatedRequests(requests), [], 'nothing requested before the click');
  // The reach rehearsed both decisions (decide.js) and carried out neither.
  assert.ok(!(await cookieNames(context)).includes('crumbs_consent'), 'no consent cookie before the click');
  assert.deepEqual(await page.evaluate(() => window.__consents), [], 'no crumbs:consent before the click');
  assert.equal(await page.locator('#crumbs').count(), 1, 'the banner stays until the click');
  await page.locator('[data-crumbs="banner"] [data-action="accept-all"]').click();
  await page.waitForFunction(() => window.__demo && window.__demo.ran.length === 4);
  assert.deepEqual(await ran(page), ['one', 'inline-two', 'three', 'ads']);
  assert.equal(await page.locator('script[src="/test/vendor/three.js"][data-extra="kept"]').count(), 1, 'attributes kept');
  assert.equal(await page.locator('script[type="text/plain"][data-category="!targeting"]').count(), 1, '!targeting stays inert');
  assert.equal(await page.locator('#crumbs').count(), 0, 'the banner is gone');
  const consents = await page.evaluate(() => window.__consents);
  assert.equal(consents.length, 1);
  assert.deepEqual(consents[0].granted, ['necessary', 'performance', 'functionality', 'targeting']);
  assert.equal(consents[0].byVisitor, true);
  assert.ok((await cookieNames(context)).includes('crumbs_consent'));
  await page.waitForTimeout(300);
  assert.deepEqual(requests.filter(isFullCore), [], 'the full core was never fetched');
  assert.equal(await liveWasmModules(page), 0, 'the decision module\'s compiled code is let go once it has decided');
  // The next page view's full core reads the same decision: same id, scripts run, no banner.
  await page.locator('#next').click();
  await page.waitForURL('**/first-visit.html?again');
  await page.evaluate(() => window.crumbs.ready);
  await page.waitForFunction(() => window.__demo && window.__demo.ran.length === 4);
  assert.equal(await bannerShown(page), false);
  const stored = await page.evaluate(() => window.crumbs.getConsent());
  assert.equal(stored.consentId, consents[0].consentId);
  assert.deepEqual(stored, consents[0]);
  await context.close();
});

test('"Reject all" on a first visit runs only !targeting, without the full core; the API answers at once', async () => {
  const { page, context, requests } = await open(PAGE, { wait: false, beforeGoto: config() });
  await decisionModuleIn(page);
  await page.locator('[data-crumbs="banner"] [data-action="reject-all"]').click();
  await page.waitForFunction(() => window.__demo && window.__demo.ran.length === 1);
  assert.deepEqual(await ran(page), ['no-ads']);
  await page.waitForTimeout(300);
  assert.deepEqual(gatedRequests(requests).map((u) => u.split('/').pop()), ['no-ads.js']);
  assert.deepEqual(requests.filter(isFullCore), [], 'the full core was never fetched');
  // A query before the full core is in answers from the decision (and starts the full core).
  assert.deepEqual(await page.evaluate(() => [window.crumbs.hasConsent('performance'), window.crumbs.hasConsent('necessary'), window.crumbs.getConsent().granted]),
    [false, true, ['necessary']]);
  await page.evaluate(() => window.crumbs.ready);
  assert.deepEqual((await page.evaluate(() => window.crumbs.getConsent())).refused, ['performance', 'functionality', 'targeting']);
  assert.deepEqual(await ran(page), ['no-ads'], 'the full core runs nothing twice');
  await context.close();
});

test('a config with errors is never decided by the decision module: the full core reports it and fails closed', async () => {
  // Reached for first (the module's rehearsal finds it), or clicked at once (the click's own run does).
  for (const reached of [true, false]) {
    const { page, context, consoleErrors, requests } = await open(PAGE, { wait: false, beforeGoto: config({ layout: 'sidebar' }) });
    await page.locator('[data-crumbs="banner"] [data-action="accept-all"]').waitFor({ state: 'visible' });
    if (reached) {
      await reachForBanner(page);
      await page.waitForFunction(() => performance.getEntriesByType('resource').some((r) => r.name.endsWith('/dist/crumbs-decide.wasm') && r.responseEnd > 0));
      await page.waitForTimeout(100);
    }
    // Clicked without asking for crumbs.ready (which would start the full core itself).
    await page.locator('[data-crumbs="banner"] [data-action="accept-all"]').click();
    await page.evaluate(() => window.crumbs.ready);
    await page.waitForTimeout(300);
    assert.deepEqual(await ran(page), [], `${reached}: it fails closed`);
    assert.deepEqual(gatedRequests(requests), []);
    assert.ok(consoleErrors.some((e) => e.startsWith('crumbs: config error: layout: unknown value "sidebar"')), consoleErrors.join('\n'));
    assert.ok(!(await cookieNames(context)).includes('crumbs_consent'));
    await context.close();
  }
});

test('a first-visit decision with a consent log: the loader\'s one POST carries it, the log holds it once, and the full core never comes', async () => {
  const posts = [];
  const { page, context, requests } = await open(PAGE, {
    wait: false,
    beforeGoto: async (p) => {
      await config({ endpoint: '/v1/consents' })(p);
      await noteConsents(p);
      p.on('request', (r) => { if (r.method() === 'POST' && r.url().includes('/v1/consents')) posts.push(JSON.parse(r.postData())); });
    },
  });
  await decisionModuleIn(page);
  await quiet(page);
  assert.deepEqual([posts, await page.evaluate(() => localStorage.getItem('crumbs_log_queue'))], [[], null], 'no record queued or sent before the click');
  await page.locator('[data-crumbs="banner"] [data-action="accept-all"]').click();
  const detail = (await page.evaluate(() => window.__consents))[0];
  await page.waitForFunction(() => !localStorage.getItem('crumbs_log_queue'), null, { timeout: 10_000 });
  await quiet(page);
  assert.deepEqual(requests.filter(isFullCore), [], 'delivered without the full core');
  await page.reload();
  await page.evaluate(() => window.crumbs.ready);
  await page.waitForTimeout(500);
  const sent = posts.flat().filter((e) => e.consentId === detail.consentId);
  assert.equal(sent.length, 1, JSON.stringify(posts));
  assert.equal(sent[0].method, 'accept_all');
  const r = await fetch(`${env.log.url}/v1/consents?format=ndjson`, { headers: { Authorization: `Bearer ${env.log.adminToken}` } });
  const rows = (await r.text()).trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)).filter((row) => row.consentId === detail.consentId);
  assert.equal(rows.length, 1);
  assert.deepEqual(rows[0].granted, detail.granted);
  await context.close();
});

test('a first-visit decision whose POST fails: the full core comes, retries, and the log holds it once', async () => {
  let answered = 0;
  const { page, context, requests } = await open(PAGE, {
    wait: false,
    beforeGoto: async (p) => {
      await config({ endpoint: '/v1/consents' })(p);
      await noteConsents(p);
      // The first POST (the loader's) meets a log that is down; the rest reach it.
      await p.route('**/v1/consents', (route) => (route.request().method() === 'POST' && answered++ === 0
        ? route.fulfill({ status: 503, body: 'down' }) : route.continue()));
    },
  });
  await decisionModuleIn(page);
  await page.locator('[data-crumbs="banner"] [data-action="reject-all"]').click();
  const detail = (await page.evaluate(() => window.__consents))[0];
  await page.waitForFunction(() => !localStorage.getItem('crumbs_log_queue'), null, { timeout: 15_000 });
  assert.ok(requests.some(isFullCore), 'the full core came to deliver it');
  assert.ok(answered >= 2, `the loader's POST, then the full core's retry: ${answered}`);
  const r = await fetch(`${env.log.url}/v1/consents?format=ndjson`, { headers: { Authorization: `Bearer ${env.log.adminToken}` } });
  const rows = (await r.text()).trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)).filter((row) => row.consentId === detail.consentId);
  assert.deepEqual(rows.map((row) => [row.method, row.seq]), [['reject_all', 1]], 'stored once');
  await context.close();
});
