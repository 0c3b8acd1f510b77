// `npm run bench:server [-- --db postgres]`: the consent-log server under load on loopback —
// records/s and p50/p99 latency at rising concurrency, on SQLite and (with --db postgres) on a
// throwaway PostgreSQL with one and two instances, plus a million-record export — then a crash test: `kill -9` mid-load, restart, and
// check that every record that got a 2xx is in the database. Exits non-zero if one is lost.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './consent-log.mjs';
import { postgresBin, repo, run } from './tools.mjs';

run('cargo', ['build', '-q', '--release', '-p', 'crumbs-consent-log', '--bins', '--examples']);
const server = join(repo, 'target', 'release', 'crumbs-consent-log');
const load = join(repo, 'target', 'release', 'examples', 'load');
const dir = mkdtempSync(join(tmpdir(), 'crumbs-bench-'));
const db = join(dir, 'log.sqlite');
const token = 'bench-admin-token-0123456789';

async function start(port, log = db) {
  const child = spawn(server, ['serve', '--db', log, '--listen', `127.0.0.1:${port}`, '--origin', 'https://site.example', '--rate-limit', '1000000'],
    { stdio: 'ignore', env: { ...process.env, CRUMBS_ADMIN_TOKEN: token } });
  for (let i = 0; i < 100; i++) {
    try { if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return child; } catch { /* starting */ }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the server did not start');
}
const stop = (child, signal = 'SIGTERM') => new Promise((r) => { child.once('exit', r); child.kill(signal); });

/** Records/s and latency at each concurrency, against the given servers (round-robin). */
function loadRow(label, ports) {
  for (const c of [1, 8, 32, 64]) {
    const addr = ports.map((p) => `127.0.0.1:${p}`).join(',');
    const r = JSON.parse(execFileSync(load, ['--addr', addr, '--concurrency', String(c), '--seconds', '3'], { encoding: 'utf8' }));
    console.log(`${label.padEnd(24)} ${String(c).padStart(11)} ${String(r.per_second).padStart(11)} ${r.p50_ms.toFixed(2).padStart(8)} ${r.p99_ms.toFixed(2).padStart(8)} ${String(r.errors).padStart(8)}`);
  }
}

const withPostgres = process.argv.includes('--db') && process.argv[process.argv.indexOf('--db') + 1] === 'postgres';
const port = await freePort();
let srv = await start(port);
console.log(`${'log'.padEnd(24)} concurrency   records/s   p50 ms   p99 ms   errors`);
loadRow('SQLite, 1 instance', [port]);
if (withPostgres) {
  const { startPostgres } = await import('./postgres.mjs');
  const pg = await startPostgres();
  try {
    for (const n of [1, 2]) {
      const url = pg.createDb(`bench${n}`);
      const ports = [];
      const servers = [];
      for (let i = 0; i < n; i++) {
        ports.push(await freePort());
        servers.push(await start(ports[i], url));
      }
      loadRow(`PostgreSQL, ${n} instance${n > 1 ? 's' : ''}`, ports);
      for (const s of servers) await stop(s);
    }
    await exportMillion(pg);
  } finally {
    pg.stop();
  }
}
console.log('target on 2 cores: ≥ 5000 records/s with p99 < 50 ms; two PostgreSQL instances ≥ one SQLite instance at concurrency 32');

/** Streams a million-record export from PostgreSQL: its time, and the server's memory before and at its peak. */
async function exportMillion(pg) {
  const url = pg.createDb('million');
  execFileSync(server, ['migrate', '--db', url]);
  // Rows made by SQL, not by a million posts: the export reads them as it would any rows.
  const sql = `INSERT INTO consents (id, kind, consent_id, seq, status, decided_at, received_at, origin, ip_hash, salt, payload, payload_hash, prev_hash, hash)
    SELECT i, 'record', md5(i::text), 1, 'ok', 1795400000, 1795400000 + i / 100, 'https://site.example', 'x', 's',
      '{"consentId":"' || md5(i::text) || '","seq":1,"method":"accept_all","granted":["necessary"],"refused":["targeting"]}', 'h', 'p', 'h'
    FROM generate_series(1, 1000000) AS i`;
  execFileSync(join(postgresBin(), 'psql'), ['-q', url, '-c', sql], { stdio: 'pipe' });
  const port = await freePort();
  const child = await start(port, url);
  const rss = (field) => Number((readFileSync(`/proc/${child.pid}/status`, 'utf8').match(new RegExp(`${field}:\\s+(\\d+)`)) || [])[1] || 0) / 1024;
  const before = rss('VmRSS');
  const t = Date.now();
  const res = await fetch(`http://127.0.0.1:${port}/v1/consents?format=ndjson`, { headers: { Authorization: `Bearer ${token}` } });
  let lines = 0;
  let bytes = 0;
  for await (const chunk of res.body) {
    bytes += chunk.length;
    for (const b of chunk) if (b === 10) lines++;
  }
  const secs = (Date.now() - t) / 1000;
  const peak = rss('VmHWM');
  await stop(child);
  console.log(`export of ${lines} records (${(bytes / 1e6).toFixed(0)} MB ndjson) from PostgreSQL: ${secs.toFixed(1)} s; server RSS ${before.toFixed(0)} MiB before, peak ${peak.toFixed(0)} MiB`);
}

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
