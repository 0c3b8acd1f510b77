// Every shipped language in real Chromium: the banner's wording comes whole from its file, right to
// left for Arabic and Hebrew, and the visitor's region and script subtags pick the right file.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { open, useBrowser } from './harness.mjs';

useBrowser();

const LANG_DIR = new URL('../../www/crumbs/lang/', import.meta.url);
/** The shipped wording by file code, read from the files themselves. */
const shipped = Object.fromEntries(readdirSync(LANG_DIR).filter((f) => f.endsWith('.json'))
  .map((f) => [f.slice(0, -'.json'.length), JSON.parse(readFileSync(new URL(f, LANG_DIR), 'utf8'))]));
const ENGLISH = { bannerTitle: 'We use cookies', acceptAll: 'Accept all', rejectAll: 'Reject all' };
const RIGHT_TO_LEFT = ['ar', 'he'];

/** The no-lang test page, with `config` as its config and `locale` as the browser's language. */
async function bannerFor({ config = {}, locale = 'en-GB' } = {}) {
  const opened = await open('/test/no-lang.html', {
    contextOptions: { locale },
    beforeGoto: (p) => p.route('**/test.config.json', (route) => route.fulfill({ json: { revision: 1, ...config } })),
  });
  const banner = opened.page.locator('[data-crumbs="banner"]');
  const read = async () => ({
    lang: await banner.getAttribute('lang'),
    dir: await banner.getAttribute('dir'),
    bannerTitle: await banner.locator('h2').textContent(),
    acceptAll: await banner.locator('[data-action="accept-all"]').textContent(),
    rejectAll: await banner.locator('[data-action="reject-all"]').textContent(),
    files: opened.requests.filter((u) => u.includes('/crumbs/lang/')).map((u) => new URL(u).pathname.split('/').pop()),
  });
  return { ...opened, banner, shown: await read() };
}

test('every shipped language file reaches the banner whole, in its own direction', async () => {
  assert.ok(Object.keys(shipped).length >= 33, 'the 33 shipped languages besides English');
  for (const [code, words] of Object.entries(shipped)) {
    const { context, shown, consoleErrors, pageErrors } = await bannerFor({ config: { language: code } });
    assert.equal(shown.lang, code, code);
    assert.equal(shown.dir, RIGHT_TO_LEFT.includes(code) ? 'rtl' : 'ltr', code);
    for (const key of ['bannerTitle', 'acceptAll', 'rejectAll']) assert.equal(shown[key], words[key], `${code}: ${key}`);
    assert.deepEqual(shown.files, [`${code}.json`], `${code}: one file fetched`);
    assert.deepEqual([...consoleErrors, ...pageErrors], [], code);
    await context.close();
  }
});

test('Arabic and Hebrew are mirrored: "Accept all" is the right-hand of the two', async () => {
  for (const code of RIGHT_TO_LEFT) {
    const { page, context, banner } = await bannerFor({ config: { language: code } });
    assert.equal(await banner.evaluate((b) => getComputedStyle(b).direction), 'rtl', code);
    const [a, r] = [await page.locator('[data-action="accept-all"]').boundingBox(), await page.locator('[data-action="reject-all"]').boundingBox()];
    assert.ok(a.x > r.x, `${code}: in right-to-left order "Accept all" comes first from the right`);
    await context.close();
  }
});

test('the browser language picks the file by region and script subtags', async () => {
  const cases = [
    ['pt-BR', 'pt-BR'], ['pt-PT', 'pt'], ['pt', 'pt'],
    ['zh-CN', 'zh-Hans'], ['zh-SG', 'zh-Hans'], ['zh', 'zh-Hans'],
    ['nb-NO', 'nb'], ['no', 'nb'], ['de-AT', 'de'], ['ga-IE', 'ga'],
    // Traditional Chinese is not served Simplified, and a language crumbs lacks gets English.
    ['zh-TW', null], ['zh-HK', null], ['sw-KE', null],
  ];
  for (const [locale, file] of cases) {
    const { context, shown } = await bannerFor({ locale });
    const words = file ? shipped[file] : ENGLISH;
    assert.equal(shown.bannerTitle, words.bannerTitle, `${locale} reads ${file || 'English'}`);
    assert.equal(shown.rejectAll, words.rejectAll, locale);
    assert.deepEqual(shown.files, file ? [`${file}.json`] : [], locale);
    await context.close();
  }
  // pt-BR and pt differ where Brazil and Portugal do.
  assert.notEqual(shipped['pt-BR'].bannerTitle, shipped.pt.bannerTitle);
});

test("the config's language wins over the browser's; an unknown one shows English", async () => {
  let { context, shown } = await bannerFor({ config: { language: 'nb-NO' }, locale: 'pt-BR' });
  assert.equal(shown.bannerTitle, shipped.nb.bannerTitle);
  assert.equal(shown.lang, 'nb-NO');
  await context.close();
  ({ context, shown } = await bannerFor({ config: { language: 'zh-Hans-CN' }, locale: 'ja' }));
  assert.equal(shown.bannerTitle, shipped['zh-Hans'].bannerTitle);
  await context.close();
  // A language crumbs does not ship, with no texts for it: English, and no file asked for.
  ({ context, shown } = await bannerFor({ config: { language: 'cy' }, locale: 'fr-FR' }));
  assert.equal(shown.bannerTitle, ENGLISH.bannerTitle);
  assert.deepEqual(shown.files, []);
  await context.close();
});
