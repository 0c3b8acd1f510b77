// The scan-frames test pages (www/test/scan-frames/) served as a site without a
// Content-Security-Policy, so its frames and workers may call the vendor stand-ins; the
// cross-site frame is the same server under frames.example.co.uk (test-mapped to 127.0.0.1).
// crumbs itself is served from www/crumbs/ for the gated page.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { wwwRoot } from '../../scripts/serve.mjs';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json', '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.bin': 'application/octet-stream' };
const ROOT = join(wwwRoot, 'test', 'scan-frames');

/** Serves the pages; `tlsPort` is the vendor stand-ins' port. Resolves to `{ url(path), port, close() }`. */
export function startFramesSite(tlsPort) {
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    // What the service worker fetches: a response that sets a cookie.
    if (path === '/test/scan-frames/sw-cookie') {
      res.writeHead(200, { 'Set-Cookie': 'sw_cookie=1; Path=/; Max-Age=3600', 'Cache-Control': 'no-store' }).end('ok');
      return;
    }
    const file = normalize(join(wwwRoot, path));
    const crumbs = path.startsWith('/crumbs/') && file.startsWith(join(wwwRoot, 'crumbs') + sep);
    if (!crumbs && !(path.startsWith('/test/scan-frames/') && file.startsWith(ROOT + sep))) {
      res.writeHead(404).end();
      return;
    }
    let body;
    try {
      body = readFileSync(file);
    } catch {
      res.writeHead(404).end();
      return;
    }
    if (!crumbs) body = String(body).replaceAll('{{PORT}}', String(server.address().port)).replaceAll('{{TLS_PORT}}', String(tlsPort));
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] || 'text/plain', 'Cache-Control': 'no-store' }).end(body);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const port = server.address().port;
      resolve({
        port,
        url: (p) => `http://127.0.0.1:${port}${p}`,
        close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }),
      });
    });
  });
}
