// The demo sites and the tracker zoo served as the e2e harness serves them (the sites on http,
// the vendor stand-ins on https with a throwaway certificate, the consent log behind /v1/), for
// `crumbs scan` / `crumbs audit` (tests/e2e/scan.test.mjs, scripts/bench-scan.mjs).
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crumbsBin, freePort, startConsentLog } from '../../scripts/consent-log.mjs';
import { startServer } from '../../scripts/serve.mjs';
import { chromiumArgs } from './harness.mjs';

/** The harness's vendor-host mapping, as `crumbs scan --host-rules` takes it. */
export const hostRules = chromiumArgs.find((a) => a.startsWith('--host-resolver-rules=')).slice('--host-resolver-rules='.length);

/** Starts the servers; resolves to `{ url(path), close() }`. */
export async function startSites() {
  const dir = mkdtempSync(join(tmpdir(), 'crumbs-scan-tls-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=crumbs-test',
    '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
  const tls = await startServer({ port: 0, tls: { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) } });
  const logPort = await freePort();
  const server = await startServer({ port: 0, vars: { TLS_PORT: tls.port }, consentLog: `http://127.0.0.1:${logPort}` });
  const log = await startConsentLog({ db: join(dir, 'log.sqlite'), port: logPort, origins: [`http://127.0.0.1:${server.port}`], rateLimit: 10000, trustProxy: true });
  return {
    url: (path) => new URL(path.replace(/^\//, ''), server.url).href,
    tlsPort: tls.port,
    served: server.served,
    close: async () => {
      await log.stop();
      await server.close();
      await tls.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs `crumbs ARGS…` with the browser options the tests need; resolves to `{ status, stdout, stderr, pid }`. */
export function crumbs(args, { chromium = process.env.CHROMIUM || '/usr/bin/chromium' } = {}) {
  const full = [...args, '--chromium', chromium, '--host-rules', hostRules, '--ignore-certificate-errors'];
  return new Promise((resolve, reject) => {
    const child = spawn(crumbsBin, full, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('exit', (status) => resolve({ status, stdout, stderr, pid: child.pid }));
  });
}
