/** The source registry of a workspace, with reliability ratings and their history. */
import { and, asc, count, desc, eq, isNull, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { AppError, notFound } from '@/lib/errors';
import type { SourceFields } from '@/lib/claims';
import type { Action } from '@/lib/permissions';
import { RELIABILITY, type Reliability } from '@/lib/scales';
import { getDb, type Db, type Tx } from '../client';
import { claims, evidence, sourceRatings, sources, users, type Source } from '../schema';
import { audit } from '../audit';
import { authorize, authorizeAs, type Actor } from './access';
import { claimWrite } from './live';

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

export function loadSource(
  tx: Tx | Db,
  actor: Actor,
  sourceId: string,
  action: Action,
  { trashed = false } = {},
): Source {
  const source = tx.select().from(sources).where(eq(sources.id, sourceId)).get();
  if (!source) throw notFound('source');
  authorizeAs(tx, actor, source.workspaceId, action, 'source');
  if (Boolean(source.deletedAt) !== trashed) throw notFound('source');
  return source;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The registry, optionally filtered by name (type-ahead). */
export async function listSources({
  actor,
  workspaceId,
  q,
  limit = 500,
}: {
  actor: Actor;
  workspaceId: string;
  q?: string;
  limit?: number;
}) {
  const db = getDb();
  authorize(db, actor, workspaceId, 'workspace.read');
  const counts = new Map(
    db
      .select({ sourceId: evidence.sourceId, n: count() })
      .from(evidence)
      .innerJoin(sources, eq(sources.id, evidence.sourceId))
      .where(and(eq(sources.workspaceId, workspaceId), isNull(evidence.deletedAt)))
      .groupBy(evidence.sourceId)
      .all()
      .map((r) => [r.sourceId, r.n]),
  );
  return db
    .select()
    .from(sources)
    .where(
      and(
        eq(sources.workspaceId, workspaceId),
        isNull(sources.deletedAt),
        q ? sql`${sources.name} like ${`%${escapeLike(q)}%`} escape '\\' collate nocase` : undefined,
      ),
    )
    .orderBy(asc(sources.name))
    .limit(limit)
    .all()
    .map((s) => present(s, counts.get(s.id) ?? 0));
}

export function insertSource(tx: Tx, actor: Actor, workspaceId: string, fields: SourceFields): string {
  const id = randomUUID();
  tx.insert(sources)
    .values({ id, workspaceId, ...fields, createdBy: actor.userId })
    .run();
  tx.insert(sourceRatings)
    .values({
      sourceId: id,
      reliability: fields.reliability,
      previous: null,
      reason: 'Initial rating',
      changedBy: actor.userId,
    })
    .run();
  audit(tx, {
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

export async function createSource({
  actor,
  workspaceId,
  fields,
}: {
  actor: Actor;
  workspaceId: string;
  fields: SourceFields;
}) {
  return getDb().transaction(
    (tx) => {
      authorize(tx, actor, workspaceId, 'claim.write');
      return { sourceId: insertSource(tx, actor, workspaceId, fields) };
    },
    { behavior: 'immediate' },
  );
}

/**
 * Edits a source. A new reliability rating needs a reason and is kept in the history. From a
 * stale copy, refused with the newer values.
 */
export async function updateSource({
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
}) {
  return getDb().transaction(
    (tx) => {
      const source = loadSource(tx, actor, sourceId, 'claim.write');
      if (source.version !== expectedVersion) {
        throw new AppError(
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
      const ratingChanged = fields.reliability !== source.reliability;
      if (ratingChanged && !reason?.trim()) {
        throw new AppError('invalid', 'source', 'Say why the reliability rating changes.', {
          field: 'reason',
        });
      }
      tx.update(sources)
        .set({ ...fields, version: source.version + 1, updatedAt: new Date() })
        .where(eq(sources.id, sourceId))
        .run();
      if (ratingChanged) {
        tx.insert(sourceRatings)
          .values({
            sourceId,
            reliability: fields.reliability,
            previous: source.reliability,
            reason: reason!.trim(),
            changedBy: actor.userId,
          })
          .run();
      }
      audit(tx, {
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
      return { version: source.version + 1 };
    },
    { behavior: 'immediate' },
  );
}

export async function getSource({ actor, sourceId }: { actor: Actor; sourceId: string }) {
  const db = getDb();
  const source = loadSource(db, actor, sourceId, 'workspace.read');
  const history = db
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
    .orderBy(desc(sourceRatings.id))
    .all();
  const n =
    db
      .select({ n: count() })
      .from(evidence)
      .where(and(eq(evidence.sourceId, sourceId), isNull(evidence.deletedAt)))
      .get()?.n ?? 0;
  return { ...present(source, n), workspaceId: source.workspaceId, history };
}

/**
 * Trashing a source takes its evidence links with it (hidden everywhere, not counted, not
 * exported; restoring the source brings them back), so the claims they bear on are re-evaluated.
 */
function setSourceTrashed(actor: Actor, sourceId: string, trash: boolean) {
  return claimWrite(actor.userId, (tx, touch) => {
    const source = loadSource(tx, actor, sourceId, trash ? 'claim.write' : 'trash.purge', {
      trashed: !trash,
    });
    tx.update(sources)
      .set({ deletedAt: trash ? new Date() : null, version: source.version + 1 })
      .where(eq(sources.id, sourceId))
      .run();
    audit(tx, {
      actorUserId: actor.userId,
      workspaceId: source.workspaceId,
      action: trash ? 'source.trash' : 'source.restore',
      objectType: 'source',
      objectId: sourceId,
      ip: actor.ip,
      details: { name: source.name },
    });
    const linked = tx
      .selectDistinct({ claimId: evidence.claimId })
      .from(evidence)
      .innerJoin(claims, eq(claims.id, evidence.claimId))
      .where(and(eq(evidence.sourceId, sourceId), isNull(evidence.deletedAt), isNull(claims.deletedAt)))
      .all();
    if (linked.length)
      touch(
        source.workspaceId,
        linked.map((l) => l.claimId),
      );
    return { workspaceId: source.workspaceId };
  });
}

export async function trashSource({ actor, sourceId }: { actor: Actor; sourceId: string }) {
  return setSourceTrashed(actor, sourceId, true);
}
export async function restoreSource({ actor, sourceId }: { actor: Actor; sourceId: string }) {
  return setSourceTrashed(actor, sourceId, false);
}

export async function listTrashedSources({ actor, workspaceId }: { actor: Actor; workspaceId: string }) {
  const db = getDb();
  authorize(db, actor, workspaceId, 'trash.purge');
  return db
    .select({ id: sources.id, name: sources.name, reliability: sources.reliability })
    .from(sources)
    .where(and(eq(sources.workspaceId, workspaceId), sql`${sources.deletedAt} is not null`))
    .orderBy(asc(sources.name))
    .all();
}
