(window.__demo = window.__demo || { ran: [] }).ran.push('one');
