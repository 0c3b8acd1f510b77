// Where crumbs' time goes between the click on "Accept all" and the gated scripts running: a
// CPU profile (50 µs sampling) of that window on the bench's crumbs page, summed by function.
// Run: node bench/click-profile.mjs [runs]   (after `npm run build`; prints, asserts nothing)
import { chromium } from 'playwright-core';
import { startBenchServer } from './server.mjs';

const runs = Number(process.argv[2] || 5);
const server = await startBenchServer();
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
const total = new Map();
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  // The click's capture listener spins a named function for 0.3 ms: its samples mark where the
  // click's task starts in the profile (the inline gated script is the other end).
  await page.addInitScript(() => {
    window.__clicks = [];
    addEventListener('click', function clickMark() { const t = performance.now(); window.__clicks.push(t); while (performance.now() - t < 0.3); }, true);
  });
  await page.goto(`${server.url}v/crumbs/`, { waitUntil: 'load' });
  await page.waitForTimeout(1500);
  const button = page.locator('[data-crumbs="banner"] [data-action="accept-all"]');
  await button.hover();
  await page.waitForTimeout(300);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  await cdp.send('Profiler.start');
  await button.click();
  await page.waitForFunction(() => new Set(window.__gated.map((g) => g.id)).size >= 3);
  const { profile } = await cdp.send('Profiler.stop');
  const t = await page.evaluate(() => {
    const c = window.__clicks[0];
    return Object.fromEntries(window.__gated.map((g) => [g.id, +(g.t - c).toFixed(2)]));
  });
  console.log('run', i, JSON.stringify(t));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const dt = profile.timeDeltas;
  // Samples from the click's mark to the inline gated script's, each with its stack's leaf
  // and the crumbs frames above it.
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
  const stack = (id) => { const s = []; for (let x = id; x != null; x = parent.get(x)) s.push(byId.get(x).callFrame); return s; };
  let on = false;
  profile.samples.forEach((id, k) => {
    const st = stack(id);
    if (st.some((f) => f.functionName === 'clickMark')) on = true;
    if (!on) return;
    if (st.some((f) => f.url.includes('vendor/') || /__gated/.test(f.functionName))) on = false;
    if (st.some((f) => f.functionName === 'clickMark')) return;
    const n = byId.get(id), f = n.callFrame;
    const via = st.slice(1).filter((g) => g.url.includes('/crumbs')).slice(0, 2).map((g) => g.functionName || '(anon)').join('<');
    const name = `${f.functionName || '(anon)'} ${f.url.split('/').slice(-2).join('/')}:${f.lineNumber} < ${via}`;
    total.set(name, (total.get(name) || 0) + (dt[k + 1] || 0) / 1000);
  });
  await context.close();
}
console.log([...total].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([k, v]) => `${(v / runs).toFixed(2)} ms  ${k}`).join('\n'));
await browser.close();
server.close();
