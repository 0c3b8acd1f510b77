// Loads the theme's Google Fonts stylesheet. Gated (functionality): crumbs runs it only once
// the visitor allows functionality cookies, because each Google Fonts request sends the
// visitor's IP address to Google. A <link> cannot be gated by crumbs itself, so the theme adds
// it from this script. The vendor port is only set in tests (stand-in servers).
(function () {
  var port = document.documentElement.dataset.vendorPort;
  var link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = 'https://fonts.googleapis.com' + (port ? ':' + port : '') + '/css2?family=Lato&display=swap';
  document.head.appendChild(link);
  (window.__demo = window.__demo || { ran: [] }).ran.push('google-fonts');
})();
