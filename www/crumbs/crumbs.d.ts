// Types for the `window.crumbs` API that /crumbs/crumbs.js defines.

/** A category id: the four UK ICC cookie categories. */
export type CrumbsCategory = 'necessary' | 'performance' | 'functionality' | 'targeting';

/** The visitor's decision, as getConsent() returns it and `crumbs:consent` carries it. */
export interface CrumbsConsent {
  /** Random UUID v4 that links the cookie to consent-log entries. */
  consentId: string;
  /** How many decisions this consent id has made, from 1. */
  seq: number;
  /** The config revision the decision was made under. */
  revision: number;
  /** When, as an ISO 8601 UTC timestamp. */
  decidedAt: string;
  /** Categories granted (always includes "necessary"). */
  granted: CrumbsCategory[];
  /** Categories the site uses that were refused. */
  refused: CrumbsCategory[];
  /** Declared services allowed on their own although their category was refused. */
  services: string[];
  /** Whether the browser's Global Privacy Control signal was on. */
  gpc: boolean;
  /** False for the automatic decision crumbs records from the GPC signal before the visitor chooses. */
  byVisitor: boolean;
  /** The rules it was made under: "opt-in", "uk-duaa" (the UK's DUAA 2025 defaults) or "us-opt-out". */
  regime: 'opt-in' | 'uk-duaa' | 'us-opt-out';
}

/** window.crumbs: defined synchronously by the loader; calls before the core is ready are
 *  queued. Any use of it starts the full core if it has not started yet. */
export interface CrumbsApi {
  /** Resolves once the wasm core has started on this page and its classification data is in
   *  or failed to load (reading it starts the core). */
  readonly ready: Promise<void>;
  /** Shows the banner again. */
  show(): void;
  /** Shows the banner with the category choices open. */
  showPreferences(): void;
  /** Grants every category the site uses. */
  acceptAll(): void;
  /** Refuses everything but strictly necessary. */
  rejectAll(): void;
  /** "Do not sell or share my personal information": refuses targeting, keeps the rest in force. */
  doNotSell(): void;
  /** Grants exactly these categories and declared service ids (strictly necessary is always granted). */
  accept(categoriesOrServices: (CrumbsCategory | string)[]): void;
  /** The current decision, or null when there is none (or the core is not ready yet). */
  getConsent(): CrumbsConsent | null;
  /** Whether a category is granted; false for everything but "necessary" until the core is ready. */
  hasConsent(category: CrumbsCategory): boolean;
  /** Whether a declared service may run (allowed on its own or through its category). */
  hasService(service: string): boolean;
  /** Whether the consent allows loading this absolute URL now (by its category); undefined
   *  until the core is ready. The opt-in network guard asks it for every third-party request. */
  allowsUrl(url: string): boolean | undefined;
  /** Config errors as "path: reason"; any error means crumbs fails closed. */
  errors(): string[];
  /** Cookies in this browser that neither the config nor crumbs' tables know (after the table loaded). */
  unclassified(): string[];
}

declare global {
  interface Window {
    crumbs: CrumbsApi;
  }
  interface DocumentEventMap {
    /** Fired on every decision, with the new record. */
    'crumbs:consent': CustomEvent<CrumbsConsent>;
    /** Fired once the core has started, with the stored decision or null. */
    'crumbs:ready': CustomEvent<CrumbsConsent | null>;
  }
}
