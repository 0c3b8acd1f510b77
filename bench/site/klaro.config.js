// Klaro 0.7 set up like the crumbs config: two services, one per purpose (performance,
// functionality), with the same cookies; the notice offers accept all and decline.
var klaroConfig = {
  version: 1,
  elementID: 'klaro',
  storageMethod: 'cookie',
  cookieName: 'klaro',
  cookieExpiresAfterDays: 182,
  default: false,
  mustConsent: false,
  acceptAll: true,
  hideDeclineAll: false,
  hideLearnMore: false,
  noticeAsModal: false,
  groupByPurpose: true,
  htmlTexts: false,
  translations: {
    zz: { privacyPolicyUrl: '#privacy' },
    en: {
      consentNotice: {
        description: 'We use some essential cookies to make this website work. We would also like to set cookies that help us understand how you use the site and that let you chat with our team. We will only set these if you agree.'
      },
      purposes: { performance: 'Performance', functionality: 'Functionality' },
      analytics: { description: 'Counts visits and shows how the site is used.' },
      chat: { description: 'Lets you chat with our team.' }
    }
  },
  services: [
    { name: 'analytics', title: 'Google Analytics', purposes: ['performance'], cookies: [/^_ga/, '_gid', '_gat'] },
    { name: 'chat', title: 'Zopim live chat', purposes: ['functionality'], cookies: ['__zlcmid'] }
  ]
};
