// Stand-in for every third-party script in the zoo: records its name (the `n` parameter of its
// own URL) in run order and sets a cookie, as trackers do.
(function () {
  var src = document.currentScript && document.currentScript.src;
  var name = src ? new URL(src).searchParams.get('n') : 'unknown';
  document.cookie = 'zoo_' + name + '=1; Path=/; Max-Age=3600';
  (window.__demo = window.__demo || { ran: [] }).ran.push(name);
})();
