// `crumbs scan` and `crumbs audit` on a page whose trackers run in child frames (same-origin and
// cross-site), in a dedicated, a shared and a service worker, and whose forms post off site;
// against a control page with the same tracker in the top page and no frame, worker or
// off-site form. The pages are www/test/scan-frames/, served without a CSP
// (scan-frames-server.mjs); the vendor stand-ins as in scan.test.mjs.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { crumbsBin } from '../../scripts/consent-log.mjs';
import { startFramesSite } from './scan-frames-server.mjs';
import { crumbs, startSites } from './scan-sites.mjs';

let sites;
let site;
const out = mkdtempSync(join(tmpdir(), 'crumbs-scan-frames-test-'));

before(async () => {
  execFileSync('cargo', ['build', '-q', '-p', 'crumbs-cli'], { stdio: 'inherit' });
  sites = await startSites();
  site = await startFramesSite(sites.tlsPort);
});
after(async () => {
  await site?.close();
  await sites?.close();
  rmSync(out, { recursive: true, force: true });
});

async function scan(path) {
  const dir = join(out, path.replace(/\W+/g, '_'));
  const r = await crumbs(['scan', site.url(path), '--out', dir, '--pages', '1']);
  assert.equal(r.status, 0, r.stderr);
  const draftPath = join(dir, 'crumbs.config.draft.json');
  return { json: JSON.parse(readFileSync(join(dir, 'scan.json'), 'utf8')), html: readFileSync(join(dir, 'report.html'), 'utf8'), draftPath };
}

const check = (file) => {
  try {
    execFileSync(crumbsBin, ['check', file], { encoding: 'utf8' });
    return 0;
  } catch (e) {
    return e.status;
  }
};
/** Each vendor with where its requests came from: `page`, `frame <path>` or `<worker kind> <path>`. */
const origins = (json) => Object.fromEntries(json.vendors.map((v) => [v.name, [...new Set(v.requests.map((r) =>
  r.frame ? `frame ${new URL(r.frame).host.split(':')[0]}${new URL(r.frame).pathname}` : r.worker ? `${r.worker.kind} ${new URL(r.worker.url).pathname}` : 'page'))].sort()]));
const ALL = ['no-decision', 'reject-all', 'accept-all'];

