// A dedicated worker: a tracker request of its own, and a cache it keeps.
var tls = new URL(self.location.href).searchParams.get('tls');
fetch('https://cdn.mxpnl.com:' + tls + '/track?n=worker', { mode: 'no-cors' });
caches.open('worker-cache');
