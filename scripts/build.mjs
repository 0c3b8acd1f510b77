// `npm run build`: the browser bundle, www/crumbs/crumbs.js and www/crumbs/dist/.
// The one Rust shell is built twice for wasm32 (size-tuned profile, `no_std`): the full core,
// and with `--features first-paint` the small module that only draws the banner. Each goes through
// wasm-bindgen --target web and wasm-opt -Oz; their glue is minified in dist/. The loader
// (www/crumbs/loader.js) is minified into www/crumbs/crumbs.js.
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ensureNpm, ensureRust, repo, run } from './tools.mjs';

/** Builds the two wasm modules, their glue and the loader into www/crumbs. */
export function build() {
  const wasmBindgen = ensureRust();
  ensureNpm();
  const dist = join(repo, 'www', 'crumbs', 'dist');
  const bin = (name) => join(repo, 'node_modules', '.bin', name);
  // Rust's wasm32 target emits these post-MVP features; wasm-opt must be told it may keep them.
  const features = ['--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
    '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue'];
  // Both without the `std` feature: no std panic machinery or `core::fmt` in the wasm. Each has
  // its own target dir, so neither rebuild undoes the other (nor the tests' std build).
  const modules = [
    { name: 'crumbs', targetDir: join(repo, 'target', 'wasm-full'), cargo: ['--no-default-features'] },
    { name: 'first-paint', targetDir: join(repo, 'target', 'first-paint'), cargo: ['--no-default-features', '--features', 'first-paint'] },
  ];
  for (const m of modules) {
    run('cargo', ['build', '--lib', '--target', 'wasm32-unknown-unknown', '--profile', 'wasm-release', '--target-dir', m.targetDir, ...m.cargo]);
  }
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });
  for (const m of modules) {
    const raw = join(m.targetDir, 'wasm32-unknown-unknown', 'wasm-release', 'crumbs.wasm');
    run(wasmBindgen, ['--target', 'web', '--no-typescript', '--out-dir', dist, '--out-name', m.name, raw]);
    const wasm = join(dist, `${m.name}_bg.wasm`);
    run(bin('wasm-opt'), ['-Oz', ...features, '--strip-debug', '--strip-producers', wasm, '-o', wasm]);
  }
  // The glue wasm-bindgen writes is readable, commented JavaScript; ship it minified.
  const glue = join(dist, 'crumbs.js');
  for (const m of modules) {
    const js = join(dist, `${m.name}.js`);
    run(bin('esbuild'), [js, '--minify', '--format=esm', '--log-level=warning', '--allow-overwrite', `--outfile=${js}`]);
  }
  // The loader is the page's one synchronous script (its pre-blocker must run first), and the
  // HTML parser waits for it: it carries no glue, which loads in parallel with the wasm.
  const loader = join(repo, 'www', 'crumbs', 'crumbs.js');
  run(bin('esbuild'), [join(repo, 'www', 'crumbs', 'loader.js'), '--minify', '--target=es2020',
    '--legal-comments=none', '--log-level=error', `--outfile=${loader}`]);
  // The known-cookie table, loaded by the browser only after the banner is up.
  run('cargo', ['run', '-q', '-p', 'crumbs-cli', '--', 'compile-db',
    join(repo, 'data', 'open-cookie-database', 'open-cookie-database.csv'), join(dist, 'cookies.bin')]);
  const size = (p) => `${p.slice(repo.length + 1)} (${statSync(p).size} bytes)`;
  console.log(`crumbs: built ${[loader, join(dist, 'first-paint.js'), join(dist, 'first-paint_bg.wasm'), glue, join(dist, 'crumbs_bg.wasm')].map(size).join(', ')}`);
}

if (import.meta.url === `file://${process.argv[1]}`) build();
