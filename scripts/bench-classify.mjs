// `npm run bench:classify`: accuracy of the classifier on cookie names and script URLs that
// real sites use, labelled from each vendor's own documentation (tests/data/, never from the
// Open Cookie Database or the vendor lists crumbs compiles).
//
// The sets are listed in tests/data/labelled-sets.tsv (see tests/data/classify/README.md): the
// ones written alongside the rules and the tune halves of each set split before any rule was
// tuned on it, whose misses are printed, and the holdout halves and the sets kept whole for
// scoring, which report numbers, never their rows, so no rule is written from them.
//
// Fails if a strictly necessary item is ever classified as targeting: that would block a site's
// own login, checkout or captcha.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repo, run } from './tools.mjs';

const CATEGORIES = ['necessary', 'performance', 'functionality', 'targeting'];
const data = join(repo, 'tests', 'data');

run('cargo', ['build', '-q', '-p', 'crumbs-cli']);
const bin = join(repo, 'target', 'debug', 'crumbs');

/** The rows of a labelled TSV: [name, expected category, source]. */
export function labelled(file) {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#')).map((l) => l.split('\t'));
}

/** `crumbs classify` on each row's first column: [category, provider, source] per row. */
function classify(rows, urls) {
  const out = spawnSync(bin, ['classify', ...(urls ? ['--urls'] : [])], { input: rows.map((r) => r[0]).join('\n') + '\n', encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`crumbs classify failed: ${out.stderr}`);
  return out.stdout.trim().split('\n').map((l) => l.split('\t').slice(1));
}

function pct(ok, n) {
  return n ? `${((100 * ok) / n).toFixed(1)}% (${ok}/${n})` : 'n/a';
}

function score(title, file, urls, showMisses) {
  if (!existsSync(file)) return null;
  const rows = labelled(file);
  const got = classify(rows, urls);
  // confusion[expected][got], `unknown` as a fifth column.
  const confusion = Object.fromEntries(CATEGORIES.map((c) => [c, Object.fromEntries([...CATEGORIES, 'unknown'].map((g) => [g, 0]))]));
  const misses = [];
  let ok = 0, unknown = 0, fatal = 0;
  rows.forEach(([name, expected], i) => {
    const [category, , source] = got[i];
    confusion[expected][category] += 1;
    if (category === expected) ok += 1;
    else misses.push(`    ${name}: expected ${expected}, got ${category} (${source})`);
    if (category === 'unknown') unknown += 1;
    if (expected === 'necessary' && category === 'targeting') fatal += 1;
  });
  console.log(`\n${title} — ${file.slice(repo.length + 1)}`);
  for (const c of CATEGORIES) {
    const n = Object.values(confusion[c]).reduce((a, b) => a + b, 0);
    if (n) console.log(`  ${c.padEnd(14)} ${pct(confusion[c][c], n)}`);
  }
  console.log(`  ${'overall'.padEnd(14)} ${pct(ok, rows.length)}   unknown ${pct(unknown, rows.length)}`);
  // What the page does with a URL: an unknown one is held until targeting consent, so for a
  // targeting row it is the right outcome, though not a right answer (the line above).
  if (urls) console.log(`  ${'as enforced'.padEnd(14)} ${pct(ok + confusion.targeting.unknown, rows.length)}   (an unknown URL held as targeting)`);
  console.log(`  confusion (rows: label; columns: crumbs)\n  ${''.padEnd(14)}${[...CATEGORIES, 'unknown'].map((g) => g.slice(0, 5).padStart(7)).join('')}`);
  for (const c of CATEGORIES) console.log(`  ${c.padEnd(14)}${[...CATEGORIES, 'unknown'].map((g) => String(confusion[c][g]).padStart(7)).join('')}`);
  if (showMisses && misses.length) console.log(`  misses:\n${misses.join('\n')}`);
  if (!showMisses && fatal) console.log(`  ${fatal} strictly necessary item(s) classified as targeting (rows not shown: holdout half)`);
  return { fatal, ok, n: rows.length };
}

// `--tune-only` while rules are being changed: not even the holdout's numbers steer them.
const tuneOnly = process.argv.includes('--tune-only');
let fatal = 0;
// One list of the sets for this and the CLI's tests: tests/data/labelled-sets.tsv.
for (const [file, kind, use, title] of labelled(join(data, 'labelled-sets.tsv'))) {
  if (tuneOnly && use !== 'tune') continue;
  const s = score(`${kind}: ${title}`, join(data, file), kind === 'urls', use === 'tune');
  if (s) fatal += s.fatal;
}
if (fatal) {
  console.error(`\ncrumbs: ${fatal} strictly necessary item(s) classified as targeting`);
  process.exit(1);
}
