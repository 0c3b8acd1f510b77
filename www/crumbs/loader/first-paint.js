// Runs after decide.js (main.js).
import { decideNow, fetchDecide } from './decide.js';
import { returning } from './cookies.js';
import { want } from './core.js';
import { cfg, domReady } from './config.js';
import { languageTexts } from './wording.js';
import { whenBody } from './pre-blocker.js';
import { yieldTask, hooks } from './hooks.js';
import { putString, readString } from './raw-strings.js';

// The first-paint module (src/web/first_paint.rs) is in the built loader: the build puts its
// bytes in the string below, one character per byte (the file starts with a byte-order mark, so it is read
// as UTF-8 whatever the server says). Unbuilt, the string is no module and the full core draws
// the banner. The module has no generated glue: these imports and its exports are its whole
// interface. Strings cross as UTF-8 in its memory; elements are numbered, 0 the root. It has
// no JSON reader either: the config and the language file are parsed here and their string
// members handed over one by one.
var fp, els = [], code;
function text(p, n) { return readString(fp, p, n); }
// Calls export f with each string argument as (pointer, length).
function call(f) {
  var a = [];
  for (var i = 1; i < arguments.length; i++) a.push.apply(a, putString(fp, arguments[i]));
  return f.apply(null, a);
}
export function parsed(json) { if (json) try { return JSON.parse(json.replace(/^\ufeff/, '')); } catch (e) {} }
// f(key, value) for each string member of an object (own members only: a page's additions to
// Object.prototype are not config).
export function strings(o, f) {
  if (o && typeof o == 'object') Object.keys(o).forEach(function (k) { if (typeof o[k] == 'string') f(k, o[k]); });
}
// The module is small enough to compile at once, in this task, rather than wait for a task
// the compiler posts (behind the parser's); a browser that refuses (older Chromium, above
// 4 KB) compiles it in the background.
function instantiateNow(bytes, imports) {
  try {
    return Promise.resolve(new WebAssembly.Instance(new WebAssembly.Module(bytes), imports));
  } catch (e) {
    return WebAssembly.instantiate(bytes, imports).then(function (r) { return r.instance; });
  }
}
// Called once, then let go: V8 keeps a string literal as long as the code of its function.
// Character codes to bytes natively where the browser can (btoa reads one byte per
// character): a loop over every byte takes milliseconds in the interpreter.
var firstPaintModule = function () {
  var s = '__FIRST_PAINT_WASM__', b;
  if (Uint8Array.fromBase64) return Uint8Array.fromBase64(btoa(s));
  b = new Uint8Array(s.length);
  for (var i = 0; i < s.length; i++) b[i] = s.charCodeAt(i);
  return b;
};
var firstPaint = returning.then(function (r) {
  var bytes = !r && firstPaintModule();
  firstPaintModule = null;
  // No first paint for a returning visitor: the chain below goes straight to the full core.
  if (r) throw 0;
  return instantiateNow(bytes, { crumbs: {
    root: function (tp, tn, cp, cn) {
      var host = document.createElement('crumbs-consent');
      host.id = 'crumbs';
      host.setAttribute('data-theme', text(tp, tn));
      // Marks it for the full core, which replaces it.
      host.setAttribute('data-crumbs-first-paint', '');
      // Inline !important beats any site stylesheet, so page CSS cannot hide the host.
      host.style.setProperty('all', 'initial', 'important');
      host.style.setProperty('display', 'block', 'important');
      var root = host.attachShadow({ mode: 'open' });
      var sheet = new CSSStyleSheet();
      sheet.replaceSync(text(cp, cn));
      root.adoptedStyleSheets = [sheet];
      // "Accept all" and "Reject all" are decided here where they can be (decide.js); any other
      // click, or one the decision module leaves to the full core, becomes the window.crumbs
      // call it stands for, queued until the full core is in.
      root.addEventListener('click', function (e) {
        var b = e.target.closest('[data-action]'), call = b && BANNER_ACTIONS[b.getAttribute('data-action')];
        if (call && !decideNow(call, e.isTrusted)) window.crumbs[call]();
      });
      els = [root];
      document.body.appendChild(host);
    },
    element: function (parent, p, n) { return els.push(els[parent].appendChild(document.createElement(text(p, n)))) - 1; },
    attribute: function (id, kp, kn, vp, vn) { els[id].setAttribute(text(kp, kn), text(vp, vn)); },
    text: function (id, p, n) { els[id].append(text(p, n)); },
    language_file: function (p, n) { code = text(p, n); }
  } });
}).then(function (instance) { fp = instance.exports; });
firstPaint.catch(function () {});

// After the frame that shows the banner (or a moment later in a background tab, which
// gets no frames).
function painted() {
  return new Promise(function (r) { requestAnimationFrame(function () { setTimeout(r, 0); }); setTimeout(r, 250); });
}
Promise.all([firstPaint, cfg])
  .then(function (r) {
    var c = parsed(r[1][0]), texts = c && c.texts, regions = c && c.regions;
    strings(c, function (k, v) { call(fp.fp_field, k, v); });
    // Each region's allowByDefault items (config::banner_settings walks them the same way),
    // then the tag's data-region.
    if (regions && typeof regions == 'object') {
      Object.keys(regions).forEach(function (g) { strings((regions[g] || 0).allowByDefault, function (k, v) { call(fp.fp_field, 'regions.' + g, v); }); });
    }
    call(fp.fp_field, 'data-region', hooks.region || '');
    if (texts && typeof texts == 'object') {
      Object.keys(texts).forEach(function (l) { strings(texts[l], function (k, v) { call(fp.fp_text, l, k, v); }); });
    }
    call(fp.fp_language, document.documentElement.lang, (navigator.languages || []).join(','));
    // Drawn as soon as the parser has made a body to draw in, without waiting for the rest of
    // the page (or once it is parsed, if it never makes one); in a task of its own
    // (instantiating the module may have taken this one), which goes ahead of the page's
    // other work.
    var body = document.body || new Promise(function (r) { whenBody(r); domReady().then(r); });
    return Promise.all([languageTexts(code), body, yieldTask()]);
  })
  .then(function (r) {
    strings(parsed(r[0]), function (k, v) { call(fp.fp_shipped, k, v); });
    fp.fp_draw(navigator.globalPrivacyControl === true ? 1 : 0);
    // Focus forces style and layout, the page's first ones as likely as not: left until the
    // frame that shows the banner has done them, so the focus only restyles the button.
    return painted();
  })
  .then(function () {
    if (els[1]) els[1].focus({ preventScroll: true });
    // Drawn: the module is done with. The banner forwards clicks without it.
    fp = null;
    els = [];
  }, function () {
    // No first paint (a returning visitor, or the module failed): the full core draws.
    want();
  })
  // The decision module, fetched and compiled now, so that the click is decided at once.
  .then(function () { fetchDecide(); });
