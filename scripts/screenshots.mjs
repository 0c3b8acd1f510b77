// `npm run screenshots`: PNGs of the banner and the preferences dialog at mobile and desktop
// widths, light and dark, left-to-right and right-to-left, plus the hostile-CSS page, the UK and
// US regional banners and the consent log's dashboard (/admin/, on a seeded log), in
// screenshots/. Look at them before calling a UI change done.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { build } from './build.mjs';
import { startConsentLog } from './consent-log.mjs';
import { dayAgo, SEED_ORIGIN, seedId, seedLog } from './dashboard-seed.mjs';
import { startServer } from './serve.mjs';
import { chromiumPath, ensureChromium, repo } from './tools.mjs';

ensureChromium();
if (!process.argv.includes('--no-build')) build();
const out = join(repo, 'screenshots');
mkdirSync(out, { recursive: true });
const server = await startServer({ port: 0 });
const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const widths = { mobile: { width: 320, height: 640 }, desktop: { width: 1280, height: 800 } };
const shots = [];
try {
  for (const [device, viewport] of Object.entries(widths)) {
    for (const colorScheme of ['light', 'dark']) {
      for (const lang of ['en', 'ar']) {
        const page = await browser.newPage({ viewport, colorScheme });
        await page.goto(`${server.url}showcase/${lang}.html`);
        await page.evaluate(() => window.crumbs.ready);
        const name = `${device}-${colorScheme}-${lang}`;
        await page.screenshot({ path: join(out, `banner-${name}.png`) });
        await page.locator('[data-crumbs="banner"] [data-action="preferences"]').click();
        await page.screenshot({ path: join(out, `preferences-${name}.png`) });
        shots.push(`banner-${name}.png`, `preferences-${name}.png`);
        await page.close();
      }
    }
  }
  const page = await browser.newPage({ viewport: widths.desktop });
  await page.goto(`${server.url}showcase/hostile.html`);
  await page.evaluate(() => window.crumbs.ready);
  await page.screenshot({ path: join(out, 'banner-hostile-css.png') });
  shots.push('banner-hostile-css.png');
  await page.close();
  // The regional banners: the UK notice with its "Turn all off", the US notice with "Do not sell".
  for (const [device, viewport] of Object.entries(widths)) {
    for (const region of ['GB', 'US-CA']) {
      const regional = await browser.newPage({ viewport });
      await regional.goto(`${server.url}test/zoo/regions.html?region=${region}&config=regions`);
      await regional.evaluate(() => window.crumbs.ready);
      const name = `banner-${region.slice(0, 2).toLowerCase()}-${device}.png`;
      await regional.screenshot({ path: join(out, name) });
      shots.push(name);
      await regional.close();
    }
  }
  shots.push(...await dashboardShots());
} finally {
  await browser.close();
  await server.close();
}

/** The dashboard's overview and a proof page, at both widths, on a seeded log. */
async function dashboardShots() {
  const dir = mkdtempSync(join(tmpdir(), 'crumbs-shots-'));
  const log = await startConsentLog({ db: join(dir, 'log.sqlite'), origins: [SEED_ORIGIN] });
  const names = [];
  try {
    await seedLog(log.url);
    for (const [device, viewport] of Object.entries(widths)) {
      const page = await browser.newPage({ viewport });
      await page.goto(`${log.url}/admin/login`);
      await page.getByLabel('Admin token').fill(log.adminToken);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(`${log.url}/admin/`);
      await page.goto(`${log.url}/admin/?from=${dayAgo(13)}&to=${dayAgo(0)}`);
      await page.screenshot({ path: join(out, `dashboard-overview-${device}.png`), fullPage: true });
      await page.goto(`${log.url}/admin/proof?id=${seedId(1)}`);
      await page.screenshot({ path: join(out, `dashboard-proof-${device}.png`), fullPage: true });
      names.push(`dashboard-overview-${device}.png`, `dashboard-proof-${device}.png`);
      await page.close();
    }
  } finally {
    await log.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return names;
}
console.log(`crumbs: wrote ${shots.length} screenshots to ${out}/`);
