'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { setUserDisabled } from '@/db/queries/accounts';
import { setAdministrator } from '@/db/queries/administrators';
import { setOpenSignUp } from '@/db/queries/settings';
import { validatedActionWithUser } from '@/app/_server/action';
import { appStore } from '@/app/_server/store';

export const setOpenSignUpAction = validatedActionWithUser(
  z.object({ enabled: z.enum(['true', 'false']) }),
  async ({ enabled }, { user }) => {
    const store = appStore();
    await setOpenSignUp(store, { actor: user, enabled: enabled === 'true' });
    revalidatePath('/admin');
    return { ok: true, message: enabled === 'true' ? 'Open sign-up is on.' : 'Open sign-up is off.' };
  },
);

export const setUserDisabledAction = validatedActionWithUser(
  z.object({ userId: z.string().min(1).max(100), disabled: z.enum(['true', 'false']) }),
  async ({ userId, disabled }, { user }) => {
    const store = appStore();
    await setUserDisabled(store, { actor: user, userId, disabled: disabled === 'true' });
    revalidatePath('/admin');
    return { ok: true, message: disabled === 'true' ? 'Account disabled.' : 'Account enabled.' };
  },
);

export const setAdministratorAction = validatedActionWithUser(
  z.object({ userId: z.string().min(1).max(100), admin: z.enum(['true', 'false']) }),
  async ({ userId, admin }, { user }) => {
    const store = appStore();
    await setAdministrator(store, { actor: user, userId, admin: admin === 'true' });
    revalidatePath('/admin');
    return { ok: true, message: admin === 'true' ? 'Administrator added.' : 'Administrator rights removed.' };
  },
);
