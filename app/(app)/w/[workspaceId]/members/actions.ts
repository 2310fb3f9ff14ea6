'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { createInvite, reissueInvite, revokeInvite } from '@/db/queries/invites';
import { changeMemberRole, removeMember } from '@/db/queries/members';
import { validatedActionWithUser } from '@/app/_server/action';
import { appStore } from '@/app/_server/store';
import { inviteSchema, roleSchema } from '@/lib/validation';

const id = z.string().min(1).max(100);

export const createInviteAction = validatedActionWithUser(
  inviteSchema.extend({ workspaceId: id }),
  async ({ workspaceId, role, expiresInDays }, { user }) => {
    const store = appStore();
    const invite = await createInvite(store, { actor: user, workspaceId, role, expiresInDays });
    revalidatePath(`/w/${workspaceId}/members`);
    return {
      ok: true,
      message: `Invite link created. It works once, until ${invite.expiresAt.toUTCString()}.`,
      data: { path: `/invite/${invite.token}` },
    };
  },
);

/** A fresh link for a pending invite (the earlier link stops working). */
export const reissueInviteAction = validatedActionWithUser(
  z.object({ workspaceId: id, inviteId: id }),
  async ({ workspaceId, inviteId }, { user }) => {
    const store = appStore();
    const invite = await reissueInvite(store, { actor: user, workspaceId, inviteId });
    return {
      ok: true,
      message: `New link made: the previous link no longer works. This one works once, until ${invite.expiresAt.toUTCString()}.`,
      data: { path: `/invite/${invite.token}` },
    };
  },
);

export const revokeInviteAction = validatedActionWithUser(
  z.object({ workspaceId: id, inviteId: id }),
  async ({ workspaceId, inviteId }, { user }) => {
    const store = appStore();
    await revokeInvite(store, { actor: user, workspaceId, inviteId });
    revalidatePath(`/w/${workspaceId}/members`);
    return { ok: true, message: 'Invite revoked.' };
  },
);

export const changeRoleAction = validatedActionWithUser(
  z.object({ workspaceId: id, userId: id, role: roleSchema }),
  async ({ workspaceId, userId, role }, { user }) => {
    const store = appStore();
    await changeMemberRole(store, { actor: user, workspaceId, userId, role });
    revalidatePath(`/w/${workspaceId}`, 'layout');
    return { ok: true, message: 'Role changed.' };
  },
);

export const removeMemberAction = validatedActionWithUser(
  z.object({ workspaceId: id, userId: id }),
  async ({ workspaceId, userId }, { user }) => {
    const store = appStore();
    await removeMember(store, { actor: user, workspaceId, userId });
    if (userId === user.userId) redirect('/workspaces');
    revalidatePath(`/w/${workspaceId}`, 'layout');
    return { ok: true, message: 'Member removed.' };
  },
);
