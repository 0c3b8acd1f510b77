// Gated stand-in for Google Analytics (performance): sets the cookies the real gtag.js sets,
// the way the charity demo's stand-in does, and records when it ran (performance.now()).
(function () {
  (window.__gated = window.__gated || []).push({ id: 'performance', t: performance.now() });
  var now = Math.floor(Date.now() / 1000);
  var id = Math.floor(Math.random() * 2147483647) + '.' + now;
  function set(name, value, maxAge) {
    document.cookie = name + '=' + value + '; Path=/; Max-Age=' + maxAge + '; SameSite=Lax';
  }
  set('_ga', 'GA1.1.' + id, 63072000);
  set('_gid', 'GA1.1.' + id, 86400);
  set('_gat', '1', 60);
})();
