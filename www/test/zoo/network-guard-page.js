// The network guard's test page: every kind of request that code already running can make, to
// third-party stand-in hosts (each with its own `n=`), plus one to a strictly necessary host
// (Stripe) and one to the page's own origin. Round 1 runs as this script does, in the head,
// before crumbs' core is ready; the test fires later rounds. Each outcome is kept in __net.
(function () {
  var port = document.documentElement.dataset.tlsPort;
  var at = function (host, path, n) { return 'https://' + host + ':' + port + path + '?n=' + n; };
  var net = window.__net = {};
  // Whether crumbs could judge a URL when round 1 was made (it could not: the core loads later).
  window.__judgeableAtStart = window.crumbs ? window.crumbs.allowsUrl(at('js.stripe.com', '/v3/', 'probe')) !== undefined : null;
  window.fireRequests = function (round) {
    var name = function (kind) { return round + '-' + kind; };
    var fetched = function (kind, input) {
      fetch(input).then(function () { net[name(kind)] = 'ok'; }, function (e) { net[name(kind)] = e.name; });
    };
    fetched('fetch', at('connect.facebook.net', '/tr', name('fetch')));
    fetched('request', new Request(at('static.hotjar.com', '/api', name('request'))));
    fetched('url', new URL(at('tracker.unknown-vendor.example', '/p', name('url'))));
    var xhr = new XMLHttpRequest();
    xhr.open('GET', at('www.googletagmanager.com', '/g/collect', name('xhr')));
    xhr.onload = function () { net[name('xhr')] = 'ok'; };
    xhr.onerror = function () { net[name('xhr')] = 'error ' + xhr.readyState + ' ' + xhr.status; };
    xhr.send();
    net[name('beacon')] = navigator.sendBeacon(at('connect.facebook.net', '/beacon', name('beacon')), 'hit');
    // The stand-in hosts answer with JavaScript, so a sent image fails to decode too: what
    // tells sent from dropped is the request itself.
    var image = new Image();
    image.onload = image.onerror = function (e) { net[name('image')] = e.type; };
    image.src = at('connect.facebook.net', '/tr', name('image'));
    // What the page reads back: the URL it set, requested or not.
    (window.__srcs = window.__srcs || {})[round] = image.src;
    var attr = document.createElement('img');
    attr.onload = attr.onerror = function (e) { net[name('attr')] = e.type; };
    attr.setAttribute('src', at('static.hotjar.com', '/pixel', name('attr')));
    fetched('necessary', at('js.stripe.com', '/v3/', name('necessary')));
    fetched('self', '/test/zoo/zoo.config.json?n=' + name('self'));
  };
  window.fireRequests('round1');
})();
