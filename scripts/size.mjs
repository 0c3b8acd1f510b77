// `npm run size [-- --json]`: the bytes a first visit downloads to show the banner — the
// loader (which carries the first paint: the banner's templates, texts and styles) and the demo
// config (a file, or the same bytes inline in the page) — raw, gzip -9 and brotli (quality 11),
// file by file and in total: everything a first visit downloads before any click. Then the
// decision module, fetched at the visitor's first reach for the banner (a pointer over it, a key
// in it). Files fetched only when there is work for them (the full core and its glue, the
// known-cookie table and crumbs' rules, a language file) are listed apart, under "later";
// the network guard, which only a site that adds its tag downloads, under "opt-in".
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { repo } from './tools.mjs';

const files = [
  'www/crumbs/crumbs.js',
  'www/sites/charity/crumbs.config.json',
];
const atReach = ['www/crumbs/dist/crumbs-decide.wasm'];
const later = ['www/crumbs/dist/crumbs.js', 'www/crumbs/dist/crumbs_bg.wasm', 'www/crumbs/dist/known.bin', 'www/crumbs/dist/rules.bin', 'www/crumbs/dist/url-rules.bin', 'www/crumbs/lang/de.json'];
const optIn = ['www/crumbs/crumbs-network-guard.js'];
// The config `npm run bench` serves (bench/site/): its totals are printed too, so the two
// commands' numbers can be set side by side.
const benchConfig = 'bench/site/crumbs.config.json';
const missing = [...files, ...atReach, ...later, ...optIn, benchConfig].filter((f) => !existsSync(join(repo, f)));
if (missing.length) {
  console.error(`crumbs: ${missing.join(', ')} missing; run \`npm run build\` first.`);
  process.exit(1);
}
const measure = (path) => {
  const b = readFileSync(join(repo, path));
  return {
    path,
    raw: b.length,
    gzip: gzipSync(b, { level: 9 }).length,
    brotli: brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
};
const rows = files.map(measure);
const atReachRows = atReach.map(measure);
const laterRows = later.map(measure);
const optInRows = optIn.map(measure);
const sum = (rs) => ['raw', 'gzip', 'brotli'].reduce((t, k) => ({ ...t, [k]: rs.reduce((s, r) => s + r[k], 0) }), {});
const total = sum(rows);
const atClick = sum([...rows, ...atReachRows]);
const benchRows = [rows[0], measure(benchConfig)];
const bench = { total: sum(benchRows), atClick: sum([...benchRows, ...atReachRows]) };
if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ files: rows, total, atReach: atReachRows, atClick, later: laterRows, optIn: optInRows, bench }));
} else {
  const w = Math.max(...[...files, ...atReach, ...later].map((f) => f.length), 16);
  const line = (p, r) => `${p.padEnd(w)}  ${String(r.raw).padStart(8)}  ${String(r.gzip).padStart(8)}  ${String(r.brotli).padStart(8)}`;
  console.log(`${'file'.padEnd(w)}  ${'raw'.padStart(8)}  ${'gzip'.padStart(8)}  ${'brotli'.padStart(8)}`);
  for (const r of rows) console.log(line(r.path, r));
  console.log(line('total before any click', total));
  console.log('\nat the first reach for the banner (the decision module: a first visit\'s "Accept all" and "Reject all"):');
  for (const r of atReachRows) console.log(line(r.path, r));
  console.log(line('total at the click', atClick));
  console.log('\nlater (only when there is work for them: the full core, the table and the rules, a language file):');
  for (const r of laterRows) console.log(line(r.path, r));
  console.log('\nopt-in (only where the site adds its tag; not part of the first visit above):');
  for (const r of optInRows) console.log(line(r.path, r));
  console.log(`\nwith the config npm run bench serves (${benchConfig}):`);
  console.log(line(benchRows[1].path, benchRows[1]));
  console.log(line('total before any click', bench.total));
  console.log(line('total at the click', bench.atClick));
}
