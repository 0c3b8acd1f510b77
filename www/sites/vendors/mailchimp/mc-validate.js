// Stand-in for Mailchimp's embedded sign-up form script
// (https://s3.amazonaws.com/downloads.mailchimp.com/js/mc-validate.js). Like the real one it
// turns the form's POST to <dc>.list-manage.com/subscribe/post into a JSONP request to
// /subscribe/post-json and shows Mailchimp's answer on the page. Mailchimp's embedded form sets
// no cookie; without this script the form still works as a plain POST to Mailchimp.
(function () {
  var n = 0;
  function wire(form) {
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var cb = '__mcCallback' + (++n);
      var url = new URL(form.action.replace('/post?', '/post-json?'));
      new FormData(form).forEach(function (v, k) { url.searchParams.set(k, v); });
      url.searchParams.set('c', cb);
      window[cb] = function (resp) {
        var box = document.getElementById(resp.result === 'success' ? 'mce-success-response' : 'mce-error-response');
        if (box) { box.textContent = resp.msg; box.hidden = false; }
        delete window[cb];
      };
      var s = document.createElement('script');
      s.src = url.href;
      document.head.appendChild(s);
    });
  }
  function all() { document.querySelectorAll('#mc-embedded-subscribe-form').forEach(wire); }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', all); else all();
  (window.__demo = window.__demo || { ran: [] }).ran.push('mailchimp');
})();
