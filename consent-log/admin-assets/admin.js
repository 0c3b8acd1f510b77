// The dashboard's only script (served from /admin/assets/ under script-src 'self'): the proof
// page's Print button, and the days chart scrolled to its latest days on a narrow screen.
// Everything works without it.
for (const button of document.querySelectorAll('[data-print]')) {
  button.addEventListener('click', () => window.print());
}
for (const region of document.querySelectorAll('[data-scroll-end]')) {
  region.scrollLeft = region.scrollWidth;
}
