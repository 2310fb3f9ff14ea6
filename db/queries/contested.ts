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
import { and, asc, count, eq, gt, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import {
  competingValues,
  contestedReasons,
  type ContestClaimInput,
  type ContestedReason,
} from '@/lib/review/contested';
import { inIds, lockForUpdate } from '../dialect';
import type { Store, Tx } from '../store';
import { clearSetting, readSetting, writeSetting } from './settings';
import {
  assessments,
  claims,
  disputes,
  evidence,
  sources,
  topics,
  users,
  type Claim,
  type StoredReason,
} from '../schema';

const ms = (d: Date | null | undefined) => (d ? d.getTime() : 0);

/** The columns of a claim the rules read (not its evidence, assessments or disputes). */
const claimColumns = {
  id: claims.id,
  statement: claims.statement,
  topicId: claims.topicId,
  quantityMin: claims.quantityMin,
  quantityMax: claims.quantityMax,
  quantityUnit: claims.quantityUnit,
  alternativeOf: claims.alternativeOf,
  status: claims.status,
  adjudicatedAt: claims.adjudicatedAt,
  quantityChangedAt: claims.quantityChangedAt,
  createdAt: claims.createdAt,
  deletedAt: claims.deletedAt,
  contested: claims.contested,
};
type ClaimRow = Pick<Claim, keyof typeof claimColumns>;

function claimInput(c: ClaimRow, topic: string | null): ContestClaimInput {
  return {
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
  };
}

const stored = (r: ContestedReason): StoredReason => ({
  kind: r.kind,
  key: r.key,
  detail: r.detail,
  ...(r.claimIds ? { claimIds: r.claimIds } : {}),
});

/**
 * Re-evaluates the claims `claimIds` inside the write transaction `tx`, after locking their topics
 * (see the header), and the competing values of the other live claims of their topics (and of
 * `formerTopicIds`); returns the ids whose state changed.
 *
 * Incremental: the written claims get every reason computed from their evidence, assessments and
 * disputes; a topic sibling can only gain, lose or see changed its competing-values reason (the
 * other reasons read the claim's own rows, which this write did not touch), so only the topic's
 * claim columns are read for the siblings and their other stored reasons are kept. A write in a
 * topic of n claims reads n rows and compares n² pairs of numbers, and writes only the siblings
 * whose sentence changed (it names at most COMPETING_VALUES_NAMED others).
 */
export async function refreshContested(
  tx: Tx,
  claimIds: string[],
  {
    formerTopicIds = [],
    onNewReasons,
  }: {
    formerTopicIds?: (string | null)[];
    /** Told of each claim that gains a kind of reason it did not have (it became contested, or more so). */
    onNewReasons?: (claimId: string, reasons: StoredReason[]) => void;
  } = {},
): Promise<string[]> {
  if (claimIds.length === 0 && formerTopicIds.length === 0) return [];
  const direct = claimIds.length
    ? await tx
        .select({ ...claimColumns, topic: topics.question })
        .from(claims)
        .leftJoin(topics, eq(topics.id, claims.topicId))
        .where(inIds(claims.id, claimIds))
    : [];
  const topicIds = [
    ...new Set([...direct.map((c) => c.topicId), ...formerTopicIds].filter((t): t is string => !!t)),
  ].sort();
  // One topic at a time, in a stable order (no two writers wait for each other in a cycle).
  for (const topicId of topicIds) await lockForUpdate(tx, topics, eq(topics.id, topicId));
  const directIds = new Set(direct.map((c) => c.id));
  const siblings = topicIds.length
    ? await tx
        .select({ ...claimColumns, topic: topics.question })
        .from(claims)
        .innerJoin(topics, eq(topics.id, claims.topicId))
        .where(and(inArray(claims.topicId, topicIds), isNull(claims.deletedAt)))
        // In a stated order, so that the reasons list the others the same way on every engine (a
        // table's physical order is SQLite's insertion order, but not PostgreSQL's after an update).
        .orderBy(asc(claims.createdAt), asc(claims.id))
    : [];
  const byTopic = new Map<string, ContestClaimInput[]>();
  const inputs = new Map<string, ContestClaimInput>();
  for (const c of siblings) {
    const input = claimInput(c, c.topic);
    inputs.set(c.id, input);
    const group = byTopic.get(c.topicId!);
    if (group) group.push(input);
    else byTopic.set(c.topicId!, [input]);
  }
  for (const c of direct) if (!inputs.has(c.id)) inputs.set(c.id, claimInput(c, c.topic));

  const ids = [...directIds];
  if (ids.length) await loadFacts(tx, ids, inputs);

  const writes: { id: string; json: string }[] = [];
  const write = (c: ClaimRow, reasons: StoredReason[]) => {
    if (sameReasons(reasons, c.contested)) return;
    writes.push({ id: c.id, json: JSON.stringify(reasons) });
    const gained = reasons.filter((r) => !c.contested.some((o) => o.kind === r.kind));
    if (gained.length) onNewReasons?.(c.id, gained);
  };
  for (const c of direct) {
    const input = inputs.get(c.id)!;
    const group = input.topicId ? (byTopic.get(input.topicId) ?? []) : [];
    write(c, c.deletedAt ? [] : contestedReasons(input, group).map(stored));
  }
  for (const c of siblings) {
    if (directIds.has(c.id)) continue;
    const competing = competingValues(inputs.get(c.id)!, byTopic.get(c.topicId!)!);
    const others = c.contested.filter((r) => r.kind !== 'competing_values');
    write(c, competing ? [stored(competing), ...others] : others);
  }
  await writeReasons(tx, writes);
  return writes.map((w) => w.id);
}

/** Whether two lists of stored reasons are the same, in the same order (as their JSON would be). */
export function sameReasons(a: readonly StoredReason[], b: readonly StoredReason[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((r, i) => {
    const o = b[i]!;
    if (r.kind !== o.kind || r.key !== o.key || r.detail !== o.detail) return false;
    if (!r.claimIds || !o.claimIds) return !r.claimIds && !o.claimIds;
    return r.claimIds.length === o.claimIds.length && r.claimIds.every((id, j) => id === o.claimIds![j]);
  });
}

/** Claims whose reasons one statement writes (two bound values each, and the list of ids). */
const REASONS_PER_STATEMENT = 500;

/**
 * Stores each claim's reasons (JSON text, as the column holds them): a value for a topic moves
 * every sibling's competing values, so a write in a topic of n claims may change n rows; they are
 * written by one statement (up to REASONS_PER_STATEMENT claims each), not one per claim.
 */
async function writeReasons(tx: Tx, writes: { id: string; json: string }[]): Promise<void> {
  for (let i = 0; i < writes.length; i += REASONS_PER_STATEMENT) {
    const part = writes.slice(i, i + REASONS_PER_STATEMENT);
    const cases = sql.join(
      part.map((w) => sql`when ${w.id} then ${w.json}`),
      sql` `,
    );
    await tx
      .update(claims)
      .set({ contested: sql`case ${claims.id} ${cases} end` })
      .where(
        inIds(
          claims.id,
          part.map((w) => w.id),
        ),
      );
  }
}

/** The evidence, assessments and open disputes of the claims `ids`, into their inputs. */
async function loadFacts(tx: Tx, ids: string[], inputs: Map<string, ContestClaimInput>): Promise<void> {
  // One after the other: the statements share the transaction's connection.
  const evidenceRows = await tx
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
    .orderBy(asc(evidence.createdAt), asc(evidence.id));
  const assessmentRows = await tx
    .select({ a: assessments, name: users.name })
    .from(assessments)
    .innerJoin(users, eq(users.id, assessments.userId))
    .where(inIds(assessments.claimId, ids))
    .orderBy(asc(assessments.createdAt), asc(assessments.id));
  const disputeRows = await tx
    .select({ d: disputes, name: users.name })
    .from(disputes)
    .leftJoin(users, eq(users.id, disputes.userId))
    .where(and(inIds(disputes.claimId, ids), isNull(disputes.resolvedAt)))
    .orderBy(asc(disputes.createdAt), asc(disputes.id));
  for (const e of evidenceRows) {
    // Evidence is a new fact when it is added, restored, or its stance changes (not for a note).
    inputs
      .get(e.claimId)
      ?.evidence.push({ stance: e.stance, createdAt: ms(e.stanceChangedAt ?? e.createdAt) });
  }
  for (const a of assessmentRows) {
    inputs.get(a.a.claimId)?.assessments.push({
      userId: a.a.userId,
      userName: a.name,
      likelihood: a.a.likelihood,
      confidence: a.a.confidence,
      updatedAt: ms(a.a.updatedAt),
    });
  }
  for (const d of disputeRows) {
    inputs.get(d.d.claimId)?.disputes.push({
      id: d.d.id,
      userName: d.name ?? 'a former member',
      reason: d.d.reason,
      createdAt: ms(d.d.createdAt),
    });
  }
}

/**
 * Bump when the rules of lib/review/contested.ts change: the next start recomputes every claim in
 * the background (`recomputeContestedInBackground`). 2: competing values name at most five others.
 */
export const CONTESTED_RULES_VERSION = 2;

/**
 * Recomputes the contested state of every claim, in short write transactions of whole topics (up
 * to `batchSize` claims; a larger topic alone, in parts of `batchSize`) and then of the claims
 * without a topic, by id. Between batches it waits `pause` ms so that other
 * requests and writes go first. `inBatch` runs inside each batch's transaction (the lease's
 * renewal). Returns how many claims were computed and how many changed. Takes the store (not a
 * handle): it opens its own transactions.
 */
export async function recomputeAllContested(
  store: Store,
  {
    batchSize = 200,
    pause = 0,
    inBatch,
    onBatch,
  }: {
    batchSize?: number;
    pause?: number;
    inBatch?: (tx: Tx) => Promise<void>;
    onBatch?: (progress: { claims: number; changed: number }) => void;
  } = {},
): Promise<{ claims: number; changed: number }> {
  const progress = { claims: 0, changed: 0 };
  // A claim of a large topic can change twice (its competing values with an earlier part, all its
  // reasons with its own): counted once.
  const changedIds = new Set<string>();
  const run = async (select: (tx: Tx) => Promise<string[]>) => {
    await store.transaction(async (tx) => {
      const ids = await select(tx);
      const changed = ids.length ? await refreshContested(tx, ids) : [];
      if (inBatch) await inBatch(tx);
      progress.claims += ids.length;
      for (const id of changed) changedIds.add(id);
      progress.changed = changedIds.size;
    });
    onBatch?.(progress);
    await new Promise((resolve) => setTimeout(resolve, pause));
  };

  const sizes = await store.db
    .select({ topicId: claims.topicId, n: count() })
    .from(claims)
    .where(isNotNull(claims.topicId))
    .groupBy(claims.topicId)
    .orderBy(asc(claims.topicId));
  let batch: string[] = [];
  let size = 0;
  const flush = async () => {
    const topicIds = batch;
    batch = [];
    size = 0;
    await run(async (tx) =>
      (await tx.select({ id: claims.id }).from(claims).where(inArray(claims.topicId, topicIds))).map(
        (c) => c.id,
      ),
    );
  };
  for (const { topicId, n } of sizes) {
    if (batch.length && size + n > batchSize) await flush();
    if (n > batchSize) {
      // A large topic alone, in parts: each part gets every reason, and the whole topic its
      // competing values (cheap: claim rows only), so every part sees the topic as it is.
      const ids = (
        await store.db
          .select({ id: claims.id })
          .from(claims)
          .where(eq(claims.topicId, topicId!))
          .orderBy(asc(claims.id))
      ).map((c) => c.id);
      for (let i = 0; i < ids.length; i += batchSize) {
        const part = ids.slice(i, i + batchSize);
        await run(async () => part);
      }
      continue;
    }
    batch.push(topicId!);
    size += n;
  }
  if (batch.length) await flush();

  // Claims without a topic, by id (keyset): each batch is read inside its transaction.
  let after = '';
  for (;;) {
    let last: string | undefined;
    await run(async (tx) => {
      const ids = (
        await tx
          .select({ id: claims.id })
          .from(claims)
          .where(and(isNull(claims.topicId), gt(claims.id, after)))
          .orderBy(asc(claims.id))
          .limit(batchSize)
      ).map((c) => c.id);
      last = ids.at(-1);
      return ids;
    });
    if (!last) break;
    after = last;
  }
  return progress;
}

/** How long a process may go without renewing its claim to the recompute before another takes it. */
const LEASE_MS = 60_000;

/**
 * After a change of the rules (or on a database from before them): recomputes every claim's
 * contested state while the server serves, in batches (`recomputeAllContested`), and records the
 * rules' version when done. One process at a time does it, whichever takes the lease stored in the
 * settings (renewed with each batch; a process that dies lets another take over after LEASE_MS);
 * a start that finds the version current does nothing. Never throws: a failure is logged and the
 * next start tries again. Resolves with the claims computed (null: nothing to do, or another
 * process has it).
 */
export async function recomputeContestedInBackground(
  store: Store,
  {
    log = console.log,
    now = Date.now,
    pause = 5,
  }: { log?: (line: string) => void; now?: () => number; pause?: number } = {},
): Promise<number | null> {
  try {
    if ((await readSetting(store.db, 'contestedRulesVersion')) === CONTESTED_RULES_VERSION) return null;
    const taken = await store.transaction(async (tx) => {
      const lease = await readSetting(tx, 'contestedRecomputeLease');
      if (lease && lease.version === CONTESTED_RULES_VERSION && lease.until > now()) return false;
      await writeSetting(tx, 'contestedRecomputeLease', {
        version: CONTESTED_RULES_VERSION,
        until: now() + LEASE_MS,
      });
      return true;
    });
    if (!taken) return null;
    const started = now();
    const done = await recomputeAllContested(store, {
      pause,
      inBatch: (tx) =>
        writeSetting(tx, 'contestedRecomputeLease', {
          version: CONTESTED_RULES_VERSION,
          until: now() + LEASE_MS,
        }),
    });
    await store.transaction(async (tx) => {
      await writeSetting(tx, 'contestedRulesVersion', CONTESTED_RULES_VERSION);
      await clearSetting(tx, 'contestedRecomputeLease');
    });
    log(
      `Recomputed the contested state of ${done.claims} claims in the background (${done.changed} changed, ${Math.round((now() - started) / 1000)} s).`,
    );
    return done.claims;
  } catch (error) {
    log(
      `Could not recompute the contested state of the claims (the next start tries again): ${error instanceof Error ? error.message : String(error)}`,
    );
    return null;
  }
}
