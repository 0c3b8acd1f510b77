// A dependency-free static server for the demo sites and the tests (node:http only).
// Every HTML page gets the strict Content-Security-Policy crumbs must work under; a page that
// contains {{NONCE}} gets a fresh nonce per response, added to script-src.
import { createHash, randomBytes } from 'node:crypto';
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
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.bin': 'application/octet-stream', '.woff2': 'font/woff2', '.txt': 'text/plain; charset=utf-8', '.xml': 'application/xml; charset=utf-8',
};

/** The strict policy every page is served with; `thirdParties` lists the vendors a page may
 *  load (as a real site's policy would), added to script-src and frame-src; `extra` adds
 *  origins to other directives (`default`, `img`, `style`, `font`), as a site's own policy names them. */
export function contentSecurityPolicy(nonce, thirdParties = '', connect = '', extra = {}) {
  const add = (list) => (list ? ` ${list}` : '');
  const scripts = nonce ? `'self' 'wasm-unsafe-eval' 'nonce-${nonce}'` : `'self' 'wasm-unsafe-eval'`;
  const font = extra.font ? `; font-src 'self'${add(extra.font)}` : '';
  return `default-src 'self'${add(extra.default)}; script-src ${scripts}${add(thirdParties)}; style-src 'self'${add(extra.style)}; `
    + `img-src 'self' data:${add(extra.img)}; frame-src 'self'${add(thirdParties)}; connect-src 'self'${add(connect)}${font}`;
}

/** The tracker zoo loads stand-ins from these (test-mapped) vendor hosts. */
const ZOO_VENDORS = ['www.googletagmanager.com', 'connect.facebook.net', 'static.hotjar.com', 'www.youtube.com',
  'js.stripe.com', 'tracker.unknown-vendor.example', 'player.vimeo.com', 'cdn.mxpnl.com'].map((h) => `https://${h}:*`).join(' ');

/** The institute's demo hosts: its site and its two subdomains, under a domain of their own
 *  (`institute.localhost` under `npm start`: browsers resolve *.localhost to this machine). */
export const INSTITUTE_HOSTS = ['www', '10years', 'logbook'];
export const INSTITUTE_DOMAIN = 'institute.localhost';

/** The domain the institute's config shares its consent cookie across when a page is served on
 *  one of its hosts (`www.institute.localhost` → `institute.localhost`), else null: on
 *  127.0.0.1, an address, no cookie can be shared, and the site stays host-only. */
export function instituteCookieDomain(hostHeader) {
  const m = /^([a-z0-9-]+)\.(institute\.[a-z0-9.-]+)$/.exec((hostHeader || '').replace(/:\d+$/, ''));
  return m && INSTITUTE_HOSTS.includes(m[1]) ? m[2] : null;
}

/** WordPress's COOKIEHASH: md5 of the site URL (the institute's, in these demos). */
const WP_HASH = createHash('md5').update('https://institute.example').digest('hex');

/** Server-side cookies a site's real stack sets on a page view: the charity runs ASP.NET behind
 *  Cloudflare; WordPress tests cookie support on its login page; the research institute sets a
 *  security cookie (fraud and credential protection) on every page. */
function serverCookies(path) {
  if (!path.endsWith('.html') && !path.endsWith('/')) return [];
  if (path.startsWith('/sites/charity/')) {
    const id = randomBytes(12).toString('hex');
    return [
      `ASP.NET_SessionId=${id}; Path=/; HttpOnly; SameSite=Lax`,
      `__cfduid=d${randomBytes(16).toString('hex')}; Path=/; Max-Age=2592000; SameSite=Lax`,
    ];
  }
  if (path === '/sites/institute/login.html') return ['wordpress_test_cookie=WP%20Cookie%20check; Path=/sites/institute/; SameSite=Lax'];
  if (path.startsWith('/sites/research/')) {
    return [`mmri_guard=${randomBytes(16).toString('hex')}; Path=/sites/research/; Max-Age=31536000; HttpOnly; SameSite=Strict`];
  }
  return [];
}

/** Form posts the sites' servers answer (a WordPress login and comment, the research sign-in):
 *  the cookies each sets, and where it redirects. `null` for any other request. */
