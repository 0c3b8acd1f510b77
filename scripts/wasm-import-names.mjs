// Gives the full core's imports short names, in its wasm and in its glue alike. Why: wasm-bindgen
// names each import `__wbg_<method>_<16 hex digits>` and its glue defines each as a function in an
// object literal keyed by that name. V8 keeps, for the page's life, every such key and a name it
// makes up for each function ("E../crumbs_bg.js.__wbg_…") in the JS heap: some 20 KiB for the
// full core's ~160 imports. Short names also take ~5 KiB off the wasm.
import { readFileSync, writeFileSync } from 'node:fs';
import { imports, leb, section, sections, wasmName } from './wasm-bytes.mjs';

const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** The i-th short name: a, b, … Z, aa, ab, … (each a JS identifier). */
export function shortName(i) {
  let s = '';
  for (i++; i > 0; i = Math.floor((i - 1) / letters.length)) s = letters[(i - 1) % letters.length] + s;
  return s;
}

/** `bytes` and `glue` with every import renamed: modules m0, m1, …, names a, b, … Throws if the
 *  glue does not name each import exactly once, as the key of its function (then a rename could
 *  not be known to be safe). */
export function withShortImportNames(bytes, glue) {
  const found = sections(bytes).find((s) => s.id === 2);
  if (!found) return { bytes, glue };
  const entries = imports(bytes, found);
  const modules = [...new Set(entries.map((e) => e.module))];
  const once = (text, old, fresh) => {
    const parts = text.split(old);
    if (parts.length !== 2) throw new Error(`wasm-import-names: the glue has "${old}" ${parts.length - 1} times, not once`);
    return parts.join(fresh);
  };
  modules.forEach((m, i) => { glue = once(glue, JSON.stringify(m) + ':', JSON.stringify(`m${i}`) + ':'); });
  const body = [...leb(entries.length)];
  entries.forEach((e, i) => {
    const name = shortName(i);
    glue = once(glue, e.name + ':', name + ':');
    body.push(...wasmName(`m${modules.indexOf(e.module)}`), ...wasmName(name), e.kind, ...bytes.subarray(e.desc, e.end));
  });
  const out = Buffer.concat([bytes.subarray(0, found.at), Buffer.from(section(2, body)), bytes.subarray(found.end)]);
  return { bytes: out, glue };
}

/** Renames the imports of the wasm at `wasmPath` and of its glue at `gluePath`, in place. */
export function shortenImportNames(wasmPath, gluePath) {
  const r = withShortImportNames(readFileSync(wasmPath), readFileSync(gluePath, 'utf8'));
  writeFileSync(wasmPath, r.bytes);
  writeFileSync(gluePath, r.glue);
}
