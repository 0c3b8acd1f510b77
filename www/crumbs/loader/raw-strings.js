// Strings to and from the wasm module that has no generated glue (the decision module): UTF-8 in the module's memory, in a buffer from its raw_alloc export
// (src/allocator.rs). No imports; one encoder and decoder, made on first use (a returning
// visitor needs neither).
var encoder, decoder;
// `s` written into module `x`'s memory: [pointer, length].
export function putString(x, s) {
  s = String(s);
  var n = s.length * 3, p = x.raw_alloc(n);
  return [p, (encoder = encoder || new TextEncoder()).encodeInto(s, new Uint8Array(x.memory.buffer, p, n)).written];
}
// The `n` bytes at `p` in module `x`'s memory, as a string.
export function readString(x, p, n) {
  return (decoder = decoder || new TextDecoder()).decode(new Uint8Array(x.memory.buffer, p, n));
}
