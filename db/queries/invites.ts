/** Invite links: created by owners with a role and an expiry, used once to join a workspace. */
import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { invalid, notFound } from '@/lib/errors';
import { can, type Role } from '@/lib/permissions';
import { randomToken, sha256 } from '@/lib/tokens';
import { first, type Db, type Store, type Tx } from '../store';
import { invites, memberships, users, workspaces } from '../schema';
import { audit } from '../audit';
import { authorize, type Actor } from './access';

/** A pending invite for this token: not expired, not used, not revoked, workspace still there. */
export async function findUsableInvite(tx: Db, token: string) {
  return (
    (await first(
      tx
        .select({
          id: invites.id,
          workspaceId: invites.workspaceId,
          role: invites.role,
          expiresAt: invites.expiresAt,
          createdBy: invites.createdBy,
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
        .limit(1),
    )) ?? null
  );
}

export const INVITER_CANNOT_INVITE =
  'The person who made this invite link can no longer invite people to this workspace, so the link does not work any more. Ask a workspace owner for a new one.';

/**
 * Whether the creator of an invite may still invite people to its workspace: an active account
 * whose role there allows managing members. Checked again whenever an invite is used.
 */
async function inviterMayStillInvite(tx: Db, inviteId: string): Promise<boolean> {
  const row = await first(
    tx
      .select({ role: memberships.role, disabledAt: users.disabledAt })
      .from(invites)
      .innerJoin(users, eq(users.id, invites.createdBy))
      .innerJoin(
        memberships,
        and(eq(memberships.workspaceId, invites.workspaceId), eq(memberships.userId, invites.createdBy)),
      )
      .where(eq(invites.id, inviteId))
      .limit(1),
  );
  return Boolean(row && !row.disabledAt && can(row.role, 'members.manage'));
}

/** `field`: the form field the refusal belongs to (the sign-up form's invite token), if any. */
async function assertInviterMayStillInvite(tx: Db, inviteId: string, field?: string): Promise<void> {
  if (!(await inviterMayStillInvite(tx, inviteId))) throw invalid('invite', INVITER_CANNOT_INVITE, field);
}

export type InviteRevocationReason =
  'creator_role_changed' | 'creator_removed' | 'creator_left' | 'creator_disabled';

/**
 * Revokes the pending invites `userId` made (in one workspace, or in all of them), inside the
 * caller's transaction, when they lose the right to invite; one audit event per invite.
 */
export async function revokeInvitesMadeBy(
  tx: Tx,
  {
    userId,
    workspaceId,
    reason,
    actorUserId,
    ip,
  }: {
    userId: string;
    workspaceId?: string;
    reason: InviteRevocationReason;
    actorUserId: string | null;
    ip?: string;
  },
): Promise<number> {
  const revoked = await tx
    .update(invites)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(invites.createdBy, userId),
        workspaceId ? eq(invites.workspaceId, workspaceId) : undefined,
        isNull(invites.acceptedAt),
        isNull(invites.revokedAt),
      ),
    )
    .returning({ id: invites.id, workspaceId: invites.workspaceId });
  for (const invite of revoked) {
    await audit(tx, {
      actorUserId,
      workspaceId: invite.workspaceId,
      action: 'invite.revoke',
      objectType: 'invite',
      objectId: invite.id,
      ip,
      details: { reason, createdBy: userId },
    });
  }
  return revoked.length;
}

export async function acceptInviteInTx(
  tx: Tx,
  invite: { id: string; workspaceId: string; role: Role },
  userId: string,
  ip?: string,
): Promise<void> {
  await assertInviterMayStillInvite(tx, invite.id, 'inviteToken');
  const claimed = await tx
    .update(invites)
    .set({ acceptedAt: new Date(), acceptedBy: userId })
    .where(and(eq(invites.id, invite.id), isNull(invites.acceptedAt), isNull(invites.revokedAt)))
    .returning({ id: invites.id });
  if (claimed.length !== 1) throw invalid('invite', 'This invite link was already used.', 'inviteToken');
  await tx
    .insert(memberships)
    .values({ workspaceId: invite.workspaceId, userId, role: invite.role })
    .onConflictDoNothing();
  await audit(tx, {
    actorUserId: userId,
    workspaceId: invite.workspaceId,
    action: 'invite.accept',
    objectType: 'invite',
    objectId: invite.id,
    ip,
    details: { role: invite.role },
  });
}

export async function createInvite(
  store: Store,
  {
    actor,
    workspaceId,
    role,
    expiresInDays,
  }: {
    actor: Actor;
    workspaceId: string;
    role: Role;
    expiresInDays: number;
  },
): Promise<{ inviteId: string; token: string; expiresAt: Date }> {
  const token = randomToken(32);
  const inviteId = randomUUID();
  const expiresAt = new Date(Date.now() + expiresInDays * 24 * 60 * 60 * 1000);
  await store.transaction(async (tx) => {
    await authorize(tx, actor, workspaceId, 'members.manage');
    await tx.insert(invites).values({
      id: inviteId,
      workspaceId,
      tokenHash: sha256(token),
      role,
      createdBy: actor.userId,
      expiresAt,
    });
    await audit(tx, {
      actorUserId: actor.userId,
      workspaceId,
      action: 'invite.create',
      objectType: 'invite',
      objectId: inviteId,
      ip: actor.ip,
      details: { role, expiresAt: expiresAt.toISOString() },
    });
  });
  return { inviteId, token, expiresAt };
}

