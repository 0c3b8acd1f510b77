// Starts a dedicated worker, a shared worker and a service worker, each of which calls a
// tracker stand-in (www/test/zoo/tracker.js on a test-mapped vendor host) on its own.
(function () {
  var tls = new URL(document.currentScript.src).searchParams.get('tls');
  new Worker('/test/scan-frames/worker.js?tls=' + tls);
  if (window.SharedWorker) new SharedWorker('/test/scan-frames/shared-worker.js?tls=' + tls);
  if (navigator.serviceWorker) navigator.serviceWorker.register('/test/scan-frames/service-worker.js?tls=' + tls, { scope: '/test/scan-frames/' });
})();
