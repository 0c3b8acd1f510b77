// crumbs scan must render what a page sets as text: cookie and storage names that are markup.
document.cookie = '<img_src=x_onerror=alert(1)>=1; Path=/; Max-Age=600';
localStorage.setItem('<script>alert(2)</script>', '1');
sessionStorage.setItem('"quoted" & <b>bold</b>', '1');
// A modal dialog must not stop the scan (crumbs scan answers it at once).
alert('hostile');
