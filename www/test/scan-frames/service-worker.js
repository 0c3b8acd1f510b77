// A service worker: a tracker request when it installs, and a response that sets a cookie.
var tls = new URL(self.location.href).searchParams.get('tls');
self.addEventListener('install', function (e) {
  e.waitUntil(Promise.all([
    fetch('https://static.hotjar.com:' + tls + '/c/sw.js?n=serviceworker', { mode: 'no-cors' }),
    fetch('/test/scan-frames/sw-cookie', { credentials: 'same-origin' }),
  ]).catch(function () {}));
});
