// The npm package as a site owner meets it: `npm pack` of this repo, installed into a fresh site
// with `npm install <tarball>` (offline: the package has no dependencies), its served folder
// copied to the site's /crumbs/ and its ES module bundled by the site's bundler; then the banner
// and onConsent() in real Chromium, from the site's own origin and from a CDN path.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, createReadStream, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';
import { chromiumArgs } from './harness.mjs';

const repo = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');
const built = join(repo, 'www', 'crumbs');
const langFiles = readdirSync(join(built, 'lang')).filter((f) => f.endsWith('.json'));
const german = JSON.parse(readFileSync(join(built, 'lang', 'de.json'), 'utf8'));
const env = {};

/** The site's page: crumbs' tag first in <head> (from `src`), an inline config, a gated script,
 *  and the site's bundle, which waits for consent with onConsent(). */
function page(src) {
  return `<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<link rel="icon" href="data:,">
<title>a site with crumbs from npm</title>
<script type="application/json" id="crumbs-config">{ "revision": 1, "categories": [{ "id": "necessary" }, { "id": "performance" }, { "id": "targeting" }] }</script>
<script src="${src}"></script>
<script type="text/plain" data-category="performance" data-src="/js/analytics.js"></script>
<script type="module" src="/app.js"></script>
</head>
<body><h1>Startseite</h1></body>
</html>
`;
}

/** A static server for `root` on 127.0.0.1 with the given extra headers (the CDN stand-in, and
 *  the CDN case's site, whose policy names the CDN). */
