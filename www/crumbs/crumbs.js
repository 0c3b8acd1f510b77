/*! crumbs loader: the one script tag a site adds.
 * It starts downloading the wasm core at once, fetches the config in parallel, and defines
 * window.crumbs straight away so calls made before the core is ready are queued, not lost.
 * If anything fails to load, nothing gated ever runs: the gated scripts stay inert text. */
(function () {
  'use strict';
  var tag = document.currentScript;
  var dist = new URL('dist/', tag.src);
  var wasm = fetch(new URL('crumbs_bg.wasm', dist));
  // The failure is reported once, where the module is started; this only stops the browser
  // from also calling it an unhandled rejection before that handler is attached.
  wasm.catch(function () {});
  var core = null;
  var queue = [];
  var resolveReady;
  var ready = new Promise(function (r) { resolveReady = r; });

  function config() {
    var url = tag.getAttribute('data-config');
    // An inline config follows this tag, so the parser has not reached it yet: read it once
    // the document is parsed.
    if (!url) {
      return domReady().then(function () {
        var inline = document.getElementById('crumbs-config');
        return [inline ? inline.textContent : undefined, undefined];
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

  // Calls that change state are queued until the core is ready; queries answer "no consent".
  function queued(name) {
    return function () {
      if (core) return core[name].apply(null, arguments);
      queue.push([name, Array.prototype.slice.call(arguments)]);
    };
  }
  window.crumbs = {
    ready: ready,
    show: queued('show'),
    showPreferences: queued('showPreferences'),
    acceptAll: queued('acceptAll'),
    rejectAll: queued('rejectAll'),
    accept: function (categories) { return queued('accept')(Array.prototype.slice.call(categories || [])); },
    getConsent: function () { return core ? core.getConsent() : null; },
    hasConsent: function (c) { return core ? core.hasConsent(String(c)) : c === 'necessary'; },
    hasService: function (s) { return core ? core.hasService(String(s)) : false; },
    errors: function () { return core ? core.errors() : []; },
    unclassified: function () { return core ? core.unclassified() : []; }
  };

  // Consent Mode defaults must be in place before any Google or Microsoft tag runs, so they are
  // set here, synchronously, when the tag asks for them (data-google-consent-mode="500" sets
  // wait_for_update in ms). Everything is denied but security storage until the visitor decides.
  var hooks = {
    dist: dist.href,
    gtag: function () { (window.dataLayer = window.dataLayer || []).push(arguments); },
    googleDefaultSent: tag.hasAttribute('data-google-consent-mode'),
    microsoftDefaultSent: tag.hasAttribute('data-microsoft-consent-mode')
  };
  if (hooks.googleDefaultSent) {
    var denied = 'denied';
    hooks.gtag('consent', 'default', {
      ad_storage: denied, ad_user_data: denied, ad_personalization: denied, analytics_storage: denied,
      functionality_storage: denied, personalization_storage: denied, security_storage: 'granted',
      wait_for_update: Number(tag.getAttribute('data-google-consent-mode')) || 500
    });
  }
  if (hooks.microsoftDefaultSent) (window.uetq = window.uetq || []).push('consent', 'default', { ad_storage: 'denied' });

  var cfg = config();
  import(new URL('crumbs.js', dist).href)
    .then(function (m) { return m.default({ module_or_path: wasm }).then(function () { return m; }); })
    .then(function (m) {
      return cfg.then(function (c) {
        // Non-English visitors get crumbs' wording for their language: one small file, fetched
        // only when needed. If it fails, the banner falls back to English.
        var code = m.languageFile(c[0]);
        var texts = code ? fetch(new URL('lang/' + code + '.json', tag.src)).then(function (r) {
          return r.ok ? r.text() : undefined;
        }, function () { return undefined; }) : undefined;
        return Promise.all([c, texts, domReady()]);
      }).then(function (r) {
        m.start(r[0][0], r[0][1], r[1], hooks);
        core = m;
        queue.splice(0).forEach(function (c) { m[c[0]].apply(null, c[1]); });
        resolveReady();
        document.dispatchEvent(new CustomEvent('crumbs:ready', { detail: m.getConsent() }));
      });
    })
    .catch(function (e) {
      console.error('crumbs: could not start the consent manager (' + e + '); every non-essential script stays blocked.');
    });
})();