function formPost(path, form) {
  const site = '/sites/institute/';
  if (path === `${site}wp-login.php` && form.get('log')) {
    const token = randomBytes(16).toString('hex');
    const value = encodeURIComponent(`${form.get('log')}|${Math.floor(Date.now() / 1000) + 172800}|${token}|hmac`);
    return { to: `${site}members.html`, cookies: [
      `wordpress_sec_${WP_HASH}=${value}; Path=${site}; HttpOnly; SameSite=Lax`,
      `wordpress_logged_in_${WP_HASH}=${value}; Path=${site}; HttpOnly; SameSite=Lax`,
    ] };
  }
  if (path === `${site}wp-comments-post.php`) {
    // WordPress sets these only when the commenter ticks "Save my name, email, and website".
    const keep = form.get('wp-comment-cookies-consent') === 'yes';
    const age = 30000000; // WordPress's comment_cookie_lifetime: about 347 days
    return { to: `${site}events.html#comments`, cookies: keep ? [
      `comment_author_${WP_HASH}=${encodeURIComponent(form.get('author') || '')}; Path=${site}; Max-Age=${age}; SameSite=Lax`,
      `comment_author_email_${WP_HASH}=${encodeURIComponent(form.get('email') || '')}; Path=${site}; Max-Age=${age}; SameSite=Lax`,
      `comment_author_url_${WP_HASH}=${encodeURIComponent(form.get('url') || '')}; Path=${site}; Max-Age=${age}; SameSite=Lax`,
    ] : [] };
  }
  if (path === '/sites/research/sign-in' && form.get('email')) {
    return { to: '/sites/research/account.html', cookies: [
      `mmri_auth=${randomBytes(24).toString('base64url')}; Path=/sites/research/; HttpOnly; SameSite=Lax`,
      `mmri_id=${encodeURIComponent(form.get('email').split('@')[0])}; Path=/sites/research/; SameSite=Lax`,
    ] };
  }
  return null;
}

/** Host names the tests map to 127.0.0.1 that stand for third parties (Chromium's
 *  --host-resolver-rules): the tracker zoo's requests (`?n=name`) get its generic stand-ins. */
function zooFile(root, host, path) {
  return join(root, 'test', 'zoo', /^\/(embed|maps)/.test(path) ? 'frame.html' : 'tracker.js');
}

const on = (list) => list.map((h) => `https://${h}:*`).join(' ');

/** The reference sites' stand-ins for real vendors, by real host name and path: each file under
 *  www/sites/vendors/ behaves like the vendor's own script or page (see www/sites/README.md). */
const STAND_INS = [
  ['www.googletagmanager.com', /^\/gtag\/js$/, 'google-analytics/gtag.js'],
  ['js.hs-scripts.com', /^\/\d+\.js$/, 'hubspot/loader.js'],
  ['js.hs-analytics.net', /^\/analytics\/\d+\/\d+\.js$/, 'hubspot/analytics.js'],
  ['js.hsforms.net', /^\/forms\/embed\/\d+\.js$/, 'hubspot/forms.js'],
  ['s3.amazonaws.com', /^\/downloads\.mailchimp\.com\/js\/mc-validate\.js$/, 'mailchimp/mc-validate.js'],
  ['www.youtube.com', /^\/embed\/[\w-]{11}$/, 'youtube/embed.html'],
  ['www.youtube.com', /^\/s\/player\/embed\.js$/, 'youtube/player.js'],
  ['www.google.com', /^\/maps\/embed$/, 'google-maps/embed.html'],
  ['www.google.com', /^\/maps\/embed\.js$/, 'google-maps/maps.js'],
  ['www.google.com', /^\/recaptcha\/api\.js$/, 'recaptcha/api.js'],
  ['www.google.com', /^\/recaptcha\/api2\/anchor$/, 'recaptcha/anchor.html'],
  ['www.gstatic.com', /^\/recaptcha\/releases\/[\w-]+\/recaptcha__en\.js$/, 'recaptcha/anchor.js'],
  ['fonts.googleapis.com', /^\/css2$/, 'google-fonts/css2.css'],
  ['secure.gravatar.com', /^\/avatar\/[0-9a-f]{32,64}$/, 'gravatar/avatar.svg'],
  ['www.eventbrite.co.uk', /^\/static\/widgets\/eb_widgets\.js$/, 'eventbrite/eb_widgets.js'],
  ['www.eventbrite.co.uk', /^\/checkout-external$/, 'eventbrite/checkout.html'],
  ['www.eventbrite.co.uk', /^\/static\/widgets\/checkout\.js$/, 'eventbrite/checkout.js'],
  ['js.stripe.com', /^\/v3\/$/, 'stripe/v3.js'],
];

