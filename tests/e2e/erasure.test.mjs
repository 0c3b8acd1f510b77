// Erasure on withdrawal: on a host under a multi-label public suffix (example.co.uk), every
// domain and path variant of a withdrawn category's cookies is deleted, web-storage keys too,
// and cookies a running tracker writes back are deleted again.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { open, quiet, ran, requestsTo, settled, useBrowser } from './harness.mjs';

useBrowser();

const PAGE = '/test/erasure/deep/';
const HOST = 'www.example.co.uk';
const VARIANTS = /\/test\/vendor\/cookie-variants\.js/;
const CONFIG = JSON.parse(readFileSync(new URL('../../www/test/erasure/erasure.config.json', import.meta.url), 'utf8'));

test('withdrawing a category erases its cookies on every domain and path, and its storage keys', async () => {
  const { page, context, requests } = await open(PAGE, { host: HOST });
  await page.evaluate(() => window.crumbs.acceptAll());
  await page.waitForFunction(() => window.__demo && window.__demo.ran.length === 2);
  const ga = (cookies) => cookies.filter((c) => c.name.startsWith('_ga'));
  const planted = ga(await context.cookies());
  assert.equal(planted.length, 10, 'nine _ga variants plus _ga_ABC123');
  assert.deepEqual([...new Set(planted.map((c) => c.domain))].sort(), ['.example.co.uk', '.www.example.co.uk', 'www.example.co.uk']);

  // Withdraw performance, keep functionality. The page's deletions reach the browser's cookie
  // store asynchronously, so poll briefly, but stay under the first re-check (500 ms) so this
  // proves the immediate erasure.
  await page.evaluate(() => window.crumbs.accept(['functionality']));
  const left = await settled(async () => ga(await context.cookies()), (v) => v.length === 0);
  assert.deepEqual(left, [], 'every variant gone at once');
  assert.equal(await page.evaluate(() => localStorage.getItem('ajs_user_id')), null);
  assert.equal(await page.evaluate(() => sessionStorage.getItem('hjViewportId')), null);
  assert.ok((await context.cookies()).some((c) => c.name === 'lang_pref'), 'a granted category keeps its cookies');

  // The tracker is still running and writes its cookies back after a second; crumbs checks again.
  await page.waitForTimeout(2500);
  assert.deepEqual(ga(await context.cookies()), [], 'recreated cookies erased again');

  // A fresh page view under the withdrawal does not run the tracker (nor request it) and keeps
  // it clean. The control is the first page view above: granted, the tracker ran.
  const from = requests.length;
  await page.reload();
  await page.waitForFunction(() => window.__demo && window.__demo.ran.includes('lang'));
  await quiet(page);
  assert.deepEqual(await ran(page), ['lang']);
  assert.deepEqual(requestsTo(requests, VARIANTS, from), [], 'the tracker is not requested');
  assert.deepEqual(ga(await context.cookies()), [], 'still clean on the next page view');
  await context.close();
});

test('cookies of refused categories set before crumbs started are erased on load', async () => {
  const { page, context } = await open(PAGE, {
    host: HOST,
    beforeGoto: (_, ctx) => ctx.addCookies([
      { name: '_ga', value: 'early', domain: '.example.co.uk', path: '/' },
      { name: '_ga_EARLY', value: 'x', domain: HOST, path: '/test/' },
    ]),
  });
  assert.deepEqual((await context.cookies()).filter((c) => c.name.startsWith('_ga')), []);
  await context.close();
});

test('reloadOnWithdraw reloads the page after a withdrawal, so running scripts are gone', async () => {
  const { page, context, requests } = await open(PAGE, {
    host: HOST,
    // Served from disk: route.fetch() would resolve the mapped host name outside the browser.
    beforeGoto: (p) => p.route('**/erasure.config.json', (route) => route.fulfill({ json: { ...CONFIG, reloadOnWithdraw: true } })),
  });
  await page.evaluate(() => window.crumbs.acceptAll());
  await page.waitForFunction(() => window.__demo && window.__demo.ran.length === 2);
  const from = requests.length;
  const reloaded = page.waitForEvent('load', { timeout: 10_000 });
  // Deferred, so the evaluation returns before the reload it causes.
  await page.evaluate(() => { setTimeout(() => window.crumbs.rejectAll(), 0); });
  await reloaded;
  await page.evaluate(() => window.crumbs.ready);
  await quiet(page);
  assert.deepEqual(await ran(page), []);
  assert.deepEqual(requestsTo(requests, /\/test\/vendor\//, from), [], 'nothing requested after the reload');
  assert.deepEqual((await page.evaluate(() => window.crumbs.getConsent())).granted, ['necessary']);
  await context.close();
});

// The re-checks, each on its own: a tracker (www/test/vendor/write-back.js) writes its cookie
// back 200, 1000 and 3000 ms after the withdrawal, each time between two re-checks. It notes on
// the page's clock that each write landed and when the cookie was gone: at the next re-check
// (0.5, 2 and 6 s), not at once and not at a later one.
test('a cookie written back after the withdrawal is erased by the next re-check: at 0.5, 2 and 6 s', async () => {
  const RECHECKS = [500, 2000, 6000];
  const { page, context } = await open('/test/erasure/write-back/?delays=200,1000,3000');
  await page.evaluate(() => window.crumbs.acceptAll());
  await page.waitForFunction(() => window.__demo && window.__demo.ran.includes('write-back'));
  // Every decision schedules its re-checks, "Accept all" too (they erase what is refused when
  // they fire): wait its last one out, so only the withdrawal's are left.
  await page.waitForTimeout(6500);
  // Timed from the call: the withdrawal's re-check timers start when it erases, not before.
  const calledAt = await page.evaluate(() => { const t = performance.now(); window.crumbs.accept(['functionality']); return t; });
  await page.waitForFunction(() => window.__writeBack.writes.length === 3 && window.__writeBack.writes.every((w) => w.goneAt !== null), null, { timeout: 10_000 })
    .catch(() => {});
  const { withdrawnAt, writes } = await page.evaluate(() => window.__writeBack);
  assert.ok(withdrawnAt >= calledAt, 'the tracker saw the withdrawal');
  assert.equal(writes.length, 3);
  writes.forEach((w, i) => {
    const recheck = RECHECKS[i];
    assert.equal(w.landed, true, `write ${i + 1} reached the cookie jar`);
    assert.ok(w.goneAt !== null, `the write-back before the ${recheck} ms re-check was never erased`);
    // Written after the re-check before it, and gone at this one: not a later one (none is left).
    assert.ok(w.wroteAt - calledAt > (RECHECKS[i - 1] ?? 0), `write ${i + 1} came after the re-check before it`);
    const gone = w.goneAt - calledAt;
    assert.ok(gone >= recheck - 20 && gone <= recheck + 1500, `write ${i + 1} gone ${Math.round(gone)} ms after the withdrawal, expected at the ${recheck} ms re-check`);
  });
  await context.close();
});
