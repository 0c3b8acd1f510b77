// A tracker that writes its cookie back at set times after its category is withdrawn (the
// page's ?delays=, in ms, comma-separated), each time watching for the cookie to go. It notes,
// on the page's clock, when the withdrawal came and, for each write, when it was made, that it
// landed, and when the cookie was gone, so a test knows which of crumbs' re-checks erased it.
(function () {
  var delays = (new URLSearchParams(location.search).get('delays') || '').split(',').filter(Boolean).map(Number);
  var note = (window.__writeBack = { withdrawnAt: null, writes: [] });
  var has = function () { return /(^|; )_ga=back(;|$)/.test(document.cookie); };
  document.cookie = '_ga=GA1.1.1.1; Max-Age=3600; Path=/';
  document.addEventListener('crumbs:consent', function (e) {
    if (note.withdrawnAt !== null || e.detail.granted.indexOf('performance') >= 0) return;
    note.withdrawnAt = performance.now();
    delays.forEach(function (delay) {
      setTimeout(function () {
        document.cookie = '_ga=back; Max-Age=3600; Path=/';
        var w = { wroteAt: performance.now(), landed: has(), goneAt: null };
        note.writes.push(w);
        var watch = setInterval(function () {
          if (has()) return;
          w.goneAt = performance.now();
          clearInterval(watch);
        }, 10);
      }, delay);
    });
  });
  (window.__demo = window.__demo || { ran: [] }).ran.push('write-back');
})();
