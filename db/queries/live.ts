/**
 * Writes that change claims, and the live events they cause. `claimWrite` runs one write
 * transaction of the store (`store.transaction`: serialised with every other write); inside it,
 * `touch` names the claims the write bears on. Before the transaction ends their contested state
 * (and that of their topic siblings) is re-evaluated in the same transaction, under a lock of
 * their topics (./contested); after it committed, everyone in the workspace is told which claims
 * changed.
 */
import { sql } from 'drizzle-orm';
import { notFound } from '@/lib/errors';
import { inIds } from '../dialect';
import type { Store, Tx } from '../store';
import type { LiveEvent } from '../events';
import { anchors, claims, type StoredReason } from '../schema';
import { authorize, roleIn, type Actor } from './access';
import { refreshContested } from './contested';
import { assessmentKeyValue } from './assessment-key';
import { passageKeyValues } from './passage-keys';
import { loadDocument } from './documents';
import { addLiveStream, settleLiveStreams as settleStreams } from './live-streams';
import { deliverCommitted, emit, joinDocument, settleOutbox, holdOutboxReader } from './outbox';
import { indexClaims, type ClaimEntryParts } from './search-index';
import { excerpt, notify } from './notifications';

/** For tests: resolves once every committed event has reached the streams (bounded). */
export async function settleLiveStreams(): Promise<void> {
  for (let i = 0; i < 20; i++) {
    const waited = await settleOutbox();
    await settleStreams();
    // A stream that ended while its events were delivered is leaving presence: wait for that too.
    if (!waited && !(await settleOutbox())) return;
  }
}

export type Touch = (
  workspaceId: string,
  claimIds: string[],
  options?: {
    formerTopicIds?: (string | null)[];
    /** Claims made by this write, with what their search entry holds (indexed without a read). */
    newClaims?: Record<string, ClaimEntryParts>;
  },
) => void;

export async function claimWrite<T>(
  store: Store,
  actorId: string,
  fn: (tx: Tx, touch: Touch) => Promise<T>,
): Promise<T> {
  let workspaceId: string | null = null;
  const touched = new Set<string>();
  const formerTopics = new Set<string | null>();
  const changed = new Set<string>();
  const newClaims = new Map<string, ClaimEntryParts>();
  const result = await store.transaction(async (tx) => {
    // A transaction PostgreSQL aborted for a conflict runs again from here: forget the last try's.
    workspaceId = null;
    touched.clear();
    formerTopics.clear();
    changed.clear();
    newClaims.clear();
    const value = await fn(tx, (ws, ids, options) => {
      workspaceId = ws;
      for (const id of ids) touched.add(id);
      for (const t of options?.formerTopicIds ?? []) formerTopics.add(t);
      for (const [id, parts] of Object.entries(options?.newClaims ?? {})) newClaims.set(id, parts);
    });
    // The claims this write bears on have a new picture for review (see claims.reviewVersion), and
    // their passages and assessments as the evidence table sorts them are computed again
    // (./passage-keys, ./assessment-key).
    if (touched.size) {
      await tx
        .update(claims)
        .set({
          reviewVersion: sql`${claims.reviewVersion} + 1`,
          ...passageKeyValues,
          assessmentKey: assessmentKeyValue,
        })
        .where(inIds(claims.id, [...touched]));
    }
    await indexClaims(tx, [...touched], newClaims);
    const gained = new Map<string, StoredReason[]>();
    for (const id of await refreshContested(tx, [...touched], {
      formerTopicIds: [...formerTopics],
      onNewReasons: (claimId, reasons) => gained.set(claimId, reasons),
    })) {
      changed.add(id);
    }
    await notifyContested(tx, actorId, gained);
    if (workspaceId) await emitClaims(tx, workspaceId, [...new Set([...touched, ...changed])], actorId);
    return value;
  });
  await deliverCommitted(store);
  return result;
}

/**
 * Tells each author whose claim became contested (or gained a reason) why, in the write's
 * transaction. Who disagrees and how is never said here: under blind assessments the author may
 * not see the others' assessments yet, and the claim's page shows what they may.
 */
