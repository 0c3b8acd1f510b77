// A page that enforces Trusted Types (require-trusted-types-for 'script', its own policy "zoo"
// and crumbs' "crumbs"): crumbs holds and releases there with no violation. The control is the
// same page without crumbs, which fetches and runs the third-party script and frame.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { THIRD_PARTY, cspViolations, open, ran, useBrowser } from './harness.mjs';

useBrowser();

const PAGE = '/test/zoo/trusted-types.html';
const thirdParty = (requests) => requests.filter((r) => THIRD_PARTY.test(r)).map((r) => new URL(r).searchParams.get('n') || new URL(r).pathname);
const frameLoaded = (page) => page.frameLocator('#tt-frame').locator('#embedded').waitFor({ timeout: 10_000 });

test('control: without crumbs, the Trusted Types page fetches and runs its third party', async () => {
  const { page, context, requests, pageErrors } = await open('/test/zoo/trusted-types-control.html', { wait: false });
  await page.waitForFunction(() => window.__ttDone && window.__demo && window.__demo.ran.includes('tt-src'));
  await frameLoaded(page);
  assert.deepEqual(await ran(page), ['tt-src'], 'gated markup never runs on its own');
  assert.ok(thirdParty(requests).includes('tt-src'));
  assert.equal(await page.locator('#tt-html').count(), 1);
  assert.deepEqual([await cspViolations(page), pageErrors], [[], []]);
  await context.close();
});

test('with crumbs: held before a decision, released by "Accept all", with no Trusted Types violation', async () => {
  const { page, context, requests, pageErrors, consoleErrors } = await open(PAGE);
  await page.waitForFunction(() => window.__ttDone);
  await page.waitForTimeout(300);
  assert.deepEqual(await ran(page), [], 'nothing ran before consent');
  assert.deepEqual(thirdParty(requests), [], 'nothing third-party was even requested');
  assert.equal(await page.locator('#tt-html').count(), 1, "the page's own markup still goes in");
  assert.equal(await page.locator('#tt-frame[data-crumbs-held]').count(), 1, 'the frame is held');
  await page.locator('[data-action="accept-all"]').click();
  await page.waitForFunction(() => window.__demo && window.__demo.ran.length === 3);
  assert.deepEqual((await ran(page)).slice().sort(), ['tt-gated', 'tt-inline', 'tt-src']);
  await frameLoaded(page);
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(pageErrors, []);
  assert.deepEqual(consoleErrors.filter((e) => /crumbs|Trusted/.test(e)), []);
  await context.close();
});

test('with crumbs: "Reject all" keeps every one of them out', async () => {
  const { page, context, requests, pageErrors } = await open(PAGE);
  await page.waitForFunction(() => window.__ttDone);
  await page.locator('[data-action="reject-all"]').click();
  await page.waitForTimeout(500);
  assert.deepEqual(await ran(page), []);
  assert.deepEqual(thirdParty(requests), []);
  assert.equal(await page.locator('#tt-frame').getAttribute('src'), null);
  assert.deepEqual([await cspViolations(page), pageErrors], [[], []]);
  await context.close();
});
