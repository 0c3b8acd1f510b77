// Stand-in for Google's tag, gtag.js (https://www.googletagmanager.com/gtag/js?id=G-…), served on
// that host name in the tests. Like the real tag it sets first-party cookies on the page's own
// site — _ga (client id, 2 years), _ga_<container id> (session state, 2 years), _gid (24 hours)
// (Google: "Google Analytics cookie usage on websites") — and sends a page_view hit to
// region1.google-analytics.com/g/collect with navigator.sendBeacon.
(function () {
  var src = new URL(document.currentScript.src);
  var id = src.searchParams.get('id') || 'G-UNKNOWN';
  var now = Math.floor(Date.now() / 1000);
  var match = document.cookie.match(/(?:^|; )_ga=GA1\.1\.([^;]+)/);
  var cid = match ? match[1] : Math.floor(Math.random() * 2147483647) + '.' + now;
  function set(name, value, maxAge) {
    document.cookie = name + '=' + value + '; Path=/; Max-Age=' + maxAge + '; SameSite=Lax';
  }
  set('_ga', 'GA1.1.' + cid, 63072000);
  set('_ga_' + id.replace(/^G-/, ''), 'GS1.1.' + now + '.1.0.' + now + '.0.0.0', 63072000);
  set('_gid', 'GA1.1.' + Math.floor(Math.random() * 2147483647) + '.' + now, 86400);
  window.dataLayer = window.dataLayer || [];
  window.gtag = window.gtag || function () { window.dataLayer.push(arguments); };
  var hit = 'https://region1.google-analytics.com:' + src.port + '/g/collect?v=2&tid=' + encodeURIComponent(id)
    + '&cid=' + encodeURIComponent(cid) + '&en=page_view&dl=' + encodeURIComponent(location.href);
  navigator.sendBeacon(hit);
  (window.__demo = window.__demo || { ran: [] }).ran.push('google-analytics');
})();
