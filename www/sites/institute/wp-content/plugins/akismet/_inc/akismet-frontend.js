// Akismet's front-end script (first party, from the Akismet plugin): it fills the hidden ak_js
// field with the time the form was shown, which Akismet's server-side spam check uses. It sets
// no cookie and contacts no one; the comment itself is checked by Akismet from our server when
// it is sent (strictly necessary: keeps spam off the comments).
(function () {
  function fill() {
    document.querySelectorAll('input[name^="ak_js"]').forEach(function (el) { el.value = String(Date.now()); });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', fill); else fill();
})();