/** Vendor endpoints that only receive data (analytics hits, form posts): 204, as a beacon gets. */
const BEACONS = [
  ['region1.google-analytics.com', /^\/g\/collect$/],
  ['track.hubspot.com', /^\/__ptq\.gif$/],
  ['forms.hsforms.com', /^\/submissions\/v3\/integration\/submit\/\d+\/[\w-]+$/],
  ['m.stripe.com', /^\/6$/],
  // No font file ships with the demo (licensing): the request is made, the browser falls back.
  ['fonts.gstatic.com', /^\/s\/lato\/v24\/[\w-]+\.woff2$/],
];

/** Each reference site's own Content-Security-Policy additions: the vendors its policy names. */
const SITE_POLICIES = {
  '/sites/institute/': {
    scripts: on(['www.googletagmanager.com', 'js.hs-scripts.com', 'js.hs-analytics.net', 'js.hsforms.net', 's3.amazonaws.com',
      'us21.list-manage.com', 'www.youtube.com', 'www.google.com', 'www.gstatic.com', 'www.eventbrite.co.uk']),
    connect: on(['region1.google-analytics.com', 'track.hubspot.com', 'forms.hsforms.com']),
    extra: { img: on(['secure.gravatar.com']), style: on(['fonts.googleapis.com']), font: on(['fonts.gstatic.com']) },
  },
  '/sites/research/': {
    scripts: on(['www.googletagmanager.com', 'js.stripe.com']),
    connect: on(['region1.google-analytics.com', 'm.stripe.com']),
    extra: {},
  },
};

/** What a third-party (test-mapped) host answers for `path`: a stand-in file, a beacon, a
 *  Mailchimp JSONP reply, or the zoo's generic stand-ins. `null` for the sites' own hosts. */
function thirdParty(root, hostHeader, path, query) {
  const host = (hostHeader || '').replace(/:\d+$/, '');
  if (!host || host === '127.0.0.1' || host === 'localhost' || host.endsWith('example.co.uk') || instituteCookieDomain(host)) return null;
  if (!query.has('n')) {
    const hit = STAND_INS.find(([h, p]) => h === host && p.test(path));
    if (hit) return { file: join(root, 'sites', 'vendors', hit[2]) };
    if (BEACONS.some(([h, p]) => h === host && p.test(path))) return { status: 204 };
    // Mailchimp's embedded form posts by JSONP (mc-validate.js): a script calling `c`.
    if (host.endsWith('.list-manage.com') && path === '/subscribe/post-json' && /^[\w$]{1,64}$/.test(query.get('c') || '')) {
      return { body: `${query.get('c')}({"result":"success","msg":"Almost finished... We need to confirm your email address."});`, type: '.js' };
    }
  }
  return { file: zooFile(root, host, path) };
}

/**
 * Starts serving `root`; resolves to `{url, port, close()}`. Port 0 picks a free port. With
 * `tls: {key, cert}` it serves https (tests use it for vendor hosts browsers force to https).
 * `vars` fills `{{NAME}}` placeholders in HTML (besides `{{PORT}}` and `{{NONCE}}`);
 * `connectSrc` adds origins pages may send to (a consent log on another port); `consentLog`
 * (a URL) is where requests under /v1/ are passed on. `cacheCrumbs` lets browsers cache crumbs'
 * own files for an hour (everything else stays `no-store`), as a site's CDN would; `served`
 * lists every path the server answered, in order.
 */
