// Stand-in for HubSpot's embedded forms (v4 embed: https://js.hsforms.net/forms/embed/<portal>.js
// and <div class="hs-form-frame" data-portal-id data-form-id>; no inline script, so it works
// under a strict CSP). The real embed renders the form in a frame; this one renders it with DOM
// APIs. A submission goes to forms.hsforms.com with the hubspotutk cookie as `hutk` when HubSpot
// tracking was allowed (HubSpot forms set no cookie of their own).
(function () {
  var src = new URL(document.currentScript.src);
  function render(box) {
    var form = document.createElement('form');
    form.className = 'hs-form';
    var label = document.createElement('label');
    label.textContent = box.dataset.label || 'Email';
    var input = document.createElement('input');
    input.type = 'email';
    input.name = 'email';
    input.required = true;
    label.appendChild(input);
    var button = document.createElement('button');
    button.type = 'submit';
    button.textContent = 'Submit';
    var done = document.createElement('p');
    done.className = 'hs-form-done';
    done.hidden = true;
    done.textContent = 'Thanks for submitting the form.';
    form.append(label, button, done);
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var hutk = (document.cookie.match(/(?:^|; )hubspotutk=([^;]*)/) || [])[1];
      var body = { fields: [{ name: 'email', value: input.value }], context: { pageUri: location.href } };
      if (hutk) body.context.hutk = hutk;
      fetch('https://forms.hsforms.com:' + src.port + '/submissions/v3/integration/submit/' + box.dataset.portalId + '/' + box.dataset.formId,
        { method: 'POST', mode: 'no-cors', body: JSON.stringify(body) }).then(function () { done.hidden = false; });
    });
    box.appendChild(form);
  }
  function all() { document.querySelectorAll('.hs-form-frame[data-form-id]').forEach(render); }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', all); else all();
  (window.__demo = window.__demo || { ran: [] }).ran.push('hubspot-forms');
})();
