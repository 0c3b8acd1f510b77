// The zoo's ways in: first-party page code that brings in a third party by the path named in
// ?p= (one path per page view, so each has its own control: the page with ?control has no
// crumbs). Each third party carries the path's name as its `n` parameter: a script records it
// when it runs (tracker.js), a frame's page is found by it. tests/e2e/zoo-paths.test.mjs lists
// the paths and what crumbs does with each.
(function () {
  var port = document.documentElement.dataset.tlsPort;
  var p = new URLSearchParams(location.search).get('p');
  var script = 'https://connect.facebook.net:' + port + '/p/' + p + '.js?n=' + p;
  var frame = 'https://www.youtube.com:' + port + '/embed/' + p + '?n=' + p;
  var head = document.head, box = document.getElementById('box');
  var SVG = 'http://www.w3.org/2000/svg';
  function el(tag, attrs) {
    var e = document.createElement(tag);
    for (var k in attrs) e[k] = attrs[k];
    return e;
  }
  function shadow(mode) { return box.appendChild(document.createElement('div')).attachShadow({ mode: mode || 'open' }); }
  function blankFrame() { return box.appendChild(document.createElement('iframe')); }
  function svg() { return box.appendChild(document.createElementNS(SVG, 'svg')); }
  function link(rel, as) { var l = document.createElement('link'); l.rel = rel; if (as) l.as = as; l.href = script; head.appendChild(l); }
  var paths = {
    'append-child': function () { head.appendChild(el('script', { src: script })); },
    'insert-before': function () { head.insertBefore(el('script', { src: script }), head.firstChild); },
    'append': function () { var s = document.createElement('script'); s.setAttribute('src', script); head.append(s); },
    'replace-with': function () { var stub = head.appendChild(document.createElement('span')); stub.replaceWith(el('script', { src: script })); },
    'src-after-insert': function () { var s = head.appendChild(document.createElement('script')); s.src = script; },
    'set-attribute': function () { var s = head.appendChild(document.createElement('script')); s.setAttribute('src', script); },
    'set-attribute-ns': function () { var s = document.createElement('script'); s.setAttributeNS(null, 'src', script); head.appendChild(s); },
    'attr-node': function () {
      var s = document.createElement('script'), a = document.createAttribute('src');
      a.value = script;
      s.setAttributeNode(a);
      head.appendChild(s);
    },
    'other-realm-setter': function () {
      var f = blankFrame(), s = document.createElement('script');
      Object.getOwnPropertyDescriptor(f.contentWindow.HTMLScriptElement.prototype, 'src').set.call(s, script);
      head.appendChild(s);
    },
    'module': function () { head.appendChild(el('script', { type: 'module', src: script })); },
    'document-write': function () { document.write('<script src="' + script + '"><\/script>'); },
    'contextual-fragment': function () { head.appendChild(document.createRange().createContextualFragment('<script src="' + script + '"><\/script>')); },
    'svg-href': function () { var s = document.createElementNS(SVG, 'script'); s.setAttribute('href', script); svg().appendChild(s); },
    'svg-xlink-href': function () { var s = document.createElementNS(SVG, 'script'); s.setAttributeNS('http://www.w3.org/1999/xlink', 'xlink:href', script); svg().appendChild(s); },
    'shadow-append': function () { shadow().appendChild(el('script', { src: script })); },
    'shadow-closed': function () { shadow('closed').append(el('script', { src: script })); },
    'shadow-attr-ns': function () { var s = shadow().appendChild(document.createElement('script')); s.setAttributeNS(null, 'src', script); },
    'frame-create': function () { var d = blankFrame().contentDocument, s = d.createElement('script'); s.src = script; d.head.appendChild(s); },
    'frame-write': function () { var d = blankFrame().contentDocument; d.open(); d.write('<script src="' + script + '"><\/script>'); d.close(); },
    'frame-index': function () { blankFrame(); var d = window[0].document; d.write('<script src="' + script + '"><\/script>'); d.close(); },
    'srcdoc-script': function () { box.appendChild(el('iframe', { srcdoc: '<p>ad</p><script src="' + script + '"><\/script>' })); },
    'srcdoc-code': function () { box.appendChild(el('iframe', { srcdoc: '<script src="/test/zoo/paths-in-frame.js?to=' + encodeURIComponent(script) + '"><\/script>' })); },
    'srcdoc-late': function () { box.appendChild(document.createElement('iframe')).srcdoc = '<script src="/test/zoo/paths-in-frame.js?to=' + encodeURIComponent(script) + '"><\/script>'; },
    // Once the page is quiet: no change to the page's own document guards the frame first.
    'srcdoc-quiet': function () {
      return new Promise(function (r) { setTimeout(r, 1000); }).then(function () { paths['srcdoc-late'](); });
    },
    'srcdoc-attribute': function () { var f = document.createElement('iframe'); f.setAttribute('srcdoc', '<script src="' + script + '"><\/script>'); box.appendChild(f); },
    'redirect': function () { head.appendChild(el('script', { src: '/test/zoo/redirect?n=redirect&to=' + encodeURIComponent(script) })); },
    'base-relative': function () { head.appendChild(el('script', { src: 'base-relative.js?n=base-relative' })); },
    'dynamic-import': function () { import(script); },
    'iframe-src': function () { box.appendChild(el('iframe', { src: frame })); },
    'iframe-set-attribute': function () { var f = box.appendChild(document.createElement('iframe')); f.setAttribute('src', frame); },
    'iframe-inner-html': function () { box.innerHTML = '<iframe src="' + frame + '"></iframe>'; },
    'iframe-outer-html': function () { box.appendChild(document.createElement('span')).outerHTML = '<iframe src="' + frame + '"></iframe>'; },
    'iframe-adjacent-html': function () { box.insertAdjacentHTML('beforeend', '<iframe src="' + frame + '"></iframe>'); },
    'iframe-set-html-unsafe': function () { box.setHTMLUnsafe('<iframe src="' + frame + '"></iframe>'); },
    'shadow-inner-html': function () { shadow().innerHTML = '<iframe src="' + frame + '"></iframe>'; },
    'shadow-set-html-unsafe': function () { shadow().setHTMLUnsafe('<iframe src="' + frame + '"></iframe>'); },
    'object-data': function () { box.appendChild(el('object', { type: 'text/html', data: frame })); },
    'embed-src': function () { box.appendChild(el('embed', { type: 'text/html', src: frame })); },
    'preload': function () { link('preload', 'script'); },
    'modulepreload': function () { link('modulepreload'); },
    'prefetch': function () { link('prefetch'); },
    'image': function () { new Image().src = script; },
    'fetch': function () { fetch(script, { mode: 'no-cors' }).catch(function () {}); },
    'xhr': function () { var x = new XMLHttpRequest(); x.open('GET', script); x.send(); },
    'beacon': function () { navigator.sendBeacon(script, 'x'); }
  };
  // The paths of the page's own HTML (static-*.html) run nothing here.
  Promise.resolve(paths[p] && paths[p]()).then(function () { window.__pathDone = true; });
})();
