// `crumbs scan` and `crumbs audit` (scanner/) on real pages: the three demo sites and the
// tracker zoo, served as the harness serves them, with the vendors mapped to local stand-ins.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { crumbsBin, freePort } from '../../scripts/consent-log.mjs';
import { startServer, wwwRoot } from '../../scripts/serve.mjs';
import { declaredCategory, siteConfig } from './harness.mjs';
import { crumbs, startSites } from './scan-sites.mjs';

let sites;
const out = mkdtempSync(join(tmpdir(), 'crumbs-scan-test-'));

before(async () => {
  execFileSync('cargo', ['build', '-q', '-p', 'crumbs-cli'], { stdio: 'inherit' });
  sites = await startSites();
});
after(async () => {
  await sites?.close();
  rmSync(out, { recursive: true, force: true });
});

/** Scans `path` into a fresh folder; returns the folder's three files, parsed. */
async function scan(path, args = [], url = sites.url(path)) {
  const dir = join(out, path.replace(/\W+/g, '_') + Math.random().toString(36).slice(2, 6));
  const r = await crumbs(['scan', url, '--out', dir, ...args]);
  assert.equal(r.status, 0, r.stderr);
  // The browser's temporary profile (chromium.rs) is gone with it.
  assert.deepEqual(readdirSync(tmpdir()).filter((n) => n.startsWith(`crumbs-scan-${r.pid}-`)), []);
  return {
    dir,
    stderr: r.stderr,
    json: JSON.parse(readFileSync(join(dir, 'scan.json'), 'utf8')),
    html: readFileSync(join(dir, 'report.html'), 'utf8'),
    draftPath: join(dir, 'crumbs.config.draft.json'),
    draft: JSON.parse(readFileSync(join(dir, 'crumbs.config.draft.json'), 'utf8')),
  };
}

const check = (file) => {
  try {
    return { status: 0, stdout: execFileSync(crumbsBin, ['check', file], { encoding: 'utf8' }) };
  } catch (e) {
    return { status: e.status, stdout: String(e.stdout) };
  }
};
const cookieNames = (json) => json.cookies.map((c) => c.name).filter((n) => n !== 'crumbs_consent').sort();
const vendorNames = (json) => json.vendors.map((v) => v.name).sort();

/** What each site's README (www/sites/README.md) says it sets, and what a crawl cannot see:
 *  cookies set only by signing in or posting a comment, and third-party cookies in frames
 *  (headless Chromium blocks them, as the README says). */
const SITES = {
  charity: {
    cookies: ['ASP.NET_SessionId', '__cfduid', '__zlcmid', '_ga', '_gat', '_gid'],
    vendors: [], // its analytics and chat stand-ins are first-party copies
    unseen: [],
  },
  institute: {
    cookies: ['__hssc', '__hssrc', '__hstc', '_ga', '_ga_IMI2024CX', '_gid', 'hubspotutk', 'wordpress_test_cookie'],
    vendors: ['Eventbrite', 'Google Analytics', 'Google Fonts', 'Google Maps', 'Google reCAPTCHA', 'Gravatar', 'HubSpot', 'HubSpot forms', 'Mailchimp forms', 'YouTube'],
    unseen: ['wordpress_logged_in_*', 'wordpress_sec_*', '_GRECAPTCHA', 'comment_author_*', 'comment_author_email_*', 'comment_author_url_*', 'YSC', 'VISITOR_INFO1_LIVE'],
  },
  research: {
    cookies: ['__stripe_mid', '__stripe_sid', '_ga', '_ga_MMRI7Q2', '_gid', 'mmri_guard'],
    vendors: ['Google Analytics', 'Stripe'],
    unseen: ['mmri_auth', 'mmri_id', 'mmri_prefs'],
  },
};

