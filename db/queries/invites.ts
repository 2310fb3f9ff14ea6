/** Invite links: created by owners with a role and an expiry, used once to join a workspace. */
import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { invalid, notFound } from '@/lib/errors';
import type { Role } from '@/lib/permissions';
import { randomToken, sha256 } from '@/lib/tokens';
import { getDb, type Db, type Tx } from '../client';
import { invites, memberships, users, workspaces } from '../schema';
import { audit } from '../audit';
import { authorize, type Actor } from './access';

/** A pending invite for this token: not expired, not used, not revoked, workspace still there. */
export function findUsableInvite(tx: Tx | Db, token: string) {
  return (
    tx
      .select({
        id: invites.id,
        workspaceId: invites.workspaceId,
        role: invites.role,
        expiresAt: invites.expiresAt,
      })
      .from(invites)
      .innerJoin(workspaces, eq(workspaces.id, invites.workspaceId))
      .where(
        and(
          eq(invites.tokenHash, sha256(token)),
          isNull(invites.acceptedAt),
          isNull(invites.revokedAt),
          gt(invites.expiresAt, new Date()),
        ),
      )
      .get() ?? null
  );
}

export function acceptInviteInTx(
  tx: Tx,
  invite: { id: string; workspaceId: string; role: Role },
  userId: string,
  ip?: string,
): void {
  const claimed = tx
    .update(invites)
    .set({ acceptedAt: new Date(), acceptedBy: userId })
    .where(and(eq(invites.id, invite.id), isNull(invites.acceptedAt), isNull(invites.revokedAt)))
    .run();
  if (claimed.changes !== 1) throw invalid('invite', 'This invite link was already used.', 'inviteToken');
  tx.insert(memberships)
    .values({ workspaceId: invite.workspaceId, userId, role: invite.role })
    .onConflictDoNothing()
    .run();
  audit(tx, {
    actorUserId: userId,
    workspaceId: invite.workspaceId,
    action: 'invite.accept',
    objectType: 'invite',
    objectId: invite.id,
    ip,
    details: { role: invite.role },
  });
}

export async function createInvite({
  actor,
  workspaceId,
  role,
  expiresInDays,
}: {
  actor: Actor;
  workspaceId: string;
  role: Role;
  expiresInDays: number;
}): Promise<{ inviteId: string; token: string; expiresAt: Date }> {
  const token = randomToken(32);
  const inviteId = randomUUID();
  const expiresAt = new Date(Date.now() + expiresInDays * 24 * 60 * 60 * 1000);
  getDb().transaction(
    (tx) => {
      authorize(tx, actor, workspaceId, 'members.manage');
      tx.insert(invites)
        .values({
          id: inviteId,
          workspaceId,
          tokenHash: sha256(token),
          role,
          createdBy: actor.userId,
          expiresAt,
        })
        .run();
      audit(tx, {
        actorUserId: actor.userId,
        workspaceId,
        action: 'invite.create',
        objectType: 'invite',
        objectId: inviteId,
        ip: actor.ip,
        details: { role, expiresAt: expiresAt.toISOString() },
      });
    },
    { behavior: 'immediate' },
  );
  return { inviteId, token, expiresAt };
}

export async function listPendingInvites({ actor, workspaceId }: { actor: Actor; workspaceId: string }) {
  const db = getDb();
  authorize(db, actor, workspaceId, 'members.manage');
  return db
    .select({
      id: invites.id,
      role: invites.role,
      createdAt: invites.createdAt,
      expiresAt: invites.expiresAt,
      createdByName: users.name,
    })
    .from(invites)
    .leftJoin(users, eq(users.id, invites.createdBy))
    .where(
      and(
        eq(invites.workspaceId, workspaceId),
        isNull(invites.acceptedAt),
        isNull(invites.revokedAt),
        gt(invites.expiresAt, new Date()),
      ),
    )
    .orderBy(desc(invites.createdAt))
    .all();
}

export async function revokeInvite({
  actor,
  workspaceId,
  inviteId,
}: {
  actor: Actor;
  workspaceId: string;
  inviteId: string;
}) {
  getDb().transaction(
    (tx) => {
      authorize(tx, actor, workspaceId, 'members.manage');
      const result = tx
        .update(invites)
        .set({ revokedAt: new Date() })
        .where(
          and(eq(invites.id, inviteId), eq(invites.workspaceId, workspaceId), isNull(invites.acceptedAt)),
        )
        .run();
      if (result.changes !== 1) throw notFound('invite');
      audit(tx, {
        actorUserId: actor.userId,
        workspaceId,
        action: 'invite.revoke',
        objectType: 'invite',
        objectId: inviteId,
        ip: actor.ip,
      });
    },
    { behavior: 'immediate' },
  );
}

/** What an invite link offers, shown to whoever holds the token (signed in or not). */
export async function previewInvite({ token }: { token: string }) {
  const db = getDb();
  const invite = findUsableInvite(db, token);
  if (!invite) return null;
  const workspace = db
    .select({ name: workspaces.name })
    .from(workspaces)
    .where(eq(workspaces.id, invite.workspaceId))
    .get();
  return {
    workspaceId: invite.workspaceId,
    workspaceName: workspace?.name ?? '',
    role: invite.role,
    expiresAt: invite.expiresAt,
  };
}

/** A signed-in user accepts an invite. Already a member: the invite is used, the role is kept. */
export async function acceptInvite({
  actor,
  token,
}: {
  actor: Actor;
  token: string;
}): Promise<{ workspaceId: string }> {
  return getDb().transaction(
    (tx) => {
      const invite = findUsableInvite(tx, token);
      if (!invite) throw invalid('invite', 'This invite link is invalid, expired or already used.');
      const existing = tx
        .select({ role: memberships.role })
        .from(memberships)
        .where(and(eq(memberships.workspaceId, invite.workspaceId), eq(memberships.userId, actor.userId)))
        .get();
      if (existing) {
        // Already a member: the link is used up all the same (it works once), the role is kept.
        tx.update(invites)
          .set({ acceptedAt: new Date(), acceptedBy: actor.userId })
          .where(eq(invites.id, invite.id))
          .run();
        return { workspaceId: invite.workspaceId };
      }
      acceptInviteInTx(tx, invite, actor.userId, actor.ip);
      return { workspaceId: invite.workspaceId };
    },
    { behavior: 'immediate' },
  );
}
