/**
 * What an analyst does with a passage that re-anchoring placed as a close match (status `fuzzy`):
 *
 * - `acceptMatch`: the passage takes the text now at its place as its quote (with fresh context)
 *   and becomes exact;
 * - `detachPassage`: the passage leaves the text and becomes orphaned, keeping its last place as
 *   re-anchoring does (`heldPlace`, ./reanchor.ts), so that an export still says where it was.
 *
 * Anchors have no version column: the request names the place the analyst saw (revision, start,
 * end), and the write is one UPDATE conditional on the anchor still being there in the status the
 * action applies to. A passage that moved meanwhile (re-attached, accepted, detached, or placed on
 * a newer revision) is refused as a conflict, never changed from a stale picture.
 */
import { and, eq } from 'drizzle-orm';
import { describePassage } from '@/lib/anchoring/selectors';
import { AppError, conflict, notFound } from '@/lib/errors';
import type { AnchorStatus } from '@/lib/vocabulary';
import { first, type Store, type Tx } from '../store';
import { anchors, type Anchor } from '../schema';
import { audit } from '../audit';
import type { Actor } from './access';
import { loadClaim } from './claims';
import { loadDocument } from './documents';
import { claimWrite } from './live';
import { heldPlace } from './reanchor';
import { revisionText } from './revision-text';

/** The place of a passage as the analyst saw it: the write applies only if it is still there. */
export interface SeenPlace {
  revisionId: string;
  start: number;
  end: number;
}

const MOVED =
  'This passage changed since you opened this page (it was accepted, detached, re-attached, or a newer revision was saved). Reload to see where it is now.';

/** The anchor, authorized for writing claims in its workspace, with its document (not in the trash). */
async function loadAnchor(tx: Tx, actor: Actor, anchorId: string) {
  const anchor = await first(tx.select().from(anchors).where(eq(anchors.id, anchorId)).limit(1));
  if (!anchor) throw notFound('anchor');
  const claim = await loadClaim(tx, actor, anchor.claimId, 'claim.write');
  const doc = await loadDocument(tx, actor, anchor.documentId, 'claim.write');
  if (doc.workspaceId !== claim.workspaceId) throw notFound('anchor');
  return { anchor, claim, doc };
}

/** The anchor's row as the conditional write expects it, or a conflict saying why not. */
function assertAt(anchor: Anchor, seen: SeenPlace, statuses: readonly AnchorStatus[], refusal: string) {
  if (anchor.revisionId !== seen.revisionId || anchor.start !== seen.start || anchor.end !== seen.end) {
    throw conflict('anchor', MOVED);
  }
  if (!statuses.includes(anchor.status)) throw conflict('anchor', refusal);
}

/** One conditional UPDATE: applied only while the anchor is still where and as it was read. */
async function updateIfUnchanged(tx: Tx, anchor: Anchor, values: Partial<Anchor>) {
  const [done] = await tx
    .update(anchors)
    .set({ ...values, updatedAt: new Date() })
    .where(
      and(
        eq(anchors.id, anchor.id),
        eq(anchors.revisionId, anchor.revisionId),
        eq(anchors.status, anchor.status),
        eq(anchors.start, anchor.start!),
        eq(anchors.end, anchor.end!),
        eq(anchors.exact, anchor.exact),
      ),
    )
    .returning({ id: anchors.id });
  if (!done) throw conflict('anchor', MOVED);
}

/** Accepts a close match: the text at the passage's place becomes its quote, and it is exact. */
export async function acceptMatch(
  store: Store,
  { actor, anchorId, seen }: { actor: Actor; anchorId: string; seen: SeenPlace },
): Promise<{ anchorId: string; quote: string }> {
  return claimWrite(store, actor.userId, async (tx, touch) => {
    const { anchor, claim, doc } = await loadAnchor(tx, actor, anchorId);
    assertAt(
      anchor,
      seen,
      ['fuzzy'],
      anchor.status === 'exact'
        ? 'This passage already matches its quote exactly.'
        : 'This passage is orphaned: re-attach it to a passage of the text instead.',
    );
    if (anchor.revisionId !== doc.currentRevisionId) throw conflict('anchor', MOVED);
    const text = await revisionText(tx, anchor.revisionId);
    if (text === null || anchor.end! > text.length || anchor.start! >= anchor.end!) {
      throw new AppError('conflict', 'anchor', MOVED);
    }
    const { quote } = describePassage(text, anchor.start!, anchor.end!);
    await updateIfUnchanged(tx, anchor, {
      exact: quote.exact,
      prefix: quote.prefix,
      suffix: quote.suffix,
      status: 'exact',
      score: 1,
      heldRevisionId: null,
      heldStart: null,
      heldEnd: null,
    });
    await audit(tx, {
      actorUserId: actor.userId,
      workspaceId: claim.workspaceId,
      action: 'anchor.accept_match',
      objectType: 'claim',
      objectId: claim.id,
      ip: actor.ip,
      details: {
        anchorId,
        documentId: anchor.documentId,
        from: anchor.exact,
        to: quote.exact,
        score: anchor.score,
      },
    });
    touch(claim.workspaceId, [claim.id]);
    return { anchorId, quote: quote.exact };
  });
}

/**
 * Detaches a passage from the text (a close match the analyst does not accept): it becomes
 * orphaned, keeps its quote and its last place, and waits in the orphaned passages to be
 * re-attached.
 */
export async function detachPassage(
  store: Store,
  { actor, anchorId, seen }: { actor: Actor; anchorId: string; seen: SeenPlace },
): Promise<{ anchorId: string }> {
  return claimWrite(store, actor.userId, async (tx, touch) => {
    const { anchor, claim } = await loadAnchor(tx, actor, anchorId);
    assertAt(anchor, seen, ['fuzzy', 'exact'], 'This passage is already orphaned.');
    await updateIfUnchanged(tx, anchor, {
      start: null,
      end: null,
      status: 'orphaned',
      score: 0,
      ...heldPlace(anchor, { status: 'orphaned' }),
    });
    await audit(tx, {
      actorUserId: actor.userId,
      workspaceId: claim.workspaceId,
      action: 'anchor.detach',
      objectType: 'claim',
      objectId: claim.id,
      ip: actor.ip,
      details: {
        anchorId,
        documentId: anchor.documentId,
        quote: anchor.exact,
        previousStatus: anchor.status,
        revisionId: anchor.revisionId,
        start: anchor.start,
        end: anchor.end,
      },
    });
    touch(claim.workspaceId, [claim.id]);
    return { anchorId };
  });
}
