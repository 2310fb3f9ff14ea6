/**
 * Re-anchors every passage of a document on a new revision, in one batch: offsets are mapped
 * through a diff of the old and new canonical texts, then each quote is found by `anchorQuote`.
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

export function reanchorPassages(
  oldText: string,
  newText: string,
  passages: StoredPassage[],
): ReanchoredPassage[] {
  if (oldText === newText) {
    return passages.map((p) =>
      p.orphaned
        ? { id: p.id, status: 'orphaned', start: null, end: null, score: 0 }
        : { id: p.id, status: 'exact', start: p.start, end: p.end, score: 1 },
    );
  }
  const map = createOffsetMapper(oldText, newText);
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
    });
    return { id: p.id, ...result };
  });
}
