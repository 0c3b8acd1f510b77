// The tracker zoo, one way in at a time: every path by which a page can bring in a third party
// (www/test/zoo/paths.js and the static-*.html pages), each checked three times:
// - the control, the same page without crumbs' tag, must fetch and run it (else the path
//   could pass by breaking the page);
// - with crumbs, nothing runs before a decision or after "Reject all" (and for a path held
//   before the request, nothing is even requested);
// - with crumbs, "Accept all" runs it.
// An admitted limit is checked as one: crumbs lets it through (README: every way in).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { THIRD_PARTY, open, ran, settled, useBrowser } from './harness.mjs';

useBrowser();

// What crumbs does with a path: held before the request, held after the request (never run),
// or an admitted limit.
const BEFORE = 'held before the request', AFTER = 'held after the request, never run', LIMIT = 'admitted limit';
// [name, what it loads (a script that runs, a frame's page, or only a fetch), outcome, page]
export const PATHS = [
  ['append-child', 'script', BEFORE],
  ['insert-before', 'script', BEFORE],
  ['append', 'script', BEFORE],
  ['replace-with', 'script', BEFORE],
  ['src-after-insert', 'script', BEFORE],
  ['set-attribute', 'script', BEFORE],
  ['set-attribute-ns', 'script', BEFORE],
  ['attr-node', 'script', AFTER],
  ['other-realm-setter', 'script', BEFORE],
  ['module', 'script', BEFORE],
  ['document-write', 'script', BEFORE],
  ['contextual-fragment', 'script', BEFORE],
  ['base-relative', 'script', BEFORE, 'static-base.html'],
  ['parser', 'script', AFTER, 'static-parser.html'],
  ['template-clone', 'script', BEFORE, 'static-template-clone.html'],
  ['template-move', 'script', BEFORE, 'static-template-move.html'],
  ['svg-href', 'script', BEFORE],
  ['svg-xlink-href', 'script', BEFORE],
  ['svg-parser', 'script', AFTER, 'static-svg-parser.html'],
  ['shadow-append', 'script', BEFORE],
  ['shadow-closed', 'script', BEFORE],
  ['shadow-attr-ns', 'script', BEFORE],
  ['declarative-shadow', 'script', LIMIT, 'static-declarative-shadow.html'],
  ['frame-create', 'script', BEFORE],
  ['frame-write', 'script', BEFORE],
  ['frame-index', 'script', AFTER],
  ['srcdoc-script', 'script', BEFORE],
  ['srcdoc-code', 'script', BEFORE],
  ['srcdoc-late', 'script', BEFORE],
  ['srcdoc-quiet', 'script', BEFORE],
  ['srcdoc-attribute', 'script', BEFORE],
  ['srcdoc-parser', 'script', BEFORE, 'static-srcdoc-parser.html'],
  ['redirect', 'script', LIMIT],
  ['dynamic-import', 'script', LIMIT],
  ['iframe-src', 'frame', BEFORE],
  ['iframe-set-attribute', 'frame', BEFORE],
  ['iframe-inner-html', 'frame', BEFORE],
  ['iframe-outer-html', 'frame', BEFORE],
  ['iframe-adjacent-html', 'frame', BEFORE],
  ['iframe-set-html-unsafe', 'frame', BEFORE],
  ['shadow-inner-html', 'frame', BEFORE],
  ['shadow-set-html-unsafe', 'frame', BEFORE],
  ['iframe-parser', 'frame', AFTER, 'static-iframe-parser.html'],
  ['object-data', 'frame', BEFORE],
  ['embed-src', 'frame', BEFORE],
  ['object-parser', 'frame', AFTER, 'static-object-parser.html'],
  ['preload', 'fetch', BEFORE],
  ['modulepreload', 'fetch', BEFORE],
  ['prefetch', 'fetch', BEFORE],
  ['preload-parser', 'fetch', LIMIT, 'static-preload-parser.html'],
  ['image', 'fetch', LIMIT],
  ['fetch', 'fetch', LIMIT],
  ['xhr', 'fetch', LIMIT],
  ['beacon', 'fetch', LIMIT],
];

