// Shows who is signed in, from the mmri_id identification cookie (strictly necessary, first
// party; mmri_auth itself is HttpOnly and never visible to scripts).
(function () {
  var who = (document.cookie.match(/(?:^|; )mmri_id=([^;]*)/) || [])[1];
  var out = document.getElementById('signed-in');
  if (out) out.textContent = who ? 'Signed in as ' + decodeURIComponent(who) + '.' : 'You are not signed in.';
})();
