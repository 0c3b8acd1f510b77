// First-party page code that adds third-party trackers in every way it can, running before
// crumbs' wasm is ready. Stand-in hosts resolve to the test server.
(function () {
  var port = document.documentElement.dataset.tlsPort;
  function url(host, path, name) { return 'https://' + host + ':' + port + path + (path.indexOf('?') < 0 ? '?' : '&') + 'n=' + name; }
  var head = document.head;
  // 1. createElement + appendChild (Google Analytics: performance)
  var s1 = document.createElement('script'); s1.src = url('www.googletagmanager.com', '/gtag/js?id=G-ZOO', 'ga'); head.appendChild(s1);
  // 2. insertBefore (Meta Pixel: targeting)
  var s2 = document.createElement('script'); s2.src = url('connect.facebook.net', '/en_US/fbevents.js', 'fb'); head.insertBefore(s2, head.firstChild);
  // 3. append (Hotjar: performance)
  var s3 = document.createElement('script'); s3.setAttribute('src', url('static.hotjar.com', '/c/hotjar.js', 'hotjar')); head.append(s3);
  // 4. replaceWith (unknown vendor: needs the strictest consent)
  var stub = document.createElement('span'); head.appendChild(stub);
  var s4 = document.createElement('script'); s4.src = url('tracker.unknown-vendor.example', '/t.js', 'unknown'); stub.replaceWith(s4);
  // 5. src set after insertion (Google Ads tag: targeting)
  var s5 = document.createElement('script'); head.appendChild(s5); s5.src = url('www.googletagmanager.com', '/gtag/js?id=AW-ZOO', 'ads');
  // 6. setAttribute('src') after insertion, type set afterwards too (Hotjar again)
  var s6 = document.createElement('script'); head.appendChild(s6); s6.setAttribute('src', url('static.hotjar.com', '/c/modules.js', 'hotjar2')); s6.type = 'text/javascript';
  // 7. document.write (Meta again)
  document.write('<script src="' + url('connect.facebook.net', '/signals/config.js', 'fbwrite') + '"><\/script>');
  // 8. strictly necessary (Stripe): held only until the core is ready, then released
  var s8 = document.createElement('script'); s8.src = url('js.stripe.com', '/v3/', 'stripe'); head.appendChild(s8);
  window.__zooInjectDone = true;
})();
