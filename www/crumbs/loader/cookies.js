// Runs after pre-blocker.js (main.js).
import './pre-blocker.js';

// The page's cookie names, asked of cookieStore where there is one: document.cookie would
// hold up the parser while the browser looks the cookies up.
function cookieNames() { return document.cookie.split(/;\s*/).map(function (c) { return c.split('=')[0]; }).filter(Boolean); }
export var cookies = window.cookieStore
  ? cookieStore.getAll().then(function (l) { return l.map(function (c) { return c.name; }); }, cookieNames)
  : Promise.resolve(cookieNames());
// A returning visitor (a consent cookie is there; the core decides whether it holds) most
// likely sees no banner: no first paint, and the full core is fetched at once.
export var returning = cookies.then(function (names) { return names.indexOf(CONSENT_COOKIE) >= 0; });
