// Gated stand-in for the Zopim live chat widget (functionality): sets its cookie, adds a chat
// button built with DOM APIs, and records when it ran (performance.now()).
(function () {
  (window.__gated = window.__gated || []).push({ id: 'functionality', t: performance.now() });
  var id = Math.random().toString(36).slice(2) + Date.now().toString(36);
  document.cookie = '__zlcmid=' + id + '; Path=/; Max-Age=31536000; SameSite=Lax';
  function addWidget() {
    var b = document.createElement('button');
    b.type = 'button';
    b.className = 'chat-widget';
    b.id = 'zopim-chat';
    b.textContent = 'Chat with us';
    document.body.appendChild(b);
  }
  if (document.body) addWidget(); else document.addEventListener('DOMContentLoaded', addWidget);
})();
