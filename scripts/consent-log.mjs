// Runs the real consent-log server (`crumbs serve`, SQLite) for `npm start` and the tests.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { repo } from './tools.mjs';

/** The crumbs binary `cargo build -p crumbs-cli` makes. */
export const crumbsBin = join(repo, 'target', 'debug', 'crumbs');

/** A free port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

/**
 * Starts `crumbs serve` with `db`, accepting records from `origins`; resolves to
 * `{url, port, adminToken, stop()}` once /healthz answers. `trustProxy`: it sits behind the
 * sites' own /v1/ proxy (serve.mjs), which names the visitor in X-Forwarded-For. `sessionSecs`:
 * how long a dashboard sign-in lasts.
 */
export async function startConsentLog({ db, origins = [], port = 0, rateLimit = 100, trustProxy = false, sessionSecs }) {
  if (!existsSync(crumbsBin)) throw new Error(`${crumbsBin} is missing: run \`cargo build -p crumbs-cli\``);
  const p = port || (await freePort());
  const adminToken = randomBytes(16).toString('hex');
  const args = ['serve', '--db', db, '--listen', `127.0.0.1:${p}`, '--rate-limit', String(rateLimit)];
  for (const o of origins) args.push('--origin', o);
  if (trustProxy) args.push('--trust-proxy');
  if (sessionSecs) args.push('--admin-session-secs', String(sessionSecs));
  // The token goes by the environment: on the command line, `ps` would show it.
  const child = spawn(crumbsBin, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, CRUMBS_ADMIN_TOKEN: adminToken } });
  let log = '';
  child.stderr.on('data', (d) => { log = (log + d).slice(-4000); });
  const url = `http://127.0.0.1:${p}`;
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) break;
    try {
      if ((await fetch(`${url}/healthz`)).ok) {
        return { url, port: p, adminToken, stop: () => new Promise((r) => { if (child.exitCode !== null) return r(); child.once('exit', r); child.kill('SIGTERM'); }) };
      }
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`crumbs serve did not start:\n${log}`);
}
