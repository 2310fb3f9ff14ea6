/** The source registry of a workspace, with reliability ratings and their history. */
import { and, asc, count, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { AppError, notFound } from '@/lib/errors';
import type { SourceFields } from '@/lib/claims';
import type { Action } from '@/lib/permissions';
import { RELIABILITY, type Reliability } from '@/lib/scales';
import { first, type Db, type Store, type Tx } from '../store';
import { containsText } from '../dialect';
import { auditEvents, claims, evidence, sourceRatings, sources, users, type Source } from '../schema';
import { audit } from '../audit';
import { authorize, authorizeAs, type Actor } from './access';
import { claimWrite } from './live';
import { indexSource } from './search-index';
import { recountSourceLinks } from './evidence-links';
import { authorizeRestore } from './trash-undo';

export interface SourceView {
  id: string;
  name: string;
  kind: Source['kind'];
  url: string | null;
  description: string | null;
  reliability: Reliability;
  reliabilityLabel: string;
  version: number;
  evidenceCount: number;
}

const present = (s: Source, evidenceCount = 0): SourceView => ({
  id: s.id,
  name: s.name,
  kind: s.kind,
  url: s.url,
  description: s.description,
  reliability: s.reliability,
  reliabilityLabel: RELIABILITY[s.reliability],
  version: s.version,
  evidenceCount,
});

export async function loadSource(
  tx: Db,
  actor: Actor,
  sourceId: string,
  action: Action,
  { trashed = false } = {},
): Promise<Source> {
  const source = await first(tx.select().from(sources).where(eq(sources.id, sourceId)).limit(1));
  if (!source) throw notFound('source');
  await authorizeAs(tx, actor, source.workspaceId, action, 'source');
  if (Boolean(source.deletedAt) !== trashed) throw notFound('source');
  return source;
}

/** The registry, optionally filtered by name (type-ahead). */
export async function listSources(
  store: Store,
  {
    actor,
    workspaceId,
    q,
    limit = 500,
  }: {
    actor: Actor;
    workspaceId: string;
    q?: string;
    limit?: number;
  },
) {
  const db = store.db;
  await authorize(db, actor, workspaceId, 'workspace.read');
  const [evidenceCounts, rows] = await Promise.all([
    db
      .select({ sourceId: evidence.sourceId, n: count() })
      .from(evidence)
      .innerJoin(sources, eq(sources.id, evidence.sourceId))
      .where(and(eq(sources.workspaceId, workspaceId), isNull(evidence.deletedAt)))
      .groupBy(evidence.sourceId),
    db
      .select()
      .from(sources)
      .where(
        and(
          eq(sources.workspaceId, workspaceId),
          isNull(sources.deletedAt),
          q ? containsText(sources.name, q) : undefined,
        ),
      )
      .orderBy(asc(sources.name))
      .limit(limit),
  ]);
  const counts = new Map(evidenceCounts.map((r) => [r.sourceId, r.n]));
  return rows.map((s) => present(s, counts.get(s.id) ?? 0));
}

export async function insertSource(
  tx: Tx,
  actor: Actor,
  workspaceId: string,
  fields: SourceFields,
): Promise<string> {
  const id = randomUUID();
  await tx.insert(sources).values({ id, workspaceId, ...fields, createdBy: actor.userId });
  await indexSource(tx, id);
  await tx.insert(sourceRatings).values({
    sourceId: id,
    reliability: fields.reliability,
    previous: null,
    reason: 'Initial rating',
    changedBy: actor.userId,
  });
  await audit(tx, {
    actorUserId: actor.userId,
    workspaceId,
    action: 'source.create',
    objectType: 'source',
    objectId: id,
    ip: actor.ip,
    details: { name: fields.name, reliability: fields.reliability },
  });
  return id;
}

export async function createSource(
  store: Store,
  {
    actor,
    workspaceId,
    fields,
  }: {
    actor: Actor;
    workspaceId: string;
    fields: SourceFields;
  },
) {
  return store.transaction(async (tx) => {
    await authorize(tx, actor, workspaceId, 'claim.write');
    return { sourceId: await insertSource(tx, actor, workspaceId, fields) };
  });
}

/** The refusal of an edit made from a stale copy, with the source's newer values. */
function staleSource(source: Source) {
  return new AppError(
    'conflict',
    'source',
    `Someone changed this source since you opened it: it is now “${source.name}”, rated ${source.reliability} (${RELIABILITY[source.reliability]}). Your edit was not saved.`,
    {
      current: {
        version: source.version,
        name: source.name,
        reliability: source.reliability,
        url: source.url,
      },
    },
  );
}

/**
 * Edits a source. A new reliability rating needs a reason and is kept in the history. From a
 * stale copy, refused with the newer values. The update is conditional on `expectedVersion`, so
 * of two edits made from the same version only one is applied, whatever the engine.
 */
export async function updateSource(
  store: Store,
  {
    actor,
    sourceId,
    expectedVersion,
    fields,
    reason,
  }: {
    actor: Actor;
    sourceId: string;
    expectedVersion: number;
    fields: SourceFields;
    reason?: string | null;
  },
) {
  return store.transaction(async (tx) => {
    const source = await loadSource(tx, actor, sourceId, 'claim.write');
    if (source.version !== expectedVersion) throw staleSource(source);
    const ratingChanged = fields.reliability !== source.reliability;
    if (ratingChanged && !reason?.trim()) {
      throw new AppError('invalid', 'source', 'Say why the reliability rating changes.', {
        field: 'reason',
      });
    }
    const [updated] = await tx
      .update(sources)
      .set({ ...fields, version: sql`${sources.version} + 1`, updatedAt: new Date() })
      .where(and(eq(sources.id, sourceId), eq(sources.version, expectedVersion), isNull(sources.deletedAt)))
      .returning({ version: sources.version });
    if (!updated) {
      const now = await first(tx.select().from(sources).where(eq(sources.id, sourceId)).limit(1));
      throw !now || now.deletedAt ? notFound('source') : staleSource(now);
    }
    await indexSource(tx, sourceId);
    if (ratingChanged) {
      await tx.insert(sourceRatings).values({
        sourceId,
        reliability: fields.reliability,
        previous: source.reliability,
        reason: reason!.trim(),
        changedBy: actor.userId,
      });
    }
    await audit(tx, {
      actorUserId: actor.userId,
      workspaceId: source.workspaceId,
      action: ratingChanged ? 'source.rate' : 'source.update',
      objectType: 'source',
      objectId: sourceId,
      ip: actor.ip,
      details: {
        before: { name: source.name, reliability: source.reliability, url: source.url },
        after: { name: fields.name, reliability: fields.reliability, url: fields.url },
        reason: reason ?? null,
      },
    });
    return { version: updated.version };
  });
}

/** How many of a source's evidence links its page lists. */
export const EVIDENCE_SHOWN = 200;

export async function getSource(store: Store, { actor, sourceId }: { actor: Actor; sourceId: string }) {
  const db = store.db;
  const source = await loadSource(db, actor, sourceId, 'workspace.read');
  const [history, evidenceCount, links] = await Promise.all([
    db
      .select({
        reliability: sourceRatings.reliability,
        previous: sourceRatings.previous,
        reason: sourceRatings.reason,
        changedAt: sourceRatings.changedAt,
        changedBy: users.name,
      })
      .from(sourceRatings)
      .leftJoin(users, eq(users.id, sourceRatings.changedBy))
      .where(eq(sourceRatings.sourceId, sourceId))
      .orderBy(desc(sourceRatings.id)),
    first(
      db
        .select({ n: count() })
        .from(evidence)
        .where(and(eq(evidence.sourceId, sourceId), isNull(evidence.deletedAt))),
    ),
    // The claims this source bears on, newest first (the first EVIDENCE_SHOWN of them).
    db
      .select({
        id: evidence.id,
        claimId: claims.id,
        statement: claims.statement,
        stance: evidence.stance,
        credibility: evidence.credibility,
        quote: evidence.quote,
        locator: evidence.locator,
        createdAt: evidence.createdAt,
      })
      .from(evidence)
      .innerJoin(claims, eq(claims.id, evidence.claimId))
      .where(and(eq(evidence.sourceId, sourceId), isNull(evidence.deletedAt), isNull(claims.deletedAt)))
      .orderBy(desc(evidence.createdAt), desc(evidence.id))
      .limit(EVIDENCE_SHOWN),
  ]);
  const n = evidenceCount?.n ?? 0;
  return { ...present(source, n), workspaceId: source.workspaceId, history, evidence: links };
}

/**
 * Trashing a source takes its evidence links with it (hidden everywhere, not counted, not
 * exported; restoring the source brings them back), so the claims they bear on are re-evaluated.
 */
function setSourceTrashed(store: Store, actor: Actor, sourceId: string, trash: boolean) {
  return claimWrite(store, actor.userId, async (tx, touch) => {
    const source = await loadSource(tx, actor, sourceId, trash ? 'claim.write' : 'workspace.read', {
      trashed: !trash,
    });
    // Back from the trash: owners, or its mover for a while after (the Undo). Who moved it is the
    // audit log's latest word on it (sources keep no column for it).
    if (!trash) {
      const mover = await first(
        tx
          .select({ by: auditEvents.actorUserId })
          .from(auditEvents)
          .where(
            and(
              eq(auditEvents.workspaceId, source.workspaceId),
              eq(auditEvents.objectType, 'source'),
              eq(auditEvents.objectId, sourceId),
              eq(auditEvents.action, 'source.trash'),
            ),
          )
          .orderBy(desc(auditEvents.id))
          .limit(1),
      );
      await authorizeRestore(
        tx,
        actor,
        source.workspaceId,
        { deletedAt: source.deletedAt, deletedBy: mover?.by ?? null },
        'claim.write',
        'source',
      );
    }
    // Conditional on the state just read, so that two of these racing apply once.
    const [moved] = await tx
      .update(sources)
      .set({ deletedAt: trash ? new Date() : null, version: sql`${sources.version} + 1` })
      .where(and(eq(sources.id, sourceId), trash ? isNull(sources.deletedAt) : isNotNull(sources.deletedAt)))
      .returning({ id: sources.id });
    if (!moved) throw notFound('source');
    await recountSourceLinks(tx, sourceId);
    await audit(tx, {
      actorUserId: actor.userId,
      workspaceId: source.workspaceId,
      action: trash ? 'source.trash' : 'source.restore',
      objectType: 'source',
      objectId: sourceId,
      ip: actor.ip,
      details: { name: source.name },
    });
    const linked = await tx
      .selectDistinct({ claimId: evidence.claimId })
      .from(evidence)
      .innerJoin(claims, eq(claims.id, evidence.claimId))
      .where(and(eq(evidence.sourceId, sourceId), isNull(evidence.deletedAt), isNull(claims.deletedAt)));
    if (linked.length)
      touch(
        source.workspaceId,
        linked.map((l) => l.claimId),
      );
    return { workspaceId: source.workspaceId };
  });
}

export async function trashSource(store: Store, { actor, sourceId }: { actor: Actor; sourceId: string }) {
  return setSourceTrashed(store, actor, sourceId, true);
}
export async function restoreSource(store: Store, { actor, sourceId }: { actor: Actor; sourceId: string }) {
  return setSourceTrashed(store, actor, sourceId, false);
}

export async function listTrashedSources(
  store: Store,
  { actor, workspaceId }: { actor: Actor; workspaceId: string },
) {
  const db = store.db;
  await authorize(db, actor, workspaceId, 'trash.purge');
  return db
    .select({ id: sources.id, name: sources.name, reliability: sources.reliability })
    .from(sources)
    .where(and(eq(sources.workspaceId, workspaceId), isNotNull(sources.deletedAt)))
    .orderBy(asc(sources.name));
}
