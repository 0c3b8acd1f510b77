// The classifier in the browser: the known-cookie table loads after the banner, unknown
// cookies are reported, classified cookies of refused categories are erased, and the policy
// page can list what is in this browser.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { open, url, useBrowser } from './harness.mjs';

useBrowser();

test('unknown cookies are reported; known cookies of refused categories are erased', async () => {
  const { page, context, requests } = await open('/test/observed.html', {
    beforeGoto: (p, ctx) => {
      p.on('console', (m) => { if (m.type() === 'warning') (p.__warnings ||= []).push(m.text()); });
      return ctx.addCookies([
        { name: 'mystery_cookie', value: '1', url: url('/') },
        { name: '_fbp', value: 'fb.1.2', url: url('/') },
        { name: 'IDE', value: 'x', url: url('/') },
        { name: 'PHPSESSID', value: 'abc', url: url('/') },
      ]);
    },
  });
  await page.waitForFunction(() => window.crumbs.unclassified().length > 0);
  assert.deepEqual(await page.evaluate(() => window.crumbs.unclassified()), ['mystery_cookie']);
  assert.ok(page.__warnings.some((w) => w.includes('treated as needing consent') && w.includes('mystery_cookie')), page.__warnings.join('\n'));
  // The table and crumbs' rules are fetched after the banner is up, not to show it.
  for (const file of ['/known.bin', '/rules.bin', '/url-rules.bin']) {
    const i = requests.findIndex((r) => r.endsWith(file));
    assert.ok(i > requests.findIndex((r) => r.endsWith('crumbs_bg.wasm')), `${file} after the wasm`);
  }
  const names = (await context.cookies()).map((c) => c.name).sort();
  assert.deepEqual(names, ['PHPSESSID', 'mystery_cookie'], 'targeting cookies erased before any consent; necessary and unknown kept');
  const rows = await page.locator('[data-crumbs="observed"] tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
  assert.deepEqual(rows, [['PHPSESSID', 'Strictly necessary', 'PHP'], ['mystery_cookie', 'Unclassified', '']]);
  await context.close();
});

test('the preferences list undeclared cookies the classifier knows, under their category', async () => {
  const { page, context } = await open('/sites/charity/', {
    beforeGoto: (_, ctx) => ctx.addCookies([{ name: 'PHPSESSID', value: 'a', url: url('/') }]),
  });
  await page.waitForFunction(() => ['/known.bin', '/rules.bin', '/url-rules.bin'].every((f) => performance.getEntriesByType('resource').some((r) => r.name.endsWith(f))));
  await page.waitForTimeout(100);
  await page.locator('[data-crumbs="banner"] [data-action="preferences"]').click();
  const rows = await page.locator('[data-crumbs="preferences"] li.category').first().locator('tr[data-found]').evaluateAll((trs) => trs.map((tr) => tr.cells[0].textContent + ' / ' + tr.cells[1].textContent));
  assert.ok(rows.includes('PHPSESSID / PHP'), rows.join(', '));
  await context.close();
});

// The rules come in two files read as one: without either, there are no rules.
for (const file of ['rules.bin', 'url-rules.bin']) test(`without crumbs' rules (${file}) nothing is classified by the vendor facts alone`, async () => {
  const { page, context } = await open('/test/observed.html', {
    beforeGoto: (p, ctx) => {
      p.on('console', (m) => { if (m.type() === 'warning') (p.__warnings ||= []).push(m.text()); });
      return Promise.all([
        p.route(`**/dist/${file}`, (r) => r.fulfill({ status: 404, body: '' })),
        ctx.addCookies([{ name: 'PHPSESSID', value: 'abc', url: url('/') }, { name: '_fbp', value: 'fb.1.2', url: url('/') }]),
      ]);
    },
  });
  await page.waitForFunction(() => window.crumbs.unclassified().length > 0);
  assert.ok(page.__warnings.some((w) => w.includes("could not load or read crumbs' rules")), page.__warnings.join('\n'));
  // No table at all: both are unknown (reported, not erased), as when neither file loads.
  assert.deepEqual(await page.evaluate(() => window.crumbs.unclassified()), ['PHPSESSID', '_fbp']);
  await context.close();
});
