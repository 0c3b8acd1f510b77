// More page code, run at DOMContentLoaded: iframes by markup and by createElement.
document.addEventListener('DOMContentLoaded', function () {
  var port = document.documentElement.dataset.tlsPort;
  var box = document.getElementById('embeds');
  // 9. innerHTML (YouTube: targeting)
  box.innerHTML = '<iframe id="yt" width="320" height="180" src="https://www.youtube.com:' + port + '/embed/zoo"></iframe>';
  // 10. insertAdjacentHTML (Vimeo: functionality)
  box.insertAdjacentHTML('beforeend', '<iframe id="vimeo" width="320" height="180" src="https://player.vimeo.com:' + port + '/embed/video"></iframe>');
  // 11. createElement iframe + appendChild, src first (YouTube again)
  var f = document.createElement('iframe'); f.id = 'yt2'; f.width = '320'; f.height = '180';
  f.src = 'https://www.youtube.com:' + port + '/embed/zoo2'; box.appendChild(f);
});
