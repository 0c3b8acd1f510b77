
// ---- Appended by the build (www/crumbs/compile-ahead.js) -------------------------------------
/** Has V8 compile ahead, in idle moments, the code of the full core's start and of a decision,
 * which it would otherwise compile while the visitor waits: a throwaway instance of `module`
 * rehearses them on the site's config text `config[0]` (see src/web/rehearsal.rs) and is let
 * go. Its imports refuse to run, so the rehearsal cannot reach the page or the real instance's
 * memory. The start's part runs now; the decision's in a task of its own, handed to
 * `later(f, 'background')` (each is then short on a slow device); f returns true if that part
 * ran to its end. Returns 1 if the start's part ran to its end on a sound config, 0 if it ran to
 * its end on a config with errors (the full core must start and report them), undefined if it
 * did not run to its end (then the real start compiles what it needs, as before). */
export function compileAhead(module, config, later) {
  try {
    var imports = {}, refuse = function () { throw 0; };
    WebAssembly.Module.imports(module).forEach(function (i) { (imports[i.module] = imports[i.module] || {})[i.name] = refuse; });
    var x = new WebAssembly.Instance(module, imports).exports;
    var bytes = new TextEncoder().encode(config && config[0] || '');
    // The text is copied in for each part: a part frees it when done.
    var rehearse = function (part) {
      var at = x.__wbindgen_malloc(bytes.length, 1);
      new Uint8Array(x.memory.buffer).set(bytes, at);
      return x.rehearse(at, bytes.length, part);
    };
    var sound = rehearse(0);
    later(function () {
      try {
        rehearse(1);
        return true;
      } catch (e) {
        return false;
      }
    }, 'background');
    return sound;
  } catch (e) {
    return undefined;
  }
}
