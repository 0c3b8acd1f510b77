// Runs after api.js (main.js).
import { resolveReady } from './api.js';
import { tag } from './script-tag.js';
import { policy, roots } from './pre-blocker.js';
import { releaser } from './release.js';
import { core, dist } from './core.js';

// What the full core is handed (m.start's last argument): crumbs' URL, the documents and shadow
// roots the pre-blocker watches, Consent Mode's gtag and whether the defaults were sent
// (consent-mode.js), a way to run work in a task of its own, the release of gated scripts
// (release.js), the banner's stylesheet (which the loader carries for its first paint; the
// full core adds its own after it), and the signal that it has taken over.
var released = releaser(policy);
export var hooks = {
  dist: dist,
  roots: roots,
  bannerCss: BANNER_CSS,
  release: released.release,
  afterLoaded: released.afterLoaded,
  loading: released.loading,
  gtag: function () { (window.dataLayer = window.dataLayer || []).push(arguments); },
  googleDefaultSent: tag.hasAttribute('data-google-consent-mode'),
  microsoftDefaultSent: tag.hasAttribute('data-microsoft-consent-mode'),
  // The visitor's region as the site's server names it (src/region.rs), if it does.
  region: tag.getAttribute('data-region')
};
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
export function yieldTask() {
  return window.scheduler && scheduler.yield ? scheduler.yield() : new Promise(function (r) { hooks.later(r); });
}
// The core calls this once it has taken over.
hooks.ready = function () {
  resolveReady();
  document.dispatchEvent(new CustomEvent('crumbs:ready', { detail: core.getConsent() }));
};
