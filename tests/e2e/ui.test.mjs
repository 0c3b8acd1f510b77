// The consent UI as visitors meet it: accessibility (axe-core, light and dark), keyboard-only
// use, honest buttons, no layout shift, immunity to hostile site CSS, languages.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { bannerShown, cspViolations, open, ran, useBrowser } from './harness.mjs';

useBrowser();

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const HOME = '/sites/charity/';

/** Runs axe-core over crumbs' root (its open shadow tree included); returns the violations. */
async function axe(page) {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const r = await window.axe.run({ include: [['#crumbs']] }, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      rules: { region: { enabled: false } },
    });
    return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  });
}

for (const colorScheme of ['light', 'dark']) {
  test(`no axe-core violations in the banner and the preferences (${colorScheme})`, async () => {
    // axe is injected by evaluation, which the page's CSP would refuse as eval.
    const { page, context } = await open(HOME, { contextOptions: { colorScheme, bypassCSP: true } });
    const bg = await page.locator('[data-crumbs="banner"]').evaluate((b) => getComputedStyle(b).backgroundColor);
    assert.equal(bg, colorScheme === 'dark' ? 'rgb(29, 30, 36)' : 'rgb(255, 255, 255)', 'the scheme follows the system');
    assert.deepEqual(await axe(page), [], 'banner');
    await page.locator('[data-crumbs="banner"] [data-action="preferences"]').click();
    await page.locator('[data-crumbs="preferences"] details summary').first().click();
    assert.deepEqual(await axe(page), [], 'preferences');
    await context.close();
  });
}

/** The data-action (or category, or tag) of the element focused inside crumbs' root. */
function focused(page) {
  return page.evaluate(() => {
    const a = document.getElementById('crumbs')?.shadowRoot.activeElement;
    return a && (a.dataset.action || a.dataset.category || a.dataset.crumbs || a.tagName);
  });
}

/** Presses Tab until `target` has focus; fails if it takes more than 20 presses. */
async function tabTo(page, target) {
  for (let i = 0; i < 20; i++) {
    if ((await focused(page)) === target) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`Tab never reached ${target}`);
}

test('keyboard only: the banner takes focus; accept, reject and a custom choice without a mouse', async () => {
  let { page, context } = await open(HOME);
  assert.equal(await focused(page), 'banner', 'focus starts in the banner');
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'A', 'first the policy link');
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'accept-all');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.__demo && window.__demo.ran.length === 2);
  await context.close();

  ({ page, context } = await open(HOME));
  await tabTo(page, 'reject-all');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.crumbs.getConsent() !== null);
  assert.deepEqual((await page.evaluate(() => window.crumbs.getConsent())).granted, ['necessary']);
  await context.close();

  // Custom: open the preferences, switch performance on with Space, Tab to "Save choices".
  ({ page, context } = await open(HOME));
  await tabTo(page, 'preferences');
  await page.keyboard.press('Enter');
  assert.equal(await focused(page), 'performance', 'focus moves to the first switch');
  await page.keyboard.press('Space');
  await tabTo(page, 'save');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.__demo && window.__demo.ran.length === 1);
  assert.deepEqual(await ran(page), ['analytics']);
  await context.close();
});

test('focus stays inside the preferences dialog and the focus ring is visible', async () => {
  const { page, context } = await open(HOME);
  await page.locator('[data-crumbs="banner"] [data-action="preferences"]').click();
  for (let i = 0; i < 25; i++) {
    await page.keyboard.press(i % 3 ? 'Tab' : 'Shift+Tab');
    const inside = await page.evaluate(() => {
      const a = document.getElementById('crumbs').shadowRoot.activeElement;
      return !!a && !!a.closest('[data-crumbs="preferences"]');
    });
    assert.ok(inside, `focus left the dialog after ${i + 1} presses`);
  }
  const outline = await page.evaluate(() => {
    const a = document.getElementById('crumbs').shadowRoot.activeElement;
    const s = getComputedStyle(a);
    return [s.outlineStyle, parseFloat(s.outlineWidth)];
  });
  assert.equal(outline[0], 'solid');
  assert.ok(outline[1] >= 2, 'a visible focus ring');
  await context.close();
});

test('theme "dark" in the config pins the dark scheme even on a light system', async () => {
  const { page, context } = await open('/test/order.html', {
    contextOptions: { colorScheme: 'light' },
    beforeGoto: (p) => p.route('**/test.config.json', (route) => route.fulfill({ json: { theme: 'dark' } })),
  });
  const bg = await page.locator('[data-crumbs="banner"]').evaluate((b) => getComputedStyle(b).backgroundColor);
  assert.equal(bg, 'rgb(29, 30, 36)');
  await context.close();
});

test('"Accept all" and "Reject all" have the same box and the same look', async () => {
  for (const width of [320, 1280]) {
    const { page, context } = await open(HOME, { contextOptions: { viewport: { width, height: 800 } } });
    const look = (action) => page.locator(`[data-crumbs="banner"] [data-action="${action}"]`).evaluate((b) => {
      const s = getComputedStyle(b);
      const r = b.getBoundingClientRect();
      return { width: r.width, height: r.height, bg: s.backgroundColor, color: s.color, weight: s.fontWeight, size: s.fontSize, border: s.border, radius: s.borderRadius };
    });
    assert.deepEqual(await look('accept-all'), await look('reject-all'), `at ${width}px`);
    await context.close();
  }
});

