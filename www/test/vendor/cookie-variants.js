// A tracker that spreads its cookies over every domain and path it can, keeps data in web
// storage, and writes its cookies back a second later (as real trackers do).
(function () {
  var host = location.hostname;
  var parent = host.split('.').slice(1).join('.');
  var domains = ['', '; Domain=' + host, '; Domain=' + parent];
  var paths = ['/', '/test/', '/test/erasure/'];
  function plant() {
    domains.forEach(function (d) {
      paths.forEach(function (p) { document.cookie = '_ga=GA1.1.1.1; Max-Age=3600; Path=' + p + d; });
    });
    document.cookie = '_ga_ABC123=GS1.1; Max-Age=3600; Path=/; Domain=' + parent;
  }
  plant();
  localStorage.setItem('ajs_user_id', 'u-1');
  sessionStorage.setItem('hjViewportId', 'v-1');
  setTimeout(plant, 1000);
  (window.__demo = window.__demo || { ran: [] }).ran.push('variants');
})();
