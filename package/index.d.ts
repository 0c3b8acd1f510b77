// Types of the npm package's ES module (package/index.js) and of window.crumbs.
import type { CrumbsCategory, CrumbsConsent } from '../www/crumbs/crumbs.js';

export type { CrumbsApi, CrumbsCategory, CrumbsConsent } from '../www/crumbs/crumbs.js';

/**
 * Calls `fn(consent)` once `category` is granted: at once if the visitor's decision already grants
 * it, else on the decision that does or when crumbs starts with a stored one. Strictly necessary
 * is always granted (`fn(null)` before any decision). Returns a function that cancels the wait.
 */
export function onConsent(category: 'necessary', fn: (consent: CrumbsConsent | null) => void): () => void;
export function onConsent(category: Exclude<CrumbsCategory, 'necessary'>, fn: (consent: CrumbsConsent) => void): () => void;
