// Mounts Stripe's card field once Stripe.js (strictly necessary, released by crumbs as soon
// as it has started) is loaded.
(function () {
  function init() {
    if (!window.Stripe) { setTimeout(init, 50); return; }
    var stripe = window.Stripe('pk_test_mmriStandIn');
    stripe.elements().create('card').mount('#card-element');
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init); else init();
})();
