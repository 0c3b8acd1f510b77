// The first visit's start: the loader's first paint (first-paint.js, the core's banner as
// templates written in by the build) draws the banner before anything else of crumbs is requested (with an inline config, before any request
// after the loader's); the decision module is fetched next (first-visit-decision.test.mjs); the
// full core is fetched and started only once there is work for it (the page, the API, the
// preferences, a config with errors), not by the visitor reaching for the banner; "Accept all"
// or "Reject all" clicked before the decision module is in waits for it, and any click the
// full core must carry out is carried out once it is ready; a
// returning visitor gets the full core at once and no banner; and when the first paint cannot
// draw, the full core still draws the banner.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bannerShown, cookieNames, cspViolations, decisionModuleIn, isFullCore, open, quiet, ran, reachForBanner, url, useBrowser, withGpc } from './harness.mjs';

useBrowser();

const HOME = '/sites/charity/';
const isDecide = (u) => u.endsWith('/dist/crumbs-decide.wasm');

/** An init script that makes the first paint fail: attaching the shadow root of a host marked
 * as the first paint's throws (counted in `__firstPaintTries`). The full core's host is not
 * marked, so it draws as usual. */
function breakFirstPaint(p) {
  return p.addInitScript(() => {
    window.__firstPaintTries = 0;
    const attach = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function () {
      if (this.hasAttribute('data-crumbs-first-paint')) {
        window.__firstPaintTries++;
        throw new Error('no first paint in this test');
      }
      return attach.apply(this, arguments);
    };
  });
}

/** Waits until the banner the first paint drew is visible. */
const firstPaintShown = (page) => page.locator('#crumbs[data-crumbs-first-paint] >> [data-crumbs="banner"]').waitFor({ state: 'visible' });

/** Notes in the page (`__ready`) whether crumbs:ready fired: the full core started. */
const noteReady = (p) => p.addInitScript(() => {
  window.__ready = false;
  document.addEventListener('crumbs:ready', () => { window.__ready = true; });
});
const coreStarted = (page) => page.evaluate(() => window.__ready);

/** The harness's decisionModuleIn, and a moment more (300 ms in all, in which the full core
 *  would be fetched and started, were it to start by itself). */
async function decideFetched(page) {
  await decisionModuleIn(page);
  await page.waitForTimeout(100);
}

/** Holds the requests whose URL `matches` until `release()` is called; `held` lists their paths. */
function holdRequests(matches) {
  let release;
  const gate = new Promise((r) => { release = r; });
  const held = [];
  return {
    held,
    release: () => release(),
    beforeGoto: (p) => p.route(matches, async (route) => {
      held.push(new URL(route.request().url()).pathname);
      await gate;
      await route.continue();
    }),
  };
}

/** Holds the decision module's and the full core's requests until `release()` is called: a
 *  click then goes to the full core, once it is in. */
const holdFullCore = () => holdRequests((u) => isFullCore(u.href) || isDecide(u.href));

/** Opens the home page, set up by `setUp` (a beforeGoto), with the full core held, and checks
 *  that the first paint draws the banner; then lets the full core in and waits for it. */
async function firstPaintDraws(setUp, check = async () => {}) {
  const hold = holdFullCore();
  const { page, context } = await open(HOME, { wait: false, beforeGoto: async (p) => { await setUp(p); await hold.beforeGoto(p); } });
  await firstPaintShown(page);
  await check(page);
  hold.release();
  await page.evaluate(() => window.crumbs.ready);
  await context.close();
}

test('the first paint shows the banner before the full core is requested', async () => {
  const hold = holdFullCore();
  const { page, context, requests } = await open(HOME, { wait: false, beforeGoto: hold.beforeGoto });
  await page.locator('[data-crumbs="banner"]').waitFor({ state: 'visible' });
  assert.equal(await page.locator('#crumbs[data-crumbs-first-paint]').count(), 1, 'drawn by the first paint');
  assert.deepEqual(requests.filter((r) => r.includes('/crumbs/') && !isFullCore(r) && !isDecide(r)).map((r) => new URL(r).pathname),
    ['/crumbs/crumbs.js'], 'the module came inside the loader');
  const banner = page.locator('[data-crumbs="banner"]');
  assert.equal(await banner.getAttribute('role'), 'dialog');
  for (const action of ['accept-all', 'reject-all', 'preferences']) {
    assert.ok(await banner.locator(`[data-action="${action}"]`).isVisible(), `${action} visible on the first paint`);
  }
  // Nothing decided, stored or run while only the first paint is there.
  assert.deepEqual(await ran(page), []);
  assert.ok(!(await cookieNames(context)).includes('crumbs_consent'));
  hold.release();
  await page.evaluate(() => window.crumbs.ready);
  assert.equal(await page.locator('#crumbs[data-crumbs-first-paint]').count(), 0, 'the full core replaced it');
  assert.ok(await bannerShown(page), 'and still shows the banner');
  assert.deepEqual(await cspViolations(page), []);
  await context.close();
});

