// Runs after core.js (main.js).
import { core, want, parts } from './core.js';

// window.crumbs, the page's API.
export var queue = [];
export var resolveReady;
var ready = new Promise(function (r) { resolveReady = r; });

// Any use of the API starts the full core (at once, if it is in hand). Calls that change
// state are queued until it is ready; queries answer "no consent" until then.
function queued(name) {
  return function () {
    if (core) return core[name].apply(null, arguments);
    queue.push([name, Array.prototype.slice.call(arguments)]);
    want(true);
  };
}
// Until then, a decision made by the decision module (decide.js: parts.decided) answers.
function query(name, before) {
  return function (a) {
    want(true);
    return core ? core[name](String(a)) : typeof before == 'function' ? before(a) : before;
  };
}
window.crumbs = {
  get ready() { want(true); return ready; },
  show: queued('show'),
  showPreferences: queued('showPreferences'),
  acceptAll: queued('acceptAll'),
  rejectAll: queued('rejectAll'),
  doNotSell: queued('doNotSell'),
  accept: function (categories) { return queued('accept')(Array.prototype.slice.call(categories || [])); },
  getConsent: query('getConsent', function () { return parts.decided || null; }),
  hasConsent: query('hasConsent', function (c) { return parts.decided ? parts.decided.granted.indexOf(c) >= 0 : c === 'necessary'; }),
  hasService: query('hasService', false),
  // For the opt-in network guard (network-guard.js): undefined until the core can judge.
  allowsUrl: query('urlAllowed'),
  errors: function () { return query('errors', [])(); },
  unclassified: function () { return query('unclassified', [])(); }
};
// Links and buttons marked data-crumbs-open reopen the preferences; data-crumbs-do-not-sell
// ("Do not sell or share my personal information", in a footer) refuses targeting: through
// the API until the full core is in, which then hears those clicks itself (a visitor's own
// click is then logged as theirs).
document.addEventListener('click', function (e) {
  var control = e.target.closest && e.target.closest('[data-crumbs-open],[data-crumbs-do-not-sell]');
  var prefs = control && control.hasAttribute('data-crumbs-open');
  if (prefs || (control && !core)) {
    e.preventDefault();
    window.crumbs[prefs ? 'showPreferences' : 'doNotSell']();
  }
});
