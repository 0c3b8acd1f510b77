// A tracker that writes its cookie back a set time after its category is withdrawn (the page's
// ?delay= in ms), then watches for the cookie to go. It notes, on the page's clock: when the
// withdrawal came, when it wrote the cookie back (and that the write landed), and when the
// cookie was gone again, so a test knows which of crumbs' re-checks erased it.
(function () {
  var delay = Number(new URLSearchParams(location.search).get('delay'));
  var note = (window.__writeBack = { withdrawnAt: null, wroteAt: null, landed: null, goneAt: null });
  var has = function () { return /(^|; )_ga=back(;|$)/.test(document.cookie); };
  document.cookie = '_ga=GA1.1.1.1; Max-Age=3600; Path=/';
  document.addEventListener('crumbs:consent', function (e) {
    if (note.withdrawnAt !== null || e.detail.granted.indexOf('performance') >= 0) return;
    note.withdrawnAt = performance.now();
    setTimeout(function () {
      document.cookie = '_ga=back; Max-Age=3600; Path=/';
      note.wroteAt = performance.now();
      note.landed = has();
      var watch = setInterval(function () {
        if (has()) return;
        note.goneAt = performance.now();
        clearInterval(watch);
      }, 10);
    }, delay);
  });
  (window.__demo = window.__demo || { ran: [] }).ran.push('write-back');
})();