test('once the banner is drawn, the decision module\'s check and its rehearsed decisions are let go, wasm memory and all, and so is the full core\'s rehearsal', async () => {
  const { page, context } = await open(HOME, {
    wait: false,
    beforeGoto: (p) => p.addInitScript(() => {
      // Weak references to each wasm instance the page makes, named by one of its exports.
      window.__instances = [];
      const note = (instance) => window.__instances.push([Object.keys(instance.exports).find((x) => /^(dm_decide|start)$/.test(x)), new WeakRef(instance)]);
      for (const k of ['instantiate', 'instantiateStreaming']) {
        const f = WebAssembly[k];
        WebAssembly[k] = function () {
          return f.apply(this, arguments).then((r) => { note(r.instance); return r; });
        };
      }
      const Instance = WebAssembly.Instance;
      const made = function () { const i = Reflect.construct(Instance, arguments, new.target || Instance); note(i); return i; };
      made.prototype = Instance.prototype;
      WebAssembly.Instance = made;
    }),
  });
  const cdp = await context.newCDPSession(page);
  const alive = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    return (await page.evaluate(() => window.__instances.map(([name, ref]) => [name, ref.deref() !== undefined]))).sort();
  };
  await decideFetched(page);
  // "Accept all" (the config's check too) and "Reject all" rehearsed (decide.js), each on its
  // own instance.
  const checked = [['dm_decide', false], ['dm_decide', false]];
  assert.deepEqual(await alive(), checked, 'let go, and no full core');
  await page.evaluate(() => window.crumbs.ready);
  // Any other instance of the full core is its rehearsal (compileAhead), let go as well.
  const after = await alive();
  assert.deepEqual(after.filter(([n, a]) => n !== 'start' || a), [...checked, ['start', true]], JSON.stringify(after));
  await context.close();
});

test('a visitor who never reaches for the banner downloads the loader and the config alone; a pointer over it, a key in it or focus moved into it brings the decision module', async () => {
  const crumbsFiles = (requests) => requests.filter((u) => new URL(u).pathname.startsWith('/crumbs/')).map((u) => new URL(u).pathname);
  for (const reach of ['none', 'pointer', 'key', 'focus']) {
    const { page, context, requests } = await open(HOME, { wait: false });
    await firstPaintShown(page);
    await quiet(page);
    assert.deepEqual(crumbsFiles(requests), ['/crumbs/crumbs.js'], `${reach}: before any reach, crumbs fetched its loader alone (the charity's config is its own file)`);
    if (reach === 'pointer') await page.locator('[data-crumbs="banner"] h2').hover();
    // Focus is on the banner from the paint, so a key goes to it.
    if (reach === 'key') await page.keyboard.press('Shift');
    if (reach === 'focus') await page.locator('[data-crumbs="banner"] [data-action="reject-all"]').focus();
    if (reach === 'none') await page.waitForTimeout(500);
    await quiet(page);
    assert.deepEqual(crumbsFiles(requests), reach === 'none' ? ['/crumbs/crumbs.js'] : ['/crumbs/crumbs.js', '/crumbs/dist/crumbs-decide.wasm'], reach);
    await context.close();
  }
});

test('a reach for the banner brings no decision module once the full core is wanted (Global Privacy Control)', async () => {
  const hold = holdFullCore();
  const { page, context } = await open(HOME, { wait: false, beforeGoto: async (p) => { await withGpc(p); await hold.beforeGoto(p); } });
  await firstPaintShown(page);
  // The control: the full core was asked for at once, and is held, so the first paint stays.
  await quiet(page);
  assert.ok(hold.held.some((p) => isFullCore(p)), `the full core was asked for: ${hold.held}`);
  await reachForBanner(page);
  await page.keyboard.press('Shift');
  await quiet(page);
  assert.ok(!hold.held.some((p) => isDecide(p)), `no decision module: ${hold.held}`);
  hold.release();
  await page.evaluate(() => window.crumbs.ready);
  await context.close();
});

