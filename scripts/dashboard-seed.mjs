// A consent log with known rates, for the dashboard's end-to-end test and its screenshots: twelve
// decisions over two days plus one flagged record, posted to a running `crumbs serve` as the
// browser would (text/plain from the site's origin).
import { request } from 'node:http';

/** The site origin the seeded records come from (start the log with it as an --origin). */
export const SEED_ORIGIN = 'https://site.example';

/** `YYYY-MM-DD`, `daysAgo` days before today (UTC). */
export function dayAgo(daysAgo) {
  return new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
}

/** The consent id of the `n`-th seeded record. */
export function seedId(n) {
  const hex = (v, w) => v.toString(16).padStart(w, '0');
  return `${hex(n, 8)}-0000-4000-8000-${hex(n, 12)}`;
}

const OPTIONAL = ['performance', 'functionality', 'targeting'];

function record(n, seq, day, method, granted, revision, path) {
  return { consentId: seedId(n), seq, decidedAt: `${day}T10:00:00Z`, revision, granted: ['necessary', ...granted],
    refused: OPTIONAL.filter((c) => !granted.includes(c)), method, language: 'en', page: `${SEED_ORIGIN}${path}` };
}

/** The seeded decisions: [day offset, method, granted, revision, page] (ids 1..12 in order). */
export const SEEDED = [
  ...Array(4).fill([2, 'accept_all', OPTIONAL, 3, '/']),
  ...Array(3).fill([2, 'reject_all', [], 3, '/pricing']),
  ...Array(2).fill([2, 'custom', ['performance'], 4, '/pricing']),
  [2, 'gpc', ['functionality'], 4, '/donate'],
  [1, 'accept_all', OPTIONAL, 4, '/'],
  [1, 'reject_all', [], 4, '/'],
];

function post(url, body) {
  return new Promise((resolve, reject) => {
    // node:http, not fetch: the browser's Origin header is one fetch may not set.
    const req = request(`${url}/v1/consents`, { method: 'POST', headers: { 'Content-Type': 'text/plain;charset=UTF-8', Origin: SEED_ORIGIN } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

/** Posts the seeded records to the log at `url`; throws unless each post is stored. */
export async function seedLog(url) {
  const batch = SEEDED.map(([ago, method, granted, revision, path], i) => record(i + 1, 1, dayAgo(ago), method, granted, revision, path));
  if ((await post(url, batch)) !== 201) throw new Error('the seeded batch was not stored');
  // Another record under a stored seq: kept, flagged, not counted in the overview.
  if ((await post(url, record(1, 1, dayAgo(2), 'reject_all', [], 3, '/'))) !== 201) throw new Error('the flagged record was not stored');
}
