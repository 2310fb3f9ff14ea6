/**
 * Confirming the signed-in user's current password before a sensitive change (a new password, a
 * new API token). Wrong passwords are throttled per account (REAUTH_POLICY) with the shared
 * limiter: the attempt counts before Argon2 runs and is given back when the password is right.
 */
import { eq } from 'drizzle-orm';
import { AppError, invalid, notFound } from '@/lib/errors';
import { isServerBusy, verifyPassword } from '@/lib/password';
import { REAUTH_POLICY, describeRetryAfter } from '@/lib/throttle';
import { getDb } from '../client';
import { users } from '../schema';
import { audit } from '../audit';
import type { Actor } from './access';
import { auditRefusalOnce, releaseHits, takeHit } from './rate-limits';

const wrongPassword = () => invalid('user', 'Your current password is not correct.', 'currentPassword');

export async function confirmCurrentPassword({
  actor,
  currentPassword,
}: {
  actor: Actor;
  currentPassword: string | undefined;
}): Promise<void> {
  if (!currentPassword) throw invalid('user', 'Enter your current password.', 'currentPassword');
  const db = getDb();
  const key = `reauth:user:${actor.userId}`;
  const taken = db.transaction(
    (tx) => {
      const now = Date.now();
      const verdict = takeHit(tx, key, REAUTH_POLICY, now);
      if (!verdict.allowed) {
        auditRefusalOnce(tx, key, REAUTH_POLICY.windowMs, now, {
          actorUserId: actor.userId,
          action: 'user.reauth.throttled',
          objectType: 'user',
          objectId: actor.userId,
          ip: actor.ip,
        });
      }
      return verdict;
    },
    { behavior: 'immediate' },
  );
  if (!taken.allowed) {
    throw new AppError(
      'rate_limited',
      'user',
      `Too many wrong passwords. Try again in ${describeRetryAfter(taken.retryAfterSeconds)}.`,
      { retryAfterSeconds: taken.retryAfterSeconds },
    );
  }
  const user = db.select().from(users).where(eq(users.id, actor.userId)).get();
  if (!user) throw notFound('user');
  let ok: boolean;
  try {
    ok = await verifyPassword(user.passwordHash, currentPassword);
  } catch (error) {
    if (isServerBusy(error)) releaseHits(db, [taken.hitId!]);
    throw error;
  }
  if (ok) {
    releaseHits(db, [taken.hitId!]);
    return;
  }
  audit(db, {
    actorUserId: actor.userId,
    action: 'user.reauth.failed',
    objectType: 'user',
    objectId: actor.userId,
    ip: actor.ip,
  });
  throw wrongPassword();
}