test('a first visit with nothing for the full core to do: it is not fetched, not even when the visitor reaches for the banner', async () => {
  for (const reach of ['pointer', 'key']) {
    const { page, context, requests } = await open(HOME, { wait: false, beforeGoto: noteReady });
    await decideFetched(page);
    if (reach === 'pointer') await page.locator('[data-crumbs="banner"] [data-action="accept-all"]').hover();
    // Focus is on the banner, so a key goes to it.
    else await page.keyboard.press('Shift');
    await page.waitForTimeout(300);
    assert.equal(await coreStarted(page), false, `${reach}: not started`);
    assert.deepEqual(requests.filter(isFullCore), [], `${reach}: not fetched`);
    assert.equal(await page.locator('#crumbs[data-crumbs-first-paint]').count(), 1, `${reach}: the first paint's banner is the banner`);
    assert.deepEqual(await ran(page), [], `${reach}: reaching decides nothing`);
    assert.ok(!(await cookieNames(context)).includes('crumbs_consent'));
    await context.close();
  }
});

test('the full core\'s rehearsal (compileAhead) runs to its end without calling anything outside the wasm, and tells a sound config from one with errors', async () => {
  const { page, context } = await open(HOME, { wait: false });
  await firstPaintShown(page);
  // Its imports refuse to run: the start's part returns undefined if it reached any of them,
  // else 1 for a sound config and 0 for one with errors; the decision's part, false if it did.
  const results = await page.evaluate(async () => {
    const glue = await import('/crumbs/dist/crumbs.js');
    const module = await WebAssembly.compileStreaming(fetch('/crumbs/dist/crumbs_bg.wasm'));
    const site = await (await fetch(document.querySelector('script[data-config]').getAttribute('data-config'))).text();
    const other = JSON.stringify({ revision: 2, layout: 'bar-top', gpcRefusesPerformance: true, language: 'de', texts: { de: { bannerTitle: 'Kekse' } },
      categories: [{ id: 'performance', services: [{ id: 'maps', name: 'Maps' }], cookies: [{ name: '_x*', provider: 'X', purpose: 'p', expiry: '1 day' }] }] });
    // The decision's part is handed to `later`, here run at once.
    return [site, other, '{"categories": 7}', 'no json', ''].map((text) => {
      let second;
      const first = glue.compileAhead(module, [text], (f) => { second = f(); });
      return [first, second];
    });
  });
  assert.deepEqual(results, [[1, true], [1, true], [0, true], [0, true], [0, true]]);
  assert.ok(!(await cookieNames(context)).includes('crumbs_consent'));
  assert.deepEqual(await ran(page), []);
  await context.close();
});

test('a config with errors is reported on a first visit with nothing else for the full core to do, as soon as the visitor reaches for the banner', async () => {
  const { page, context, consoleErrors } = await open(HOME, {
    wait: false,
    beforeGoto: async (p) => {
      await noteReady(p);
      // The site's config, with one field the first paint reads leniently made invalid.
      await p.route((u) => u.pathname === '/sites/charity/crumbs.config.json', async (route) => {
        const config = await (await route.fetch()).json();
        await route.fulfill({ contentType: 'application/json', body: JSON.stringify({ ...config, layout: 'sidebar' }) });
      });
    },
  });
  await firstPaintShown(page);
  // Only the validator, in the decision module or the full core, knows the error: neither is
  // fetched for a visitor who never touches the banner.
  await quiet(page);
  assert.deepEqual(await ran(page), [], 'nothing runs');
  await reachForBanner(page);
  await page.waitForFunction(() => window.__ready);
  assert.ok(consoleErrors.some((e) => e.startsWith('crumbs: config error: layout: unknown value "sidebar"')), consoleErrors.join('\n'));
  assert.equal(await page.locator('#crumbs[data-crumbs-first-paint]').count(), 0, 'the full core took over');
  assert.ok(await bannerShown(page));
  await page.locator('[data-action="accept-all"]').click();
  await page.waitForTimeout(200);
  assert.deepEqual(await ran(page), [], 'it fails closed');
  assert.ok(!(await cookieNames(context)).includes('crumbs_consent'));
  await context.close();
});

