// `node bench/network-guard-ab.mjs` (after `npm run build`): what the opt-in network guard's
// tag costs a first visit. The charity home page with and without the guard's tag after crumbs'
// own, 20 interleaved first visits each (one warm-up pair dropped), both variants' documents
// served through Playwright's route alike: banner visible (checked every animation frame),
// DOMContentLoaded, and CDP's ScriptDuration after 1.5 s; min, quartiles, max, in ms.
import { chromium } from 'playwright-core';
import { startServer } from '../scripts/serve.mjs';
import { chromiumArgs } from '../tests/e2e/harness.mjs';
const server = await startServer({ port: 0 });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: chromiumArgs });
const PAGE = '/sites/charity/index.html';
const runs = { plain: [], guard: [] };
for (let i = 0; i < 21; i++) {
  for (const v of i % 2 ? ['plain', 'guard'] : ['guard', 'plain']) {
    const context = await browser.newContext();
    await context.addInitScript(() => {
      const tick = (t) => {
        const host = document.getElementById('crumbs');
        const b = host && host.shadowRoot && host.shadowRoot.querySelector('[data-crumbs="banner"]');
        if (b && b.getBoundingClientRect().height > 0) window.__visible = performance.now();
        else requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const page = await context.newPage();
    await page.route((u) => u.pathname === PAGE, async (route) => {
      const r = await route.fetch();
      let html = await r.text();
      if (v === 'guard') html = html.replace(/(<script src="\/crumbs\/crumbs\.js"[^>]*><\/script>)/, '$1\n<script src="/crumbs/crumbs-network-guard.js"></script>');
      await route.fulfill({ response: r, body: html });
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(new URL(PAGE, server.url).href);
    await page.waitForFunction(() => window.__visible);
    await page.waitForTimeout(1500);
    const m = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((x) => [x.name, x.value]));
    const t = await page.evaluate(() => ({ visible: window.__visible, dcl: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd, guard: !!performance.getEntriesByName(new URL('/crumbs/crumbs-network-guard.js', location.href).href).length }));
    if ((v === 'guard') !== t.guard) throw new Error('variant not applied');
    if (i > 0) runs[v].push({ ...t, script: m.ScriptDuration * 1000 });
    await context.close();
  }
}
const med = (a) => { const s = [...a].sort((x, y) => x - y); return s[s.length >> 1]; };
const q = (a) => { const s = [...a].sort((x, y) => x - y); return [s[0], s[s.length >> 2], s[s.length >> 1], s[(3 * s.length) >> 2], s[s.length - 1]].map((x) => x.toFixed(1)).join(" "); };
for (const [v, r] of Object.entries(runs)) for (const k of ["visible", "dcl", "script"]) console.log(v, k, q(r.map((x) => x[k])));
await browser.close(); await server.close();
