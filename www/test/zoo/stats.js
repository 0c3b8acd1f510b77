// The site's own statistics script (first party): what the UK regime may run by default.
document.cookie = 'site_stats=1; Path=/; Max-Age=3600';
(window.__demo = window.__demo || { ran: [] }).ran.push('stats');
