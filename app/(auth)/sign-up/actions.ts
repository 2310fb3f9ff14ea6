'use server';

import { registerUser } from '@/db/queries/accounts';
import { requestIp } from '@/app/_server/request-ip';
import { validatedAction } from '@/app/_server/action';
import { appStore } from '@/app/_server/store';
import { SIGN_UP_READY, signUpSchema } from '@/lib/validation';

export const signUpAction = validatedAction(signUpSchema, async (data) => {
  const store = appStore();
  const result = await registerUser(store, {
    email: data.email,
    name: data.name,
    password: data.password,
    inviteToken: data.inviteToken || undefined,
    ip: await requestIp(),
  });
  return { ok: true, message: SIGN_UP_READY, data: { callbackUrl: result.callbackUrl } };
});
