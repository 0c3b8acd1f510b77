// The npm package's ES module for bundler users: `import { onConsent } from 'crumbs'`. It is no
// copy of crumbs: it only listens to the loader's events and asks its API (window.crumbs), so the
// loader must still be the page's first script (<script src="/crumbs/crumbs.js">).

/**
 * Calls `fn(consent)` once `category` is granted: at once if the visitor's decision already grants
 * it, else on the decision that does (`crumbs:consent`) or when crumbs starts with a stored one
 * (`crumbs:ready`). Strictly necessary is always granted (`fn(null)` before any decision). Returns
 * a function that cancels the wait. A category crumbs does not know is never granted.
 */
export function onConsent(category, fn) {
  if (typeof fn !== 'function') throw new TypeError('crumbs: onConsent(category, fn) needs a function');
  var waiting = true;
  function stop() {
    waiting = false;
    document.removeEventListener('crumbs:consent', onEvent);
    document.removeEventListener('crumbs:ready', onEvent);
  }
  function check(consent) {
    // Only a record crumbs made counts; anything else grants nothing (fail closed).
    var granted = consent && Array.isArray(consent.granted) && consent.granted.indexOf(category) >= 0;
    if (!waiting || !(granted || category === 'necessary')) return;
    stop();
    fn(consent || null);
  }
  function onEvent(e) { check(e.detail); }
  document.addEventListener('crumbs:consent', onEvent);
  document.addEventListener('crumbs:ready', onEvent);
  // The decision made before this call. Like any use of window.crumbs, asking starts crumbs' full
  // core if it has not started (a returning visitor's and a deciding visitor's page start it anyway).
  var api = typeof window != 'undefined' && window.crumbs;
  if (api) check(api.getConsent());
  else if (category === 'necessary') check(null);
  return stop;
}
