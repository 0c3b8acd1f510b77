// Stand-in for the Google Maps Embed API frame (www.google.com/maps/embed?pb=…). The embed loads
// map tiles from Google with the visitor's IP address; it is a feature the visitor asks for
// (directions to the venue): functionality. The stand-in shows the place it was given.
document.addEventListener('DOMContentLoaded', function () {
  var q = new URLSearchParams(location.search).get('q') || 'the venue';
  document.getElementById('embedded').textContent = 'Map of ' + q + ' (stand-in for Google Maps)';
});
