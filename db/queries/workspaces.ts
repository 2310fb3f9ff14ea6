/** Workspaces: create, list mine, read one, rename, delete. */
import { and, asc, count, eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { AppError, invalid, notFound } from '@/lib/errors';
import { allowedActions, type Action, type Role } from '@/lib/permissions';
import { first, type Store, type Tx } from '../store';
import { memberships, users, workspaces } from '../schema';
import { audit } from '../audit';
import { deliverCommitted, emit } from './outbox';
import { authorize, type Actor } from './access';
import { insertClaimTypes, insertDefaultClaimTypes } from './claim-types';

export interface WorkspaceView {
  id: string;
  name: string;
  role: Role;
  can: Action[];
  memberCount: number;
  isDemo: boolean;
  /** Assessments are blind: each analyst sees the others' only after submitting their own. */
  blindAssessments: boolean;
  createdAt: Date;
}

async function insertWorkspace(
  tx: Tx,
  {
    name,
    ownerId,
    isDemo,
    actorUserId,
    ip,
    claimTypes,
  }: {
    name: string;
    ownerId: string;
    isDemo?: boolean;
    actorUserId: string | null;
    ip?: string;
    claimTypes?: { name: string; color: string; description: string | null }[];
  },
): Promise<string> {
  const id = randomUUID();
  await tx.insert(workspaces).values({ id, name, createdBy: ownerId, isDemo: isDemo ?? false });
  await tx.insert(memberships).values({ workspaceId: id, userId: ownerId, role: 'owner' });
  if (claimTypes) await insertClaimTypes(tx, id, claimTypes);
  else await insertDefaultClaimTypes(tx, id);
  await audit(tx, {
    actorUserId,
    workspaceId: id,
    action: 'workspace.create',
    objectType: 'workspace',
    objectId: id,
    ip,
    details: { name, owner: ownerId },
  });
  return id;
}

export async function createWorkspace(
  store: Store,
  {
    actor,
    name,
  }: {
    actor: Actor;
    name: string;
  },
): Promise<{ workspaceId: string }> {
  const workspaceId = await store.transaction((tx) =>
    insertWorkspace(tx, { name, ownerId: actor.userId, actorUserId: actor.userId, ip: actor.ip }),
  );
  return { workspaceId };
}

/** For the operator (CLI) and the demo seed: a workspace owned by the account with this email. */
export async function createWorkspaceForOwner(
  store: Store,
  {
    name,
    ownerEmail,
    isDemo,
    claimTypes,
  }: {
    name: string;
    ownerEmail: string;
    isDemo?: boolean;
    claimTypes?: { name: string; color: string; description: string | null }[];
  },
) {
  return store.transaction(async (tx) => {
    const owner = await first(
      tx
        .select({ id: users.id })
        .from(users)
        .where(eq(users.email, ownerEmail.trim().toLowerCase()))
        .limit(1),
    );
    if (!owner) throw new AppError('not_found', 'user', `No account has the email ${ownerEmail}.`);
    return {
      workspaceId: await insertWorkspace(tx, {
        name,
        ownerId: owner.id,
        isDemo,
        actorUserId: null,
        claimTypes,
      }),
    };
  });
}

export async function listMyWorkspaces(store: Store, { actor }: { actor: Actor }): Promise<WorkspaceView[]> {
  const db = store.db;
  const memberCounts = db
    .select({ workspaceId: memberships.workspaceId, n: count().as('n') })
    .from(memberships)
    .groupBy(memberships.workspaceId)
    .as('member_counts');
  const rows = await db
    .select({ workspace: workspaces, role: memberships.role, memberCount: memberCounts.n })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .innerJoin(memberCounts, eq(memberCounts.workspaceId, workspaces.id))
    .where(eq(memberships.userId, actor.userId))
    .orderBy(asc(workspaces.name));
  return rows.map((r) => present(r.workspace, r.role, r.memberCount));
}

export async function getWorkspace(
  store: Store,
  {
    actor,
    workspaceId,
  }: {
    actor: Actor;
    workspaceId: string;
  },
): Promise<WorkspaceView> {
  const db = store.db;
  const role = await authorize(db, actor, workspaceId, 'workspace.read');
  const workspace = await first(db.select().from(workspaces).where(eq(workspaces.id, workspaceId)).limit(1));
  if (!workspace) throw notFound('workspace');
  const memberCount =
    (await first(db.select({ n: count() }).from(memberships).where(eq(memberships.workspaceId, workspaceId))))
      ?.n ?? 0;
  return present(workspace, role, memberCount);
}

function present(w: typeof workspaces.$inferSelect, role: Role, memberCount: number): WorkspaceView {
  return {
    id: w.id,
    name: w.name,
    role,
    can: allowedActions(role),
    memberCount,
    isDemo: w.isDemo,
    blindAssessments: w.blindAssessments,
    createdAt: w.createdAt,
  };
}

export async function renameWorkspace(
  store: Store,
  {
    actor,
    workspaceId,
    name,
  }: {
    actor: Actor;
    workspaceId: string;
    name: string;
  },
) {
  await store.transaction(async (tx) => {
    await authorize(tx, actor, workspaceId, 'workspace.rename');
    const before = await first(
      tx.select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, workspaceId)).limit(1),
    );
    await tx.update(workspaces).set({ name, updatedAt: new Date() }).where(eq(workspaces.id, workspaceId));
    await audit(tx, {
      actorUserId: actor.userId,
      workspaceId,
      action: 'workspace.rename',
      objectType: 'workspace',
      objectId: workspaceId,
      ip: actor.ip,
      details: { from: before?.name, to: name },
    });
  });
}

/** Deletes a workspace and everything in it. The caller must repeat its exact name. */
export async function deleteWorkspace(
  store: Store,
  {
    actor,
    workspaceId,
    confirmName,
  }: {
    actor: Actor;
    workspaceId: string;
    confirmName: string;
  },
) {
  await store.transaction(async (tx) => {
    await authorize(tx, actor, workspaceId, 'workspace.delete');
    const workspace = await first(
      tx
        .select()
        .from(workspaces)
        .where(and(eq(workspaces.id, workspaceId)))
        .limit(1),
    );
    if (!workspace) throw notFound('workspace');
    if (workspace.name !== confirmName.trim()) {
      throw invalid('workspace', 'Type the workspace name exactly to confirm.', 'confirmName');
    }
    const userIds = (
      await tx
        .select({ userId: memberships.userId })
        .from(memberships)
        .where(eq(memberships.workspaceId, workspaceId))
    ).map((m) => m.userId);
    await tx.delete(workspaces).where(eq(workspaces.id, workspaceId));
    await audit(tx, {
      actorUserId: actor.userId,
      workspaceId,
      action: 'workspace.delete',
      objectType: 'workspace',
      objectId: workspaceId,
      ip: actor.ip,
      details: { name: workspace.name },
    });
    // Open live streams of the workspace end now (db/queries/live.ts), in every process.
    await emit(tx, { type: 'access', workspaceId, userIds });
    return userIds;
  });
  await deliverCommitted(store);
}
