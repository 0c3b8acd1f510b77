// Embeds: nothing is fetched before consent; a same-size, accessible placeholder names the
// provider and the category; "Load once" loads one embed; "Always allow" grants its service
// or category, for this and later page views.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { open, useBrowser } from './harness.mjs';

useBrowser();

const placeholder = (page, id) => page.locator(`crumbs-embed:has(+ #${id}) .embed`);

test('before consent: placeholders of the same size, naming provider and category; nothing fetched', async () => {
  const { page, context, requests } = await open('/test/embeds.html');
  assert.deepEqual(requests.filter((r) => r.includes('youtube') || r.includes('/test/vendor/embed.html')), []);
  const text = await placeholder(page, 'video').locator('p').textContent();
  assert.match(text, /YouTube/);
  assert.match(text, /Targeting/);
  assert.match(await placeholder(page, 'map').locator('p').textContent(), /Google Maps.*Functionality/);
  const box = await page.locator('crumbs-embed').first().boundingBox();
  assert.deepEqual([box.width, box.height], [560, 315]);
  assert.equal(await placeholder(page, 'video').getAttribute('aria-label'), 'Our mediation explainer video');
  assert.equal(await page.locator('#video').isVisible(), false);
  assert.equal(await page.locator('#video').getAttribute('src'), null);
  await context.close();
});

test('"Load once" loads that embed only, and only for this page view', async () => {
  // Tall enough that the cookie banner at the bottom does not cover the third embed.
  const { page, context } = await open('/test/embeds.html', { contextOptions: { viewport: { width: 1280, height: 1600 } } });
  await page.evaluate(() => window.crumbs.ready);
  // A page script's synthetic click is no visitor's: the handler runs inside click(), and loads nothing.
  const warned = page.waitForEvent('console', (m) => m.text().includes('Load once'));
  await page.evaluate(() => document.querySelector('crumbs-embed:has(+ #widget)').shadowRoot.querySelector('[data-action="load-once"]').click());
  await warned;
  assert.equal(await page.locator('#widget').getAttribute('src'), null, 'a synthetic click loads nothing');
  await placeholder(page, 'widget').locator('[data-action="load-once"]').click();
  await page.frameLocator('#widget').locator('#embedded').waitFor();
  assert.equal(await page.locator('#map').getAttribute('src'), null);
  assert.equal(await page.evaluate(() => window.crumbs.getConsent()), null, 'no decision recorded');
  await page.reload();
  await page.evaluate(() => window.crumbs.ready);
  assert.equal(await page.locator('#widget').getAttribute('src'), null);
  await context.close();
});

test('"Always allow" grants the service (or the category) and keeps it', async () => {
  const { page, context } = await open('/test/embeds.html');
  await placeholder(page, 'map').locator('[data-action="always-allow"]').click();
  await page.frameLocator('#map').locator('#embedded').waitFor();
  const consent = await page.evaluate(() => window.crumbs.getConsent());
  assert.deepEqual(consent.services, ['maps']);
  assert.deepEqual(consent.granted, ['necessary'], 'the service alone, not its whole category');
  assert.equal(await page.locator('#widget').getAttribute('src'), null, 'other functionality embeds still wait');
  await page.reload();
  await page.evaluate(() => window.crumbs.ready);
  await page.frameLocator('#map').locator('#embedded').waitFor();
  // A category grant from the banner loads every embed of that category.
  await page.evaluate(() => window.crumbs.accept(['functionality']));
  await page.frameLocator('#widget').locator('#embedded').waitFor();
  assert.equal(await page.locator('crumbs-embed:has(+ #widget)').count(), 0, 'placeholder gone');
  await context.close();
});
