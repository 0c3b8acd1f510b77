// Stand-in for HubSpot's analytics script (js.hs-analytics.net/analytics/<time>/<portal>.js).
// It sets the cookies HubSpot documents ("Cookies set in a visitor's browser by HubSpot"):
// __hstc (the main tracking cookie, 6 months), hubspotutk (visitor identity, passed to HubSpot
// forms, 6 months), __hssc (session, 30 minutes), __hssrc (new session flag, session), and
// sends the page view to track.hubspot.com/__ptq.gif.
(function () {
  var src = new URL(document.currentScript.src);
  var portal = src.pathname.split('/').pop().replace(/\.js$/, '');
  var now = Date.now();
  function get(name) {
    var m = document.cookie.match(new RegExp('(?:^|; )' + name + '=([^;]*)'));
    return m ? m[1] : null;
  }
  function set(name, value, maxAge) {
    document.cookie = name + '=' + value + '; Path=/' + (maxAge ? '; Max-Age=' + maxAge : '') + '; SameSite=Lax';
  }
  var utk = get('hubspotutk') || Array.from(crypto.getRandomValues(new Uint8Array(16)), function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  set('hubspotutk', utk, 15552000);
  set('__hstc', portal + '.' + utk + '.' + now + '.' + now + '.' + now + '.1', 15552000);
  set('__hssc', portal + '.1.' + now, 1800);
  set('__hssrc', '1', 0);
  fetch('https://track.hubspot.com:' + src.port + '/__ptq.gif?k=1&a=' + portal + '&vi=' + utk + '&r=' + encodeURIComponent(location.href), { mode: 'no-cors', keepalive: true });
  (window.__demo = window.__demo || { ran: [] }).ran.push('hubspot-analytics');
})();
