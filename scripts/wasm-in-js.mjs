// Puts the first-paint wasm inside the minified loader, so a first visit gets the banner with
// no request after the loader's. The bytes become a JS string literal of one character per byte
// (U+0000–U+00FF): wasm is 96 % ASCII, so brotli shrinks this almost as well as the binary, where
// base64 would cost a third more. The file is UTF-8 with a byte-order mark, which the browser
// obeys over any charset the server sends, so the characters arrive as written.
import { readFileSync, writeFileSync } from 'node:fs';

/** The placeholder string in www/crumbs/loader/first-paint.js that the build replaces with the module. */
export const PLACEHOLDER = '__FIRST_PAINT_WASM__';

/** `bytes` as a double-quoted JS string literal whose character codes are the bytes. */
export function bytesAsJsString(bytes) {
  let out = '"';
  for (const b of bytes) {
    // A string literal may hold any character but its quote, a backslash and line breaks.
    if (b === 0x22 || b === 0x5c) out += '\\' + String.fromCharCode(b);
    else if (b === 0x0a) out += '\\n';
    else if (b === 0x0d) out += '\\r';
    else out += String.fromCharCode(b);
  }
  return out + '"';
}

/** Replaces the quoted placeholder in the minified loader `js` (text) with `wasm`; throws
 * unless it occurs exactly once. Returns the file's bytes: a byte-order mark, then UTF-8. */
export function withEmbeddedWasm(js, wasm) {
  const parts = js.split(new RegExp(`["']${PLACEHOLDER}["']`));
  if (parts.length !== 2) throw new Error(`crumbs build: the loader must name ${PLACEHOLDER} exactly once, found ${parts.length - 1}`);
  return Buffer.from('\ufeff' + parts[0] + bytesAsJsString(wasm) + parts[1], 'utf8');
}

/** Rewrites the loader file at `loaderPath` with the wasm file at `wasmPath` inside it. */
export function embedWasm(loaderPath, wasmPath) {
  writeFileSync(loaderPath, withEmbeddedWasm(readFileSync(loaderPath, 'utf8').replace(/^\ufeff/, ''), readFileSync(wasmPath)));
}
