// Runs after page.js (main.js).
import './page.js';
import { parts, wanted, started, want, dist, compileWasm } from './core.js';
import { putString, readString } from './raw-strings.js';
import { hooks } from './hooks.js';
import { roots } from './pre-blocker.js';
import { shipped } from './wording.js';

// The decision module (src/web/decide.rs): a first visit's "Accept all" and "Reject all",
// decided by the same Rust config reading and session as the full core's, and carried out
// here, so a visitor who only accepts or rejects never downloads the full core. It is fetched
// at the visitor's first reach for the banner (first-paint.js), in place of the full core, and
// asked at once to decide (its effects dropped), which also says whether the config is sound
// (one with errors starts the full core, which reports them and fails closed). Each decision
// runs on a throwaway instance: no wasm memory stays behind.
var module, fetching;
export function fetchDecide() {
  return fetching || (fetching = compileWasm(dist + 'crumbs-decide.wasm').then(function (m) {
    module = m;
    // A click waiting for it is decided at once: its run reads the config as the check would.
    if (waiting) return;
    // Both decisions rehearsed, their effects dropped: the browser compiles a module's functions
    // at their first call, which would otherwise land between the click and the release. The
    // first is the check too: a config with errors, or a page the full core must judge, gets no
    // decision from it ('0'), and starts the full core.
    var categories = gatedScripts().map(category);
    if ((run('accept', false, categories) || '0')[0] !== '1') return want();
    run('reject', false, categories);
  }, function () {
    // Without it the clicks go to the full core.
  }));
}
// The module's answer to `action` (see dm_decide), or undefined if it could not run.
function run(action, byVisitor, categories) {
  try {
    var x = new WebAssembly.Instance(module, {}).exports, queue = '';
    var random = Array.prototype.map.call(crypto.getRandomValues(new Uint8Array(16)), function (b) { return (b | 256).toString(16).slice(1); }).join('');
    try { queue = localStorage.getItem(LOG_QUEUE) || ''; } catch (e) {}
    var c = putString(x, parts.config[0] || ''), w = putString(x, shipped || ''), f = putString(x, [action, byVisitor ? 1 : 0, Math.floor(Date.now() / 1000), random,
      location.origin + location.pathname, document.documentElement.lang, (navigator.languages || []).join(','),
      location.protocol == 'https:' ? 1 : 0, hooks.region || '', categories.join('\t'), queue].join('\n'));
    var out = x.dm_decide(c[0], c[1], w[0], w[1], f[0], f[1]);
    return readString(x, out + 4, new DataView(x.memory.buffer).getUint32(out, true));
  } catch (e) {}
}
// The banner's `call`: "Accept all" or "Reject all" clicked before the decision module is in
// waits for it (asked for now if no reach came first), so the visitor's click is decided, and
// logged, as theirs; anything else, or what the module leaves, is the window.crumbs call it
// stands for, queued until the full core is in. Clicks while one waits are dropped: they would
// decide again.
var waiting;
export function bannerClick(call, byVisitor) {
  if (waiting) return;
  if (!module && !wanted && !started && (call == 'acceptAll' || call == 'rejectAll')) {
    waiting = true;
    return void fetchDecide().then(function () { waiting = false; decideOrQueue(call, byVisitor); });
  }
  decideOrQueue(call, byVisitor);
}
function decideOrQueue(call, byVisitor) {
  if (!decideNow(call, byVisitor)) window.crumbs[call]();
}
// Decides the banner's `call` here if this is such a first visit: nothing has wanted the full
// core (no Global Privacy Control signal, held scripts, embeds, tables, services, leftover
// cookies or caller of window.crumbs: page.js) and any consent signal's default was sent
// first. Returns whether it did. The gated scripts are those of every document and shadow root
// the pre-blocker watches, as the full core's.
export function decideNow(call, byVisitor) {
  var action = { acceptAll: 'accept', rejectAll: 'reject' }[call];
  if (!action || !module || wanted || started || !parts.config || parts.config[1] !== undefined) return false;
  var gated = gatedScripts(), out = run(action, byVisitor, gated.map(category));
  var l = out ? out.split('\n') : [];
  if (l[0] !== '1' || (l[2] && !hooks.googleDefaultSent) || (l[3] && !hooks.microsoftDefaultSent)) return false;
  var endpoint = l[6], queue = l.slice(8).join('\n');
  // The entry first: where storage is refused, the full core decides (it keeps the entry in
  // memory and sends it).
  if (endpoint) try { localStorage.setItem(LOG_QUEUE, queue); } catch (e) { return false; }
  // The consent cookie's writes (consent::consent_cookie_write): with a cookieDomain the
  // browser may refuse (a public suffix), then the decision holds on this host alone.
  var c = l[1].split('\t');
  document.cookie = c[0];
  if (c[1]) {
    document.cookie = c[1];
    if (document.cookie.split('; ').indexOf(c[2]) < 0) { console.error('crumbs: ' + c[4]); document.cookie = c[3]; }
  }
  if (l[2]) hooks.gtag('consent', 'update', JSON.parse(l[2]));
  if (l[3]) (window.uetq = window.uetq || []).push('consent', 'update', JSON.parse(l[3]));
  parts.decided = JSON.parse(l[4]);
  // Decided once: its compiled code (over 100 KB outside the JS heap) can go.
  module = null;
  hooks.release(gated.filter(function (el, i) { return l[5][i] === '1'; }));
  // After the release: the banner goes in the same task, so in the same frame, and the scripts
  // the visitor allowed do not wait for its removal.
  var banner = document.getElementById('crumbs');
  if (banner) banner.remove();
  document.dispatchEvent(new CustomEvent('crumbs:consent', { detail: parts.decided }));
  if (endpoint) deliver(endpoint, l[7], queue);
  return true;
}
function gatedScripts() {
  var gated = [];
  roots.forEach(function (root) { gated.push.apply(gated, root.querySelectorAll('script[type="text/plain"][data-category]')); });
  return gated;
}
function category(el) { return el.getAttribute('data-category'); }
// The queue goes in one POST (kept alive past the page) when it fits in one. Only a 2xx
// (consent_log::settle's Delivered) empties it, and only if it is still what was sent; any
// other answer, a dead endpoint or a queue that takes more is the full core's (retries with
// backoff, the beacon, what a refusal drops), which then comes once the released scripts are in.
function deliver(url, body, queue) {
  var full = function () { hooks.later(function () { want(); }, 'background'); };
  if (!body) return full();
  fetch(url, { method: 'POST', body: body, keepalive: true, headers: { 'Content-Type': LOG_CONTENT_TYPE } }).then(function (r) {
    try {
      if (r.ok && localStorage.getItem(LOG_QUEUE) === queue) return localStorage.removeItem(LOG_QUEUE);
    } catch (e) {}
    full();
  }, full);
}