test('the full core starts by itself when the page has work for it', async () => {
  const html = (extra) => (p) => p.route((u) => u.pathname === HOME, async (route) => {
    const r = await route.fetch();
    await route.fulfill({ response: r, body: (await r.text()).replace('</body>', `${extra}</body>`) });
  });
  const cases = [
    // A gated script that runs without a decision.
    ['a strictly necessary gated script', html('<script type="text/plain" data-category="necessary" data-src="/sites/charity/vendor/analytics.js"></script>'),
      async (page) => { await page.waitForFunction(() => window.__demo && window.__demo.ran.includes('analytics')); }],
    // Services and unknown conditions: only the config tells.
    ['a gated script named by service', html('<script type="text/plain" data-service="zopim" data-src="/sites/charity/vendor/zopim.js"></script>')],
    ['a gated script with an unknown condition', html('<script type="text/plain" data-category="Performance" data-src="/sites/charity/vendor/zopim.js"></script>')],
    ['an embed', html('<iframe data-src="https://www.youtube.com/embed/x" data-category="targeting"></iframe>')],
    ['a cookie table', html('<div data-crumbs-table></div>')],
    ['a script the pre-blocker holds', null, async (page) => {
      await page.evaluate(() => { const s = document.createElement('script'); s.src = 'https://tracker.unknown-vendor.example/t.js'; document.head.append(s); });
    }],
    ['a cookie set before the visit', (p, c) => c.addCookies([{ name: 'left', value: '1', url: url(HOME) }])],
    ['a cookie the page sets', null, async (page) => { await page.evaluate(() => { document.cookie = 'later=1; path=/'; }); }],
    ['Global Privacy Control', (p) => p.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }))],
    // The rehearsal's check alone: without the site's cookies, which a config that declares
    // no necessary cookie would make leftovers (a trigger of their own).
    ['a config that is no JSON', async (p) => {
      await p.route((u) => u.pathname === HOME, async (route) => {
        // Fetched outside the browser: route.fetch() would store the cookies in the context.
        const r = await fetch(route.request().url());
        await route.fulfill({ status: r.status, contentType: r.headers.get('content-type'), body: await r.text() });
      });
      await p.route('**/crumbs.config.json', (route) => route.fulfill({ contentType: 'application/json', body: '{"revision": 1,' }));
    }],
  ];
  for (const [name, setUp, then] of cases) {
    const { page, context, consoleErrors } = await open(HOME, { wait: false, beforeGoto: async (p, c) => { await noteReady(p); if (setUp) await setUp(p, c); } });
    // What comes after the load is done once the core would have started by itself.
    if (!setUp) {
      await decideFetched(page);
      assert.equal(await coreStarted(page), false, `${name}: not before`);
    }
    if (then) await then(page);
    await page.waitForFunction(() => window.__ready, null, { timeout: 5000 }).catch(() => assert.fail(`${name}: the full core did not start`));
    if (name.includes('no JSON')) assert.ok(consoleErrors.some((e) => /crumbs: config error/.test(e)), consoleErrors.join('\n'));
    await context.close();
  }
});

test('a server that does not label the wasm application/wasm still gets the full core', async () => {
  const { page, context, consoleErrors } = await open(HOME, {
    wait: false,
    beforeGoto: (p) => p.route('**/dist/crumbs_bg.wasm', async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), 'content-type': 'application/octet-stream' } });
    }),
  });
  const started = await page.evaluate(() => Promise.race([window.crumbs.ready.then(() => true), new Promise((r) => setTimeout(() => r(false), 5000))]));
  assert.ok(started, consoleErrors.join('\n'));
  await page.locator('[data-crumbs="banner"] [data-action="accept-all"]').click();
  await page.waitForFunction(() => window.__demo && window.__demo.ran.length === 2);
  assert.deepEqual(consoleErrors.filter((e) => e.startsWith('crumbs:')), []);
  await context.close();
});

test('a "Cookie settings" button clicked before the full core has started opens the preferences', async () => {
  const { page, context } = await open(HOME, { wait: false, beforeGoto: noteReady });
  await decideFetched(page);
  // The banner covers the footer's button: a click of the element itself.
  await page.locator('button[data-crumbs-open]').dispatchEvent('click');
  await page.locator('[data-crumbs="preferences"]').waitFor({ state: 'visible' });
  assert.equal(await page.evaluate(() => window.crumbs.getConsent()), null);
  await context.close();
});

