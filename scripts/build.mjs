// `npm run build`: the browser bundle in www/crumbs/dist/.
// cargo (wasm32, size-tuned profile) → wasm-bindgen --target web → wasm-opt -Oz, then the
// loader (www/crumbs/loader.js) bundled with the glue into www/crumbs/crumbs.js.
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ensureNpm, ensureRust, repo, run } from './tools.mjs';

/** Builds the wasm core and its glue into www/crumbs/dist. */
export function build() {
  const wasmBindgen = ensureRust();
  ensureNpm();
  const dist = join(repo, 'www', 'crumbs', 'dist');
  run('cargo', ['build', '--lib', '--target', 'wasm32-unknown-unknown', '--profile', 'wasm-release']);
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });
  const raw = join(repo, 'target', 'wasm32-unknown-unknown', 'wasm-release', 'crumbs.wasm');
  run(wasmBindgen, ['--target', 'web', '--no-typescript', '--out-dir', dist, '--out-name', 'crumbs', raw]);
  const wasm = join(dist, 'crumbs_bg.wasm');
  // Rust's wasm32 target emits these post-MVP features; wasm-opt must be told it may keep them.
  const features = ['--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
    '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue'];
  run(join(repo, 'node_modules', '.bin', 'wasm-opt'), ['-Oz', ...features, '--strip-debug', '--strip-producers', wasm, '-o', wasm]);
  // The known-cookie table, loaded by the browser only after the banner is up.
  run('cargo', ['run', '-q', '-p', 'crumbs-cli', '--', 'compile-db',
    join(repo, 'data', 'open-cookie-database', 'open-cookie-database.csv'), join(dist, 'cookies.bin')]);
  // The loader and the glue wasm-bindgen writes become one minified classic script: the page's
  // one tag, which must run synchronously (its pre-blocker) and saves the glue's own request.
  const glue = join(dist, 'crumbs.js');
  const loader = join(repo, 'www', 'crumbs', 'crumbs.js');
  run(join(repo, 'node_modules', '.bin', 'esbuild'), [join(repo, 'www', 'crumbs', 'loader.js'), '--bundle', '--minify',
    '--format=iife', '--target=es2020', '--legal-comments=none', '--log-level=error', `--outfile=${loader}`]);
  rmSync(glue);
  console.log(`crumbs: built ${wasm} (${statSync(wasm).size} bytes) and ${loader} (${statSync(loader).size} bytes)`);
}

if (import.meta.url === `file://${process.argv[1]}`) build();
