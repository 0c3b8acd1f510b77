// Stand-in for Eventbrite's embedded checkout widget (…/static/widgets/eb_widgets.js). Like the
// real one it exposes window.EBWidgets.createWidget({widgetType, eventId, iframeContainerId})
// and puts the checkout in a frame from Eventbrite, which crumbs' pre-blocker classifies by URL.
(function () {
  var src = new URL(document.currentScript.src);
  window.EBWidgets = {
    createWidget: function (o) {
      var box = document.getElementById(o.iframeContainerId);
      if (!box) return;
      var f = document.createElement('iframe');
      f.title = 'Eventbrite registration';
      f.width = '100%';
      f.height = String(o.iframeContainerHeight || 425);
      f.id = 'eventbrite-checkout';
      f.src = 'https://' + src.host + '/checkout-external?eid=' + encodeURIComponent(o.eventId) + '&parent=' + encodeURIComponent(location.href);
      box.appendChild(f);
    },
  };
  (window.__demo = window.__demo || { ran: [] }).ran.push('eventbrite');
})();
