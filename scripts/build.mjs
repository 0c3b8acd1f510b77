// `npm run build`: the browser bundle, www/crumbs/crumbs.js and www/crumbs/dist/.
// Two wasm modules are built for wasm32 (size-tuned profile, `no_std`): the full core (the
// web-sys shell, `--features web`), which goes through wasm-bindgen --target web, its glue
// minified; and the decision module (`--features decide`), pure code with no imports at all,
// served as dist/crumbs-decide.wasm. Both go through wasm-opt -Oz, exported functions moved
// first; the full core's imports get short names. The loader (ES modules under
// www/crumbs/loader/, entry main.js) is bundled and minified into www/crumbs/crumbs.js, with the
// banner's templates and styles written in (its first paint). The opt-in network guard
// (www/crumbs/network-guard.js) becomes www/crumbs/crumbs-network-guard.js.
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ensureNpm, ensureRust, repo, run } from './tools.mjs';
import { nameForExportOrder } from './wasm-export-order.mjs';
import { shortenImportNames } from './wasm-import-names.mjs';

/** The constants the loader shares with Rust, as esbuild `--define`s, written from the Rust
 * definitions (src/loader_constants.rs). */
export function loaderDefines() {
  const json = execFileSync('cargo', ['run', '-q', '--example', 'loader_constants'], { cwd: repo, encoding: 'utf8' });
  const defines = Object.entries(JSON.parse(json)).map(([name, value]) => `--define:${name}=${value}`);
  // The first paint's styles: the banner's stylesheet, minified; the loader hands them to the
  // full core too (hooks.bannerCss), which carries only crumbs.css (build.rs).
  const css = execFileSync(join(repo, 'node_modules', '.bin', 'esbuild'), ['--minify', '--loader=css', '--log-level=warning'],
    { input: readFileSync(join(repo, 'www', 'crumbs', 'banner.css')), encoding: 'utf8' }).trim();
  return [...defines, `--define:BANNER_CSS=${JSON.stringify(css)}`];
}

/** Builds the wasm modules, the full core's glue and the loader into www/crumbs. */
export function build() {
  // npm's packages first: build.rs needs esbuild.
  ensureNpm();
  const wasmBindgen = ensureRust();
  const dist = join(repo, 'www', 'crumbs', 'dist');
  const bin = (name) => join(repo, 'node_modules', '.bin', name);
  // Rust's wasm32 target emits these post-MVP features; wasm-opt must be told it may keep them.
  const features = ['--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
    '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue'];
  // Both without the `std` feature: no std panic machinery in the wasm. Each has its own target
  // dir, so neither rebuild undoes the other (nor the tests' std build).
  const modules = [
    { name: 'crumbs', targetDir: join(repo, 'target', 'wasm-full'), cargo: ['--no-default-features', '--features', 'web'], glue: true },
    // The decision module: no glue either, served from dist/ (fetched after the first paint).
    { name: 'crumbs-decide', targetDir: join(repo, 'target', 'decide'), cargo: ['--no-default-features', '--features', 'decide'], glue: false },
  ];
  for (const m of modules) {
    run('cargo', ['build', '--lib', '--target', 'wasm32-unknown-unknown', '--profile', 'wasm-release', '--target-dir', m.targetDir, ...m.cargo]);
  }
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });
  for (const m of modules) {
    const raw = join(m.targetDir, 'wasm32-unknown-unknown', 'wasm-release', 'crumbs.wasm');
    const wasm = m.glue ? join(dist, `${m.name}_bg.wasm`) : join(dist, `${m.name}.wasm`);
    if (m.glue) run(wasmBindgen, ['--target', 'web', '--no-typescript', '--out-dir', dist, '--out-name', m.name, raw]);
    // Exported functions first, so V8 names them without growing its number-to-string cache
    // (see wasm-export-order.mjs); then size first, and no names, debug info or metadata.
    const named = join(m.targetDir, `${m.name}.named.wasm`);
    const reorder = nameForExportOrder(m.glue ? wasm : raw, named) ? ['--reorder-functions-by-name'] : [];
    // --converge repeats -Oz until it no longer shrinks the module.
    run(bin('wasm-opt'), [named, ...reorder, '-Oz', '--converge', ...features, '--strip-debug', '--strip-producers', '--strip-target-features', '-o', wasm]);
    // The glue wasm-bindgen writes is readable, commented JavaScript; ship it minified.
    const js = join(dist, `${m.name}.js`);
    if (m.glue) {
      // The full core's compile-ahead rides in its glue, fetched after the banner is up.
      appendFileSync(js, readFileSync(join(repo, 'www', 'crumbs', 'compile-ahead.js')));
      run(bin('esbuild'), [js, '--minify', '--format=esm', '--log-level=warning', '--allow-overwrite', `--outfile=${js}`]);
      // Short import names in both (see wasm-import-names.mjs).
      shortenImportNames(wasm, js);
    }
  }
  // The loader is the page's one synchronous script (its pre-blocker must run first), and the
  // HTML parser waits for it: it carries no glue, which loads in parallel with the wasm. Its
  // modules become one classic script (an IIFE), concatenated in the order they run.
  const loader = join(repo, 'www', 'crumbs', 'crumbs.js');
  run(bin('esbuild'), [join(repo, 'www', 'crumbs', 'loader', 'main.js'), '--bundle', '--format=iife', ...loaderDefines(),
    '--minify', '--target=es2020', '--legal-comments=none', '--log-level=error', `--outfile=${loader}`]);
  // The opt-in network guard: a classic script of its own, so a site that does not add its tag
  // downloads nothing for it.
  const guard = join(repo, 'www', 'crumbs', 'crumbs-network-guard.js');
  run(bin('esbuild'), [join(repo, 'www', 'crumbs', 'network-guard.js'), '--bundle', '--format=iife',
    '--minify', '--target=es2020', '--legal-comments=none', '--log-level=error', `--outfile=${guard}`]);
  // The known-cookie table and crumbs' own rules, loaded by the browser only after the banner
  // is up, in parallel.
  run('cargo', ['run', '-q', '-p', 'crumbs-cli', '--', 'compile-db',
    join(repo, 'data'), join(dist, 'known.bin'), join(dist, 'rules.bin')]);
  const size = (p) => `${p.slice(repo.length + 1)} (${statSync(p).size} bytes)`;
  console.log(`crumbs: built ${[loader, join(dist, 'crumbs-decide.wasm'), join(dist, 'crumbs.js'), join(dist, 'crumbs_bg.wasm'), guard].map(size).join(', ')}`);
}

if (import.meta.url === `file://${process.argv[1]}`) build();
