// Runs after script-tag.js, before anything else (main.js: each module imports first the one
// that runs before it).
import { tag, here } from './script-tag.js';
import { core, want } from './core.js';
import { wantIfPageNeedsCore } from './page.js';

// ---- Pre-blocker -------------------------------------------------------------------------
// The wasm core loads asynchronously, so this part runs synchronously, first: every
// third-party element that would load code or a page (script, SVG script, iframe, object,
// embed, link rel=preload/modulepreload/prefetch) is held until the core has classified its
// URL and the consent allows it: scripts become inert gated scripts, the others lose their URL
// (kept as data-src). Same-origin ones pass; so do elements crumbs itself activates
// (data-crumbs-activated). The page's same-origin frames and shadow roots get the same watch.
var HELD = 'data-crumbs-held', SVG = 'http://www.w3.org/2000/svg';
var setAttr = Element.prototype.setAttribute;
var html = Object.getOwnPropertyDescriptor(Element.prototype, 'innerHTML');
// Trusted Types: crumbs' own policy, which a site that enforces them lists in its CSP
// (`trusted-types crumbs`). It only wraps what the page handed over: markup the page's own
// policy made, and the scripts crumbs releases (the full core gets it as hooks.policy).
export var tt = window.trustedTypes, policy, pass = function (s) { return s; };
try { policy = tt && tt.createPolicy('crumbs', { createHTML: pass, createScriptURL: pass, createScript: pass }); }
catch (e) { console.error('crumbs: add "crumbs" to the trusted-types directive of the Content-Security-Policy'); }
// The documents and shadow roots watched here, page first: the full core looks for held
// elements in each (hooks.roots).
export var roots = [];
// The first script of a srcdoc frame crumbs rewrote: it hands the frame's realm over here
// before the frame's own scripts run (www/crumbs/crumbs-frame.js).
var FRAME_TAG = '<script src="' + here + 'crumbs-frame.js"></script>';

