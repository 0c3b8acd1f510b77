// The first-paint module travels inside the loader as a string of one character per byte
// (scripts/wasm-in-js.mjs). Every byte value must come back as itself, and the built loader must
// carry exactly the built module.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runInNewContext } from 'node:vm';
import { FIRST_PAINT_WASM } from '../../scripts/build.mjs';
import { PLACEHOLDER, withEmbeddedWasm } from '../../scripts/wasm-in-js.mjs';

/** The bytes a browser would get back from loader text `js` that stores its string in `out`. */
function decoded(js) {
  const text = Buffer.from(js).toString('utf8');
  assert.equal(text[0], '\ufeff', 'the file starts with a byte-order mark');
  const sandbox = {};
  runInNewContext(text, sandbox);
  return Buffer.from([...sandbox.out].map((c) => c.charCodeAt(0)));
}

test('every byte value survives the trip through a JS string literal', () => {
  const all = Buffer.from([...Array(256).keys(), 0x22, 0x27, 0x5c, 0x0a, 0x0d, 0x0d, 0x0a, 0x00]);
  for (const quote of ['"', "'"]) {
    const js = withEmbeddedWasm(`var s=${quote}${PLACEHOLDER}${quote};out=s;`, all);
    assert.deepEqual(decoded(js), all, `placeholder in ${quote} quotes`);
  }
});

test('the placeholder must be there exactly once', () => {
  assert.throws(() => withEmbeddedWasm('out="";', Buffer.from([1])), /exactly once, found 0/);
  assert.throws(() => withEmbeddedWasm(`a="${PLACEHOLDER}";b="${PLACEHOLDER}"`, Buffer.from([1])), /exactly once, found 2/);
});

test('the built loader carries the built first-paint module, byte for byte', () => {
  const loader = readFileSync(join(import.meta.dirname, '..', '..', 'www', 'crumbs', 'crumbs.js'), 'utf8');
  const wasm = readFileSync(FIRST_PAINT_WASM);
  assert.ok(!loader.includes(PLACEHOLDER));
  // The module's string is the one that starts with wasm's magic number.
  const literal = loader.match(/"\0asm(?:[^"\\]|\\[^])*"/);
  assert.ok(literal, 'the module is in the loader');
  assert.deepEqual(decoded(`\ufeffout=${literal[0]};`), wasm);
});
