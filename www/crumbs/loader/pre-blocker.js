// Runs after script-tag.js, before anything else (main.js: each module imports first the one
// that runs before it).
import { tag } from './script-tag.js';
import { core, want } from './core.js';
import { wantIfPageNeedsCore } from './page.js';

// ---- Pre-blocker -------------------------------------------------------------------------
// The wasm core loads asynchronously, so this part runs synchronously, first: every
// third-party script or iframe the page adds is held (scripts become inert gated scripts,
// iframes lose their src) until the core has classified its URL and the consent allows it.
// Same-origin ones pass; so do elements crumbs itself activates (data-crumbs-activated).
var HELD = 'data-crumbs-held';
var proto = { s: HTMLScriptElement.prototype, f: HTMLIFrameElement.prototype, e: Element.prototype };
var setAttr = proto.e.setAttribute;
var scriptSrc = Object.getOwnPropertyDescriptor(proto.s, 'src');
var scriptType = Object.getOwnPropertyDescriptor(proto.s, 'type');
var frameSrc = Object.getOwnPropertyDescriptor(proto.f, 'src');
// Trusted Types: crumbs' own policy, which a site that enforces them lists in its CSP
// (`trusted-types crumbs`). It only wraps what the page handed over: markup the page's own
// policy made, and the scripts crumbs releases (the full core gets it as hooks.policy).
export var tt = window.trustedTypes, policy, pass = function (s) { return s; };
try { policy = tt && tt.createPolicy('crumbs', { createHTML: pass, createScriptURL: pass, createScript: pass }); }
catch (e) { console.error('crumbs: add "crumbs" to the trusted-types directive of the Content-Security-Policy'); }

