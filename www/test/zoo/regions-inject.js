// A page script that adds a third-party advertising script, as ad tags do.
var s = document.createElement('script');
s.src = 'https://connect.facebook.net:' + document.documentElement.dataset.tlsPort + '/p/ads.js?n=fb';
document.head.appendChild(s);
