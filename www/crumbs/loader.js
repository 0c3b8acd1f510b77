/*! crumbs loader: the one script tag a site adds.
 * It defines window.crumbs straight away, so calls made before the core is ready are queued,
 * not lost, reads the config, and brings in the wasm. If anything fails to load, nothing gated
 * ever runs: the gated scripts stay inert text.
 *
 * Two wasm modules: a small first-paint module that only draws the banner, carried in this file
 * (no second round trip before the banner), and the full core, which decides and does
 * everything else. The full core is fetched and compiled once the banner has been painted (at
 * once for a returning visitor, who most likely needs no banner and then gets no first paint),
 * and started only when there is work for it: the visitor reaching for the banner, a call to
 * window.crumbs, or something on the page only it can judge (see want()). Until then the page
 * holds no more of crumbs than the banner and this script.
 *
 * This is the source: `npm run build` minifies it into www/crumbs/crumbs.js, the one classic
 * script a page runs synchronously (so it is kept small: the HTML parser waits for it). It is
 * also the first-paint module's whole glue (its five imports, below); the full core's glue is
 * dist/crumbs.js, loaded in parallel with its wasm. */

// CONSENT_COOKIE, WAITS (a regular expression's source), GOOGLE_DEFAULT, MICROSOFT_DEFAULT and
// BANNER_ACTIONS are the Rust core's values, written in by the build (src/loader_constants.rs):
// each use becomes the literal, so each is used once.
(function () {
  'use strict';
  var tag = document.currentScript;

  // ---- Pre-blocker -------------------------------------------------------------------------
  // The wasm core loads asynchronously, so this part runs synchronously, first: every
  // third-party script or iframe the page adds is held (scripts become inert gated scripts,
  // iframes lose their src) until the core has classified its URL and the consent allows it.
  // Same-origin ones pass; so do elements crumbs itself activates (data-crumbs-activated).
  var core = null;
  // want() says there is work for the full core: it starts as soon as it is in hand (begin(),
  // below). What wants it: a returning visitor, the visitor reaching for the banner, any use of
  // window.crumbs, a script or iframe held here, pageNeedsCore(), leftovers(), and a config the
  // rehearsal finds missing, no JSON or with errors (the full core reports it: fetchCore).
  // `parts` collects what begin() needs; `got`, crumbs' wording by language file.
  // `now`: wanted by someone waiting (the visitor, a caller of window.crumbs), so started in
  // this very task if it can be; otherwise the start takes a task of its own.
  var wanted = false, now = false, parts = {}, got = {}, started = false;
  function want(waiting) {
    if (wanted) return;
    wanted = true;
    now = !!waiting;
    begin();
    now = false;
  }
  var HELD = 'data-crumbs-held';
  var proto = { s: HTMLScriptElement.prototype, f: HTMLIFrameElement.prototype, e: Element.prototype };
  var setAttr = proto.e.setAttribute;
  var scriptSrc = Object.getOwnPropertyDescriptor(proto.s, 'src');
  var scriptType = Object.getOwnPropertyDescriptor(proto.s, 'type');
  var frameSrc = Object.getOwnPropertyDescriptor(proto.f, 'src');
  // Trusted Types: crumbs' own policy, which a site that enforces them lists in its CSP
  // (`trusted-types crumbs`). It only wraps what the page handed over: markup the page's own
  // policy made, and the scripts crumbs releases (the full core gets it as hooks.policy).
  var tt = window.trustedTypes, policy, pass = function (s) { return s; };
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
  function wantIfPageNeedsCore() { if (!wanted && pageNeedsCore()) want(); }
  // ---- Loader ------------------------------------------------------------------------------
  // Resolved by hand (the tag's src is absolute): URL is only needed to judge page URLs.
  var here = tag.src.replace(/[?#].*/, '').replace(/[^/]*$/, ''), dist = here + 'dist/';
  // The page's cookie names, asked of cookieStore where there is one: document.cookie would
  // hold up the parser while the browser looks the cookies up.
  function cookieNames() { return document.cookie.split(/;\s*/).map(function (c) { return c.split('=')[0]; }).filter(Boolean); }
  var cookies = window.cookieStore
    ? cookieStore.getAll().then(function (l) { return l.map(function (c) { return c.name; }); }, cookieNames)
    : Promise.resolve(cookieNames());
  // A returning visitor (a consent cookie is there; the core decides whether it holds) most
  // likely sees no banner: no first paint, and the full core is fetched at once.
  var returning = cookies.then(function (names) { return names.indexOf(CONSENT_COOKIE) >= 0; });
  // The cookie names (or prefixes ending in '*': src/config.rs) config `c` declares strictly
  // necessary.
  function necessaryCookies(c) {
    var names = [];
    [].concat(c && c.categories || []).forEach(function (cat) {
      if (cat && cat.id === 'necessary') [].concat(cat.cookies || []).forEach(function (k) { if (k && typeof k.name == 'string') names.push(k.name); });
    });
    return names;
  }
  // Whether one of the cookies `names` may be one for the full core to erase or report before
  // the visitor decides: any not in `necessary`. Storage keys wait for the full core: unlike
  // cookies, they travel to no server.
  function leftovers(necessary, names) {
    return names.some(function (name) {
      return !necessary.some(function (n) { return n === name || (/\*$/.test(n) && name.indexOf(n.slice(0, -1)) === 0); });
    });
  }
  // The full core: its glue and its compiled wasm, fetched in parallel, once.
  var full;
  function fetchCore() {
    if (full) return;
    var url = dist + 'crumbs_bg.wasm';
    var wasm = fetch(url).then(function (r) {
      if (!r.ok) throw new Error('HTTP ' + r.status + ' for ' + url);
      // Compiled as it downloads; from the whole file (the HTTP cache's copy) where the server
      // does not label it application/wasm, which compiling as it downloads requires.
      return WebAssembly.compileStreaming(r).catch(function () {
        return fetch(url).then(function (again) { return again.arrayBuffer(); }).then(WebAssembly.compile);
      });
    });
    // A failure is reported once, where the full core is started; this only stops the browser
    // from also calling it an unhandled rejection before that handler is attached.
    wasm.catch(function () {});
    full = Promise.all([import(dist + 'crumbs.js'), wasm]);
    // Unless it starts now, its code is compiled ahead (dist/crumbs.js, compileAhead). That
    // rehearsal also validates the config: one that is missing, no JSON or has errors (which the
    // first paint read leniently), or a rehearsal that failed, starts the full core, which
    // reports and fails closed.
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

  // ---- First paint ---------------------------------------------------------------------------
  // The first-paint module (src/web/first_paint.rs) is in this file: the build puts its bytes in
  // this string, one character per byte (the file starts with a byte-order mark, so it is read
  // as UTF-8 whatever the server says). Unbuilt, the string is no module and the full core draws
  // the banner. The module has no generated glue: these imports and its exports are its whole
  // interface. Strings cross as UTF-8 in its memory; elements are numbered, 0 the root. It has
  // no JSON reader either: the config and the language file are parsed here and their string
  // members handed over one by one.
  // One text decoder and encoder for every string, made on first use (a returning visitor
  // needs neither).
  var fp, els = [], code, decoder, encoder;
  function text(p, n) { return (decoder = decoder || new TextDecoder()).decode(new Uint8Array(fp.memory.buffer, p, n)); }
  // Calls export f with each string argument as (pointer, length).
  function call(f) {
    var a = [];
    for (var i = 1; i < arguments.length; i++) {
      var s = String(arguments[i]), n = s.length * 3, p = fp.fp_alloc(n);
      a.push(p, (encoder = encoder || new TextEncoder()).encodeInto(s, new Uint8Array(fp.memory.buffer, p, n)).written);
    }
    return f.apply(null, a);
  }
  function parsed(json) { if (json) try { return JSON.parse(json.replace(/^\ufeff/, '')); } catch (e) {} }
  // f(key, value) for each string member of an object (own members only: a page's additions to
  // Object.prototype are not config).
  function strings(o, f) {
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
        // A click becomes the window.crumbs call it stands for, queued until the full core is in.
        root.addEventListener('click', function (e) {
          var b = e.target.closest('[data-action]'), call = b && BANNER_ACTIONS[b.getAttribute('data-action')];
          if (call) window.crumbs[call]();
        });
        // A visitor reaching for the banner (a pointer over it, a touch, a key) starts the full
        // core, which is then ready, or nearly, by the time the click comes.
        ['pointerover', 'pointerdown', 'keydown'].forEach(function (t) { root.addEventListener(t, function () { want(true); }, { passive: true }); });
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

  var queue = [];
  var resolveReady;
  var ready = new Promise(function (r) { resolveReady = r; });

  function config() {
    var url = tag.getAttribute('data-config');
    // An inline config before this tag is there now (no request at all: the fastest banner);
    // one after it is read once the document is parsed.
    if (!url) {
      return Promise.resolve(document.getElementById('crumbs-config') || domReady()).then(function () {
        var el = document.getElementById('crumbs-config');
        return [el ? el.textContent : undefined, undefined];
      });
    }
    return fetch(url, { credentials: 'same-origin' }).then(function (r) {
      return r.ok ? r.text().then(function (t) { return [t, undefined]; })
        : [undefined, 'could not load the config ' + url + ': HTTP ' + r.status];
    }, function (e) { return [undefined, 'could not load the config ' + url + ': ' + e]; });
  }

  function domReady() {
    return document.readyState !== 'loading' ? Promise.resolve()
      : new Promise(function (r) { document.addEventListener('DOMContentLoaded', r, { once: true }); });
  }

  // Any use of the API starts the full core (at once, if it is in hand). Calls that change
  // state are queued until it is ready; queries answer "no consent" until then.
  function queued(name) {
    return function () {
      if (core) return core[name].apply(null, arguments);
      queue.push([name, Array.prototype.slice.call(arguments)]);
      want(true);
    };
  }
  function query(name, before) {
    return function (a) {
      want(true);
      return core ? core[name](String(a)) : before;
    };
  }
  window.crumbs = {
    get ready() { want(true); return ready; },
    show: queued('show'),
    showPreferences: queued('showPreferences'),
    acceptAll: queued('acceptAll'),
    rejectAll: queued('rejectAll'),
    accept: function (categories) { return queued('accept')(Array.prototype.slice.call(categories || [])); },
    getConsent: query('getConsent', null),
    hasConsent: function (c) { return query('hasConsent', c === 'necessary')(c); },
    hasService: query('hasService', false),
    errors: function () { return query('errors', [])(); },
    unclassified: function () { return query('unclassified', [])(); }
  };
  // Links and buttons marked data-crumbs-open reopen the preferences.
  document.addEventListener('click', function (e) {
    if (e.target.closest && e.target.closest('[data-crumbs-open]')) {
      e.preventDefault();
      window.crumbs.showPreferences();
    }
  });

  // Consent Mode defaults must be in place before any Google or Microsoft tag runs, so they are
  // set here, synchronously, when the tag asks for them (data-google-consent-mode="500" sets
  // wait_for_update in ms). Everything is denied but security storage until the visitor decides.
  var hooks = {
    dist: dist,
    policy: policy,
    gtag: function () { (window.dataLayer = window.dataLayer || []).push(arguments); },
    googleDefaultSent: tag.hasAttribute('data-google-consent-mode'),
    microsoftDefaultSent: tag.hasAttribute('data-microsoft-consent-mode')
  };
  if (hooks.googleDefaultSent) {
    hooks.gtag('consent', 'default', Object.assign(GOOGLE_DEFAULT, {
      wait_for_update: Number(tag.getAttribute('data-google-consent-mode')) || 500
    }));
  }
  if (hooks.microsoftDefaultSent) (window.uetq = window.uetq || []).push('consent', 'default', MICROSOFT_DEFAULT);

  var cfg = config(), necessary = cfg.then(function (c) { return necessaryCookies(parsed(c[0])); });
  // The cookies there now, and those set later.
  Promise.all([necessary, cookies]).then(function (r) { if (leftovers(r[0], r[1])) want(); });
  if (window.cookieStore) {
    cookieStore.addEventListener('change', function (e) {
      necessary.then(function (n) { if (leftovers(n, e.changed.map(function (k) { return k.name; }))) want(); });
    });
  }
  // Tags parsed before this script are not in the watch above.
  domReady().then(wantIfPageNeedsCore);
  // crumbs' wording for a non-English visitor: one small file, fetched only when needed, once;
  // if it fails the banner falls back to English.
  var wording = {};
  function languageTexts(code) {
    return code && (wording[code] || (wording[code] = fetch(here + 'lang/' + code + '.json').then(function (r) {
      return r.ok ? r.text() : undefined;
    }, function () { return undefined; })));
  }
  // After the frame that shows the banner (or a moment later in a background tab, which
  // gets no frames).
  function painted() {
    return new Promise(function (r) { requestAnimationFrame(function () { setTimeout(r, 0); }); setTimeout(r, 250); });
  }
  // Runs f in a task of its own, after what the browser has waiting (input, a frame): the full
  // core takes over in short tasks, not one long one. A scheduled task or a posted message, not
  // a timer: no 4 ms clamp, and no 1 s wait in a background tab. The core asks for priority
  // 'background' for work no one waits for while the visitor decides.
  hooks.later = function (f, priority) {
    if (window.scheduler && scheduler.postTask) return void scheduler.postTask(f, { priority: priority });
    var c = new MessageChannel();
    c.port1.onmessage = f;
    c.port2.postMessage(0);
  };
  // Ends this task and goes on in a new one that the browser runs ahead of other queued work
  // (input and a due frame still come first): scheduler.yield, where there is one. Else a
  // later task, handed the resolve function alone (a second argument would be a priority).
  function yieldTask() {
    return window.scheduler && scheduler.yield ? scheduler.yield() : new Promise(function (r) { hooks.later(r); });
  }
  // The core calls this once it has taken over.
  hooks.ready = function () {
    resolveReady();
    document.dispatchEvent(new CustomEvent('crumbs:ready', { detail: core.getConsent() }));
  };
  Promise.all([firstPaint, cfg])
    .then(function (r) {
      var c = parsed(r[1][0]), texts = c && c.texts;
      strings(c, function (k, v) { call(fp.fp_field, k, v); });
      if (texts && typeof texts == 'object') {
        Object.keys(texts).forEach(function (l) { strings(texts[l], function (k, v) { call(fp.fp_text, l, k, v); }); });
      }
      call(fp.fp_language, document.documentElement.lang, (navigator.languages || []).join(','));
      // Drawn as soon as the parser has made a body to draw in, without waiting for the rest of
      // the page (or once it is parsed, if it never makes one); in a task of its own
      // (instantiating the module may have taken this one), which goes ahead of the page's
      // other work.
      var body = document.body || new Promise(function (r) { onBody = r; domReady().then(r); });
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
    // Fetched and compiled now, so that it starts at once when wanted (a failure is reported
    // by fetchCore).
    .then(function () { fetchCore(); });

  // ---- Full core start -----------------------------------------------------------------------
  // The full core starts once it is wanted and what it needs is in hand (its glue and compiled
  // wasm, the config, crumbs' wording in the visitor's language, the parsed document): in the
  // task that wanted it or brought the last part. A visitor reaching for the banner thus has
  // the core in before their click comes. start() returns once the API works (the allowed
  // scripts have started); the rest of the takeover follows in short tasks, then the core calls
  // hooks.ready().
  cfg.then(function (c) { parts.config = c; begin(); });
  domReady().then(function () { parts.parsed = true; begin(); });
  function begin() {
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
})();
