// A dependency-free static server for the demo sites and the tests (node:http only).
// Every HTML page gets the strict Content-Security-Policy crumbs must work under; a page that
// contains {{NONCE}} gets a fresh nonce per response, added to script-src.
import { randomBytes } from 'node:crypto';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
/** The folder served by default. */
export const wwwRoot = join(here, '..', 'www');

const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.bin': 'application/octet-stream', '.txt': 'text/plain; charset=utf-8',
};

/** The strict policy every page is served with; `thirdParties` lists the vendors a page may
 *  load (as a real site's policy would), added to script-src and frame-src. */
export function contentSecurityPolicy(nonce, thirdParties = '', connect = '') {
  const extra = thirdParties ? ` ${thirdParties}` : '';
  const scripts = nonce ? `'self' 'wasm-unsafe-eval' 'nonce-${nonce}'` : `'self' 'wasm-unsafe-eval'`;
  return `default-src 'self'; script-src ${scripts}${extra}; style-src 'self'; img-src 'self' data:; frame-src 'self'${extra}; connect-src 'self'${connect ? ` ${connect}` : ''}`;
}

/** The tracker zoo loads stand-ins from these (test-mapped) vendor hosts. */
const ZOO_VENDORS = ['www.googletagmanager.com', 'connect.facebook.net', 'static.hotjar.com', 'www.youtube.com',
  'js.stripe.com', 'tracker.unknown-vendor.example', 'player.vimeo.com'].map((h) => `https://${h}:*`).join(' ');

/** Server-side cookies a site's real stack sets: the charity runs ASP.NET behind Cloudflare. */
function serverCookies(path) {
  if (!path.startsWith('/sites/charity/') || !path.endsWith('.html') && !path.endsWith('/')) return [];
  const id = randomBytes(12).toString('hex');
  return [
    `ASP.NET_SessionId=${id}; Path=/; HttpOnly; SameSite=Lax`,
    `__cfduid=d${randomBytes(16).toString('hex')}; Path=/; Max-Age=2592000; SameSite=Lax`,
  ];
}

/** Host names the tests map to 127.0.0.1 that stand for third parties (Chromium's
 *  --host-resolver-rules): they all serve the tracker zoo's stand-ins. */
function thirdPartyFile(root, hostHeader, path) {
  const host = (hostHeader || '').replace(/:\d+$/, '');
  if (!host || host === '127.0.0.1' || host === 'localhost' || host.endsWith('example.co.uk')) return null;
  return join(root, 'test', 'zoo', /^\/(embed|maps)/.test(path) ? 'frame.html' : 'tracker.js');
}

/**
 * Starts serving `root`; resolves to `{url, port, close()}`. Port 0 picks a free port. With
 * `tls: {key, cert}` it serves https (tests use it for vendor hosts browsers force to https).
 * `vars` fills `{{NAME}}` placeholders in HTML (besides `{{PORT}}` and `{{NONCE}}`);
 * `connectSrc` adds origins pages may send to (a consent log on another port); `consentLog`
 * (a URL) is where requests under /v1/ are passed on.
 */
export function startServer({ root = wwwRoot, port = 0, host = '127.0.0.1', tls = null, vars = {}, connectSrc = '', consentLog = null } = {}) {
  const handler = (req, res) => {
    // The consent log (`crumbs serve`) answers /v1/ on the sites' own origin, so the demo
    // config can say "endpoint": "/v1/consents" under a connect-src 'self' policy.
    if (req.url.startsWith('/v1/')) {
      if (!consentLog) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('no consent log here');
        return;
      }
      const target = new URL(req.url, consentLog);
      const up = httpRequest(target, { method: req.method, headers: { ...req.headers, host: target.host, 'x-forwarded-for': req.socket.remoteAddress } }, (r) => {
        res.writeHead(r.statusCode, r.headers);
        r.pipe(res);
      });
      up.on('error', () => { if (!res.headersSent) res.writeHead(503, { 'Content-Type': 'application/json' }); res.end('{"error":"the consent log is not running"}'); });
      req.pipe(up);
      return;
    }
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      res.writeHead(400).end('bad request');
      return;
    }
    let file = thirdPartyFile(root, req.headers.host, path) || normalize(join(root, path));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    let stat;
    try {
      stat = statSync(file);
      if (stat.isDirectory()) {
        if (!path.endsWith('/')) {
          res.writeHead(301, { Location: path + '/' }).end();
          return;
        }
        file = join(file, 'index.html');
        stat = statSync(file);
      }
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }).end('not found');
      return;
    }
    const type = types[extname(file)] || 'application/octet-stream';
    const headers = { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };
    if (type.startsWith('text/html')) {
      let html = readFileSync(file, 'utf8');
      let nonce = null;
      html = html.replaceAll('{{PORT}}', String(server.address().port));
      for (const [k, v] of Object.entries(vars)) html = html.replaceAll(`{{${k}}}`, String(v));
      if (html.includes('{{NONCE}}')) {
        nonce = randomBytes(16).toString('base64');
        html = html.replaceAll('{{NONCE}}', nonce);
      }
      headers['Content-Security-Policy'] = contentSecurityPolicy(nonce, path.startsWith('/test/zoo/') ? ZOO_VENDORS : '', connectSrc);
      const cookies = serverCookies(path);
      if (cookies.length) headers['Set-Cookie'] = cookies;
      res.writeHead(200, headers).end(req.method === 'HEAD' ? undefined : html);
      return;
    }
    headers['Content-Length'] = stat.size;
    res.writeHead(200, headers);
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  };
  const server = tls ? createTlsServer(tls, handler) : createServer(handler);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const actual = server.address().port;
      resolve({
        url: `${tls ? 'https' : 'http'}://${host}:${actual}/`,
        port: actual,
        close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }),
      });
    });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.env.PORT || process.argv[process.argv.indexOf('--port') + 1] || 8080) || 8080;
  const s = await startServer({ port });
  console.log(`crumbs demo: ${s.url}`);
}
