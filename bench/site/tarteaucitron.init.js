// tarteaucitron set up like the crumbs config: a bottom bar with accept all / deny all and two
// custom services, one "analytic" (performance) and one "support" (functionality), each
// loading the same gated stand-in script.
tarteaucitron.init({
  privacyUrl: '#privacy',
  bodyPosition: 'bottom',
  hashtag: '#tarteaucitron',
  cookieName: 'tarteaucitron',
  orientation: 'bottom',
  groupServices: true,
  showDetailsOnClick: true,
  serviceDefaultState: 'wait',
  showAlertSmall: false,
  cookieslist: false,
  showIcon: true,
  iconPosition: 'BottomRight',
  adblocker: false,
  DenyAllCta: true,
  AcceptAllCta: true,
  highPrivacy: true,
  alwaysNeedConsent: false,
  handleBrowserDNTRequest: false,
  removeCredit: false,
  moreInfoLink: true,
  useExternalCss: false,
  useExternalJs: false,
  readmoreLink: '',
  mandatory: true,
  mandatoryCta: true,
  googleConsentMode: false,
  bingConsentMode: false,
  pianoConsentMode: false,
  softConsentMode: false,
  dataLayer: false,
  serverSide: false,
  partnersList: false
});
tarteaucitron.services.benchanalytics = {
  key: 'benchanalytics', type: 'analytic', name: 'Google Analytics', needConsent: true,
  cookies: ['_ga', '_gat', '_gid'],
  // A service's js function is tarteaucitron's inline gated code: it records first, as the
  // other managers' inline gated script does.
  js: function () {
    'use strict';
    (window.__gated = window.__gated || []).push({ id: 'inline', t: performance.now() });
    tarteaucitron.addScript('/site/vendor/analytics.js');
  },
  fallback: function () {}
};
tarteaucitron.services.benchchat = {
  key: 'benchchat', type: 'support', name: 'Zopim live chat', needConsent: true,
  cookies: ['__zlcmid'],
  js: function () { 'use strict'; tarteaucitron.addScript('/site/vendor/chat.js'); },
  fallback: function () {}
};
(tarteaucitron.job = tarteaucitron.job || []).push('benchanalytics', 'benchchat');
