// Stand-in for Eventbrite's checkout frame: shows the event it was given. The real checkout
// keeps its own cookies on Eventbrite's domain, under Eventbrite's cookie statement.
document.addEventListener('DOMContentLoaded', function () {
  document.getElementById('embedded').textContent = 'Register for event ' + new URLSearchParams(location.search).get('eid') + ' (stand-in for Eventbrite)';
});
