// Makes sure the tools the build and tests need are present, installing what can be installed
// (wasm target, wasm-bindgen CLI at the pinned version, npm packages, Chromium) and otherwise
// stopping with one sentence that says what to install. Uses node built-ins only, because it
// runs before `npm install`.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
export const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';

/** Prints a failure sentence and exits. */
export function die(sentence) {
  console.error(`\ncrumbs: ${sentence}`);
  process.exit(1);
}

/** Runs a command with inherited output; exits the process if it fails. */
export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: repo, ...opts });
  if (r.error) die(`could not run ${cmd}: ${r.error.message}`);
  if (r.status !== 0) die(`\`${cmd} ${args.join(' ')}\` failed (exit ${r.status}).`);
}

function output(cmd, args) {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

/** The wasm-bindgen crate version pinned in Cargo.lock (the CLI must match it exactly). */
export function pinnedWasmBindgen() {
  const lock = readFileSync(join(repo, 'Cargo.lock'), 'utf8');
  const m = lock.match(/name = "wasm-bindgen"\nversion = "([^"]+)"/);
  if (!m) die('Cargo.lock has no wasm-bindgen entry; run `cargo generate-lockfile`.');
  return m[1];
}

function cargoBin(name) {
  const home = process.env.CARGO_HOME || join(process.env.HOME || '/root', '.cargo');
  const p = join(home, 'bin', name);
  return existsSync(p) ? p : name;
}

/** Rust, the wasm target and the wasm-bindgen CLI. Returns the wasm-bindgen binary path. */
export function ensureRust() {
  if (!output('cargo', ['--version'])) die('Rust is missing: install it with rustup (https://rustup.rs), then run this again.');
  const targets = output('rustup', ['target', 'list', '--installed']);
  if (targets === null) die('rustup is missing: install Rust with rustup so the wasm32-unknown-unknown target can be added.');
  if (!targets.split('\n').includes('wasm32-unknown-unknown')) {
    console.log('crumbs: adding the wasm32-unknown-unknown target');
    run('rustup', ['target', 'add', 'wasm32-unknown-unknown']);
  }
  // npm test runs fmt and clippy; rustup installs them as components where a profile left them out.
  const missing = [['rustfmt', ['fmt', '--version']], ['clippy', ['clippy', '--version']]].filter(([, a]) => !output('cargo', a)).map(([c]) => c);
  if (missing.length) {
    console.log(`crumbs: adding the Rust components ${missing.join(', ')}`);
    run('rustup', ['component', 'add', ...missing]);
  }
  const want = pinnedWasmBindgen();
  const bin = cargoBin('wasm-bindgen');
  const have = output(bin, ['--version']);
  if (!have || !have.endsWith(` ${want}`)) {
    console.log(`crumbs: installing wasm-bindgen-cli ${want} (found: ${have || 'none'}); this takes a few minutes once`);
    run('cargo', ['install', 'wasm-bindgen-cli', '--version', want, '--force']);
  }
  return cargoBin('wasm-bindgen');
}

/** The npm packages (binaryen for wasm-opt, esbuild, playwright-core). */
export function ensureNpm() {
  const lock = join(repo, 'package-lock.json');
  const need = ['binaryen', 'esbuild', 'playwright-core', 'typescript'].some((p) => !existsSync(join(repo, 'node_modules', p, 'package.json')));
  if (need) {
    console.log('crumbs: installing npm packages');
    run('npm', [existsSync(lock) ? 'ci' : 'install', '--no-audit', '--no-fund']);
  }
}

/** Chromium for the browser tests: installed with apt-get when we are root, else a clear stop. */
export function ensureChromium({ driver = false } = {}) {
  const need = !existsSync(chromiumPath) || (driver && !existsSync('/usr/bin/chromedriver'));
  if (!need) return;
  const isRoot = process.getuid && process.getuid() === 0;
  if (isRoot && output('apt-get', ['--version'])) {
    console.log('crumbs: installing Chromium and ChromeDriver with apt-get');
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', 'chromium', 'chromium-driver'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    return;
  }
  die(`Chromium is missing: install it with \`sudo apt-get install chromium chromium-driver\` (or set CHROMIUM=/path/to/chrome), then run this again.`);
}

/** The folder of PostgreSQL's initdb and pg_ctl (Debian keeps them off the PATH), or null. */
export function postgresBin() {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : [];
  versions.sort((a, b) => Number(a) - Number(b));
  return versions.length ? join(root, versions.at(-1), 'bin') : null;
}

/** PostgreSQL for the consent log's tests (a throwaway server each run): installed with apt-get when we are root, else a clear stop. */
export function ensurePostgres() {
  if (postgresBin()) return;
  const isRoot = process.getuid && process.getuid() === 0;
  if (isRoot && output('apt-get', ['--version'])) {
    console.log('crumbs: installing PostgreSQL with apt-get (the tests start their own server on 127.0.0.1)');
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', 'postgresql'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    // Debian starts a cluster of its own on port 5432; the tests need only the programs.
    output('service', ['postgresql', 'stop']);
    if (postgresBin()) return;
  }
  die('PostgreSQL is missing: install it with `sudo apt-get install -y postgresql` (or set PG_BIN to the folder holding initdb and pg_ctl), then run this again.');
}