test('the banner causes no layout shift, and closing it without a choice grants nothing', async () => {
  const { page, context } = await open(HOME);
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__cls), 0, 'cumulative layout shift');
  await page.locator('[data-crumbs="banner"] [data-action="preferences"]').click();
  await page.locator('[data-crumbs="preferences"] [data-action="close"]').click();
  assert.ok(await bannerShown(page));
  assert.equal(await page.evaluate(() => window.crumbs.getConsent()), null);
  assert.deepEqual(await ran(page), []);
  assert.equal(await page.evaluate(() => window.__cls), 0);
  await context.close();
});

test('usable at 320px: every banner button is on screen', async () => {
  const { page, context } = await open(HOME, { contextOptions: { viewport: { width: 320, height: 640 } } });
  for (const action of ['accept-all', 'reject-all', 'preferences']) {
    const box = await page.locator(`[data-crumbs="banner"] [data-action="${action}"]`).boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= 320 && box.y >= 0 && box.y + box.height <= 640, `${action} ${JSON.stringify(box)}`);
  }
  await context.close();
});

test('hostile site CSS cannot break the banner, and the banner CSS does not touch the site', async () => {
  const { page, context } = await open('/showcase/hostile.html');
  const accept = page.locator('[data-crumbs="banner"] [data-action="accept-all"]');
  assert.ok(await accept.isVisible());
  const s = await accept.evaluate((b) => { const c = getComputedStyle(b); return { display: c.display, size: c.fontSize }; });
  assert.equal(s.size, '16px');
  assert.notEqual(s.display, 'none');
  assert.equal(await page.locator('#site-button').isVisible(), false, "the site's own rule still hides its button");
  await accept.click();
  await page.waitForFunction(() => window.crumbs.getConsent() !== null);
  assert.deepEqual(await cspViolations(page), []);
  await context.close();
});

test('the page language picks the wording; right-to-left languages are mirrored', async () => {
  let { page, context } = await open('/showcase/de.html');
  assert.equal(await page.locator('[data-action="accept-all"]').textContent(), 'Alle akzeptieren');
  assert.equal(await page.locator('[data-action="reject-all"]').textContent(), 'Alle ablehnen');
  await context.close();
  ({ page, context } = await open('/showcase/ar.html'));
  const banner = page.locator('[data-crumbs="banner"]');
  assert.equal(await banner.getAttribute('dir'), 'rtl');
  assert.equal(await banner.getAttribute('lang'), 'ar');
  const [a, r] = [await page.locator('[data-action="accept-all"]').boundingBox(), await page.locator('[data-action="reject-all"]').boundingBox()];
  assert.ok(a.x > r.x, 'in right-to-left order, "Accept all" comes first from the right');
  await context.close();
  // No page language: the browser's languages decide.
  ({ page, context } = await open('/test/no-lang.html', { contextOptions: { locale: 'fr-FR' } }));
  assert.equal(await page.locator('[data-action="reject-all"]').textContent(), 'Tout refuser');
  await context.close();
});

test('every layout keeps the banner fully on screen without shifting the page', async () => {
  const expect = {
    'bar-bottom': (b, v) => b.y + b.height === v.height && b.width === v.width,
    'bar-top': (b, v) => b.y === 0 && b.width === v.width,
    'box-corner': (b, v) => b.x + b.width < v.width && b.y + b.height < v.height && b.x > v.width / 2,
    'box-centre': (b, v) => Math.abs(b.x + b.width / 2 - v.width / 2) <= 1 && Math.abs(b.y + b.height / 2 - v.height / 2) <= 1,
  };
  for (const [layout, check] of Object.entries(expect)) {
    const viewport = { width: 1280, height: 800 };
    const { page, context } = await open('/test/order.html', {
      contextOptions: { viewport },
      beforeGoto: (p) => p.route('**/test.config.json', (route) => route.fulfill({ json: { layout } })),
    });
    const banner = page.locator('[data-crumbs="banner"]');
    assert.ok(await banner.evaluate((b, l) => b.classList.contains(l), layout), layout);
    const box = await banner.boundingBox();
    assert.ok(check(box, viewport), `${layout}: ${JSON.stringify(box)}`);
    await page.waitForTimeout(100);
    assert.equal(await page.evaluate(() => window.__cls), 0, layout);
    await context.close();
  }
});

test('the floating "Cookie settings" button appears after a decision and reopens the choices', async () => {
  const { page, context } = await open('/sites/charity/');
  assert.equal(await page.locator('button.settings').count(), 0, 'not while the banner is up');
  await page.locator('[data-action="reject-all"]').click();
  const settings = page.locator('button.settings');
  assert.ok(await settings.isVisible());
  assert.equal(await settings.textContent(), 'Cookie settings');
  await settings.click();
  assert.ok(await page.locator('[data-crumbs="preferences"]').isVisible());
  await page.keyboard.press('Escape');
  assert.ok(await page.locator('button.settings').isVisible(), 'back to the button, not the banner');
  await page.reload();
  await page.evaluate(() => window.crumbs.ready);
  assert.ok(await page.locator('button.settings').isVisible(), 'also on the next page view');
  await context.close();
});
