import { here } from './script-tag.js';

// crumbs' wording for a non-English visitor: one small file, fetched only when needed, once;
// if it fails the banner falls back to English.
var wording = {};
export function languageTexts(code) {
  return code && (wording[code] || (wording[code] = fetch(here + 'lang/' + code + '.json').then(function (r) {
    return r.ok ? r.text() : undefined;
  }, function () { return undefined; })));
}
