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

/** Reads an unsigned LEB128 at `at`: [value, next offset]. */
function uleb(bytes, at) {
  let value = 0, shift = 0, b;
  do {
    b = bytes[at++];
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
  } while (b & 0x80);
  return [value, at];
}

/** An unsigned LEB128 as bytes. */
function leb(n) {
  const out = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}

/** A wasm name: its length, then its bytes (ASCII here). */
const wasmName = (s) => [...leb(s.length), ...Buffer.from(s, 'latin1')];

/** What the sections say: imported function count, defined function count, exported function
 *  indices (in export order, each once), and where a name section is ([start, end], or null). */
export function functionIndexSpace(bytes) {
  let imported = 0, defined = 0, names = null;
  const exported = [];
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at];
    const [size, body] = uleb(bytes, at + 1);
    let [count, p] = id === 2 || id === 3 || id === 7 ? uleb(bytes, body) : [0, body];
    if (id === 0) {
      const [len, s] = uleb(bytes, body);
      if (Buffer.from(bytes.subarray(s, s + len)).toString('latin1') === 'name') names = [at, body + size];
    } else if (id === 2) {
      // Imports: module name, field name, kind, then a kind-specific description.
      while (count--) {
        for (let k = 0; k < 2; k++) { const [len, s] = uleb(bytes, p); p = s + len; }
        const kind = bytes[p++];
        if (kind === 0) { imported++; p = uleb(bytes, p)[1]; }
        else if (kind === 1) { p++; p = limits(bytes, p); }
        else if (kind === 2) p = limits(bytes, p);
        else if (kind === 3) p += 2;
        else if (kind === 4) p = uleb(bytes, p + 1)[1];
        else throw new Error(`unknown import kind ${kind}`);
      }
    } else if (id === 3) {
      defined = count;
    } else if (id === 7) {
      while (count--) {
        const [len, s] = uleb(bytes, p);
        const kind = bytes[s + len];
        const [index, next] = uleb(bytes, s + len + 1);
        if (kind === 0 && !exported.includes(index)) exported.push(index);
        p = next;
      }
    }
    at = body + size;
  }
  return { imported, defined, exported, names };
}

/** Skips table or memory limits: a flag, a minimum and, if flagged, a maximum. */
function limits(bytes, p) {
  const flags = bytes[p++];
  p = uleb(bytes, p)[1];
  return flags & 1 ? uleb(bytes, p)[1] : p;
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
  return Buffer.concat([bytes, Buffer.from([0, ...leb(content.length), ...content])]);
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
