// Orejime 3 set up like the crumbs config: two opt-in purposes (performance, functionality)
// with the same cookies and the same banner text; the gated scripts sit in
// <template data-purpose="…"> in the page.
window.orejimeConfig = {
  privacyPolicyUrl: '#privacy',
  purposes: [
    { id: 'performance', title: 'Performance', description: 'These cookies tell us how visitors use the site (Google Analytics).',
      cookies: ['_ga', '_gat', '_gid', /^_ga_/] },
    { id: 'functionality', title: 'Functionality', description: 'These cookies let you chat with our team (Zopim).',
      cookies: ['__zlcmid'] }
  ],
  translations: {
    banner: {
      title: 'Cookies on Family Mediation Together',
      description: 'We use some essential cookies to make this website work. We would also like to set cookies that help us understand how you use the site and that let you chat with our team. We will only set these if you agree.'
    }
  }
};
