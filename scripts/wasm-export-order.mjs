// Puts a wasm module's exported functions first among its own functions, so their indices are
// consecutive. Why: the JS API names each exported function after its index, and V8 makes those
// names through its number-to-string cache when the module is instantiated. That cache starts
// with 64 slots (index mod 64) and grows to its full size, 64 KiB of JS heap that stays for the
// page's life, the first time two numbers want the same slot. Scattered indices (the full core
// has 25 exports) all but always collide; consecutive ones never collide with each other.
//
// How: a temporary name section sorts the exports first, binaryen's reorder-functions-by-name
// moves the functions (renumbering every call and reference), and the names are stripped again.
import { readFileSync, writeFileSync } from 'node:fs';
import { imports, leb, readName, section, sections, uleb, wasmName } from './wasm-bytes.mjs';

/** What the sections say: imported function count, defined function count, exported function
 *  indices (in export order, each once), and where a name section is ([start, end], or null). */
export function functionIndexSpace(bytes) {
  let imported = 0, defined = 0, names = null;
  const exported = [];
  for (const sec of sections(bytes)) {
    if (sec.id === 0) {
      if (readName(bytes, sec.body)[0] === 'name') names = [sec.at, sec.end];
    } else if (sec.id === 2) {
      imported = imports(bytes, sec).filter((i) => i.kind === 0).length;
    } else if (sec.id === 3) {
      defined = uleb(bytes, sec.body)[0];
    } else if (sec.id === 7) {
      let [count, p] = uleb(bytes, sec.body);
      while (count--) {
        const [, s] = readName(bytes, p);
        const kind = bytes[s];
        const [index, next] = uleb(bytes, s + 1);
        if (kind === 0 && !exported.includes(index)) exported.push(index);
        p = next;
      }
    }
  }
  return { imported, defined, exported, names };
}

/** `bytes` with a name section (in place of any it had) whose names sort the exported functions
 *  first, in index order, and keep every other function in its place. */
export function withOrderingNames(bytes) {
  const { imported, defined, exported, names: old } = functionIndexSpace(bytes);
  if (old) bytes = Buffer.concat([bytes.subarray(0, old[0]), bytes.subarray(old[1])]);
  const first = new Set(exported);
  const names = [];
  for (let i = imported; i < imported + defined; i++) names.push([i, `${first.has(i) ? 'a' : 'b'}${String(i).padStart(8, '0')}`]);
  const map = [...leb(names.length), ...names.flatMap(([i, n]) => [...leb(i), ...wasmName(n)])];
  const content = [...wasmName('name'), 1, ...leb(map.length), ...map];
  return Buffer.concat([bytes, Buffer.from(section(0, content))]);
}

/** Whether two exported functions' indices share a slot of V8's initial cache. */
export function exportsCollide(bytes) {
  const slots = functionIndexSpace(bytes).exported.map((i) => i % 64);
  return new Set(slots).size < slots.length;
}

/** Writes `input` to `output`, with the ordering names if its exports collide (wasm-opt's
 *  `--reorder-functions-by-name` then moves the functions and `--strip-debug` drops the names;
 *  moving costs a few bytes, so a module whose exports do not collide is left as it is).
 *  Returns whether it named them. */
export function nameForExportOrder(input, output) {
  const bytes = readFileSync(input);
  const collide = exportsCollide(bytes);
  writeFileSync(output, collide ? withOrderingNames(bytes) : bytes);
  return collide;
}