for (const [site, expected] of Object.entries(SITES)) {
  test(`scan of the ${site} site: the cookies and vendors its README lists, each in its declared category`, async () => {
    const s = await scan(`/sites/${site}/`);
    assert.deepEqual(cookieNames(s.json), expected.cookies);
    assert.deepEqual(vendorNames(s.json), expected.vendors);
    const config = siteConfig(site);
    for (const c of s.json.cookies.filter((c) => c.name !== 'crumbs_consent')) {
      assert.equal(c.category, declaredCategory(config, c.name), c.name);
      // Nothing that needs consent before it is given, or after "Reject all": the site works.
      if (c.category !== 'necessary') assert.deepEqual(c.states, ['accept-all'], c.name);
    }
    for (const v of s.json.vendors.filter((v) => v.category !== 'necessary')) {
      assert.deepEqual([...new Set(v.requests.map((r) => r.state))], ['accept-all'], v.name);
    }
    assert.ok(!JSON.stringify(s.json).includes('zoom.us'), 'Zoom is a plain link: never requested');
    // Every page in its three states, none failing.
    for (const p of s.json.pages) {
      assert.deepEqual(p.visits.map((v) => v.state), ['no-decision', 'reject-all', 'accept-all']);
      for (const v of p.visits) assert.equal(v.error, null, `${p.url} ${v.state}`);
    }
    // The draft passes `crumbs check` and keeps the site's own declarations.
    assert.equal(check(s.draftPath).status, 0);
    for (const c of s.draft.categories.flatMap((c) => c.cookies.map((d) => [c.id, d.name]))) {
      assert.equal(c[0], declaredCategory(config, c[1]), c[1]);
    }
    // The report is one file with nothing external, and names every cookie.
    assert.doesNotMatch(s.html, /<script|<link|\ssrc=|url\(/i);
    for (const n of expected.cookies) assert.ok(s.html.includes(`<td>${n}</td>`), n);

    // The audit with the site's config: passes; what it never saw is what needs interaction.
    const configFile = join(wwwRoot, 'sites', site, 'crumbs.config.json');
    const a = await crumbs(['audit', sites.url(`/sites/${site}/`), '--pages', '10', '--config', configFile, '--json']);
    const audit = JSON.parse(a.stdout);
    assert.equal(a.status, 0, a.stdout);
    assert.deepEqual(audit.violations, []);
    assert.deepEqual(audit.undeclared, []);
    assert.deepEqual(audit.unseen.sort(), [...expected.unseen].sort());
    assert.deepEqual(audit.failed_after_accept, []);
  });
}

test('audit of the tracker zoo: without crumbs it fails on every tracker; with crumbs (its one parser tag gated) it passes', async () => {
  const without = await crumbs(['audit', sites.url('/test/zoo/audit.html?control'), '--json']);
  assert.equal(without.status, 1);
  const v = JSON.parse(without.stdout).violations;
  const requested = new Set(v.filter((x) => x.kind === 'request').map((x) => new URL(x.what).searchParams.get('n') || new URL(x.what).pathname));
  // Everything but the strictly necessary Stripe stand-in, requested before any decision;
  // the gated tag stays inert without crumbs.
  assert.deepEqual([...requested].sort(), ['/embed/video', '/embed/zoo', '/embed/zoo2', 'ads', 'fb', 'fbwrite', 'ga', 'hotjar', 'hotjar2', 'unknown']);
  assert.ok(v.some((x) => x.kind === 'cookie' && x.what === 'zoo_fb' && x.state === 'no-decision'));
  assert.ok(v.some((x) => x.kind === 'cookie' && x.what === 'zoo_ga' && x.state === 'reject-all'));

  const withCrumbs = await crumbs(['audit', sites.url('/test/zoo/audit.html')]);
  assert.equal(withCrumbs.status, 0, withCrumbs.stdout);
  assert.match(withCrumbs.stdout, /needs consent but was set or requested .*: none/);
  assert.match(withCrumbs.stdout, /failed to load after "Accept all" \(over-blocking\): none/);
  assert.match(withCrumbs.stdout, /audit passed/);
});

test('audit of the zoo as it is: the parser-inserted tag crumbs can only hold after the request is what it finds', async () => {
  const a = await crumbs(['audit', sites.url('/test/zoo/'), '--json']);
  assert.equal(a.status, 1);
  const v = JSON.parse(a.stdout).violations;
  assert.ok(v.length > 0);
  for (const x of v) {
    assert.equal(x.kind, 'request');
    assert.equal(new URL(x.what).searchParams.get('n'), 'parser');
    assert.match(x.detail, /\(parser\)$/);
  }
});

test('audit reports a first-party URL that redirects to a third party', async () => {
  const a = await crumbs(['audit', sites.url('/test/zoo/path.html?p=redirect'), '--json']);
  assert.equal(a.status, 1);
  const audit = JSON.parse(a.stdout);
  assert.ok(audit.redirects.some((r) => r.includes('/test/zoo/redirect?') && r.includes('→ https://connect.facebook.net:') && r.includes('Meta')), audit.redirects.join('\n'));
});

test('the five-minute path: scan a site with no declarations, its draft passes check, and the site built from it passes the audit', async () => {
  // The charity site with an empty config, in a folder of its own (crumbs itself linked in).
  const root = mkdtempSync(join(tmpdir(), 'crumbs-scan-site-'));
  try {
    symlinkSync(join(wwwRoot, 'crumbs'), join(root, 'crumbs'));
    mkdirSync(join(root, 'sites'));
    cpSync(join(wwwRoot, 'sites', 'charity'), join(root, 'sites', 'charity'), { recursive: true });
    const configFile = join(root, 'sites', 'charity', 'crumbs.config.json');
    writeFileSync(configFile, '{ "revision": 1 }\n');
    const server = await startServer({ root, port: 0 });
    try {
      const home = new URL('sites/charity/', server.url).href;
      const s = await scan('/five-minutes', [], home);
      assert.equal(check(s.draftPath).status, 0);
      const filed = Object.fromEntries(s.draft.categories.flatMap((c) => c.cookies.map((d) => [d.name, c.id])));
      assert.deepEqual(filed, { 'ASP.NET_SessionId': 'necessary', __cfduid: 'necessary', _ga: 'performance', _gat: 'performance', _gid: 'performance', __zlcmid: 'functionality' });
      const ga = s.draft.categories.find((c) => c.id === 'performance').cookies.find((d) => d.name === '_ga');
      // The stand-in asks for two years, as gtag does; Chromium caps cookies at 400 days.
      assert.equal(ga.expiry, '400 days', 'expiry from the observed lifetime');
      assert.equal(ga.provider, 'Google Analytics');
      // Purposes in crumbs' own words for each vendor (data/vendor-purposes.tsv), none TODO here.
      assert.match(ga.purpose, /^Google Analytics counts visits /);
      const chat = s.draft.categories.find((c) => c.id === 'functionality').cookies.find((d) => d.name === '__zlcmid');
      assert.match(chat.purpose, /^Zendesk runs the help and chat widget/);
      assert.ok(s.draft.categories.flatMap((c) => c.cookies).every((d) => !d.purpose.startsWith('TODO')));
      // Embed the draft and audit against it.
      writeFileSync(configFile, readFileSync(s.draftPath));
      const a = await crumbs(['audit', home, '--pages', '5', '--config', s.draftPath, '--json']);
      const audit = JSON.parse(a.stdout);
      assert.equal(a.status, 0, a.stdout);
      assert.deepEqual([audit.violations, audit.undeclared, audit.unseen, audit.page_errors], [[], [], [], []]);
    } finally {
      await server.close();
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('page data is rendered as text; robots.txt is respected; broken pages are reported, never fatal', async () => {
  const s = await scan('/test/scan/hostile.html');
  assert.ok(!s.html.includes('<script>alert(2)</script>') && s.html.includes('&lt;script&gt;alert(2)&lt;/script&gt;'));
  assert.ok(!s.html.includes('<b>bold</b>') && s.html.includes('&quot;quoted&quot; &amp; &lt;b&gt;bold&lt;/b&gt;'));
  assert.ok(!s.html.includes('<img_src'));
  assert.deepEqual(s.json.storage.map((x) => [x.kind, x.name]).sort(), [['localStorage', '<script>alert(2)</script>'], ['sessionStorage', '"quoted" & <b>bold</b>']]);
  // Names a config cannot declare are left out of the draft, which still passes.
  assert.equal(check(s.draftPath).status, 0);
  assert.match(s.stderr, /left out of the draft/);
  // robots.txt disallows /test/scan/private: listed, never fetched.
  assert.deepEqual(s.json.notes.disallowed.map((u) => new URL(u).pathname), ['/test/scan/private.html']);
  assert.ok(!sites.served.includes('/test/scan/private.html'));
  // Its alert() did not stop it.
  for (const v of s.json.pages.find((p) => p.url.endsWith('/hostile.html')).visits) assert.equal(v.error, null, v.state);
  // The off-site link is not followed; the missing page is reported with its status.
  const missing = s.json.pages.find((p) => p.url.endsWith('/missing.html'));
  assert.ok(missing.visits.every((v) => v.error === 'HTTP 404'));
  assert.ok(!s.json.pages.some((p) => p.url.includes('elsewhere')));
  assert.match(s.stderr, /FAIL .*missing\.html/);
});

test('a page that takes longer than --timeout is reported, and the scan goes on', async () => {
  // "Reject all" waits for the network to be quiet twice (after the click, after the reload):
  // more than a second on any machine.
  // (On a loaded machine the no-decision state may time out too; its links are then unknown,
  // so how many pages the scan reaches is not asserted.)
  const s = await scan('/sites/charity/', ['--timeout', '1', '--pages', '2']);
  assert.ok(s.json.pages.length >= 1);
  for (const p of s.json.pages) {
    assert.equal(p.visits.find((v) => v.state === 'reject-all').error, 'timed out after 1 s');
  }
  assert.match(s.stderr, /FAIL .*reject-all: timed out after 1 s/);
  assert.equal(check(s.draftPath).status, 0);
});

test('a page that redirects off-site is reported, and fails the audit', async () => {
  const to = `https://connect.facebook.net:${sites.tlsPort}/tr?n=offsite`;
  const a = await crumbs(['audit', sites.url(`/test/zoo/redirect?to=${encodeURIComponent(to)}`), '--json']);
  assert.equal(a.status, 1);
  const audit = JSON.parse(a.stdout);
  assert.ok(audit.page_errors.length > 0 && audit.page_errors.every((e) => e.includes(`redirected off-site to ${to}`)), audit.page_errors.join('\n'));
  assert.ok(audit.redirects.some((r) => r.includes(`→ ${to}`)));
});

test('over-blocking: a config crumbs refuses holds everything after "Accept all", and the audit lists it', async () => {
  const a = await crumbs(['audit', sites.url('/test/bad-config.html'), '--json']);
  const audit = JSON.parse(a.stdout);
  assert.equal(a.status, 0, 'failing closed lets nothing through');
  assert.ok(audit.failed_after_accept.some((l) => /crumbs config error, so nothing gated runs: categories\[2\]\.id/.test(l)), audit.failed_after_accept.join('\n'));
  assert.ok(audit.failed_after_accept.some((l) => l.includes('still held by crumbs: <script> /test/vendor/one.js (data-category=performance)')));
});

test('--sitemap visits the pages sitemap.xml lists, minus what robots.txt disallows', async () => {
  const s = await scan('/', ['--sitemap']);
  assert.deepEqual(s.json.pages.map((p) => new URL(p.url).pathname), ['/sites/research/', '/sites/research/courses.html']);
  assert.equal(s.json.notes.sitemap_pages, 3);
});

test('a bad URL and a missing browser get clear errors', async () => {
  const bad = await crumbs(['scan', 'not a url', '--out', join(out, 'bad')]);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /not a URL/);
  const noBrowser = await crumbs(['audit', sites.url('/sites/charity/')], { chromium: '/nonexistent/chromium' });
  assert.equal(noBrowser.status, 2);
  assert.match(noBrowser.stderr, /--chromium \/nonexistent\/chromium: no such file/);
  const down = await crumbs(['audit', `http://127.0.0.1:${await freePort()}/`]);
  assert.equal(down.status, 1);
  assert.match(down.stdout, /over-blocking\): none[\s\S]*could not be audited: 1\n.*cannot load: net::ERR_CONNECTION_REFUSED\n/);
});