test('the first paint draws exactly the banner the full core then draws: texts, language, layout, theme, policy link, GPC note', async () => {
  const shadow = (page) => page.evaluate(() => {
    const host = document.getElementById('crumbs');
    return host.getAttribute('data-theme') + host.shadowRoot.innerHTML;
  });
  const variants = [
    {},
    // A German page in a browser that sends Global Privacy Control: crumbs' shipped German
    // wording under the site's own (English) texts, and the GPC note.
    { html: 'de', gpc: true },
    // The browser's languages: a region subtag with its own file, then Arabic (right to left).
    { html: '', languages: ['cy', 'pt-BR'], config: { layout: 'box-centre', theme: 'dark' } },
    { html: 'xx', languages: ['zh-TW', 'ar-EG'] },
    // The site's words for a language crumbs does not ship.
    { html: 'cy-GB', config: { texts: { cy: { bannerTitle: 'Cwcis' } } } },
    { config: { policyUrl: 'HTTPS://example.org/p?x=<b>"', language: 'he' } },
    // Configs with errors, which the full core reports and then draws with its defaults (so
    // these are not compared): what the first paint takes leniently must still be safe. A
    // scheme the core refuses or a blank in the URL: no link; a layout or theme it does not
    // know: the default; a blank text: English; a language that is no tag: ignored.
    { errors: true, config: { policyUrl: 'javascript:alert(1)', layout: 'nowhere', theme: 7, language: 'not a tag', texts: { en: { acceptAll: ' \u00a0 ' } } } },
    { errors: true, config: { policyUrl: '/privacy policy', layout: 'box-corner', theme: 'light' } },
    { errors: true, config: { policyUrl: 'JavaScript:x' } },
    { errors: true, config: { policyUrl: 'data:text/html,x' } },
  ];
  for (const v of variants) {
    const hold = holdFullCore();
    const { page, context } = await open(HOME, {
      wait: false,
      beforeGoto: async (p) => {
        await hold.beforeGoto(p);
        if (v.html !== undefined) {
          await p.route((u) => u.pathname === HOME, async (route) => {
            const r = await route.fetch();
            await route.fulfill({ response: r, body: (await r.text()).replace(/<html lang="[^"]*"/, `<html lang="${v.html}"`) });
          });
        }
        if (v.config) {
          await p.route((u) => u.pathname.endsWith('/crumbs.config.json'), async (route) => {
            const r = await route.fetch();
            const config = { ...(await r.json()), ...v.config };
            if (v.config.texts) config.texts = v.config.texts;
            await route.fulfill({ response: r, body: JSON.stringify(config) });
          });
        }
        if (v.languages) await p.addInitScript((l) => Object.defineProperty(Navigator.prototype, 'languages', { get: () => l }), v.languages);
        if (v.gpc) await p.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }));
      },
    });
    await page.locator('#crumbs[data-crumbs-first-paint]').waitFor({ state: 'attached' });
    await page.locator('[data-crumbs="banner"]').waitFor({ state: 'visible' });
    const first = await shadow(page);
    assert.equal(await page.evaluate(() => document.getElementById('crumbs').shadowRoot.activeElement?.dataset.crumbs), 'banner', 'focus is on the banner');
    hold.release();
    await page.evaluate(() => window.crumbs.ready);
    assert.equal(await page.locator('#crumbs[data-crumbs-first-paint]').count(), 0);
    assert.equal(await page.evaluate(() => window.crumbs.errors().length > 0), !!v.errors, JSON.stringify(v));
    if (!v.errors) assert.equal(await shadow(page), first, `same banner (${JSON.stringify(v)})`);
    if (v.errors) {
      assert.equal(/<a /.test(first), false, 'no link');
      assert.match(first, v.config.theme === 'light' ? /^light<section class="banner box-corner"/ : /^auto<section class="banner bar-bottom"/);
      assert.match(first, /lang="en-GB" dir="ltr"/, "the page's language, not the config's bad one");
      assert.match(first, /class="choice">Accept all</);
    }
    if (v.html === 'de') {
      assert.match(first, /lang="de"/);
      assert.match(first, /Alle akzeptieren|Alle zulassen|Alle annehmen/);
      assert.match(first, /data-crumbs="gpc"/);
    } else if (!v.html && !v.config) {
      assert.match(first, /href="\/sites\/charity\/privacy/);
    }
    if (v.languages?.includes('pt-BR')) assert.match(first, /lang="pt-BR"[^>]*dir="ltr"/);
    if (v.languages?.includes('ar-EG')) assert.match(first, /lang="ar-EG" dir="rtl"/);
    if (v.config?.theme === 'dark') assert.match(first, /^dark<section class="banner box-centre"/);
    if (v.config?.policyUrl?.startsWith('HTTPS')) assert.match(first, /<a href="HTTPS:\/\/example.org\/p\?x=&lt;b&gt;&quot;">/);
    if (v.config?.texts?.cy) assert.match(first, /<h2 id="crumbs-title">Cwcis<\/h2>/);
    await context.close();
  }
});

