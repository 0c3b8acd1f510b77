// Shows commenters' Gravatar images. WordPress would print <img src="https://secure.gravatar.com/
// avatar/<hash>">, which sends every reader's IP address and a hash of the commenter's email to
// Automattic; the theme prints data-gravatar instead and this gated (functionality) script
// swaps the images in once the visitor allows it. Until then a plain circle shows (CSS, no request).
(function () {
  document.querySelectorAll('img[data-gravatar]').forEach(function (img) { img.src = img.dataset.gravatar; });
  (window.__demo = window.__demo || { ran: [] }).ran.push('gravatar');
})();
