// The variants the bench serves: the same page (a copy of the charity demo's home page) with
// no consent manager, with crumbs, and with each peer, each set up the way its documentation
// says, with two opt-in categories (performance, functionality) gating the same two stand-in
// scripts (/site/vendor/analytics.js and /site/vendor/chat.js), and one inline gated script
// (performance) ahead of them, as `gtag('config', …)` is gated on real sites: its wait after the
// click is the consent manager's alone (no fetch covers it).
//
// `banner` tells the in-page probe where the first-layer banner is (`host` = a shadow host),
// `accept` / `reject` are Playwright selectors (they pierce open shadow roots).

import { readFileSync } from 'node:fs';

const css = '<link rel="stylesheet" href="/site/site.css">';
/** crumbs' config, given inline before its tag as the README advises (no request for it). */
const crumbsConfig = readFileSync(new URL('site/crumbs.config.json', import.meta.url), 'utf8').trim();
/** The inline gated stand-in: records when it ran, as the external ones do. */
export const INLINE_GATED = "(window.__gated = window.__gated || []).push({ id: 'inline', t: performance.now() });";
/** The nonce the bench's strict policy allows inline scripts by (server.mjs): a site with a strict
 *  CSP runs its gated inline scripts so, and crumbs keeps the nonce when it releases one. */
export const NONCE = 'bench-inline';
/** The gated-script markup crumbs and CookieConsent share (type="text/plain", data-src). */
const plain = (attr, perf, func) => [
  `<script type="text/plain" ${attr}="${perf}" nonce="${NONCE}">${INLINE_GATED}</script>`,
  `<script type="text/plain" ${attr}="${perf}" data-src="/site/vendor/analytics.js"></script>`,
  `<script type="text/plain" ${attr}="${func}" data-src="/site/vendor/chat.js"></script>`,
].join('\n');

export const variants = [
  {
    id: 'baseline',
    name: 'no banner',
    peer: false,
    // The same inert gated tags, nothing to run them.
    head: [css, plain('data-category', 'performance', 'functionality')].join('\n'),
    banner: null,
  },
  {
    // A control, not a consent manager: an empty script where crumbs' tag goes. What any
    // parser-blocking tag costs the page by its round trip alone, before it does any work.
    id: 'synctag',
    name: 'empty sync tag',
    peer: false,
    head: ['<script src="/site/empty.js"></script>', css, plain('data-category', 'performance', 'functionality')].join('\n'),
    banner: null,
  },
  {
    id: 'crumbs',
    name: 'crumbs',
    peer: false,
    // As the README says: the config inline, then the one tag, first in <head>. The config's
    // bytes are counted as a file (`inline`), like the peers' config files.
    head: [`<script type="application/json" id="crumbs-config">${crumbsConfig}</script>`,
      '<script src="/crumbs/crumbs.js"></script>', css, plain('data-category', 'performance', 'functionality')].join('\n'),
    inline: [{ path: '(inline in the page) crumbs-config', text: crumbsConfig }],
    banner: { host: '#crumbs', sel: '[data-crumbs="banner"]' },
    accept: '[data-crumbs="banner"] [data-action="accept-all"]',
    reject: '[data-crumbs="banner"] [data-action="reject-all"]',
    csp: 'enforce',
  },
  {
    id: 'cookieconsent',
    name: 'CookieConsent',
    pkg: 'vanilla-cookieconsent',
    peer: true,
    // The documented set-up: the stylesheet, the UMD build and a config file, deferred.
    head: ['<link rel="stylesheet" href="/lib/cookieconsent/cookieconsent.css">', css,
      '<script defer src="/lib/cookieconsent/cookieconsent.umd.js"></script>',
      '<script defer src="/site/cookieconsent.init.js"></script>',
      plain('data-category', 'performance', 'functionality')].join('\n'),
    banner: { sel: '#cc-main .cm' },
    accept: '#cc-main .cm [data-role="all"]',
    reject: '#cc-main .cm [data-role="necessary"]',
  },
  {
    id: 'orejime',
    name: 'Orejime',
    pkg: 'orejime',
    peer: true,
    // window.orejimeConfig, then the standard theme (English) and its stylesheet; gated
    // markup goes in <template data-purpose>.
    head: ['<link rel="stylesheet" href="/lib/orejime/orejime-standard.css">', css,
      '<script defer src="/site/orejime.config.js"></script>',
      '<script defer src="/lib/orejime/orejime-standard-en.js"></script>',
      `<template data-purpose="performance"><script>${INLINE_GATED}</script><script src="/site/vendor/analytics.js"></script></template>`,
      '<template data-purpose="functionality"><script src="/site/vendor/chat.js"></script></template>'].join('\n'),
    banner: { sel: '.orejime-Banner' },
    accept: '.orejime-Banner .orejime-Banner-saveButton',
    reject: '.orejime-Banner .orejime-Banner-declineButton',
  },
  {
    id: 'klaro',
    name: 'Klaro',
    pkg: 'klaro',
    peer: true,
    // The documented set-up: a config file and klaro.js (styles included), both deferred.
    head: [css, '<script defer src="/site/klaro.config.js"></script>',
      '<script defer data-config="klaroConfig" src="/lib/klaro/klaro.js"></script>',
      `<script type="text/plain" data-type="text/javascript" data-name="analytics">${INLINE_GATED}</script>`,
      '<script type="text/plain" data-type="text/javascript" data-name="analytics" data-src="/site/vendor/analytics.js"></script>',
      '<script type="text/plain" data-type="text/javascript" data-name="chat" data-src="/site/vendor/chat.js"></script>'].join('\n'),
    banner: { sel: '#klaro-cookie-notice' },
    accept: '#klaro-cookie-notice .cm-btn-success',
    reject: '#klaro-cookie-notice .cn-decline',
  },
  {
    id: 'tarteaucitron',
    name: 'tarteaucitron',
    pkg: 'tarteaucitronjs',
    peer: true,
    // The documented set-up: tarteaucitron.min.js (it fetches its services, language and
    // stylesheet itself), then init() and the two services in a file.
    head: [css, '<script src="/lib/tarteaucitron/tarteaucitron.min.js"></script>',
      '<script src="/site/tarteaucitron.init.js"></script>'].join('\n'),
    banner: { sel: '#tarteaucitronAlertBig' },
    accept: '#tarteaucitronPersonalize2',
    reject: '#tarteaucitronAllDenied2',
  },
];

/** Where each peer's files are served from: URL prefix → folder in bench/node_modules. */
export const libs = {
  cookieconsent: 'vanilla-cookieconsent/dist',
  orejime: 'orejime/dist',
  klaro: 'klaro/dist',
  tarteaucitron: 'tarteaucitronjs',
};

/** Files that belong to the page itself (or to the control page), not to a consent manager. */
export const pageOwn = (path) => path === '/site/site.css' || path === '/site/empty.js' || path.startsWith('/site/vendor/') || path.startsWith('/v/');
/** The gated stand-ins. */
export const isGated = (path) => path.startsWith('/site/vendor/');