test('"Accept all" clicked before the decision module is in waits for it, and is decided and logged as the visitor\'s click', async () => {
  const hold = holdRequests((u) => isDecide(u.href));
  const posted = [];
  const { page, context, requests } = await open(HOME, {
    wait: false,
    beforeGoto: async (p) => {
      await hold.beforeGoto(p);
      p.on('request', (r) => { if (r.method() === 'POST' && r.url().endsWith('/v1/consents')) posted.push(...[].concat(JSON.parse(r.postData()))); });
    },
  });
  await page.locator('[data-crumbs="banner"] [data-action="accept-all"]').click();
  await page.waitForTimeout(200);
  assert.deepEqual(hold.held, ['/crumbs/dist/crumbs-decide.wasm'], 'the module was asked for and is held');
  assert.deepEqual(await ran(page), [], 'nothing runs before it decides');
  assert.deepEqual(requests.filter(isFullCore), [], 'the click does not bring the full core');
  assert.equal(await page.locator('[data-crumbs="banner"]').count(), 1, 'the banner stays until it is decided');
  hold.release();
  await page.waitForFunction(() => window.__demo && window.__demo.ran.length === 2);
  assert.deepEqual(await ran(page), ['analytics', 'chat']);
  assert.equal(await page.locator('[data-crumbs="banner"]').count(), 0, 'banner gone');
  await page.waitForFunction(() => !localStorage.getItem('crumbs_log_queue'), null, { timeout: 10_000 });
  assert.deepEqual(posted.map((r) => [r.method, r.seq]), [['accept_all', 1]], 'one record: the visitor\'s click, not an API call');
  assert.deepEqual(requests.filter(isFullCore), [], 'sent by the loader, without the full core');
  await context.close();
});

test('"Accept all" clicked on the first paint before the decision module is in is carried out when the full core is ready', async () => {
  const hold = holdFullCore();
  const { page, context } = await open(HOME, { wait: false, beforeGoto: hold.beforeGoto });
  await page.locator('[data-crumbs="banner"] [data-action="accept-all"]').click();
  await page.waitForTimeout(100);
  assert.deepEqual(await ran(page), [], 'nothing runs before the full core decides');
  hold.release();
  await page.evaluate(() => window.crumbs.ready);
  await page.waitForFunction(() => window.__demo && window.__demo.ran.length === 2);
  assert.deepEqual(await ran(page), ['analytics', 'chat']);
  assert.equal(await page.locator('[data-crumbs="banner"]').count(), 0, 'banner gone');
  assert.deepEqual((await page.evaluate(() => window.crumbs.getConsent())).granted, ['necessary', 'performance', 'functionality', 'targeting']);
  await context.close();
});

test('"Reject all" and "Preferences" on the first paint before the decision module is in: refused, and the choices open', async () => {
  let hold = holdFullCore();
  let { page, context } = await open(HOME, { wait: false, beforeGoto: hold.beforeGoto });
  await page.locator('[data-crumbs="banner"] [data-action="reject-all"]').click();
  hold.release();
  await page.evaluate(() => window.crumbs.ready);
  await page.waitForFunction(() => window.crumbs.getConsent() !== null);
  assert.deepEqual((await page.evaluate(() => window.crumbs.getConsent())).granted, ['necessary']);
  assert.deepEqual(await ran(page), []);
  await context.close();
  hold = holdFullCore();
  ({ page, context } = await open(HOME, { wait: false, beforeGoto: hold.beforeGoto }));
  await page.locator('[data-crumbs="banner"] [data-action="preferences"]').click();
  hold.release();
  await page.evaluate(() => window.crumbs.ready);
  await page.locator('[data-crumbs="preferences"]').waitFor({ state: 'visible' });
  assert.equal(await page.evaluate(() => window.crumbs.getConsent()), null, 'opening the choices decides nothing');
  await context.close();
});

