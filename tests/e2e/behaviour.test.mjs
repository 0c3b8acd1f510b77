// Gated-script activation order, failing closed (bad config, missing config, wasm that does
// not load), config texts as text, and the JavaScript API including calls made too early.
// The key cases (order, "Reject all", modules) run on each way a page view starts crumbs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bannerShown, cookieNames, cspViolations, decisionModuleIn, isFullCore, open, quiet, ran, requestsTo, useBrowser } from './harness.mjs';

useBrowser();

const GATED = /\/test\/vendor\//;
const file = (r) => r.split('/').pop();
const click = (page, action) => page.locator(`[data-crumbs="banner"] [data-action="${action}"]`).click();

/**
 * The ways a page view starts crumbs, each as [name, start(path), decide(opened, action)]:
 * - a first visit's fast path: the first-paint banner, clicked once the decision module is in,
 *   the full core not fetched (checked before and after the click);
 * - the full core, started by the page (crumbs.ready), its banner clicked;
 * - the full core on the next page view, carrying out the stored decision.
 */
const STARTS = [
  ['first visit (first paint, decision module)', async (path) => {
    const opened = await open(path, { wait: false });
    await decisionModuleIn(opened.page);
    assert.deepEqual(opened.requests.filter(isFullCore), [], 'the fast path: no full core before the click');
    return opened;
  }, async ({ page, requests }, action) => {
    await click(page, action);
    await quiet(page);
    assert.deepEqual(requests.filter(isFullCore), [], 'the fast path: no full core after the click');
  }],
  ['full core (started by the page)', (path) => open(path), async ({ page }, action) => {
    await click(page, action);
    await quiet(page);
  }],
  ['full core (a stored decision, next page view)', (path) => open(path), async ({ page }, action) => {
    await click(page, action);
    await page.waitForFunction(() => document.cookie.includes('crumbs_consent='));
    await page.reload();
    await page.evaluate(() => window.crumbs.ready);
    await quiet(page);
    assert.equal(await bannerShown(page), false, 'no banner on the stored decision');
  }],
];

for (const [start, startAt, decide] of STARTS) {
  test(`${start}: nothing before a decision; "Accept all" runs every gated script but !targeting, in document order, attributes kept`, async () => {
    const opened = await startAt('/test/first-visit.html');
    const { page, context, requests } = opened;
    await quiet(page);
    assert.deepEqual(await ran(page), [], 'nothing ran before a decision');
    assert.deepEqual(requestsTo(requests, GATED), [], 'nothing was requested before a decision');
    await decide(opened, 'accept-all');
    // The control for the absence above: within the same wait, everything granted ran.
    assert.deepEqual(await ran(page), ['one', 'inline-two', 'three', 'ads']);
    assert.deepEqual([...new Set(requestsTo(requests, GATED).map(file))].sort(), ['ads.js', 'one.js', 'three.js']);
    assert.equal(await page.locator('script[src="/test/vendor/three.js"][data-extra="kept"]').count(), 1, 'attributes kept');
    assert.equal(await page.locator('script[type="text/plain"][data-category="!targeting"]').count(), 1, '!targeting stays inert');
    await context.close();
  });

  test(`${start}: "Reject all" runs only the !targeting script and requests nothing else`, async () => {
    const opened = await startAt('/test/first-visit.html');
    await decide(opened, 'reject-all');
    assert.deepEqual(await ran(opened.page), ['no-ads']);
    assert.deepEqual([...new Set(requestsTo(opened.requests, GATED).map(file))], ['no-ads.js']);
    await opened.context.close();
  });

  test(`${start}: gated data-type="module" scripts run as modules after "Accept all", and are not even requested after "Reject all"`, async () => {
    const modules = /\/test\/vendor\/(module|ads-module)\.mjs/;
    const rejecting = await startAt('/test/module.html');
    await quiet(rejecting.page);
    assert.deepEqual(await ran(rejecting.page), [], 'nothing ran before a decision');
    assert.deepEqual(requestsTo(rejecting.requests, modules), [], 'nothing was requested before a decision');
    await decide(rejecting, 'reject-all');
    assert.deepEqual(await ran(rejecting.page), [], 'nothing ran after "Reject all"');
    assert.deepEqual(requestsTo(rejecting.requests, modules), [], 'nothing was requested after "Reject all"');
    await rejecting.context.close();
    // The control: the same page's modules run once accepted, each as a module (a classic
    // script would fail to parse import.meta and record nothing).
    const accepting = await startAt('/test/module.html');
    await decide(accepting, 'accept-all');
    assert.deepEqual((await ran(accepting.page)).sort(), ['ads-module', 'inline-module:string', 'module:string']);
    assert.deepEqual(accepting.pageErrors, []);
    assert.equal(await accepting.page.locator('script[type="module"][src="/test/vendor/module.mjs"]').count(), 1);
    await accepting.context.close();
  });
}

