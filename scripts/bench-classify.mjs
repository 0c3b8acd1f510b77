// `npm run bench:classify`: accuracy of the classifier on cookie names and script URLs that
// real sites use, labelled from each vendor's own documentation (tests/data/labelled-*.tsv,
// not the Open Cookie Database). Fails if a strictly necessary cookie is ever classified as
// targeting: that would block a site's own login or checkout.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repo, run } from './tools.mjs';

run('cargo', ['build', '-q', '-p', 'crumbs-cli']);
const bin = join(repo, 'target', 'debug', 'crumbs');

function bench(file, args) {
  const rows = readFileSync(join(repo, 'tests', 'data', file), 'utf8').split('\n')
    .filter((l) => l.trim() && !l.startsWith('#')).map((l) => l.split('\t'));
  const out = spawnSync(bin, ['classify', ...args], { input: rows.map((r) => r[0]).join('\n') + '\n', encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`crumbs classify failed: ${out.stderr}`);
  const got = out.stdout.trim().split('\n').map((l) => l.split('\t'));
  const per = {};
  const misses = [];
  let fatal = 0;
  rows.forEach(([name, expected], i) => {
    const [, category, , source] = got[i];
    const p = (per[expected] ||= { ok: 0, n: 0 });
    p.n += 1;
    if (category === expected) p.ok += 1;
    else misses.push(`  ${name}: expected ${expected}, got ${category} (${source})`);
    if (expected === 'necessary' && category === 'targeting') fatal += 1;
  });
  const total = Object.values(per).reduce((t, p) => ({ ok: t.ok + p.ok, n: t.n + p.n }), { ok: 0, n: 0 });
  const pct = (p) => `${((100 * p.ok) / p.n).toFixed(1)}% (${p.ok}/${p.n})`;
  console.log(`\n${file}`);
  for (const c of ['necessary', 'performance', 'functionality', 'targeting']) if (per[c]) console.log(`  ${c.padEnd(14)} ${pct(per[c])}`);
  console.log(`  ${'overall'.padEnd(14)} ${pct(total)}`);
  if (misses.length) console.log(`misses:\n${misses.join('\n')}`);
  return { fatal, accuracy: total.ok / total.n };
}

const cookies = bench('labelled-cookies.tsv', []);
const urls = bench('labelled-urls.tsv', ['--urls']);
if (cookies.fatal + urls.fatal) {
  console.error(`\ncrumbs: ${cookies.fatal + urls.fatal} strictly necessary item(s) classified as targeting`);
  process.exit(1);
}
