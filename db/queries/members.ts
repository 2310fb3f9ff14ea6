/** Members of a workspace: list, change a role, remove. A workspace always keeps an owner. */
import { and, asc, count, eq } from 'drizzle-orm';
import { AppError, notFound } from '@/lib/errors';
import { can, type Role } from '@/lib/permissions';
import { lockForUpdate } from '../dialect';
import { first, type Db, type Store } from '../store';
import { memberships, users } from '../schema';
import { audit } from '../audit';
import { deliverCommitted, emit } from './outbox';
import { authorize, type Actor } from './access';
import { revokeInvitesMadeBy } from './invites';

export interface MemberView {
  userId: string;
  name: string;
  /** Only for owners (who manage members), and one's own: other members never see emails. */
  email: string | null;
  role: Role;
  joinedAt: Date;
  isYou: boolean;
}

export async function listMembers(
  store: Store,
  {
    actor,
    workspaceId,
  }: {
    actor: Actor;
    workspaceId: string;
  },
): Promise<MemberView[]> {
  const db = store.db;
  const role = await authorize(db, actor, workspaceId, 'workspace.read');
  const seesEmails = can(role, 'members.manage');
  const rows = await db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      role: memberships.role,
      joinedAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, workspaceId))
    .orderBy(asc(users.name));
  return rows.map((m) => {
    const isYou = m.userId === actor.userId;
    return { ...m, email: seesEmails || isYou ? m.email : null, isYou };
  });
}

async function memberRole(tx: Db, workspaceId: string, userId: string): Promise<Role> {
  const row = await first(
    tx
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
      .limit(1),
  );
  if (!row) throw notFound('member');
  return row.role;
}

async function assertKeepsAnOwner(
  tx: Db,
  workspaceId: string,
  userId: string,
  currentRole: Role,
): Promise<void> {
  if (currentRole !== 'owner') return;
  // Two owners stepping down at once must not both see the other still there (PostgreSQL).
  const owned = and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, 'owner'));
  await lockForUpdate(tx, memberships, owned);
  const owners = (await first(tx.select({ n: count() }).from(memberships).where(owned)))?.n ?? 0;
  if (owners <= 1) {
    throw new AppError(
      'conflict',
      'member',
      'A workspace needs at least one owner. Make someone else owner first.',
    );
  }
}

export async function changeMemberRole(
  store: Store,
  {
    actor,
    workspaceId,
    userId,
    role,
  }: {
    actor: Actor;
    workspaceId: string;
    userId: string;
    role: Role;
  },
) {
  await store.transaction(async (tx) => {
    await authorize(tx, actor, workspaceId, 'members.manage');
    const before = await memberRole(tx, workspaceId, userId);
    if (before === role) return;
    await assertKeepsAnOwner(tx, workspaceId, userId, before);
    await tx
      .update(memberships)
      .set({ role })
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
    await audit(tx, {
      actorUserId: actor.userId,
      workspaceId,
      action: 'member.role_change',
      objectType: 'user',
      objectId: userId,
      ip: actor.ip,
      details: { from: before, to: role },
    });
    // Their invites of this workspace end with their right to invite (issue 11, defect 5).
    if (!can(role, 'members.manage')) {
      await revokeInvitesMadeBy(tx, {
        userId,
        workspaceId,
        reason: 'creator_role_changed',
        actorUserId: actor.userId,
        ip: actor.ip,
      });
    }
  });
}

/** Owners remove anyone; any member may remove themselves (leave). */
export async function removeMember(
  store: Store,
  {
    actor,
    workspaceId,
    userId,
  }: {
    actor: Actor;
    workspaceId: string;
    userId: string;
  },
) {
  await store.transaction(async (tx) => {
    await authorize(tx, actor, workspaceId, userId === actor.userId ? 'workspace.read' : 'members.manage');
    const role = await memberRole(tx, workspaceId, userId);
    await assertKeepsAnOwner(tx, workspaceId, userId, role);
    await tx
      .delete(memberships)
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
    await audit(tx, {
      actorUserId: actor.userId,
      workspaceId,
      action: userId === actor.userId ? 'member.leave' : 'member.remove',
      objectType: 'user',
      objectId: userId,
      ip: actor.ip,
      details: { role },
    });
    await revokeInvitesMadeBy(tx, {
      userId,
      workspaceId,
      reason: userId === actor.userId ? 'creator_left' : 'creator_removed',
      actorUserId: actor.userId,
      ip: actor.ip,
    });
    // Their open live streams end now (db/queries/live.ts), in every process.
    await emit(tx, { type: 'access', workspaceId, userIds: [userId] });
  });
  await deliverCommitted(store);
}