// The attribute `el` loads from, or undefined if it loads no code or page.
function attrOf(el) {
  if (el.namespaceURI === SVG) return el.localName === 'script' ? 'href' : undefined;
  // modulepreload, preload, prefetch (not preconnect: it fetches nothing).
  if (el.localName === 'link') return /pre(load|fetch)/i.test(el.getAttribute('rel')) ? 'href' : undefined;
  return { script: 'src', iframe: 'src', embed: 'src', object: 'data' }[el.localName];
}
// Elements that may load something (attrOf() decides); `[*|href]` is an SVG script's href or
// xlink:href.
var LOADS = 'script[src], script[*|href], iframe[src], embed[src], object[data], link[href][rel*=pre i]';
// `el`'s URL as its markup gives it (an SVG script's may be xlink:href).
function urlOf(el) {
  var a = attrOf(el);
  return a === 'href' && el.href && el.href.baseVal != null ? el.href.baseVal : a && el.getAttribute(a);
}
// A URL as the browser would fetch it: absolute, against its document's base URL (the page's
// for inert documents such as a template's), or the text itself if it is no URL.
function absolute(src, el) {
  var d = el.ownerDocument;
  try { return new URL(src, d.defaultView ? d.baseURI : document.baseURI).href; } catch (e) { return src; }
}
function passes(el, abs) {
  if (el.hasAttribute('data-crumbs-activated')) return true;
  // A serialized URL starts with the page's origin and a slash only if it is same-origin.
  if (/^(data|javascript|blob):/i.test(abs)) return false;
  if (abs.indexOf(location.origin + '/') === 0 || /^about:/i.test(abs)) return true;
  return !!core && core.urlAllowed(abs);
}
// Holds `el`, about to load `src`, unless it passes; true if it was held.
function hold(el, src) {
  if (!attrOf(el) || src == null || src === '') return false;
  var abs = absolute(String(src), el);
  if (passes(el, abs)) return false;
  mark(el, abs);
  return true;
}
// Marks `el` held, with `abs`, its absolute URL, kept aside until it is released; the held
// mark names the attribute the full core gives the URL back to.
function mark(el, abs) {
  var a = attrOf(el);
  setAttr.call(el, HELD, a);
  setAttr.call(el, 'data-src', abs);
  el.removeAttribute(a);
  if (el.localName === 'script') {
    var t = el.getAttribute('type');
    if (t && t !== 'text/plain') setAttr.call(el, 'data-type', t);
    setAttr.call(el, 'type', 'text/plain');
  }
  if (core) queueMicrotask(core.adoptHeld);
  // It may be strictly necessary: only the full core can tell.
  want();
}
// Holds what `root` (parsed markup, a template's content) would load, templates' contents and
// srcdoc frames included; true if it changed anything.
function holdIn(root) {
  var changed = false;
  root.querySelectorAll(LOADS + ', template, iframe[srcdoc]').forEach(function (el) {
    if (el.localName === 'template') changed = holdIn(el.content) || changed;
    else if (el.hasAttribute('srcdoc')) {
      var m = el.getAttribute('srcdoc');
      if (m.indexOf(FRAME_TAG)) { setAttr.call(el, 'srcdoc', rewrite(policy ? policy.createHTML(m) : m, true)); changed = true; }
    }
    if (hold(el, urlOf(el))) changed = true;
  });
  return changed;
}
// Markup from document.write, innerHTML and the like would start loading as it is inserted:
// it is parsed inertly in a template first, and what it names is held. A srcdoc frame's
// markup (`frame`) that has scripts also gets crumbs' frame script first. Markup a page
// enforcing Trusted Types may not use (a string, not its policy's) is handed back untouched:
// the browser refuses it as it would without crumbs.
function rewrite(v, frame) {
  var s = String(v), t = document.createElement('template');
  var out = policy && tt.isHTML(v) ? policy.createHTML.bind(policy) : String;
  try { html.set.call(t, out(s)); } catch (e) { return v; }
  var changed = holdIn(t.content);
  if (frame && /<script/i.test(s) && s.indexOf(FRAME_TAG)) return out(FRAME_TAG + html.get.call(t));
  return changed ? out(html.get.call(t)) : v;
}

