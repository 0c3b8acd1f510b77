// The names V8 keeps for the shipped wasm modules' functions. Exported functions never share a
// slot of V8's initial number-to-string cache (the JS API names each export after its index; see
// scripts/wasm-export-order.mjs), so instantiating them leaves that cache at its small start size
// instead of growing it to 64 KiB of JS heap for the page's life. The full core's imports have
// short names, in the wasm and in the glue alike (scripts/wasm-import-names.mjs), so the heap
// keeps no long wasm-bindgen names for them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { leb, section, wasmName } from '../../scripts/wasm-bytes.mjs';
import { exportsCollide, functionIndexSpace, withOrderingNames } from '../../scripts/wasm-export-order.mjs';
import { shortName, withShortImportNames } from '../../scripts/wasm-import-names.mjs';
import { open, useBrowser } from './harness.mjs';

useBrowser();

const dist = join(import.meta.dirname, '..', '..', 'www', 'crumbs', 'dist');

test('the built modules export functions whose indices never share a cache slot', () => {
  for (const file of [join(dist, 'crumbs_bg.wasm'), join(dist, 'crumbs-decide.wasm')]) {
    const bytes = readFileSync(file);
    const { exported } = functionIndexSpace(bytes);
    assert.ok(exported.length > 0, `${file} exports functions`);
    assert.equal(exportsCollide(bytes), false, `${file}: ${exported.map((i) => `${i} (slot ${i % 64})`).join(', ')}`);
  }
});

test('the ordering names sort exported functions first and keep the rest in order', () => {
  // The full core as wasm-bindgen leaves it is not at hand here; the built module stands in
  // (its function order is what matters, not which order it is in).
  const bytes = readFileSync(join(dist, 'crumbs_bg.wasm'));
  const { imported, defined, exported } = functionIndexSpace(bytes);
  const named = withOrderingNames(bytes);
  const text = named.subarray(bytes.length).toString('latin1');
  const names = [...text.matchAll(/[ab]\d{8}/g)].map((m) => m[0]);
  assert.equal(names.length, defined, 'every defined function named');
  const sorted = [...names].sort();
  const ownExports = exported.filter((i) => i >= imported).length;
  assert.deepEqual(sorted.slice(0, ownExports).map((n) => n[0]), Array(ownExports).fill('a'));
  assert.deepEqual(names.filter((n) => n[0] === 'b'), sorted.filter((n) => n[0] === 'b'), 'the others keep their order');
  assert.notEqual(functionIndexSpace(named).names, null, 'the result has a name section');
});

test('after the full core has started, V8\'s number-to-string cache is still at its start size and no long import name is kept', async () => {
  const { page, context } = await open('/sites/charity/');
  await page.evaluate(() => window.crumbs.ready);
  const cdp = await context.newCDPSession(page);
  const chunks = [];
  cdp.on('HeapProfiler.addHeapSnapshotChunk', (e) => chunks.push(e.chunk));
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  const s = JSON.parse(chunks.join(''));
  const f = s.snapshot.meta.node_fields, ef = s.snapshot.meta.edge_fields;
  const N = f.length, E = ef.length, edges = f.indexOf('edge_count'), self = f.indexOf('self_size');
  const to = ef.indexOf('to_node'), name = ef.indexOf('name_or_index'), type = ef.indexOf('type');
  // Element and hidden edges carry an index, not a string, in name_or_index.
  const numbered = new Set(['element', 'hidden'].map((t) => s.snapshot.meta.edge_types[0].indexOf(t)));
  const key = s.strings.indexOf('smi_string_cache');
  let size = null;
  for (let i = 0, e = 0; i < s.nodes.length; i += N) {
    for (let k = 0; k < s.nodes[i + edges]; k++, e += E) if (s.edges[e + name] === key && !numbered.has(s.edges[e + type])) size = s.nodes[s.edges[e + to] + self];
  }
  assert.notEqual(size, null, 'the heap snapshot names the cache (if Chromium renamed it, update this test)');
  assert.ok(size < 16 * 1024, `the cache is ${size} bytes`);
  assert.deepEqual(s.strings.filter((t) => t.includes('__wbg_')).slice(0, 5), [], 'no wasm-bindgen import name in the heap');
  await context.close();
});

test('the full core imports short names from one module, and its glue defines exactly those', () => {
  const wasm = new WebAssembly.Module(readFileSync(join(dist, 'crumbs_bg.wasm')));
  const glue = readFileSync(join(dist, 'crumbs.js'), 'utf8');
  const imports = WebAssembly.Module.imports(wasm);
  assert.ok(imports.length > 50, `${imports.length} imports`);
  assert.deepEqual([...new Set(imports.map((i) => i.module))], ['m0']);
  assert.deepEqual(imports.map((i) => i.name), imports.map((_, i) => shortName(i)));
  assert.doesNotMatch(glue, /__wbg_/);
  for (const { name } of imports) assert.match(glue, new RegExp(`[{,]${name}:function`), `the glue defines ${name}`);
});

test('short names: a, b, … Z, aa, … each a JS identifier and each different', () => {
  const names = Array.from({ length: 3000 }, (_, i) => shortName(i));
  assert.deepEqual(names.slice(0, 3), ['a', 'b', 'c']);
  assert.equal(names[52], 'aa');
  assert.equal(new Set(names).size, names.length);
  for (const n of names) assert.match(n, /^[a-zA-Z]+$/);
});

/** A module that imports the given [module, name] functions, of type () -> (). */
function moduleImporting(list) {
  const types = section(1, [1, 0x60, 0, 0]);
  const entries = section(2, [...leb(list.length), ...list.flatMap(([m, n]) => [...wasmName(m), ...wasmName(n), 0, 0])]);
  return Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, ...types, ...entries]);
}

test('renaming rewrites the wasm and the glue together, and refuses a glue it cannot read', () => {
  const bytes = moduleImporting([['./x_bg.js', '__wbg_log_0123456789abcdef'], ['./x_bg.js', '__wbg_now_fedcba9876543210']]);
  const glue = 'function i(){return{"./x_bg.js":{__wbg_log_0123456789abcdef:function(a){console.log(a)},__wbg_now_fedcba9876543210:function(){return Date.now()}}}}';
  const out = withShortImportNames(bytes, glue);
  assert.deepEqual(WebAssembly.Module.imports(new WebAssembly.Module(out.bytes)).map((i) => `${i.module}.${i.name}`), ['m0.a', 'm0.b']);
  assert.equal(out.glue, 'function i(){return{"m0":{a:function(a){console.log(a)},b:function(){return Date.now()}}}}');
  assert.throws(() => withShortImportNames(bytes, glue.replace('__wbg_now_fedcba9876543210:', 'now:')), /"__wbg_now_fedcba9876543210:" 0 times/);
  assert.throws(() => withShortImportNames(bytes, `${glue}//__wbg_log_0123456789abcdef:`), /"__wbg_log_0123456789abcdef:" 2 times/);
});
