// `npm run bench [-- --runs N] [--throttle R] [--out FILE] [--only a,b] [--lt-runs M]`
//
// Side-by-side benchmark: the same demo page with no banner (the baseline), with crumbs, and
// with CookieConsent, Orejime, Klaro and tarteaucitron, each set up equivalently. Runs are
// interleaved (for each iteration, every variant once), each in a fresh browser context, in
// headless Chromium (/usr/bin/chromium, or $CHROMIUM). Writes bench/report.md (or --out) and
// prints it. Exits non-zero if a correctness probe fails for crumbs. See bench/README.md.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const repo = join(here, '..');

// ---- Options --------------------------------------------------------------------------------
const argv = process.argv.slice(2);
function opt(name, def) {
  const i = argv.indexOf(`--${name}`);
  if (i < 0) return def;
  const v = argv[i + 1];
  if (v === undefined || v.startsWith('--')) throw new Error(`--${name} needs a value`);
  return v;
}
const RUNS = Math.max(1, Number(opt('runs', 15)) | 0);
const THROTTLE = Math.max(1, Number(opt('throttle', 1)));
const LT_RUNS = Math.max(0, Number(opt('lt-runs', THROTTLE === 1 ? 10 : 0)) | 0);
const OUT = opt('out', join(here, THROTTLE === 1 ? 'report.md' : `report-cpu${THROTTLE}x.md`));
const ONLY = opt('only', '');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
// How long the pointer rests on the button before a reach run's click.
const REACH_MS = 100;
const settleMs = (throttle) => 1000 * Math.max(1, throttle / 2);

// ---- Set-up: bench/'s own packages, and a build of crumbs -----------------------------------
function sh(cmd, args, cwd) {
  console.error(`bench: ${cmd} ${args.join(' ')}  (in ${relative(repo, cwd) || '.'})`);
  const r = spawnSync(cmd, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) {
    console.error(`bench: \`${cmd} ${args.join(' ')}\` failed`);
    process.exit(1);
  }
}
const manifest = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8'));
const installed = (name) => {
  try { return JSON.parse(readFileSync(join(here, 'node_modules', name, 'package.json'), 'utf8')).version; } catch { return null; }
};
if (Object.entries(manifest.dependencies).some(([n, v]) => installed(n) !== v)) {
  sh('npm', ['ci', '--no-audit', '--no-fund', '--ignore-scripts'], here);
}
if (!existsSync(join(repo, 'www', 'crumbs', 'dist', 'crumbs_bg.wasm')) || !existsSync(join(repo, 'www', 'crumbs', 'dist', 'crumbs.js'))) {
  sh(process.execPath, ['scripts/build.mjs'], repo);
}
if (!existsSync(CHROMIUM)) {
  console.error(`bench: no Chromium at ${CHROMIUM} (set CHROMIUM=/path/to/chromium; \`npm test\` installs it)`);
  process.exit(1);
}

const { chromium } = await import('playwright-core');
const { startBenchServer, newestChange, sizesOf } = await import('./server.mjs');
// Others may be rebuilding www/crumbs/: wait until it has not changed for 10 s (up to 3 min),
// then the server reads it once.
{
  const dir = join(repo, 'www', 'crumbs');
  const deadline = Date.now() + 180000;
  let said = false;
  while (Date.now() - newestChange(dir) < 10000 && Date.now() < deadline) {
    if (!said) { console.error('bench: www/crumbs/ changed in the last 10 s; waiting for it to settle'); said = true; }
    await sleep(2000);
  }
  if (!existsSync(join(dir, 'dist', 'crumbs_bg.wasm'))) sh(process.execPath, ['scripts/build.mjs'], repo);
}
const { variants: allVariants, pageOwn, isGated, INLINE_GATED, NONCE } = await import('./variants.mjs');
/** The pages the managers are measured against: the control page (an empty synchronous tag) and
 *  the no-banner page. Always run; reported as absolute values, without ratios. */
const FLOORS = ['synctag', 'baseline'];
const variants = ONLY ? allVariants.filter((v) => FLOORS.includes(v.id) || ONLY.split(',').includes(v.id)) : allVariants;
for (const v of variants) v.version = v.pkg ? installed(v.pkg) : null;

/** The flags the issue prescribes. AutomationControlled: CookieConsent hides from webdriver. */
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-blink-features=AutomationControlled'];

