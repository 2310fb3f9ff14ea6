'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { acceptInvite } from '@/db/queries/invites';
import { registerUser } from '@/db/queries/accounts';
import { requestIp } from '@/app/_server/request-ip';
import { appStore } from '@/app/_server/store';
import { validatedAction, validatedActionWithUser } from '@/app/_server/action';
import { SIGN_UP_READY, signUpSchema } from '@/lib/validation';

export const acceptInviteAction = validatedActionWithUser(
  z.object({ token: z.string().min(1).max(200) }),
  async ({ token }, { user }) => {
    const store = appStore();
    const { workspaceId } = await acceptInvite(store, { actor: user, token });
    redirect(`/w/${workspaceId}`);
  },
);

export const signUpWithInviteAction = validatedAction(signUpSchema, async (data) => {
  const store = appStore();
  if (!data.inviteToken) return { ok: false, message: 'This invite link is incomplete.' };
  const result = await registerUser(store, {
    email: data.email,
    name: data.name,
    password: data.password,
    inviteToken: data.inviteToken,
    ip: await requestIp(),
  });
  return { ok: true, message: SIGN_UP_READY, data: { callbackUrl: result.callbackUrl } };
});
