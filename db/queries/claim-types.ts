/** Claim types of a workspace: everyone reads them, owners manage them. */
import { and, asc, count, eq, max } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { AppError, conflict, notFound } from '@/lib/errors';
import { DEFAULT_CLAIM_TYPES, type ClaimTypeInput } from '@/lib/claim-types';
import { getDb, type Db, type Tx } from '../client';
import { claims, claimTypes } from '../schema';
import { audit } from '../audit';
import { authorize, authorizeAs, type Actor } from './access';

export interface ClaimTypeView {
  id: string;
  name: string;
  color: string;
  description: string | null;
  claimCount: number;
}

export function insertClaimTypes(
  tx: Tx,
  workspaceId: string,
  types: { name: string; color: string; description: string | null }[],
) {
  types.forEach((t, position) =>
    tx
      .insert(claimTypes)
      .values({ id: randomUUID(), workspaceId, ...t, position })
      .run(),
  );
}

export function insertDefaultClaimTypes(tx: Tx, workspaceId: string) {
  insertClaimTypes(tx, workspaceId, DEFAULT_CLAIM_TYPES);
}

export function listClaimTypesIn(tx: Tx | Db, workspaceId: string): ClaimTypeView[] {
  const used = tx
    .select({ typeId: claims.typeId, n: count().as('n') })
    .from(claims)
    .where(eq(claims.workspaceId, workspaceId))
    .groupBy(claims.typeId)
    .all();
  const counts = new Map(used.map((u) => [u.typeId, u.n]));
  return tx
    .select()
    .from(claimTypes)
    .where(eq(claimTypes.workspaceId, workspaceId))
    .orderBy(asc(claimTypes.position), asc(claimTypes.name))
    .all()
    .map((t) => ({
      id: t.id,
      name: t.name,
      color: t.color,
      description: t.description,
      claimCount: counts.get(t.id) ?? 0,
    }));
}

export async function listClaimTypes({ actor, workspaceId }: { actor: Actor; workspaceId: string }) {
  const db = getDb();
  authorize(db, actor, workspaceId, 'workspace.read');
  return listClaimTypesIn(db, workspaceId);
}

function assertNameFree(tx: Tx, workspaceId: string, name: string, exceptId?: string) {
  const clash = tx
    .select({ id: claimTypes.id })
    .from(claimTypes)
    .where(and(eq(claimTypes.workspaceId, workspaceId), eq(claimTypes.name, name)))
    .get();
  if (clash && clash.id !== exceptId)
    throw new AppError('invalid', 'claim_type', 'A claim type with this name exists already.', {
      field: 'name',
    });
}

export async function createClaimType({
  actor,
  workspaceId,
  input,
}: {
  actor: Actor;
  workspaceId: string;
  input: ClaimTypeInput;
}) {
  return getDb().transaction(
    (tx) => {
      authorize(tx, actor, workspaceId, 'claim_types.manage');
      assertNameFree(tx, workspaceId, input.name);
      const position =
        (tx
          .select({ p: max(claimTypes.position) })
          .from(claimTypes)
          .where(eq(claimTypes.workspaceId, workspaceId))
          .get()?.p ?? -1) + 1;
      const id = randomUUID();
      tx.insert(claimTypes)
        .values({ id, workspaceId, ...input, position })
        .run();
      audit(tx, {
        actorUserId: actor.userId,
        workspaceId,
        action: 'claim_type.create',
        objectType: 'claim_type',
        objectId: id,
        ip: actor.ip,
        details: input,
      });
      return { id };
    },
    { behavior: 'immediate' },
  );
}

function loadType(tx: Tx, actor: Actor, typeId: string) {
  const type = tx.select().from(claimTypes).where(eq(claimTypes.id, typeId)).get();
  if (!type) throw notFound('claim_type');
  authorizeAs(tx, actor, type.workspaceId, 'claim_types.manage', 'claim_type');
  return type;
}

export async function updateClaimType({
  actor,
  typeId,
  input,
}: {
  actor: Actor;
  typeId: string;
  input: ClaimTypeInput;
}) {
  getDb().transaction(
    (tx) => {
      const type = loadType(tx, actor, typeId);
      assertNameFree(tx, type.workspaceId, input.name, typeId);
      tx.update(claimTypes).set(input).where(eq(claimTypes.id, typeId)).run();
      audit(tx, {
        actorUserId: actor.userId,
        workspaceId: type.workspaceId,
        action: 'claim_type.update',
        objectType: 'claim_type',
        objectId: typeId,
        ip: actor.ip,
        details: { from: { name: type.name, color: type.color, description: type.description }, to: input },
      });
    },
    { behavior: 'immediate' },
  );
}

/** Deletes a type no claim uses (claims keep their type: change theirs first). */
export async function deleteClaimType({ actor, typeId }: { actor: Actor; typeId: string }) {
  getDb().transaction(
    (tx) => {
      const type = loadType(tx, actor, typeId);
      const used = tx.select({ n: count() }).from(claims).where(eq(claims.typeId, typeId)).get()?.n ?? 0;
      if (used > 0)
        throw conflict(
          'claim_type',
          `${used} claim${used === 1 ? ' uses' : 's use'} this type (trashed ones included). Change their type first.`,
        );
      tx.delete(claimTypes).where(eq(claimTypes.id, typeId)).run();
      audit(tx, {
        actorUserId: actor.userId,
        workspaceId: type.workspaceId,
        action: 'claim_type.delete',
        objectType: 'claim_type',
        objectId: typeId,
        ip: actor.ip,
        details: { name: type.name },
      });
    },
    { behavior: 'immediate' },
  );
}
