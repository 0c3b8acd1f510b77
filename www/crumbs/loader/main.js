/*! crumbs loader: the one script tag a site adds.
 * It defines window.crumbs straight away, so calls made before the core is ready are queued,
 * not lost, reads the config, and brings in the wasm. If anything fails to load, nothing gated
 * ever runs: the gated scripts stay inert text.
 *
 * Its own first paint draws a first visit's banner (first-paint.js: the core's banner, written
 * in by the build as templates), so there is no second round trip before the banner. Two wasm
 * modules: the decision module, fetched at the visitor's first reach for the banner, which decides a first
 * visit's "Accept all" and "Reject all" (decide.js); and the full core, which decides and does
 * everything else. The full core is fetched and
 * started only when there is work for it: a returning visitor (at once: they most likely need
 * no banner, and then get no first paint), a call to window.crumbs, the preferences, a decision
 * whose POST to the consent log failed, or something on the page only it can judge (see
 * want()). A visitor who only accepts or rejects never downloads it.
 *
 * This is the source: `npm run build` bundles these modules (entry: this one) into
 * www/crumbs/crumbs.js, the one classic script a page runs synchronously (so it is kept small:
 * the HTML parser waits for it). The full core's glue is dist/crumbs.js, loaded in parallel
 * with its wasm. */

// ES modules are strict; the bundle is a classic script, which this keeps strict.
'use strict';

// CONSENT_COOKIE, WAITS (a regular expression's source), GOOGLE_DEFAULT, MICROSOFT_DEFAULT,
// BANNER_ACTIONS, LOG_QUEUE, LOG_CONTENT_TYPE and the first paint's BANNER_TREES, BANNER_ENGLISH, TEXT_KEYS,
// SHIPPED_LANGUAGES, LANGUAGE_ALIASES, RTL_LANGUAGES, LAYOUTS and THEMES are the Rust core's
// values, written in by the build (src/loader_constants.rs), and BANNER_CSS its banner.css,
// minified: each use becomes the literal.

// The modules run in this order: script-tag.js (document.currentScript, read first),
// pre-blocker.js (installed before anything else runs), cookies.js, core.js, api.js, hooks.js,
// consent-mode.js, config.js, page.js, decide.js, first-paint.js, then this one (release.js and
// raw-strings.js have no imports and do nothing until called). Each imports first the
// module that runs before it, so the order holds whatever else a module imports (ES modules run
// depth-first in import order, and esbuild concatenates them so): keep that first import when
// adding one.
import './first-paint.js';
import { cfg, domReady } from './config.js';
import { parts, begin } from './core.js';

// The full core starts once it is wanted and what it needs is in hand (core.js: begin).
cfg.then(function (c) { parts.config = c; begin(); });
domReady().then(function () { parts.parsed = true; begin(); });