test('a returning visitor: no first paint is even fetched, no banner, and the core is there before the allowed scripts', async () => {
  const { page, context } = await open(HOME);
  await page.locator('[data-action="accept-all"]').click();
  await page.waitForFunction(() => window.__demo && window.__demo.ran.length === 2);
  const again = [];
  page.on('request', (r) => again.push(r.url()));
  await breakFirstPaint(page);
  await page.reload();
  await page.evaluate(() => window.crumbs.ready);
  await page.waitForFunction(() => window.__demo && window.__demo.ran.length === 2);
  assert.equal(await page.locator('[data-crumbs="banner"]').count(), 0, 'no banner');
  assert.equal(await page.locator('#crumbs[data-crumbs-first-paint]').count(), 0, 'the first paint drew nothing');
  const full = again.findIndex((u) => u.endsWith('/dist/crumbs_bg.wasm'));
  assert.ok(full >= 0, again.join('\n'));
  assert.equal(await page.evaluate(() => window.__firstPaintTries), 0, 'the first paint is for first visits');
  assert.ok(full < again.findIndex((u) => u.includes('/vendor/')), 'the core came before the allowed scripts');
  await context.close();
});

test('when the first paint cannot draw, the full core draws the banner itself', async () => {
  const { page, context, consoleErrors } = await open(HOME, {
    beforeGoto: breakFirstPaint,
  });
  assert.ok(await bannerShown(page));
  assert.equal(await page.evaluate(() => window.__firstPaintTries), 1);
  assert.equal(await page.locator('#crumbs[data-crumbs-first-paint]').count(), 0);
  await page.locator('[data-action="accept-all"]').click();
  await page.waitForFunction(() => window.__demo && window.__demo.ran.length === 2);
  assert.deepEqual(consoleErrors.filter((e) => e.startsWith('crumbs:')), []);
  await context.close();
});

test('with the config inline before the tag, the banner needs no request after the loader', async () => {
  // Every request but the page's and the loader's waits until the banner is on screen.
  const hold = holdRequests((u) => !/\/(inline-config-first\.html|crumbs\/crumbs\.js)$/.test(u.pathname));
  const { page, context } = await open('/test/inline-config-first.html', { wait: false, beforeGoto: hold.beforeGoto });
  await page.locator('[data-crumbs="banner"]').waitFor({ state: 'visible' });
  assert.equal(await page.locator('#crumbs[data-crumbs-first-paint]').count(), 1, 'drawn by the first paint');
  assert.match(await page.locator('[data-crumbs="banner"] h2').textContent(), /Inline first/, 'with the inline config\'s texts');
  assert.ok(!hold.held.some((p) => isDecide(p)), `no decision module before the visitor reaches for the banner: ${hold.held}`);
  hold.release();
  await page.evaluate(() => window.crumbs.ready);
  assert.equal(await page.evaluate(() => window.crumbs.errors().length), 0);
  assert.deepEqual(await cspViolations(page), []);
  await context.close();
});

test('the loader draws whatever charset the server names (it is ASCII)', async () => {
  await firstPaintDraws((p) => p.route('**/crumbs/crumbs.js', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-type': 'text/javascript; charset=windows-1252' } });
  }));
});

test('a returning visitor is recognised without cookieStore (pages over http) and when it fails', async () => {
  for (const how of ['absent', 'failing']) {
    const { page, context } = await open(HOME);
    await page.locator('[data-action="reject-all"]').click();
    await page.waitForFunction(() => window.crumbs.getConsent() !== null);
    await page.addInitScript((h) => {
      if (h === 'absent') { delete Window.prototype.cookieStore; delete window.cookieStore; }
      else CookieStore.prototype.getAll = () => Promise.reject(new Error('no cookie store in this test'));
    }, how);
    await breakFirstPaint(page);
    await page.reload();
    await page.evaluate(() => window.crumbs.ready);
    assert.equal(await page.evaluate(() => 'cookieStore' in window), how === 'failing', how);
    assert.equal(await page.evaluate(() => window.__firstPaintTries), 0, `${how}: no first paint for a returning visitor`);
    assert.equal(await page.locator('[data-crumbs="banner"]').count(), 0, `${how}: no banner`);
    await context.close();
  }
});