export function startServer({ root = wwwRoot, port = 0, host = '127.0.0.1', tls = null, vars = {}, connectSrc = '', consentLog = null, cacheCrumbs = false } = {}) {
  const served = [];
  const handler = (req, res) => {
    served.push(req.url.split('?')[0]);
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
    const query = new URL(req.url, 'http://x').searchParams;
    const vendor = thirdParty(root, req.headers.host, path, query);
    if (vendor?.status) {
      res.writeHead(vendor.status, { 'Cache-Control': 'no-store', 'Access-Control-Allow-Origin': '*' }).end();
      return;
    }
    if (vendor?.body) {
      res.writeHead(200, { 'Content-Type': types[vendor.type], 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' }).end(vendor.body);
      return;
    }
    if (req.method === 'POST' && !vendor) {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (d) => { body += d; if (body.length > 65536) req.destroy(); });
      req.on('end', () => {
        const post = formPost(path, new URLSearchParams(body));
        if (!post) res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
        else res.writeHead(303, { Location: post.to, 'Set-Cookie': post.cookies, 'Cache-Control': 'no-store' }).end();
      });
      return;
    }
    // A first-party URL that redirects to a third party (the zoo's redirect path).
    if (path === '/test/zoo/redirect' && /^https:\/\/[\w.-]+:\d+\//.test(query.get('to') || '')) {
      res.writeHead(302, { Location: query.get('to'), 'Cache-Control': 'no-store' }).end();
      return;
    }
    let file = vendor?.file || normalize(join(root, path));
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
    const cached = cacheCrumbs && path.startsWith('/crumbs/') && !vendor;
    const headers = { 'Content-Type': type, 'Cache-Control': cached ? 'public, max-age=3600' : 'no-store', 'X-Content-Type-Options': 'nosniff' };
    if (vendor) headers['Access-Control-Allow-Origin'] = '*'; // as vendors' CDNs answer (fonts need it)
    if (type.startsWith('text/html')) {
      let html = readFileSync(file, 'utf8');
      let nonce = null;
      html = html.replaceAll('{{PORT}}', String(server.address().port));
      const zoo = path.startsWith('/test/zoo/') && !vendor;
      // A zoo page's control: the same page without crumbs' tag; or with the network guard's
      // tag after crumbs' own.
      const crumbsTag = /<script src="\/crumbs\/crumbs\.js"[^>]*><\/script>/;
      if (zoo && query.has('control')) html = html.replace(crumbsTag, '');
      // `?control=ungated`: and its gated scripts as the plain scripts they stand for.
      if (zoo && query.get('control') === 'ungated') html = html.replace(/<script type="text\/plain" data-category="[^"]*" data-src="/g, '<script src="');
      if (zoo && query.has('guard')) html = html.replace(crumbsTag, '$&\n<script src="/crumbs/crumbs-network-guard.js"></script>');
      // `?region=GB`: crumbs' tag with that `data-region`, as a site's server sets it.
      if (zoo && /^[A-Za-z-]+$/.test(query.get('region') || '')) html = html.replace(crumbsTag, (tag) => tag.replace('></script>', ` data-region="${query.get('region')}"></script>`));
      // Or with another of the zoo's configs (`?config=hosts` serves hosts.config.json).
      if (zoo && /^[a-z-]+$/.test(query.get('config') || '')) html = html.replace('/test/zoo/zoo.config.json', `/test/zoo/${query.get('config')}.config.json`);
      // Vendor URLs carry the https test server's port; without one (npm start) the real vendor's.
      for (const [k, v] of Object.entries({ TLS_PORT: tls ? server.address().port : 443, ...vars })) html = html.replaceAll(`{{${k}}}`, String(v));
      if (html.includes('{{NONCE}}')) {
        nonce = randomBytes(16).toString('base64');
        html = html.replaceAll('{{NONCE}}', nonce);
      }
      const site = vendor ? null : Object.entries(SITE_POLICIES).find(([prefix]) => path.startsWith(prefix))?.[1];
      // A vendor's own frame (reCAPTCHA's anchor) may load the vendor's scripts from its CDN.
      const frameHost = (req.headers.host || '').replace(/:\d+$/, '');
      const thirdParties = zoo ? ZOO_VENDORS
        : vendor ? (frameHost === 'www.google.com' ? on(['www.gstatic.com']) : '') : site?.scripts || '';
      // The zoo's pages may also load objects, prefetches, images and requests from its vendors.
      const connect = [connectSrc, site?.connect, zoo && ZOO_VENDORS].filter(Boolean).join(' ');
      headers['Content-Security-Policy'] = contentSecurityPolicy(nonce, thirdParties, connect, zoo ? { default: ZOO_VENDORS, img: ZOO_VENDORS } : site?.extra);
      const cookies = vendor ? [] : serverCookies(path);
      if (cookies.length) headers['Set-Cookie'] = cookies;
      res.writeHead(200, headers).end(req.method === 'HEAD' ? undefined : html);
      return;
    }
    if (vendor && type.startsWith('text/css')) {
      res.writeHead(200, headers).end(readFileSync(file, 'utf8').replaceAll('{{PORT}}', String(server.address().port)));
      return;
    }
    // One consent across the institute's site and its subdomains: its config is served with the
    // cookieDomain of the domain it is served under, as each deployment of a site sets its own.
    const sharedDomain = path === '/sites/institute/crumbs.config.json' && !vendor && instituteCookieDomain(req.headers.host);
    if (sharedDomain) {
      res.writeHead(200, headers).end(JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), cookieDomain: sharedDomain }, null, 2));
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
        served,
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
