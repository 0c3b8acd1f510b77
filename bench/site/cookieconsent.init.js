// CookieConsent v3 set up like the crumbs config: strictly necessary plus two opt-in
// categories (performance, functionality), the same banner text, accept all / reject all.
// Loaded as a module, as CookieConsent's Getting Started page shows: it imports the UMD build,
// which defines the global CookieConsent.
import '/lib/cookieconsent/cookieconsent.umd.js';

CookieConsent.run({
  categories: {
    necessary: { enabled: true, readOnly: true },
    performance: { autoClear: { cookies: [{ name: /^_ga/ }, { name: '_gid' }, { name: '_gat' }] } },
    functionality: { autoClear: { cookies: [{ name: '__zlcmid' }] } }
  },
  language: {
    default: 'en',
    translations: {
      en: {
        consentModal: {
          title: 'Cookies on Family Mediation Together',
          description: 'We use some essential cookies to make this website work. We would also like to set cookies that help us understand how you use the site and that let you chat with our team. We will only set these if you agree.',
          acceptAllBtn: 'Accept all',
          acceptNecessaryBtn: 'Reject all',
          showPreferencesBtn: 'Manage preferences',
          footer: '<a href="#privacy">Privacy and cookies</a>'
        },
        preferencesModal: {
          title: 'Cookie preferences',
          acceptAllBtn: 'Accept all',
          acceptNecessaryBtn: 'Reject all',
          savePreferencesBtn: 'Save choices',
          closeIconLabel: 'Close',
          sections: [
            { title: 'Strictly necessary', description: 'These cookies make the website work. They cannot be switched off.', linkedCategory: 'necessary',
              cookieTable: { headers: { name: 'Cookie', domain: 'Provider', desc: 'Purpose', exp: 'Expires' }, body: [
                { name: 'ASP.NET_SessionId', domain: 'This website', desc: 'Keeps your session while you move between pages, for example while you fill in our contact form.', exp: 'Session' },
                { name: '__cfduid', domain: 'Cloudflare', desc: 'Identifies trusted web traffic so our site stays available and secure.', exp: '30 days' }
              ] } },
            { title: 'Performance', description: 'These cookies tell us how visitors use the site.', linkedCategory: 'performance',
              cookieTable: { headers: { name: 'Cookie', domain: 'Provider', desc: 'Purpose', exp: 'Expires' }, body: [
                { name: '_ga', domain: 'Google Analytics', desc: 'Distinguishes visitors so we can count how many people use the site.', exp: '2 years' },
                { name: '_gat', domain: 'Google Analytics', desc: 'Limits how often statistics are sent.', exp: '1 minute' },
                { name: '_gid', domain: 'Google Analytics', desc: 'Distinguishes visitors so we can see how the site is used.', exp: '5 days' }
              ] } },
            { title: 'Functionality', description: 'These cookies let you chat with our team.', linkedCategory: 'functionality',
              cookieTable: { headers: { name: 'Cookie', domain: 'Provider', desc: 'Purpose', exp: 'Expires' }, body: [
                { name: '__zlcmid', domain: 'Zopim (Zendesk Chat)', desc: 'Remembers your live chat conversation with our team.', exp: '1 year' }
              ] } }
          ]
        }
      }
    }
  }
});
