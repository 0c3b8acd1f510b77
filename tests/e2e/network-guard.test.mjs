// The opt-in network guard (www/crumbs/network-guard.js): requests made by code already running
// (fetch with a string, a Request and a URL, XMLHttpRequest, sendBeacon, new Image().src,
// img.setAttribute('src')) to third parties the consent does not allow are never sent. The
// control is the same page without crumbs, which sends every one of them; crumbs without the
// guard sends them too (the limit the guard is for).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { THIRD_PARTY, cspViolations, open, ran, useBrowser } from './harness.mjs';

useBrowser();

const KINDS = ['fetch', 'request', 'url', 'xhr', 'beacon', 'image', 'attr', 'necessary', 'self'];
const THIRD = KINDS.filter((k) => k !== 'self');
const named = (round, kinds) => kinds.map((k) => `${round}-${k}`).sort();

/** Opens a network-guard page (the zoo's policy lets its pages send to the stand-in vendors,
 *  scripts/serve.mjs); also collects the requests that got an answer from the test server. */
async function openPage(path) {
  const answered = [];
  const opened = await open(path, {
    wait: false,
    beforeGoto: async (page) => {
      page.on('response', (r) => answered.push(r.url()));
    },
  });
  return { ...opened, answered };
}

/** The `n=` names of the requests among `urls`, those to third parties, or all. */
function names(urls, { thirdParty = true } = {}) {
  return urls.filter((u) => !thirdParty || THIRD_PARTY.test(u)).map((u) => new URL(u).searchParams.get('n')).filter(Boolean).sort();
}

/** Waits until every request of `round` has an outcome on the page, then a little more, for a
 *  request the browser sends after its caller moved on (a beacon). Returns the outcomes. */
async function outcomes(page, round) {
  await page.waitForFunction((r) => Object.keys(window.__net).filter((k) => k.startsWith(`${r}-`)).length === 9, round);
  await page.waitForTimeout(300);
  return page.evaluate((r) => Object.fromEntries(Object.entries(window.__net).filter(([k]) => k.startsWith(`${r}-`)).map(([k, v]) => [k.slice(r.length + 1), v])), round);
}

test('control: without crumbs, every request reaches the server', async () => {
  const { page, context, requests, answered, pageErrors } = await openPage('/test/zoo/network-guard-control.html');
  const got = await outcomes(page, 'round1');
  assert.deepEqual(names(requests), named('round1', THIRD));
  assert.deepEqual(names(requests, { thirdParty: false }), named('round1', KINDS));
  // Answered, not just attempted: the browser did not block them (the vendors' policy works).
  assert.deepEqual(names(answered, { thirdParty: false }), named('round1', KINDS));
  assert.deepEqual(got, { fetch: 'ok', request: 'ok', url: 'ok', xhr: 'ok', beacon: true, image: 'error', attr: 'error', necessary: 'ok', self: 'ok' });
  assert.deepEqual([await cspViolations(page), pageErrors], [[], []]);
  await context.close();
});

test('crumbs without the guard: the requests are sent before any decision (the documented limit)', async () => {
  const { page, context, requests } = await openPage('/test/zoo/network-guard-unguarded.html');
  await outcomes(page, 'round1');
  assert.deepEqual(names(requests), named('round1', THIRD));
  assert.equal(await page.evaluate(() => typeof window.crumbs.allowsUrl), 'function');
  await context.close();
});

/** The guarded page up to its first round: held while the core loaded, then only the strictly
 *  necessary one and the same-origin one sent, before any decision. */
async function guardedFirstRound() {
  const opened = await openPage('/test/zoo/network-guard.html');
  const { page, requests } = opened;
  assert.equal(await page.evaluate(() => window.__judgeableAtStart), false, 'round 1 was made before the core could judge it');
  const got = await outcomes(page, 'round1');
  assert.equal(await page.locator('[data-crumbs="banner"]').isVisible(), true, 'no decision yet');
  assert.deepEqual(names(requests), named('round1', ['necessary']), 'only the strictly necessary request left');
  assert.deepEqual(names(requests, { thirdParty: false }), named('round1', ['necessary', 'self']));
  // The first third-party request asked for the core, which judged the necessary one: the
  // same-origin one did not wait for that.
  const first = (re) => requests.findIndex((u) => re.test(u));
  assert.ok(first(/\/crumbs_bg\.wasm$/) >= 0 && first(/\/crumbs_bg\.wasm$/) < first(/n=round1-necessary$/));
  assert.ok(first(/n=round1-self$/) >= 0 && first(/n=round1-self$/) < first(/n=round1-necessary$/));
  // Each refused request ends as a network failure would (a beacon reports "queued").
  assert.deepEqual(got, { fetch: 'TypeError', request: 'TypeError', url: 'TypeError', xhr: 'error 4 0', beacon: true,
    image: 'error', attr: 'error', necessary: 'ok', self: 'ok' });
  assert.match(await page.evaluate(() => window.__srcs.round1), /^https:\/\/connect\.facebook\.net:\d+\/tr\?n=round1-image$/, 'the page reads back the src it set');
  return opened;
}

