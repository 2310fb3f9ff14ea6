/** Re-anchoring a document's passages on its new revision, inside the revision's transaction. */
import { eq } from 'drizzle-orm';
import { reanchorPassages } from '@/lib/anchoring/reanchor';
import { ANCHOR_STATUSES, tally, type AnchorStatus } from '@/lib/vocabulary';
import type { Tx } from '../store';
import { anchors } from '../schema';

/** How many of a document's passages are in each anchor status. */
export type ReanchorCounts = Record<AnchorStatus, number>;

/**
 * Reads the document's passages, maps them from `oldText` onto `newText` and stores where each
 * one landed. Called inside the revision's transaction: the mapping is synchronous work between
 * the read and the writes (it awaits nothing), so it holds the transaction no longer than before.
 */
export async function reanchorDocument(
  tx: Tx,
  documentId: string,
  oldText: string,
  newText: string,
  newRevisionId: string,
): Promise<ReanchorCounts> {
  const rows = await tx.select().from(anchors).where(eq(anchors.documentId, documentId));
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
  const now = new Date();
  for (const r of results) {
    await tx
      .update(anchors)
      .set({
        revisionId: newRevisionId,
        start: r.start,
        end: r.end,
        status: r.status,
        score: r.score,
        updatedAt: now,
      })
      .where(eq(anchors.id, r.id));
  }
  return tally(
    ANCHOR_STATUSES,
    results.map((r) => r.status),
  );
}
