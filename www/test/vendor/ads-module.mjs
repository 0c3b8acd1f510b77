// A gated targeting module: must not run after "Reject all" or before a decision.
(window.__demo = window.__demo || { ran: [] }).ran.push('ads-module');
