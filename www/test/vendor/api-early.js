// Calls the API before the wasm core can possibly be ready: the loader must queue the calls.
window.__demo = window.__demo || { ran: [] };
document.addEventListener('crumbs:consent', function (e) { window.__demo.event = e.detail; });
window.__demo.beforeReady = { consent: window.crumbs.getConsent(), performance: window.crumbs.hasConsent('performance') };
window.crumbs.accept(['performance']);
