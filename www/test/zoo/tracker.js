// Stand-in for every third-party script in the zoo: records its name (the `n` parameter of its
// own URL) in run order, in the top page's list when it runs in a same-origin frame, and sets a
// cookie, as trackers do. A script in a shadow root or a module has no currentScript: its URL
// is then read from a stack trace.
(function () {
  var src = document.currentScript && document.currentScript.src;
  if (!src) src = (new Error().stack.match(/https?:\/\/[^\s)]+?\?[^\s):]*/) || [''])[0];
  var name = src ? new URL(src).searchParams.get('n') : 'unknown';
  var w = window;
  try { if (top.document) w = top; } catch (e) {}
  document.cookie = 'zoo_' + name + '=1; Path=/; Max-Age=3600';
  (w.__demo = w.__demo || { ran: [] }).ran.push(name);
})();
