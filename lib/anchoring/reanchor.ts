/**
 * Re-anchors every passage of a document on a new revision, in one batch: offsets are mapped
 * through a diff of the old and new canonical texts, then each quote is found by `anchorQuote`.
 * Each passage's search is bounded (./anchor.ts) and the approximate ones share a time budget;
 * the server runs this in the worker pool (lib/jobs), outside the revision's transaction.
 */
import { anchorQuote, type AnchorResult } from './anchor';
import { createOffsetMapper } from './offset-map';
import type { TextQuoteSelector } from './selectors';

export interface StoredPassage {
  id: string;
  quote: TextQuoteSelector;
  start: number;
  end: number;
  /** An orphan has no trusted position: its quote is searched for, never copied across. */
  orphaned?: boolean;
}

export interface ReanchoredPassage extends AnchorResult {
  id: string;
}

export interface ReanchorOptions {
  /**
   * Time for the approximate searches, in milliseconds (default 10 s): past it, the passages left
   * are only looked for exactly, and those not found are orphaned (an analyst re-attaches them)
   * rather than holding up the revision.
   */
  fuzzyBudgetMs?: number;
  /** The clock (tests). */
  now?: () => number;
}

export function reanchorPassages(
  oldText: string,
  newText: string,
  passages: StoredPassage[],
  { fuzzyBudgetMs = 10_000, now = () => performance.now() }: ReanchorOptions = {},
): ReanchoredPassage[] {
  if (oldText === newText) {
    return passages.map((p) =>
      p.orphaned
        ? { id: p.id, status: 'orphaned', start: null, end: null, score: 0 }
        : { id: p.id, status: 'exact', start: p.start, end: p.end, score: 1 },
    );
  }
  const map = createOffsetMapper(oldText, newText);
  const deadline = now() + fuzzyBudgetMs;
  return passages.map((p) => {
    const start = map(p.start);
    const end = map(p.end);
    const window =
      start.region || end.region
        ? {
            start: Math.min(start.region?.start ?? start.offset, end.region?.start ?? end.offset),
            end: Math.max(start.region?.end ?? start.offset, end.region?.end ?? end.offset),
          }
        : undefined;
    const result = anchorQuote(newText, p.quote, {
      expectedStart: start.offset,
      positionTrusted: start.exact && end.exact,
      window,
      fuzzy: now() < deadline,
    });
    return { id: p.id, ...result };
  });
}