const pageOf = ([name, , , file = 'path.html'], control) => `/test/zoo/${file}?p=${name}${control ? '&control' : ''}`;
const requested = (requests, name) => requests.some((r) => THIRD_PARTY.test(r) && new URL(r).searchParams.get('n') === name);

/** Whether the path's third party did its work: its script ran, its frame's page loaded, or
 *  (for a fetch) it was requested. */
async function didRun({ page, requests }, [name, kind]) {
  if (kind === 'fetch') return requested(requests, name);
  if (kind === 'script') return (await ran(page)).includes(name);
  for (const f of page.frames()) {
    if (new URL(f.url()).searchParams.get('n') === name && await f.locator('#embedded').count().catch(() => 0)) return true;
  }
  return false;
}
const runs = (opened, path, ms = 5000) => settled(() => didRun(opened, path), (v) => v, ms);

async function loaded(opened) {
  await opened.page.waitForFunction(() => window.__pathDone && document.readyState === 'complete');
  await opened.page.waitForTimeout(400);
  return opened;
}

/** Nothing of `path` ran; for a path held before the request, nothing was requested either. */
async function held(opened, path, when) {
  assert.equal(await didRun(opened, path), false, `${path[0]} did not run ${when}`);
  if (path[2] === BEFORE) assert.equal(requested(opened.requests, path[0]), false, `${path[0]} was not requested ${when}`);
}

/** Bad neighbours: page code that froze the prototypes crumbs hooks before it ran, or put a
 *  browser setter back after. The path then falls back to the watch, and the console names the
 *  hook, once. */
const NEIGHBOURS = [
  ['append-child', 'script', AFTER, 'static-neighbour-freeze.html', /^crumbs: the page locked src, type, .*setAttribute.* before crumbs ran/],
  ['src-after-insert', 'script', AFTER, 'static-neighbour-replace.html', /^crumbs: page code replaced src after crumbs ran/],
];

for (const path of [...PATHS, ...NEIGHBOURS]) {
  const [name, , outcome, file, error] = path;
  test(`${file?.startsWith('static-neighbour') ? `${file}, ` : ''}${name}: ${outcome}`, async () => {
    const control = await loaded(await open(pageOf(path, true), { wait: false }));
    assert.equal(await runs(control, path), true, `control: without crumbs, ${name} runs`);
    await control.context.close();

    if (outcome === LIMIT) {
      const crumbs = await loaded(await open(pageOf(path)));
      assert.equal(await runs(crumbs, path), true, `${name} is a limit: it still gets in with crumbs`);
      await crumbs.context.close();
      return;
    }

    const rejecting = await loaded(await open(pageOf(path)));
    await held(rejecting, path, 'before a decision');
    if (/^srcdoc-(code|late|quiet)$/.test(name)) {
      assert.equal(await rejecting.page.evaluate(() => window.__frameGuardedFirst), true, "the frame's realm was guarded before its own code ran");
    }
    await rejecting.page.locator('[data-action="reject-all"]').click();
    await rejecting.page.waitForTimeout(400);
    await held(rejecting, path, 'after "Reject all"');
    assert.deepEqual(rejecting.pageErrors, []);
    const crumbsErrors = rejecting.consoleErrors.filter((e) => e.startsWith('crumbs:'));
    if (error) {
      assert.equal(crumbsErrors.length, 1, crumbsErrors.join('\n'));
      assert.match(crumbsErrors[0], error);
    } else {
      assert.deepEqual(crumbsErrors, []);
    }
    await rejecting.context.close();

    const accepting = await loaded(await open(pageOf(path)));
    await held(accepting, path, 'before a decision');
    await accepting.page.locator('[data-action="accept-all"]').click();
    assert.equal(await runs(accepting, path), true, `${name} runs after "Accept all"`);
    assert.deepEqual(accepting.pageErrors, []);
    await accepting.context.close();
  });
}

test('the README\'s catalogue names every path with the outcome the zoo checks', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const rows = new Map([...readme.matchAll(/^\| (.+?) \| `([\w-]+)` \| (held before the request|held after the request, never run|admitted limit)/gm)]
    .map((m) => [m[2], m[3]]));
  assert.deepEqual(PATHS.map(([n]) => [n, rows.get(n)]), PATHS.map(([n, , o]) => [n, o]));
});
