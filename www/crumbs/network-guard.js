/*! crumbs network guard (opt-in): a second synchronous tag, right after crumbs' own.
 * The pre-blocker holds third-party scripts and iframes; this holds the requests code that is
 * already running makes: fetch, XMLHttpRequest, navigator.sendBeacon and an image's src. A
 * request to another origin is judged by crumbs' URL classifier through window.crumbs.allowsUrl:
 * sent if the consent allows it, else dropped as a network error would end it. One made before
 * crumbs' core is ready waits for it (crumbs.ready), then is sent or dropped; a dropped request
 * is never sent later. Without window.crumbs every third-party request is dropped.
 *
 * This is the source: `npm run build` bundles it into www/crumbs/crumbs-network-guard.js. It is
 * a file of its own so that a site which does not use it downloads nothing for it. */

'use strict';

var api = window.crumbs;
// Fail closed: with no crumbs to ask, nothing third-party may be judged allowed.
var noCrumbs = !api || typeof api.allowsUrl !== 'function';
if (noCrumbs) {
  console.error("crumbs network guard: no window.crumbs.allowsUrl (this tag must come right after crumbs' own, of the same version); every third-party request is dropped.");
}
// crumbs' own folder (where this file is built to): crumbs fetches its core, glue and wording
// from there through the fetch wrapped here, and must not wait on itself.
var src = document.currentScript && document.currentScript.src;
var own = src ? src.replace(/[?#].*/, '').replace(/[^/]*$/, '') : null;

// A URL as the browser will request it: absolute against `base`; null if it is no URL (the
// browser then fails the request itself, so it is passed on untouched).
function absolute(u, base) {
  try { return new URL(u, base).href; } catch (e) { return null; }
}
// true: send it now; false: drop it; a promise of either while crumbs' core is not ready.
// Only http(s) to another origin leaves the page (data:, blob: and about: never do).
function judge(abs) {
  if (abs === null || !/^https?:/.test(abs) || abs.indexOf(location.origin + '/') === 0 || (own && abs.indexOf(own) === 0)) return true;
  if (noCrumbs) return false;
  var now;
  try { now = api.allowsUrl(abs); } catch (e) { return false; }
  if (now !== undefined) return now === true;
  return api.ready.then(function () { return api.allowsUrl(abs) === true; });
}
// Calls then(ok) once a held verdict is in; a failure to judge drops the request.
function settle(verdict, then) {
  verdict.then(then, function () { then(false); });
}
// What a dropped request's error says, after the browser's own words.
var refused = ' (crumbs: no consent for this URL)';

// ---- fetch ---------------------------------------------------------------------------------
var nativeFetch = window.fetch;
if (nativeFetch) {
  window.fetch = function fetch(input) {
    var self = this, args = arguments;
    // A Request (from any window) carries its own absolute URL; anything else is a string or a URL.
    var u = Object.prototype.toString.call(input) === '[object Request]' ? input.url : input;
    var verdict = judge(absolute(u, document.baseURI));
    if (verdict === true) return nativeFetch.apply(self, args);
    return Promise.resolve(verdict).catch(function () { return false; }).then(function (ok) {
      // A refusal looks like a network error: fetch's callers handle that TypeError already.
      if (!ok) throw new TypeError('Failed to fetch' + refused);
      return nativeFetch.apply(self, args);
    });
  };
}

// ---- XMLHttpRequest ------------------------------------------------------------------------
var xhrProto = window.XMLHttpRequest && XMLHttpRequest.prototype;
if (xhrProto) {
  var xhrOpen = xhrProto.open, xhrSend = xhrProto.send, xhrAbort = xhrProto.abort;
  var readyState = Object.getOwnPropertyDescriptor(xhrProto, 'readyState');
  // Each request's last open(): its absolute URL, whether it is synchronous, whether its send
  // is held. A dropped one reads as done (readyState 4, status 0), as after a network error.
  var opened = new WeakMap(), failed = new WeakSet();
  // A dropped request ends in a later task, as a network error would: done, then error.
  var fail = function (xhr, req) {
    setTimeout(function () {
      if (opened.get(xhr) !== req) return;
      failed.add(xhr);
      xhr.dispatchEvent(new Event('readystatechange'));
      xhr.dispatchEvent(new ProgressEvent('error'));
      xhr.dispatchEvent(new ProgressEvent('loadend'));
    });
  };
  xhrProto.open = function (method, u) {
    var r = xhrOpen.apply(this, arguments);
    // The browser resolves the URL when open() is called; async is true unless passed falsy.
    opened.set(this, { url: absolute(u, document.baseURI), sync: arguments.length > 2 && !arguments[2] });
    failed.delete(this);
    return r;
  };
  xhrProto.send = function () {
    var xhr = this, args = arguments, req = opened.get(xhr);
    // Not opened (or opened before this ran): the browser's own send decides.
    var verdict = req ? judge(req.url) : true;
    if (verdict === true) return xhrSend.apply(xhr, args);
    if (req.sync) {
      // A synchronous request cannot wait for the core: it fails as a network error does.
      failed.add(xhr);
      throw new DOMException('Failed to send' + refused, 'NetworkError');
    }
    if (verdict === false) return fail(xhr, req);
    req.held = true;
    settle(verdict, function (ok) {
      // Opened again or aborted while held: that request is gone.
      if (opened.get(xhr) !== req || !req.held) return;
      req.held = false;
      if (ok) xhrSend.apply(xhr, args); else fail(xhr, req);
    });
  };
  xhrProto.abort = function () {
    var req = opened.get(this);
    if (req && req.held) {
      req.held = false;
      this.dispatchEvent(new ProgressEvent('abort'));
      this.dispatchEvent(new ProgressEvent('loadend'));
    }
    return xhrAbort.apply(this, arguments);
  };
  Object.defineProperty(xhrProto, 'readyState', {
    configurable: true, enumerable: true,
    get: function () { return failed.has(this) ? 4 : readyState.get.call(this); }
  });
}

// ---- navigator.sendBeacon ------------------------------------------------------------------
var navProto = window.Navigator && Navigator.prototype, nativeBeacon = navProto && navProto.sendBeacon;
if (nativeBeacon) {
  navProto.sendBeacon = function (u) {
    var nav = this, args = arguments, verdict = judge(absolute(u, document.baseURI));
    if (verdict === true) return nativeBeacon.apply(nav, args);
    if (verdict !== false) settle(verdict, function (ok) { if (ok) nativeBeacon.apply(nav, args); });
    // Held or dropped, it reports "queued": a caller told false would retry another way.
    return true;
  };
}

// ---- Images: new Image().src, img.src, img.setAttribute('src') ----------------------------
var imgProto = HTMLImageElement.prototype, imgSrc = Object.getOwnPropertyDescriptor(imgProto, 'src');
// An image held or dropped → { url }: its src reads as that URL, though no request was made.
var heldImages = new WeakMap();
// An image that gets no request fails as a broken one does: error, in a later task.
function imageFailed(img) {
  setTimeout(function () { img.dispatchEvent(new Event('error')); });
}
function setImageSrc(img, value, set) {
  heldImages.delete(img);
  var abs = absolute(String(value), img.baseURI), verdict = judge(abs);
  if (verdict === true) return set();
  var held = { url: abs };
  heldImages.set(img, held);
  if (verdict === false) return imageFailed(img);
  settle(verdict, function (ok) {
    // Its src changed while held: that request is gone.
    if (heldImages.get(img) !== held) return;
    if (!ok) return imageFailed(img);
    heldImages.delete(img);
    set();
  });
}
Object.defineProperty(imgProto, 'src', {
  configurable: true, enumerable: true,
  get: function () { var held = heldImages.get(this); return held ? held.url : imgSrc.get.call(this); },
  set: function (v) { var img = this; setImageSrc(img, v, function () { imgSrc.set.call(img, v); }); }
});
// On images only, in front of Element's (the pre-blocker's hook, or the browser's), which this
// calls and leaves in place: the pre-blocker reports a hook of its that page code replaced.
var elementSetAttribute = Element.prototype.setAttribute;
Object.defineProperty(imgProto, 'setAttribute', {
  configurable: true, enumerable: true, writable: true,
  value: function (name, value) {
    var img = this, args = arguments;
    if (String(name).toLowerCase() !== 'src') return elementSetAttribute.apply(img, args);
    setImageSrc(img, value, function () { elementSetAttribute.apply(img, args); });
  }
});
