// `npm run bench:scan`: how fast `crumbs scan` crawls the three demo sites (pages per second,
// each page in its three states) and its peak memory: the scanner's own (VmHWM) and the sum of
// its Chromium processes' proportional memory (PSS), sampled every 50 ms. Results go in bench/README.md.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crumbsBin } from './consent-log.mjs';
import { ensureChromium, run } from './tools.mjs';
import { hostRules, startSites } from '../tests/e2e/scan-sites.mjs';

ensureChromium();
run('cargo', ['build', '-q', '-p', 'crumbs-cli']);
const chromium = process.env.CHROMIUM || '/usr/bin/chromium';
const arg = (name, dflt) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : dflt; };
const runs = Number(arg('--runs', 3));

const kb = (text, key) => Number((text.match(new RegExp(`^${key}:\\s+(\\d+)`, 'm')) || [0, 0])[1]);

/** A process's peak resident kB (`VmHWM`), 0 once it is gone. */
function peak(pid) {
  try { return kb(readFileSync(`/proc/${pid}/status`, 'utf8'), 'VmHWM'); } catch { return 0; }
}

/** A process's proportional set size in kB (shared pages divided among the processes sharing
 *  them, so Chromium's processes can be summed), 0 once it is gone. */
function pss(pid) {
  try { return kb(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'), 'Pss'); } catch { return 0; }
}

/** Every descendant of `pid` (Chromium's browser, renderers, GPU and utility processes). */
function descendants(pid) {
  const children = new Map();
  for (const d of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const ppid = Number(readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(d));
    } catch { /* gone */ }
  }
  const out = [];
  const walk = (p) => { for (const c of children.get(p) || []) { out.push(c); walk(c); } };
  walk(pid);
  return out;
}

async function scanOnce(url, concurrency) {
  const dir = mkdtempSync(join(tmpdir(), 'crumbs-bench-scan-'));
  const args = ['scan', url, '--out', dir, '--concurrency', String(concurrency), '--chromium', chromium, '--host-rules', hostRules, '--ignore-certificate-errors'];
  const started = process.hrtime.bigint();
  const child = spawn(crumbsBin, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  let scannerPeak = 0;
  let browserPeak = 0;
  const timer = setInterval(() => {
    scannerPeak = Math.max(scannerPeak, peak(child.pid));
    browserPeak = Math.max(browserPeak, descendants(child.pid).reduce((t, p) => t + pss(p), 0));
  }, 50);
  const status = await new Promise((r) => child.on('exit', r));
  clearInterval(timer);
  const secs = Number(process.hrtime.bigint() - started) / 1e9;
  if (status !== 0) throw new Error(`crumbs scan ${url} failed:\n${stderr}`);
  const scan = JSON.parse(readFileSync(join(dir, 'scan.json'), 'utf8'));
  rmSync(dir, { recursive: true, force: true });
  const failed = scan.pages.filter((p) => p.visits.some((v) => v.error)).length;
  return { pages: scan.pages.length, failed, secs, scannerPeak, browserPeak };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const sites = await startSites();
try {
  console.log(`crumbs scan on the demo sites: median of ${runs} runs; each page in three states (no decision, reject all, accept all)\n`);
  console.log('| site | concurrency | pages | seconds | pages/s | scanner peak (MB) | Chromium peak PSS (MB) |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const concurrency of [1, 4]) {
    for (const site of ['charity', 'institute', 'research']) {
      const results = [];
      for (let i = 0; i < runs; i++) results.push(await scanOnce(sites.url(`/sites/${site}/`), concurrency));
      if (results.some((r) => r.failed)) throw new Error(`${site}: pages failed during the bench`);
      const secs = median(results.map((r) => r.secs));
      const pages = results[0].pages;
      console.log(`| ${site} | ${concurrency} | ${pages} | ${secs.toFixed(1)} | ${(pages / secs).toFixed(2)} | ${(median(results.map((r) => r.scannerPeak)) / 1024).toFixed(1)} | ${(median(results.map((r) => r.browserPeak)) / 1024).toFixed(0)} |`);
    }
  }
} finally {
  await sites.close();
}
