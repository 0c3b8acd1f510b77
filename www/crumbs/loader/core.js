// Runs after cookies.js (main.js).
import { returning } from './cookies.js';
import { here } from './script-tag.js';
import { languageTexts } from './wording.js';
import { queue } from './api.js';
import { hooks } from './hooks.js';

// The full core: fetched, compiled and started here; want() says there is work for it.
export var core = null;
// want() says there is work for the full core: it is fetched, and starts as soon as it is in
// hand (begin(), below). What wants it: a returning visitor, any use of window.crumbs (the
// banner's buttons but a decision the decision module makes), a script or iframe held here,
// pageNeedsCore(), leftovers(), a config the decision module finds missing, no JSON or with
// errors (the full core reports it), and a decision of the decision module whose POST to the
// consent log failed (decide.js: deliver). `parts` collects what begin() needs (and `decided`,
// that decision's summary, until the full core is in); `got`, crumbs' wording by language file.
// `now`: wanted by someone waiting (the visitor, a caller of window.crumbs), so started in
// this very task if it can be; otherwise the start takes a task of its own.
export var wanted = false, now = false, parts = {}, got = {}, started = false;
export function want(waiting) {
  if (wanted) return;
  wanted = true;
  now = !!waiting;
  fetchCore();
  begin();
  now = false;
}
export var dist = here + 'dist/';
// The wasm module at `url`, compiled as it downloads; from the whole file (the HTTP cache's
// copy) where the server does not label it application/wasm, which compiling as it downloads
// requires.
export function compileWasm(url) {
  return fetch(url).then(function (r) {
    if (!r.ok) throw new Error('HTTP ' + r.status + ' for ' + url);
    return WebAssembly.compileStreaming(r).catch(function () {
      return fetch(url).then(function (again) { return again.arrayBuffer(); }).then(WebAssembly.compile);
    });
  });
}
// The full core: its glue and its compiled wasm, fetched in parallel, once.
var full;
export function fetchCore() {
  if (full) return;
  var wasm = compileWasm(dist + 'crumbs_bg.wasm');
  // A failure is reported once, where the full core is started; this only stops the browser
  // from also calling it an unhandled rejection before that handler is attached.
  wasm.catch(function () {});
  full = Promise.all([import(dist + 'crumbs.js'), wasm]);
  // Unless it starts now, its code is compiled ahead (dist/crumbs.js, compileAhead). That
  // rehearsal also validates the config: one that is missing, no JSON or has errors, or a
  // rehearsal that failed, starts the full core, which reports and fails closed.
  full.then(function (r) {
    parts.core = r;
    begin();
    if (started) return;
    // The start reads the consent cookie. A first read of document.cookie asks the browser's
    // cookie store (0.5 ms at 1x, measured); a later one, with no cookie changed since, is
    // answered by the renderer itself (Chromium's shared-memory versioning). So it is read
    // once now, while no one waits, rather than first at the visitor's pointer.
    void document.cookie;
    r[0].compileAhead(r[1], parts.config, hooks.later) || want();
  }, failed);
}
returning.then(function (r) { if (r) { want(); fetchCore(); } });

// ---- Full core start -----------------------------------------------------------------------
// The full core starts once it is wanted and what it needs is in hand (its glue and compiled
// wasm, the config, crumbs' wording in the visitor's language, the parsed document): in the
// task that wanted it or brought the last part. A visitor reaching for the banner thus has
// the core in before their click comes. start() returns once the API works (the allowed
// scripts have started); the rest of the takeover follows in short tasks, then the core calls
// hooks.ready().
export function begin() {
  if (started || !wanted || !parts.core || !parts.config) return;
  var m = parts.core[0], c = parts.config, code;
  try {
    if (!parts.instance) {
      try {
        m.initSync({ module: parts.core[1] });
      } catch (e) {
        // A browser that will not instantiate it in this task does so in the background.
        if (!parts.later) parts.later = m.default({ module_or_path: parts.core[1] }).then(function () { parts.instance = true; begin(); }, failed);
        return;
      }
      parts.instance = true;
    }
    code = m.languageFile(c[0]);
    if (code && !(code in got)) return void languageTexts(code).then(function (t) { got[code] = t; begin(); });
    if (!parts.parsed) return;
    // Instantiating it and reading the config took this task: unless someone is waiting, the
    // start takes the next (short tasks, not one long one).
    if (!now && !parts.split) {
      parts.split = true;
      return void hooks.later(begin);
    }
    started = true;
    m.start(c[0], c[1], code && got[code], hooks);
    core = m;
    queue.splice(0).forEach(function (q) { m[q[0]].apply(null, q[1]); });
  } catch (e) {
    failed(e);
  }
}
function failed(e) {
  started = true;
  console.error('crumbs: could not start the consent manager (' + e + '); every non-essential script stays blocked.');
}
