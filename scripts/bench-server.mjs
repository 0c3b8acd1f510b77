// `npm run bench:server`: the consent-log server under load on loopback — records/s and
// p50/p99 latency at rising concurrency — then a crash test: `kill -9` mid-load, restart, and
// check that every record that got a 2xx is in the database. Exits non-zero if one is lost.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './consent-log.mjs';
import { repo, run } from './tools.mjs';

run('cargo', ['build', '-q', '--release', '-p', 'crumbs-consent-log', '--bins', '--examples']);
const server = join(repo, 'target', 'release', 'crumbs-consent-log');
const load = join(repo, 'target', 'release', 'examples', 'load');
const dir = mkdtempSync(join(tmpdir(), 'crumbs-bench-'));
const db = join(dir, 'log.sqlite');
const token = 'bench-admin-token-0123456789';

async function start(port) {
  const child = spawn(server, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, '--origin', 'https://site.example', '--rate-limit', '1000000'],
    { stdio: 'ignore', env: { ...process.env, CRUMBS_ADMIN_TOKEN: token } });
  for (let i = 0; i < 100; i++) {
    try { if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return child; } catch { /* starting */ }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the server did not start');
}
const stop = (child, signal = 'SIGTERM') => new Promise((r) => { child.once('exit', r); child.kill(signal); });

const port = await freePort();
let srv = await start(port);
console.log('concurrency   records/s   p50 ms   p99 ms   errors');
for (const c of [1, 8, 32, 64]) {
  const r = JSON.parse(execFileSync(load, ['--addr', `127.0.0.1:${port}`, '--concurrency', String(c), '--seconds', '3'], { encoding: 'utf8' }));
  console.log(`${String(c).padStart(11)} ${String(r.per_second).padStart(11)} ${r.p50_ms.toFixed(2).padStart(8)} ${r.p99_ms.toFixed(2).padStart(8)} ${String(r.errors).padStart(8)}`);
}
console.log('target on 2 cores: ≥ 5000 records/s with p99 < 50 ms');

// Crash test.
const acked = join(dir, 'acked.txt');
const loader = spawn(load, ['--addr', `127.0.0.1:${port}`, '--concurrency', '16', '--seconds', '4', '--acked', acked], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 1500));
await stop(srv, 'SIGKILL');
await new Promise((r) => loader.once('exit', r));
srv = await start(port);
const res = await fetch(`http://127.0.0.1:${port}/v1/consents?format=ndjson`, { headers: { Authorization: `Bearer ${token}` } });
const stored = new Set((await res.text()).trim().split('\n').filter(Boolean).map((l) => JSON.parse(l).consentId));
const ackedIds = readFileSync(acked, 'utf8').trim().split('\n').filter(Boolean);
const lost = ackedIds.filter((id) => !stored.has(id));
await stop(srv);
const verify = spawn(server, ['verify-log', '--db', db], { stdio: 'inherit' });
const chainOk = (await new Promise((r) => verify.once('exit', r))) === 0;
rmSync(dir, { recursive: true, force: true });
console.log(`crash test: kill -9 mid-load; ${ackedIds.length} records acknowledged before the kill, ${lost.length} missing after restart`);
if (lost.length || !chainOk) process.exit(1);
