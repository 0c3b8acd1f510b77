// Eventbrite's embed code calls EBWidgets.createWidget from an inline script; under this site's
// Content-Security-Policy (no inline scripts) the call lives here, reading the event from the
// container's data attributes. Gated (functionality), after eb_widgets.js.
(function () {
  document.querySelectorAll('[data-eventbrite-event]').forEach(function (box) {
    window.EBWidgets.createWidget({
      widgetType: 'checkout',
      eventId: box.dataset.eventbriteEvent,
      iframeContainerId: box.id,
      iframeContainerHeight: 200,
    });
  });
})();
