// A shared worker: a request to a vendor crumbs does not know.
var tls = new URL(self.location.href).searchParams.get('tls');
fetch('https://tracker.unknown-vendor.example:' + tls + '/collect?n=shared', { mode: 'no-cors' });