// Hooks a neighbour's frozen or locked prototypes refused, reported once (guard()); the ones
// installed, checked when something gets past them (catchLate()).
var refused = [], installed = [];
// Replaces `obj[key]`'s `part` ('get', 'set' or 'value') with make(the old one).
function patch(obj, key, part, make) {
  var d = obj && Object.getOwnPropertyDescriptor(obj, key);
  if (!d) return;
  d[part] = make(d[part]);
  try { Object.defineProperty(obj, key, d); installed.push([obj, key, part, d[part]]); } catch (e) { if (refused.indexOf(key) < 0) refused.push(key); }
}
// The first hook a neighbour has replaced since, if any.
function replaced() {
  for (var i = 0, h; (h = installed[i]); i++) if ((Object.getOwnPropertyDescriptor(h[0], h[1]) || {})[h[2]] !== h[3]) return h[1];
}
// The prototypes below are made by the browser only once page code first uses them, and each
// costs tens of KB of heap: they are patched as the page first makes such an object
// (createElement, createRange, attachShadow). One reached another way falls back to the watch.
var LATER = { object: 'data', embed: 'src', link: 'href' };
function once(proto, install) { if (!guarded.has(proto)) guarded.add(proto), install(proto); }
// A URL property (`src`, `data`, `href`) that holds what it would load.
function urlProperty(p, k) {
  once(p, function () {
    patch(p, k, 'get', function (get) { return function () { return this.hasAttribute(HELD) ? this.getAttribute('data-src') : get.call(this); }; });
    patch(p, k, 'set', function (set) { return function (v) { if (!hold(this, v)) set.call(this, v); }; });
  });
}
// A markup property (`innerHTML`, `outerHTML`): [prototype, name].
function markupProperty(p) {
  patch(p[0], p[1], 'set', function (set) { return function (v) { set.call(this, rewrite(v)); }; });
}
// A markup method: [prototype, name, which argument is the markup (write's are joined first)].
function markupMethod(p) {
  patch(p[0], p[1], 'value', function (f) {
    return function () {
      var a = p[2] == null ? [arguments.length === 1 ? arguments[0] : Array.prototype.join.call(arguments, '')] : Array.prototype.slice.call(arguments);
      a[p[2] || 0] = rewrite(a[p[2] || 0]);
      return f.apply(this, a);
    };
  });
}
// Documents and realms (by their Element.prototype) already guarded: a frame's navigation
// makes a new document, in a new realm or (from its first about:blank) in the same one.
var guarded = new WeakSet();
// Installs the pre-blocker in window `win`: the page's, then each same-origin frame's as it
// is reached (contentWindow, contentDocument, the watch, crumbs' frame script).
function guard(win) {
  var E = win.Element.prototype, doc = win.document, F = win.HTMLIFrameElement.prototype, S = win.HTMLScriptElement.prototype;
  if (guarded.has(doc)) return;
  guarded.add(doc);
  roots.push(doc);
  watch(doc);
  // What was held in it before (a srcdoc's markup) is judged by the core like any.
  if (core) queueMicrotask(core.adoptHeld);
  if (guarded.has(E)) return;
  guarded.add(E);
  try { Object.defineProperty(win, 'crumbsGuardFrame', { value: guard }); } catch (e) {}
  urlProperty(S, 'src');
  urlProperty(F, 'src');
  patch(win.Document.prototype, 'createElement', 'value', function (f) {
    return function () { var el = f.apply(this, arguments), k = LATER[el.localName]; if (k) urlProperty(Object.getPrototypeOf(el), k); return el; };
  });
  // A held script keeps its real type aside until released.
  patch(S, 'type', 'set', function (set) { return function (v) { if (this.hasAttribute(HELD)) setAttr.call(this, 'data-type', v); else set.call(this, v); }; });
  patch(F, 'srcdoc', 'set', function (set) { return function (v) { set.call(this, rewrite(v, true)); }; });
  // A same-origin frame's realm is guarded before page code can reach into it.
  ['contentWindow', 'contentDocument'].forEach(function (k) {
    patch(F, k, 'get', function (get) { return function () { enter(this); return get.call(this); }; });
  });
  patch(E, 'setAttribute', 'value', function (set) {
    return function (name, value) {
      var n = String(name).toLowerCase();
      if (n === attrOf(this) && hold(this, value)) return;
      if (this.localName === 'script' && n === 'type' && this.hasAttribute(HELD)) return setAttr.call(this, 'data-type', value);
      return set.call(this, name, n === 'srcdoc' && this.localName === 'iframe' ? rewrite(value, true) : value);
    };
  });
  patch(E, 'setAttributeNS', 'value', function (set) {
    return function (ns, name, value) {
      if (String(name).replace(/^.*:/, '').toLowerCase() !== attrOf(this) || !hold(this, value)) return set.apply(this, arguments);
    };
  });
  [[E, 'innerHTML'], [E, 'outerHTML']].forEach(markupProperty);
  [[E, 'setHTMLUnsafe', 0], [E, 'insertAdjacentHTML', 1], [win.Document.prototype, 'write'], [win.Document.prototype, 'writeln']].forEach(markupMethod);
  patch(win.Document.prototype, 'createRange', 'value', function (f) {
    return function () {
      var r = f.apply(this, arguments);
      // Its scripts run when inserted.
      once(Object.getPrototypeOf(r), function (R) {
        patch(R, 'createContextualFragment', 'value', function (f) { return function () { var d = f.apply(this, arguments); holdIn(d); return d; }; });
      });
      return r;
    };
  });
  patch(E, 'attachShadow', 'value', function (f) {
    return function () {
      var r = f.apply(this, arguments);
      roots.push(r);
      watch(r);
      once(Object.getPrototypeOf(r), function (R) { markupProperty([R, 'innerHTML']); markupMethod([R, 'setHTMLUnsafe', 0]); });
      return r;
    };
  });
  if (refused.length) {
    console.error('crumbs: the page locked ' + refused.join(', ') + ' before crumbs ran' + LATE);
    refused = [];
  }
}
var LATE = ': third-party code is held only once inserted, and may be fetched';
// Guards a frame's realm if it is same-origin (another origin's throws on access).
function enter(frame) {
  try { var w = frameWindow.call(frame); if (w && w.document) guard(w); } catch (e) {}
}
var frameWindow = Object.getOwnPropertyDescriptor(HTMLIFrameElement.prototype, 'contentWindow').get;