async function notifyContested(tx: Tx, actorId: string, gained: Map<string, StoredReason[]>): Promise<void> {
  if (gained.size === 0) return;
  const rows = await tx
    .select({
      id: claims.id,
      statement: claims.statement,
      createdBy: claims.createdBy,
      workspaceId: claims.workspaceId,
    })
    .from(claims)
    .where(inIds(claims.id, [...gained.keys()]));
  for (const c of rows) {
    const why = gained
      .get(c.id)!
      .map((r) => (r.kind === 'analysts_disagree' ? 'analysts disagree on how likely it is' : r.detail))
      .join(' ');
    await notify(tx, { userId: actorId, isAdmin: false }, [c.createdBy], {
      workspaceId: c.workspaceId,
      kind: 'contested',
      claimId: c.id,
      text: `Your claim “${excerpt(c.statement)}” is contested now: ${excerpt(why, 200)}`,
    });
  }
}

/**
 * Tells everyone in the workspace that these claims changed (with the documents they appear in):
 * an event of the outbox, in the write's transaction.
 */
async function emitClaims(tx: Tx, workspaceId: string, claimIds: string[], actorId: string): Promise<void> {
  if (claimIds.length === 0) return;
  const documentIds = (
    await tx
      .selectDistinct({ documentId: anchors.documentId })
      .from(anchors)
      .where(inIds(anchors.claimId, claimIds))
  ).map((d) => d.documentId);
  await emit(tx, { type: 'claims', workspaceId, claimIds, documentIds, actorId });
}

/**
 * Opens a member's live stream: checks membership now (and the limits of ./live-streams), joins
 * the document's presence when one is given, and hands over the events meant for this member.
 * Events are delivered after the writer's request, with one membership check per event for all
 * the workspace's streams (./live-streams): a removed member gets nothing more, not even ids, and
 * `revoked` ends their stream as soon as an event (the removal's own `access` event) comes; the
 * route also re-checks the session and membership on a timer.
 */
export async function openLiveStream(
  store: Store,
  {
    actor,
    name,
    workspaceId,
    documentId,
    send,
    revoked,
  }: {
    actor: Actor;
    name: string;
    workspaceId: string;
    documentId: string | null;
    send: (event: LiveEvent) => void;
    /** Called (once) when the member has lost access: the stream must end. */
    revoked: () => void;
  },
) {
  await authorize(store.db, actor, workspaceId, 'workspace.read');
  if (documentId) {
    const doc = await loadDocument(store.db, actor, documentId, 'workspace.read');
    if (doc.workspaceId !== workspaceId) throw notFound('document');
  }
  /** Whether the member still belongs to the workspace (read now; the route polls it). */
  const stillAllowed = async (): Promise<boolean> => (await roleIn(store.db, actor, workspaceId)) !== null;
  let open = true;
  let leave: () => Promise<void> = async () => {};
  let releaseOutbox = () => {};
  // Subscribed first, then the reader is made ready: nothing committed from here on is missed.
  const remove = addLiveStream(store, workspaceId, {
    userId: actor.userId,
    documentId,
    deliver: (event) => {
      if (open) send(event);
    },
    revoke: () => {
      if (!open) return;
      close();
      revoked();
    },
  });
  function close() {
    if (!open) return;
    open = false;
    remove();
    releaseOutbox();
    void leave().catch(() => undefined);
  }
  try {
    const release = await holdOutboxReader(store);
    if (open) releaseOutbox = release;
    else release();
  } catch (error) {
    close();
    throw error;
  }
  // Joining publishes the document's presence, which this stream receives too, like the others.
  if (documentId) {
    try {
      leave = await joinDocument(store, workspaceId, documentId, { userId: actor.userId, name });
      // Closed while joining: leave now.
      if (!open) void leave().catch(() => undefined);
    } catch (error) {
      close();
      throw error;
    }
  }
  return { stillAllowed, close };
}
