/** Workspaces: create, list mine, read one, rename, delete. */
import { and, asc, count, eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { AppError, invalid, notFound } from '@/lib/errors';
import { allowedActions, type Action, type Role } from '@/lib/permissions';
import { getDb, type Tx } from '../client';
import { memberships, users, workspaces } from '../schema';
import { audit } from '../audit';
import { publish } from '../events';
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

function insertWorkspace(
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
): string {
  const id = randomUUID();
  tx.insert(workspaces)
    .values({ id, name, createdBy: ownerId, isDemo: isDemo ?? false })
    .run();
  tx.insert(memberships).values({ workspaceId: id, userId: ownerId, role: 'owner' }).run();
  if (claimTypes) insertClaimTypes(tx, id, claimTypes);
  else insertDefaultClaimTypes(tx, id);
  audit(tx, {
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

export async function createWorkspace({
  actor,
  name,
}: {
  actor: Actor;
  name: string;
}): Promise<{ workspaceId: string }> {
  const workspaceId = getDb().transaction(
    (tx) => insertWorkspace(tx, { name, ownerId: actor.userId, actorUserId: actor.userId, ip: actor.ip }),
    { behavior: 'immediate' },
  );
  return { workspaceId };
}

/** For the operator (CLI) and the demo seed: a workspace owned by the account with this email. */
export async function createWorkspaceForOwner({
  name,
  ownerEmail,
  isDemo,
  claimTypes,
}: {
  name: string;
  ownerEmail: string;
  isDemo?: boolean;
  claimTypes?: { name: string; color: string; description: string | null }[];
}) {
  return getDb().transaction(
    (tx) => {
      const owner = tx
        .select({ id: users.id })
        .from(users)
        .where(eq(users.email, ownerEmail.trim().toLowerCase()))
        .get();
      if (!owner) throw new AppError('not_found', 'user', `No account has the email ${ownerEmail}.`);
      return {
        workspaceId: insertWorkspace(tx, { name, ownerId: owner.id, isDemo, actorUserId: null, claimTypes }),
      };
    },
    { behavior: 'immediate' },
  );
}

export async function listMyWorkspaces({ actor }: { actor: Actor }): Promise<WorkspaceView[]> {
  const db = getDb();
  const memberCounts = db
    .select({ workspaceId: memberships.workspaceId, n: count().as('n') })
    .from(memberships)
    .groupBy(memberships.workspaceId)
    .as('member_counts');
  const rows = db
    .select({ workspace: workspaces, role: memberships.role, memberCount: memberCounts.n })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .innerJoin(memberCounts, eq(memberCounts.workspaceId, workspaces.id))
    .where(eq(memberships.userId, actor.userId))
    .orderBy(asc(workspaces.name))
    .all();
  return rows.map((r) => present(r.workspace, r.role, r.memberCount));
}

export async function getWorkspace({
  actor,
  workspaceId,
}: {
  actor: Actor;
  workspaceId: string;
}): Promise<WorkspaceView> {
  const db = getDb();
  const role = authorize(db, actor, workspaceId, 'workspace.read');
  const workspace = db.select().from(workspaces).where(eq(workspaces.id, workspaceId)).get();
  if (!workspace) throw notFound('workspace');
  const memberCount =
    db.select({ n: count() }).from(memberships).where(eq(memberships.workspaceId, workspaceId)).get()?.n ?? 0;
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

export async function renameWorkspace({
  actor,
  workspaceId,
  name,
}: {
  actor: Actor;
  workspaceId: string;
  name: string;
}) {
  getDb().transaction(
    (tx) => {
      authorize(tx, actor, workspaceId, 'workspace.rename');
      const before = tx
        .select({ name: workspaces.name })
        .from(workspaces)
        .where(eq(workspaces.id, workspaceId))
        .get();
      tx.update(workspaces).set({ name, updatedAt: new Date() }).where(eq(workspaces.id, workspaceId)).run();
      audit(tx, {
        actorUserId: actor.userId,
        workspaceId,
        action: 'workspace.rename',
        objectType: 'workspace',
        objectId: workspaceId,
        ip: actor.ip,
        details: { from: before?.name, to: name },
      });
    },
    { behavior: 'immediate' },
  );
}

/** Deletes a workspace and everything in it. The caller must repeat its exact name. */
export async function deleteWorkspace({
  actor,
  workspaceId,
  confirmName,
}: {
  actor: Actor;
  workspaceId: string;
  confirmName: string;
}) {
  const members = getDb().transaction(
    (tx) => {
      authorize(tx, actor, workspaceId, 'workspace.delete');
      const workspace = tx
        .select()
        .from(workspaces)
        .where(and(eq(workspaces.id, workspaceId)))
        .get();
      if (!workspace) throw notFound('workspace');
      if (workspace.name !== confirmName.trim()) {
        throw invalid('workspace', 'Type the workspace name exactly to confirm.', 'confirmName');
      }
      const userIds = tx
        .select({ userId: memberships.userId })
        .from(memberships)
        .where(eq(memberships.workspaceId, workspaceId))
        .all()
        .map((m) => m.userId);
      tx.delete(workspaces).where(eq(workspaces.id, workspaceId)).run();
      audit(tx, {
        actorUserId: actor.userId,
        workspaceId,
        action: 'workspace.delete',
        objectType: 'workspace',
        objectId: workspaceId,
        ip: actor.ip,
        details: { name: workspace.name },
      });
      return userIds;
    },
    { behavior: 'immediate' },
  );
  // Open live streams of the workspace end now (db/queries/live.ts).
  publish({ type: 'access', workspaceId, userIds: members });
}
