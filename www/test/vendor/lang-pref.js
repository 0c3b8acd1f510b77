document.cookie = 'lang_pref=en; Max-Age=3600; Path=/';
(window.__demo = window.__demo || { ran: [] }).ran.push('lang');
