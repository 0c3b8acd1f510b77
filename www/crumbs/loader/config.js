// Runs after consent-mode.js (main.js).
import './consent-mode.js';
import { tag } from './script-tag.js';

// The site's config: inline or fetched (data-config), read once.
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

export function domReady() {
  return document.readyState !== 'loading' ? Promise.resolve()
    : new Promise(function (r) { document.addEventListener('DOMContentLoaded', r, { once: true }); });
}

export var cfg = config();
