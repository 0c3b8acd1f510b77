#!/usr/bin/env node
// Split the labelled classifier pools into a tune half and a holdout half.
//
// Reads tests/data/classify/pool-cookies.tsv and pool-urls.tsv (UTF-8 TSV,
// '#' header line, columns: name-or-url, category, source) and writes
// cookies-tune.tsv, cookies-holdout.tsv, urls-tune.tsv, urls-holdout.tsv next
// to them, each starting with the pool's header line.
//
// The rule never looks at the label: a row goes to the holdout half when the
// first byte of SHA-256(first column, UTF-8) is odd, otherwise to the tune
// half. Re-running on the same pool gives the same halves.
//
// Usage: node scripts/split-labelled.mjs [dir]   (default tests/data/classify)
//
// `--set N` splits a later set instead: pool-cookies-N.tsv and pool-urls-N.tsv (whichever is
// there) into cookies-tune-N.tsv / cookies-holdout-N.tsv and the same for URLs. A row whose
// first column is already in another set of the same kind (in dir, or tests/data/labelled-*.tsv)
// is dropped first, without being shown: rules may already have been written for it.
//
// `--set N --whole` keeps a later set whole, for scoring only (no rule is written from it):
// the rows new to every other set go to cookies-blind-N.tsv, the ones another set already has
// to cookies-repeats-N.tsv (the common web's share, partly tuned on), neither shown.

import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const CATEGORIES = ["necessary", "performance", "functionality", "targeting"];
const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const setAt = args.indexOf("--set");
const set = setAt >= 0 ? args.splice(setAt, 2)[1] : null;
if (set !== null && !/^[0-9]+$/.test(set)) throw new Error("--set takes a number");
const wholeAt = args.indexOf("--whole");
const whole = wholeAt >= 0 && args.splice(wholeAt, 1).length > 0;
const dir = resolve(args[0] ?? join(root, "tests/data/classify"));
const suffix = set === null ? "" : `-${set}`;
if (whole && set === null) throw new Error("--whole needs --set N");

function isHoldout(key) {
  return (createHash("sha256").update(key, "utf8").digest()[0] & 1) === 1;
}

function readPool(path) {
  const lines = readFileSync(path, "utf8").split("\n");
  const header = lines[0];
  if (!header.startsWith("#")) throw new Error(`${path}: first line must be a '#' header`);
  const rows = [];
  const seen = new Set();
  lines.slice(1).forEach((line, i) => {
    if (line.trim() === "") return;
    const cols = line.split("\t");
    const where = `${path}:${i + 2}`;
    if (cols.length !== 3) throw new Error(`${where}: expected 3 tab-separated columns, got ${cols.length}`);
    const [key, category, source] = cols;
    if (!key) throw new Error(`${where}: empty first column`);
    if (!CATEGORIES.includes(category)) throw new Error(`${where}: bad category '${category}'`);
    if (!source) throw new Error(`${where}: empty source`);
    if (seen.has(key)) throw new Error(`${where}: duplicate '${key}'`);
    seen.add(key);
    rows.push({ key, category, line });
  });
  return { header, rows };
}

function counts(rows) {
  const c = Object.fromEntries(CATEGORIES.map((k) => [k, 0]));
  for (const r of rows) c[r.category]++;
  return c;
}

/** Writes `list` under `header` to `name` in dir, and says how many rows of each category it got. */
function writeSet(name, header, list) {
  writeFileSync(join(dir, name), [header, ...list.map((r) => r.line)].join("\n") + "\n");
  const c = counts(list);
  console.log(`${name}: ${list.length} rows (${CATEGORIES.map((k) => `${k} ${c[k]}`).join(", ")})`);
}

/** First columns of the other sets of `kind`: every TSV of it in `dir` and the one written with the rules. */
function earlierKeys(kind) {
  const files = readdirSync(dir).filter((f) => f.startsWith(`${kind}-`) && f.endsWith(".tsv") && !f.endsWith(`${suffix}.tsv`)).map((f) => join(dir, f));
  files.push(join(root, "tests/data", `labelled-${kind}.tsv`));
  const keys = new Set();
  for (const f of files.filter(existsSync)) {
    for (const line of readFileSync(f, "utf8").split("\n")) if (line.trim() && !line.startsWith("#")) keys.add(line.split("\t")[0]);
  }
  return keys;
}

for (const kind of ["cookies", "urls"]) {
  const pool = join(dir, `pool-${kind}${suffix}.tsv`);
  if (!existsSync(pool)) {
    if (set !== null) continue;
    console.error(`missing ${pool}`);
    process.exit(1);
  }
  let { header, rows } = readPool(pool);
  if (whole) {
    const earlier = earlierKeys(kind);
    const parts = { blind: rows.filter((r) => !earlier.has(r.key)), repeats: rows.filter((r) => earlier.has(r.key)) };
    for (const [part, list] of Object.entries(parts)) writeSet(`${kind}-${part}${suffix}.tsv`, header, list);
    continue;
  }
  if (set !== null) {
    const earlier = earlierKeys(kind);
    const kept = rows.filter((r) => !earlier.has(r.key));
    console.log(`pool-${kind}${suffix}.tsv: ${rows.length - kept.length} of ${rows.length} rows dropped (already in another set)`);
    rows = kept;
  }
  const halves = { tune: [], holdout: [] };
  for (const r of rows) halves[isHoldout(r.key) ? "holdout" : "tune"].push(r);
  for (const [half, list] of Object.entries(halves)) writeSet(`${kind}-${half}${suffix}.tsv`, header, list);
}