test('with the guard: held until the core is ready, then "Reject all" keeps every new one out', async () => {
  const { page, context, requests, pageErrors, consoleErrors } = await guardedFirstRound();
  await page.locator('[data-action="reject-all"]').click();
  await page.evaluate(() => window.fireRequests('round2'));
  const got = await outcomes(page, 'round2');
  assert.deepEqual(names(requests), named('round1', ['necessary']).concat(named('round2', ['necessary'])).sort());
  assert.equal(got.fetch, 'TypeError');
  assert.equal(got.xhr, 'error 4 0');
  assert.equal(got.self, 'ok');
  assert.deepEqual([await cspViolations(page), pageErrors], [[], []]);
  assert.deepEqual(consoleErrors.filter((e) => /crumbs/.test(e)), []);
  await context.close();
});

test('with the guard: after "Accept all" a new round is sent, and the dropped ones never are', async () => {
  const { page, context, requests, answered, pageErrors } = await guardedFirstRound();
  await page.locator('[data-action="accept-all"]').click();
  await page.evaluate(() => window.fireRequests('round2'));
  const got = await outcomes(page, 'round2');
  assert.deepEqual(names(requests), named('round1', ['necessary']).concat(named('round2', THIRD)).sort());
  assert.deepEqual(names(answered).filter((n) => n.startsWith('round2-')), named('round2', THIRD), 'answered by the server');
  assert.deepEqual(got, { fetch: 'ok', request: 'ok', url: 'ok', xhr: 'ok', beacon: true, image: 'error', attr: 'error', necessary: 'ok', self: 'ok' });
  assert.deepEqual([await cspViolations(page), pageErrors], [[], []]);
  await context.close();
});

test('with the guard: a request made once the core runs but before crumbs\' rules are in waits for them, and the strictly necessary one is sent', async () => {
  // rules.bin held: the core has started (it asks for its tables at the end of its start).
  let release;
  const gate = new Promise((r) => { release = r; });
  const { page, context, requests } = await open('/test/zoo/network-guard.html', {
    wait: false,
    beforeGoto: (p) => p.route('**/dist/rules.bin', async (route) => { await gate; await route.continue(); }),
  });
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((r) => r.name.endsWith('/dist/known.bin')));
  await page.evaluate(() => window.fireRequests('round2'));
  await page.waitForTimeout(300);
  assert.deepEqual(names(requests).filter((n) => n.startsWith('round2-')), [], 'nothing third-party sent before the rules are in');
  release();
  const got = await outcomes(page, 'round2');
  assert.equal(got.necessary, 'ok', 'the strictly necessary one is sent once they are');
  assert.deepEqual(names(requests).filter((n) => n.startsWith('round2-')), ['round2-necessary']);
  assert.equal(got.fetch, 'TypeError', 'and the rest dropped');
  await context.close();
});

test('the guard without crumbs fails closed: every third-party request is dropped, with one console error', async () => {
  const { page, context, requests, consoleErrors, pageErrors } = await openPage('/test/zoo/network-guard-alone.html');
  const got = await outcomes(page, 'round1');
  await page.evaluate(() => window.fireRequests('round2'));
  await outcomes(page, 'round2');
  assert.deepEqual(names(requests), []);
  assert.deepEqual(names(requests, { thirdParty: false }), ['round1-self', 'round2-self']);
  assert.equal(got.necessary, 'TypeError', 'with no classifier, not even the strictly necessary one');
  assert.equal(consoleErrors.filter((e) => /crumbs network guard/.test(e)).length, 1, consoleErrors.join('\n'));
  assert.deepEqual(pageErrors, []);
  await context.close();
});

test('with Trusted Types enforced, the guard adds no violation and crumbs still releases on "Accept all"', async () => {
  // The Trusted Types page of trusted-types.test.mjs, with the guard's tag after crumbs' own.
  const { page, context, pageErrors, consoleErrors, requests } = await open('/test/zoo/trusted-types.html?guard');
  assert.ok(requests.some((r) => r.endsWith('/crumbs/crumbs-network-guard.js')), 'the guard is on the page');
  await page.waitForFunction(() => window.__ttDone);
  // setAttribute on anything but an image is not the guard's: a trusted value still reaches the
  // browser as it is (as a string it would be refused).
  const trusted = await page.evaluate(() => {
    try { document.createElement('iframe').setAttribute('srcdoc', trustedTypes.emptyHTML); return 'accepted'; } catch (e) { return e.message; }
  });
  assert.equal(trusted, 'accepted');
  await page.locator('[data-action="accept-all"]').click();
  await page.waitForFunction(() => window.__demo && window.__demo.ran.length === 3);
  assert.deepEqual((await ran(page)).slice().sort(), ['tt-gated', 'tt-inline', 'tt-src']);
  assert.deepEqual([await cspViolations(page), pageErrors], [[], []]);
  assert.deepEqual(consoleErrors.filter((e) => /crumbs|Trusted/.test(e)), []);
  await context.close();
});
