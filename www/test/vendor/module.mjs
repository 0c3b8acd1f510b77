// A gated module stand-in: import.meta only parses in a module, so it records only if run as one.
(window.__demo = window.__demo || { ran: [] }).ran.push('module:' + typeof import.meta.url);
