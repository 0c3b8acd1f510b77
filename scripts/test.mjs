// `npm test`: every test, in order of speed — fmt and clippy, host unit and CLI tests, the wasm build, the
// DOM-layer tests in headless Chromium (wasm-bindgen-test), then the end-to-end suites.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from './build.mjs';
import { chromiumPath, ensureChromium, ensureNpm, ensurePostgres, ensureRust, repo } from './tools.mjs';

// npm's packages first: build.rs minifies the banner's CSS with esbuild for the wasm builds,
// and the wasm lints below run before build().
ensureNpm();
ensureRust();
ensureChromium({ driver: true });
ensurePostgres();

const results = [];
function step(name, cmd, args, env = {}) {
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: repo, env: { ...process.env, ...env } });
  const ok = r.status === 0;
  results.push({ name, ok, secs: ((Date.now() - started) / 1000).toFixed(1) });
  return ok;
}

step('format (cargo fmt --check)', 'cargo', ['fmt', '--all', '--check']);
step('lints (cargo clippy, warnings are errors)', 'cargo', ['clippy', '--workspace', '--all-targets', '--', '-D', 'warnings']);
// The DOM shells compile for wasm32 only: each browser build is linted as it is built.
for (const [features, dir] of [['web', 'wasm-full'], ['decide', 'decide']]) {
  step(`lints of the ${features} build (wasm32)`, 'cargo', ['clippy', '--lib', '--target', 'wasm32-unknown-unknown',
    '--no-default-features', '--features', features, '--target-dir', join(repo, 'target', dir), '--', '-D', 'warnings']);
}
step('host tests', 'cargo', ['test', '--workspace']);
build();
const cargoHome = process.env.CARGO_HOME || join(process.env.HOME || '/root', '.cargo');
step('browser tests (wasm-bindgen-test, headless Chromium)', 'cargo',
  ['test', '--target', 'wasm32-unknown-unknown', '--test', 'browser'], {
    CHROMEDRIVER: '/usr/bin/chromedriver',
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER: join(cargoHome, 'bin', 'wasm-bindgen-test-runner'),
  });
const e2e = join(repo, 'tests', 'e2e');
const suites = existsSync(e2e) ? readdirSync(e2e).filter((f) => f.endsWith('.test.mjs')).map((f) => join('tests', 'e2e', f)) : [];
if (suites.length) {
  step('end-to-end tests (playwright-core, headless Chromium)', process.execPath,
    ['--test', '--test-concurrency=1', ...suites], { CHROMIUM: chromiumPath });
} else {
  results.push({ name: 'end-to-end tests: none found in tests/e2e', ok: false, secs: '0' });
}

console.log('\n=== summary');
for (const r of results) console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name} (${r.secs}s)`);
const failed = results.filter((r) => !r.ok).length;
console.log(`suites: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
