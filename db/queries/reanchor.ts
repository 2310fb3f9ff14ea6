/**
 * Re-anchoring a document's passages on its new revision, in two steps so that the search never
 * runs inside the revision's write transaction, nor on the event loop:
 *
 * 1. `planReanchor`, before the transaction: reads the passages and maps them from the old text
 *    onto the new one in the worker pool (lib/jobs; bounded per passage and by a time budget,
 *    lib/anchoring);
 * 2. `applyReanchor`, inside the transaction: reads the passages again and, when none changed
 *    meanwhile, stores where each landed. When one did (a claim made or a passage re-attached
 *    while the plan ran), it throws `StaleReanchorPlan` and the caller plans again.
 */
import { eq } from 'drizzle-orm';
import type { ReanchoredPassage } from '@/lib/anchoring/reanchor';
import { runJob } from '@/lib/jobs/pool';
import { ANCHOR_STATUSES, tally, type AnchorStatus } from '@/lib/vocabulary';
import type { Db, Tx } from '../store';
import { anchors, type Anchor } from '../schema';
import { keepPassageKeys } from './passage-keys';

/** How many of a document's passages are in each anchor status. */
export type ReanchorCounts = Record<AnchorStatus, number>;

export interface ReanchorPlan {
  /** What the plan was made from: each passage's fields that the search reads. */
  fingerprint: string;
  results: ReanchoredPassage[];
}

export class StaleReanchorPlan extends Error {
  constructor() {
    super('The passages changed while they were being re-anchored.');
  }
}

const fingerprintOf = (rows: Anchor[]) =>
  rows
    .map((a) => JSON.stringify([a.id, a.revisionId, a.exact, a.prefix, a.suffix, a.start, a.end, a.status]))
    .sort()
    .join('\n');

async function passagesOf(db: Db, documentId: string) {
  return db.select().from(anchors).where(eq(anchors.documentId, documentId));
}

/** Where each passage of the document lands on `newText` (computed in the worker pool). */
export async function planReanchor(
  db: Db,
  documentId: string,
  oldText: string,
  newText: string,
): Promise<ReanchorPlan> {
  const rows = await passagesOf(db, documentId);
  const results = rows.length
    ? await runJob('reanchor', {
        oldText,
        newText,
        passages: rows.map((a) => ({
          id: a.id,
          quote: { type: 'TextQuoteSelector' as const, exact: a.exact, prefix: a.prefix, suffix: a.suffix },
          // An orphan has no position: look for its quote from the start of the text.
          start: a.start ?? 0,
          end: a.end ?? a.exact.length,
          orphaned: a.status === 'orphaned' || a.start === null,
        })),
      })
    : [];
  return { fingerprint: fingerprintOf(rows), results };
}

/** Stores a plan made before the transaction, if the passages are still what it was made from. */
export async function applyReanchor(
  tx: Tx,
  documentId: string,
  plan: ReanchorPlan,
  newRevisionId: string,
): Promise<ReanchorCounts> {
  const rows = await passagesOf(tx, documentId);
  if (fingerprintOf(rows) !== plan.fingerprint) throw new StaleReanchorPlan();
  const now = new Date();
  const before = new Map(rows.map((a) => [a.id, a]));
  for (const r of plan.results) {
    const was = before.get(r.id)!;
    await tx
      .update(anchors)
      .set({
        revisionId: newRevisionId,
        start: r.start,
        end: r.end,
        status: r.status,
        score: r.score,
        // An orphan keeps where it was last found (an export still places it); a found passage
        // has no use for it.
        ...heldPlace(was, r),
        updatedAt: now,
      })
      .where(eq(anchors.id, r.id));
  }
  // Their anchor states, as the evidence table sorts them.
  await keepPassageKeys(
    tx,
    plan.results.map((r) => before.get(r.id)!.claimId),
  );
  return tally(
    ANCHOR_STATUSES,
    plan.results.map((r) => r.status),
  );
}

/** The last place that held a passage: kept while it stays orphaned, taken when it becomes so. */
export function heldPlace(
  was: Pick<Anchor, 'revisionId' | 'start' | 'end' | 'status' | 'heldRevisionId' | 'heldStart' | 'heldEnd'>,
  now: Pick<ReanchoredPassage, 'status'>,
): Pick<Anchor, 'heldRevisionId' | 'heldStart' | 'heldEnd'> {
  if (now.status !== 'orphaned') return { heldRevisionId: null, heldStart: null, heldEnd: null };
  if (was.status !== 'orphaned' && was.start !== null && was.end !== null) {
    return { heldRevisionId: was.revisionId, heldStart: was.start, heldEnd: was.end };
  }
  return { heldRevisionId: was.heldRevisionId, heldStart: was.heldStart, heldEnd: was.heldEnd };
}
