/** Claim types of a workspace: everyone reads them, owners manage them. */
import { and, asc, count, eq, max } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { AppError, conflict, notFound } from '@/lib/errors';
import { DEFAULT_CLAIM_TYPES, type ClaimTypeInput } from '@/lib/claim-types';
import { first, type Db, type Store, type Tx } from '../store';
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

export async function insertClaimTypes(
  tx: Tx,
  workspaceId: string,
  types: { name: string; color: string; description: string | null }[],
): Promise<void> {
  for (const [position, t] of types.entries()) {
    await tx.insert(claimTypes).values({ id: randomUUID(), workspaceId, ...t, position });
  }
}

export async function insertDefaultClaimTypes(tx: Tx, workspaceId: string): Promise<void> {
  await insertClaimTypes(tx, workspaceId, DEFAULT_CLAIM_TYPES);
}

export async function listClaimTypesIn(tx: Db, workspaceId: string): Promise<ClaimTypeView[]> {
  const used = await tx
    .select({ typeId: claims.typeId, n: count().as('n') })
    .from(claims)
    .where(eq(claims.workspaceId, workspaceId))
    .groupBy(claims.typeId);
  const counts = new Map(used.map((u) => [u.typeId, u.n]));
  const types = await tx
    .select()
    .from(claimTypes)
    .where(eq(claimTypes.workspaceId, workspaceId))
    .orderBy(asc(claimTypes.position), asc(claimTypes.name));
  return types.map((t) => ({
    id: t.id,
    name: t.name,
    color: t.color,
    description: t.description,
    claimCount: counts.get(t.id) ?? 0,
  }));
}

export async function listClaimTypes(
  store: Store,
  { actor, workspaceId }: { actor: Actor; workspaceId: string },
) {
  const db = store.db;
  await authorize(db, actor, workspaceId, 'workspace.read');
  return listClaimTypesIn(db, workspaceId);
}

async function assertNameFree(tx: Db, workspaceId: string, name: string, exceptId?: string): Promise<void> {
  const clash = await first(
    tx
      .select({ id: claimTypes.id })
      .from(claimTypes)
      .where(and(eq(claimTypes.workspaceId, workspaceId), eq(claimTypes.name, name)))
      .limit(1),
  );
  if (clash && clash.id !== exceptId)
    throw new AppError('invalid', 'claim_type', 'A claim type with this name exists already.', {
      field: 'name',
    });
}

export async function createClaimType(
  store: Store,
  {
    actor,
    workspaceId,
    input,
  }: {
    actor: Actor;
    workspaceId: string;
    input: ClaimTypeInput;
  },
) {
  return store.transaction(async (tx) => {
    await authorize(tx, actor, workspaceId, 'claim_types.manage');
    await assertNameFree(tx, workspaceId, input.name);
    const position =
      ((
        await first(
          tx
            .select({ p: max(claimTypes.position) })
            .from(claimTypes)
            .where(eq(claimTypes.workspaceId, workspaceId)),
        )
      )?.p ?? -1) + 1;
    const id = randomUUID();
    await tx.insert(claimTypes).values({ id, workspaceId, ...input, position });
    await audit(tx, {
      actorUserId: actor.userId,
      workspaceId,
      action: 'claim_type.create',
      objectType: 'claim_type',
      objectId: id,
      ip: actor.ip,
      details: input,
    });
    return { id };
  });
}

async function loadType(tx: Db, actor: Actor, typeId: string) {
  const type = await first(tx.select().from(claimTypes).where(eq(claimTypes.id, typeId)).limit(1));
  if (!type) throw notFound('claim_type');
  await authorizeAs(tx, actor, type.workspaceId, 'claim_types.manage', 'claim_type');
  return type;
}

export async function updateClaimType(
  store: Store,
  {
    actor,
    typeId,
    input,
  }: {
    actor: Actor;
    typeId: string;
    input: ClaimTypeInput;
  },
) {
  await store.transaction(async (tx) => {
    const type = await loadType(tx, actor, typeId);
    await assertNameFree(tx, type.workspaceId, input.name, typeId);
    await tx.update(claimTypes).set(input).where(eq(claimTypes.id, typeId));
    await audit(tx, {
      actorUserId: actor.userId,
      workspaceId: type.workspaceId,
      action: 'claim_type.update',
      objectType: 'claim_type',
      objectId: typeId,
      ip: actor.ip,
      details: { from: { name: type.name, color: type.color, description: type.description }, to: input },
    });
  });
}

/** Deletes a type no claim uses (claims keep their type: change theirs first). */
export async function deleteClaimType(store: Store, { actor, typeId }: { actor: Actor; typeId: string }) {
  await store.transaction(async (tx) => {
    const type = await loadType(tx, actor, typeId);
    const used =
      (await first(tx.select({ n: count() }).from(claims).where(eq(claims.typeId, typeId))))?.n ?? 0;
    if (used > 0)
      throw conflict(
        'claim_type',
        `${used} claim${used === 1 ? ' uses' : 's use'} this type (trashed ones included). Change their type first.`,
      );
    await tx.delete(claimTypes).where(eq(claimTypes.id, typeId));
    await audit(tx, {
      actorUserId: actor.userId,
      workspaceId: type.workspaceId,
      action: 'claim_type.delete',
      objectType: 'claim_type',
      objectId: typeId,
      ip: actor.ip,
      details: { name: type.name },
    });
  });
}
