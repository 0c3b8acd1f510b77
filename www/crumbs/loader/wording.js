import { here } from './script-tag.js';

// crumbs' wording for a non-English visitor: one small file, fetched only when needed, once;
// if it fails the banner falls back to English.
var wording = {};
// The file last read: the wording the banner is drawn in, which decide.js logs with a decision.
export var shipped;
export function languageTexts(code) {
  return code && (wording[code] || (wording[code] = fetch(here + 'lang/' + code + '.json').then(function (r) {
    return r.ok ? r.text() : undefined;
  }, function () {}).then(function (t) { return shipped = t; })));
}
