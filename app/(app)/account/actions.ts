'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { changePassword } from '@/db/queries/accounts';
import { revokeOtherSessions } from '@/db/queries/sessions';
import { validatedActionWithUser } from '@/app/_server/action';
import { changePasswordSchema } from '@/lib/validation';

export const changePasswordAction = validatedActionWithUser(changePasswordSchema, async (data, { user }) => {
  const { endedSessions } = await changePassword({
    actor: user,
    currentPassword: data.currentPassword,
    newPassword: data.newPassword,
  });
  revalidatePath('/account');
  return {
    ok: true,
    message:
      endedSessions > 0
        ? `Password changed. ${endedSessions} other session${endedSessions === 1 ? ' was' : 's were'} signed out.`
        : 'Password changed.',
  };
});

export const signOutOtherSessionsAction = validatedActionWithUser(z.object({}), async (_data, { user }) => {
  const n = await revokeOtherSessions({ actor: user });
  revalidatePath('/account');
  return { ok: true, message: `${n} other session${n === 1 ? '' : 's'} signed out.` };
});
