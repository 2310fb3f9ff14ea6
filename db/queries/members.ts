/** Members of a workspace: list, change a role, remove. A workspace always keeps an owner. */
import { and, asc, count, eq } from 'drizzle-orm';
import { AppError, notFound } from '@/lib/errors';
import { can, type Role } from '@/lib/permissions';
import { getDb, type Tx } from '../client';
import { memberships, users } from '../schema';
import { audit } from '../audit';
import { publish } from '../events';
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

export async function listMembers({
  actor,
  workspaceId,
}: {
  actor: Actor;
  workspaceId: string;
}): Promise<MemberView[]> {
  const db = getDb();
  const role = authorize(db, actor, workspaceId, 'workspace.read');
  const seesEmails = can(role, 'members.manage');
  return db
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
    .orderBy(asc(users.name))
    .all()
    .map((m) => {
      const isYou = m.userId === actor.userId;
      return { ...m, email: seesEmails || isYou ? m.email : null, isYou };
    });
}

function memberRole(tx: Tx, workspaceId: string, userId: string): Role {
  const row = tx
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
    .get();
  if (!row) throw notFound('member');
  return row.role;
}

function assertKeepsAnOwner(tx: Tx, workspaceId: string, userId: string, currentRole: Role) {
  if (currentRole !== 'owner') return;
  const owners =
    tx
      .select({ n: count() })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, 'owner')))
      .get()?.n ?? 0;
  if (owners <= 1) {
    throw new AppError(
      'conflict',
      'member',
      'A workspace needs at least one owner. Make someone else owner first.',
    );
  }
}

export async function changeMemberRole({
  actor,
  workspaceId,
  userId,
  role,
}: {
  actor: Actor;
  workspaceId: string;
  userId: string;
  role: Role;
}) {
  getDb().transaction(
    (tx) => {
      authorize(tx, actor, workspaceId, 'members.manage');
      const before = memberRole(tx, workspaceId, userId);
      if (before === role) return;
      assertKeepsAnOwner(tx, workspaceId, userId, before);
      tx.update(memberships)
        .set({ role })
        .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
        .run();
      audit(tx, {
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
        revokeInvitesMadeBy(tx, {
          userId,
          workspaceId,
          reason: 'creator_role_changed',
          actorUserId: actor.userId,
          ip: actor.ip,
        });
      }
    },
    { behavior: 'immediate' },
  );
}

/** Owners remove anyone; any member may remove themselves (leave). */
export async function removeMember({
  actor,
  workspaceId,
  userId,
}: {
  actor: Actor;
  workspaceId: string;
  userId: string;
}) {
  getDb().transaction(
    (tx) => {
      authorize(tx, actor, workspaceId, userId === actor.userId ? 'workspace.read' : 'members.manage');
      const role = memberRole(tx, workspaceId, userId);
      assertKeepsAnOwner(tx, workspaceId, userId, role);
      tx.delete(memberships)
        .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
        .run();
      audit(tx, {
        actorUserId: actor.userId,
        workspaceId,
        action: userId === actor.userId ? 'member.leave' : 'member.remove',
        objectType: 'user',
        objectId: userId,
        ip: actor.ip,
        details: { role },
      });
      revokeInvitesMadeBy(tx, {
        userId,
        workspaceId,
        reason: userId === actor.userId ? 'creator_left' : 'creator_removed',
        actorUserId: actor.userId,
        ip: actor.ip,
      });
    },
    { behavior: 'immediate' },
  );
  // Their open live streams end now (db/queries/live.ts).
  publish({ type: 'access', workspaceId, userIds: [userId] });
}
