'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { changePassword } from '@/db/queries/accounts';
import { createApiToken, revokeApiToken } from '@/db/queries/api-tokens';
import { revokeOtherSessions } from '@/db/queries/sessions';
import { validatedActionWithUser } from '@/app/_server/action';
import { appStore } from '@/app/_server/store';
import { apiTokenInputSchema } from '@/lib/api/token-input';
import { describePasswordChange } from '@/lib/password-change';
import { changePasswordSchema, currentPasswordSchema } from '@/lib/validation';

export const changePasswordAction = validatedActionWithUser(changePasswordSchema, async (data, { user }) => {
  const store = appStore();
  const result = await changePassword(store, {
    actor: user,
    currentPassword: data.currentPassword,
    newPassword: data.newPassword,
  });
  revalidatePath('/account');
  return { ok: true, message: describePasswordChange('Password changed', result) };
});

export const signOutOtherSessionsAction = validatedActionWithUser(z.object({}), async (_data, { user }) => {
  const store = appStore();
  const n = await revokeOtherSessions(store, { actor: user });
  revalidatePath('/account');
  return { ok: true, message: `${n} other session${n === 1 ? '' : 's'} signed out.` };
});

/** Makes a personal access token; the form shows the token once (it is never stored). */
const createTokenSchema = apiTokenInputSchema.extend({ currentPassword: currentPasswordSchema });

export const createApiTokenAction = validatedActionWithUser(createTokenSchema, async (data, { user }) => {
  const store = appStore();
  const { token, apiToken } = await createApiToken(store, {
    actor: user,
    name: data.name,
    expiresInDays: data.expiresInDays,
    currentPassword: data.currentPassword,
  });
  revalidatePath('/account');
  return {
    ok: true,
    message: `Token “${apiToken.name}” created. Copy it now: it will not be shown again.`,
    data: { token },
  };
});

export const revokeApiTokenAction = validatedActionWithUser(
  z.object({ tokenId: z.string().min(1).max(100) }),
  async (data, { user }) => {
    const store = appStore();
    const revoked = await revokeApiToken(store, { actor: user, tokenId: data.tokenId });
    revalidatePath('/account');
    return { ok: true, message: `Token “${revoked.name}” revoked.` };
  },
);
