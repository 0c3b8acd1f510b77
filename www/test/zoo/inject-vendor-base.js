// Mixpanel's library CDN, which crumbs' own rules do not name and the compiled vendor lists
// file under performance (its stand-in host resolves to the test server). Not Mixpanel's usual
// `mixpanel-2-latest.min.js`: crumbs' generic file names know that one without the table.
(function () {
  var port = document.documentElement.dataset.tlsPort;
  var s = document.createElement('script');
  s.src = 'https://cdn.mxpnl.com:' + port + '/libs/mixpanel.js?n=mixpanel';
  document.head.appendChild(s);
  window.__zooInjectDone = true;
})();
