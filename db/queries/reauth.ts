/**
 * Confirming the signed-in user's current password before a sensitive change (a new password, a
 * new API token). Wrong passwords are throttled per account (REAUTH_POLICY) with the shared
 * limiter: the attempt counts before Argon2 runs and is given back when the password is right.
 */
import { eq } from 'drizzle-orm';
import { AppError, invalid, notFound } from '@/lib/errors';
import { isServerBusy, verifyPassword } from '@/lib/password';
import { REAUTH_POLICY, describeRetryAfter } from '@/lib/throttle';
import { first, type Store } from '../store';
import { users } from '../schema';
import { audit } from '../audit';
import type { Actor } from './access';
import { auditRefusalOnce, releaseHits, takeHit } from './rate-limits';

const wrongPassword = () => invalid('user', 'Your current password is not correct.', 'currentPassword');

export async function confirmCurrentPassword(
  store: Store,
  {
    actor,
    currentPassword,
  }: {
    actor: Actor;
    currentPassword: string | undefined;
  },
): Promise<void> {
  if (!currentPassword) throw invalid('user', 'Enter your current password.', 'currentPassword');
  const key = `reauth:user:${actor.userId}`;
  const taken = await store.transaction(async (tx) => {
    const now = Date.now();
    const verdict = await takeHit(tx, key, REAUTH_POLICY, now);
    if (!verdict.allowed) {
      await auditRefusalOnce(tx, key, REAUTH_POLICY.windowMs, now, {
        actorUserId: actor.userId,
        action: 'user.reauth.throttled',
        objectType: 'user',
        objectId: actor.userId,
        ip: actor.ip,
      });
    }
    return verdict;
  });
  if (!taken.allowed) {
    throw new AppError(
      'rate_limited',
      'user',
      `Too many wrong passwords. Try again in ${describeRetryAfter(taken.retryAfterSeconds)}.`,
      { retryAfterSeconds: taken.retryAfterSeconds },
    );
  }
  const user = await first(store.db.select().from(users).where(eq(users.id, actor.userId)).limit(1));
  if (!user) throw notFound('user');
  // Argon2 runs outside any transaction; its outcome is written in a short one of its own.
  let ok: boolean;
  try {
    ok = await verifyPassword(user.passwordHash, currentPassword);
  } catch (error) {
    if (isServerBusy(error)) await store.transaction((tx) => releaseHits(tx, [taken.hitId!]));
    throw error;
  }
  if (ok) {
    await store.transaction((tx) => releaseHits(tx, [taken.hitId!]));
    return;
  }
  await store.transaction((tx) =>
    audit(tx, {
      actorUserId: actor.userId,
      action: 'user.reauth.failed',
      objectType: 'user',
      objectId: actor.userId,
      ip: actor.ip,
    }),
  );
  throw wrongPassword();
}
