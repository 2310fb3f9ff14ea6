/**
 * Evidence: a link from a claim to a source, with stance, credibility, quote and note. An edit
 * carries the version it was made from and is one conditional UPDATE (of two edits from the same
 * version, exactly one is saved).
 */
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { AppError, conflict, notFound } from '@/lib/errors';
import type { Action } from '@/lib/permissions';
import type { EvidenceFields, SourceFields } from '@/lib/claims';
import { first, type Store, type Tx } from '../store';
import { claims, evidence, sources, type Evidence } from '../schema';
import { audit } from '../audit';
import { authorize, type Actor } from './access';
import { loadClaim } from './claims';
import { claimWrite } from './live';
import { insertSource, loadSource } from './sources';
import { indexEvidence } from './search-index';
import { recountEvidenceLinks } from './evidence-links';

/** Links a claim to a source from the registry, or to a new source created on the spot. */
export async function addEvidence(
  store: Store,
  {
    actor,
    claimId,
    source,
    fields,
  }: {
    actor: Actor;
    claimId: string;
    source: { id: string } | { create: SourceFields };
    fields: EvidenceFields;
  },
) {
  return claimWrite(store, actor.userId, async (tx, touch) => {
    const claim = await loadClaim(tx, actor, claimId, 'claim.write');
    let sourceId: string;
    if ('id' in source) {
      const existing = await loadSource(tx, actor, source.id, 'claim.write');
      if (existing.workspaceId !== claim.workspaceId) throw notFound('source');
      sourceId = existing.id;
    } else {
      sourceId = await insertSource(tx, actor, claim.workspaceId, source.create);
    }
    const id = randomUUID();
    await tx.insert(evidence).values({ id, claimId, sourceId, ...fields, createdBy: actor.userId });
    await indexEvidence(tx, id);
    await bumpClaim(tx, claim.id);
    await recountEvidenceLinks(tx, [claim.id]);
    touch(claim.workspaceId, [claim.id]);
    await audit(tx, {
      actorUserId: actor.userId,
      workspaceId: claim.workspaceId,
      action: 'evidence.create',
      objectType: 'evidence',
      objectId: id,
      ip: actor.ip,
      details: { claimId, sourceId, stance: fields.stance, credibility: fields.credibility },
    });
    return { evidenceId: id, sourceId };
  });
}

/** Evidence changes the claim's picture: its "changed" time moves (not its version). */
async function bumpClaim(tx: Tx, claimId: string) {
  await tx.update(claims).set({ updatedAt: new Date() }).where(eq(claims.id, claimId));
}

async function loadEvidence(
  tx: Tx,
  actor: Actor,
  evidenceId: string,
  { trashed = false, action = 'claim.write' as Action } = {},
) {
  const row = await first(tx.select().from(evidence).where(eq(evidence.id, evidenceId)).limit(1));
  if (!row) throw notFound('evidence');
  let claim;
  try {
    claim = await loadClaim(tx, actor, row.claimId, action);
  } catch (error) {
    if (error instanceof AppError && error.kind === 'not_found') throw notFound('evidence');
    throw error;
  }
  if (Boolean(row.deletedAt) !== trashed) throw notFound('evidence');
  // Evidence of a source in the trash is hidden with it: not found until the source is restored.
  const source = await first(
    tx
      .select({ name: sources.name, deletedAt: sources.deletedAt })
      .from(sources)
      .where(eq(sources.id, row.sourceId))
      .limit(1),
  );
  if (source?.deletedAt && trashed)
    throw conflict('evidence', `Its source “${source.name}” is in the trash: restore the source first.`);
  if (!source || source.deletedAt) throw notFound('evidence');
  return { row, claim };
}

/** The refusal of an edit made from a stale copy, with the evidence's newer values. */
function staleEvidence(row: Evidence): AppError {
  return new AppError(
    'conflict',
    'evidence',
    `Someone changed this evidence since you opened it: it now ${row.stance} the claim with credibility ${row.credibility}. Your edit was not saved.`,
    {
      current: {
        version: row.version,
        stance: row.stance,
        credibility: row.credibility,
        quote: row.quote,
        note: row.note,
      },
    },
  );
}