// ---- In-page instrumentation (an init script: runs before any of the page's scripts) --------
function instrument(cfg) {
  const B = window.__bench = { visibleAt: null, paintedAt: null, frames: {}, longtasks: [], csp: [], clicks: [] };
  window.__gated = window.__gated || [];
  document.addEventListener('securitypolicyviolation', (e) => B.csp.push(`${e.disposition} ${e.effectiveDirective} ${e.blockedURI || ''} ${e.sourceFile ? e.sourceFile.replace(location.origin, '') : ''}`.trim()));
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) B.longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) { /* no Long Tasks API */ }
  // Which scripts ran in the long tasks (the long-task runs only: the entries it keeps would
  // count in the heap figures). Long Animation Frames lists each script of 5 ms or more.
  if (cfg.attribute) {
    B.scripts = [];
    new PerformanceObserver((list) => {
      for (const f of list.getEntries()) for (const s of f.scripts) B.scripts.push({ start: s.startTime, duration: s.duration, url: s.sourceURL });
    }).observe({ type: 'long-animation-frame', buffered: true });
  }
  // The click's time, taken in the page when the event is dispatched (capture phase, first).
  addEventListener('click', () => B.clicks.push(performance.now()), true);
  // The page's first animation frame, on every page (the no-banner one too): no banner can be
  // seen before it, so it is the floor for "banner visible". Its time is the timestamp
  // requestAnimationFrame hands every callback of that frame (the frame's start, before its
  // style and layout, which "visible" includes: a lower bound); frames are told apart by it.
  // Nothing is forced here: a forced layout in the no-banner page's first frame alone added
  // 66 KiB to its JS heap.
  requestAnimationFrame((frame) => { B.frames.first = frame; });
  if (!cfg.banner) return;
  const { host, sel } = cfg.banner;
  const find = () => {
    if (!host) return document.querySelector(sel);
    const h = document.querySelector(host);
    return h && h.shadowRoot ? h.shadowRoot.querySelector(sel) : null;
  };
  // Visible: in the DOM, rendered (no display:none / visibility:hidden / opacity:0 on it or
  // an ancestor, in the flat tree), a non-empty box, inside the viewport.
  const shown = (el) => {
    if (!el || !el.isConnected) return false;
    if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true, checkOpacity: true, checkVisibilityCSS: true })) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth;
  };
  // Checked in every animation frame (just before that frame's paint). A task queued from
  // that frame runs after its paint: "painted". A timer, not a posted message: a MessageChannel
  // would add its interfaces to every banner's heap figure.
  const tick = (frame) => {
    if (shown(find())) {
      B.visibleAt = performance.now();
      B.frames.visible = frame;
      setTimeout(() => { B.paintedAt = performance.now(); console.debug('__bench:painted'); }, 0);
      return;
    }
    if (performance.now() < 20000) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/** Bytes of wasm memory the page holds: every live WebAssembly.Memory, found on the heap after
 *  the GC (no wrapper around the page's WebAssembly calls: one cost heap of its own). */
async function wasmMemory(cdp) {
  const proto = await cdp.send('Runtime.evaluate', { expression: 'WebAssembly.Memory.prototype' });
  const { objects } = await cdp.send('Runtime.queryObjects', { prototypeObjectId: proto.result.objectId });
  const sum = await cdp.send('Runtime.callFunctionOn', {
    objectId: objects.objectId, returnByValue: true,
    functionDeclaration: 'function () { return this.reduce((s, m) => s + m.buffer.byteLength, 0); }',
  });
  for (const o of [proto.result, objects]) await cdp.send('Runtime.releaseObject', { objectId: o.objectId });
  return sum.result.value;
}

async function metrics(cdp) {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

async function until(page, fn, ms, arg) {
  const end = Date.now() + ms;
  for (;;) {
    if (await page.evaluate(fn, arg).catch(() => false)) return true;
    if (Date.now() > end) return false;
    await sleep(25);
  }
}

/** Opens a fresh context and page for a variant, instrumented. */
async function open(browser, v, { throttle = 1, attribute = false } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  await context.addInitScript(instrument, { banner: v.banner, attribute });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const seen = { requests: [], consoleErrors: [], pageErrors: [], phase: 'before-consent' };
  let painted;
  seen.painted = new Promise((r) => { painted = r; });
  page.on('console', (m) => {
    if (m.text() === '__bench:painted') painted();
    else if (m.type() === 'error') seen.consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => seen.pageErrors.push(e.message));
  page.on('request', (r) => seen.requests.push({ path: new URL(r.url()).pathname, phase: seen.phase }));
  await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
  if (throttle > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  return { context, page, cdp, seen };
}

/** Clicks `selector` until `done` holds in the page (tarteaucitron wires its buttons ~500 ms
 *  after showing them, so an early click can do nothing). */
async function clickUntil(page, selector, done, ms = 6000, arg) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try { await page.locator(selector).first().click({ timeout: 2000 }); } catch { /* gone or not yet clickable */ }
    if (await until(page, done, 700, arg)) return true;
  }
  return false;
}

const gatedRequests = (seen, phase) => seen.requests.filter((r) => isGated(r.path) && (!phase || r.phase === phase)).map((r) => r.path);

/** The page's script and task times, then its heap and wasm memory after two GCs. */
async function sample(cdp) {
  const m = await metrics(cdp);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  return { m, heap: await cdp.send('Runtime.getHeapUsage'), wasm: await wasmMemory(cdp) };
}

/** Clicks "Accept all" (on the no-banner page, the floor: a click handler that adds the
 *  stand-ins at once, with no consent manager) and times the gated scripts from the click.
 *  `reach`: the pointer rests on the button that many ms before the click, as a visitor's hand
 *  gets there before it presses (Playwright's own click moves it a few ms before). */
async function clickAccept(page, v, seen, reach = 0) {
  const out = {};
  const hover = async (selector) => {
    if (!reach) return;
    await page.locator(selector).first().hover({ timeout: 2000 }).catch(() => {});
    await sleep(reach);
  };
  if (v.id === 'baseline') {
    seen.phase = 'floor';
    await page.evaluate(([code, nonce]) => addEventListener('click', () => {
      const i = document.createElement('script');
      i.nonce = nonce;
      i.text = code;
      document.head.append(i);
      for (const src of ['/site/vendor/analytics.js', '/site/vendor/chat.js']) {
        const s = document.createElement('script');
        s.src = src;
        document.head.append(s);
      }
    }), [INLINE_GATED, NONCE]);
    await hover('[data-crumbs-open]');
    await page.locator('[data-crumbs-open]').click();
    if (await until(page, () => window.__gated.length >= 3, 5000)) {
      const r2 = await page.evaluate(() => ({ clicks: window.__bench.clicks.slice(), gated: window.__gated.slice() }));
      const at = (id) => r2.gated.find((g) => g.id === id)?.t - r2.clicks[0];
      out.click = out.clickFirst = at('performance');
      out.clickInline = at('inline');
    }
  } else if (v.accept) {
    seen.phase = 'after-accept';
    await hover(v.accept);
    // The inline one and both external ones.
    const ran = await clickUntil(page, v.accept, () => new Set(window.__gated.map((g) => g.id)).size >= 3);
    const r2 = await page.evaluate(() => ({ clicks: window.__bench.clicks.slice(), gated: window.__gated.slice() }));
    out.accepted = ran;
    if (ran) {
      const external = r2.gated.filter((g) => g.id !== 'inline').map((g) => g.t);
      const first = Math.min(...r2.gated.map((g) => g.t));
      const clickAt = Math.max(...r2.clicks.filter((c) => c <= first));
      out.click = Math.max(...external) - clickAt;
      out.clickFirst = Math.min(...external) - clickAt;
      out.clickInline = r2.gated.find((g) => g.id === 'inline').t - clickAt;
      out.clicksNeeded = r2.clicks.filter((c) => c <= first).length;
    }
  }
  return out;
}

/** A run that only times the click, after the pointer reached the button `REACH_MS` before. */
async function reachRun(browser, server, v) {
  const { context, page, seen } = await open(browser, v);
  try {
    await page.goto(`${server.url}v/${v.id}/`, { waitUntil: 'load', timeout: 60000 });
    if (v.banner) await Promise.race([seen.painted, sleep(20000)]);
    await sleep(settleMs(1));
    return await clickAccept(page, v, seen, REACH_MS);
  } finally {
    await context.close();
  }
}

/** One timed run of one variant. */
async function timedRun(browser, server, v, { throttle = THROTTLE, click = true, attribute = false } = {}) {
  const { context, page, cdp, seen } = await open(browser, v, { throttle, attribute });
  try {
    await page.goto(`${server.url}v/${v.id}/`, { waitUntil: 'load', timeout: 60000 });
    if (v.banner) await Promise.race([seen.painted, sleep(20000)]);
    await sleep(settleMs(throttle));
    const { m, heap, wasm } = await sample(cdp);
    const d = await page.evaluate(() => {
      const B = window.__bench;
      const nav = performance.getEntriesByType('navigation')[0];
      return {
        visibleAt: B.visibleAt, paintedAt: B.paintedAt, frames: B.frames,
        dcl: nav.domContentLoadedEventStart, load: nav.loadEventStart,
        gatedBefore: window.__gated.slice(),
        resources: performance.getEntriesByType('resource').map((r) => ({
          path: new URL(r.name).pathname, start: r.startTime, end: r.responseEnd,
          transfer: r.transferSize, encoded: r.encodedBodySize, decoded: r.decodedBodySize,
        })),
      };
    });
    const run = {
      ok: !v.banner || d.visibleAt != null,
      visible: d.visibleAt, painted: d.paintedAt, firstFrame: d.frames.first, dcl: d.dcl, load: d.load,
      // How long after the page's first frame the banner's frame came (0: in that very frame).
      frameLag: d.frames.visible == null || d.frames.first == null ? null : d.frames.visible - d.frames.first,
      script: m.ScriptDuration * 1000, task: m.TaskDuration * 1000,
      heap: heap.usedSize / 1024, wasm: wasm == null ? null : wasm / 1024,
      gatedEarly: d.gatedBefore.map((g) => g.id), gatedRequestedEarly: gatedRequests(seen, 'before-consent'),
    };
    // Bytes: every file a consent manager requested, split at the moment the banner was visible.
    const files = [];
    for (const r of d.resources) {
      if (pageOwn(r.path)) continue;
      const s = server.sizes.get(r.path) || { raw: r.decoded, gzip: NaN, brotli: NaN };
      // Needed to show the banner: downloaded before it was visible. A file still in flight then
      // (or requested later) was not waited for.
      files.push({ path: r.path, later: d.visibleAt == null || r.end > d.visibleAt, start: r.start, end: r.end, ...s, transfer: r.transfer });
    }
    // Bytes a manager needs that come inside the page (crumbs' inline config, Orejime's and
    // tarteaucitron's inline set-ups): counted in every run as if fetched first; on the wire
    // they are part of the page's brotli stream.
    for (const x of v.inline || []) {
      const s = sizesOf(Buffer.from(x.text));
      files.push({ path: x.path, later: false, start: 0, end: 0, ...s, transfer: s.brotli });
    }
    run.files = files;
    if (click) Object.assign(run, await clickAccept(page, v, seen));
    if (click && (v.accept || v.id === 'baseline')) {
      // The same samples once the click's work has settled: what a visitor who decides costs,
      // crumbs' full core and the gated scripts included (the no-banner page runs the same
      // stand-ins from its floor click).
      await sleep(settleMs(throttle));
      const after = await sample(cdp);
      run.scriptAfter = after.m.ScriptDuration * 1000;
      run.heapAfter = after.heap.usedSize / 1024;
      run.wasmAfter = after.wasm == null ? null : after.wasm / 1024;
    } else {
      await sleep(200);
    }
    const tail = await page.evaluate(() => ({ longtasks: window.__bench.longtasks.slice(), csp: window.__bench.csp.slice(), scripts: window.__bench.scripts }));
    // Each long task's time in crumbs' own scripts (those Long Animation Frames lists): files
    // served from /crumbs/ (the page itself is /v/crumbs/, so the path, not a substring).
    if (tail.scripts && v.id === 'crumbs') {
      const own = tail.scripts.filter((x) => { try { return new URL(x.url).pathname.startsWith('/crumbs/'); } catch { return false; } });
      for (const t of tail.longtasks) {
        t.crumbsScript = own.reduce((a, x) => a + Math.max(0, Math.min(t.start + t.duration, x.start + x.duration) - Math.max(t.start, x.start)), 0);
      }
    }
    run.longtasks = tail.longtasks;
    run.ltCount = tail.longtasks.length;
    run.ltMax = tail.longtasks.reduce((a, t) => Math.max(a, t.duration), 0);
    run.csp = tail.csp;
    run.pageErrors = seen.pageErrors;
    run.consoleErrors = seen.consoleErrors;
    return run;
  } finally {
    await context.close();
  }
}

/** Correctness probe: reject all, then reload. Peers get the strict CSP as report-only. */
async function rejectProbe(browser, server, v) {
  const { context, page, seen } = await open(browser, v);
  const out = { failures: [], notes: [] };
  const check = async (when) => {
    const g = await page.evaluate(() => window.__gated.map((x) => x.id));
    if (g.length) out.failures.push(`${when}: gated script ran (${g.join(', ')})`);
    const req = gatedRequests(seen, seen.phase);
    if (req.length) out.failures.push(`${when}: gated script requested (${[...new Set(req)].join(', ')})`);
  };
  try {
    await page.goto(`${server.url}v/${v.id}/${v.peer ? '?csp=report' : ''}`, { waitUntil: 'load' });
    await Promise.race([seen.painted, sleep(20000)]);
    await sleep(1500);
    await check('before a decision');
    seen.phase = 'after-reject';
    const gone = await clickUntil(page, v.reject, (b) => {
      const el = b.host ? document.querySelector(b.host)?.shadowRoot?.querySelector(b.sel) : document.querySelector(b.sel);
      return !el || !el.checkVisibility({ opacityProperty: true, visibilityProperty: true });
    }, 6000, v.banner).catch(() => false);
    if (!gone) out.failures.push('"reject all" did not close the banner');
    await sleep(1500);
    await check('after "reject all"');
    out.csp = await page.evaluate(() => window.__bench.csp.slice());
    seen.phase = 'after-reload';
    await page.reload({ waitUntil: 'load' });
    await sleep(1500);
    await check('after "reject all" and a reload');
    const again = await page.evaluate(() => window.__bench.visibleAt != null);
    if (again) out.notes.push('banner shown again after reload (decision not remembered)');
    out.csp.push(...await page.evaluate(() => window.__bench.csp.slice()));
    out.pageErrors = seen.pageErrors;
    out.consoleErrors = seen.consoleErrors;
    if (!v.peer) {
      if (out.csp.length) out.failures.push(`CSP violations: ${out.csp.join('; ')}`);
      if (seen.pageErrors.length) out.failures.push(`page errors: ${seen.pageErrors.join('; ')}`);
    }
  } catch (e) {
    out.failures.push(`probe crashed: ${e.message.split('\n')[0]}`);
  } finally {
    await context.close();
  }
  return out;
}

// ---- Statistics and formatting ----------------------------------------------------------------
const finite = (xs) => xs.filter((x) => typeof x === 'number' && Number.isFinite(x));
function stats(xs) {
  const s = finite(xs).sort((a, b) => a - b);
  if (!s.length) return null;
  const mid = s.length >> 1;
  return { median: s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2, min: s[0], max: s[s.length - 1], n: s.length };
}
/** Where the ratio of the medians of `xs` and `ys` lies, 95% of the time, over `n` resamples
 *  of each set of runs (a bootstrap): [low, high]. Seeded, so the same runs give the same report. */
function ratioInterval(xs, ys, n = 2000) {
  const a = finite(xs), b = finite(ys);
  if (a.length < 2 || b.length < 2) return null;
  let seed = 0x2545f491;
  const random = () => { // mulberry32
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const resample = (v) => stats(v.map(() => v[Math.floor(random() * v.length)])).median;
  const ratios = [];
  for (let k = 0; k < n; k++) {
    const y = resample(b);
    if (y > 0) ratios.push(resample(a) / y);
  }
  ratios.sort((p, q) => p - q);
  return ratios.length ? [ratios[Math.floor(ratios.length * 0.025)], ratios[Math.ceil(ratios.length * 0.975) - 1]] : null;
}
const fmt = (x, d = 1) => (x == null || !Number.isFinite(x) ? 'n/a' : x.toFixed(d));

// ---- Main -------------------------------------------------------------------------------------
const started = Date.now();
const loadStart = loadavg()[0];
const server = await startBenchServer();
const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
const chromeVersion = browser.version();
console.error(`bench: Chromium ${chromeVersion}, ${RUNS} interleaved runs of ${variants.map((v) => v.id).join(', ')}${THROTTLE > 1 ? `, CPU ${THROTTLE}× slower` : ''}`);

const results = Object.fromEntries(variants.map((v) => [v.id, []]));
let exitCode = 0;
try {
  // One discarded warm-up run per variant (server compression cache, disk cache, JIT of node).
  for (const v of variants) await timedRun(browser, server, v, { click: true }).catch(() => {});
  for (let i = 0; i < RUNS; i++) {
    for (const v of variants) {
      try {
        results[v.id].push(await timedRun(browser, server, v));
        if (v.accept || v.id === 'baseline') results[v.id].at(-1).reach = await reachRun(browser, server, v);
      } catch (e) {
        results[v.id].push({ ok: false, error: e.message.split('\n')[0] });
      }
    }
    process.stderr.write(`bench: run ${i + 1}/${RUNS} done (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
  }
  // Correctness probes: reject all (+ reload), per variant.
  const probes = {};
  for (const v of variants) if (v.reject) probes[v.id] = await rejectProbe(browser, server, v);
  // Long tasks at 4× CPU throttling, crumbs against the baseline (and the control page).
  const lt = { crumbs: [], baseline: [], synctag: [] };
  if (LT_RUNS && variants.some((v) => v.id === 'crumbs')) {
    for (let i = 0; i < LT_RUNS; i++) {
      for (const v of variants.filter((x) => x.id in lt)) {
        const id = v.id;
        try { lt[id].push(await timedRun(browser, server, v, { throttle: 4, attribute: true })); } catch (e) { lt[id].push({ ok: false, error: e.message }); }
      }
    }
    process.stderr.write(`bench: ${LT_RUNS} runs at 4× CPU throttling done\n`);
  }
  const report = buildReport({ results, probes, lt });
  exitCode = report.crumbsFailed ? 1 : 0;
  writeFileSync(OUT, report.md);
  console.log(report.md);
  console.error(`bench: wrote ${relative(process.cwd(), OUT)} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  if (report.crumbsFailed) console.error('bench: a correctness probe failed for crumbs (see "Correctness probes")');
} finally {
  await browser.close();
  await server.close();
}
process.exit(exitCode);

// ---- Report -----------------------------------------------------------------------------------
function buildReport({ results, probes, lt }) {
  const peers = variants.filter((v) => v.peer);
  // The consent managers, then the FLOORS pages in that order.
  const isFloor = (id) => FLOORS.includes(id);
  const shown = variants.filter((v) => !isFloor(v.id));
  const floors = FLOORS.map((id) => variants.find((v) => v.id === id)).filter(Boolean);
  const base = results.baseline || [];
  // Which files a manager needs to show its banner: those downloaded before the banner was
  // visible in most runs (a file that is sometimes still in flight then, such as crumbs'
  // known.bin, is not waited for). The same set is then counted in every run.
  const needed = {};
  for (const v of shown) {
    const rs = results[v.id].filter((r) => r.files);
    const count = new Map();
    for (const r of rs) for (const f of r.files) if (!f.later) count.set(f.path, (count.get(f.path) || 0) + 1);
    needed[v.id] = { runs: rs.length, count, set: new Set([...count].filter(([, n]) => n > rs.length / 2).map(([p]) => p)) };
    for (const r of rs) {
      const fs = r.files.filter((f) => needed[v.id].set.has(f.path));
      r.bytes = Object.fromEntries(['raw', 'gzip', 'brotli', 'transfer'].map((k) => [k, fs.reduce((t, f) => t + f[k], 0) / 1024]));
      r.bytesAll = Object.fromEntries(['brotli', 'transfer'].map((k) => [k, r.files.reduce((t, f) => t + f[k], 0) / 1024]));
    }
  }
  // Per-run values; "added" metrics are paired with the baseline run of the same iteration.
  // Run i of `runs` minus run i of `ref`, for value k.
  const paired = (runs, ref, k) => runs.map((r, i) => (r[k] != null && ref[i] && ref[i][k] != null ? r[k] - ref[i][k] : NaN));
  const added = (runs, k) => paired(runs, base, k);
  const metricsDef = [
    { key: 'brotli', label: 'bytes to show the banner, brotli (KiB)', get: (rs) => rs.map((r) => r.bytes?.brotli), target: 0.9 },
    { key: 'gzip', label: 'bytes to show the banner, gzip -9 (KiB)', get: (rs) => rs.map((r) => r.bytes?.gzip) },
    { key: 'raw', label: 'bytes to show the banner, raw (KiB)', get: (rs) => rs.map((r) => r.bytes?.raw) },
    { key: 'transfer', label: 'transfer size, br on the wire + headers (KiB)', get: (rs) => rs.map((r) => r.bytes?.transfer) },
    { key: 'brotliAll', label: 'all bytes the manager downloaded before any click, brotli (KiB)', get: (rs) => rs.map((r) => r.bytesAll?.brotli), target: 1.5 },
    { key: 'transferAll', label: 'all bytes the manager downloaded before any click, transfer (KiB)', get: (rs) => rs.map((r) => r.bytesAll?.transfer) },
    { key: 'visible', label: 'navigation → banner visible (ms)', get: (rs) => rs.map((r) => r.visible), base: (rs) => rs.map((r) => r.firstFrame), target: 0.8 },
    { key: 'firstFrame', label: 'navigation → the page\'s first frame (ms)', get: (rs) => rs.map((r) => r.firstFrame), base: (rs) => rs.map((r) => r.firstFrame) },
    { key: 'frameLag', label: 'banner visible after the page\'s first frame (ms, 0 = in it)', get: (rs) => rs.map((r) => r.frameLag), noRatio: true },
    { key: 'painted', label: 'navigation → banner painted (ms)', get: (rs) => rs.map((r) => r.painted) },
    { key: 'script', label: 'main-thread script time added (ms)', get: (rs) => added(rs, 'script'), base: (rs) => rs.map((r) => r.script), target: 1.0 },
    { key: 'task', label: 'main-thread task time added (ms)', get: (rs) => added(rs, 'task'), base: (rs) => rs.map((r) => r.task) },
    { key: 'heap', label: 'JS heap added after GC (KiB)', get: (rs) => added(rs, 'heap'), base: (rs) => rs.map((r) => r.heap), target: 1.0 },
    { key: 'heapabs', label: 'JS heap after GC, whole page (KiB)', get: (rs) => rs.map((r) => r.heap), base: (rs) => rs.map((r) => r.heap) },
    { key: 'wasm', label: 'wasm memory (KiB)', get: (rs) => rs.map((r) => r.wasm), noRatio: true },
    { key: 'heapwasm', label: 'JS heap + wasm memory added (KiB)', get: (rs) => added(rs, 'heap').map((h, i) => h + (rs[i].wasm || 0)), target: 1.0 },
    { key: 'scriptAfter', label: 'main-thread script time added, through the click and its work (ms)', get: (rs) => added(rs, 'scriptAfter'), base: (rs) => rs.map((r) => r.scriptAfter), target: 1.0 },
    { key: 'heapAfter', label: 'JS heap added after GC, after the click (KiB)', get: (rs) => added(rs, 'heapAfter'), base: (rs) => rs.map((r) => r.heapAfter), target: 1.0 },
    { key: 'heapwasmAfter', label: 'JS heap + wasm memory added, after the click (KiB)', get: (rs) => added(rs, 'heapAfter').map((h, i) => h + (rs[i].wasmAfter || 0)), target: 1.0 },
    { key: 'lt', label: 'long tasks > 50 ms (count per run)', get: (rs) => rs.map((r) => r.ltCount), base: (rs) => rs.map((r) => r.ltCount), noRatio: true },
    { key: 'ltmax', label: 'longest long task (ms, 0 = none)', get: (rs) => rs.map((r) => r.ltMax), base: (rs) => rs.map((r) => r.ltMax), noRatio: true },
    { key: 'clickInline', label: 'click "accept all" → the inline gated script ran (ms)', get: (rs) => rs.map((r) => r.clickInline), base: (rs) => rs.map((r) => r.clickInline), target: 1.0 },
    { key: 'click', label: 'click "accept all" → both external gated scripts ran (ms)', get: (rs) => rs.map((r) => r.click), base: (rs) => rs.map((r) => r.click), target: 1.0 },
    { key: 'reachInline', label: `click "accept all" ${REACH_MS} ms after the pointer reached it → the inline gated script ran (ms)`, get: (rs) => rs.map((r) => r.reach?.clickInline), base: (rs) => rs.map((r) => r.reach?.clickInline), target: 1.0 },
    { key: 'reach', label: `click "accept all" ${REACH_MS} ms after the pointer reached it → both external gated scripts ran (ms)`, get: (rs) => rs.map((r) => r.reach?.click), base: (rs) => rs.map((r) => r.reach?.click), target: 1.0 },
    { key: 'clickFirst', label: 'click "accept all" → first external gated script ran (ms)', get: (rs) => rs.map((r) => r.clickFirst), base: (rs) => rs.map((r) => r.clickFirst) },
    { key: 'dcl', label: 'DOMContentLoaded (ms)', get: (rs) => rs.map((r) => r.dcl), base: (rs) => rs.map((r) => r.dcl) },
    { key: 'load', label: 'load event (ms)', get: (rs) => rs.map((r) => r.load), base: (rs) => rs.map((r) => r.load) },
  ];
  const S = {};
  for (const m of metricsDef) {
    S[m.key] = {};
    for (const v of shown) S[m.key][v.id] = stats(m.get(results[v.id]));
    if (m.base) for (const f of floors) S[m.key][f.id] = stats(m.base(results[f.id]));
  }
  const best = (key) => {
    let b = null;
    for (const p of peers) {
      const s = S[key][p.id];
      if (s && (!b || s.median < b.s.median)) b = { id: p.id, name: p.name, s };
    }
    return b;
  };
  const ratio = (key, id) => {
    const b = best(key);
    const s = S[key][id];
    if (!b || !s) return null;
    if (b.s.median === 0) return s.median === 0 ? 1 : Infinity;
    return s.median / b.s.median;
  };
  const dec = () => 1;
  const noRatio = new Set(metricsDef.filter((m) => m.noRatio).map((m) => m.key));
  const cell = (key, id) => {
    const s = S[key][id];
    if (!s) return 'n/a';
    const d = dec(key);
    const range = s.min === s.max ? '' : ` [${fmt(s.min, d)}–${fmt(s.max, d)}]`;
    const r = isFloor(id) || noRatio.has(key) ? null : ratio(key, id);
    return `${fmt(s.median, d)}${range}${r == null ? '' : ` ×${Number.isFinite(r) ? r.toFixed(2) : '∞'}`}`;
  };

  const lines = [];
  const P = (s = '') => lines.push(s);
  const git = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repo, encoding: 'utf8' }).stdout.trim();
  const dirty = spawnSync('git', ['status', '--porcelain', '--', 'src', 'www/crumbs'], { cwd: repo, encoding: 'utf8' }).stdout.trim() ? ' (with uncommitted changes in src/ or www/crumbs/)' : '';
  P('# crumbs vs other consent managers');
  P();
  P(`Generated by \`npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, commit ${git}${dirty}.`);
  P(`Headless Chromium ${chromeVersion}, ${RUNS} interleaved runs per variant, each in a fresh browser context${THROTTLE > 1 ? `, CPU throttled ${THROTTLE}×` : ', no CPU throttling'}; `
    + `${cpus().length} × ${cpus()[0]?.model?.trim() || 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Linux ${release()}. Pages served over http://127.0.0.1 with brotli. `
    + `Load average ${loadStart.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end; bench took ${((Date.now() - started) / 1000).toFixed(0)} s.`);
  P();
  P(`Versions: ${shown.map((v) => `${v.name}${v.version ? ` ${v.version}` : ` (this checkout, www/crumbs/ as read at the start: ${crumbsFiles()})`}`).join(', ')}.`);
  P();
  P('Every figure is the median over the runs, [min–max] when they differ, and ×ratio to the best peer');
  P('(the peer with the lowest median for that metric; lower is better everywhere). "Added" figures are');
  P('per-run differences from the no-banner page of the same iteration. A target\'s 95% interval is where its');
  P('ratio lies in 95% of 2,000 resamples of the runs (a bootstrap): where it spans the limit, the result could');
  P('have gone the other way in another set of runs.');
  P();

  // Targets
  P("## Targets (issues #7 and #30)");
  P();
  P('| target | crumbs | best peer | ratio | 95% interval | limit | result |');
  P('| --- | --- | --- | --- | --- | --- | --- |');
  // Each limit is its metric's `target` above.
  const metric = (key) => metricsDef.find((d) => d.key === key);
  const targets = [
    ['bytes to show the banner (brotli)', 'brotli', 'KiB'],
    ['navigation → banner visible', 'visible', 'ms'],
    ['main-thread script time added', 'script', 'ms'],
    ['JS heap added (after GC)', 'heap', 'KiB'],
    ['JS heap + wasm memory added', 'heapwasm', 'KiB'],
    ['main-thread script time added, through the click', 'scriptAfter', 'ms'],
    ['JS heap + wasm memory added, after the click', 'heapwasmAfter', 'KiB'],
    ['everything downloaded before any click (brotli)', 'brotliAll', 'KiB'],
    ['click "accept all" → inline gated script ran', 'clickInline', 'ms'],
    ['click "accept all" → external gated scripts ran', 'click', 'ms'],
    [`… ${REACH_MS} ms after the pointer reached the button → inline`, 'reachInline', 'ms'],
    [`… ${REACH_MS} ms after the pointer reached the button → external`, 'reach', 'ms'],
  ];
  for (const [label, key, unit] of targets) {
    const m = metric(key), limit = m.target;
    const c = S[key].crumbs;
    const b = best(key);
    const r = ratio(key, 'crumbs');
    const pass = r != null && r <= limit;
    // How far the runs' spread alone could move the ratio: a result whose interval spans the
    // limit could have gone the other way in another set of runs.
    const iv = b && c ? ratioInterval(m.get(results.crumbs), m.get(results[b.id])) : null;
    const spans = iv && iv[0] <= limit && limit < iv[1];
    P(`| ${label} | ${c ? `${fmt(c.median)} ${unit}` : 'n/a'} | ${b ? `${b.name} ${fmt(b.s.median)} ${unit}` : 'n/a'} | ${r == null ? 'n/a' : `×${r.toFixed(2)}`} | ${iv ? `×${iv[0].toFixed(2)}–×${iv[1].toFixed(2)}` : 'n/a'} | ≤ ${limit.toFixed(1)}× | ${r == null ? 'n/a' : pass ? '**pass**' : '**miss**'}${spans ? ' (within the runs\' spread)' : ''} |`);
  }
  // Every long task of a set of runs.
  const longTasks = (runs) => runs.flatMap((r) => r.longtasks || []);
  const ltLine = (label, crumbsRuns, baseRuns) => {
    if (!crumbsRuns.length) return `| ${label} | not measured | | | | | n/a |`;
    const cl = longTasks(crumbsRuns);
    const bl = longTasks(baseRuns);
    const cmax = cl.reduce((a, t) => Math.max(a, t.duration), 0);
    const bmax = bl.reduce((a, t) => Math.max(a, t.duration), 0);
    const pass = cl.length === 0 || (cl.length <= bl.length && cmax <= bmax);
    return `| ${label} | ${cl.length} in ${crumbsRuns.length} runs${cl.length ? ` (longest ${fmt(cmax)} ms)` : ''} | no-banner page: ${bl.length}${bl.length ? ` (longest ${fmt(bmax)} ms)` : ''} | | | none beyond the no-banner page's | ${pass ? '**pass**' : '**miss**'} |`;
  };
  P(ltLine(`no long task > 50 ms caused by crumbs${THROTTLE > 1 ? ` (${THROTTLE}× CPU)` : ''}`, results.crumbs || [], base));
  if (THROTTLE === 1) P(ltLine('… at 4× CPU throttling', lt.crumbs, lt.baseline));
  P();
  // No banner is seen before the page's first frame: what the visible limit means against it.
  const floor = S.firstFrame.baseline, vb = best('visible');
  if (results.crumbs && floor && vb) {
    const inFirst = results.crumbs.filter((r) => r.frameLag === 0).length;
    const limit = metric('visible').target, limitMs = vb.s.median * limit;
    P(`Banner visible: crumbs was visible in the page's own first frame in ${inFirst} of ${results.crumbs.length} runs. The no-banner page's first frame came at ${fmt(floor.median)} ms [${fmt(floor.min)}–${fmt(floor.max)}] (median), so the limit, ${limit} × ${vb.name}'s ${fmt(vb.s.median)} ms = ${fmt(limitMs)} ms, is ${limitMs < floor.median ? `${fmt(floor.median - limitMs)} ms before` : `${fmt(limitMs - floor.median)} ms after`} the first frame a page without any banner gets.`);
    P();
  }
  // The control page: what a synchronous tag costs before any work of its own. Paired by
  // iteration, like the "added" figures.
  const ctl = results.synctag;
  if (ctl && results.crumbs && S.firstFrame.synctag) {
    const overBase = stats(paired(ctl, base, 'firstFrame')), overCtl = stats(paired(results.crumbs, ctl, 'firstFrame'));
    // "5.0 ms later than" / "0.4 ms earlier than" (a median difference can have either sign).
    const than = (d) => (d == null || !Number.isFinite(d) ? 'n/a ms later than' : `${fmt(Math.abs(d))} ms ${d < 0 ? 'earlier' : 'later'} than`);
    P(`The control page, with an empty synchronous script where crumbs' tag goes (a parser-blocking tag that does nothing), had its first frame at ${fmt(S.firstFrame.synctag.median)} ms and DOMContentLoaded at ${fmt(S.dcl.synctag?.median)} ms: a synchronous tag's round trip alone put the first frame ${than(overBase?.median)} on the no-banner page (median of the per-iteration differences). crumbs' page had its first frame ${than(overCtl?.median)} the control page's (per iteration: ${fmt(overCtl?.min)} to ${fmt(overCtl?.max)} ms): crumbs' own cost before the banner is seen (its larger file, its run and the draw).`);
    P();
  }
  // A long task counts as running crumbs' scripts from 1 ms of them (overlaps below are edges).
  const ranCrumbs = (t) => t.crumbsScript >= 1;
  const ltDetail = (label, runs) => {
    const withLt = runs.filter((r) => r.longtasks && r.longtasks.length);
    if (!withLt.length) return;
    const own = (t) => (t.crumbsScript == null ? '' : ranCrumbs(t) ? ` (crumbs' scripts ${fmt(t.crumbsScript, 0)} ms of it)` : ' (no crumbs script of 5 ms or more)');
    P(`${label}: ${withLt.map((r) => `${r.longtasks.map((t) => `${fmt(t.start, 0)}+${fmt(t.duration, 0)} ms${own(t)}`).join(', ')} (banner visible at ${fmt(r.visible, 0)} ms)`).join('; ')}.`);
    P();
  };
  if (results.crumbs) {
    ltDetail(`Long tasks in crumbs runs${THROTTLE > 1 ? ` at ${THROTTLE}×` : ''} (start+duration since navigation)`, results.crumbs);
    ltDetail(`… in no-banner runs${THROTTLE > 1 ? ` at ${THROTTLE}×` : ''}`, base);
    ltDetail('Long tasks in crumbs runs at 4×', lt.crumbs);
    const all = longTasks(lt.crumbs), withOwn = all.filter(ranCrumbs);
    if (all.length) {
      const rest = all.length - withOwn.length;
      const none = `no crumbs script of 5 ms or more ran (Long Animation Frames lists no shorter one): ${rest === 1 ? 'its' : 'their'} time is parsing, style, layout and paint, the banner's included where it was laid out in ${rest === 1 ? 'it' : 'them'}`;
      P(withOwn.length
        ? `Of these ${all.length}, ${withOwn.length} ran crumbs' own scripts (${fmt(withOwn.reduce((a, t) => a + t.crumbsScript, 0), 0)} ms in all, at most ${fmt(Math.max(...withOwn.map((t) => t.crumbsScript)), 0)} ms in one); in the other ${rest}, ${none}.`
        : `In all ${all.length}, ${none}.`);
      P();
    }
    ltDetail('… in no-banner runs at 4×', lt.baseline);
    if (lt.synctag.length) {
      const n = longTasks(lt.synctag).length;
      P(`The control page (an empty synchronous tag where crumbs' goes) had ${n} long task${n === 1 ? '' : 's'} in ${lt.synctag.length} runs at 4× (the no-banner page: ${longTasks(lt.baseline).length}).`);
      P();
    }
  }

  // Full table
  P('## Results');
  P();
  const cols = [...shown, ...floors];
  P(`| metric | ${cols.map((v) => v.name).join(' | ')} |`);
  P(`| --- | ${cols.map(() => '---').join(' | ')} |`);
  for (const m of metricsDef) P(`| ${m.label} | ${cols.map((v) => (isFloor(v.id) && !S[m.key][v.id] ? '—' : cell(m.key, v.id))).join(' | ')} |`);
  P();
  P('For the no-banner page the "added" rows show its absolute values (what the others are compared with), and the');
  P('click rows the floor: a click handler that adds the stand-in script at once, with no consent manager (fetching');
  P('and running a script over loopback on this machine). Its "banner visible" cell is its first frame: the floor for any');
  P('banner (the start of the first frame, as requestAnimationFrame hands it; every page registers one from the start).');
  if (results.synctag) P('"empty sync tag" is the control page: the no-banner page with an empty synchronous script where crumbs\' tag goes. Its "added" rows are absolute values too.');
  P();
  P('wasm memory: the byte length of every WebAssembly.Memory still alive on the page after the GC (found on the heap).');
  P();

  // Sanity check against figures measured elsewhere (headless Chromium, 15 interleaved runs).
  const REF = {
    cookieconsent: [13.5, 288, 20.1, 870, 10.9], orejime: [12.7, 148, 24.1, 950, 4.0],
    klaro: [57.8, 273, 138, 1511, 4.2], tarteaucitron: [50.0, 285, 47.2, 1116, 6.2],
  };
  const refPeers = peers.filter((p) => REF[p.id]);
  if (refPeers.length && THROTTLE === 1) {
    P('### Peers against reference figures measured elsewhere');
    P();
    P('Reference medians from another machine (headless Chromium, 15 interleaved runs; no-banner DOMContentLoaded ≈ 48 ms,');
    P(`here ${fmt(S.dcl.baseline?.median)} ms). The reference byte counts are the library files only (no site config file); the heap`);
    P('figure is the whole page\'s JS heap. Each cell: reference → this run.');
    P();
    P('| peer | brotli (KiB) | banner visible (ms) | script time (ms) | JS heap, whole page (KiB) | click → gated script (ms) |');
    P('| --- | --- | --- | --- | --- | --- |');
    for (const p of refPeers) {
      const libOnly = (results[p.id].find((r) => r.bytes && r.files) || { files: [] }).files
        .filter((f) => needed[p.id].set.has(f.path) && !f.path.startsWith('/site/')).reduce((t, f) => t + f.brotli, 0) / 1024;
      const r = REF[p.id];
      const here = [libOnly, S.visible[p.id]?.median, S.script[p.id]?.median, S.heapabs[p.id]?.median, S.click[p.id]?.median];
      P(`| ${p.name} | ${r.map((x, i) => `${x} → ${fmt(here[i])}`).join(' | ')} |`);
    }
    P();
  }

  // Files
  P('## Files requested to show the banner');
  P();
  P('Every file the consent manager requested (the page, its stylesheet and the gated stand-ins excluded), with');
  P('its Resource Timing start and end (medians, ms since navigation) and in how many runs it was downloaded');
  P('before the banner was visible. Files downloaded before the banner was visible in most runs are the bytes');
  P('"to show the banner"; the others are marked "(later)" and not counted. Sizes of the file as served: raw,');
  P('gzip -9, brotli 11, in bytes; "transfer" is Resource Timing\'s transferSize (brotli body + response headers).');
  P();
  P('| variant | file | requested at (ms) | done at (ms) | done before visible | raw | gzip | brotli | transfer |');
  P('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const v of shown) {
    const rs = results[v.id].filter((x) => x.files);
    if (!rs.length) continue;
    const n = needed[v.id];
    const paths = [...new Set(rs.flatMap((r) => r.files.map((f) => f.path)))];
    const med = (xs) => stats(xs)?.median;
    for (const path of paths) {
      const fs = rs.flatMap((r) => r.files.filter((f) => f.path === path));
      const f = fs[0];
      const tag = n.set.has(path) ? '' : '(later) ';
      P(`| ${v.name} | ${tag}\`${path}\` | ${fmt(med(fs.map((x) => x.start)), 0)} | ${fmt(med(fs.map((x) => x.end)), 0)} | ${n.count.get(path) || 0}/${n.runs} | ${f.raw} | ${f.gzip} | ${f.brotli} | ${fmt(med(fs.map((x) => x.transfer)), 0)} |`);
    }
  }
  P();

  // Probes
  P('## Correctness probes');
  P();
  P('| variant | nothing gated ran or was requested before consent (all runs) | "accept all" ran the three gated scripts (all runs) | "reject all": nothing gated ran or was requested, also after a reload | CSP |');
  P('| --- | --- | --- | --- | --- |');
  let crumbsFailed = false;
  const failures = [];
  for (const v of shown) {
    const rs = results[v.id];
    const early = rs.filter((r) => (r.gatedEarly && r.gatedEarly.length) || (r.gatedRequestedEarly && r.gatedRequestedEarly.length));
    const broken = rs.filter((r) => r.ok === false || r.error);
    const notAccepted = rs.filter((r) => !r.accepted);
    const pr = probes[v.id] || { failures: ['not run'], csp: [] };
    const cspRuns = rs.flatMap((r) => r.csp || []);
    const cspAll = [...new Set([...cspRuns, ...(pr.csp || [])])];
    const cspCell = v.peer
      ? `${(pr.csp || []).length} report-only violation(s) under the strict policy${(pr.csp || []).length ? `: ${[...new Set(pr.csp.map((c) => c.split(' ').slice(1, 2).join(' ')))].join(', ')}` : ''}`
      : cspAll.length ? `**${cspAll.length} violation(s)**: ${cspAll.slice(0, 3).join('; ')}` : 'enforced strict policy, 0 violations';
    const ok1 = early.length === 0 && broken.length === 0;
    const ok2 = notAccepted.length === 0;
    const ok3 = pr.failures.length === 0;
    const ok4 = v.peer || cspAll.length === 0;
    P(`| ${v.name} | ${ok1 ? 'pass' : `**FAIL** (${early.length + broken.length} run(s))`} | ${ok2 ? 'pass' : `**FAIL** (${notAccepted.length} run(s))`} | ${ok3 ? 'pass' : `**FAIL**: ${pr.failures.join('; ')}`}${pr.notes?.length ? ` (${pr.notes.join('; ')})` : ''} | ${cspCell} |`);
    if (v.id === 'crumbs') {
      if (!ok1) failures.push(`before consent: ${early.map((r) => [...r.gatedEarly, ...r.gatedRequestedEarly].join(',')).join(' / ')}${broken.map((r) => r.error || 'banner never visible').join(' / ')}`);
      if (!ok2) failures.push('"accept all" did not run the gated scripts');
      if (!ok3) failures.push(...pr.failures);
      if (!ok4) failures.push('CSP violations');
      const errs = rs.flatMap((r) => r.pageErrors || []);
      if (errs.length) failures.push(`page errors: ${[...new Set(errs)].join('; ')}`);
      crumbsFailed = failures.length > 0;
    }
  }
  P();
  if (crumbsFailed) P(`**crumbs failed:** ${failures.join('; ')}`);
  else if (variants.some((v) => v.id === 'crumbs')) P('crumbs passed every probe.');
  P();
  const notes = shown.filter((v) => results[v.id].some((r) => r.clicksNeeded > 1)).map((v) => v.name);
  if (notes.length) {
    P(`Clicks that did nothing (button not wired yet) were repeated until they worked; the time is measured from the click that worked: ${notes.join(', ')}.`);
    P();
  }
  P('How each figure is measured: see bench/README.md.');
  return { md: lines.join('\n') + '\n', crumbsFailed };
}

function crumbsFiles() {
  const list = [...server.crumbsFiles].filter(([p]) => /\.(wasm|js)$/.test(p) && !p.startsWith('lang/'))
    .map(([p, b]) => `${p} ${(b.length / 1024).toFixed(1)} KiB`);
  return list.join(', ') || 'not built';
}
