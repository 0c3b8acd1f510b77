// A throwaway PostgreSQL server for the benchmarks (the Rust tests have their own in
// consent-log/tests/support): initdb into a temp dir, 127.0.0.1 on a free port, stopped by stop().
import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './consent-log.mjs';
import { ensurePostgres, postgresBin } from './tools.mjs';

/** Starts a server: { url(db), createDb(db), stop() }. */
export async function startPostgres() {
  ensurePostgres();
  const bin = postgresBin();
  const dir = mkdtempSync(join(tmpdir(), 'crumbs-pg-'));
  const asRoot = process.getuid && process.getuid() === 0;
  if (asRoot) {
    // PostgreSQL refuses to run as root: its files and processes belong to the postgres user.
    const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('postgres:'));
    const [, , uid, gid] = line.split(':');
    chownSync(dir, Number(uid), Number(gid));
  }
  const pg = (program, args) => asRoot
    ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, program), ...args], { cwd: dir, stdio: 'pipe' })
    : execFileSync(join(bin, program), args, { cwd: dir, stdio: 'pipe' });
  const data = join(dir, 'data');
  const port = await freePort();
  pg('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  pg('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-o', `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c max_connections=200`, 'start']);
  const url = (db) => `postgres://postgres@127.0.0.1:${port}/${db}`;
  return {
    url,
    createDb(db) {
      pg('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', db]);
      return url(db);
    },
    stop() {
      try { pg('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']); } finally { rmSync(dir, { recursive: true, force: true }); }
    },
  };
}
