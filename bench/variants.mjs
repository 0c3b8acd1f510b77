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
/** A file of bench/site/, for a set-up its documentation gives inline in the page. */
const siteFile = (name) => readFileSync(new URL(`site/${name}`, import.meta.url), 'utf8').trim();
/** crumbs' config, given inline before its tag as the README advises (no request for it). */
const crumbsConfig = siteFile('crumbs.config.json');
/** Orejime's and tarteaucitron's set-ups, inline as their documentation shows them. */
const orejimeConfig = siteFile('orejime.config.js');
const tarteaucitronInit = siteFile('tarteaucitron.init.js');
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
    // As its Getting Started page shows: the stylesheet in <head>, and at the end of <body> a
    // module, the config file, which imports the UMD build and runs it.
    head: ['<link rel="stylesheet" href="/lib/cookieconsent/cookieconsent.css">', css,
      plain('data-category', 'performance', 'functionality')].join('\n'),
    bodyEnd: '<script type="module" src="/site/cookieconsent.init.js"></script>',
    banner: { sel: '#cc-main .cm' },
    accept: '#cc-main .cm [data-role="all"]',
    reject: '#cc-main .cm [data-role="necessary"]',
  },
  {
    id: 'orejime',
    name: 'Orejime',
    pkg: 'orejime',
    peer: true,
    // As its README shows: the stylesheet, window.orejimeConfig set in an inline script, and
    // the standard theme (English), a plain script (no defer or async); gated markup goes in
    // <template data-purpose>.
    head: ['<link rel="stylesheet" href="/lib/orejime/orejime-standard.css">', css,
      `<script>${orejimeConfig}</script>`,
      '<script src="/lib/orejime/orejime-standard-en.js"></script>',
      `<template data-purpose="performance"><script>${INLINE_GATED}</script><script src="/site/vendor/analytics.js"></script></template>`,
      '<template data-purpose="functionality"><script src="/site/vendor/chat.js"></script></template>'].join('\n'),
    inline: [{ path: '(inline in the page) window.orejimeConfig', text: orejimeConfig }],
    banner: { sel: '.orejime-Banner' },
    accept: '.orejime-Banner .orejime-Banner-saveButton',
    reject: '.orejime-Banner .orejime-Banner-declineButton',
  },
  {
    id: 'klaro',
    name: 'Klaro',
    pkg: 'klaro',
    peer: true,
    // As its documentation shows: the config file, then klaro.js (styles included), both
    // deferred (klaro reads the global klaroConfig by default).
    head: [css, '<script defer type="text/javascript" src="/site/klaro.config.js"></script>',
      '<script defer type="text/javascript" src="/lib/klaro/klaro.js"></script>',
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
    // As its documentation shows: tarteaucitron.min.js, a plain script (it fetches its
    // services, language and stylesheet itself), then an inline script calling init() and
    // adding the two services.
    head: [css, '<script src="/lib/tarteaucitron/tarteaucitron.min.js"></script>',
      `<script>${tarteaucitronInit}</script>`].join('\n'),
    inline: [{ path: '(inline in the page) tarteaucitron.init', text: tarteaucitronInit }],
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