/** The control for a fail-closed page: the same page with a good config runs its gated script
 *  after "Accept all", within the same quiet wait. */
async function goodConfigRuns(path, config) {
  const { page, context, requests } = await open(path, {
    beforeGoto: (p) => p.route(`**${config}`, (route) => route.fulfill({ json: { revision: 1, categories: [{ id: 'necessary' }, { id: 'performance' }] } })),
  });
  await click(page, 'accept-all');
  await quiet(page);
  assert.deepEqual(await ran(page), ['one'], `control: ${path} with a good config runs its script`);
  assert.deepEqual(requestsTo(requests, GATED).map(file), ['one.js']);
  await context.close();
}

test('"Accept all" activates gated scripts in document order, nonce and attributes kept', async () => {
  const { page, context } = await open('/test/order.html');
  await page.evaluate(() => window.crumbs.acceptAll());
  await page.waitForFunction(() => window.__demo && window.__demo.ran.length === 5);
  // inline-two only runs if its nonce was carried over (the CSP allows no other inline script).
  assert.deepEqual(await ran(page), ['one', 'inline-two', 'three', 'ads', 'four']);
  assert.equal(await page.locator('script[src="/test/vendor/three.js"][data-extra="kept"]').count(), 1);
  assert.equal(await page.locator('script[type="text/plain"][data-category="!targeting"]').count(), 1, '!targeting stays inert');
  assert.equal(await page.locator('script[type="text/plain"][data-category="tracking"]').count(), 1, 'unknown category never runs');
  await context.close();
});

// The work a decision leaves for later (embeds, erasure, the crumbs:consent event) waits for the
// scripts it started, so they run first; a script that never arrives holds it back 500 ms at
// most (README, `crumbs:consent`). The page's clock is the test's: with it paused, the loader's
// 500 ms limit cannot pass while a slow script is held, however loaded the machine, and it
// passes exactly when the test moves the clock on.
for (const arrives of [true, false]) {
  test(`the work after "Accept all" waits for the scripts it started (one ${arrives ? 'loads slowly' : 'never arrives'})`, async () => {
    let requested, answer;
    const fourRequested = new Promise((r) => { requested = r; });
    const { page, context } = await open('/test/order.html', {
      beforeGoto: async (p) => {
        await p.clock.install();
        await p.route('**/test/vendor/four.js', (route) => {
          answer = () => route.fulfill({ contentType: 'text/javascript', body: "(window.__demo = window.__demo || { ran: [] }).ran.push('four');" }).catch(() => {});
          requested();
        });
      },
    });
    await page.evaluate(() => document.addEventListener('crumbs:consent', () => (window.__demo = window.__demo || { ran: [] }).ran.push('crumbs:consent')));
    await page.clock.pauseAt(await page.evaluate(() => Date.now() + 1000));
    await page.locator('[data-action="accept-all"]').click();
    await fourRequested;
    await page.waitForFunction(() => window.__demo && window.__demo.ran.includes('ads'));
    await page.waitForTimeout(300); // real time, in which nothing more may happen
    assert.deepEqual(await ran(page), ['one', 'inline-two', 'three', 'ads'], 'the event waits while four.js loads');
    if (arrives) {
      answer();
      await page.waitForFunction(() => window.__demo.ran.length === 6);
      assert.deepEqual(await ran(page), ['one', 'inline-two', 'three', 'ads', 'four', 'crumbs:consent']);
    } else {
      await page.clock.runFor(490);
      await page.waitForTimeout(100);
      assert.deepEqual(await ran(page), ['one', 'inline-two', 'three', 'ads'], 'still waiting 490 ms after the decision');
      await page.clock.runFor(20);
      await page.waitForFunction(() => window.__demo.ran.length === 5);
      assert.deepEqual(await ran(page), ['one', 'inline-two', 'three', 'ads', 'crumbs:consent'], 'given up on four.js at 500 ms');
    }
    await context.close();
  });
}

test('a later, wider choice runs only what has not run yet', async () => {
  const { page, context } = await open('/test/order.html');
  await page.evaluate(() => window.crumbs.accept(['performance']));
  await page.waitForFunction(() => window.__demo && window.__demo.ran.length === 4);
  assert.deepEqual(await ran(page), ['one', 'inline-two', 'no-ads', 'four']);
  await page.evaluate(() => window.crumbs.acceptAll());
  await page.waitForFunction(() => window.__demo.ran.length === 6);
  assert.deepEqual(await ran(page), ['one', 'inline-two', 'no-ads', 'four', 'three', 'ads']);
  await context.close();
});

