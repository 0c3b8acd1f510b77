// The dashboard's only script (served from /admin/assets/ under script-src 'self'): the proof
// page's Print button. Everything else works without it.
for (const button of document.querySelectorAll('[data-print]')) {
  button.addEventListener('click', () => window.print());
}