function staticServer(root, headers) {
  const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.json': 'application/json; charset=utf-8', '.wasm': 'application/wasm' };
  const server = createServer((req, res) => {
    const file = normalize(join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname)));
    let stat;
    try {
      stat = file.startsWith(root + sep) && statSync(file);
    } catch { stat = null; }
    if (!stat || !stat.isFile()) return void res.writeHead(404).end('not found');
    res.writeHead(200, { 'Content-Type': types[extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-store', ...headers });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ port: server.address().port, close: () => new Promise((r) => server.close(r)) })));
}

before(async () => {
  env.dir = mkdtempSync(join(tmpdir(), 'crumbs-package-'));
  // What `npm pack` packs; its prepack (the build) is left out here: `npm test` has just built.
  const [packed] = JSON.parse(execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', env.dir], { cwd: repo, encoding: 'utf8' }));
  env.packed = packed;
  env.tarball = join(env.dir, packed.filename);
  const site = join(env.dir, 'site');
  mkdirSync(join(site, 'src'), { recursive: true });
  writeFileSync(join(site, 'package.json'), JSON.stringify({ name: 'a-site', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', env.tarball], { cwd: site, stdio: 'pipe' });
  env.installed = join(site, 'node_modules', 'crumbs');
  // As the README says: the package's served folder becomes the site's /crumbs/.
  const pub = join(site, 'public');
  cpSync(join(env.installed, 'www', 'crumbs'), join(pub, 'crumbs'), { recursive: true });
  mkdirSync(join(pub, 'js'));
  writeFileSync(join(pub, 'js', 'analytics.js'), 'document.documentElement.dataset.analytics = "ran";\n');
  writeFileSync(join(pub, 'index.html'), page('/crumbs/crumbs.js'));
  // The site's bundle, built by its bundler (esbuild) from the installed package.
  writeFileSync(join(site, 'src', 'app.js'), `import { onConsent } from 'crumbs';
const root = document.documentElement.dataset;
onConsent('necessary', () => { root.necessary = 'granted'; });
onConsent('performance', (consent) => { root.performance = consent.granted.join(' '); root.calls = String(Number(root.calls || 0) + 1); });
onConsent('targeting', () => { root.targeting = 'granted'; });
`);
  execFileSync(join(repo, 'node_modules', '.bin', 'esbuild'), ['src/app.js', '--bundle', '--format=esm', '--log-level=error', '--outfile=public/app.js'], { cwd: site });
  env.site = await startServer({ root: pub });
  env.browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: chromiumArgs });
});

after(async () => {
  await env.browser?.close();
  await env.site?.close();
  if (env.dir) rmSync(env.dir, { recursive: true, force: true });
});

/** A fresh visitor on `url`, with the page's errors and CSP violations collected. */
async function visit(url, context) {
  context ||= await env.browser.newContext();
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const p = await context.newPage();
  const errors = [], requests = [];
  p.on('request', (r) => requests.push(r.url()));
  p.on('pageerror', (e) => errors.push(e.message));
  p.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await p.goto(url);
  await p.locator('[data-crumbs="banner"]').or(p.locator('html[data-performance]')).first().waitFor();
  return { page: p, context, errors, requests };
}

const data = (p) => p.evaluate(() => ({ ...document.documentElement.dataset }));

test('npm pack holds the built files, the types, the ES module and the README, and nothing else', () => {
  const files = env.packed.files.map((f) => f.path).sort();
  const expected = ['README.md', 'package.json', 'package/index.d.ts', 'package/index.js', 'www/crumbs/crumbs-frame.js',
    'www/crumbs/crumbs-network-guard.js', 'www/crumbs/crumbs.d.ts', 'www/crumbs/crumbs.js',
    ...readdirSync(join(built, 'dist')).map((f) => `www/crumbs/dist/${f}`), ...langFiles.map((f) => `www/crumbs/lang/${f}`)].sort();
  assert.deepEqual(files, expected);
  for (const f of ['crumbs_bg.wasm', 'crumbs-decide.wasm', 'crumbs.js', 'known.bin', 'rules.bin', 'url-rules.bin']) assert.ok(files.includes(`www/crumbs/dist/${f}`), f);
  // The installed copy is the build, byte for byte, and brings no dependencies along.
  for (const f of ['www/crumbs/crumbs.js', 'www/crumbs/dist/crumbs_bg.wasm', 'www/crumbs/lang/de.json']) {
    assert.ok(readFileSync(join(env.installed, f)).equals(readFileSync(join(repo, f))), f);
  }
  const manifest = JSON.parse(readFileSync(join(env.installed, 'package.json'), 'utf8'));
  assert.equal(manifest.dependencies, undefined);
  assert.equal(manifest.exports['.'].default, './package/index.js');
  assert.equal(manifest.exports['.'].types, './package/index.d.ts');
});

test('the types: a TypeScript site type-checks against the installed package, and a wrong category does not', () => {
  const site = join(env.dir, 'typed');
  mkdirSync(join(site, 'src'), { recursive: true });
  // The installed package, reached as a bundler resolves it (package.json "exports" and "types").
  cpSync(join(env.dir, 'site', 'node_modules'), join(site, 'node_modules'), { recursive: true });
  writeFileSync(join(site, 'tsconfig.json'), JSON.stringify({ include: ['src'], compilerOptions: {
    strict: true, noEmit: true, target: 'es2020', module: 'esnext', moduleResolution: 'bundler', lib: ['es2020', 'dom'], types: [] } }));
  writeFileSync(join(site, 'src', 'app.ts'), `import { onConsent, type CrumbsConsent } from 'crumbs';
const stop: () => void = onConsent('performance', (c: CrumbsConsent) => { console.log(c.granted, c.consentId); });
stop();
onConsent('necessary', (c) => { const maybe: CrumbsConsent | null = c; void maybe; });
window.crumbs.acceptAll();
document.addEventListener('crumbs:consent', (e) => { e.detail.consentId.toUpperCase(); });
`);
  const tsc = (project) => {
    try {
      execFileSync(join(repo, 'node_modules', '.bin', 'tsc'), ['-p', project], { encoding: 'utf8', stdio: 'pipe' });
      return '';
    } catch (e) {
      return String(e.stdout) + String(e.stderr) || 'tsc failed';
    }
  };
  assert.equal(tsc(site), '');
  writeFileSync(join(site, 'src', 'wrong.ts'), "import { onConsent } from 'crumbs';\nonConsent('marketing', () => {});\n");
  assert.match(tsc(site), /wrong\.ts.*'"marketing"' is not assignable/s);
});

test("from the site's own origin: the banner in the page's language, onConsent on the decision and on the next visit", async () => {
  const { page: p, context, errors } = await visit(env.site.url);
  const banner = p.locator('[data-crumbs="banner"]');
  assert.equal(await banner.locator('[data-action="accept-all"]').textContent(), german.acceptAll, 'lang/de.json from the package');
  assert.deepEqual(await data(p), { necessary: 'granted' }, 'nothing but strictly necessary before a decision');
  await banner.locator('[data-action="accept-all"]').click();
  await p.waitForFunction(() => document.documentElement.dataset.performance && document.documentElement.dataset.analytics);
  let seen = await data(p);
  assert.equal(seen.performance, 'necessary performance targeting');
  assert.equal(seen.targeting, 'granted');
  assert.equal(seen.calls, '1', 'once per onConsent');
  await p.close();
  // The returning visitor: no banner, and onConsent answers from the stored decision.
  const again = await visit(env.site.url, context);
  await again.page.waitForFunction(() => document.documentElement.dataset.performance);
  seen = await data(again.page);
  assert.equal(seen.calls, '1');
  assert.equal(await again.page.locator('[data-crumbs="banner"]').count(), 0);
  assert.deepEqual(await again.page.evaluate(() => window.__csp), []);
  assert.deepEqual([...errors, ...again.errors], []);
  await context.close();
});

test('Reject all: onConsent never calls back for a refused category', async () => {
  const { page: p, context, errors } = await visit(env.site.url);
  await p.locator('[data-crumbs="banner"] [data-action="reject-all"]').click();
  await p.waitForFunction(() => window.crumbs.getConsent() !== null);
  await p.reload();
  await p.evaluate(() => window.crumbs.ready);
  await p.waitForTimeout(200);
  assert.deepEqual(await data(p), { necessary: 'granted' });
  assert.deepEqual(errors, []);
  await context.close();
});

test('from a CDN path: the same package on another origin, named in the site policy', async () => {
  // The CDN stand-in serves the installed package as a CDN serves npm packages, with CORS (the
  // loader imports the core's glue as a module and compiles the wasm from fetch()).
  const cdn = await staticServer(join(env.dir, 'site', 'node_modules'), { 'Access-Control-Allow-Origin': '*' });
  const origin = `http://localhost:${cdn.port}`;
  const pub = join(env.dir, 'site', 'public');
  writeFileSync(join(pub, 'cdn.html'), page(`${origin}/crumbs/www/crumbs/crumbs.js`));
  const policy = `default-src 'self'; script-src 'self' 'wasm-unsafe-eval' ${origin}; style-src 'self'; img-src 'self' data:; connect-src 'self' ${origin}`;
  const site = await staticServer(pub, { 'Content-Security-Policy': policy });
  try {
    const { page: p, context, errors, requests } = await visit(`http://127.0.0.1:${site.port}/cdn.html`);
    assert.equal(await p.locator('[data-action="reject-all"]').textContent(), german.rejectAll, 'lang/de.json from the CDN');
    await p.locator('[data-crumbs="banner"] [data-action="accept-all"]').click();
    await p.waitForFunction(() => document.documentElement.dataset.performance && document.documentElement.dataset.analytics);
    await p.evaluate(() => window.crumbs.ready);
    assert.equal(await p.evaluate(() => window.crumbs.getConsent().granted.join(' ')), 'necessary performance targeting');
    assert.deepEqual(await p.evaluate(() => window.__csp), []);
    assert.deepEqual(errors, []);
    // Every crumbs file came from the CDN path, none from the site.
    const fromCrumbs = requests.filter((u) => u.includes('/crumbs/'));
    for (const f of ['crumbs.js', 'lang/de.json', 'dist/crumbs.js', 'dist/crumbs_bg.wasm']) {
      assert.ok(fromCrumbs.includes(`${origin}/crumbs/www/crumbs/${f}`), `${f} from the CDN: ${fromCrumbs.join(' ')}`);
    }
    assert.deepEqual(fromCrumbs.filter((u) => !u.startsWith(origin)), []);
    await context.close();
  } finally {
    await site.close();
    await cdn.close();
  }
});