test('a bad config is reported with paths, and crumbs fails closed', async () => {
  const { page, context, consoleErrors, requests } = await open('/test/bad-config.html');
  assert.ok(consoleErrors.some((e) => e.startsWith('crumbs: config error: categories[2].id: unknown category "tracking"')), consoleErrors.join('\n'));
  assert.ok(consoleErrors.some((e) => e.startsWith('crumbs: config error: layout: unknown value "sidebar"')), consoleErrors.join('\n'));
  assert.deepEqual(await page.evaluate(() => window.crumbs.errors().length), 2);
  assert.ok(await bannerShown(page), 'banner with defaults');
  await page.locator('[data-action="accept-all"]').click();
  await quiet(page);
  assert.deepEqual(await ran(page), [], 'nothing runs even after "Accept all"');
  assert.ok(!(await cookieNames(context)).includes('crumbs_consent'), 'nothing stored');
  assert.deepEqual(requestsTo(requests, GATED), [], 'nothing downloaded');
  await context.close();
  await goodConfigRuns('/test/bad-config.html', '/test/bad.config.json');
});

test('a config that cannot be loaded fails closed with one clear error', async () => {
  const { page, context, consoleErrors, requests } = await open('/test/missing-config.html');
  assert.ok(consoleErrors.some((e) => e.includes('crumbs: config error: could not load the config /test/does-not-exist.json: HTTP 404')), consoleErrors.join('\n'));
  await page.locator('[data-action="accept-all"]').click();
  await quiet(page);
  assert.deepEqual(await ran(page), []);
  assert.deepEqual(requestsTo(requests, GATED), [], 'nothing downloaded');
  await context.close();
  await goodConfigRuns('/test/missing-config.html', '/test/does-not-exist.json');
});

test('a wasm that fails to load leaves everything blocked, with one clear console error', async () => {
  const { page, context, consoleErrors, pageErrors, requests } = await open('/test/order.html', {
    wait: false,
    beforeGoto: (p) => p.route('**/crumbs_bg.wasm', (route) => route.abort()),
  });
  await page.waitForFunction(() => document.readyState === 'complete');
  await page.evaluate(() => window.crumbs.acceptAll()); // queued, and never carried out
  await quiet(page);
  assert.deepEqual(requestsTo(requests, GATED), [], 'nothing downloaded');
  const ours = consoleErrors.filter((e) => e.startsWith('crumbs:'));
  assert.equal(ours.length, 1, consoleErrors.join('\n'));
  assert.match(ours[0], /could not start the consent manager.*every non-essential script stays blocked/);
  assert.deepEqual(await ran(page), []);
  assert.equal(await page.evaluate(() => window.crumbs.getConsent()), null);
  assert.deepEqual(pageErrors, []);
  await context.close();
  // The control: the same page and call, the wasm served, runs the scripts.
  const control = await open('/test/order.html', { wait: false });
  await control.page.waitForFunction(() => document.readyState === 'complete');
  await control.page.evaluate(() => window.crumbs.acceptAll());
  await quiet(control.page);
  assert.deepEqual(await ran(control.page), ['one', 'inline-two', 'three', 'ads', 'four'], 'control: with the wasm, the call runs them');
  await control.context.close();
});

test('config texts are shown as text, never parsed as HTML', async () => {
  const { page, context } = await open('/test/inline-config.html');
  const title = page.locator('#crumbs-title');
  assert.equal(await title.textContent(), '<img src=x onerror=alert(1)> Inline');
  assert.equal(await page.locator('[data-crumbs="banner"] img').count(), 0);
  assert.deepEqual(await cspViolations(page), []);
  await context.close();
});

test('API calls made before the core is ready are queued; the event and getConsent() agree', async () => {
  const { page, context } = await open('/test/api-early.html');
  await page.waitForFunction(() => window.__demo && window.__demo.event);
  const demo = await page.evaluate(() => window.__demo);
  assert.deepEqual(demo.beforeReady, { consent: null, performance: false });
  assert.deepEqual(demo.ran, ['one']);
  const consent = await page.evaluate(() => window.crumbs.getConsent());
  assert.deepEqual(demo.event, consent);
  assert.match(consent.consentId, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(consent.seq, 1);
  assert.equal(consent.revision, 1);
  assert.ok(Math.abs(Date.parse(consent.decidedAt) - Date.now()) < 60_000);
  assert.deepEqual(consent.granted, ['necessary', 'performance']);
  assert.deepEqual(consent.refused, ['functionality', 'targeting']);
  assert.equal(await page.evaluate(() => window.crumbs.hasConsent('performance')), true);
  assert.equal(await page.evaluate(() => window.crumbs.hasConsent('targeting')), false);
  assert.equal(await page.locator('[data-crumbs="banner"]').count(), 0);
  await context.close();
});
