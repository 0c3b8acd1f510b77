// crumbs' first script in a srcdoc frame whose markup has scripts: the page's pre-blocker
// guards this frame's realm before the frame's own scripts run (README: the page's frames).
try { parent.crumbsGuardFrame(window); } catch (e) { console.error('crumbs: this frame could not be guarded (' + e + ')'); }
