// The Trusted Types page's own code: every value it gives a sink comes from its own policy
// ("zoo"), as on a site that enforces Trusted Types. Stand-in hosts resolve to the test server.
(function () {
  var port = document.documentElement.dataset.tlsPort;
  var zoo = trustedTypes.createPolicy('zoo', { createScriptURL: function (u) { return u; }, createHTML: function (h) { return h; } });
  // A third-party script by src (Google Analytics: performance).
  var s = document.createElement('script');
  s.src = zoo.createScriptURL('https://www.googletagmanager.com:' + port + '/gtag/js?id=G-TT&n=tt-src');
  document.head.appendChild(s);
  // Markup by innerHTML: the page's own paragraph, and a third-party frame (YouTube: targeting).
  var box = document.getElementById('tt-box');
  box.innerHTML = zoo.createHTML('<p id="tt-html">markup of the page</p><iframe id="tt-frame" src="https://www.youtube.com:' + port + '/embed/tt"></iframe>');
  window.__ttDone = true;
})();
