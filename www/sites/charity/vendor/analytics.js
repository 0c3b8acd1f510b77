// Local stand-in for Google Analytics (gtag.js): sets the first-party cookies the real script
// sets, the way it sets them, and records that it ran. Gated: it must only run after consent.
(function () {
  var now = Math.floor(Date.now() / 1000);
  var id = Math.floor(Math.random() * 2147483647) + '.' + now;
  function set(name, value, maxAge) {
    document.cookie = name + '=' + value + '; Path=/; Max-Age=' + maxAge + '; SameSite=Lax';
  }
  set('_ga', 'GA1.1.' + id, 63072000);
  set('_gid', 'GA1.1.' + id, 86400);
  set('_gat', '1', 60);
  (window.__demo = window.__demo || { ran: [] }).ran.push('analytics');
})();
