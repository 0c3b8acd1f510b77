// The International Mediation Institute reference site (www/sites/institute/, WordPress-like):
// every processor its policy names is gated in its category, the YouTube and Maps embeds get
// placeholders, withdrawal erases, and the policy table is the declared one, cell by cell.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { test } from 'node:test';
import {
  bannerShown, cspViolations, declaredCategory, declaredTables, env, open, ran, renderedTables, screenshot, servicesOf, settled,
  siteConfig, url, useBrowser,
} from './harness.mjs';

useBrowser();

const SITE = '/sites/institute/';
const HOME = SITE;
const EVENTS = `${SITE}events.html`;
const config = siteConfig('institute');

/** Which service each request belongs to (host, path), for the real vendor host names. */
const RULES = [
  ['google-analytics', 'www.googletagmanager.com', /^\/gtag\/js$/],
  ['google-analytics', 'region1.google-analytics.com', /^\/g\/collect$/],
  ['hubspot-tracking', 'js.hs-scripts.com', /./],
  ['hubspot-tracking', 'js.hs-analytics.net', /./],
  ['hubspot-tracking', 'track.hubspot.com', /./],
  ['hubspot-forms', 'js.hsforms.net', /./],
  ['hubspot-forms', 'forms.hsforms.com', /./],
  ['mailchimp', 's3.amazonaws.com', /^\/downloads\.mailchimp\.com\//],
  // The newsletter form's own POST, when Mailchimp's script is not allowed: the visitor's action.
  ['mailchimp-form-post', 'us21.list-manage.com', /^\/subscribe\/post$/],
  ['mailchimp', 'us21.list-manage.com', /./],
  ['google-fonts', 'self', /\/js\/fonts\.js$/],
  ['google-fonts', 'fonts.googleapis.com', /./],
  ['google-fonts', 'fonts.gstatic.com', /./],
  ['google-maps', 'www.google.com', /^\/maps\//],
  ['recaptcha', 'www.google.com', /^\/recaptcha\//],
  ['recaptcha', 'www.gstatic.com', /^\/recaptcha\//],
  ['gravatar', 'self', /\/js\/gravatar\.js$/],
  ['gravatar', 'secure.gravatar.com', /./],
  ['eventbrite', 'self', /\/js\/eventbrite-init\.js$/],
  ['eventbrite', 'www.eventbrite.co.uk', /./],
  ['youtube', 'www.youtube.com', /./],
  ['zoom', 'us02web.zoom.us', /./],
  ['social-login', 'www.linkedin.com', /./],
  ['social-login', 'accounts.google.com', /./],
];
/** The services of each category, as the site's policy page states them. */
const BY_CATEGORY = {
  necessary: ['recaptcha'],
  performance: ['google-analytics', 'hubspot-tracking'],
  functionality: ['eventbrite', 'google-fonts', 'google-maps', 'gravatar', 'hubspot-forms', 'mailchimp'],
  targeting: ['youtube'],
};
/** First-party cookies the stand-ins and the server set, by category (prefix cookies by prefix). */
const FIRST_PARTY = {
  necessary: ['wordpress_logged_in_', 'wordpress_sec_', 'wordpress_test_cookie'],
  performance: ['__hssc', '__hssrc', '__hstc', '_ga', '_ga_IMI2024CX', '_gid', 'hubspotutk'],
  functionality: ['comment_author_', 'comment_author_email_', 'comment_author_url_'],
};

const stem = (name) => name.replace(/[0-9a-f]{32}$/, '');
const siteCookies = async (context) => (await context.cookies()).filter((c) => c.domain === '127.0.0.1' && c.name !== 'crumbs_consent');

/** Visits the home page and the events page, posts a comment (ticking "save my details") and
 *  subscribes to the newsletter; returns the services requested and the cookies present. */
async function tour(page, context, requests) {
  await page.goto(new URL(HOME, page.url()).href);
  await page.evaluate(() => window.crumbs.ready);
  await page.waitForLoadState('networkidle');
  await page.locator('#mce-EMAIL').fill('reader@example.org');
  await page.locator('#mc-embedded-subscribe').click();
  await page.waitForLoadState('networkidle');
  if (page.url().includes('list-manage')) await page.goBack(); // no Mailchimp script: a plain POST to Mailchimp
  await page.goto(new URL(EVENTS, page.url()).href);
  await page.evaluate(() => window.crumbs.ready);
  await page.waitForLoadState('networkidle');
  await page.locator('#author').fill('Ada');
  await page.locator('#email').fill('ada@example.org');
  await page.locator('#comment').fill('Thank you for the webinar.');
  await page.locator('#wp-comment-cookies-consent').check();
  await page.locator('#submit').click();
  await page.waitForURL(/events\.html#comments$/);
  await page.evaluate(() => window.crumbs.ready);
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(600); // crumbs' erasure checks again after 0.5 s
  const services = servicesOf(requests, RULES);
  return { services: services.filter((x) => x !== 'mailchimp-form-post'), posted: services.includes('mailchimp-form-post'), cookies: await context.cookies() };
}

test('before a choice: banner, only strictly necessary cookies, requests and scripts; placeholders for YouTube and Maps', async () => {
  const { page, context, requests, pageErrors, consoleErrors } = await open(HOME);
  assert.ok(await bannerShown(page));
  await screenshot(page, 'site-institute-banner');
  // Mailchimp's plain form POST is the visitor's own action: it leaves the page for Mailchimp.
  const { services, posted, cookies } = await tour(page, context, requests);
  assert.deepEqual(services, ['recaptcha']);
  assert.ok(posted, 'without its script, the newsletter form is a plain POST to Mailchimp');
  assert.deepEqual(await ran(page), ['recaptcha']);
  // The comment cookies WordPress set for the ticked box are functionality: crumbs erased them.
  assert.deepEqual(cookies.map((c) => c.name), [], 'no cookie at all, first or third party');
  for (const id of ['youtube', 'map']) {
    assert.equal(await page.locator(`#${id}`).getAttribute('src'), null, `${id} not loaded`);
  }
  assert.match(await page.locator('crumbs-embed:has(+ #youtube) p').textContent(), /YouTube.*Targeting/);
  assert.match(await page.locator('crumbs-embed:has(+ #map) p').textContent(), /Google Maps.*Functionality/);
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(pageErrors, []);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

for (const category of ['performance', 'functionality', 'targeting']) {
  test(`granting only ${category} enables exactly its services and cookies`, async () => {
    const { page, context, requests, pageErrors } = await open(HOME);
    await page.evaluate((c) => window.crumbs.accept([c]), category);
    const { services, posted, cookies } = await tour(page, context, requests);
    assert.deepEqual(services, [...BY_CATEGORY.necessary, ...BY_CATEGORY[category]].sort());
    assert.equal(posted, category !== 'functionality', 'Mailchimp\'s script sends the form itself once allowed');
    // Every cookie present, on the site or in a vendor's frame, is declared in a granted category.
    for (const c of cookies.filter((k) => k.name !== 'crumbs_consent')) {
      assert.ok(['necessary', category].includes(declaredCategory(config, c.name)), `${c.name} on ${c.domain}`);
    }
    const mine = (await siteCookies(context)).map((c) => stem(c.name)).sort();
    assert.deepEqual(mine, (FIRST_PARTY[category] || []).slice().sort());
    if (category === 'targeting') {
      await page.frameLocator('#youtube').locator('#embedded').waitFor();
      // The player writes YSC and VISITOR_INFO1_LIVE on youtube.com: third-party cookies, which
      // headless Chromium's fresh contexts block; whatever is stored is on youtube.com only.
      assert.ok((await context.cookies()).filter((c) => ['YSC', 'VISITOR_INFO1_LIVE'].includes(c.name)).every((c) => c.domain === 'www.youtube.com'));
      assert.equal(await page.locator('#map').getAttribute('src'), null, 'Maps still waits');
    }
    if (category === 'functionality') {
      await page.frameLocator('#map').locator('#embedded').waitFor();
      await page.frameLocator('#eventbrite-checkout').locator('#embedded').waitFor();
      assert.equal(await page.locator('#youtube').getAttribute('src'), null, 'YouTube still waits');
      assert.match(await page.locator('.avatar').first().getAttribute('src'), /secure\.gravatar\.com/);
      await page.locator('.hs-form input[name=email]').fill('ada@example.org');
      await page.locator('.hs-form button').click();
      await page.locator('.hs-form-done').waitFor();
      await page.goto(new URL(HOME, page.url()).href);
      await page.locator('#mce-EMAIL').fill('ada@example.org');
      await page.locator('#mc-embedded-subscribe').click();
      await page.locator('#mce-success-response').waitFor();
      assert.ok(requests.some((r) => /list-manage\.com:\d+\/subscribe\/post-json\?/.test(r)), 'Mailchimp JSONP');
      assert.ok(requests.some((r) => /forms\.hsforms\.com:\d+\/submissions\//.test(r)), 'HubSpot form submission');
    }
    assert.deepEqual(await cspViolations(page), []);
    assert.deepEqual(pageErrors, []);
    await context.close();
  });
}

test('"Always allow" on the YouTube placeholder allows YouTube alone, not the rest of targeting', async () => {
  const { page, context, requests } = await open(EVENTS);
  await page.locator('crumbs-embed:has(+ #youtube) [data-action="always-allow"]').click();
  await page.frameLocator('#youtube').locator('#embedded').waitFor();
  const consent = await page.evaluate(() => window.crumbs.getConsent());
  assert.deepEqual(consent.services, ['youtube']);
  assert.deepEqual(consent.granted, ['necessary']);
  await page.waitForLoadState('networkidle');
  assert.deepEqual(servicesOf(requests, RULES), ['recaptcha', 'youtube']);
  assert.equal(await page.locator('#map').getAttribute('src'), null);
  await context.close();
});

test('withdrawing a category erases its cookies; strictly necessary ones stay', async () => {
  const { page, context, requests } = await open(`${SITE}login.html`);
  await page.evaluate(() => window.crumbs.acceptAll());
  await page.locator('#user_login').fill('ada');
  await page.locator('#user_pass').fill('secret');
  await page.locator('#wp-submit').click();
  await page.waitForURL(/members\.html$/);
  await tour(page, context, requests);
  const present = async () => (await siteCookies(context)).map((c) => stem(c.name)).sort();
  assert.deepEqual(await present(), [...FIRST_PARTY.necessary, ...FIRST_PARTY.performance, ...FIRST_PARTY.functionality].sort());

  await page.evaluate(() => window.crumbs.accept(['performance', 'targeting']));
  const afterF = [...FIRST_PARTY.necessary, ...FIRST_PARTY.performance].sort();
  assert.deepEqual(await settled(present, (v) => v.length === afterF.length, 3000), afterF, 'comment cookies erased');

  await page.evaluate(() => window.crumbs.rejectAll());
  assert.deepEqual(await settled(present, (v) => v.length === 3, 3000), FIRST_PARTY.necessary, 'analytics cookies erased');
  // A reload does not bring them back, and nothing gated runs.
  await page.reload();
  await page.evaluate(() => window.crumbs.ready);
  await page.waitForLoadState('networkidle');
  assert.deepEqual(await ran(page), ['recaptcha']);
  assert.deepEqual(await present(), FIRST_PARTY.necessary);
  // YouTube's own cookies live on youtube.com: no script on this site can erase them (Limits, README).
  await context.close();
});

test('the policy page lists every declared cookie by category, cell by cell, and names every processor', async () => {
  const { page, context } = await open(`${SITE}privacy.html`);
  assert.deepEqual(await renderedTables(page), declaredTables(config));
  assert.deepEqual((await renderedTables(page)).map((t) => t.rows.map((r) => r[0])), [
    ['wordpress_test_cookie', 'wordpress_logged_in_*', 'wordpress_sec_*', '_GRECAPTCHA'],
    ['_ga', '_ga_*', '_gid', '__hstc', 'hubspotutk', '__hssc', '__hssrc'],
    ['comment_author_*', 'comment_author_email_*', 'comment_author_url_*'],
    ['YSC', 'VISITOR_INFO1_LIVE'],
  ]);
  const policy = await page.locator('main dl').textContent();
  for (const processor of ['Google Analytics', 'HubSpot tracking', 'HubSpot forms', 'Mailchimp', 'YouTube', 'Google Maps', 'Google Fonts',
    'reCAPTCHA', 'Akismet', 'Gravatar', 'Zoom', 'Eventbrite', 'WordPress membership', 'Social-media sign-in']) {
    assert.ok(policy.includes(processor), processor);
  }
  await page.locator('[data-action="reject-all"]').click();
  await screenshot(page, 'site-institute-policy', { fullPage: true });
  assert.deepEqual(await cspViolations(page), []);
  await context.close();
});

test('every page: zero CSP violations, page errors or console errors after "Accept all"; Zoom and social sign-in never contacted', async () => {
  const { page, context, requests, pageErrors, consoleErrors } = await open(HOME);
  await page.locator('[data-action="accept-all"]').click();
  for (const path of [HOME, EVENTS, `${SITE}login.html`, `${SITE}members.html`, `${SITE}privacy.html`]) {
    await page.goto(new URL(path, page.url()).href);
    await page.evaluate(() => window.crumbs.ready);
    await page.waitForLoadState('networkidle');
    assert.deepEqual(await cspViolations(page), [], path);
  }
  assert.deepEqual(pageErrors, []);
  assert.deepEqual(consoleErrors, []);
  const services = servicesOf(requests, RULES);
  assert.ok(!services.includes('zoom') && !services.includes('social-login'), services.join());
  assert.ok(!services.some((s) => s.startsWith('unknown')), services.join());
  assert.deepEqual(await page.evaluate(() => window.crumbs.unclassified ? window.crumbs.unclassified() : []), []);
  await context.close();
});

test('its 10years. and logbook. subdomains share one consent with the site: decided on one, seen on the others', async () => {
  const context = await env.browser.newContext();
  const requests = [];
  const consoleErrors = [];
  const posts = [];
  context.on('request', (r) => requests.push(r.url()));
  context.on('response', (r) => { if (r.url().endsWith('/v1/consents') && r.request().method() === 'POST') posts.push(r.status()); });
  const visit = async (path, host) => {
    const page = await context.newPage();
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    await page.goto(url(path, host));
    await page.evaluate(() => window.crumbs.ready);
    return page;
  };
  const ga = (from) => requests.slice(from).some((u) => /^https:\/\/www\.googletagmanager\.com:\d+\/gtag\/js/.test(u));
  const consent = (page) => page.evaluate(() => window.crumbs.getConsent());

  // Decided on 10years.: asked there, nothing non-essential before the click.
  const tenYears = await visit(`${SITE}10years/`, '10years.institute.localhost');
  assert.ok(await bannerShown(tenYears), 'asked on 10years.');
  assert.ok(!ga(0), 'no analytics before a choice');
  await tenYears.locator('[data-crumbs="banner"] [data-action="accept-all"]').click();
  const cookie = await settled(async () => (await context.cookies()).find((c) => c.name === 'crumbs_consent'), Boolean, 2000);
  assert.equal(cookie?.domain, '.institute.localhost', 'Domain=institute.localhost');
  await settled(() => ga(0), Boolean, 3000);
  assert.ok(ga(0), 'analytics after "Accept all"');
  const decided = await consent(tenYears);

  // Seen on logbook. and on the site itself: not asked again, the same decision, analytics runs.
  for (const [path, host] of [[`${SITE}logbook/`, 'logbook.institute.localhost'], [HOME, 'www.institute.localhost']]) {
    const from = requests.length;
    const page = await visit(path, host);
    assert.equal(await bannerShown(page), false, `not asked again on ${host}`);
    assert.equal((await consent(page)).consentId, decided.consentId, host);
    await settled(() => ga(from), Boolean, 3000);
    assert.ok(ga(from), `analytics runs on ${host}`);
  }

  // Withdrawn on logbook.: 10years. sees it on its next page, and does not fetch analytics.
  const logbook = await visit(`${SITE}logbook/`, 'logbook.institute.localhost');
  await logbook.evaluate(() => window.crumbs.rejectAll());
  await logbook.waitForFunction(() => window.crumbs.getConsent().refused.includes('performance'));
  const from = requests.length;
  const again = await visit(`${SITE}10years/`, '10years.institute.localhost');
  const withdrawn = await consent(again);
  assert.deepEqual([withdrawn.consentId, withdrawn.granted], [decided.consentId, ['necessary']]);
  await again.waitForTimeout(500);
  assert.ok(!ga(from), 'no analytics after the withdrawal made on another subdomain');
  assert.equal((await context.cookies()).filter((c) => c.name === 'crumbs_consent').length, 1, 'one consent cookie for the three hosts');
  assert.ok(posts.length >= 2 && posts.every((s) => s >= 200 && s < 300), `the consent log took every record: ${posts}`);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('on 127.0.0.1 (an address: no cookie can be shared) the institute\'s config stays host-only', async () => {
  // As the browser asks for it from each host (the Host header names it).
  const served = (host) => new Promise((resolve, reject) => {
    const u = new URL(`${SITE}crumbs.config.json`, env.server.url);
    request(u, { headers: { host: `${host}:${u.port}` } }, (r) => {
      let body = '';
      r.on('data', (d) => { body += d; });
      r.on('end', () => { try { resolve(JSON.parse(body).cookieDomain); } catch { resolve(`not the config: ${body.slice(0, 20)}`); } });
    }).on('error', reject).end();
  });
  assert.equal(await served('127.0.0.1'), undefined);
  assert.equal(await served('www.institute.localhost'), 'institute.localhost');
  assert.equal(await served('logbook.institute.localhost'), 'institute.localhost');
  assert.notEqual(await served('evil.institute.localhost'), 'institute.localhost', 'only its own three hosts');
});
