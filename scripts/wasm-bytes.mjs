// Reading and writing the parts of the wasm binary format the build rewrites: LEB128 numbers,
// names, sections and the import section's entries.

/** Reads an unsigned LEB128 at `at`: [value, next offset]. */
export function uleb(bytes, at) {
  let value = 0, shift = 0, b;
  do {
    b = bytes[at++];
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
  } while (b & 0x80);
  return [value, at];
}

/** An unsigned LEB128 as bytes. */
export function leb(n) {
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
export const wasmName = (s) => [...leb(s.length), ...Buffer.from(s, 'latin1')];

/** A section: its id, its size, then `body` (bytes). */
export const section = (id, body) => [id, ...leb(body.length), ...body];

/** Reads a wasm name at `at`: [text, next offset]. */
export function readName(bytes, at) {
  const [len, s] = uleb(bytes, at);
  return [Buffer.from(bytes.subarray(s, s + len)).toString('latin1'), s + len];
}

/** The module's sections in order: id, `at` (its first byte), `body` (after the size), `end`. */
export function sections(bytes) {
  const out = [];
  for (let at = 8; at < bytes.length;) {
    const [size, body] = uleb(bytes, at + 1);
    out.push({ id: bytes[at], at, body, end: body + size });
    at = body + size;
  }
  return out;
}

/** Skips table or memory limits: a flag, a minimum and, if flagged, a maximum. */
function limits(bytes, p) {
  const flags = bytes[p++];
  p = uleb(bytes, p)[1];
  return flags & 1 ? uleb(bytes, p)[1] : p;
}

/** The import section's entries: module, name, kind, and where the kind's description is
 *  ([desc, end]). */
export function imports(bytes, section) {
  let [count, p] = uleb(bytes, section.body);
  const out = [];
  while (count--) {
    const [module, n] = readName(bytes, p);
    const [name, k] = readName(bytes, n);
    const kind = bytes[k];
    const desc = k + 1;
    if (kind === 0) p = uleb(bytes, desc)[1];
    else if (kind === 1) p = limits(bytes, desc + 1);
    else if (kind === 2) p = limits(bytes, desc);
    else if (kind === 3) p = desc + 2;
    else if (kind === 4) p = uleb(bytes, desc + 1)[1];
    else throw new Error(`unknown import kind ${kind}`);
    out.push({ module, name, kind, desc, end: p });
  }
  return out;
}