export async function listPendingInvites(
  store: Store,
  { actor, workspaceId }: { actor: Actor; workspaceId: string },
) {
  const db = store.db;
  await authorize(db, actor, workspaceId, 'members.manage');
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
    .orderBy(desc(invites.createdAt));
}

export async function revokeInvite(
  store: Store,
  {
    actor,
    workspaceId,
    inviteId,
  }: {
    actor: Actor;
    workspaceId: string;
    inviteId: string;
  },
) {
  await store.transaction(async (tx) => {
    await authorize(tx, actor, workspaceId, 'members.manage');
    const revoked = await tx
      .update(invites)
      .set({ revokedAt: new Date() })
      .where(and(eq(invites.id, inviteId), eq(invites.workspaceId, workspaceId), isNull(invites.acceptedAt)))
      .returning({ id: invites.id });
    if (revoked.length !== 1) throw notFound('invite');
    await audit(tx, {
      actorUserId: actor.userId,
      workspaceId,
      action: 'invite.revoke',
      objectType: 'invite',
      objectId: inviteId,
      ip: actor.ip,
    });
  });
}

/**
 * A new link for a pending invite: only a hash of the token is stored, so a lost link cannot be
 * shown again; this gives the same invite (its role, its creator, its expiry) a fresh token, and
 * the old link stops working in the same write. Authorized like creating an invite; audited.
 */
export async function reissueInvite(
  store: Store,
  {
    actor,
    workspaceId,
    inviteId,
  }: {
    actor: Actor;
    workspaceId: string;
    inviteId: string;
  },
): Promise<{ inviteId: string; token: string; expiresAt: Date }> {
  const token = randomToken(32);
  return store.transaction(async (tx) => {
    await authorize(tx, actor, workspaceId, 'members.manage');
    const [invite] = await tx
      .update(invites)
      .set({ tokenHash: sha256(token) })
      .where(
        and(
          eq(invites.id, inviteId),
          eq(invites.workspaceId, workspaceId),
          isNull(invites.acceptedAt),
          isNull(invites.revokedAt),
          gt(invites.expiresAt, new Date()),
        ),
      )
      .returning({ id: invites.id, role: invites.role, expiresAt: invites.expiresAt });
    // Used, withdrawn, expired or in another workspace: there is no pending invite to renew.
    if (!invite) throw notFound('invite');
    await audit(tx, {
      actorUserId: actor.userId,
      workspaceId,
      action: 'invite.reissue',
      objectType: 'invite',
      objectId: inviteId,
      ip: actor.ip,
      details: { role: invite.role, expiresAt: invite.expiresAt.toISOString() },
    });
    return { inviteId, token, expiresAt: invite.expiresAt };
  });
}

/** What an invite link offers, shown to whoever holds the token (signed in or not). */
export async function previewInvite(store: Store, { token }: { token: string }) {
  const db = store.db;
  const invite = await findUsableInvite(db, token);
  if (!invite) return null;
  const workspace = await first(
    db
      .select({ name: workspaces.name })
      .from(workspaces)
      .where(eq(workspaces.id, invite.workspaceId))
      .limit(1),
  );
  return {
    workspaceId: invite.workspaceId,
    workspaceName: workspace?.name ?? '',
    role: invite.role,
    expiresAt: invite.expiresAt,
    /** Why the link cannot be used although it is pending (its creator lost the right to invite). */
    refusal: (await inviterMayStillInvite(db, invite.id)) ? null : INVITER_CANNOT_INVITE,
  };
}

/** A signed-in user accepts an invite. Already a member: the invite is used, the role is kept. */
export async function acceptInvite(
  store: Store,
  {
    actor,
    token,
  }: {
    actor: Actor;
    token: string;
  },
): Promise<{ workspaceId: string }> {
  return store.transaction(async (tx) => {
    const invite = await findUsableInvite(tx, token);
    if (!invite)
      throw invalid(
        'invite',
        'This invite link is invalid, expired, already used or withdrawn. Ask a workspace owner for a new one.',
      );
    await assertInviterMayStillInvite(tx, invite.id);
    const existing = await first(
      tx
        .select({ role: memberships.role })
        .from(memberships)
        .where(and(eq(memberships.workspaceId, invite.workspaceId), eq(memberships.userId, actor.userId)))
        .limit(1),
    );
    if (existing) {
      // Already a member: the link is used up all the same (it works once), the role is kept.
      const used = await tx
        .update(invites)
        .set({ acceptedAt: new Date(), acceptedBy: actor.userId })
        .where(and(eq(invites.id, invite.id), isNull(invites.acceptedAt), isNull(invites.revokedAt)))
        .returning({ id: invites.id });
      if (used.length !== 1) throw invalid('invite', 'This invite link was already used.');
      return { workspaceId: invite.workspaceId };
    }
    await acceptInviteInTx(tx, invite, actor.userId, actor.ip);
    return { workspaceId: invite.workspaceId };
  });
}
