// Runs after decide.js (main.js).
import { bannerClick, fetchDecide } from './decide.js';
import { returning } from './cookies.js';
import { want, wanted, started } from './core.js';
import { cfg, domReady } from './config.js';
import { languageTexts } from './wording.js';
import { whenBody } from './pre-blocker.js';
import { hooks, yieldTask } from './hooks.js';

// The first paint: a first visit's banner, drawn here without waiting for any wasm. What it
// draws is the core's (src/view.rs): the build writes the banner's trees as templates with
// slots (BANNER_TREES, from src/loader_constants.rs, whose tests fill them exactly as below and
// compare with the core's own banner), with crumbs' English wording and the lists the choices
// below read (languages, layouts, themes, text keys). The few rules here mirror the core's
// checks of the banner's fields (config.rs: layout, theme, policyUrl, language, texts), read
// leniently, and its language choice (texts::pick_language), in JavaScript because a wasm
// module for them cost the first visit 5.9 KB more (bench/README.md); the e2e suite checks that
// the full core then draws the identical banner. Nothing is decided here.
export function parsed(json) { if (json) try { return JSON.parse(json.replace(/^\ufeff/, '')); } catch (e) {} }
// f(key, value) for each string member of an object (own members only: a page's additions to
// Object.prototype are not config).
export function strings(o, f) {
  if (o && typeof o == 'object') Object.keys(o).forEach(function (k) { if (typeof o[k] == 'string') f(k, o[k]); });
}
// config::is_language_tag: 2-3 letters, then subtags of 1-8 letters or digits.
function isTag(t) { return /^[a-z]{2,3}(-[a-z\d]{1,8})*$/i.test(t); }
function base(t) { return t.split(/[-_]/)[0].toLowerCase(); }
// A text the core would take: a known key and not blank (Rust's whitespace: \s but U+FEFF, and U+0085).
function known(k, v) { return TEXT_KEYS.indexOf(k) >= 0 && !/^[\s\x85]*$/.test(v.replace(/\ufeff/g, '.')); }
// texts::shipped_language: the shipped code for a tag or its ever shorter prefixes.
function shipped(t) {
  for (;;) {
    var l = t.toLowerCase(), c = SHIPPED_LANGUAGES.find(function (x) { return x.toLowerCase() == l; }), i;
    if (c) return c;
    for (c in LANGUAGE_ALIASES) if (c.toLowerCase() == l) return LANGUAGE_ALIASES[c] || undefined;
    if ((i = Math.max(t.lastIndexOf('-'), t.lastIndexOf('_'))) < 0) return;
    t = t.slice(0, i);
  }
}
// The banner's settings, as the validator would take them: what it refuses is left at its
// default; the full core validates and reports.
function settings(c) {
  var s = { layout: LAYOUTS[0], theme: THEMES[0], texts: [] }, texts = c && c.texts;
  strings(c, function (k, v) {
    var colon = v.indexOf(':'), scheme = v.slice(0, colon);
    if (k == 'layout') s.layout = LAYOUTS.indexOf(v) < 0 ? LAYOUTS[0] : v;
    if (k == 'theme') s.theme = THEMES.indexOf(v) < 0 ? THEMES[0] : v;
    // No scheme but http(s), and no control character or space (config::refused_url_scheme, has_blank).
    if (k == 'policyUrl' && (colon < 0 || /[/?#]/.test(scheme) || /^https?$/i.test(scheme)) && !/[\0-\x1f\x7f-\x9f ]/.test(v)) s.url = v;
    if (k == 'language' && isTag(v)) s.language = v;
  });
  if (texts && typeof texts == 'object') {
    Object.keys(texts).forEach(function (l) {
      var o = {}, any;
      strings(texts[l], function (k, v) { if (known(k, v)) any = o[k] = v; });
      if (isTag(l) && any != null) s.texts.push([l, o]);
    });
  }
  return s;
}
// texts::pick_language: the config's language, else the page's, else the first of the
// browser's that crumbs or the site has wording for, else English.
function pick(s) {
  var has = function (t) { return isTag(t) && (shipped(t) || s.texts.some(function (o) { return base(o[0]) == base(t); })); };
  var h = document.documentElement.lang;
  return s.language || (has(h) ? h : (navigator.languages || []).find(has) || 'en');
}
var s, lang, own, words, shadow, els = [];
// A template's string with its slots filled (the values are not read for slots again).
function fill(x) {
  return x.replace(/\x01(\w+)/g, function (m, k) {
    if (k == 'layout') return s.layout;
    if (k == 'lang') return lang;
    if (k == 'dir') return RTL_LANGUAGES.indexOf(base(lang)) < 0 ? 'ltr' : 'rtl';
    if (k == 'url') return s.url;
    // texts::site_or_shipped: the site's words for the language or its base, crumbs' shipped
    // words, English.
    var r;
    own.some(function (o) { return o && (r = o[1][k]) != null; });
    return r != null ? r : words[k] || BANNER_ENGLISH[k];
  });
}
// `node` of a template, its slots filled, appended to `parent`.
function draw(parent, node) {
  if (typeof node == 'string') return parent.append(fill(node));
  var e = document.createElement(node[0]), a = node[1], i;
  for (i = 0; i < a.length; i += 2) e.setAttribute(a[i], fill(a[i + 1]));
  for (i = 2; i < node.length; i++) draw(e, node[i]);
  els.push(e);
  return parent.appendChild(e);
}
// The isolated root: the host element, its open shadow root with the banner's styles adopted,
// and the click forwarding.
function root() {
  var host = document.createElement('crumbs-consent');
  host.id = 'crumbs';
  host.setAttribute('data-theme', s.theme);
  // Marks it for the full core, which replaces it.
  host.setAttribute('data-crumbs-first-paint', '');
  // Inline !important beats any site stylesheet, so page CSS cannot hide the host.
  host.style.setProperty('all', 'initial', 'important');
  host.style.setProperty('display', 'block', 'important');
  var r = host.attachShadow({ mode: 'open' });
  var sheet = new CSSStyleSheet();
  sheet.replaceSync(hooks.bannerCss);
  r.adoptedStyleSheets = [sheet];
  // "Accept all" and "Reject all" are decided here where they can be (decide.js: bannerClick);
  // any other click, or one the decision module leaves to the full core, becomes the
  // window.crumbs call it stands for, queued until the full core is in.
  r.addEventListener('click', function (e) {
    var b = e.target.closest('[data-action]'), call = b && BANNER_ACTIONS[b.getAttribute('data-action')];
    if (call) bannerClick(call, e.isTrusted);
  });
  // The decision module comes at the visitor's first reach for the banner (a pointer over or
  // on it, a key in it; focus once it has been given), not at the paint: a visitor who never
  // touches the banner downloads none of it. Mouse and touch events too: a simulated click
  // (assistive technology's) or an older browser sends no pointer events.
  ['pointerover', 'pointerdown', 'mousedown', 'touchstart', 'keydown'].forEach(function (t) { r.addEventListener(t, reached, { passive: true }); });
  document.body.appendChild(host);
  return r;
}
// Not once the full core is wanted: the clicks are its, then.
function reached() { if (!wanted && !started) fetchDecide(); }
// No first paint for a returning visitor: the chain below goes straight to the full core.
var firstPaint = returning.then(function (r) { if (r) throw 0; });

// After the frame that shows the banner (or a moment later in a background tab, which
// gets no frames).
function painted() {
  return new Promise(function (r) { requestAnimationFrame(function () { setTimeout(r, 0); }); setTimeout(r, 250); });
}
Promise.all([firstPaint, cfg])
  .then(function (r) {
    var c = parsed(r[1][0]);
    // A config that could not be loaded or is no JSON object needs no decision module to be
    // found: the full core reports it at once (and fails closed). Other errors are the
    // validator's, found at the visitor's first reach.
    if (!c || typeof c != 'object' || Array.isArray(c)) want();
    // A config that lets a region run anything before a decision (`regions`) is the full
    // core's to draw: the banner then depends on the regime (region.rs), which the first paint
    // does not mirror.
    if (c && c.regions && typeof c.regions == 'object' && Object.keys(c.regions).length) throw 0;
    s = settings(c);
    lang = pick(s);
    var code = shipped(lang);
    // Drawn as soon as the parser has made a body to draw in, without waiting for the rest of
    // the page (or once it is parsed, if it never makes one); in a task of its own, which
    // goes ahead of the page's other work.
    var body = document.body || new Promise(function (r) { whenBody(r); domReady().then(r); });
    return Promise.all([languageTexts(code != 'en' && code), body, yieldTask()]);
  })
  .then(function (r) {
    words = {};
    strings(parsed(r[0]), function (k, v) { if (known(k, v)) words[k] = v; });
    // The site's texts for the language, then for its base language.
    own = [lang, base(lang)].map(function (l) {
      return s.texts.find(function (o) { return o[0].toLowerCase() == l.toLowerCase(); });
    });
    draw(shadow = root(), BANNER_TREES[(s.url != null) + 2 * (navigator.globalPrivacyControl === true)]);
    // Focus forces style and layout, the page's first ones as likely as not: left until the
    // frame that shows the banner has done them, so the focus only restyles the button.
    return painted();
  })
  .then(function () {
    // The banner: the last element drawn is the outermost.
    if (els.length) els.pop().focus({ preventScroll: true });
    els = [];
    shadow.addEventListener('focusin', reached);
  }, function () {
    // No first paint (a returning visitor, or drawing failed): the full core draws.
    want();
  });
