// What the same-origin frame keeps.
localStorage.setItem('frame_key', '1');
document.cookie = 'frame_cookie=1; Path=/; Max-Age=3600';