// The watch: parser-inserted tags are caught as they arrive (the parser delivers mutations
// before it runs a script). A parser-inserted script is held before it runs, but the browser's
// preload scanner may already have fetched it: mark such tags as gated scripts in the HTML to
// avoid even that. The same watch catches a URL that got past the hooks above (an Attr node, a
// neighbour's own setter), templates' contents before they are cloned, and frames' realms.
// The roots are queried for tags not yet judged rather than the records' nodes read: reading
// them would give every node the parser adds a JS object, kept as long as the node. A tag is
// judged again only if its URL changes.
var judged = new WeakMap([[tag, tag.getAttribute('src')]]), frameDocs = new WeakMap(), inert, onBody, warned;
// How first-paint.js waits for a body (an ES module cannot assign another's variable).
export function whenBody(resolve) { onBody = resolve; }
var observer = new MutationObserver(function () {
  // The same watch tells the first paint when there is a body to draw in.
  if (onBody && document.body) { onBody(); onBody = null; }
  wantIfPageNeedsCore();
  roots.forEach(function (root) {
    // One pass: templates' contents are held in place; frames' realms are guarded (not the
    // held ones: reaching a frame's realm makes the browser create it, tens of KB); the rest
    // is judged.
    root.querySelectorAll('template, iframe, ' + LOADS).forEach(function (el) {
      if (el.localName === 'template') return void holdIn(el.content);
      if (el.localName === 'iframe' && !el.hasAttribute('data-src')) enter(el);
      catchLate(el);
    });
    // A held element put in by a copy (a template's clone) is judged by the core like any.
    if (core && root.querySelector('[' + HELD + ']:not([data-category])')) queueMicrotask(core.adoptHeld);
  });
});
function watch(root) {
  observer.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['src', 'href', 'data', 'srcdoc', 'rel'] });
}
function catchLate(el) {
  var src = urlOf(el), ty = el.getAttribute('type'), m = el.getAttribute('srcdoc');
  // A srcdoc the hooks did not see (the page's HTML): rewritten before its document loads.
  if (m != null && el.localName === 'iframe' && frameDocs.get(el) !== m) {
    var r = String(rewrite(m, true));
    frameDocs.set(el, r);
    if (r !== m) setAttr.call(el, 'srcdoc', r);
  }
  if (judged.get(el) === src) return;
  judged.set(el, src);
  if (el.localName === 'script' && ty && !/(java|ecma)script|module/i.test(ty)) return;
  if (!src || !attrOf(el)) return;
  var abs = absolute(src, el);
  if (passes(el, abs)) return;
  var gone = !warned && replaced();
  if (gone) {
    warned = true;
    console.error('crumbs: page code replaced ' + gone + ' after crumbs ran' + LATE);
  }
  // Such a tag may have started loading already, so a held copy takes its place and it moves
  // to a document of its own: the browser runs no script that changed documents after it
  // started, and a frame's loading ends when it leaves the page.
  var copy = el.ownerDocument.createElement(el.localName);
  // Not the URL: a Trusted Types sink, and mark() keeps it as data-src.
  Array.prototype.forEach.call(el.attributes, function (a) { if (a.localName !== attrOf(el)) setAttr.call(copy, a.name, a.value); });
  if (el.nonce) copy.nonce = el.nonce;
  mark(copy, abs);
  el.replaceWith(copy);
  (inert = inert || document.implementation.createHTMLDocument('')).adoptNode(el);
}
guard(window);
