// Page code that gives scripts and iframes a third-party src without the src property or
// setAttribute: setAttributeNS, an Attr node, a setter taken from another document's realm and
// markup parsed by Range.createContextualFragment (whose scripts run when inserted);
// and an iframe given its src by setAttributeNS once it is in the page.
(function () {
  var port = document.documentElement.dataset.tlsPort;
  var url = function (host, n) { return 'https://' + host + ':' + port + '/e/' + n + '.js?n=' + n; };
  var a = document.createElement('script');
  a.setAttributeNS(null, 'src', url('connect.facebook.net', 'evade-ns'));
  document.head.appendChild(a);
  var b = document.createElement('script');
  var attr = document.createAttribute('src');
  attr.value = url('connect.facebook.net', 'evade-attr');
  b.setAttributeNode(attr);
  document.head.appendChild(b);
  var frame = document.createElement('iframe');
  document.head.appendChild(frame);
  var c = document.createElement('script');
  Object.getOwnPropertyDescriptor(frame.contentWindow.HTMLScriptElement.prototype, 'src').set.call(c, url('connect.facebook.net', 'evade-realm'));
  frame.remove();
  document.head.appendChild(c);
  document.head.appendChild(document.createRange().createContextualFragment('<script src="' + url('connect.facebook.net', 'evade-range') + '"></' + 'script>'));
  var yt = document.createElement('iframe');
  yt.id = 'evade-frame';
  document.head.appendChild(yt);
  yt.setAttributeNS(null, 'src', 'https://www.youtube.com:' + port + '/embed/evade');
  window.__evadeDone = true;
})();