export async function updateEvidence(
  store: Store,
  {
    actor,
    evidenceId,
    expectedVersion,
    fields,
  }: {
    actor: Actor;
    evidenceId: string;
    expectedVersion: number;
    fields: EvidenceFields;
  },
) {
  return claimWrite(store, actor.userId, async (tx, touch) => {
    const { row, claim } = await loadEvidence(tx, actor, evidenceId);
    // The quick answer; the conditional UPDATE below is what makes it hold.
    if (row.version !== expectedVersion) throw staleEvidence(row);
    const [updated] = await tx
      .update(evidence)
      .set({
        ...fields,
        ...(fields.stance !== row.stance ? { stanceChangedAt: new Date() } : {}),
        version: sql`${evidence.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(evidence.id, evidenceId), eq(evidence.version, expectedVersion)))
      .returning({ version: evidence.version });
    if (!updated) {
      // Another edit was saved since the read above: refuse with what it saved.
      const newer = await first(tx.select().from(evidence).where(eq(evidence.id, evidenceId)).limit(1));
      if (!newer || newer.deletedAt) throw notFound('evidence');
      throw staleEvidence(newer);
    }
    await indexEvidence(tx, evidenceId);
    if (fields.stance !== row.stance) await recountEvidenceLinks(tx, [claim.id]);
    await audit(tx, {
      actorUserId: actor.userId,
      workspaceId: claim.workspaceId,
      action: 'evidence.update',
      objectType: 'evidence',
      objectId: evidenceId,
      ip: actor.ip,
      details: {
        before: { stance: row.stance, credibility: row.credibility },
        after: { stance: fields.stance, credibility: fields.credibility },
      },
    });
    touch(claim.workspaceId, [claim.id]);
    return { version: updated.version };
  });
}

function setEvidenceTrashed(store: Store, actor: Actor, evidenceId: string, trash: boolean) {
  return claimWrite(store, actor.userId, async (tx, touch) => {
    const { claim } = await loadEvidence(tx, actor, evidenceId, {
      trashed: !trash,
      action: trash ? 'claim.write' : 'trash.purge',
    });
    await tx
      .update(evidence)
      .set({
        deletedAt: trash ? new Date() : null,
        version: sql`${evidence.version} + 1`,
        // A restored piece of evidence is a new fact for the claim's review (dated now).
        ...(trash ? {} : { updatedAt: new Date(), stanceChangedAt: new Date() }),
      })
      .where(eq(evidence.id, evidenceId));
    await recountEvidenceLinks(tx, [claim.id]);
    await audit(tx, {
      actorUserId: actor.userId,
      workspaceId: claim.workspaceId,
      action: trash ? 'evidence.trash' : 'evidence.restore',
      objectType: 'evidence',
      objectId: evidenceId,
      ip: actor.ip,
      details: { claimId: claim.id },
    });
    touch(claim.workspaceId, [claim.id]);
    return { claimId: claim.id };
  });
}

export async function trashEvidence(
  store: Store,
  { actor, evidenceId }: { actor: Actor; evidenceId: string },
) {
  return setEvidenceTrashed(store, actor, evidenceId, true);
}
export async function restoreEvidence(
  store: Store,
  { actor, evidenceId }: { actor: Actor; evidenceId: string },
) {
  return setEvidenceTrashed(store, actor, evidenceId, false);
}

export async function listTrashedEvidence(
  store: Store,
  { actor, workspaceId }: { actor: Actor; workspaceId: string },
) {
  const db = store.db;
  await authorize(db, actor, workspaceId, 'trash.purge');
  return db
    .select({ id: evidence.id, stance: evidence.stance, claim: claims.statement, source: sources.name })
    .from(evidence)
    .innerJoin(claims, eq(claims.id, evidence.claimId))
    .innerJoin(sources, eq(sources.id, evidence.sourceId))
    .where(and(eq(claims.workspaceId, workspaceId), isNotNull(evidence.deletedAt)));
}
