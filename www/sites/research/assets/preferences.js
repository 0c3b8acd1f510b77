// Personalisation (functionality): remembers the visitor's reading preferences in mmri_prefs.
// Gated: crumbs runs it only once functionality is allowed. Until then the text-size control
// stays disabled and says why.
(function () {
  var select = document.getElementById('text-size');
  var note = document.getElementById('prefs-note');
  var saved = (document.cookie.match(/(?:^|; )mmri_prefs=([^;]*)/) || [])[1];
  var prefs = new URLSearchParams(saved ? decodeURIComponent(saved) : '');
  function apply() { document.body.classList.toggle('text-large', prefs.get('text') === 'large'); }
  apply();
  if (select) {
    select.disabled = false;
    select.value = prefs.get('text') || 'normal';
    if (note) note.textContent = 'Saved in this browser.';
    select.addEventListener('change', function () {
      prefs.set('text', select.value);
      document.cookie = 'mmri_prefs=' + encodeURIComponent(prefs.toString()) + '; Path=/sites/research/; Max-Age=31536000; SameSite=Lax';
      apply();
    });
  }
  (window.__demo = window.__demo || { ran: [] }).ran.push('preferences');
})();
