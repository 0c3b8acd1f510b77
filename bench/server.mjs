// The bench's own static server (node:http only), on 127.0.0.1. Every response is compressed
// the way a production CDN would send it (brotli quality 11 when the browser accepts br, else
// gzip -9), with Content-Length set, so Resource Timing's transferSize is a real transfer size.
//
//   /v/<variant>/     the demo page for that variant (built from site/page.html)
//   /site/...         bench/site/ (page stylesheet, gated stand-ins, each manager's config)
//   /crumbs/...       www/crumbs/ (loader + dist/: whatever is built, read once at start)
//   /lib/<peer>/...   the peer's files from bench/node_modules
//
// The crumbs and no-banner pages get the strict Content-Security-Policy crumbs must pass
// (enforced). Peer pages get none while timing; `?csp=report` sends the same policy as
// Content-Security-Policy-Report-Only, to count what a peer would break under it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { libs, NONCE, variants } from './variants.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const repo = join(here, '..');

/** The strict policy from scripts/serve.mjs (what the e2e tests serve crumbs with). */
export const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; frame-src 'self'; connect-src 'self'";
/** The same with the page's nonce, for its inline gated script (still no 'unsafe-inline'). */
const PAGE_CSP = STRICT_CSP.replace("'wasm-unsafe-eval'", `'wasm-unsafe-eval' 'nonce-${NONCE}'`);

const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.bin': 'application/octet-stream', '.txt': 'text/plain; charset=utf-8',
};

const brotli = (b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: b.length } });
const gzip = (b) => gzipSync(b, { level: 9 });

/** A file's sizes as served: raw, gzip -9 and brotli 11, in bytes. */
export function sizesOf(body) {
  return { raw: body.length, gzip: gzip(body).length, brotli: brotli(body).length };
}

/** The page for a variant. */
export function pageFor(variant) {
  const tpl = readFileSync(join(here, 'site', 'page.html'), 'utf8');
  return tpl.replace('{{HEAD}}', variant.head).replace('{{BODY_END}}', variant.bodyEnd || '');
}

function resolveFile(path) {
  const roots = [['/site/', join(here, 'site')], ['/crumbs/', join(repo, 'www', 'crumbs')],
    ...Object.entries(libs).map(([k, v]) => [`/lib/${k}/`, join(here, 'node_modules', v)])];
  for (const [prefix, root] of roots) {
    if (!path.startsWith(prefix)) continue;
    const file = normalize(join(root, path.slice(prefix.length)));
    if (!file.startsWith(root + sep)) return null;
    return file;
  }
  return null;
}

/** Every file under `dir`, as its path relative to `dir`. */
function filesUnder(dir, prefix = '') {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const rel = prefix + e.name;
    if (e.isDirectory()) return filesUnder(join(dir, e.name), rel + '/');
    return e.isFile() ? [rel] : [];
  });
}

/** Every file under `dir`, read now: relative path → Buffer. */
function snapshot(dir) {
  return new Map(filesUnder(dir).map((rel) => [rel, readFileSync(join(dir, rel))]));
}

/** Newest modification time (ms) of any file under `dir`. */
export function newestChange(dir) {
  return Math.max(0, ...filesUnder(dir).map((rel) => statSync(join(dir, rel)).mtimeMs));
}

/**
 * Starts the server; resolves to `{ url, close(), sizes, log }`. `sizes` maps a path to
 * `{raw, gzip, brotli}` of the file as served (computed once per content); `log` lists every
 * request `{path, at}` (for the "nothing gated was requested" probes).
 */
export function startBenchServer() {
  const cache = new Map(); // key → {body, raw, gzip, brotli, brBody, gzBody}
  const sizes = new Map();
  const log = [];
  const pages = new Map(variants.map((v) => [v.id, pageFor(v)]));
  // crumbs is read once, now: www/crumbs/ may be rebuilt while the bench runs, and every run
  // must measure the same build.
  const crumbsFiles = snapshot(join(repo, 'www', 'crumbs'));

  function encoded(key, body) {
    let e = cache.get(key);
    if (!e || !e.body.equals(body)) {
      const br = brotli(body);
      const gz = gzip(body);
      e = { body, brBody: br, gzBody: gz, raw: body.length, gzip: gz.length, brotli: br.length };
      cache.set(key, e);
    }
    return e;
  }

  function send(req, res, status, type, body, headers, key) {
    const e = encoded(key, body);
    sizes.set(key, { raw: e.raw, gzip: e.gzip, brotli: e.brotli });
    const accept = String(req.headers['accept-encoding'] || '');
    const h = { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', Vary: 'Accept-Encoding', ...headers };
    let out = body;
    if (/\bbr\b/.test(accept)) { out = e.brBody; h['Content-Encoding'] = 'br'; }
    else if (/\bgzip\b/.test(accept)) { out = e.gzBody; h['Content-Encoding'] = 'gzip'; }
    h['Content-Length'] = out.length;
    res.writeHead(status, h);
    res.end(req.method === 'HEAD' ? undefined : out);
  }

  const server = createServer((req, res) => {
    let url;
    try { url = new URL(req.url, 'http://x'); } catch { res.writeHead(400).end(); return; }
    const path = decodeURIComponent(url.pathname);
    log.push({ path, at: Date.now() });
    if (path === '/blank') {
      send(req, res, 200, types['.html'], Buffer.from('<!doctype html><title>blank</title>'), { 'Content-Security-Policy': STRICT_CSP }, path);
      return;
    }
    const m = /^\/v\/([a-z]+)\/$/.exec(path);
    if (m && pages.has(m[1])) {
      const v = variants.find((x) => x.id === m[1]);
      const headers = {};
      if (!v.peer) headers['Content-Security-Policy'] = PAGE_CSP;
      else if (url.searchParams.get('csp') === 'report') headers['Content-Security-Policy-Report-Only'] = PAGE_CSP;
      send(req, res, 200, types['.html'], Buffer.from(pages.get(m[1])), headers, path);
      return;
    }
    if (path.startsWith('/crumbs/')) {
      const body = crumbsFiles.get(path.slice('/crumbs/'.length));
      if (!body) { res.writeHead(404, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-store' }).end('not found'); return; }
      send(req, res, 200, types[extname(path)] || 'application/octet-stream', body, {}, path);
      return;
    }
    const file = resolveFile(path);
    let body;
    try {
      if (!file || !statSync(file).isFile()) throw new Error('not found');
      body = readFileSync(file);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-store' }).end('not found');
      return;
    }
    send(req, res, 200, types[extname(file)] || 'application/octet-stream', body, {}, path);
  });
  server.keepAliveTimeout = 60000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({
        url: `http://127.0.0.1:${port}/`,
        sizes,
        log,
        crumbsFiles,
        close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }),
      });
    });
  });
}
