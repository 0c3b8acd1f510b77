// `npm run bench:dashboard [-- --db postgres] [-- --records N]`: how long the dashboard's pages
// take on a log of N records (default 100,000, spread over 30 days; release build, loopback):
// the overview of those 30 days, the newest records, a filter that must search far, and a proof.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './consent-log.mjs';
import { startPostgres } from './postgres.mjs';
import { repo, run } from './tools.mjs';

const arg = (name, fallback) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : fallback; };
const N = Number(arg('--records', '100000'));
const postgres = arg('--db', 'sqlite') === 'postgres';
run('cargo', ['build', '-q', '--release', '-p', 'crumbs-consent-log', '--bins']);
const dir = mkdtempSync(join(tmpdir(), 'crumbs-bench-dashboard-'));
const pg = postgres ? await startPostgres() : null;
const db = pg ? pg.createDb('bench') : join(dir, 'log.sqlite');
const port = await freePort();
const token = randomBytes(16).toString('hex');
const url = `http://127.0.0.1:${port}`;
const child = spawn(join(repo, 'target', 'release', 'crumbs-consent-log'), ['serve', '--db', db, '--listen', `127.0.0.1:${port}`,
  '--origin', 'https://site.example', '--rate-limit', '1000000'], { stdio: 'ignore', env: { ...process.env, CRUMBS_ADMIN_TOKEN: token } });
try {
  for (let i = 0; i < 100; i++) {
    try { if ((await fetch(`${url}/healthz`)).ok) break; } catch { /* starting */ }
    await new Promise((r) => setTimeout(r, 50));
  }
  const post = (body) => new Promise((resolve, reject) => {
    const req = request(`${url}/v1/consents`, { method: 'POST', agent: false, headers: { 'Content-Type': 'text/plain', Origin: 'https://site.example' } },
      (res) => { res.resume(); res.on('end', () => resolve(res.statusCode)); });
    req.on('error', reject);
    req.end(body);
  });
  const methods = ['accept_all', 'reject_all', 'custom', 'gpc', 'api'];
  let n = 0;
  const started = Date.now();
  await Promise.all(Array.from({ length: 8 }, async () => {
    while (n < N) {
      const batch = [];
      for (let i = 0; i < 25 && n < N; i++, n++) {
        const hex = (w) => n.toString(16).padStart(w, '0');
        const day = new Date(Date.now() - (n % 30) * 86_400_000).toISOString().slice(0, 10);
        const perf = n % 2 === 1;
        batch.push({ consentId: `${hex(8)}-0000-4000-8000-${hex(12)}`, seq: 1, decidedAt: `${day}T10:00:00Z`, revision: n % 5,
          granted: ['necessary', ...(perf ? ['performance'] : [])], refused: [...(perf ? [] : ['performance']), 'functionality', 'targeting'],
          method: methods[n % 5], language: 'en', page: `https://site.example/p${n % 50}` });
      }
      const status = await post(JSON.stringify(batch));
      if (status !== 201) throw new Error(`a seeding post got ${status}`);
    }
  }));
  console.log(`${postgres ? 'PostgreSQL' : 'SQLite'}: ${N} records seeded in ${Date.now() - started} ms`);
  const signIn = await fetch(`${url}/admin/login`, { method: 'POST', body: `token=${token}`, redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  const cookie = signIn.headers.get('set-cookie').split(';')[0];
  for (const path of ['/admin/', '/admin/records', '/admin/records?method=gpc&revision=3&page=p7', '/admin/proof?id=00000007-0000-4000-8000-000000000007']) {
    const ms = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      const r = await fetch(`${url}${path}`, { headers: { Cookie: cookie } });
      await r.text();
      if (r.status !== 200) throw new Error(`${path}: ${r.status}`);
      ms.push(performance.now() - t);
    }
    ms.sort((a, b) => a - b);
    console.log(`${path}: median ${ms[2].toFixed(0)} ms, max ${ms[4].toFixed(0)} ms`);
  }
} finally {
  await new Promise((r) => { child.once('exit', r); child.kill('SIGTERM'); });
  pg?.stop();
  rmSync(dir, { recursive: true, force: true });
}
