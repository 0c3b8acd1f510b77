// `npm start`: builds everything, then serves the demo sites and the consent log on 127.0.0.1
// (PORT, default 8080). The sites' /v1/ requests go to the real consent-log server.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from './build.mjs';
import { startConsentLog } from './consent-log.mjs';
import { INSTITUTE_DOMAIN, INSTITUTE_HOSTS, startServer } from './serve.mjs';
import { repo, run } from './tools.mjs';

build();
run('cargo', ['build', '-q', '-p', 'crumbs-cli']);
const port = Number(process.env.PORT || process.argv[2] || 8080);
mkdirSync(join(repo, '.cache'), { recursive: true });
const db = join(repo, '.cache', 'consent-log.sqlite');
const instituteOrigins = INSTITUTE_HOSTS.map((h) => `http://${h}.${INSTITUTE_DOMAIN}:${port}`);
const log = await startConsentLog({ db, origins: [`http://127.0.0.1:${port}`, ...instituteOrigins], trustProxy: true });
const server = await startServer({ port, consentLog: log.url });
console.log(`\ncrumbs is running. The demo sites: ${server.url}`);
for (const [path, name] of [['charity', 'Family mediation charity (UK)'], ['institute', 'International mediation institute (WordPress)'],
  ['research', 'Mixed-methods research institute']]) {
  console.log(`  ${name}: ${server.url}sites/${path}/`);
}
// The institute on its own domain, with its two subdomains: one decision for all three.
const [www, tenYears, logbook] = instituteOrigins;
console.log(`  The institute and its subdomains, sharing one consent (cookieDomain ${INSTITUTE_DOMAIN}):`);
console.log(`    ${www}/sites/institute/\n    ${tenYears}/sites/institute/10years/\n    ${logbook}/sites/institute/logbook/`);
console.log(`Consent log: ${db} (export: curl -H 'Authorization: Bearer ${log.adminToken}' ${server.url}v1/consents?format=csv)`);
console.log('Ctrl+C to stop.');
const stop = async () => { await server.close(); await log.stop(); process.exit(0); };
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
