/**
 * The contested state of claims, stored on each claim and never edited by hand: every write that
 * bears on it (a claim's quantity or topic, evidence, an assessment, a dispute, an adjudication,
 * trash and restore) calls `refreshContested` inside its own transaction, which re-runs the pure
 * rules of lib/review/contested.ts over the changed claims and everything sharing their topics.
 *
 * Concurrent writers. A claim's state depends on its topic siblings, so two transactions that
 * touch the same topic at once (two analysts editing competing claims) must not each recompute
 * from a picture that lacks the other's write, or the stored state would be stale until the next
 * write. Before reading a topic's claims, `refreshContested` therefore locks every topic involved
 * with `lockForUpdate` (../dialect), one at a time in the order of their ids so that two writers
 * never wait for each other in a cycle: the second writer waits until the first has committed,
 * then reads the topic with the first one's rows in it. On SQLite the lock is a no-op: the
 * store's write queue (BEGIN IMMEDIATE, one transaction at a time) already serialises every
 * write transaction. On an engine with row locks (PostgreSQL) it is `SELECT … FOR UPDATE`.
 */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { contestedByClaim, type ContestClaimInput } from '@/lib/review/contested';
import { inIds, lockForUpdate } from '../dialect';
import type { Store, Tx } from '../store';
import {
  assessments,
  claims,
  disputes,
  evidence,
  sources,
  topics,
  users,
  type StoredReason,
} from '../schema';

const ms = (d: Date | null | undefined) => (d ? d.getTime() : 0);

/**
 * Re-evaluates the claims (and their topic siblings, also of `formerTopicIds`) inside the write
 * transaction `tx`, after locking their topics (see the header); returns the ids whose state
 * changed.
 */
export async function refreshContested(
  tx: Tx,
  claimIds: string[],
  { formerTopicIds = [] }: { formerTopicIds?: (string | null)[] } = {},
): Promise<string[]> {
  if (claimIds.length === 0 && formerTopicIds.length === 0) return [];
  const direct = claimIds.length
    ? await tx
        .select({ id: claims.id, topicId: claims.topicId })
        .from(claims)
        .where(inIds(claims.id, claimIds))
    : [];
  const topicIds = [
    ...new Set([...direct.map((c) => c.topicId), ...formerTopicIds].filter((t): t is string => !!t)),
  ].sort();
  // One topic at a time, in a stable order (no two writers wait for each other in a cycle).
  for (const topicId of topicIds) await lockForUpdate(tx, topics, eq(topics.id, topicId));
  const siblings = topicIds.length
    ? await tx
        .select({ id: claims.id })
        .from(claims)
        .where(and(inArray(claims.topicId, topicIds), isNull(claims.deletedAt)))
    : [];
  const ids = [...new Set([...direct.map((c) => c.id), ...siblings.map((c) => c.id)])];
  if (ids.length === 0) return [];

  const rows = await tx
    .select({ claim: claims, topic: topics.question })
    .from(claims)
    .leftJoin(topics, eq(topics.id, claims.topicId))
    .where(inIds(claims.id, ids))
    // In a stated order, so that the reasons list the others the same way on every engine (a
    // table's physical order is SQLite's insertion order, but not PostgreSQL's after an update).
    .orderBy(asc(claims.createdAt), asc(claims.id));
  const inputs = new Map<string, ContestClaimInput>();
  for (const { claim: c, topic } of rows) {
    inputs.set(c.id, {
      id: c.id,
      statement: c.statement,
      // A claim in the trash competes with nothing (and is not contested itself).
      topicId: c.deletedAt ? null : c.topicId,
      topicQuestion: topic,
      quantity:
        c.quantityMin !== null && c.quantityMax !== null
          ? { min: c.quantityMin, max: c.quantityMax, unit: c.quantityUnit ?? '' }
          : null,
      alternativeOf: c.alternativeOf,
      status: c.status,
      evidence: [],
      assessments: [],
      disputes: [],
      adjudicatedAt: c.adjudicatedAt ? c.adjudicatedAt.getTime() : null,
      quantityChangedAt: ms(c.quantityChangedAt ?? c.createdAt),
    });
  }
  for (const e of await tx
    .select({
      claimId: evidence.claimId,
      stance: evidence.stance,
      createdAt: evidence.createdAt,
      stanceChangedAt: evidence.stanceChangedAt,
    })
    .from(evidence)
    // Evidence of a source in the trash does not count (trashing or restoring the source refreshes).
    .innerJoin(sources, eq(sources.id, evidence.sourceId))
    .where(and(inIds(evidence.claimId, ids), isNull(evidence.deletedAt), isNull(sources.deletedAt)))
    .orderBy(asc(evidence.createdAt), asc(evidence.id))) {
    // Evidence is a new fact when it is added, restored, or its stance changes (not for a note).
    inputs
      .get(e.claimId)
      ?.evidence.push({ stance: e.stance, createdAt: ms(e.stanceChangedAt ?? e.createdAt) });
  }
  for (const a of await tx
    .select({ a: assessments, name: users.name })
    .from(assessments)
    .innerJoin(users, eq(users.id, assessments.userId))
    .where(inIds(assessments.claimId, ids))
    .orderBy(asc(assessments.createdAt), asc(assessments.id))) {
    inputs.get(a.a.claimId)?.assessments.push({
      userId: a.a.userId,
      userName: a.name,
      likelihood: a.a.likelihood,
      confidence: a.a.confidence,
      updatedAt: ms(a.a.updatedAt),
    });
  }
  for (const d of await tx
    .select({ d: disputes, name: users.name })
    .from(disputes)
    .leftJoin(users, eq(users.id, disputes.userId))
    .where(and(inIds(disputes.claimId, ids), isNull(disputes.resolvedAt)))
    .orderBy(asc(disputes.createdAt), asc(disputes.id))) {
    inputs.get(d.d.claimId)?.disputes.push({
      id: d.d.id,
      userName: d.name ?? 'a former member',
      reason: d.d.reason,
      createdAt: ms(d.d.createdAt),
    });
  }

  const result = contestedByClaim([...inputs.values()]);
  const changed: string[] = [];
  for (const { claim: c } of rows) {
    const reasons: StoredReason[] = c.deletedAt
      ? []
      : (result.get(c.id) ?? []).map((r) => ({
          kind: r.kind,
          key: r.key,
          detail: r.detail,
          ...(r.claimIds ? { claimIds: r.claimIds } : {}),
        }));
    if (JSON.stringify(reasons) === JSON.stringify(c.contested)) continue;
    await tx.update(claims).set({ contested: reasons }).where(eq(claims.id, c.id));
    changed.push(c.id);
  }
  return changed;
}

/** Bump when the rules of lib/review/contested.ts change: the next start recomputes every claim. */
export const CONTESTED_RULES_VERSION = 1;

/**
 * Recomputes the contested state of every claim, in one write transaction per 500 claims; returns
 * how many claims changed. Takes the store (not a handle): it opens its own transactions.
 */
export async function recomputeAllContested(store: Store): Promise<number> {
  const ids = (await store.db.select({ id: claims.id }).from(claims)).map((c) => c.id);
  let changed = 0;
  for (let i = 0; i < ids.length; i += 500) {
    changed += await store.transaction(
      async (tx) => (await refreshContested(tx, ids.slice(i, i + 500))).length,
    );
  }
  return changed;
}
