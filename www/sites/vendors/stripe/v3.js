// Stand-in for Stripe.js (https://js.stripe.com/v3/). Stripe documents ("Cookies and local
// storage" in Stripe's privacy centre) that Stripe.js sets __stripe_mid (1 year) and
// __stripe_sid (30 minutes) on the merchant's site for fraud prevention, and sends device
// signals to m.stripe.com: strictly necessary for a payment the visitor asked for.
(function () {
  var src = new URL(document.currentScript.src);
  function id() { return crypto.randomUUID ? crypto.randomUUID() : String(Math.random()).slice(2); }
  function set(name, value, maxAge) {
    document.cookie = name + '=' + value + '; Path=/; Max-Age=' + maxAge + '; SameSite=Lax';
  }
  if (!/(?:^|; )__stripe_mid=/.test(document.cookie)) set('__stripe_mid', id(), 31536000);
  set('__stripe_sid', id(), 1800);
  fetch('https://m.stripe.com:' + src.port + '/6', { method: 'POST', mode: 'no-cors', keepalive: true, body: 'muid=stand-in' });
  window.Stripe = function (key) {
    return {
      key: key,
      elements: function () {
        return {
          create: function () {
            return {
              mount: function (selector) {
                var box = document.querySelector(selector);
                var input = document.createElement('input');
                input.placeholder = 'Card number (Stripe stand-in)';
                input.setAttribute('aria-label', 'Card number');
                input.autocomplete = 'cc-number';
                box.appendChild(input);
              },
            };
          },
        };
      },
    };
  };
  (window.__demo = window.__demo || { ran: [] }).ran.push('stripe');
})();