// A src as the browser would fetch it: absolute, against the document's base URL (the text
// itself if it is no URL, which the browser could not fetch either).
function absolute(src) { try { return new URL(src, document.baseURI).href; } catch (e) { return src; } }
function passes(el, abs) {
  if (el.hasAttribute('data-crumbs-activated')) return true;
  // A serialized URL starts with the page's origin and a slash only if it is same-origin.
  if (/^(data|javascript|blob):/i.test(abs)) return false;
  if (abs.indexOf(location.origin + '/') === 0 || /^about:/i.test(abs)) return true;
  return !!core && core.urlAllowed(abs);
}
// Turns a script or iframe given `src` into one crumbs decides on later, unless it passes;
// true if it was held.
function hold(el, src) {
  if (src == null || src === '') return false;
  var abs = absolute(String(src));
  if (passes(el, abs)) return false;
  mark(el, abs);
  return true;
}
// Marks a script or iframe held, with `abs`, its absolute URL, kept aside until it is released.
function mark(el, abs) {
  setAttr.call(el, HELD, '');
  setAttr.call(el, 'data-src', abs);
  el.removeAttribute('src');
  if (el.localName === 'script') {
    var t = el.getAttribute('type');
    if (t && t !== 'text/plain') setAttr.call(el, 'data-type', t);
    setAttr.call(el, 'type', 'text/plain');
  }
  if (core) queueMicrotask(core.adoptHeld);
  // It may be strictly necessary: only the full core can tell.
  want();
}
function guardSrc(p, desc) {
  Object.defineProperty(p, 'src', {
    configurable: true, enumerable: true,
    get: function () { return this.hasAttribute(HELD) ? this.getAttribute('data-src') : desc.get.call(this); },
    set: function (v) { if (!hold(this, String(v))) desc.set.call(this, v); }
  });
}
guardSrc(proto.s, scriptSrc);
guardSrc(proto.f, frameSrc);
Object.defineProperty(proto.s, 'type', {
  configurable: true, enumerable: true,
  get: scriptType.get,
  // A held script keeps its real type aside until released.
  set: function (v) { if (this.hasAttribute(HELD)) setAttr.call(this, 'data-type', v); else scriptType.set.call(this, v); }
});
proto.e.setAttribute = function (name, value) {
  var n = String(name).toLowerCase();
  var media = this.localName === 'script' || this.localName === 'iframe';
  if (media && n === 'src' && hold(this, String(value))) return;
  if (this.localName === 'script' && n === 'type' && this.hasAttribute(HELD)) return setAttr.call(this, 'data-type', value);
  return setAttr.call(this, name, value);
};
// Markup from document.write, innerHTML, outerHTML and insertAdjacentHTML would start
// loading as it is inserted: parse it inertly in a template first and hold what it names.
var html = Object.getOwnPropertyDescriptor(proto.e, 'innerHTML');
// Markup that a page enforcing Trusted Types may not use (a string, not its policy's) is
// handed back untouched: the browser refuses it as it would without crumbs.
function defuse(v) {
  var wrap = policy && tt.isHTML(v) ? policy.createHTML.bind(policy) : String;
  var t = document.createElement('template');
  try { html.set.call(t, wrap(String(v))); } catch (e) { return v; }
  var found = t.content.querySelectorAll('script[src], iframe[src]');
  if (!found.length) return v;
  found.forEach(function (el) { hold(el, el.getAttribute('src')); });
  return wrap(html.get.call(t));
}
['write', 'writeln'].forEach(function (w) {
  var orig = document[w];
  document[w] = function (one) { return orig.call(document, defuse(arguments.length === 1 ? one : Array.prototype.join.call(arguments, ''))); };
});
['innerHTML', 'outerHTML'].forEach(function (k) {
  var d = Object.getOwnPropertyDescriptor(proto.e, k);
  Object.defineProperty(proto.e, k, {
    configurable: true, enumerable: true, get: d.get,
    set: function (v) { d.set.call(this, defuse(v)); }
  });
});
var adjacent = proto.e.insertAdjacentHTML;
proto.e.insertAdjacentHTML = function (where, markup) { return adjacent.call(this, where, defuse(markup)); };
// Parser-inserted tags: caught as they arrive (the parser delivers mutations before it runs a
// script). A parser-inserted script is held before it runs, but the browser's preload scanner
// may already have fetched it: mark such tags as gated scripts in the HTML to avoid even that.
// The same watch catches a src that got past the setters above (setAttributeNS, an Attr node,
// another realm's setter). The document is queried for tags not yet judged rather than the
// records' nodes read: reading them would give every node the parser adds a JS object, kept
// as long as the node. A tag is judged again only if its src changes.
var judged = new WeakMap([[tag, tag.getAttribute('src')]]), inert, onBody;
// How first-paint.js waits for a body (an ES module cannot assign another's variable).
export function whenBody(resolve) { onBody = resolve; }
new MutationObserver(function () {
  // The same watch tells the first paint when there is a body to draw in.
  if (onBody && document.body) { onBody(); onBody = null; }
  wantIfPageNeedsCore();
  document.querySelectorAll('script[src], iframe[src]').forEach(function (el) {
    var src = el.getAttribute('src'), ty = el.getAttribute('type');
    if (judged.get(el) === src) return;
    judged.set(el, src);
    if (el.localName === 'script' && ty && !/(java|ecma)script|module/i.test(ty)) return;
    var abs = (el.localName === 'script' ? scriptSrc : frameSrc).get.call(el);
    if (!src || passes(el, abs)) return;
    // Such a tag may have started loading already, so a held copy takes its place and it moves
    // to a document of its own: the browser runs no script that changed documents after it
    // started, and a frame's loading ends when it leaves the page.
    var copy = document.createElement(el.localName);
    // Not src: a Trusted Types sink, and mark() keeps it as data-src.
    Array.prototype.forEach.call(el.attributes, function (a) { if (a.name !== 'src') setAttr.call(copy, a.name, a.value); });
    if (el.nonce) copy.nonce = el.nonce;
    mark(copy, abs);
    el.replaceWith(copy);
    (inert = inert || document.implementation.createHTMLDocument('')).adoptNode(el);
  });
}).observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ['src'] });