test('scan: the requests, storage and cookies of frames and workers are found and attributed; off-site forms are flagged', async () => {
  const s = await scan('/test/scan-frames/index.html');
  const F = '/test/scan-frames/';
  assert.deepEqual(origins(s.json), {
    Meta: [`frame 127.0.0.1${F}frame.html`],
    'Google Tag Manager': [`frame frames.example.co.uk${F}third-party-frame.html`],
    // The cross-site frame's own document and script: a third party crumbs does not know.
    'frames.example.co.uk': [`frame frames.example.co.uk${F}third-party-frame.html`],
    Mixpanel: [`worker ${F}worker.js`],
    'tracker.unknown-vendor.example': [`shared_worker ${F}shared-worker.js`],
    Hotjar: [`service_worker ${F}service-worker.js`],
  });
  // Before any decision too: nothing here is gated.
  for (const v of s.json.vendors) assert.deepEqual([...new Set(v.requests.map((r) => r.state))], ALL, v.name);

  const frames = Object.fromEntries(s.json.frames.map((f) => [new URL(f.url).host.split(':')[0] + new URL(f.url).pathname, f]));
  assert.deepEqual(Object.keys(frames).sort(), [`127.0.0.1${F}frame.html`, `frames.example.co.uk${F}third-party-frame.html`]);
  assert.equal(frames[`127.0.0.1${F}frame.html`].third_party, false);
  assert.equal(frames[`frames.example.co.uk${F}third-party-frame.html`].third_party, true);
  assert.deepEqual(frames[`127.0.0.1${F}frame.html`].storage, ['frame_key']);
  assert.deepEqual(frames[`frames.example.co.uk${F}third-party-frame.html`].storage, ['third_party_frame_key']);
  // The same-origin frame's key is the site's own storage; the cross-site frame's is its own
  // (partitioned), and its draft entry names that third party.
  const storage = Object.fromEntries(s.json.storage.map((x) => [x.name, x]));
  assert.equal(storage.frame_key.top, true);
  assert.equal(storage.third_party_frame_key.top, false);
  assert.deepEqual(storage.third_party_frame_key.frames.map((u) => new URL(u).host.split(':')[0]), ['frames.example.co.uk']);

  const workers = Object.fromEntries(s.json.workers.map((w) => [w.kind, w]));
  assert.deepEqual(Object.keys(workers).sort(), ['service_worker', 'shared_worker', 'worker']);
  assert.deepEqual(workers.service_worker.cookies, ['sw_cookie']);
  assert.ok(workers.worker.storage.includes('cache:worker-cache'));
  const swCookie = s.json.cookies.find((c) => c.name === 'sw_cookie');
  assert.deepEqual(swCookie.workers.map((w) => w.kind), ['service_worker']);

  const forms = s.json.forms.map((f) => ({ to: f.actions.map((a) => new URL(a).host.split(':')[0]), off: f.off_site.length > 0, vendors: f.vendors, personal: f.personal_fields, hidden: f.hidden_fields, frame: f.frame && new URL(f.frame).pathname }));
  const byHost = (h) => forms.find((f) => f.to.includes(h));
  assert.deepEqual(byHost('forms.hubspot.com'), { to: ['forms.hubspot.com'], off: true, vendors: ['HubSpot Forms'], personal: ['email', 'firstname'], hidden: ['hutk'], frame: null });
  assert.deepEqual(byHost('forms.unknown-vendor.example'), { to: ['forms.unknown-vendor.example'], off: true, vendors: [], personal: ['phone'], hidden: [], frame: null });
  assert.deepEqual(byHost('www.facebook.com'), { to: ['www.facebook.com'], off: true, vendors: ['Meta'], personal: ['em'], hidden: [], frame: `${F}frame.html` });
  // The site's own form is off site only through its "Share" button's formaction.
  assert.deepEqual(byHost('127.0.0.1'), { to: ['127.0.0.1', 'connect.facebook.net'], off: true, vendors: ['Meta'], personal: [], hidden: [], frame: null });
  assert.equal(forms.length, 4);

  // The report shows them, as text; the draft still passes check.
  for (const h of ['<h2>Frames</h2>', '<h2>Workers</h2>', '<h2>Forms</h2>', 'service worker', 'third_party_frame_key', 'HubSpot Forms']) assert.ok(s.html.includes(h), h);
  assert.doesNotMatch(s.html, /<script|<link|\ssrc=|url\(/i);
  assert.equal(check(s.draftPath), 0);
  const draft = JSON.parse(readFileSync(s.draftPath, 'utf8'));
  const tpKey = draft.categories.flatMap((c) => c.cookies).find((d) => d.name === 'third_party_frame_key');
  assert.equal(tpKey.provider.split(':')[0], 'frames.example.co.uk');
});

test('scan of the control: the same tracker from the top page, no frame, no worker, no off-site form', async () => {
  const s = await scan('/test/scan-frames/control.html');
  assert.deepEqual(origins(s.json), { Mixpanel: ['page'] });
  assert.deepEqual([s.json.frames, s.json.workers], [[], []]);
  assert.deepEqual(s.json.forms.map((f) => [f.off_site, f.fields]), [[[], ['q']]]);
  assert.ok(s.html.includes('<p>No frames.</p>') && s.html.includes('<p>No workers.</p>'));
});

test('audit: requests from frames and workers before any decision fail it, each named with where it came from; off-site forms are listed', async () => {
  const a = await crumbs(['audit', site.url('/test/scan-frames/index.html'), '--json']);
  assert.equal(a.status, 1, a.stdout);
  const audit = JSON.parse(a.stdout);
  const early = audit.violations.filter((v) => v.state === 'no-decision' && v.kind === 'request');
  const from = (provider) => [...new Set(early.filter((v) => v.provider === provider).map((v) => v.from && v.from.replace(/ http\S+\/test\/scan-frames\//, ' ').replace(/\?.*/, '')))];
  assert.deepEqual(from('Meta'), ['frame frame.html']);
  assert.deepEqual(from('Google Tag Manager'), ['frame third-party-frame.html']);
  assert.deepEqual(from('Mixpanel'), ['worker worker.js']);
  assert.deepEqual(from('Hotjar'), ['service_worker service-worker.js']);
  assert.deepEqual(from('tracker.unknown-vendor.example'), ['shared_worker shared-worker.js']);
  // The cross-site frame's storage key needs consent too (crumbs cannot classify it).
  assert.ok(audit.violations.some((v) => v.kind === 'localStorage' && v.what === 'third_party_frame_key' && /^frame http:\/\/frames\.example\.co\.uk:/.test(v.from)));
  assert.equal(audit.off_site_forms.length, 4);
  assert.ok(audit.off_site_forms.some((l) => l.includes('https://forms.hubspot.com/uploads/form/v2/1/2 (HubSpot Forms); asks for email, firstname')), audit.off_site_forms.join('\n'));
  const text = await crumbs(['audit', site.url('/test/scan-frames/index.html')]);
  assert.match(text.stdout, /request https:\/\/cdn\.mxpnl\.com:\d+\/track\?n=worker \(performance, Mixpanel\) on \S+, from worker \S+worker\.js/);
  assert.match(text.stdout, /forms that send what visitors type to a third party: 4\n/);

  // The control fails on its top-page tracker alone, with no frame or worker named.
  const c = JSON.parse((await crumbs(['audit', site.url('/test/scan-frames/control.html'), '--json'])).stdout);
  assert.deepEqual([...new Set(c.violations.filter((v) => v.kind === 'request').map((v) => v.provider))], ['Mixpanel']);
  // (and on the cookie that tracker sets in the top page)
  assert.ok(c.violations.some((v) => v.kind === 'cookie' && v.what === 'zoo_top'));
  assert.deepEqual(c.violations.filter((v) => v.from !== null), []);
  assert.deepEqual(c.off_site_forms, []);
});

test('with crumbs holding the frames and the script that starts the workers, the audit passes; they appear after "Accept all"', async () => {
  const a = await crumbs(['audit', site.url('/test/scan-frames/gated.html'), '--json']);
  const audit = JSON.parse(a.stdout);
  assert.equal(a.status, 0, a.stdout);
  assert.deepEqual([audit.violations, audit.page_errors, audit.failed_after_accept], [[], [], []]);
  const s = await scan('/test/scan-frames/gated.html');
  // The same vendors as index.html's, from the same frames and workers, after "Accept all" only.
  assert.deepEqual(Object.keys(origins(s.json)).sort(), ['Google Tag Manager', 'Hotjar', 'Meta', 'Mixpanel', 'frames.example.co.uk', 'tracker.unknown-vendor.example']);
  for (const v of s.json.vendors) assert.deepEqual([...new Set(v.requests.map((r) => r.state))], ['accept-all'], v.name);
  assert.deepEqual(s.json.frames.map((f) => f.states), [['accept-all'], ['accept-all']]);
  assert.deepEqual(s.json.workers.map((w) => [w.kind, w.states]), [['service_worker', ['accept-all']], ['shared_worker', ['accept-all']], ['worker', ['accept-all']]]);
});
