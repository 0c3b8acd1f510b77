// Runs after config.js (main.js).
import { cfg, domReady } from './config.js';
import { parsed } from './first-paint.js';
import { cookies } from './cookies.js';
import { wanted, want, parts } from './core.js';

// Work a page has for the full core before the visitor decides: a GPC signal to record,
// embeds to give placeholders, cookie tables to fill, and gated elements that may run without
// a decision (strictly necessary ones, unknown conditions to report, and services, whose
// category only the config knows). Scripts the pre-blocker holds and cookies that may need
// erasing are caught where they appear.
function pageNeedsCore() {
  if (navigator.globalPrivacyControl === true) return true;
  if (document.querySelector('iframe[data-src], [data-crumbs-table], script[type="text/plain"][data-service]')) return true;
  return Array.prototype.some.call(document.querySelectorAll('script[type="text/plain"][data-category]'), function (el) {
    return !RegExp(WAITS).test(el.getAttribute('data-category'));
  });
}
export function wantIfPageNeedsCore() { if (!wanted && pageNeedsCore()) want(); }
// The cookie names (or prefixes ending in '*': src/config.rs) config `c` declares strictly
// necessary.
function necessaryCookies(c) {
  var names = [];
  [].concat(c && c.categories || []).forEach(function (cat) {
    if (cat && cat.id === 'necessary') [].concat(cat.cookies || []).forEach(function (k) { if (k && typeof k.name == 'string') names.push(k.name); });
  });
  return names;
}
// Whether one of the cookies `names` may be one for the full core to erase or report: any not
// in `necessary` but crumbs' own, unless the decision module's decision refused nothing (then
// nothing is to be erased). Storage keys wait for the full core: unlike cookies, they travel
// to no server.
function leftovers(necessary, names) {
  if (parts.decided && !parts.decided.refused.length) return false;
  return names.some(function (name) {
    if (name === CONSENT_COOKIE) return false;
    return !necessary.some(function (n) { return n === name || (/\*$/.test(n) && name.indexOf(n.slice(0, -1)) === 0); });
  });
}

var necessary = cfg.then(function (c) { return necessaryCookies(parsed(c[0])); });
// The cookies there now, and those set later.
Promise.all([necessary, cookies]).then(function (r) { if (leftovers(r[0], r[1])) want(); });
if (window.cookieStore) {
  cookieStore.addEventListener('change', function (e) {
    necessary.then(function (n) { if (leftovers(n, e.changed.map(function (k) { return k.name; }))) want(); });
  });
}
// Tags parsed before this script are not in the watch above.
domReady().then(wantIfPageNeedsCore);
