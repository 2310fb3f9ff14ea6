/** Re-anchoring a document's passages on its new revision, inside the revision's transaction. */
import { eq } from 'drizzle-orm';
import { reanchorPassages } from '@/lib/anchoring/reanchor';
import type { Tx } from '../client';
import { anchors } from '../schema';

export interface ReanchorCounts {
  exact: number;
  fuzzy: number;
  orphaned: number;
}

export function reanchorDocument(
  tx: Tx,
  documentId: string,
  oldText: string,
  newText: string,
  newRevisionId: string,
): ReanchorCounts {
  const rows = tx.select().from(anchors).where(eq(anchors.documentId, documentId)).all();
  const results = reanchorPassages(
    oldText,
    newText,
    rows.map((a) => ({
      id: a.id,
      quote: { type: 'TextQuoteSelector', exact: a.exact, prefix: a.prefix, suffix: a.suffix },
      // An orphan has no position: look for its quote from the start of the text.
      start: a.start ?? 0,
      end: a.end ?? a.exact.length,
      orphaned: a.status === 'orphaned' || a.start === null,
    })),
  );
  const counts: ReanchorCounts = { exact: 0, fuzzy: 0, orphaned: 0 };
  const now = new Date();
  for (const r of results) {
    counts[r.status]++;
    tx.update(anchors)
      .set({
        revisionId: newRevisionId,
        start: r.start,
        end: r.end,
        status: r.status,
        score: r.score,
        updatedAt: now,
      })
      .where(eq(anchors.id, r.id))
      .run();
  }
  return counts;
}
