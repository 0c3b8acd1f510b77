// Runs after hooks.js (main.js).
import { hooks } from './hooks.js';
import { tag } from './script-tag.js';

// Consent Mode defaults must be in place before any Google or Microsoft tag runs, so they are
// set here, synchronously, when the tag asks for them (data-google-consent-mode="500" sets
// wait_for_update in ms). Everything is denied but security storage until the visitor decides.
if (hooks.googleDefaultSent) {
  hooks.gtag('consent', 'default', Object.assign(GOOGLE_DEFAULT, {
    wait_for_update: Number(tag.getAttribute('data-google-consent-mode')) || 500
  }));
}
if (hooks.microsoftDefaultSent) (window.uetq = window.uetq || []).push('consent', 'default', MICROSOFT_DEFAULT);
