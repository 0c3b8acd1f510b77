// No imports and no state of its own at load: the loader makes one releaser (hooks.js), and the
// full core's DOM tests (tests/browser.rs) make theirs from this very file.

// Releasing gated scripts: the one place they are re-created as live scripts, for the full core
// (hooks.release, after its session has decided which may run) and for the decision module's
// first-visit "Accept all" (decide.js). Which scripts run is decided in Rust, never here.
// Re-created in document order: consecutive external ones are inserted together with
// async = false, so the browser fetches them in parallel and runs them in insertion order; an
// inline one runs as it is inserted, so one that follows external ones waits until the last of
// them has loaded (or failed), or MAX_WAIT at most for work waiting on them. `policy` is crumbs'
// Trusted Types policy, if there is one.
export function releaser(policy) {
  var queue = [], last = null, stalled = false, waiting = [];
  var MAX_WAIT = 500;
  // The gating attributes a live copy drops (data-crumbs-queued is the core's mark).
  var GATING = /^(type|src|data-src|data-type|data-crumbs-held|data-crumbs-queued)$/;

  function release(scripts) {
    for (var i = 0; i < scripts.length; i++) queue.push(scripts[i]);
    run();
  }
  function run() {
    while (queue.length) {
      var old = queue[0], external = old.hasAttribute('data-src');
      // Removed by the page meanwhile: nothing to run.
      if (!old.parentNode) { queue.shift(); continue; }
      if (!external && last) return;
      queue.shift();
      var live = copy(old);
      if (!live) continue;
      if (external) {
        last = live;
        stalled = false;
        live.onload = live.onerror = loaded;
      }
      old.replaceWith(live);
    }
  }
  function loaded() {
    if (this !== last) return;
    last = null;
    run();
    if (!last) waiting.splice(0).forEach(function (f) { f(); });
  }
  // A live copy in the script's own document (a frame's realm runs it): every attribute but the
  // gating ones, the nonce (browsers hide the attribute after parsing; the property keeps it),
  // data-type as its type, and the URL or text through crumbs' Trusted Types policy.
  function copy(old) {
    var live = old.ownerDocument.createElement('script'), a = old.attributes, src = old.getAttribute('data-src') || old.getAttribute('src');
    for (var i = 0; i < a.length; i++) if (!GATING.test(a[i].name)) live.setAttribute(a[i].name, a[i].value);
    // Tells the pre-blocker this one is crumbs' own release, decided already.
    live.setAttribute('data-crumbs-activated', '');
    if (old.hasAttribute('data-type')) live.type = old.getAttribute('data-type');
    if (old.nonce) live.nonce = old.nonce;
    try {
      if (src != null) {
        live.async = false;
        live.src = policy ? policy.createScriptURL(src) : src;
      } else {
        live.text = policy ? policy.createScript(old.textContent) : old.textContent;
      }
    } catch (e) {
      console.error("crumbs: a gated script could not be released: the page's Trusted Types policy refused it (add `trusted-types crumbs` to its CSP)");
      return null;
    }
    return live;
  }
  // f, once every external script released so far has loaded or failed (and what they held back
  // has run), or after MAX_WAIT at most. (An earlier wait's timer may end a later one sooner:
  // the wait orders work, it guarantees nothing.)
  function afterLoaded(f) {
    if (waiting.push(f) === 1) {
      setTimeout(function () {
        stalled = true;
        waiting.splice(0).forEach(function (g) { g(); });
      }, MAX_WAIT);
    }
  }
  // Whether an external script crumbs released is still loading (and not yet given up on).
  function loading() { return !!last && !stalled; }
  return { release: release, afterLoaded: afterLoaded, loading: loading };
}
